// Package v1alpha1 holds the MyAccountConfig API, shared by the Kubernetes
// operator (as a CRD) and the CLI (as its YAML config and state file).
//
// +kubebuilder:object:generate=true
// +groupName=myaccount.tenantcfg.io
package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var (
	// GroupVersion is the group and version of this API.
	GroupVersion = schema.GroupVersion{Group: "myaccount.tenantcfg.io", Version: "v1alpha1"}

	// SchemeBuilder registers the types of this API.
	SchemeBuilder = runtime.NewSchemeBuilder(addKnownTypes)

	// AddToScheme adds the types of this API to a scheme.
	AddToScheme = SchemeBuilder.AddToScheme
)

// Kind is the kind of MyAccountConfig objects.
const Kind = "MyAccountConfig"

func addKnownTypes(s *runtime.Scheme) error {
	s.AddKnownTypes(GroupVersion, &MyAccountConfig{}, &MyAccountConfigList{})
	metav1.AddToGroupVersion(s, GroupVersion)
	return nil
}

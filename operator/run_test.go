package operator

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
)

// TestSlimCachedKeepsWhatTheOperatorReads: a cached Secret keeps only what
// maps it to its objects and tells a rotation; a cached object loses only
// managed fields and kubectl's last-applied copy.
func TestSlimCachedKeepsWhatTheOperatorReads(t *testing.T) {
	managed := []metav1.ManagedFieldsEntry{{Manager: "kubectl"}}
	secret := &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Name: "creds", Namespace: "ns", UID: "u1", ResourceVersion: "7",
		Labels: map[string]string{"a": "b"}, Annotations: map[string]string{lastAppliedAnnotation: "{}"}, ManagedFields: managed}}
	if _, err := slimCached(secret); err != nil {
		t.Fatal(err)
	}
	want := metav1.ObjectMeta{Name: "creds", Namespace: "ns", UID: "u1", ResourceVersion: "7"}
	if secret.Labels != nil || secret.Annotations != nil || secret.ManagedFields != nil || secret.Name != want.Name || secret.ResourceVersion != want.ResourceVersion || secret.UID != want.UID {
		t.Errorf("cached Secret metadata = %+v, want only %+v", secret.ObjectMeta, want)
	}

	obj := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Name: "cfg", ManagedFields: managed,
		Annotations: map[string]string{lastAppliedAnnotation: "{}", crd.OwnedAnnotation: "{}", AdoptGrantAnnotation: "g1"}}}
	if _, err := slimCached(obj); err != nil {
		t.Fatal(err)
	}
	if obj.ManagedFields != nil || len(obj.Annotations) != 2 || obj.Annotations[crd.OwnedAnnotation] == "" || obj.Annotations[AdoptGrantAnnotation] != "g1" {
		t.Errorf("cached object = managed %v, annotations %v; want no managed fields, the owned and adopt-grant annotations kept", obj.ManagedFields, obj.Annotations)
	}
}

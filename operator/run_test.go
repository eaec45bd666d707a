package operator

import (
	"reflect"
	"slices"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
)

// TestSlimCachedKeepsWhatTheOperatorReads: a cached Secret keeps only what
// maps it to its objects and tells a rotation; a cached object loses only
// managed fields, kubectl's last-applied copy and the status but what it
// owns: the owners index reads the same owners and clients from it.
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
		Annotations: map[string]string{lastAppliedAnnotation: "{}", crd.OwnedAnnotation: "{}", AdoptGrantAnnotation: "g1"}},
		Status: v1.MyAccountConfigStatus{APIID: "api1", Conditions: []metav1.Condition{{Type: v1.ConditionReady, Message: "a long message"}},
			Applications: []v1.ApplicationStatus{{ClientID: "c1", ObservedOrigins: []string{"https://a", "https://b"},
				ManagedOrigins: []string{"https://b"}, GrantID: "g1"}}}}
	owned, clients := crd.State(&obj.Status), clientsOf(obj)
	if _, err := slimCached(obj); err != nil {
		t.Fatal(err)
	}
	if obj.ManagedFields != nil || len(obj.Annotations) != 2 || obj.Annotations[crd.OwnedAnnotation] == "" || obj.Annotations[AdoptGrantAnnotation] != "g1" {
		t.Errorf("cached object = managed %v, annotations %v; want no managed fields, the owned and adopt-grant annotations kept", obj.ManagedFields, obj.Annotations)
	}
	if obj.Status.Conditions != nil || obj.Status.Applications[0].ObservedOrigins != nil {
		t.Errorf("cached status = %+v, want only what it owns", obj.Status)
	}
	if got := crd.State(&obj.Status); !reflect.DeepEqual(got, owned) || !slices.Equal(clientsOf(obj), clients) {
		t.Errorf("cached status owns %+v on %v, want %+v on %v", got, clientsOf(obj), owned, clients)
	}
}

package operator

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// TestSecretRefsMapOnlyNamedSecrets: a Secret is mapped to objects while
// some object names it, through renames and deletions.
func TestSecretRefsMapOnlyNamedSecrets(t *testing.T) {
	refs := newSecretRefs()
	h := refs.handler()
	obj := func(uid, secret string) *v1.MyAccountConfig {
		return &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: uid, UID: types.UID(uid)},
			Spec: v1.MyAccountConfigSpec{CredentialsSecretRef: &v1.SecretReference{Name: secret}}}
	}
	mapped := func(name string) bool {
		calls := 0
		refs.only(func(context.Context, client.Object) []reconcile.Request { calls++; return nil })(context.Background(),
			&metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name}})
		return calls == 1
	}
	h.OnAdd(obj("a", "creds"), false)
	h.OnAdd(obj("b", "creds"), false)
	if !mapped("creds") || mapped("unrelated") {
		t.Fatalf("after two objects name creds: creds mapped %v, unrelated mapped %v", mapped("creds"), mapped("unrelated"))
	}
	h.OnUpdate(obj("a", "creds"), obj("a", "other"))
	h.OnDelete(toolscache.DeletedFinalStateUnknown{Obj: obj("b", "creds")})
	if mapped("creds") || !mapped("other") {
		t.Errorf("after a rename and a deletion: creds mapped %v (want false), other mapped %v (want true)", mapped("creds"), mapped("other"))
	}
}

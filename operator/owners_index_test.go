package operator

import (
	"slices"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// TestOwnersIndexFollowsChanges: what the index derives per tenant (the
// precedence order, the clients) follows every add, change and removal,
// and a caller may change the order it got.
func TestOwnersIndexFollowsChanges(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	obj := func(name string, age int, domain string, clients ...string) *v1.MyAccountConfig {
		o := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name, UID: types.UID(name),
			CreationTimestamp: metav1.NewTime(base.Add(time.Duration(age) * time.Minute))}}
		o.Spec.Domain = domain
		for _, c := range clients {
			o.Spec.Applications = append(o.Spec.Applications, v1.ApplicationSpec{ClientID: c})
		}
		return o
	}
	const tenant = "tenant.example.com"
	x := newOwnersIndex()
	keys := func() (out []string) {
		for _, e := range x.tenant(tenant) {
			out = append(out, e.key)
		}
		return out
	}
	clients := func() []string { return slices.Sorted(slices.Values(x.tenantClients(tenant))) }
	x.upsert(obj("b", 2, tenant, "c1"))
	x.upsert(obj("a", 1, tenant, "c2"))
	if got := keys(); !slices.Equal(got, []string{"ns/a", "ns/b"}) || !slices.Equal(clients(), []string{"c1", "c2"}) {
		t.Fatalf("after two adds: order %v, clients %v", got, clients())
	}
	mine := x.tenant(tenant)
	mine[0] = nil                                    // the caller's copy
	x.upsert(obj("b", 2, "other.example.com", "c1")) // moves to another tenant
	x.upsert(obj("c", 0, tenant, "c3"))
	if got := keys(); !slices.Equal(got, []string{"ns/c", "ns/a"}) || !slices.Equal(clients(), []string{"c2", "c3"}) {
		t.Errorf("after a move and an add: order %v, clients %v", got, clients())
	}
	x.remove("c")
	if got := keys(); !slices.Equal(got, []string{"ns/a"}) || !slices.Equal(clients(), []string{"c2"}) {
		t.Errorf("after a removal: order %v, clients %v", got, clients())
	}
}

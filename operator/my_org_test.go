package operator

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// waitReadyOrSkipMyOrganization waits for name to be Ready, and skips the
// test while the emulator does not activate https://{domain}/my-org/ as a
// system API (POST /api/v2/resource-servers with the /my-org/ identifier).
func (f *fixture) waitReadyOrSkipMyOrganization(name string) *v1.MyAccountConfig {
	f.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		o := f.get(name)
		c := meta.FindStatusCondition(o.Status.Conditions, v1.ConditionReady)
		switch {
		case c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == o.Generation:
			return o
		case c != nil && strings.Contains(c.Message, "not the system API"):
			f.t.Skip("the emulator does not yet activate https://{domain}/my-org/ as a system API (POST /api/v2/resource-servers with the /my-org/ identifier): " + c.Message)
		case time.Now().After(deadline):
			f.t.Fatalf("%s not Ready: %+v", name, o.Status.Conditions)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestMyOrganizationAPIObject(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	o := f.mac("cfg", v1.ApplicationSpec{ClientID: "spa",
		MyOrganizationUserAccess: &v1.UserAccess{Scopes: []string{"read:my_org:details"}}})
	o.Spec.MyOrganizationAPI = &v1.SystemAPISpec{DeletionPolicy: v1.DeletionDelete}
	f.create(o)
	got := f.waitReadyOrSkipMyOrganization("cfg")
	org := reconciler.MyOrganization.Audience(f.sim.Domain())
	if got.Status.MyOrganizationAudience != org || got.Status.MyOrganizationAPIID == "" {
		t.Errorf("status: My Organization audience %q id %q", got.Status.MyOrganizationAudience, got.Status.MyOrganizationAPIID)
	}
	if len(got.Status.Applications) != 1 || got.Status.Applications[0].MyOrganizationGrantID == "" ||
		!slices.Equal(got.Status.Applications[0].MyOrganizationGrantScopes, []string{"read:my_org:details"}) {
		t.Errorf("application status %+v", got.Status.Applications)
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	if _, ok := f.sim.GetResourceServerByIdentifier(org); ok {
		t.Error("deletionPolicy Delete left the My Organization API active")
	}
	for _, g := range f.sim.Grants() {
		if g.Audience == org {
			t.Errorf("grant %s left for %s", g.ID, g.ClientID)
		}
	}
}

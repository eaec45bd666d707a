package operator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// Issue 16 §3: twelve objects, existing before the operator starts, each
// merge their own origin into one client. With one worker no two runs ever
// meet in a coalesced batch, so the first run carries the eleven others as
// sharers: one PATCH, each object told and owning its own origin; deleting
// one takes only its origin.
func TestObjectsOnOneClientShareOnePatch(t *testing.T) {
	f := newFixture(t, fixtureOpts{noStart: true})
	f.sim.SeedClient(auth0sim.Client{ClientID: "c050", Name: "Shared", AllowedOrigins: []string{"https://legacy.example.com"}})
	const objects = 12
	originOf := func(i int) string { return fmt.Sprintf("https://o%02d.example.com", i) }
	for i := range objects {
		o := f.mac(fmt.Sprintf("share-%02d", i), v1.ApplicationSpec{ClientID: "c050", AllowedOrigins: origins(originOf(i))})
		o.Spec.API = nil // uses nothing of the API
		f.create(o)
	}
	f.startOperator(Options{RootCAs: f.sim.RootCAs(), MaxConcurrentReconciles: 1})
	for i := range objects {
		f.waitReady(fmt.Sprintf("share-%02d", i))
	}
	patches := f.sim.Counts()["PATCH /api/v2/clients/{id}"]
	t.Logf("%d objects on one client: %d PATCHes, %d reads of it; by endpoint %v", objects, patches, f.sim.Counts()["GET /api/v2/clients/{id}"], f.sim.Counts())
	if patches != 1 {
		t.Errorf("%d PATCHes of the client for %d objects; want 1", patches, objects)
	}
	c := f.client("c050")
	for i := range objects {
		name := fmt.Sprintf("share-%02d", i)
		if !slices.Contains(c.AllowedOrigins, originOf(i)) {
			t.Errorf("allowed_origins %v lacks %s's origin", c.AllowedOrigins, name)
		}
		eventually(t, 10*time.Second, name+" owns its origin", func() (bool, string) {
			st := f.get(name).Status
			return len(st.Applications) == 1 && slices.Equal(st.Applications[0].ManagedOrigins, []string{originOf(i)}), fmt.Sprint(st.Applications)
		})
	}
	eventually(t, 10*time.Second, "the objects told that another object's PATCH carried their change", func() (bool, string) {
		joined := f.joinedEvents(objects)
		return joined == objects-1, fmt.Sprint(joined)
	})

	if err := k8s.Delete(context.Background(), f.get("share-03")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "share-03")
	f.waitOrigins("c050", func(got []string) bool {
		return !slices.Contains(got, originOf(3)) && slices.Contains(got, originOf(4)) && slices.Contains(got, "https://legacy.example.com")
	}, "only share-03's origin gone")
}

// joinedEvents counts the objects told that another object's PATCH carried
// their change.
func (f *fixture) joinedEvents(objects int) int {
	n := 0
	for i := range objects {
		if slices.ContainsFunc(f.eventNotes(fmt.Sprintf("share-%02d", i), EventSynced), func(s string) bool { return strings.Contains(s, "in the PATCH of MyAccountConfig") }) {
			n++
		}
	}
	return n
}

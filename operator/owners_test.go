package operator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func TestOperatorWritesNameTheOtherObject(t *testing.T) {
	var w operatorWrites
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	grant := []reconciler.Change{{Resource: "grant/c005", Field: "scope", Action: reconciler.ActionCreate}}
	w.record("t.example.com", "MyAccountConfig ns/share-a", t0.Add(time.Second), grant)
	for _, tc := range []struct {
		name    string
		self    string
		since   time.Time
		changes []reconciler.Change
		want    string
	}{
		{"another object wrote the client after our last sync", "MyAccountConfig ns/share-b", t0, grant, "MyAccountConfig ns/share-a"},
		{"our own earlier write is no excuse", "MyAccountConfig ns/share-a", t0, grant, ""},
		{"a write before our last sync is not it", "MyAccountConfig ns/share-b", t0.Add(time.Minute), grant, ""},
		{"another client changed too: outside edit", "MyAccountConfig ns/share-b", t0, append(grant, reconciler.Change{Resource: "client/c006"}), ""},
		{"an API change is never another object's", "MyAccountConfig ns/share-b", t0, []reconciler.Change{{Resource: reconciler.ResourceAPI}}, ""},
	} {
		if got, _ := w.byOther("t.example.com", tc.self, tc.since, tc.changes); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// userGrantsOf are the client's user grants in the fixture's tenant.
func (f *fixture) userGrantsOf(clientID string) []auth0sim.ClientGrant {
	var out []auth0sim.ClientGrant
	for _, g := range f.sim.Grants() {
		if g.ClientID == clientID && g.SubjectType == "user" && g.Audience == reconciler.AudienceFor(f.sim.Domain()) {
			out = append(out, g)
		}
	}
	return out
}

func (f *fixture) delete(name string) {
	f.t.Helper()
	if err := k8s.Delete(context.Background(), f.get(name)); err != nil {
		f.t.Fatal(err)
	}
}

// Issue 8, section 3: share-a and share-b declare the same origin and the
// same scopes on one client. Deleting share-a keeps both for share-b, which
// stays Ready and sees no drift; deleting share-b removes both.
func TestSharedGrantAndOriginGoWithTheLastObject(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	const origin = "https://shared.example.com"
	f.sim.SeedClient(auth0sim.Client{ClientID: "c005", Name: "Shared", AllowedOrigins: []string{"https://legacy.example.com"}})
	f.create(f.mac("api")) // activates the My Account API
	f.waitReady("api")
	app := v1.ApplicationSpec{ClientID: "c005", AllowedOrigins: origins(origin), UserAccess: &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}}
	f.create(f.mac("share-a", app))
	f.create(f.mac("share-b", app))
	f.waitReady("share-a")
	f.waitReady("share-b")
	// Both come to own the one grant and the origin (the later one as soon
	// as the first records them).
	eventually(t, 30*time.Second, "both objects own the grant and the origin", func() (bool, string) {
		grants := f.userGrantsOf("c005")
		if len(grants) != 1 {
			return false, "grants " + strings.Repeat("x", len(grants))
		}
		for _, name := range []string{"share-a", "share-b"} {
			st := f.get(name).Status
			if len(st.Applications) != 1 || st.Applications[0].GrantID != grants[0].ID || !slices.Equal(st.Applications[0].ManagedOrigins, []string{origin}) {
				return false, name + " " + strings.ReplaceAll(strings.TrimSpace(strings.Join([]string{st.Applications[0].GrantID}, "")), "\n", " ")
			}
		}
		return true, ""
	})
	grant := f.userGrantsOf("c005")[0].ID

	f.delete("share-a")
	waitGone(t, f, "share-a")
	if g := f.userGrantsOf("c005"); len(g) != 1 || g[0].ID != grant {
		t.Fatalf("deleting one of two owners took the shared grant: %+v", g)
	}
	if c := f.client("c005"); !slices.Contains(c.AllowedOrigins, origin) {
		t.Fatalf("deleting one of two owners took the shared origin: %v", c.AllowedOrigins)
	}
	time.Sleep(2 * time.Second) // share-b resyncs every second: let it look
	f.waitReady("share-b")
	if g := f.userGrantsOf("c005"); len(g) != 1 || g[0].ID != grant {
		t.Fatalf("the grant changed after share-a went: %+v", g)
	}
	if ev := f.events("share-b"); has(ev, EventDriftDetected) {
		t.Errorf("share-b reported drift though only the operator acted: %v %v", ev, f.eventNotes("share-b", EventDriftDetected))
	}

	f.delete("share-b")
	waitGone(t, f, "share-b")
	if g := f.userGrantsOf("c005"); len(g) != 0 {
		t.Errorf("the last owner's deletion left the grant: %+v", g)
	}
	if c := f.client("c005"); !slices.Equal(c.AllowedOrigins, []string{"https://legacy.example.com"}) {
		t.Errorf("the last owner's deletion left %v, want only the foreign origin", c.AllowedOrigins)
	}
}

// Two objects with Exclusive origins on one client: the later one gets
// Conflict naming both, and makes no writes; the earlier one's list stays.
func TestConflictingObjectsTheLaterMakesNoWrites(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "c007", Name: "Contested"})
	f.create(f.mac("first", v1.ApplicationSpec{ClientID: "c007", OriginsMode: v1.OriginsMode("Exclusive"), AllowedOrigins: origins("https://one.example.com")}))
	f.waitReady("first")
	f.sim.ResetCounts()
	f.create(f.mac("second", v1.ApplicationSpec{ClientID: "c007", OriginsMode: v1.OriginsMode("Exclusive"), AllowedOrigins: origins("https://two.example.com")}))
	got := f.waitCondition("second", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonConflict)
	msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message
	for _, want := range []string{"MyAccountConfig " + f.ns + "/second", "MyAccountConfig " + f.ns + "/first", "c007", "allowedOrigins"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Conflict message lacks %q: %s", want, msg)
		}
	}
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionStalled); c == nil || c.Status != metav1.ConditionTrue {
		t.Errorf("Stalled: %+v", c)
	}
	time.Sleep(2500 * time.Millisecond) // several resyncs of first, retries of second
	if w := f.sim.Writes(); w != 0 {
		t.Errorf("%d writes after the conflict: %v", w, f.sim.Counts())
	}
	if c := f.client("c007"); !slices.Equal(c.AllowedOrigins, []string{"https://one.example.com"}) {
		t.Errorf("allowed_origins %v, want the first object's", c.AllowedOrigins)
	}
	f.waitReady("first")
	// The first goes: the second takes over.
	f.delete("first")
	waitGone(t, f, "first")
	f.waitReady("second")
	if c := f.client("c007"); !slices.Equal(c.AllowedOrigins, []string{"https://two.example.com"}) {
		t.Errorf("allowed_origins %v after the first object went, want the second's", c.AllowedOrigins)
	}
}

// The adopt-grant annotation takes over a grant made elsewhere; a wrong id
// is refused naming the annotation, with no write; deleting the object
// deletes the adopted grant.
func TestAdoptGrantAnnotation(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.create(f.mac("api"))
	f.waitReady("api")
	gid := f.sim.SeedGrant(auth0sim.ClientGrant{ClientID: "spa", Audience: reconciler.AudienceFor(f.sim.Domain()), SubjectType: "user", Scope: []string{"read:me:factors"}})
	f.sim.ResetCounts()

	o := f.mac("adopt", v1.ApplicationSpec{ClientID: "spa", UserAccess: &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}})
	o.Annotations = map[string]string{AdoptGrantAnnotation: "cgr_wrong"}
	f.create(o)
	got := f.waitCondition("adopt", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonInvalidSpec)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, "metadata.annotations["+AdoptGrantAnnotation+"]") || !strings.Contains(msg, "cgr_wrong") {
		t.Errorf("message does not name the annotation and the id: %s", msg)
	}
	if w := f.sim.Writes(); w != 0 {
		t.Errorf("a wrong adoption made %d writes", w)
	}

	f.update("adopt", func(o *v1.MyAccountConfig) { o.Annotations[AdoptGrantAnnotation] = gid })
	f.waitReady("adopt")
	eventually(t, 30*time.Second, "the adopted grant owned, with the object's scopes", func() (bool, string) {
		st := f.get("adopt").Status
		g := f.userGrantsOf("spa")
		ok := len(st.Applications) == 1 && st.Applications[0].GrantID == gid && len(g) == 1 && slices.Equal(g[0].Scope, []string{"read:me:authentication_methods"})
		return ok, strings.Join(g[0].Scope, " ")
	})
	// The grant deleted in the dashboard: the object makes a new one and
	// stays Ready though the annotation names the old one.
	if err := f.sim.DeleteGrant(gid); err != nil {
		t.Fatal(err)
	}
	eventually(t, 30*time.Second, "a new grant owned in place of the deleted one", func() (bool, string) {
		st := f.get("adopt").Status
		g := f.userGrantsOf("spa")
		return len(g) == 1 && len(st.Applications) == 1 && st.Applications[0].GrantID == g[0].ID && g[0].ID != gid, fmt.Sprintf("%+v %+v", g, st.Applications)
	})
	f.waitReady("adopt")
	f.delete("adopt")
	waitGone(t, f, "adopt")
	if g := f.userGrantsOf("spa"); len(g) != 0 {
		t.Errorf("deleting the object left the grant it owned: %+v", g)
	}
}

func TestLinkedObjectsFollowChainsOfSharedClients(t *testing.T) {
	obj := func(uid string, clients ...string) v1.MyAccountConfig {
		o := v1.MyAccountConfig{}
		o.UID = types.UID(uid)
		for _, c := range clients {
			o.Spec.Applications = append(o.Spec.Applications, v1.ApplicationSpec{ClientID: c})
		}
		return o
	}
	self := obj("self", "c1")
	released := obj("released")
	released.Status.Applications = []v1.ApplicationStatus{{ClientID: "c3"}}
	var entries []*ownerEntry
	for _, o := range []v1.MyAccountConfig{obj("a", "c2"), obj("b", "c2", "c3"), self, obj("d", "c9"), released, obj("e", "c1", "c3")} {
		o.Spec.Domain = "tenant.example.com"
		e, _ := entryOf(&o)
		entries = append(entries, e)
	}
	got := linkedEntries(self.UID, clientsOf(&self), entries)
	want := []bool{true, true, true, false, true, true}
	if !slices.Equal(got, want) {
		t.Errorf("linked %v, want %v", got, want)
	}
}

// TestClientRoundsFollowOwnedClients: an object that only owns a client
// (its ownership record, not its spec nor status) still wakes the objects
// that declare that client, so they take over promptly; and several
// changes to one client within the delay are one round of its objects.
func TestClientRoundsFollowOwnedClients(t *testing.T) {
	obj := func(name string, clients ...string) *v1.MyAccountConfig {
		o := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name, UID: types.UID(name)}}
		o.Spec.Domain = "tenant.example.com"
		for _, c := range clients {
			o.Spec.Applications = append(o.Spec.Applications, v1.ApplicationSpec{ClientID: c})
		}
		return o
	}
	leaving := obj("leaving", "c1")
	leaving.Annotations = map[string]string{crd.OwnedAnnotation: crd.EncodeOwned(reconciler.State{Apps: map[string]reconciler.AppState{
		"c2": {ManagedOrigins: []string{"https://app.example.com"}},
	}})}
	idx := newOwnersIndex()
	for _, o := range []*v1.MyAccountConfig{leaving, obj("on-c1", "c1"), obj("on-c2", "c2"), obj("elsewhere", "c9")} {
		idx.upsert(o)
	}
	rounds := newClientRounds(idx)
	rounds.delay = 50 * time.Millisecond
	q := workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[reconcile.Request]())
	defer q.ShutDown()
	for range 5 {
		rounds.changed(leaving, q)
	}
	eventually(t, 5*time.Second, "the rounds of c1 and c2 started", func() (bool, string) {
		rounds.mu.Lock()
		defer rounds.mu.Unlock()
		return len(rounds.pending) == 0, fmt.Sprint(len(rounds.pending), " pending")
	})
	var got []string
	for q.Len() > 0 {
		req, _ := q.Get()
		got = append(got, req.Name)
		q.Done(req)
	}
	slices.Sort(got)
	if want := []string{"on-c1", "on-c2"}; !slices.Equal(got, want) {
		t.Errorf("requests %v, want %v (the declarer of c1 it declares, and of c2 it only owns, once each)", got, want)
	}
}

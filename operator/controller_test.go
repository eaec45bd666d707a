package operator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

const (
	appA = "https://app.example.com"
	appB = "https://admin.example.com"
)

func TestCreateBecomesReadyThenSpecUpdateIsApplied(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA", AllowedOrigins: []string{"https://other.example.com"}})
	o := f.mac("cfg", v1.ApplicationSpec{
		ClientID:                  "spa",
		AllowedOrigins:            origins(appA),
		CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true, VerificationLocation: appA + "/cross-auth.html"},
		UserAccess:                &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
	})
	f.create(o)
	got := f.waitReady("cfg")

	if !slices.Contains(got.Finalizers, Finalizer) {
		t.Errorf("finalizer missing: %v", got.Finalizers)
	}
	want := reconciler.AudienceFor(f.sim.Domain())
	if got.Status.Audience != want || got.Status.APIID == "" {
		t.Errorf("status audience %q id %q, want %q", got.Status.Audience, got.Status.APIID, want)
	}
	if got.Status.ObservedGeneration != got.Generation || got.Status.LastSyncTime == nil {
		t.Errorf("observedGeneration %d (generation %d), lastSyncTime %v", got.Status.ObservedGeneration, got.Generation, got.Status.LastSyncTime)
	}
	for _, typ := range []string{v1.ConditionReady, v1.ConditionSynced, v1.ConditionDrifted} {
		c := meta.FindStatusCondition(got.Status.Conditions, typ)
		if c == nil || c.ObservedGeneration != got.Generation {
			t.Errorf("condition %s: %+v", typ, c)
		}
	}
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionDrifted); c.Status != metav1.ConditionFalse {
		t.Errorf("Drifted: %+v", c)
	}
	if len(got.Status.Applications) != 1 {
		t.Fatalf("applications status: %+v", got.Status.Applications)
	}
	as := got.Status.Applications[0]
	if !slices.Equal(as.ManagedOrigins, []string{appA}) || !slices.Equal(as.ObservedOrigins, []string{appA, "https://other.example.com"}) {
		t.Errorf("origins: managed %v observed %v", as.ManagedOrigins, as.ObservedOrigins)
	}
	if as.GrantID == "" || !slices.Equal(as.GrantScopes, []string{"read:me:authentication_methods"}) {
		t.Errorf("grant %q %v", as.GrantID, as.GrantScopes)
	}
	if as.CrossOriginAuthentication == nil || !as.CrossOriginAuthentication.Enabled || as.PriorCrossOriginAuthentication == nil || as.PriorCrossOriginAuthentication.Enabled == nil || *as.PriorCrossOriginAuthentication.Enabled {
		t.Errorf("cross-origin %+v prior %+v", as.CrossOriginAuthentication, as.PriorCrossOriginAuthentication)
	}
	c := f.client("spa")
	if !slices.Contains(c.AllowedOrigins, appA) || !c.CrossOriginAuthentication || c.CrossOriginLoc != appA+"/cross-auth.html" {
		t.Errorf("tenant client: %+v", c)
	}
	if _, ok := f.sim.GetResourceServerByIdentifier(want); !ok {
		t.Error("My Account API not active")
	}
	eventually(t, 10*time.Second, "a Synced event", func() (bool, string) {
		ev := f.events("cfg")
		return has(ev, EventSynced), fmt.Sprint(ev)
	})

	// Resyncs of an in-sync tenant write nothing to the tenant and send no
	// events; the status changes only in lastSyncTime, which moves on so
	// that a stale one shows the operator is not running.
	before := got.Status.DeepCopy()
	f.sim.ResetCounts()
	time.Sleep(2500 * time.Millisecond)
	if w := f.sim.Writes(); w != 0 {
		t.Errorf("in-sync resyncs made %d writes: %v", w, f.sim.Counts())
	}
	now := f.get("cfg").Status
	if !now.LastSyncTime.After(before.LastSyncTime.Time) {
		t.Errorf("lastSyncTime did not move on in-sync resyncs: %v -> %v", before.LastSyncTime, now.LastSyncTime)
	}
	now.LastSyncTime = before.LastSyncTime
	if !equality.Semantic.DeepEqual(*before, now) {
		t.Errorf("in-sync resync changed the status beyond lastSyncTime:\n%+v\n%+v", *before, now)
	}
	if n := f.sim.Total(); n == 0 || n > 12 {
		t.Errorf("two or three resyncs made %d requests: %v", n, f.sim.Counts())
	}
	nEvents := len(f.events("cfg"))

	// Update the spec: add an origin, drop user access.
	f.update("cfg", func(o *v1.MyAccountConfig) {
		o.Spec.Applications[0].AllowedOrigins = origins(appA, appB)
		o.Spec.Applications[0].UserAccess = nil
	})
	f.waitOrigins("spa", func(o []string) bool { return slices.Contains(o, appB) }, "the new origin")
	got = f.waitCondition("cfg", v1.ConditionSynced, metav1.ConditionTrue, "")
	if as := got.Status.Applications[0]; !slices.Equal(as.ManagedOrigins, []string{appB, appA}) || as.GrantID != "" {
		t.Errorf("after update: managed %v grant %q", as.ManagedOrigins, as.GrantID)
	}
	if gs := f.sim.Grants(); len(gs) != 0 {
		t.Errorf("grant not removed: %+v", gs)
	}
	if ev := f.events("cfg"); len(ev) <= nEvents {
		t.Errorf("no event for the spec update: %v", ev)
	}

	// Dropping an origin and cross-origin authentication undoes only them.
	f.update("cfg", func(o *v1.MyAccountConfig) {
		o.Spec.Applications[0].AllowedOrigins = origins(appB)
		o.Spec.Applications[0].CrossOriginAuthentication = nil
	})
	f.waitOrigins("spa", func(o []string) bool { return !slices.Contains(o, appA) }, "the dropped origin to go")
	f.waitCondition("cfg", v1.ConditionSynced, metav1.ConditionTrue, "")
	if c := f.client("spa"); !slices.Equal(c.AllowedOrigins, []string{"https://other.example.com", appB}) || c.CrossOriginAuthentication {
		t.Errorf("after dropping: %+v", c)
	}
}

func TestDriftIsCorrected(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.create(f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA, appB)}))
	f.waitReady("cfg")

	// Someone removes an origin in the dashboard.
	if err := f.sim.EditClient("spa", func(c *auth0sim.Client) { c.AllowedOrigins = []string{appB} }); err != nil {
		t.Fatal(err)
	}
	f.waitOrigins("spa", func(o []string) bool { return slices.Contains(o, appA) }, "the removed origin to come back")
	got := f.waitCondition("cfg", v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonDriftCorrected)
	if !strings.Contains(got.Status.DriftSummary, appA) {
		t.Errorf("drift summary %q does not name %s", got.Status.DriftSummary, appA)
	}
	if !meta.IsStatusConditionTrue(got.Status.Conditions, v1.ConditionReady) {
		t.Errorf("not Ready after correction: %+v", got.Status.Conditions)
	}
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionDrifted); !strings.Contains(c.Message, "client/spa allowed_origins") || !strings.Contains(c.Message, appA) {
		t.Errorf("Drifted message does not name the client, the field and the origin: %q", c.Message)
	}
	eventually(t, 10*time.Second, "DriftDetected and DriftCorrected events naming the field and the origin", func() (bool, string) {
		detected, corrected := f.eventNotes("cfg", EventDriftDetected), f.eventNotes("cfg", EventDriftCorrected)
		return anyContains(detected, "client/spa allowed_origins", appA) && anyContains(corrected, "client/spa allowed_origins", appA), fmt.Sprint(detected, corrected)
	})
}

func TestDriftIsOnlyReported(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	o := f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA, appB)})
	o.Spec.DriftPolicy = v1.DriftReport
	f.create(o)
	f.waitReady("cfg") // the spec itself is applied

	if err := f.sim.EditClient("spa", func(c *auth0sim.Client) { c.AllowedOrigins = []string{appB} }); err != nil {
		t.Fatal(err)
	}
	f.sim.ResetCounts()
	got := f.waitCondition("cfg", v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonDriftDetected)
	if !strings.Contains(got.Status.DriftSummary, appA) {
		t.Errorf("drift summary %q", got.Status.DriftSummary)
	}
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionDrifted); !strings.Contains(c.Message, "client/spa allowed_origins") || !strings.Contains(c.Message, appA) || !strings.Contains(c.Message, "Report") {
		t.Errorf("Drifted message does not name the client, the field, the origin and the policy: %q", c.Message)
	}
	if notes := f.eventNotes("cfg", EventDriftDetected); !anyContains(notes, "client/spa allowed_origins", appA, "not corrected") {
		t.Errorf("DriftDetected events do not name the field and the origin: %q", notes)
	}
	if got.Status.Applications[0].ManagedOrigins == nil || !slices.Contains(got.Status.Applications[0].ManagedOrigins, appA) {
		t.Errorf("a plan must not forget managed origins: %+v", got.Status.Applications[0])
	}
	time.Sleep(2500 * time.Millisecond)
	if c := f.client("spa"); slices.Contains(c.AllowedOrigins, appA) {
		t.Errorf("Report corrected the drift: %v", c.AllowedOrigins)
	}
	if w := f.sim.Writes(); w != 0 {
		t.Errorf("Report made %d writes", w)
	}
	ev := f.events("cfg")
	if n := countOf(ev, EventDriftDetected); n != 1 {
		t.Errorf("want one DriftDetected event across resyncs, got %v", ev)
	}
	// Fixing the tenant by hand clears Drifted.
	if err := f.sim.EditClient("spa", func(c *auth0sim.Client) { c.AllowedOrigins = []string{appB, appA} }); err != nil {
		t.Fatal(err)
	}
	f.waitCondition("cfg", v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonNoDrift)
}

func countOf(list []string, s string) int {
	n := 0
	for _, v := range list {
		if v == s {
			n++
		}
	}
	return n
}

func TestDeleteRetainRemovesOnlyWhatItAdded(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA", AllowedOrigins: []string{"https://keep.example.com"}})
	o := f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA, "https://keep.example.com"),
		CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true},
		UserAccess:                &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}})
	f.create(o)
	f.waitReady("cfg")
	if c := f.client("spa"); !slices.Contains(c.AllowedOrigins, appA) || !c.CrossOriginAuthentication || len(f.sim.Grants()) != 1 {
		t.Fatalf("before delete, the tenant lacks what the object adds: %+v grants %+v", c, f.sim.Grants())
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	c := f.client("spa")
	if !slices.Equal(c.AllowedOrigins, []string{"https://keep.example.com"}) || c.CrossOriginAuthentication {
		t.Errorf("after delete: %+v", c)
	}
	if gs := f.sim.Grants(); len(gs) != 0 {
		t.Errorf("grant left behind: %+v", gs)
	}
	if _, ok := f.sim.GetResourceServerByIdentifier(reconciler.AudienceFor(f.sim.Domain())); !ok {
		t.Error("Retain deactivated the My Account API")
	}
}

func TestDeleteWithDeletionPolicyDelete(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	o := f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)})
	o.Spec.API = &v1.APISpec{DeletionPolicy: v1.DeletionPolicy(reconciler.DeletionDelete)}
	f.create(o)
	f.waitReady("cfg")
	if c := f.client("spa"); !slices.Equal(c.AllowedOrigins, []string{appA}) {
		t.Fatalf("before delete, origins %v, want [%s]", c.AllowedOrigins, appA)
	}
	if _, ok := f.sim.GetResourceServerByIdentifier(reconciler.AudienceFor(f.sim.Domain())); !ok {
		t.Fatal("before delete, the My Account API is not active")
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	if c := f.client("spa"); len(c.AllowedOrigins) != 0 {
		t.Errorf("origins left: %v", c.AllowedOrigins)
	}
	if _, ok := f.sim.GetResourceServerByIdentifier(reconciler.AudienceFor(f.sim.Domain())); ok {
		t.Error("deletionPolicy Delete left the My Account API active")
	}
}

func waitGone(t *testing.T, f *fixture, name string) {
	t.Helper()
	eventually(t, 30*time.Second, name+" to be deleted", func() (bool, string) {
		o := &v1.MyAccountConfig{}
		err := k8s.Get(context.Background(), client.ObjectKey{Namespace: f.ns, Name: name}, o)
		if apierrors.IsNotFound(err) {
			return true, ""
		}
		return false, fmt.Sprintf("%v %+v", err, o.Status.Conditions)
	})
}

func TestWrongSecretThenRotation(t *testing.T) {
	// A long backoff: only the Secret watch can explain a quick recovery.
	f := newFixture(t, fixtureOpts{noStart: true})
	f.writeSecret(f.sim.ManagementClientID(), "wrong-secret")
	f.startOperator(Options{RootCAs: f.sim.RootCAs(), FailureBackoff: time.Hour, MaxFailureBackoff: time.Hour})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.create(f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)}))

	got := f.waitCondition("cfg", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonInvalidCredentials)
	c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady)
	if !strings.Contains(c.Message, f.ns+"/"+f.secret) || !strings.Contains(c.Message, "update the Secret") {
		t.Errorf("message is not actionable: %q", c.Message)
	}
	eventually(t, 10*time.Second, "a SyncFailed event", func() (bool, string) {
		ev := f.events("cfg")
		return has(ev, EventSyncFailed), fmt.Sprint(ev)
	})
	tokens := f.sim.TokenRequests()
	time.Sleep(1500 * time.Millisecond)
	if n := f.sim.TokenRequests(); n != tokens {
		t.Errorf("retried within the backoff: %d token requests, was %d", n, tokens)
	}

	f.writeSecret(f.sim.ManagementClientID(), f.sim.ManagementClientSecret())
	f.waitReady("cfg")
	f.waitOrigins("spa", func(o []string) bool { return slices.Contains(o, appA) }, "the origin after rotation")
}

func TestFailuresAreActionable(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})

	// A Secret that does not exist yet.
	o := f.mac("nosecret", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)})
	o.Spec.CredentialsSecretRef.Name = "later"
	f.create(o)
	got := f.waitCondition("nosecret", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonSecretNotFound)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, f.ns+"/later") || !strings.Contains(msg, "spec.credentialsSecretRef.name") || !strings.Contains(msg, KeyClientSecret) {
		t.Errorf("message does not name the Secret, the field and the keys to set: %q", msg)
	}

	// No secretRef at all.
	o = f.mac("noref", v1.ApplicationSpec{ClientID: "spa"})
	o.Spec.CredentialsSecretRef = nil
	f.create(o)
	got = f.waitCondition("noref", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonMissingSecretRef)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, "spec.credentialsSecretRef") || !strings.Contains(msg, KeyClientSecret) {
		t.Errorf("message does not name the field and the keys to set: %q", msg)
	}

	// An unknown client.
	f.create(f.mac("unknown", v1.ApplicationSpec{ClientID: "does-not-exist", AllowedOrigins: origins(appA)}))
	got = f.waitCondition("unknown", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonUnknownClient)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, "applications[0].clientId") || !strings.Contains(msg, "does-not-exist") || !strings.Contains(msg, "Auth0 Dashboard > Applications") {
		t.Errorf("message does not name the field, the value and where to find the right one: %q", msg)
	}

	// A Management API application missing a scope.
	id, secret := f.sim.AddManagementClient([]string{"read:clients", "update:clients", "read:resource_servers", "create:resource_servers", "update:resource_servers"})
	f.create((&corev1Secret{name: "limited", ns: f.ns, id: id, secret: secret}).obj())
	o = f.mac("scope", v1.ApplicationSpec{ClientID: "spa", UserAccess: &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}})
	o.Spec.CredentialsSecretRef.Name = "limited"
	f.create(o)
	got = f.waitCondition("scope", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonMissingScope)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, "client_grants") || !strings.Contains(msg, "Machine To Machine") || !strings.Contains(msg, f.ns+"/limited") {
		t.Errorf("message does not name the scope, where to grant it and the Secret: %q", msg)
	}

	// Creating the missing Secret recovers through the watch.
	f.create((&corev1Secret{name: "later", ns: f.ns, id: f.sim.ManagementClientID(), secret: f.sim.ManagementClientSecret()}).obj())
	f.waitReady("nosecret")
	f.waitOrigins("spa", func(o []string) bool { return slices.Contains(o, appA) }, "the origin once the Secret exists")
}

// A user grant the object did not create is reported, never taken over on a
// later retry, and survives the object's deletion.
func TestForeignGrantIsNeverTakenOver(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.create(f.mac("api")) // activates the My Account API
	f.waitReady("api")
	theirs := []string{"read:me:factors"}
	gid := f.sim.SeedGrant(auth0sim.ClientGrant{ClientID: "spa", Audience: reconciler.AudienceFor(f.sim.Domain()), SubjectType: "user", Scope: theirs})

	f.create(f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", UserAccess: &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}}))
	got := f.waitCondition("cfg", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonGrantConflict)
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, gid) || !strings.Contains(msg, "spa") || !strings.Contains(msg, "read:me:factors") {
		t.Errorf("message does not name the client, the grant and its scopes: %q", msg)
	}
	// The operator's own fix: it cannot take a grant over, so other faces'
	// remedies would mislead.
	if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, "the operator then creates its own") || strings.Contains(msg, "terraform import") || strings.Contains(msg, "--adopt-grant") {
		t.Errorf("message does not give the operator's fix: %q", msg)
	}
	time.Sleep(2500 * time.Millisecond) // several retries (backoff 500ms, doubling)
	got = f.waitCondition("cfg", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonGrantConflict)
	for _, a := range got.Status.Applications {
		if a.GrantID != "" {
			t.Errorf("status records grant %q as owned: %+v", a.GrantID, a)
		}
	}
	grantScopes := func() []string {
		for _, g := range f.sim.Grants() {
			if g.ID == gid {
				return g.Scope
			}
		}
		return nil
	}
	if s := grantScopes(); !slices.Equal(s, theirs) {
		t.Errorf("a retry took the grant over: scopes %v, want %v", s, theirs)
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	if s := grantScopes(); !slices.Equal(s, theirs) {
		t.Errorf("deleting the object changed or deleted the grant it did not own: scopes %v", s)
	}
}

func TestConcurrentObjectsShareOneClient(t *testing.T) {
	f := newFixture(t, fixtureOpts{opts: Options{MaxConcurrentReconciles: 20}})
	f.sim.SeedClient(auth0sim.Client{ClientID: "shared", Name: "Shared", AllowedOrigins: []string{"https://existing.example.com"}})
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := f.mac(fmt.Sprintf("c%02d", i), v1.ApplicationSpec{ClientID: "shared", AllowedOrigins: origins(fmt.Sprintf("https://app%02d.example.com", i))})
			o.Spec.ResyncInterval = ptr.To(v1.Duration("1h"))
			if err := k8s.Create(context.Background(), o); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i := range n {
		got := f.waitReady(fmt.Sprintf("c%02d", i))
		want := []string{fmt.Sprintf("https://app%02d.example.com", i)}
		if m := got.Status.Applications[0].ManagedOrigins; !slices.Equal(m, want) {
			t.Errorf("c%02d manages %v, want %v", i, m, want)
		}
	}
	c := f.client("shared")
	if len(c.AllowedOrigins) != n+1 {
		t.Fatalf("want %d origins, got %d: %v", n+1, len(c.AllowedOrigins), c.AllowedOrigins)
	}
	// One token for all 20 objects: they share one Management API client.
	if tr := f.sim.TokenRequests(); tr != 1 {
		t.Errorf("%d token requests for 20 objects sharing a Secret", tr)
	}
	// Deleting half removes exactly their origins.
	for i := 0; i < n; i += 2 {
		if err := k8s.Delete(context.Background(), f.get(fmt.Sprintf("c%02d", i))); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i += 2 {
		waitGone(t, f, fmt.Sprintf("c%02d", i))
	}
	c = f.client("shared")
	if len(c.AllowedOrigins) != n/2+1 || !slices.Contains(c.AllowedOrigins, "https://existing.example.com") || !slices.Contains(c.AllowedOrigins, "https://app01.example.com") {
		t.Errorf("after deleting half: %v", c.AllowedOrigins)
	}
}

func TestCRDValidationRejectsBadInput(t *testing.T) {
	requireEnv(t)
	ns := "validation"
	_ = k8s.Create(context.Background(), (&corev1Namespace{name: ns}).obj())
	base := func() *v1.MyAccountConfig {
		return &v1.MyAccountConfig{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "bad-", Namespace: ns},
			Spec: v1.MyAccountConfigSpec{Domain: "t.eu.auth0.com", CredentialsSecretRef: &v1.SecretReference{Name: "s"},
				Applications: []v1.ApplicationSpec{{ClientID: "a", AllowedOrigins: origins(appA)}}},
		}
	}
	cases := []struct {
		name string
		edit func(*v1.MyAccountConfig)
		want string
	}{
		{"bare wildcard", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].AllowedOrigins = origins("*") }, "bare *"},
		{"path", func(o *v1.MyAccountConfig) {
			o.Spec.Applications[0].AllowedOrigins = origins("https://app.example.com/")
		}, "no path"},
		{"no scheme", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].AllowedOrigins = origins("app.example.com") }, "scheme"},
		{"inner wildcard", func(o *v1.MyAccountConfig) {
			o.Spec.Applications[0].AllowedOrigins = origins("https://app.*.example.com")
		}, "leftmost"},
		{"wildcard on a TLD", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].AllowedOrigins = origins("https://*.com") }, "leftmost"},
		{"bad port", func(o *v1.MyAccountConfig) {
			o.Spec.Applications[0].AllowedOrigins = origins("https://app.example.com:99999")
		}, "should match"},
		{"empty label", func(o *v1.MyAccountConfig) {
			o.Spec.Applications[0].AllowedOrigins = origins("https://app..example.com")
		}, "should match"},
		{"duplicate origin", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].AllowedOrigins = origins(appA, appA) }, "Duplicate value"},
		{"duplicate clientId", func(o *v1.MyAccountConfig) {
			o.Spec.Applications = append(o.Spec.Applications, v1.ApplicationSpec{ClientID: "a"})
		}, "Duplicate value"},
		{"empty scopes", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].UserAccess = &v1.UserAccess{Scopes: []string{}} }, "scopes"},
		{"drift policy enum", func(o *v1.MyAccountConfig) { o.Spec.DriftPolicy = "Fix" }, "Unsupported value"},
		{"origins mode enum", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].OriginsMode = "Replace" }, "Unsupported value"},
		{"user access enum", func(o *v1.MyAccountConfig) { o.Spec.API = &v1.APISpec{UserAccessPolicy: "everyone"} }, "Unsupported value"},
		{"deletion policy enum", func(o *v1.MyAccountConfig) { o.Spec.API = &v1.APISpec{DeletionPolicy: "Orphan"} }, "Unsupported value"},
		{"http verification location", func(o *v1.MyAccountConfig) {
			o.Spec.Applications[0].CrossOriginAuthentication = &v1.CrossOriginAuthentication{Enabled: true, VerificationLocation: "http://app.example.com/x"}
		}, "https"},
		{"missing domain", func(o *v1.MyAccountConfig) { o.Spec.Domain = "" }, "spec.domain"},
		{"empty clientId", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].ClientID = "" }, "clientId"},
		// Issue 10: "banana" stopped the whole operator; 1s hammered the tenant.
		{"resync not a duration", func(o *v1.MyAccountConfig) { o.Spec.ResyncInterval = ptr.To(v1.Duration("banana")) }, "should match"},
		{"resync too short", func(o *v1.MyAccountConfig) { o.Spec.ResyncInterval = ptr.To(v1.Duration("1s")) }, "from 30s to 24h"},
		{"resync zero", func(o *v1.MyAccountConfig) { o.Spec.ResyncInterval = ptr.To(v1.Duration("0s")) }, "from 30s to 24h"},
		{"resync negative", func(o *v1.MyAccountConfig) { o.Spec.ResyncInterval = ptr.To(v1.Duration("-5m")) }, "should match"},
		{"resync too long", func(o *v1.MyAccountConfig) { o.Spec.ResyncInterval = ptr.To(v1.Duration("25h")) }, "from 30s to 24h"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := base()
			tc.edit(o)
			err := k8s.Create(context.Background(), o)
			if err == nil {
				t.Fatalf("the API server accepted %+v", o.Spec)
			}
			if !apierrors.IsInvalid(err) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an Invalid error mentioning %q, got: %v", tc.want, err)
			}
		})
	}

	// Good input, including the edge cases the rules must allow, and defaults.
	o := base()
	o.Spec.Applications = []v1.ApplicationSpec{
		{ClientID: "a", AllowedOrigins: origins("https://*.example.com", "http://localhost:3000", "https://app.example.com:8443", "http://127.0.0.1:8080")},
		{ClientID: "b", OriginsMode: v1.OriginsMode(reconciler.OriginsExclusive), AllowedOrigins: []v1.Origin{}},
		{ClientID: "c", CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true, VerificationLocation: "http://localhost:3000/x.html"}},
	}
	o.Spec.API = &v1.APISpec{} // an api block gets its defaults; left out, it is not managed
	if err := k8s.Create(context.Background(), o); err != nil {
		t.Fatalf("valid object rejected: %v", err)
	}
	got := &v1.MyAccountConfig{}
	if err := k8s.Get(context.Background(), client.ObjectKeyFromObject(o), got); err != nil {
		t.Fatal(err)
	}
	if got.Spec.DriftPolicy != v1.DriftCorrect || got.Spec.ResyncInterval == nil || *got.Spec.ResyncInterval != "10m" ||
		got.Spec.API == nil || !ptr.Deref(got.Spec.API.Enabled, false) || got.Spec.API.DeletionPolicy != "Retain" || got.Spec.API.UserAccessPolicy != "require_client_grant" ||
		got.Spec.Applications[0].OriginsMode != "Merge" {
		t.Errorf("defaults not applied: %+v api %+v", got.Spec, got.Spec.API)
	}
	if got.Spec.Applications[1].AllowedOrigins == nil || got.Spec.Applications[2].AllowedOrigins != nil {
		t.Errorf("nil vs empty allowedOrigins lost: %#v / %#v", got.Spec.Applications[1].AllowedOrigins, got.Spec.Applications[2].AllowedOrigins)
	}
	// Every origin the CRD accepts, the reconciler accepts too (the whole
	// shared table is checked both ways in TestCRDAndReconcilerShareOneOriginTable).
	for _, app := range got.Spec.Applications {
		for _, og := range app.AllowedOrigins {
			if fix := syntax.ValidateOrigin(string(og)); fix != "" {
				t.Errorf("CRD accepted %s but the reconciler rejects it: %s", og, fix)
			}
		}
	}
}

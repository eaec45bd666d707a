package reconciler_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// newEngine starts an emulator and an engine that talks to it with the real
// client-credentials flow over TLS, with per-client locks as the operator uses.
func newEngine(t *testing.T) (*auth0sim.Server, *reconciler.Engine) { return newEngineTB(t) }

// newEngineTB is newEngine for tests and benchmarks.
func newEngineTB(t testing.TB) (*auth0sim.Server, *reconciler.Engine) {
	t.Helper()
	return newEngineWith(t, auth0sim.Options{})
}

func newEngineWith(t testing.TB, opts auth0sim.Options) (*auth0sim.Server, *reconciler.Engine) {
	t.Helper()
	srv, err := auth0sim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	srv.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA", AllowedOrigins: []string{"https://foreign.example.com"}})
	c, err := mgmt.New(context.Background(), mgmt.Config{
		Domain: srv.Domain(), ClientID: srv.ManagementClientID(), ClientSecret: srv.ManagementClientSecret(),
		RootCAs: srv.RootCAs(), Limiter: mgmt.NewLimiter(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, &reconciler.Engine{Management: c.Management, Locks: &reconciler.ClientLocks{}, GrantedScopes: c.GrantedScopes}
}

func TestEngineWithLocksUndoesOnlyItsOwnChanges(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID:                  "spa",
		AllowedOrigins:            []string{"https://a.example.com", "https://b.example.com"},
		CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: "https://a.example.com/co.html"},
		UserAccess:                &reconciler.UserAccess{Scopes: []string{"read:me:factors"}},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	state := res.State

	// Dropping an origin removes it, and only it.
	d.Applications[0].AllowedOrigins = []string{"https://a.example.com"}
	if res, err = eng.Apply(ctx, d, state); err != nil {
		t.Fatal(err)
	}
	state = res.State
	c, _ := srv.GetClient("spa")
	if want := []string{"https://foreign.example.com", "https://a.example.com"}; !slices.Equal(c.AllowedOrigins, want) {
		t.Fatalf("origins after removal = %q, want %q", c.AllowedOrigins, want)
	}

	// A second apply writes nothing.
	srv.ResetCounts()
	if _, err = eng.Apply(ctx, d, state); err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); w != 0 {
		t.Fatalf("in-sync apply made %d writes: %v", w, srv.Counts())
	}

	// Delete restores the client as it was and removes the grant.
	if _, err = eng.Delete(ctx, d, state); err != nil {
		t.Fatal(err)
	}
	c, _ = srv.GetClient("spa")
	if !slices.Equal(c.AllowedOrigins, []string{"https://foreign.example.com"}) || c.CrossOriginAuthentication || c.CrossOriginLoc != "" {
		t.Fatalf("client after delete = %+v, want it as seeded", c)
	}
	if g := srv.Grants(); len(g) != 0 {
		t.Fatalf("grants after delete = %+v", g)
	}
	if _, ok := srv.GetResourceServerByIdentifier(reconciler.AudienceFor(srv.Domain())); !ok {
		t.Fatal("Retain deactivated the API")
	}
}

func TestEngineListsGrantsAcrossPages(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	rs, err := srv.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	const apps = 130 // more than one page of 100
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	state := reconciler.State{Apps: map[string]reconciler.AppState{}}
	for i := range apps {
		id := fmt.Sprintf("app%03d", i)
		srv.SeedClient(auth0sim.Client{ClientID: id})
		gid := srv.SeedGrant(auth0sim.ClientGrant{ClientID: id, Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
		state.Apps[id] = reconciler.AppState{GrantID: gid}
		d.Applications = append(d.Applications, reconciler.Application{ClientID: id, UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors"}}})
	}
	srv.ResetCounts()
	res, err := eng.Plan(ctx, d, state)
	if err != nil {
		t.Fatal(err)
	}
	if !res.InSync() {
		t.Fatalf("want in sync, got %v", res.Changes)
	}
	if got := srv.Counts()["GET /api/v2/client-grants"]; got != 2 {
		t.Fatalf("grant list reads = %d, want 2 pages for %d grants", got, apps)
	}
}

func TestEngineWithoutMFAReadScopeWarnsInsteadOfFailing(t *testing.T) {
	srv, _ := newEngine(t)
	id, secret := srv.AddManagementClient(slices.DeleteFunc(auth0sim.ManagementScopes(), func(s string) bool { return s == "read:mfa_policies" }))
	c, err := mgmt.New(context.Background(), mgmt.Config{Domain: srv.Domain(), ClientID: id, ClientSecret: secret, RootCAs: srv.RootCAs(), Limiter: mgmt.NewLimiter()})
	if err != nil {
		t.Fatal(err)
	}
	eng := &reconciler.Engine{Management: c.Management}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"create:me:authentication_methods"}},
	}}}
	res, err := eng.Plan(context.Background(), d, reconciler.State{})
	if err != nil {
		t.Fatalf("plan failed without read:mfa_policies: %v", err)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w.Message, "read:mfa_policies")
	}
	if !found {
		t.Fatalf("warnings %v do not say the MFA check was skipped", res.Warnings)
	}
}

func TestEngineNeverOwnsAGrantItFound(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	rs, err := srv.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	foreign := srv.SeedGrant(auth0sim.ClientGrant{ClientID: "spa", Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors"}},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.InSync() {
		t.Fatalf("a grant with the same scopes must be in sync, got %v", res.Changes)
	}
	if got := res.State.Apps["spa"].GrantID; got != "" {
		t.Fatalf("state claims the foreign grant %s", got)
	}
	if _, err := eng.Delete(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if g := srv.Grants(); len(g) != 1 || g[0].ID != foreign {
		t.Fatalf("grants after delete = %+v, want the foreign grant %s kept", g, foreign)
	}
}

func TestAudienceDomainOf(t *testing.T) {
	for audience, want := range map[string]string{
		reconciler.AudienceFor("t.eu.auth0.com"): "t.eu.auth0.com",
		reconciler.AudienceFor("localhost:8443"): "localhost:8443",
		"https://t.eu.auth0.com/api/v2/":         "",
		"http://t.eu.auth0.com/me/":              "",
		"https:///me/":                           "",
	} {
		got, ok := reconciler.AudienceDomainOf(audience)
		if got != want || ok != (want != "") {
			t.Errorf("AudienceDomainOf(%q) = %q, %v; want %q", audience, got, ok, want)
		}
	}
}

func TestEngineKeepsWhatAFailedWriteLeftToUndo(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", AllowedOrigins: []string{"https://a.example.com"},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	// The application leaves the config, but removing its origin fails.
	d.Applications = nil
	srv.InjectFault(auth0sim.Fault{Method: "PATCH", PathPrefix: "/api/v2/clients", Status: 400})
	res, err = eng.Apply(ctx, d, res.State)
	if err == nil {
		t.Fatal("want the injected PATCH failure")
	}
	if got := res.State.Apps["spa"].ManagedOrigins; !slices.Equal(got, []string{"https://a.example.com"}) {
		t.Fatalf("state after the failed removal = %q, want the origin still recorded", got)
	}
	// The next run removes it.
	if res, err = eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if c, _ := srv.GetClient("spa"); !slices.Equal(c.AllowedOrigins, []string{"https://foreign.example.com"}) {
		t.Fatalf("origins = %q, want only the foreign one", c.AllowedOrigins)
	}
	if _, kept := res.State.Apps["spa"]; kept {
		t.Fatalf("state still tracks spa after the cleanup: %+v", res.State.Apps)
	}
}

func TestEnginePlanReportsTheTenantAndKeepsTheState(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", AllowedOrigins: []string{"https://a.example.com"},
		CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	persisted := res.State
	// A dashboard edit: the managed origin removed, cross-origin auth off.
	if err := srv.EditClient("spa", func(c *auth0sim.Client) {
		c.AllowedOrigins = []string{"https://foreign.example.com"}
		c.CrossOriginAuthentication = false
	}); err != nil {
		t.Fatal(err)
	}
	plan, err := eng.Plan(ctx, d, persisted)
	if err != nil {
		t.Fatal(err)
	}
	if plan.InSync() {
		t.Fatal("the plan missed the dashboard edit")
	}
	app := plan.Status.Apps[0]
	if !slices.Equal(app.Observed.AllowedOrigins, []string{"https://foreign.example.com"}) || app.Observed.CrossOrigin.Enabled {
		t.Fatalf("plan status = %+v, want the tenant as edited", app)
	}
	got := plan.State.Apps["spa"]
	if !slices.Equal(got.ManagedOrigins, persisted.Apps["spa"].ManagedOrigins) || got.PriorCrossOrigin == nil || got.PriorCrossOrigin.Enabled == nil || *got.PriorCrossOrigin.Enabled {
		t.Fatalf("plan state = %+v, want the persisted %+v", got, persisted.Apps["spa"])
	}
}

// Issue 17 §1: releasing everything in one apply (no applications, the API
// disabled under Delete) deletes the grants before the API they reference,
// so none is stranded, and reports only what it did.
func TestEngineOneStepReleaseDeletesGrantsBeforeTheAPI(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	del := reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete}
	d := reconciler.Desired{Domain: srv.Domain(), API: del, Applications: []reconciler.Application{{
		ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors"}},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Grants()) != 1 {
		t.Fatalf("grants after apply = %+v, want one", srv.Grants())
	}
	release := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: false, DeletionPolicy: reconciler.DeletionDelete}}
	res, err = eng.Apply(ctx, release, res.State)
	if err != nil {
		t.Fatal(err)
	}
	if g := srv.Grants(); len(g) != 0 {
		t.Fatalf("grants after the one-step release = %+v, want none", g)
	}
	var changed []string
	for _, c := range res.Changes {
		changed = append(changed, c.Resource+" "+string(c.Action))
	}
	if len(changed) != 2 || !strings.HasPrefix(changed[0], "grant/") && !strings.HasPrefix(changed[1], "grant/") {
		t.Errorf("changes = %v, want the grant's delete and the API's", changed)
	}
	if res.State.APIID != "" || res.State.Apps["spa"].GrantID != "" {
		t.Errorf("state after release = %+v, want nothing owned", res.State)
	}
}

// Issue 17 §1: a config that says enabled: false never comes to own the API
// another config activated, so applying it again does not switch it off.
func TestEngineDisabledConfigNeverOwnsTheAPI(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	on := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	if _, err := eng.Apply(ctx, on, reconciler.State{}); err != nil {
		t.Fatal(err)
	}
	off := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: false, DeletionPolicy: reconciler.DeletionRetain}}
	var st reconciler.State
	for run := 1; run <= 2; run++ {
		res, err := eng.Apply(ctx, off, st)
		if err != nil {
			t.Fatal(err)
		}
		if st = res.State; st.APIID != "" {
			t.Fatalf("run %d: the disabled config records the API %s as its own", run, st.APIID)
		}
	}
	if n := srv.Writes(); n != 1 {
		t.Errorf("writes = %d, want 1 (the activation only)", n)
	}
}

// Issue 17 §3: origins that would make the client's PATCH larger than
// Auth0 accepts are refused before any write, the API's activation
// included, naming the client, the field and the limit.
func TestEngineRefusesAPatchOverTheRequestLimitBeforeAnyWrite(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	var origins []string
	for i := 0; i < 40000; i++ {
		origins = append(origins, fmt.Sprintf("https://app%05d.example.com", i))
	}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{ClientID: "spa", AllowedOrigins: origins}}}
	_, err := eng.Apply(ctx, d, reconciler.State{})
	if err == nil || !strings.HasPrefix(err.Error(), `applications[0].allowedOrigins: invalid value "40001 entries on the client": with them the client's update is `) ||
		!strings.Contains(err.Error(), "Auth0 takes at most 1048576 in a request; list fewer entries") {
		t.Fatalf("err = %v", err)
	}
	if reason, before := reconciler.Classify(err); reason != reconciler.ReasonInvalidInput || !before {
		t.Errorf("Classify = %s, %t; want InvalidSpec before any write", reason, before)
	}
	if n := srv.Writes(); n != 0 {
		t.Errorf("writes = %d, want 0", n)
	}
}

// Issue 17 §4: releasing a custom-domain config without its audienceDomain
// is refused with the fix the user needs: keep the line.
func TestEngineReleaseWithoutTheAudienceDomainSaysToKeepIt(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	srv.SeedCustomDomain("login.example.com", "ready")
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true, AudienceDomain: "login.example.com"}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	release := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: false, DeletionPolicy: reconciler.DeletionDelete}}
	_, err = eng.Apply(ctx, release, res.State)
	if err == nil || !strings.Contains(err.Error(), "keep api.audienceDomain: login.example.com, also while releasing the config") {
		t.Fatalf("err = %v", err)
	}
}

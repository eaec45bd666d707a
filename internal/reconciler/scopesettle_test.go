package reconciler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// A just-activated My Account API lists only its connected_accounts scopes
// for a while (as a recorded activation did). myaccount re-reads it, with
// bounded backoff, and still grants read:me:authentication_methods.
func TestPartialScopeListAfterActivationIsReReadNotRefused(t *testing.T) {
	ctx := context.Background()
	const window = 1500 * time.Millisecond
	srv, eng := newEngineWith(t, auth0sim.Options{PartialScopesAfterActivation: window})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID:   "spa",
		UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods", "read:me:connected_accounts"}},
	}}}
	start := time.Now()
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatalf("apply during the partial window: %v", err)
	}
	if el := time.Since(start); el < window {
		t.Fatalf("apply returned after %v, before the scope list was complete (%v)", el, window)
	}
	grants := srv.Grants()
	if len(grants) != 1 || !slices.Equal(grants[0].Scope, []string{"read:me:authentication_methods", "read:me:connected_accounts"}) || grants[0].SubjectType != "user" {
		t.Fatalf("grants = %+v", grants)
	}
	reads := srv.Counts()["GET /api/v2/resource-servers/{id}"]
	if reads < 3 || reads > 2+8 {
		t.Fatalf("%d reads of the API: want the first two plus a bounded number of re-reads", reads)
	}
	t.Logf("partial window %v: %d reads of the API, %d requests in all", window, reads, srv.Total())

	// In sync, the complete list needs no re-read.
	srv.ResetCounts()
	if _, err := eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if reads := srv.Counts()["GET /api/v2/resource-servers/{id}"]; reads != 1 || srv.Writes() != 0 {
		t.Fatalf("in-sync apply: %d reads, %d writes", reads, srv.Writes())
	}
}

// A scope the API never lists is still refused, after a bounded wait, and
// the early-access read:me:factors is never waited for.
func TestScopeMissingForGoodIsRefusedAfterABoundedWait(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	if _, err := srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	audience := "https://" + srv.Domain() + "/me/"
	if err := srv.EditResourceServer(audience, func(rs *auth0sim.ResourceServer) {
		rs.Scopes = slices.DeleteFunc(rs.Scopes, func(s string) bool { return s == "read:me:factors" })
	}); err != nil {
		t.Fatal(err)
	}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors"}},
	}}}
	srv.ResetCounts()
	if _, err := eng.Plan(ctx, d, reconciler.State{}); err == nil {
		t.Fatal("a scope the API does not offer was accepted")
	}
	if reads := srv.Counts()["GET /api/v2/resource-servers/{id}"]; reads != 1 {
		t.Fatalf("waited for an early-access scope: %d reads", reads)
	}
}

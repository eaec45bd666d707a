package reconciler_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// A tenant with a Default Policy attaches authorization_policy to the new My
// Account API. It is server-managed: never drift, never patched away.
func TestAuthorizationPolicyIsNeverDrift(t *testing.T) {
	ctx := context.Background()
	policy := json.RawMessage(`{"policy_id":"ap_default"}`) // shape: inference
	srv, eng := newEngineWith(t, auth0sim.Options{DefaultAuthorizationPolicy: policy})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := eng.Plan(ctx, d, res.State)
	if err != nil || !plan.InSync() {
		t.Fatalf("plan after activation: %v %v", err, plan)
	}
	// A policy change patches only the user policy and keeps the server's field.
	d.API.UserAccessPolicy = reconciler.UserAccessAllowAll
	if res, err = eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if plan, err = eng.Plan(ctx, d, res.State); err != nil || !plan.InSync() {
		t.Fatalf("plan after the policy change: %v %v", err, plan)
	}
	if snap := string(srv.Snapshot()); !strings.Contains(snap, `"policy_id": "ap_default"`) {
		t.Fatalf("authorization_policy lost:\n%s", snap)
	}
}

// Grants with subject_type anonymous_user on the same client and audience
// are someone else's: myaccount creates, plans and deletes only its user grant.
func TestAnonymousUserGrantDoesNotConfuseGrantMatching(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	if _, err := srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	audience := "https://" + srv.Domain() + "/me/"
	anon := srv.SeedGrant(auth0sim.ClientGrant{ClientID: "spa", Audience: audience, SubjectType: "anonymous_user", Scope: []string{"read:me:connected_accounts"}})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
	}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	grants := srv.Grants()
	if len(grants) != 2 || grants[1].SubjectType != "user" || res.State.Apps["spa"].GrantID != grants[1].ID {
		t.Fatalf("grants %+v, state %+v", grants, res.State.Apps["spa"])
	}
	if plan, err := eng.Plan(ctx, d, res.State); err != nil || !plan.InSync() {
		t.Fatalf("plan: %v %v", err, plan)
	}
	if _, err := eng.Delete(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if grants := srv.Grants(); len(grants) != 1 || grants[0].ID != anon {
		t.Fatalf("after delete: %+v", grants)
	}
}

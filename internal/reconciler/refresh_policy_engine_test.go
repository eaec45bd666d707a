package reconciler_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestEngineRefreshPolicyWarnsWhatTheGrantCuts: a policy scope the user
// grant does not cover is named in the plan, which still applies.
func TestEngineRefreshPolicyWarnsWhatTheGrantCuts(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{
		ClientID:           "spa",
		UserAccess:         &reconciler.UserAccess{Scopes: []string{"read:me:factors"}},
		RefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: []string{"read:me:factors", "read:me:authentication_methods"}},
	}}}
	res, err := eng.Plan(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range res.Warnings {
		if w.Field == "applications[0].refreshTokenPolicy.scopes" && strings.Contains(w.Message, "does not cover read:me:authentication_methods,") {
			found = true
		}
	}
	if !found {
		t.Fatalf("warnings %v, want one naming the scope the grant cuts", res.Warnings)
	}
	if srv.Writes() != 0 {
		t.Fatalf("plan wrote: %v", srv.Counts())
	}
}

// TestEngineRefreshPolicyRefusals: a policy with the API not enabled,
// or a scope the API does not offer, is refused before any write, naming
// the field and the fix.
func TestEngineRefreshPolicyRefusals(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	for _, tc := range []struct {
		name    string
		enabled bool
		scopes  []string
		want    string
	}{
		{"API not enabled", false, []string{"read:me:factors"}, `applications[0].refreshTokenPolicy: invalid value "read:me:factors": a refresh-token policy needs the My Account API`},
		{"did you mean", true, []string{"read:me:factor"}, `applications[0].refreshTokenPolicy.scopes: invalid value "read:me:factor": `},
		{"case", true, []string{"Read:Me:Factors"}, `did you mean read:me:factors?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetCounts()
			d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: tc.enabled}, Applications: []reconciler.Application{{
				ClientID: "spa", RefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: tc.scopes}}}}
			_, err := eng.Apply(ctx, d, reconciler.State{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if srv.Writes() != 0 {
				t.Fatalf("a refused apply wrote: %v", srv.Counts())
			}
		})
	}
}

// TestEngineRefreshPolicyReleasedWithTheAPI: a run that lets go of its
// policy and deactivates the API leaves neither (Apply patches the
// clients before the API when the config disables it).
func TestEngineRefreshPolicyReleasedWithTheAPI(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	api := reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete}
	d := reconciler.Desired{Domain: srv.Domain(), API: api, Applications: []reconciler.Application{{
		ClientID: "spa", RefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: []string{"read:me:factors"}}}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if rt := refreshToken(t, srv.ClientProperty); !strings.Contains(rt, reconciler.AudienceFor(srv.Domain())) {
		t.Fatalf("refresh_token after apply: %s", rt)
	}
	d.API.Enabled = false
	d.Applications[0].RefreshTokenPolicy = nil
	if _, err := eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if rt := refreshToken(t, srv.ClientProperty); strings.Contains(rt, "/me/") {
		t.Fatalf("refresh_token after the release: %s", rt)
	}
	if _, active := srv.GetResourceServerByIdentifier(reconciler.AudienceFor(srv.Domain())); active {
		t.Fatal("the API is still active")
	}
}

func refreshToken(t *testing.T, property func(id, name string) (json.RawMessage, bool)) string {
	t.Helper()
	raw, _ := property("spa", "refresh_token")
	return string(raw)
}

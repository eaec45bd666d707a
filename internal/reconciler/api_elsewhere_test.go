package reconciler_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The My Account API active under one domain and a config asking for the
// other used to loop forever (409 taken as success, a re-read that 404s, a
// call back into itself): about 1,400 POSTs a second.
func TestApplyRefusesAPIActiveUnderTheOtherDomain(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, active, wanted string
	}{
		{"canonical active, custom wanted", "", "login.example.com"},
		{"canonical active, custom wanted in upper case", "", "LOGIN.example.com"},
		{"custom active, canonical wanted", "login.example.com", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, eng := newEngine(t)
			srv.SeedCustomDomain("login.example.com", "ready")
			active, err := srv.ActivateMyAccountAPI(tc.active)
			if err != nil {
				t.Fatal(err)
			}
			d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true, AudienceDomain: tc.wanted}}
			want := reconciler.AudienceFor(tc.wanted)
			if tc.wanted == "" {
				want = reconciler.AudienceFor(srv.Domain())
			}

			plan, err := eng.Plan(ctx, d, reconciler.State{})
			if err != nil {
				t.Fatal(err)
			}
			wantChange := reconciler.Change{Resource: "api", Field: "identifier", Observed: active.Identifier, Desired: want, Action: reconciler.ActionConflict}
			if len(plan.Changes) != 1 || plan.Changes[0] != wantChange {
				t.Fatalf("plan = %v, want only %v", plan.Changes, wantChange)
			}

			srv.ResetCounts()
			_, err = eng.Apply(ctx, d, reconciler.State{})
			var ae *reconciler.APIActiveElsewhereError
			if !errors.As(err, &ae) {
				t.Fatalf("apply error = %v, want APIActiveElsewhereError", err)
			}
			domain, _ := reconciler.AudienceDomainOf(active.Identifier)
			for _, part := range []string{"api.audienceDomain", active.Identifier, want, "set api.audienceDomain to " + domain, "nothing was changed"} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not say %q", err, part)
				}
			}
			if !reconciler.FailedBeforeWrites(err) {
				t.Error("FailedBeforeWrites = false for a refusal before any write")
			}
			if w := srv.Writes(); w != 0 {
				t.Errorf("apply made %d writes: %v", w, srv.Counts())
			}
			if n := srv.Total(); n > 6 {
				t.Errorf("apply made %d requests, want at most 6: %v", n, srv.Counts())
			}
		})
	}
}

// Without the observation (a caller that skipped the plan), the 409 on
// activation still ends the run with the same refusal after one write.
func TestActivateConflictEndsWithTheActiveAudience(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	srv.SeedCustomDomain("login.example.com", "ready")
	if _, err := srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	audience := reconciler.AudienceFor("login.example.com")
	srv.ResetCounts()
	// A session that saw no API anywhere (the activation elsewhere came
	// after its read) still ends with the refusal after one write.
	sess := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	sess.SeedAPIForTest(audience, reconciler.APIObservation{Audience: audience})
	_, err := reconciler.APIReconciler{Session: sess}.Apply(ctx, reconciler.APISpec{Enabled: true}, audience)
	var ae *reconciler.APIActiveElsewhereError
	if !errors.As(err, &ae) || ae.Active != reconciler.AudienceFor(srv.Domain()) {
		t.Fatalf("error = %v, want the API active as %s", err, reconciler.AudienceFor(srv.Domain()))
	}
	if c := srv.Counts()["POST /api/v2/resource-servers"]; c != 1 {
		t.Errorf("POST /api/v2/resource-servers made %d times, want 1: %v", c, srv.Counts())
	}
	if n := srv.Total(); n > 4 {
		t.Errorf("apply made %d requests, want at most 4: %v", n, srv.Counts())
	}
}

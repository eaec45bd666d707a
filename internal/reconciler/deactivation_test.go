package reconciler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Issue 10: api.enabled false with a new state file deactivated an API
// another config had activated, despite deletionPolicy Retain.
func TestDeactivationNeedsOwnershipOrDelete(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	if _, err := srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	aud := reconciler.AudienceFor(srv.Domain())
	off := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: false}}

	srv.ResetCounts()
	res, err := eng.Apply(ctx, off, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); w != 0 || len(res.Changes) != 0 {
		t.Fatalf("Retain without ownership: %d writes, changes %v", w, res.Changes)
	}
	if _, ok := srv.GetResourceServerByIdentifier(aud); !ok {
		t.Fatal("the API another config activated was deactivated")
	}
	wantWarning(t, res, "leaves the My Account API "+aud+" active", "set api.deletionPolicy: Delete")

	// Asking for an API someone else activated uses it, never takes it
	// over: turning it off later leaves it to its owner.
	on := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	user, err := eng.Apply(ctx, on, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if user.State.APIID != "" {
		t.Fatalf("a config that did not activate the API recorded it as owned: %+v", user.State)
	}
	if plan, err := eng.Plan(ctx, off, user.State); err != nil || len(plan.Changes) != 0 {
		t.Fatalf("not the owner: plan %v, %v; want no change", plan.Changes, err)
	}

	// The config that activated it owns it: its state records the API.
	if err := srv.DeleteResourceServer(aud); err != nil {
		t.Fatal(err)
	}
	owner, err := eng.Apply(ctx, on, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if !owner.State.APIOwned || owner.State.APIID == "" {
		t.Fatalf("the config that activated the API does not own it: %+v", owner.State)
	}
	plan, err := eng.Plan(ctx, off, owner.State)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 1 || plan.Changes[0].Action != reconciler.ActionDelete {
		t.Fatalf("owned: plan %v, want the deactivation", plan.Changes)
	}
	wantWarning(t, plan, "deactivates the My Account API", "state records it")

	// deletionPolicy Delete deactivates without ownership.
	off.API.DeletionPolicy = reconciler.DeletionDelete
	res, err = eng.Apply(ctx, off, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	wantWarning(t, res, "deactivates the My Account API", "deletionPolicy is Delete")
	if _, ok := srv.GetResourceServerByIdentifier(aud); ok {
		t.Fatal("deletionPolicy Delete left the API active")
	}
}

func wantWarning(t *testing.T, res *reconciler.Result, words ...string) {
	t.Helper()
	for _, w := range res.Warnings {
		if w.Field != "api.enabled" {
			continue
		}
		ok := true
		for _, s := range words {
			ok = ok && strings.Contains(w.Message, s)
		}
		if ok {
			return
		}
	}
	t.Errorf("no api.enabled warning says %q: %v", words, res.Warnings)
}

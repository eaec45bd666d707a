package reconciler_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestAPISharedByAgreeingConfigs: two configs that ask for the API active
// share it; the first to let go under deletionPolicy Delete leaves it to
// the other, the last deactivates it.
func TestAPISharedByAgreeingConfigs(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	aud := reconciler.AudienceFor(srv.Domain())
	on := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete}}
	run := func(self string, states map[string]reconciler.State) {
		eng.Sharing = &reconciler.Sharing{Self: self}
		for _, name := range []string{"a", "b"} {
			if st, ok := states[name]; ok {
				eng.Sharing.Owners = append(eng.Sharing.Owners, reconciler.OwnerOf(name, &on, st))
			}
		}
	}
	states := map[string]reconciler.State{}
	for _, name := range []string{"a", "b"} {
		states[name] = reconciler.State{}
		run(name, states)
		res, err := eng.Apply(ctx, on, states[name])
		if err != nil {
			t.Fatal(err)
		}
		states[name] = res.State
		if !res.State.APIOwned {
			t.Fatalf("%s does not own the API it activated or shares: %+v", name, res.State)
		}
	}

	run("a", states)
	srv.ResetCounts()
	res, err := eng.Delete(ctx, on, states["a"])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.GetResourceServerByIdentifier(aud); !ok || srv.Writes() != 0 {
		t.Fatalf("releasing a while b still asks for the API: %d writes, API active %t", srv.Writes(), ok)
	}
	if !hasFieldWarning(res, "api.deletionPolicy", "b still asks for it") {
		t.Errorf("no warning names b: %v", res.Warnings)
	}
	delete(states, "a")

	run("b", states)
	if _, err := eng.Delete(ctx, on, states["b"]); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.GetResourceServerByIdentifier(aud); ok {
		t.Fatal("the last owner to let go under Delete left the API active")
	}
}

// TestAPIFightIsRefusedBeforeAnyWrite: a later config that would switch
// off the API an earlier one keeps active is refused, naming both, with no
// write; the earlier one's API stays active.
func TestAPIFightIsRefusedBeforeAnyWrite(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	on := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	off := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{DeletionPolicy: reconciler.DeletionDelete}}
	first, err := eng.Apply(ctx, on, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	eng.Sharing = &reconciler.Sharing{Self: "MyAccountConfig ns/off", Owners: []reconciler.Owner{
		reconciler.OwnerOf("MyAccountConfig ns/on", &on, first.State), reconciler.OwnerOf("MyAccountConfig ns/off", &off, reconciler.State{})}}
	for round := 0; round < 3; round++ {
		srv.ResetCounts()
		_, err := eng.Apply(ctx, off, reconciler.State{})
		var conflict *reconciler.OwnerConflictError
		if !errors.As(err, &conflict) || srv.Writes() != 0 {
			t.Fatalf("round %d: %v with %d writes; want a conflict and no write", round, err, srv.Writes())
		}
		for _, want := range []string{"MyAccountConfig ns/off conflicts with MyAccountConfig ns/on", "the tenant's My Account API", "api.enabled false against true"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
	}
	if _, ok := srv.GetResourceServerByIdentifier(reconciler.AudienceFor(srv.Domain())); !ok {
		t.Fatal("the refused config deactivated the API")
	}
}

// TestUnmanagedAPIIsUsedNeverChanged: a config without an api block uses
// the API as the tenant has it: refused, with no write, while it is not
// active; granted, with the API untouched, once it is.
func TestUnmanagedAPIIsUsedNeverChanged(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Unmanaged: true},
		Applications: []reconciler.Application{{ClientID: "spa", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}}}}}
	srv.ResetCounts()
	_, err := eng.Apply(ctx, d, reconciler.State{})
	if err == nil || srv.Writes() != 0 || !strings.Contains(err.Error(), "applications[0].userAccess") || !strings.Contains(err.Error(), "add api.enabled: true") {
		t.Fatalf("inactive and unmanaged: %v with %d writes; want a refusal naming the field and the fix", err, srv.Writes())
	}
	if _, err := srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	if res.State.APIID != "" || res.State.Apps["spa"].GrantID == "" {
		t.Fatalf("state %+v: want the grant owned and the API not", res.State)
	}
	for _, c := range res.Changes {
		if c.Resource == reconciler.ResourceAPI {
			t.Errorf("an unmanaged API changed: %+v", c)
		}
	}
}

func hasFieldWarning(res *reconciler.Result, field, words string) bool {
	for _, w := range res.Warnings {
		if w.Field == field && strings.Contains(w.Message, words) {
			return true
		}
	}
	return false
}

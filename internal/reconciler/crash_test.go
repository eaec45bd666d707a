package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestFaultMatrixEngine runs the commit-then-drop matrix through the engine
// the CLI and the operator drive, persisting state through Persist before
// each write and the Result after each run, as they do. Two variants: the
// client's retries reach the tenant after the dropped answer (outage 0), and
// the tenant stays unreachable for the retries, so the run ends right after
// the write as if the process had died (outage 2 with faultPolicy's 3
// attempts).
func TestFaultMatrixEngine(t *testing.T) {
	for _, outage := range []int{0, 2} {
		for _, c := range conformance.FaultCases() {
			t.Run(fmt.Sprintf("outage %d/%s", outage, c), func(t *testing.T) {
				srv, eng := newFaultEngine(t)
				const id = "crash_app"
				var saved reconciler.State
				eng.Persist = func(_ context.Context, s reconciler.State) error { saved = s; return nil }
				d := c.Scenario().Config(srv.Domain(), id)
				ctx := context.Background()
				run := func(op func(context.Context, reconciler.Desired, reconciler.State) (*reconciler.Result, error)) func() error {
					return func() error {
						res, err := op(ctx, d, saved)
						if res != nil && !reconciler.FailedBeforeWrites(err) {
							saved = res.State
						}
						return err
					}
				}
				conformance.RunFaultCase(t, srv, id, c, outage, conformance.FaultFace{Apply: run(eng.Apply), Remove: run(eng.Delete)})
			})
		}
	}
}

// Without a record of intent, a grant whose create answer was lost is
// foreign at the next run, and stays in the tenant after deletion: the
// failure the matrix guards against.
func TestGrantIntentIsWhatRecognisesALostCreate(t *testing.T) {
	srv, eng := newFaultEngine(t)
	i := slices.IndexFunc(conformance.FaultScenarios, func(f conformance.FaultScenario) bool { return f.Name == "user access" })
	if i < 0 || conformance.FaultScenarios[i].App.UserAccess == nil {
		t.Fatal("no user access lifecycle in the fault matrix")
	}
	sc := conformance.FaultScenarios[i]
	const id = "crash_app"
	if err := sc.Scenario().Seed(srv, id); err != nil {
		t.Fatal(err)
	}
	d := sc.Scenario().Config(srv.Domain(), id)
	ctx := context.Background()
	srv.DropAfterCommit(1, 2)
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err == nil {
		t.Fatal("apply succeeded through the fault")
	}
	st := res.State.Apps[id]
	if !st.GrantIntent || st.GrantID != "" {
		t.Fatalf("state after the lost create = %+v, want the grant intent and no id", st)
	}
	// The next run recognises the grant as its own, in sync.
	res, err = eng.Apply(ctx, d, res.State)
	if err != nil {
		t.Fatal(err)
	}
	grants := srv.Grants()
	var ours string
	for _, g := range grants {
		if g.ClientID == id && g.SubjectType == "user" {
			ours = g.ID
		}
	}
	if got := res.State.Apps[id]; got.GrantID != ours || got.GrantIntent || ours == "" {
		t.Fatalf("state = %+v, want grant %q owned and the intent resolved", got, ours)
	}
	// Forgetting the intent (the state of a face that did not record it)
	// makes the same grant foreign: a scope change is a conflict.
	d.Applications[0].UserAccess.Scopes = []string{"read:me:factors"}
	_, err = eng.Apply(ctx, d, reconciler.State{})
	var conflict *reconciler.GrantConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("without the record: %v, want a grant conflict", err)
	}
}

// newFaultEngine starts an emulator and an engine with faultPolicy's quick
// retries.
func newFaultEngine(t *testing.T) (*auth0sim.Server, *reconciler.Engine) {
	t.Helper()
	srv, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	eng, err := faultEngine(srv)
	if err != nil {
		t.Fatal(err)
	}
	return srv, eng
}

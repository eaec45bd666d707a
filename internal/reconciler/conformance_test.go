package reconciler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestConformanceEngine runs the cross-face scenario table through the
// engine the CLI drives, persisting state between runs as the CLI's state
// file does. provider.TestConformanceTerraform and
// operator.TestConformanceOperator run the same table.
func TestConformanceEngine(t *testing.T) {
	for _, sc := range conformance.Scenarios {
		t.Run(sc.Name, func(t *testing.T) { runEngineScenario(t, sc) })
	}
}

// runEngineScenario runs one scenario through the engine.
func runEngineScenario(t *testing.T, sc conformance.Scenario) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	const id = "conformance_app"
	if err := sc.Seed(srv, id); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	d := sc.Config(srv.Domain(), id)
	if sc.Second != nil {
		runTwoOwners(t, eng, sc, d, srv, id)
		return
	}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if sc.WantError != "" {
		if err == nil || !strings.Contains(err.Error(), sc.WantError) {
			t.Fatalf("apply: error %v, want one containing %q", err, sc.WantError)
		}
	} else if err != nil {
		t.Fatalf("apply: %v", err)
	}
	if res == nil {
		res = &reconciler.Result{} // refused before reading the tenant
	}
	state := res.State
	if sc.Edit != nil {
		if err := sc.EditTenant(srv, id); err != nil {
			t.Fatal(err)
		}
		if !sc.Remove {
			if res, err = eng.Apply(ctx, d, state); err != nil {
				t.Fatalf("apply after the edit: %v", err)
			}
			state = res.State
		}
	}
	if sc.Remove {
		if _, err := eng.Delete(ctx, d, state); err != nil {
			t.Fatalf("delete: %v", err)
		}
	}
	if problem := sc.Check(srv, id); problem != "" {
		t.Error(problem)
	}
}

// runTwoOwners runs a shared-client scenario as two documents of CLI runs:
// the first applied, then the second; the first removed, then the second.
func runTwoOwners(t *testing.T, eng *reconciler.Engine, sc conformance.Scenario, d reconciler.Desired, srv *auth0sim.Server, id string) {
	ctx := context.Background()
	d2 := sc.SecondConfig(srv.Domain(), id)
	first := reconciler.OwnerOf("first", &d, reconciler.State{})
	second := reconciler.OwnerOf("second", &d2, reconciler.State{})
	run := func(self string, apply func() (*reconciler.Result, error)) (*reconciler.Result, error) {
		eng.Sharing = &reconciler.Sharing{Self: self, Owners: []reconciler.Owner{first, second}}
		return apply()
	}
	res, err := run("first", func() (*reconciler.Result, error) { return eng.Apply(ctx, d, first.State) })
	if err != nil {
		t.Fatalf("apply the first: %v", err)
	}
	first.State = res.State
	res, err = run("second", func() (*reconciler.Result, error) { return eng.Apply(ctx, d2, second.State) })
	if sc.WantError != "" {
		if err == nil || !strings.Contains(err.Error(), sc.WantError) || !strings.Contains(err.Error(), "first") {
			t.Fatalf("apply the second: error %v, want one containing %q and naming the first", err, sc.WantError)
		}
	} else if err != nil {
		t.Fatalf("apply the second: %v", err)
	} else {
		second.State = res.State
	}
	if sc.Remove {
		if _, err := run("first", func() (*reconciler.Result, error) { return eng.Delete(ctx, d, first.State) }); err != nil {
			t.Fatalf("delete the first: %v", err)
		}
		first = reconciler.Owner{Name: "first"}
		if problem := conformance.CheckTenant(srv, id, sc.Want); problem != "" {
			t.Fatalf("after the first owner let go: %s", problem)
		}
	}
	if sc.WantLast != nil {
		if _, err := run("second", func() (*reconciler.Result, error) { return eng.Delete(ctx, d2, second.State) }); err != nil {
			t.Fatalf("delete the second: %v", err)
		}
	}
	eng.Sharing = nil
	if problem := sc.Check(srv, id); problem != "" {
		t.Error(problem)
	}
}

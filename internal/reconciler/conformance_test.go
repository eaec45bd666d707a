package reconciler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestConformanceEngine runs the cross-face scenario table through the
// engine the CLI drives, persisting state between runs as the CLI's state
// file does. provider.TestConformanceTerraform and
// operator.TestConformanceOperator run the same table.
func TestConformanceEngine(t *testing.T) {
	for _, sc := range conformance.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			ctx := context.Background()
			srv, eng := newEngine(t)
			const id = "conformance_app"
			if err := sc.Seed(srv, id); err != nil {
				t.Fatal(err)
			}
			srv.ResetCounts()
			d := sc.Config(srv.Domain(), id)
			res, err := eng.Apply(ctx, d, reconciler.State{})
			if sc.WantError != "" {
				if err == nil || !strings.Contains(err.Error(), sc.WantError) {
					t.Fatalf("apply: error %v, want one containing %q", err, sc.WantError)
				}
			} else if err != nil {
				t.Fatalf("apply: %v", err)
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
		})
	}
}

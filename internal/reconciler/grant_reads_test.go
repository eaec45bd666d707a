package reconciler_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const listGrantsRoute = "GET /api/v2/client-grants"

// grantReadCost reads the My Account user grants of k clients through one
// session, on a tenant holding g user grants for that API, and returns the
// grant list requests it made. known says whether the session is told the
// run's clients first (Prefetch: the CLI and the operator) or not
// (Terraform). Every answer is checked against the tenant.
func grantReadCost(t testing.TB, g, k int, known bool) int {
	n := max(g, k)
	var ids []string
	for i := range k {
		ids = append(ids, fmt.Sprintf("app%05d", i*n/k)) // spread over the list's pages
	}
	return grantReadCostOf(t, g, ids, known)
}

// grantReadCostOf is grantReadCost for the clients ids, where the tenant's
// grants are those of app00000 to app<g-1>.
func grantReadCostOf(t testing.TB, g int, ids []string, known bool) int {
	srv, eng := newEngineTB(t)
	rs, err := srv.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // client id -> grant id
	for i := range g {
		id := fmt.Sprintf("app%05d", i)
		want[id] = srv.SeedGrant(auth0sim.ClientGrant{ClientID: id, Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
	}
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	ctx := context.Background()
	if known {
		if err := s.Prefetch(ctx, ids); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetCounts()
	for _, id := range ids {
		got, err := s.UserGrant(ctx, id, rs.Identifier)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want[id] || got.Exists != (want[id] != "") {
			t.Fatalf("grant of %s = %+v, want %q", id, got, want[id])
		}
	}
	return srv.Counts()[listGrantsRoute]
}

// TestGrantReadCostTable prints the grant list requests of reading k
// clients' grants on tenants of 100 and 5,000 user grants.
func TestGrantReadCostTable(t *testing.T) {
	t.Logf("%-8s %-6s %-12s %-12s %s", "grants", "K", "known K", "unknown K", "pages")
	for _, g := range []int{100, 5000} {
		for _, k := range []int{1, 10, 100, 1000} {
			known, unknown := grantReadCost(t, g, k, true), grantReadCost(t, g, k, false)
			t.Logf("%-8d %-6d %-12d %-12d %d", g, k, known, unknown, (g+99)/100)
		}
	}
}

// Issue 16 §1: one client's grant on a tenant of 500 user grants costs at
// most 2 requests (one probing), 300 of them the 5 pages when the run said
// its clients, and at most 1 + 2·4 when it could not (Terraform).
func TestGrantReadsCostTheCheaperWay(t *testing.T) {
	last := []string{"app00499"} // on the last page
	var many []string
	for i := range 300 {
		many = append(many, fmt.Sprintf("app%05d", i*500/300))
	}
	for _, tc := range []struct {
		name  string
		ids   []string
		known bool
		limit int
	}{
		{"1 of 500, clients said", last, true, 1},
		{"1 of 500, clients not said", last, false, 2},
		{"300 of 500, clients said", many, true, 5},
		{"300 of 500, clients not said", many, false, 1 + 2*4},
		{"a client without a grant, clients not said", []string{"app09999"}, false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := grantReadCostOf(t, 500, tc.ids, tc.known); got > tc.limit {
				t.Errorf("%d grant list requests, want at most %d", got, tc.limit)
			} else {
				t.Logf("%d grant list requests (limit %d)", got, tc.limit)
			}
		})
	}
}

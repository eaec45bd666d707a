package reconciler_test

import (
	"context"
	"fmt"
	"sync"
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
		ids = append(ids, fmt.Sprintf("app%05d", (2*i+1)*n/(2*k))) // spread over the list's pages
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

// BenchmarkGrantReadRequests reports the grant list requests of reading k
// clients' user grants on tenants of 100 and 5,000 user grants, when the
// run says its clients (the CLI, the operator) and when it cannot
// (Terraform). Run it with -bench GrantReadRequests -benchtime 1x.
func BenchmarkGrantReadRequests(b *testing.B) {
	for _, g := range []int{100, 5000} {
		for _, k := range []int{1, 10, 100, 1000} {
			for _, known := range []bool{true, false} {
				b.Run(fmt.Sprintf("grants=%d/K=%d/clients_said=%v", g, k, known), func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						b.ReportMetric(float64(grantReadCost(b, g, k, known)), "requests/op")
					}
				})
			}
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

// A write of a grant updates the session's view of it, whichever way the
// grant was read: the next reads of the client, and of the whole list, see
// it without a request.
func TestGrantWritesUpdateTheView(t *testing.T) {
	srv, eng := newEngine(t)
	rs, err := srv.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	aud := rs.Identifier
	for i := range 150 { // two pages
		srv.SeedGrant(auth0sim.ClientGrant{ClientID: fmt.Sprintf("app%05d", i), Audience: aud, SubjectType: "user", Scope: []string{"read:me:factors"}})
	}
	srv.SeedClient(auth0sim.Client{ClientID: "fresh", Name: "fresh"})
	ctx := context.Background()
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	r := reconciler.UserAccessReconciler{Session: s}
	created, owned, err := r.Reconcile(ctx, "fresh", aud, &reconciler.UserAccess{Scopes: []string{"read:me:factors"}}, "")
	if err != nil || !created.Exists {
		t.Fatalf("create: %+v, %v", created, err)
	}
	if _, _, err := r.Reconcile(ctx, "app00120", aud, nil, grantIDOf(srv, "app00120")); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	if g, err := s.UserGrant(ctx, "fresh", aud); err != nil || g.ID != owned {
		t.Fatalf("grant of fresh after its create = %+v, %v", g, err)
	}
	all, err := s.UserGrants(ctx, aud)
	if err != nil {
		t.Fatal(err)
	}
	if all["fresh"].ID != owned || all["app00120"].Exists || len(all) != 150 {
		t.Errorf("the list after a create and a delete: fresh %+v, app00120 %+v, %d grants", all["fresh"], all["app00120"], len(all))
	}
	if g, err := s.UserGrant(ctx, "app00120", aud); err != nil || g.Exists {
		t.Errorf("grant of app00120 after its delete = %+v, %v", g, err)
	}
	if n := srv.Counts()[listGrantsRoute]; n != 0 {
		t.Errorf("%d grant reads after the writes, want 0: the writes' answers and the pages read before", n)
	}
}

func grantIDOf(srv *auth0sim.Server, clientID string) string {
	for _, g := range srv.Grants() {
		if g.ClientID == clientID && g.SubjectType == "user" {
			return g.ID
		}
	}
	return ""
}

// Concurrent reads of grants (Terraform's resources, the operator's
// workers) share the requests: one probe, then one read per client.
func TestConcurrentGrantReadsShareRequests(t *testing.T) {
	srv, eng := newEngine(t)
	rs, err := srv.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		srv.SeedGrant(auth0sim.ClientGrant{ClientID: fmt.Sprintf("app%05d", i), Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
	}
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	srv.ResetCounts()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if g, err := s.UserGrant(context.Background(), "app00499", rs.Identifier); err != nil || !g.Exists {
				t.Errorf("grant = %+v, %v", g, err)
			}
		})
	}
	wg.Wait()
	if n := srv.Counts()[listGrantsRoute]; n > 2 {
		t.Errorf("20 concurrent reads of one grant made %d requests, want at most 2", n)
	}
}

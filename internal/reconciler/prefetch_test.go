package reconciler_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// clientReadCost runs a first apply of k applications on a tenant of n
// clients, then an in-sync plan, and returns the plan's requests by route.
func clientReadCost(t testing.TB, n, k int) (total int, byRoute map[string]int) {
	srv, eng := newEngineTB(t)
	var apps []reconciler.Application
	for i := 1; i < n; i++ { // the engine's tenant already holds "spa"
		id := fmt.Sprintf("app%05d", i)
		srv.SeedClient(auth0sim.Client{ClientID: id, Name: id})
		if (i-1)%(n/k) == 0 && len(apps) < k { // spread over the list's pages
			apps = append(apps, reconciler.Application{ClientID: id, AllowedOrigins: []string{"https://" + id + ".example.com"}})
		}
	}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: apps}
	ctx := context.Background()
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	plan, err := eng.Plan(ctx, d, res.State)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.InSync() {
		t.Fatalf("plan after apply: %v", plan.Changes)
	}
	return srv.Total(), srv.Counts()
}

// Issue 16 §1: an in-sync run reads k clients of a tenant of n with
// whichever is cheaper, k reads or the list's pages, plus at most one page
// to learn n, the API and the grant list.
func TestInSyncPlanReadsClientsByTheCheaperWay(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{100, 1}, {100, 10}, {100, 99}, {5000, 1}, {5000, 10}, {5000, 100}, {5000, 1000}} {
		t.Run(fmt.Sprintf("%d clients, %d apps", tc.n, tc.k), func(t *testing.T) {
			got, routes := clientReadCost(t, tc.n, tc.k)
			pages := (tc.n + 99) / 100
			limit := min(tc.k, pages) + 2
			if tc.k > 1 && tc.k < pages {
				limit++ // the first page, spent learning n
			}
			if got > limit {
				t.Errorf("%d requests, want at most %d: %v", got, limit, routes)
			}
			t.Logf("%d requests (limit %d): %v", got, limit, routes)
		})
	}
}

// BenchmarkInSyncPlanRequests reports the Management API requests of an
// in-sync plan (the wall time on a Free tenant at 2 a second).
func BenchmarkInSyncPlanRequests(b *testing.B) {
	for _, n := range []int{100, 5000} {
		for _, k := range []int{1, 10, 100, 1000} {
			if k >= n {
				continue
			}
			b.Run(fmt.Sprintf("tenant=%d/apps=%d", n, k), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					total, _ := clientReadCost(b, n, k)
					b.ReportMetric(float64(total), "requests/op")
				}
			})
		}
	}
}

// A session that cannot know how many clients it will read (Terraform)
// reads k of n clients for at most 1 + 2·min(k, ⌈n/100⌉−1) requests, and 1
// when n ≤ 100; every client it answers is the tenant's, and a client the
// list lacks costs one read by id that confirms it is missing.
func TestReadThroughListCost(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{100, 1}, {100, 50}, {5000, 1}, {5000, 10}, {5000, 1000}} {
		t.Run(fmt.Sprintf("%d clients, %d reads", tc.n, tc.k), func(t *testing.T) {
			srv, eng := newEngineTB(t)
			for i := 1; i < tc.n; i++ {
				id := fmt.Sprintf("app%05d", i)
				srv.SeedClient(auth0sim.Client{ClientID: id, Name: id, WebOrigins: []string{"https://" + id + ".example.com"}})
			}
			s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
			s.ListReads = true
			srv.ResetCounts()
			for i := 0; i < tc.k; i++ {
				id := fmt.Sprintf("app%05d", 1+i*(tc.n/tc.k-1)%(tc.n-1))
				c, err := s.Client(context.Background(), id)
				if err != nil || c == nil || c.WebOrigins[0] != "https://"+id+".example.com" {
					t.Fatalf("client %s = %+v, %v", id, c, err)
				}
			}
			if c, err := s.Client(context.Background(), "no-such-client"); c != nil || err != nil {
				t.Fatalf("a missing client = %+v, %v", c, err)
			}
			pages := (tc.n + 99) / 100
			limit := 2 + 2*min(tc.k, pages-1)
			if got := srv.Total(); got > limit {
				t.Errorf("%d requests, want at most %d: %v", got, limit, srv.Counts())
			} else {
				t.Logf("%d requests (limit %d)", got, limit)
			}
		})
	}
}

// A client the list does not show is confirmed missing by one read by id,
// and the run names it before any write.
func TestPrefetchedRunStillNamesAnUnknownClient(t *testing.T) {
	srv, eng := newEngineTB(t)
	srv.SeedClient(auth0sim.Client{ClientID: "other", Name: "other"})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{
		{ClientID: "spa", AllowedOrigins: []string{"https://a.example.com"}},
		{ClientID: "other", AllowedOrigins: []string{"https://b.example.com"}},
		{ClientID: "gone", AllowedOrigins: []string{"https://c.example.com"}},
	}}
	srv.ResetCounts()
	_, err := eng.Apply(context.Background(), d, reconciler.State{})
	if err == nil || !strings.Contains(err.Error(), `applications[2].clientId: invalid value "gone"`) {
		t.Fatalf("err = %v", err)
	}
	if w := srv.Writes(); w != 0 {
		t.Errorf("%d writes, want 0", w)
	}
	if n := srv.Counts()["GET /api/v2/clients/{id}"]; n != 1 {
		t.Errorf("reads by id = %d, want 1 (only the client the list lacks): %v", n, srv.Counts())
	}
}

// On a tenant whose client list is one page, a write that must read its
// client again (its read is older than WriteAge) reads the page instead:
// the same one request, and the next write, of another client, starts from
// it without a read of its own.
func TestStaleWritesOnAOnePageTenantReadThePage(t *testing.T) {
	srv, eng := newEngine(t)
	srv.SeedClient(auth0sim.Client{ClientID: "other", Name: "other"})
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	s.Settle, s.WriteAge = -1, time.Second
	ctx := context.Background()
	if err := s.Prefetch(ctx, []string{"spa", "other"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // both reads are now too old to write from
	srv.ResetCounts()
	for _, id := range []string{"spa", "other"} {
		app := reconciler.WebOrigins.Declare(id, []string{"https://" + id + ".example.com"}, reconciler.OriginsMerge)
		if _, err := reconciler.ReconcileClient(ctx, s, app, reconciler.AppState{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	got := srv.Counts()
	if got["GET /api/v2/clients"] != 1 || got["GET /api/v2/clients/{id}"] != 0 || got[patchClientRoute] != 2 {
		t.Errorf("requests %v; want one read of the list page for both writes, and two PATCHes", got)
	}
}

// On a tenant of several pages, a write that must read its client again
// reads the page the client was listed on: the same one request, and the
// next write, of another client on that page, starts from it. A client the
// page no longer shows is read by id, never taken from the old read.
func TestStaleWritesOnAManyPageTenantReadTheirPage(t *testing.T) {
	srv, eng := newEngine(t)
	ids := make([]string, 250)
	for i := range ids {
		ids[i] = fmt.Sprintf("c%03d", i)
		srv.SeedClient(auth0sim.Client{ClientID: ids[i], Name: ids[i]})
	}
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	s.Settle, s.WriteAge = -1, time.Second
	ctx := context.Background()
	if err := s.Prefetch(ctx, ids); err != nil {
		t.Fatal(err)
	}
	if err := eng.Management.Client.Delete(ctx, "c230"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // every read is now too old to write from
	srv.ResetCounts()
	for _, id := range []string{"c210", "c220"} { // both on the list's third page
		app := reconciler.WebOrigins.Declare(id, []string{"https://" + id + ".example.com"}, reconciler.OriginsMerge)
		if _, err := reconciler.ReconcileClient(ctx, s, app, reconciler.AppState{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	got := srv.Counts()
	if got["GET /api/v2/clients"] != 1 || got["GET /api/v2/clients/{id}"] != 0 || got[patchClientRoute] != 2 {
		t.Errorf("requests %v; want one read of the third page for both writes, and two PATCHes", got)
	}
	app := reconciler.WebOrigins.Declare("c230", []string{"https://c230.example.com"}, reconciler.OriginsMerge)
	res, err := reconciler.ReconcileClient(ctx, s, app, reconciler.AppState{}, nil)
	if err != nil || res.Client != nil {
		t.Errorf("a client deleted since its page was read: %+v, %v; want it read as missing", res, err)
	}
	if w := srv.Writes(); w != 2 {
		t.Errorf("%d writes, want 2 (none for the deleted client)", w)
	}
}

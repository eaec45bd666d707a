package reconciler_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// An in-sync plan of k applications with user access, on a tenant of n
// clients that each hold a user grant, reads the clients and the grants
// each by the cheaper way: at most min(k, ⌈n/100⌉) + 1 for each, plus the
// API (issue 16 §1).
func TestInSyncPlanReadsGrantsByTheCheaperWay(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{500, 1}, {500, 300}, {5000, 10}} {
		t.Run(fmt.Sprintf("%d clients and grants, %d apps", tc.n, tc.k), func(t *testing.T) {
			srv, eng := newEngine(t)
			rs, err := srv.ActivateMyAccountAPI("")
			if err != nil {
				t.Fatal(err)
			}
			d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
			state := reconciler.State{Apps: map[string]reconciler.AppState{}}
			for i := 1; i < tc.n; i++ { // the engine's tenant already holds "spa"
				id := fmt.Sprintf("app%05d", i)
				srv.SeedClient(auth0sim.Client{ClientID: id, Name: id})
				gid := srv.SeedGrant(auth0sim.ClientGrant{ClientID: id, Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
				if i%(tc.n/tc.k) == tc.n/tc.k/2 && len(d.Applications) < tc.k { // spread over the pages
					state.Apps[id] = reconciler.AppState{GrantID: gid}
					d.Applications = append(d.Applications, reconciler.Application{ClientID: id, UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors"}}})
				}
			}
			srv.ResetCounts()
			res, err := eng.Plan(context.Background(), d, state)
			if err != nil {
				t.Fatal(err)
			}
			if !res.InSync() {
				t.Fatalf("want in sync, got %v", res.Changes)
			}
			pages := (tc.n + 99) / 100
			limit := 2*(min(tc.k, pages)+1) + 1
			if got := srv.Total(); got > limit {
				t.Errorf("%d requests, want at most %d: %v", got, limit, srv.Counts())
			} else {
				t.Logf("%d requests (limit %d): %v", got, limit, srv.Counts())
			}
		})
	}
}

package reconciler_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const readClientRoute = "GET /api/v2/clients/{id}"

// Concurrent reads of one client (Terraform runs resources in parallel)
// cost one request, and a write replaces the read with what it returned.
func TestSessionCoalescesReadsAndKeepsWrites(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	srv.SeedClient(auth0sim.Client{ClientID: "shared", Name: "Shared", AllowedOrigins: []string{"https://legacy.example.com"}})
	srv.ResetCounts()
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if c, err := s.Client(ctx, "shared"); err != nil || c == nil {
				t.Errorf("read: %v %v", c, err)
			}
		})
	}
	wg.Wait()
	if n := srv.Counts()[readClientRoute]; n != 1 {
		t.Fatalf("10 concurrent reads made %d requests, want 1", n)
	}
	// Two settings of one client, one after the other: one read in all.
	origins := reconciler.Application{ClientID: "shared", AllowedOrigins: []string{"https://a.example.com"}, OriginsMode: reconciler.OriginsMerge}
	if _, err := reconciler.ReconcileClient(ctx, s, origins, reconciler.AppState{}, nil); err != nil {
		t.Fatal(err)
	}
	cross := reconciler.Application{ClientID: "shared", CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true}}
	res, err := reconciler.ReconcileClient(ctx, s, cross, reconciler.AppState{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Client.AllowedOrigins, "https://a.example.com") || !res.Client.CrossOrigin.Enabled {
		t.Errorf("client after both writes = %+v", res.Client)
	}
	if n := srv.Counts()[readClientRoute]; n != 1 {
		t.Errorf("two writes after one read made %d reads, want 1", n)
	}
}

// A session whose read is older than another session's write to the same
// client (two operator objects) reads again under the lock, so neither
// loses the other's origin.
func TestSessionRereadsAfterAnotherSessionWrote(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	srv.SeedClient(auth0sim.Client{ClientID: "shared", Name: "Shared"})
	locks := &reconciler.ClientLocks{}
	first := reconciler.NewSession(eng.Management, srv.Domain(), locks)
	second := reconciler.NewSession(eng.Management, srv.Domain(), locks)
	if _, err := first.Client(ctx, "shared"); err != nil {
		t.Fatal(err)
	}
	b := reconciler.Application{ClientID: "shared", AllowedOrigins: []string{"https://b.example.com"}, OriginsMode: reconciler.OriginsMerge}
	if _, err := reconciler.ReconcileClient(ctx, second, b, reconciler.AppState{}, nil); err != nil {
		t.Fatal(err)
	}
	a := reconciler.Application{ClientID: "shared", AllowedOrigins: []string{"https://a.example.com"}, OriginsMode: reconciler.OriginsMerge}
	if _, err := reconciler.ReconcileClient(ctx, first, a, reconciler.AppState{}, nil); err != nil {
		t.Fatal(err)
	}
	c, _ := srv.GetClient("shared")
	if !slices.Contains(c.AllowedOrigins, "https://a.example.com") || !slices.Contains(c.AllowedOrigins, "https://b.example.com") {
		t.Errorf("allowed_origins = %v, want both sessions' origins", c.AllowedOrigins)
	}
}

// TestSessionWriteAgeRereadsAnOldRead: a view shared over a while (the
// operator's round) does not write from a read older than WriteAge, so a
// dashboard edit made since it read the client is kept.
func TestSessionWriteAgeRereadsAnOldRead(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	srv.SeedClient(auth0sim.Client{ClientID: "shared", Name: "Shared"})
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	s.WriteAge = 20 * time.Millisecond
	if _, err := s.Client(ctx, "shared"); err != nil {
		t.Fatal(err)
	}
	if err := srv.EditClient("shared", func(c *auth0sim.Client) { c.AllowedOrigins = []string{"https://dashboard.example.com"} }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // past WriteAge
	a := reconciler.Application{ClientID: "shared", AllowedOrigins: []string{"https://a.example.com"}, OriginsMode: reconciler.OriginsMerge}
	if _, err := reconciler.ReconcileClient(ctx, s, a, reconciler.AppState{}, nil); err != nil {
		t.Fatal(err)
	}
	c, _ := srv.GetClient("shared")
	if !slices.Contains(c.AllowedOrigins, "https://dashboard.example.com") || !slices.Contains(c.AllowedOrigins, "https://a.example.com") {
		t.Errorf("allowed_origins = %v, want the dashboard's origin kept beside the run's", c.AllowedOrigins)
	}
}

package reconciler_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// A writer that takes our origin back after every write of the list, not
// by timing but after each PATCH (the emulator's list-undo fault): the
// check rewrites the list three times, then gives up with an error that
// names the client and the list and says the change was not kept, and it
// sends no fourth rewrite.
func TestVerifyListsGivesUpOnAWriterThatKeepsUndoingIt(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	const ours = "https://a.example.com"
	srv.SeedClient(auth0sim.Client{ClientID: "shared", Name: "Shared", AllowedOrigins: []string{"https://legacy.example.com"}})
	srv.UndoOriginAfterWrites("shared", "allowed_origins", ours)
	srv.ResetCounts()
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	s.Settle = time.Millisecond
	app := reconciler.Application{ClientID: "shared", AllowedOrigins: []string{ours}, OriginsMode: reconciler.OriginsMerge}
	res, err := reconciler.ReconcileClient(ctx, s, app, reconciler.AppState{}, nil)
	if err != nil {
		t.Fatal(err)
	}

	repaired, err := reconciler.VerifyLists(ctx, s, res.Verify(app))
	if err == nil {
		t.Fatalf("VerifyLists returned no error after %d repairs, want it to give up", len(repaired))
	}
	for _, want := range []string{"client shared", "origin lists", "3 rewrites did not hold", "allowed_origins", ours, "the change was not kept"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	// The first write and three rewrites, each taken back; no fifth PATCH.
	if n := srv.Counts()["PATCH /api/v2/clients/{id}"]; n != 1+3 {
		t.Errorf("%d PATCHes of the client, want 1 write + 3 rewrites: %v", n, srv.Counts())
	}
	if n := srv.UndoneOrigins(); n != 1+3 {
		t.Errorf("the other writer took the origin back %d times, want 4", n)
	}
	if len(repaired) != 3 {
		t.Errorf("repairs = %v, want the three rewrites", repaired)
	}
	if c, _ := srv.GetClient("shared"); slices.Contains(c.AllowedOrigins, ours) {
		t.Errorf("allowed_origins = %v: the other writer's removal should stand", c.AllowedOrigins)
	}
}

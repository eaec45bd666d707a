package reconciler

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// ClientResult is the outcome of ReconcileClient.
type ClientResult struct {
	// Client is the client after the write; nil when it does not exist.
	Client *ClientObservation
	// State is what the config owns on the client after the write.
	State AppState
	// Changes are the changes made.
	Changes []Change
	// Wrote is the patch that landed; empty when nothing was written.
	Wrote ClientPatch
}

// Verify is what VerifyLists checks for this result: nil unless it wrote
// an origin list.
func (r ClientResult) Verify(app Application) []Written {
	if !r.Wrote.wroteLists() {
		return nil
	}
	return []Written{{App: app, Owned: r.State}}
}

// ReconcileClient is the whole lifecycle of a client's settings: with the
// client locked in this process, it takes the session's read (or reads again
// if another session of the process wrote the client since), plans, sends
// one PATCH, and checks that the tenant kept what was sent. A client that
// does not exist returns a nil Client and no error: Delete accepts that,
// Create reports it.
//
// Before a PATCH that adds to what the config owns, it records through
// intent (nil records nothing) the ownership while the PATCH is in flight
// (what it owned and what it will own), and patches only once that is
// recorded. When the PATCH fails, State is that ownership: the caller keeps
// it, and the next run sorts out what landed.
//
// With Session.Coalesce set, the writes of one client that arrive within
// that window share one PATCH (see coalesce.go).
func ReconcileClient(ctx context.Context, s *Session, app Application, owned AppState, intent Intent) (ClientResult, error) {
	return reconcileWithSharers(ctx, s, app, owned, intent, nil, -1)
}

// reconcileAlone is ReconcileClient with a PATCH of its own.
func reconcileAlone(ctx context.Context, s *Session, app Application, owned AppState, intent Intent) (ClientResult, error) {
	unlock := s.locks.lock(s.Domain, app.ClientID)
	wrote := false
	defer func() { unlock(wrote) }()
	obs, err := s.freshClient(ctx, app.ClientID)
	if err != nil || obs == nil {
		return ClientResult{State: owned}, err
	}
	patch, next, changes := PlanClient(app, owned, obs.ClientSettings)
	if patch.Empty() {
		return ClientResult{Client: obs, State: next, Changes: changes}, nil
	}
	if err := patch.checkSize(func(name string) string { return "client " + app.ClientID + " " + name }); err != nil {
		return ClientResult{Client: obs, State: owned}, err
	}
	pending := inFlight(owned, next)
	if err := intent.record(ctx, owned, pending); err != nil {
		return ClientResult{Client: obs, State: owned}, fmt.Errorf("client %s: could not record what this run is about to change, so it changed nothing: %w", app.ClientID, err)
	}
	owned = pending
	after, err := patchClient(ctx, s.M, app.ClientID, patch)
	if err != nil {
		return ClientResult{Client: obs, State: owned}, err
	}
	wrote = true
	if after.ClientID == "" {
		after.ClientID, after.Name = obs.ClientID, obs.Name
	}
	store(s, s.clients, app.ClientID, after, s.locks.generation(s.Domain, app.ClientID)+1)
	if field := patch.heldBy(after.ClientSettings); field != "" {
		return ClientResult{Client: after, State: owned}, fmt.Errorf("client %s: the tenant answered the update with a different %s than was sent; another writer may be changing it: check the client in Auth0 Dashboard > Applications, then apply again", app.ClientID, field)
	}
	return ClientResult{Client: after, State: next, Changes: changes, Wrote: patch}, nil
}

// ApplyClient is ReconcileClient for a caller that writes one client at a
// time (a Terraform resource): it also checks, after the settle delay, that
// an origin list it wrote held (VerifyLists), and returns the client as it
// is after that check. The engine, which writes many clients, calls
// ReconcileClient for each and VerifyLists once, so that they share one
// settle delay. intent is as for ReconcileClient.
func ApplyClient(ctx context.Context, s *Session, app Application, owned AppState, intent Intent) (ClientResult, error) {
	res, err := ReconcileClient(ctx, s, app, owned, intent)
	if err != nil || res.Client == nil {
		return res, err
	}
	if _, err := VerifyLists(ctx, s, res.Verify(app)); err != nil {
		return res, err
	}
	if c, err := s.Client(ctx, app.ClientID); err == nil && c != nil {
		res.Client = c
	}
	return res, nil
}

// Verification of origin lists. Auth0 offers no ETag or If-Match on clients,
// so two writers that read the same allowed_origins and each PATCH the whole
// list lose one of the two origins. After writing a list, a writer waits a
// short, jittered settle delay, reads the client again and puts back only
// what its config owns, a bounded number of times.
const (
	// DefaultSettle is the wait before the read that checks a list write.
	DefaultSettle = 300 * time.Millisecond
	// maxRepairs bounds the rewrites of one client's lists per run.
	maxRepairs = 3
)

// Written is a client whose origin lists this run wrote: the config that
// wrote them and what it owns now.
type Written struct {
	App   Application
	Owned AppState
}

// VerifyLists waits the session's settle delay once, then reads each written
// client again; where a concurrent writer removed an origin this config owns
// (or, in Exclusive mode, added one), it writes the list again, at most
// maxRepairs times per client, each after another settle. It returns the
// repairs it made, and an error naming the client and the list when a
// change still did not hold: the run must not report it as made.
func VerifyLists(ctx context.Context, s *Session, written []Written) ([]Change, error) {
	if s.Settle < 0 {
		return nil, nil // checking turned off
	}
	var repaired []Change
	pending := written
	for round := 0; len(pending) > 0; round++ {
		settling := time.Now()
		if err := s.settle(ctx); err != nil {
			return repaired, err
		}
		var again []Written
		for _, w := range pending {
			// A read sent since the writes landed, by this run or another
			// of the session (the writers of one coalesced PATCH), checks
			// them all: each client is read once, however many wrote it.
			changes, wrote, err := repairLists(ctx, s, w, round < maxRepairs, !s.readSince(w.App.ClientID, settling))
			if err != nil {
				return repaired, err
			}
			repaired = append(repaired, changes...)
			if wrote {
				again = append(again, w)
			}
		}
		pending = again
	}
	return repaired, nil
}

// repairLists reads w's client under its lock (again when reread, else
// as this round last read or wrote it) and rewrites its lists if they lost
// what w owns; with canWrite false, a loss is an error.
func repairLists(ctx context.Context, s *Session, w Written, canWrite, reread bool) ([]Change, bool, error) {
	unlock := s.locks.lock(s.Domain, w.App.ClientID)
	wrote := false
	defer func() { unlock(wrote) }()
	var obs *ClientObservation
	var err error
	if reread {
		obs, err = s.reread(ctx, w.App.ClientID)
	} else {
		obs, err = s.freshClient(ctx, w.App.ClientID)
	}
	if err != nil || obs == nil {
		return nil, false, err
	}
	patch, _, changes := PlanClient(listsOnly(w.App), w.Owned, obs.ClientSettings)
	patch = patch.onlyLists()
	if !patch.wroteLists() {
		return nil, false, nil
	}
	if !canWrite {
		return nil, false, fmt.Errorf("client %s: another writer keeps changing its origin lists (%d rewrites did not hold: %s); the change was not kept: find the other writer (a second pipeline, the dashboard, another tool), then apply again",
			w.App.ClientID, maxRepairs, SummarizeChanges(changes, 200))
	}
	after, err := patchClient(ctx, s.M, w.App.ClientID, patch)
	if err != nil {
		return nil, false, err
	}
	wrote = true
	store(s, s.clients, w.App.ClientID, after, s.locks.generation(s.Domain, w.App.ClientID)+1)
	return changes, true, nil
}

func (s *Session) settle(ctx context.Context) error {
	d := s.Settle
	if d == 0 {
		d = DefaultSettle
	}
	// Jitter, so that two writers that raced do not check at the same moment.
	d += time.Duration(rand.Int64N(int64(d)))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

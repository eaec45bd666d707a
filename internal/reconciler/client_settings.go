package reconciler

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// clientSetting is one managed setting of an Auth0 client, implemented once
// for every face: from the config, what it owned before and the client as
// observed, it adds to the patch, records what it owns after the patch lands,
// and returns the changes. A setting the config does not manage releases what
// owned records, restoring only what it changed. Pure.
type clientSetting interface {
	plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change
}

// clientSettings are every managed setting of a client. A new setting is one
// more entry here.
var clientSettings = []clientSetting{
	originsSetting{
		field:    "allowed_origins",
		desired:  func(a Application) ([]string, OriginsMode) { return a.AllowedOrigins, a.OriginsMode },
		owned:    func(s *AppState) *[]string { return &s.ManagedOrigins },
		observed: func(c ClientSettings) []string { return c.AllowedOrigins },
		patch:    func(p *ClientPatch) **[]string { return &p.AllowedOrigins },
	},
	originsSetting{
		field:    "web_origins",
		desired:  func(a Application) ([]string, OriginsMode) { return a.WebOrigins, a.WebOriginsMode },
		owned:    func(s *AppState) *[]string { return &s.ManagedWebOrigins },
		observed: func(c ClientSettings) []string { return c.WebOrigins },
		patch:    func(p *ClientPatch) **[]string { return &p.WebOrigins },
	},
	crossOriginSetting{},
}

// PlanClient is the patch that makes a client match app, the ownership after
// it lands, and the changes it makes. Settings app leaves nil release what
// owned records. Pure.
func PlanClient(app Application, owned AppState, obs ClientSettings) (ClientPatch, AppState, []Change) {
	var patch ClientPatch
	next := owned
	var changes []Change
	for _, s := range clientSettings {
		changes = append(changes, s.plan(app, owned, obs, &patch, &next)...)
	}
	return patch, next, changes
}

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
func ReconcileClient(ctx context.Context, s *Session, app Application, owned AppState, intent Intent) (ClientResult, error) {
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

// originsSetting is a client's origin list (allowed_origins or web_origins)
// in Merge or Exclusive mode.
type originsSetting struct {
	field    string
	desired  func(Application) ([]string, OriginsMode)
	owned    func(*AppState) *[]string
	observed func(ClientSettings) []string
	patch    func(*ClientPatch) **[]string
}

func (s originsSetting) plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change {
	desired, mode := s.desired(app)
	var d OriginsDiff
	if desired != nil {
		d = DiffOrigins(clientResource(app.ClientID), s.field, desired, mode, *s.owned(&owned), s.observed(obs))
	} else {
		d = DiffOriginsOnDelete(clientResource(app.ClientID), s.field, *s.owned(&owned), s.observed(obs))
	}
	*s.owned(next) = d.Managed
	if d.NeedsWrite() {
		target := d.Target
		*s.patch(patch) = &target
	}
	return d.Changes
}

// crossOriginSetting is cross_origin_authentication and cross_origin_loc.
// It records each field's value before its first change, and on release
// restores only the fields it changed.
type crossOriginSetting struct{}

func (crossOriginSetting) plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change {
	res := clientResource(app.ClientID)
	prior := PriorCrossOrigin{}
	if owned.PriorCrossOrigin != nil {
		prior = *owned.PriorCrossOrigin
	}
	have := obs.CrossOrigin
	var changes []Change
	var wantEnabled *bool
	var wantLoc *string
	if coa := app.CrossOriginAuthentication; coa != nil {
		wantEnabled = &coa.Enabled
		if coa.VerificationLocation != "" {
			wantLoc = &coa.VerificationLocation
		} else {
			wantLoc = prior.VerificationLocation // no longer managed: release it
		}
	} else {
		wantEnabled, wantLoc = prior.Enabled, prior.VerificationLocation
	}
	if wantEnabled != nil && *wantEnabled != have.Enabled {
		changes = append(changes, Change{Resource: res, Field: "cross_origin_authentication",
			Observed: strconv.FormatBool(have.Enabled), Desired: strconv.FormatBool(*wantEnabled), Action: ActionUpdate})
		patch.CrossOriginEnabled = ptr(*wantEnabled)
		if prior.Enabled == nil {
			prior.Enabled = ptr(have.Enabled)
		}
	}
	if wantLoc != nil && *wantLoc != have.VerificationLocation {
		changes = append(changes, Change{Resource: res, Field: "cross_origin_loc",
			Observed: have.VerificationLocation, Desired: *wantLoc, Action: ActionUpdate})
		patch.CrossOriginLocation = ptr(*wantLoc)
		if prior.VerificationLocation == nil {
			prior.VerificationLocation = ptr(have.VerificationLocation)
		}
	}
	// What stays owned: a managed field keeps its prior value until release.
	if app.CrossOriginAuthentication == nil {
		next.PriorCrossOrigin = nil
		return changes
	}
	if app.CrossOriginAuthentication.VerificationLocation == "" {
		prior.VerificationLocation = nil
	}
	if prior.Enabled == nil && prior.VerificationLocation == nil {
		next.PriorCrossOrigin = nil
	} else {
		next.PriorCrossOrigin = &prior
	}
	return changes
}

func ptr[T any](v T) *T { return &v }

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

// wroteLists reports whether the patch wrote an origin list.
func (p ClientPatch) wroteLists() bool { return p.AllowedOrigins != nil || p.WebOrigins != nil }

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
		if err := s.settle(ctx); err != nil {
			return repaired, err
		}
		var again []Written
		for _, w := range pending {
			changes, wrote, err := repairLists(ctx, s, w, round < maxRepairs)
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

// repairLists reads w's client under its lock and rewrites its lists if
// they lost what w owns; with canWrite false, a loss is an error.
func repairLists(ctx context.Context, s *Session, w Written, canWrite bool) ([]Change, bool, error) {
	unlock := s.locks.lock(s.Domain, w.App.ClientID)
	wrote := false
	defer func() { unlock(wrote) }()
	s.forgetClient(w.App.ClientID)
	obs, err := s.Client(ctx, w.App.ClientID)
	if err != nil || obs == nil {
		return nil, false, err
	}
	lists := Application{ClientID: w.App.ClientID, AllowedOrigins: w.App.AllowedOrigins, OriginsMode: w.App.OriginsMode,
		WebOrigins: w.App.WebOrigins, WebOriginsMode: w.App.WebOriginsMode}
	patch, _, changes := PlanClient(lists, w.Owned, obs.ClientSettings)
	patch.CrossOriginEnabled, patch.CrossOriginLocation = nil, nil
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

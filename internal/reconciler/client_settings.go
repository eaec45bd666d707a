package reconciler

import (
	"context"
	"fmt"
	"strconv"
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
	// Changes are the changes made (or, with dryRun, that would be made).
	Changes []Change
}

// ReconcileClient is the whole lifecycle of a client's settings: with the
// client locked in this process, it takes the session's read (or reads again
// if another session of the process wrote the client since), plans, sends
// one PATCH, and checks that the tenant kept what was sent. A client that
// does not exist returns a nil Client and no error: Delete accepts that,
// Create reports it.
func ReconcileClient(ctx context.Context, s *Session, app Application, owned AppState, dryRun bool) (ClientResult, error) {
	unlock := s.locks.lock(s.Domain, app.ClientID)
	wrote := false
	defer func() { unlock(wrote) }()
	obs, err := s.freshClient(ctx, app.ClientID)
	if err != nil || obs == nil {
		return ClientResult{State: owned}, err
	}
	patch, next, changes := PlanClient(app, owned, obs.ClientSettings)
	if dryRun || patch.Empty() {
		if dryRun {
			next = owned
		}
		return ClientResult{Client: obs, State: next, Changes: changes}, nil
	}
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
	return ClientResult{Client: after, State: next, Changes: changes}, nil
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

package reconciler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// Engine orders the four reconcilers for a whole Desired config. The CLI and
// the operator drive it; the Terraform provider uses the reconcilers directly.
type Engine struct {
	M *management.Management
	// Locks serializes client writes across configs sharing this process.
	Locks *ClientLocks
	// GrantedScopes, when set, reports the token's Management API scopes so
	// that a missing write scope fails before the first write.
	GrantedScopes func() (scopes []string, known bool)
}

// AppStatus is the observed state of one application after a run.
type AppStatus struct {
	ClientID        string
	Name            string
	ObservedOrigins []string
	ManagedOrigins  []string
	CrossOrigin     CrossOriginAuth
	GrantID         string
	GrantScopes     []string
}

// Status is what the tenant holds after a run.
type Status struct {
	API  APIObservation
	Apps []AppStatus
}

// Result is the outcome of Plan, Apply or Delete.
type Result struct {
	// Changes are planned (Plan) or made (Apply, Delete).
	Changes  []Change
	Warnings []Warning
	// State is what the caller persists for the next run.
	State  State
	Status Status
}

// InSync reports whether the tenant already matched.
func (r *Result) InSync() bool { return len(r.Changes) == 0 }

// appPlan is the plan for one client, computed from one observation.
type appPlan struct {
	app     Application
	managed bool // still in the config (false: only in state, clean up)
	client  *ClientObservation
	grant   GrantObservation
	patch   ClientPatch
	prev    AppState // state as persisted before this run
	state   AppState // state after this run's changes
	changes []Change
}

type observed struct {
	audience string
	api      APIObservation
	// grants holds every user grant for the audience when they were listed
	// at once; nil means read per client.
	grants   map[string]GrantObservation
	apps     []*appPlan
	warnings []Warning
}

// Plan observes the tenant and returns the changes Apply would make. No
// writes: its State is the persisted state as it was, its Status the tenant
// as observed.
func (e *Engine) Plan(ctx context.Context, d Desired, s State) (*Result, error) {
	d.Defaults()
	obs, err := e.observe(ctx, d, s)
	if err != nil {
		return nil, err
	}
	return report(d, obs, planned(d, obs)), nil
}

func (e *Engine) observe(ctx context.Context, d Desired, s State) (*observed, error) {
	d.Defaults()
	if errs := ValidateStatic(d); len(errs) > 0 {
		return nil, errs
	}
	audienceDomain := d.API.AudienceDomain
	if audienceDomain == "" {
		audienceDomain = d.Domain
	}
	if audienceDomain != d.Domain {
		domains, err := ListCustomDomains(ctx, e.M)
		if err != nil {
			return nil, err
		}
		if fe := ValidateAudienceDomain(audienceDomain, d.Domain, domains); fe != nil {
			return nil, ValidationErrors{fe}
		}
	}
	o := &observed{audience: AudienceFor(audienceDomain)}
	if s.Audience != "" && s.Audience != o.audience {
		return nil, ValidationErrors{{Field: "api.audienceDomain", Value: audienceDomain,
			Fix: fmt.Sprintf("this config already manages the My Account API at %s; the same domain must be used throughout, so change the audience by deleting the config first", s.Audience)}}
	}
	var err error
	if o.api, err = (APIReconciler{M: e.M}).Observe(ctx, o.audience); err != nil {
		return nil, err
	}
	var errs ValidationErrors
	offered := OfferedScopes(o.api)
	for i, app := range d.Applications {
		if app.UserAccess != nil {
			errs = append(errs, ValidateScopes(fmt.Sprintf("applications[%d].userAccess.scopes", i), app.UserAccess.Scopes, offered)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}

	if o.api.Active && grantReads(d, s) >= batchGrantReadsFrom {
		if o.grants, err = (UserAccessReconciler{M: e.M}).ObserveAll(ctx, o.audience); err != nil {
			return nil, err
		}
	}

	var unknown []error
	for i, app := range d.Applications {
		p, err := e.observeApp(ctx, app, true, s.Apps[app.ClientID], o)
		if err != nil {
			return nil, err
		}
		if p.client == nil {
			unknown = append(unknown, &UnknownClientError{Field: fmt.Sprintf("applications[%d].clientId", i), ClientID: app.ClientID, Domain: d.Domain})
			continue
		}
		o.apps = append(o.apps, p)
	}
	if len(unknown) > 0 {
		return nil, errors.Join(unknown...)
	}
	// Applications dropped from the config: undo only what this config did.
	for _, id := range slices.Sorted(maps.Keys(s.Apps)) {
		if slices.ContainsFunc(d.Applications, func(a Application) bool { return a.ClientID == id }) {
			continue
		}
		p, err := e.observeApp(ctx, Application{ClientID: id}, false, s.Apps[id], o)
		if err != nil {
			return nil, err
		}
		if p.client != nil {
			o.apps = append(o.apps, p)
		}
	}
	if NeedsMFACheck(d) {
		// The MFA policy only feeds a warning: failing to read it must not
		// stop a run, but the user should know the check was skipped.
		policies, err := MFAPolicies(ctx, e.M)
		o.warnings = Warnings(d, policies, err == nil)
		if err != nil {
			o.warnings = append(o.warnings, Warning{Field: "tenant", Message: "could not read the MFA policy, so the check for authentication-method write scopes without MFA was skipped (grant read:mfa_policies to enable it): " + err.Error()})
		}
	} else {
		o.warnings = Warnings(d, nil, false)
	}
	return o, nil
}

func (e *Engine) observeApp(ctx context.Context, app Application, inConfig bool, st AppState, o *observed) (*appPlan, error) {
	p := &appPlan{app: app, managed: inConfig, prev: st, state: st}
	var err error
	if p.client, err = ObserveClient(ctx, e.M, app.ClientID); err != nil || p.client == nil {
		return p, err
	}
	// A grant can only exist on an active API; skip the read otherwise.
	if o.api.Active && (app.UserAccess != nil || st.GrantID != "") {
		if o.grants != nil {
			p.grant = o.grants[app.ClientID]
		} else if p.grant, err = (UserAccessReconciler{M: e.M}).Observe(ctx, app.ClientID, o.audience); err != nil {
			return p, err
		}
	}
	p.computeClient()
	p.computeGrant()
	return p, nil
}

// batchGrantReadsFrom is how many per-client grant reads one paged list of
// the audience's grants replaces.
const batchGrantReadsFrom = 3

// grantReads counts the clients whose user grant a run must observe.
func grantReads(d Desired, s State) int {
	n := 0
	seen := map[string]bool{}
	for _, app := range d.Applications {
		seen[app.ClientID] = true
		if app.UserAccess != nil || s.Apps[app.ClientID].GrantID != "" {
			n++
		}
	}
	for id, st := range s.Apps {
		if !seen[id] && st.GrantID != "" {
			n++
		}
	}
	return n
}

// computeClient derives the client patch, changes and new state from the
// persisted state and the latest observation. Pure, so it can run again after
// a fresh read.
func (p *appPlan) computeClient() {
	p.patch = ClientPatch{}
	p.state.ManagedOrigins, p.state.PriorCrossOrigin = p.prev.ManagedOrigins, p.prev.PriorCrossOrigin
	p.changes = slices.DeleteFunc(p.changes, func(c Change) bool { return c.Resource == clientResource(p.app.ClientID) })
	obs := p.client
	var od OriginsDiff
	if p.app.AllowedOrigins != nil {
		od = DiffOrigins(p.app.ClientID, p.app.AllowedOrigins, p.app.OriginsMode, p.prev.ManagedOrigins, obs.AllowedOrigins)
	} else {
		od = DiffOriginsOnDelete(p.app.ClientID, p.prev.ManagedOrigins, obs.AllowedOrigins)
	}
	p.state.ManagedOrigins = od.Managed
	if od.NeedsWrite() {
		target := od.Target
		p.patch.AllowedOrigins = &target
		p.changes = append(p.changes, od.Changes...)
	}
	if coa := p.app.CrossOriginAuthentication; coa != nil {
		if ch := DiffCrossOrigin(p.app.ClientID, *coa, obs.CrossOrigin); len(ch) > 0 {
			want := *coa
			p.patch.CrossOrigin = &want
			p.changes = append(p.changes, ch...)
			if p.state.PriorCrossOrigin == nil {
				prior := obs.CrossOrigin
				p.state.PriorCrossOrigin = &prior
			}
		}
	} else if prior := p.prev.PriorCrossOrigin; prior != nil {
		restore, ch := CrossOriginRestore(p.app.ClientID, *prior, obs.CrossOrigin, true)
		p.patch.CrossOrigin, p.patch.ExactLocation = restore.CrossOrigin, restore.ExactLocation
		p.changes = append(p.changes, ch...)
		p.state.PriorCrossOrigin = nil
	}
}

func (p *appPlan) computeGrant() {
	switch {
	case p.app.UserAccess != nil:
		p.changes = append(p.changes, DiffUserAccess(p.app.ClientID, *p.app.UserAccess, p.grant, p.state.GrantID)...)
	case p.grant.Exists && p.grant.ID == p.state.GrantID:
		p.changes = append(p.changes, Change{Resource: grantResource(p.app.ClientID), Field: "scope",
			Observed: strings.Join(sortedUnique(p.grant.Scopes), " "), Action: ActionDelete})
	}
}

// planned is every change the run would make, the API first.
func planned(d Desired, o *observed) []Change {
	changes := DiffAPI(d.API, o.audience, o.api)
	for _, p := range o.apps {
		changes = append(changes, p.changes...)
	}
	return changes
}

// report is the outcome of a run: the changes planned or made, the state to
// persist and the tenant as it now is. Whatever did not land (a plan, or the
// writes after a failure) leaves the persisted state as it was, so the next
// run still undoes it: a client whose patch is still pending keeps its
// origins and prior settings, and an application dropped from the config
// stays until nothing of it is left to undo.
func report(d Desired, o *observed, changes []Change) *Result {
	r := &Result{Changes: changes, Warnings: o.warnings, Status: Status{API: o.api}}
	r.State = State{APIID: o.api.ID, Audience: o.audience, Apps: map[string]AppState{}}
	if !d.API.Enabled && !o.api.Active {
		r.State.Audience = ""
	}
	for _, p := range o.apps {
		st := p.state
		if !p.patch.Empty() {
			st.ManagedOrigins, st.PriorCrossOrigin = p.prev.ManagedOrigins, p.prev.PriorCrossOrigin
		}
		if p.managed || len(st.ManagedOrigins) > 0 || st.PriorCrossOrigin != nil || st.GrantID != "" {
			r.State.Apps[p.app.ClientID] = st
		}
		if p.managed {
			r.Status.Apps = append(r.Status.Apps, AppStatus{ClientID: p.app.ClientID, Name: p.client.Name,
				ObservedOrigins: slices.Clone(p.client.AllowedOrigins), ManagedOrigins: st.ManagedOrigins,
				CrossOrigin: p.client.CrossOrigin, GrantID: p.grant.ID, GrantScopes: p.grant.Scopes})
		}
	}
	return r
}

// Apply makes the tenant match d. It validates and observes everything before
// the first write, so bad input changes nothing.
func (e *Engine) Apply(ctx context.Context, d Desired, s State) (*Result, error) {
	d.Defaults()
	o, err := e.observe(ctx, d, s)
	if err != nil {
		return nil, err
	}
	changes := planned(d, o)
	for _, p := range o.apps {
		if slices.ContainsFunc(p.changes, func(c Change) bool { return c.Action == ActionConflict }) {
			return report(d, o, changes), newGrantConflict(p.app.ClientID, p.grant, *p.app.UserAccess)
		}
	}
	if err := checkScopes(e.GrantedScopes, changes); err != nil {
		return report(d, o, changes), err
	}
	// 1. The API first: grants need it active.
	api := APIReconciler{M: e.M}
	if o.api, err = api.Apply(ctx, d.API, o.audience, o.api); err != nil {
		return report(d, o, changes), err
	}
	// 2. Clients, one PATCH each, serialized per client.
	for _, p := range o.apps {
		if err := e.applyClient(ctx, d.Domain, p); err != nil {
			return report(d, o, changes), err
		}
	}
	// 3. Grants.
	ua := UserAccessReconciler{M: e.M}
	for _, p := range o.apps {
		if p.app.UserAccess != nil {
			if !o.api.Active {
				continue
			}
			g, err := ua.Apply(ctx, p.app.ClientID, o.audience, *p.app.UserAccess, p.grant, p.state.GrantID)
			if err != nil {
				return report(d, o, changes), err
			}
			// Own only a grant this config created: one found with the same
			// scopes stays someone else's, so deleting the config keeps it.
			if g.Exists && (!p.grant.Exists || p.state.GrantID == g.ID) {
				p.state.GrantID = g.ID
			}
			p.grant = g
		} else if p.state.GrantID != "" {
			if err := ua.Delete(ctx, p.grant, p.state.GrantID); err != nil {
				return report(d, o, changes), err
			}
			p.grant, p.state.GrantID = GrantObservation{}, ""
		}
	}
	return report(d, o, changes), nil
}

func (e *Engine) applyClient(ctx context.Context, domain string, p *appPlan) error {
	if p.patch.Empty() {
		return nil
	}
	unlock := e.Locks.Lock(domain, p.app.ClientID)
	defer unlock()
	if e.Locks != nil {
		// Another config may have written this client since we read it.
		fresh, err := ObserveClient(ctx, e.M, p.app.ClientID)
		if err != nil {
			return err
		}
		if fresh == nil {
			return fmt.Errorf("client %s was deleted from the tenant while applying: restore it, or remove it from applications[], then apply again", p.app.ClientID)
		}
		p.client = fresh
		p.computeClient()
		if p.patch.Empty() {
			return nil
		}
	}
	if err := PatchClient(ctx, e.M, p.app.ClientID, p.patch); err != nil {
		return err
	}
	after := p.patch.appliedTo(*p.client)
	p.client, p.patch = &after, ClientPatch{}
	return nil
}

// Delete undoes what this config did: it removes only the origins and grants
// it added, restores cross-origin settings, and deactivates the API only
// under DeletionDelete.
func (e *Engine) Delete(ctx context.Context, d Desired, s State) (*Result, error) {
	d.Defaults()
	empty := Desired{Domain: d.Domain, API: APISpec{Enabled: true, AudienceDomain: d.API.AudienceDomain, UserAccessPolicy: d.API.UserAccessPolicy}}
	if domain, ok := AudienceDomainOf(s.Audience); ok && d.API.AudienceDomain == "" {
		// Keep the audience the config used even if the spec lost it.
		empty.API.AudienceDomain = domain
	}
	o, err := e.observe(ctx, empty, s)
	if err != nil {
		return nil, err
	}
	changes := planned(empty, o)
	// Only cleanup changes: the API itself is handled by the deletion policy.
	changes = slices.DeleteFunc(changes, func(c Change) bool { return c.Resource == ResourceAPI })
	deactivate := d.API.DeletionPolicy == DeletionDelete && o.api.Active
	if deactivate {
		changes = append(changes, Change{Resource: ResourceAPI, Field: "active", Observed: "true", Desired: "false", Action: ActionDelete})
	}
	if err := checkScopes(e.GrantedScopes, changes); err != nil {
		return report(empty, o, changes), err
	}
	ua := UserAccessReconciler{M: e.M}
	for _, p := range o.apps {
		if err := e.applyClient(ctx, d.Domain, p); err != nil {
			return report(empty, o, changes), err
		}
		if err := ua.Delete(ctx, p.grant, p.state.GrantID); err != nil {
			return report(empty, o, changes), err
		}
		p.state.GrantID = ""
	}
	if deactivate {
		if err := (APIReconciler{M: e.M}).Delete(ctx, DeletionDelete, o.api); err != nil {
			return report(empty, o, changes), err
		}
	}
	done := report(empty, o, changes)
	done.State = State{}
	return done, nil
}

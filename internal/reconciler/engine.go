package reconciler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
)

// Engine runs every setting's lifecycle for a whole Desired config, in
// order: the API, then each client, then the grants. The CLI and the
// operator drive it; the Terraform provider calls the same lifecycles one
// resource at a time.
type Engine struct {
	Management *management.Management
	// Locks is shared by every engine of a process that may write the same
	// clients (the operator's objects); nil for a process with one run.
	Locks *ClientLocks
	// GrantedScopes, when set, reports the token's Management API scopes so
	// that a missing write scope fails before the first write.
	GrantedScopes func() (scopes []string, known bool)
	// Settle is the wait before checking origin lists written (see
	// VerifyLists): 0 means DefaultSettle, negative skips the check.
	Settle time.Duration
	// Chain, when set, makes Plan and Apply also check the chain a browser
	// app needs (Result.Chain): one preflight per origin, no writes.
	Chain *ChainOptions
	// Sharing, when set, is the other configurations of the tenant: a run
	// in conflict with an earlier one is refused before any write, and
	// what several share is owned by each (see owners.go).
	Sharing *Sharing
	// Persist, when set, records the config's State before each write that
	// adds to what it owns (see Persist); Apply writes only after it
	// succeeded.
	Persist Persist
	// Session, when set, is the view of the tenant the run reads through and
	// its writes update, shared with other runs: the operator's objects of
	// one tenant within a round. nil starts a view for this run alone.
	Session *Session
	// Progress, when set, hears of each client the run is done with: once
	// read (Plan), or once written when it changes (Apply). For a face that
	// shows how far a long run is.
	Progress func(clientID string)
}

// AppStatus is the observed state of one application after a run.
type AppStatus struct {
	ClientID string
	Name     string
	// Observed is the client's managed fields as the tenant holds them.
	Observed ClientSettings
	// Owned is what this config owns on the client.
	Owned       AppState
	GrantScopes []string
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
	// Chain is the chain check, when Engine.Chain asked for it; ChainErr
	// says why it could not be made. Neither fails the run: the run's own
	// work (and an apply's writes) stands.
	Chain    *Verification
	ChainErr error
}

// InSync reports whether the tenant already matched.
func (r *Result) InSync() bool { return len(r.Changes) == 0 }

// appPlan is the plan for one client, computed from one observation.
type appPlan struct {
	app      Application
	inConfig bool // false: only in state, release it
	client   *ClientObservation
	grant    GrantObservation
	pending  bool     // the client patch has not landed
	prev     AppState // state as persisted before this run
	state    AppState // state after this run's changes
	changes  []Change
}

type observed struct {
	session    *Session
	others     []Owner // the tenant's other configurations that are not refused
	persist    Persist
	enabled    bool      // the config wants the API active
	ownedAPIID string    // the API id the persisted state records
	written    []Written // clients whose origin lists this run wrote
	audience   string
	api        APIObservation
	apps       []*appPlan
	warnings   []Warning
	progress   func(clientID string) // Engine.Progress
}

// The engine takes d as the face gave it: defaults are filled in once, at
// the boundary (crd.Desired), and an unset policy or mode means its default.

// Plan observes the tenant and returns the changes Apply would make. No
// writes: its State is the persisted state as it was, its Status the tenant
// as observed.
func (e *Engine) Plan(ctx context.Context, d Desired, s State) (*Result, error) {
	ctx = withRunBudget(ctx, d, s, "plan", e.chainRequests(d))
	d.API.OwnedID = s.APIID
	obs, err := e.observe(ctx, d, s)
	if err != nil {
		return nil, err
	}
	e.reportProgress(obs, false)
	return e.withChain(ctx, d, obs, report(d, obs, planned(d, obs)))
}

func (e *Engine) chainRequests(d Desired) int {
	if e.Chain == nil {
		return 0
	}
	return chainRequests(d)
}

// withChain adds the chain check to a successful run's result.
func (e *Engine) withChain(ctx context.Context, d Desired, o *observed, r *Result) (*Result, error) {
	if e.Chain != nil {
		r.Chain, r.ChainErr = e.verifyChain(ctx, d, o)
	}
	return r, nil
}

// observe validates d, then reads what the run needs, before any write:
// the API, each application's client and grant, and what feeds warnings.
// Every refusal (bad input, a conflict, an unknown client) comes from here.
func (e *Engine) observe(ctx context.Context, d Desired, s State) (*observed, error) {
	if errs := ValidateStatic(d); len(errs) > 0 {
		return nil, errs
	}
	others, conflict := e.Sharing.decide(d, s)
	if conflict != nil {
		return nil, conflict
	}
	o, err := e.observeAPI(ctx, d, s)
	if err != nil {
		return nil, err
	}
	o.others = others
	if err := e.observeApps(ctx, d, s, o); err != nil {
		return nil, err
	}
	o.warnings = e.observeWarnings(ctx, d, o.api)
	return o, nil
}

// observeAPI checks the audience against the tenant and what the config
// used before, reads the API, and checks the requested scopes against it.
func (e *Engine) observeAPI(ctx context.Context, d Desired, s State) (*observed, error) {
	sess := e.Session
	if sess == nil {
		sess = NewSession(e.Management, d.Domain, e.Locks)
		sess.Settle = e.Settle
	}
	audienceDomain := d.API.AudienceDomain
	if audienceDomain == "" {
		audienceDomain = d.Domain
	}
	if audienceDomain != d.Domain {
		domains, err := ListCustomDomains(ctx, e.Management)
		if err != nil {
			return nil, err
		}
		if fe := ValidateAudienceDomain(audienceDomain, d.Domain, domains); fe != nil {
			return nil, ValidationErrors{fe}
		}
	}
	o := &observed{session: sess, persist: e.Persist, enabled: d.API.Enabled, ownedAPIID: d.API.OwnedID, audience: AudienceFor(audienceDomain)}
	if s.Audience != "" && s.Audience != o.audience {
		return nil, ValidationErrors{{Field: "api.audienceDomain", Value: audienceDomain,
			Fix: sameAudienceFix(s.Audience)}}
	}
	var err error
	if o.api, err = sess.API(ctx, o.audience); err != nil {
		return nil, err
	}
	if o.api, err = (APIReconciler{Session: sess}).AwaitScopes(ctx, o.api, requestedScopes(d)); err != nil {
		return nil, err
	}
	var errs ValidationErrors
	offered := OfferedScopes(o.api)
	for i, app := range d.Applications {
		if app.UserAccess != nil {
			errs = append(errs, ValidateScopes(fmt.Sprintf("applications[%d].userAccess.scopes", i), app.UserAccess.Scopes, offered)...)
		}
	}
	return o, errs.OrNil()
}

// sameAudienceFix is the fix for a config whose audience domain is not the
// one its state records: keeping it is also how a release finds its API.
func sameAudienceFix(recorded string) string {
	domain, _ := AudienceDomainOf(recorded)
	return fmt.Sprintf("this config manages the My Account API at %s (its state records it), and one domain is used throughout: keep api.audienceDomain: %s, also while releasing the config; to move to another domain, release this config with that line kept, then apply the new domain", recorded, domain)
}

// observeApps plans each application of d, then each one only s still
// records (dropped from the config: undo only what this config did).
func (e *Engine) observeApps(ctx context.Context, d Desired, s State, o *observed) error {
	adopt, err := o.resolveAdoptions(ctx, d, s)
	if err != nil {
		return err
	}
	if err := o.session.Prefetch(ctx, runClientIDs(d, s)); err != nil {
		return err
	}
	var unknown []error
	for i, app := range d.Applications {
		st := s.Apps[app.ClientID]
		if id, ok := adopt[app.ClientID]; ok {
			st.GrantID = id // explicit adoption: owned from now on
		}
		p, err := e.observeApp(ctx, app, fmt.Sprintf("applications[%d]", i), st, o)
		if err != nil {
			return err
		}
		if p.client == nil {
			unknown = append(unknown, &UnknownClientError{Field: fmt.Sprintf("applications[%d].clientId", i), ClientID: app.ClientID, Domain: d.Domain})
			continue
		}
		o.apps = append(o.apps, p)
	}
	if len(unknown) > 0 {
		return errors.Join(unknown...)
	}
	for _, id := range slices.Sorted(maps.Keys(s.Apps)) {
		if inConfig(d, id) {
			continue
		}
		p, err := e.observeApp(ctx, Application{ClientID: id}, "", s.Apps[id], o)
		if err != nil {
			return err
		}
		if p.client != nil {
			o.apps = append(o.apps, p)
		}
	}
	return nil
}

// runClientIDs are the clients a run reads: the config's and those its
// state still owns something on.
func runClientIDs(d Desired, s State) []string {
	ids := make([]string, 0, len(d.Applications)+len(s.Apps))
	for _, app := range d.Applications {
		ids = append(ids, app.ClientID)
	}
	return append(ids, slices.Collect(maps.Keys(s.Apps))...)
}

// observeWarnings are the run's warnings. The MFA policy only feeds a
// warning: failing to read it must not stop a run, but the user should
// know the check was skipped.
func (e *Engine) observeWarnings(ctx context.Context, d Desired, api APIObservation) []Warning {
	var warnings []Warning
	if NeedsMFACheck(d) {
		policies, err := MFAPolicies(ctx, e.Management)
		warnings = Warnings(d, policies, err == nil)
		if err != nil {
			warnings = append(warnings, Warning{Field: "tenant", Message: "could not read the MFA policy, so the check for authentication-method write scopes without MFA was skipped (grant read:mfa_policies to enable it): " + err.Error()})
		}
	} else {
		warnings = Warnings(d, nil, false)
	}
	return append(warnings, DeactivationWarnings(d.API, api)...)
}

// observeApp plans app; field names it in the config ("" when only the
// state still records it, to be released).
func (e *Engine) observeApp(ctx context.Context, app Application, field string, st AppState, o *observed) (*appPlan, error) {
	inConfig := field != ""
	if len(o.others) > 0 {
		st = ShareState(app, st, o.others)
	}
	p := &appPlan{app: app, inConfig: inConfig, prev: st, state: st}
	var err error
	if p.client, err = o.session.Client(ctx, app.ClientID); err != nil || p.client == nil {
		return p, err
	}
	if app.UserAccess != nil || st.GrantID != "" || st.GrantIntent {
		if p.grant, err = o.session.UserGrant(ctx, app.ClientID, o.audience); err != nil {
			return p, err
		}
	}
	st = ResolveGrantIntent(st, p.grant)
	p.prev = st
	var patch ClientPatch
	patch, p.state, p.changes = PlanClient(app, st, p.client.ClientSettings)
	if err := patch.checkSize(func(name string) string { return field + "." + name }); inConfig && err != nil {
		return p, err // before any write of the run; a release only shrinks lists
	}
	p.pending = !patch.Empty()
	p.changes = append(p.changes, p.grantChanges()...)
	return p, nil
}

func (p *appPlan) grantChanges() []Change {
	switch {
	case p.app.UserAccess != nil:
		return DiffUserAccess(p.app.ClientID, *p.app.UserAccess, p.grant, p.state.GrantID)
	case p.grant.Exists && p.grant.ID == p.state.GrantID:
		return []Change{{Resource: grantResource(p.app.ClientID), Field: "scope",
			Observed: strings.Join(sortedUnique(p.grant.Scopes), " "), Action: ActionDelete}}
	}
	return nil
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
	r.State = o.state()
	for _, p := range o.apps {
		if p.inConfig {
			st := p.owned()
			r.Status.Apps = append(r.Status.Apps, AppStatus{ClientID: p.app.ClientID, Name: p.client.Name,
				Observed: p.client.ClientSettings, Owned: st, GrantScopes: p.grant.Scopes})
		}
	}
	return r
}

// state is the State to persist as the run now stands.
func (o *observed) state() State {
	s := State{Audience: o.audience, Apps: map[string]AppState{}}
	if o.enabled || o.api.ID == o.ownedAPIID {
		// A config that does not want the API active never comes to own it.
		s.APIID = o.api.ID
	}
	if !o.enabled && !o.api.Active {
		s.Audience = ""
	}
	for _, p := range o.apps {
		if st := p.owned(); p.inConfig || st.Owns() {
			s.Apps[p.app.ClientID] = st
		}
	}
	return s
}

// owned is what the config owns on p's client as the run now stands.
func (p *appPlan) owned() AppState {
	st := p.state
	if p.pending {
		st = p.prev
		st.GrantID, st.GrantIntent = p.state.GrantID, p.state.GrantIntent
	}
	return st
}

// intent records, through the engine's Persist, the whole State with p's
// client owning owned; it is the Intent of p's client PATCH.
func (o *observed) intent(p *appPlan) Intent {
	if o.persist == nil {
		return nil
	}
	return func(ctx context.Context, owned AppState) error {
		was := p.prev
		p.prev = owned
		if err := o.persist(ctx, o.state()); err != nil {
			p.prev = was
			return err
		}
		return nil
	}
}

// Apply makes the tenant match d. It validates and observes everything before
// the first write, so bad input changes nothing.
func (e *Engine) Apply(ctx context.Context, d Desired, s State) (*Result, error) {
	ctx = withRunBudget(ctx, d, s, "apply", e.chainRequests(d))
	d.API.OwnedID = s.APIID
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
	e.reportProgress(o, true)
	// Writes in dependency order. 1. Grants let go of: they reference the
	// API, which this run may deactivate (deactivating first would strand them).
	if err := o.releaseGrants(ctx, false); err != nil {
		return report(d, o, changes), err
	}
	// 2. The API: the grants this run creates need it active.
	if o.api, err = (APIReconciler{Session: o.session}).Apply(ctx, d.API, o.audience); err != nil {
		return report(d, o, changes), err
	}
	if o.api, err = (APIReconciler{Session: o.session}).AwaitScopes(ctx, o.api, requestedScopes(d)); err != nil {
		return report(d, o, changes), err
	}
	// 3. Clients, one PATCH each, then one check that the lists held.
	if err := o.applyClients(ctx); err != nil {
		return report(d, o, changes), err
	}
	// 4. Grants created or changed.
	if err := o.upsertGrants(ctx); err != nil {
		return report(d, o, changes), err
	}
	return e.withChain(ctx, d, o, report(d, o, changes))
}

// reportProgress tells e.Progress of the clients done once read: every one,
// or, before writes, those with nothing to write (applyClients tells of the
// others as each lands).
func (e *Engine) reportProgress(o *observed, writing bool) {
	o.progress = e.Progress
	if e.Progress == nil {
		return
	}
	for _, p := range o.apps {
		if !writing || !p.pending {
			e.Progress(p.app.ClientID)
		}
	}
}

// applyClients patches every client with a pending change, then checks
// once, after one settle delay, that the origin lists written held.
func (o *observed) applyClients(ctx context.Context) error {
	for _, p := range o.apps {
		if !p.pending {
			continue
		}
		res, err := ReconcileClient(ctx, o.session, p.app, p.prev, o.intent(p))
		if err != nil {
			p.prev = res.State // with what was in flight: it may have landed
			return err
		}
		if res.Client == nil {
			return errClientGone(p.app.ClientID)
		}
		grant := p.state.GrantID
		p.client, p.state, p.pending = res.Client, res.State, false
		p.state.GrantID = grant
		if o.progress != nil {
			o.progress(p.app.ClientID)
		}
		o.written = append(o.written, res.Verify(p.app)...)
	}
	if _, err := VerifyLists(ctx, o.session, o.written); err != nil {
		return err
	}
	for _, p := range o.apps {
		if c, err := o.session.Client(ctx, p.app.ClientID); err == nil && c != nil {
			p.client = c
		}
	}
	return nil
}

// releaseGrants lets go of the grants this config owns and no application
// wants any more; all of them when the whole config is released.
func (o *observed) releaseGrants(ctx context.Context, all bool) error {
	for _, p := range o.apps {
		if p.state.GrantID == "" || (!all && p.app.UserAccess != nil) {
			continue
		}
		if err := o.reconcileGrant(ctx, p, nil); err != nil {
			return err
		}
	}
	return nil
}

// upsertGrants creates or updates the grants the applications want; they
// need the API active.
func (o *observed) upsertGrants(ctx context.Context) error {
	if !o.api.Active {
		return nil
	}
	for _, p := range o.apps {
		if p.app.UserAccess == nil {
			continue
		}
		if err := o.reconcileGrant(ctx, p, p.app.UserAccess); err != nil {
			return err
		}
	}
	return nil
}

func (o *observed) reconcileGrant(ctx context.Context, p *appPlan, desired *UserAccess) error {
	ua := UserAccessReconciler{Session: o.session, Intent: o.grantIntent(p)}
	g, owned, err := ua.Reconcile(ctx, p.app.ClientID, o.audience, desired, p.state.GrantID)
	if err != nil {
		return err // a grant intent recorded stays: the create may have landed
	}
	p.grant, p.state.GrantID, p.state.GrantIntent = g, owned, false
	return nil
}

// grantIntent marks p as about to create its user grant, and persists
// that when the engine has a Persist.
func (o *observed) grantIntent(p *appPlan) func(context.Context) error {
	return func(ctx context.Context) error {
		p.state.GrantIntent = true
		if o.persist == nil {
			return nil
		}
		if err := o.persist(ctx, o.state()); err != nil {
			p.state.GrantIntent = false
			return err
		}
		return nil
	}
}

// Delete undoes what this config did: it removes only the origins and grants
// it added, restores what it changed, and deactivates the API only under
// DeletionDelete.
func (e *Engine) Delete(ctx context.Context, d Desired, s State) (*Result, error) {
	ctx = withRunBudget(ctx, d, s, "delete", 0)
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
	if err := o.applyClients(ctx); err != nil {
		return report(empty, o, changes), err
	}
	if err := o.releaseGrants(ctx, true); err != nil {
		return report(empty, o, changes), err
	}
	if deactivate {
		if err := (APIReconciler{Session: o.session}).Delete(ctx, DeletionDelete, o.audience); err != nil {
			return report(empty, o, changes), err
		}
	}
	done := report(empty, o, changes)
	done.State = State{}
	return done, nil
}

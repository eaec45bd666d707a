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
	// Sharers, when set, offers other configurations' writes of a client
	// this run writes, to share its PATCH (see shared_write.go): the
	// operator's other objects on the client.
	Sharers SharersOf
}

// AppStatus is the observed state of one application after a run.
type AppStatus struct {
	ClientID string
	Name     string
	// Observed is the client's managed fields as the tenant holds them.
	Observed ClientSettings
	// Owned is what this config owns on the client.
	Owned AppState
	// GrantScopes are the scopes of the client's user grant for the My
	// Account API; MyOrganizationGrantScopes for the My Organization API.
	GrantScopes               []string
	MyOrganizationGrantScopes []string
}

// Status is what the tenant holds after a run.
type Status struct {
	API APIObservation
	// MyOrganizationAPI is nil when the run did not read it.
	MyOrganizationAPI *APIObservation
	Apps              []AppStatus
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
	grants   []GrantObservation // by the run's systems
	pending  bool               // the client patch has not landed
	prev     AppState           // state as persisted before this run
	state    AppState           // state after this run's changes
	changes  []Change
}

type observed struct {
	session   *Session
	others    []Owner // the tenant's other configurations that are not refused
	persist   Persist
	systems   []*systemRun // My Account first, then each other one the run touches
	written   []Written    // clients whose origin lists this run wrote
	apps      []*appPlan
	warnings  []Warning
	progress  func(clientID string) // Engine.Progress
	sharersOf SharersOf             // Engine.Sharers
}

// systemRun is one system API in a run: what the config asks of it and what
// the tenant holds.
type systemRun struct {
	sys SystemAPI
	// spec is the config's (OwnedID from the state); managed is false when
	// the config does not name the API and the run only lets go of the
	// grants its state still owns.
	spec     APISpec
	managed  bool
	audience string
	api      APIObservation
	// activated: this run, or an activation whose answer was lost (an
	// intent recorded), activated the API; sharedWith names the other
	// config that owns it and asks for the same (see api_sharing.go).
	// Either makes the config an owner. intent: an activation is in flight.
	activated  bool
	sharedWith string
	intent     bool
}

// myAccount is the My Account API's part of the run, always first.
func (o *observed) myAccount() *systemRun { return o.systems[0] }

// withOwnedAPIs is d with each API's OwnedID from s; the caller's d is not
// changed.
func withOwnedAPIs(d Desired, s State) Desired {
	if d.MyOrganizationAPI != nil {
		d.MyOrganizationAPI = ptr(*d.MyOrganizationAPI)
	}
	for _, a := range SystemAPIs() {
		if spec := a.spec(&d); spec != nil && a.ownsAPI(s, *spec) {
			id, _ := a.recorded(&s)
			spec.OwnedID = *id
		}
	}
	return d
}

// The engine takes d as the face gave it: defaults are filled in once, at
// the boundary (crd.Desired), and an unset policy or mode means its default.

// Plan observes the tenant and returns the changes Apply would make. No
// writes: its State is the persisted state as it was, its Status the tenant
// as observed.
func (e *Engine) Plan(ctx context.Context, d Desired, s State) (*Result, error) {
	ctx = withRunBudget(ctx, d, s, "plan", e.chainRequests(d))
	d = withOwnedAPIs(d, s)
	obs, err := e.observe(ctx, d, s)
	if err != nil {
		return nil, err
	}
	e.reportProgress(obs, false)
	return e.withChain(ctx, d, obs, report(obs, planned(obs)))
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
	o, err := e.observeAPIs(ctx, d, s)
	if err != nil {
		return nil, err
	}
	o.others = others
	for _, r := range o.systems {
		r.sharedWith = r.coOwner(others)
	}
	if err := e.observeApps(ctx, d, s, o); err != nil {
		return nil, err
	}
	o.warnings = append(e.observeWarnings(ctx, d, o.systems), o.warnings...)
	return o, nil
}

// observeAPIs checks the audience domain against the tenant, then reads
// each system API the run touches (see observeSystem), and checks the
// requested scopes against it. The session is the engine's own when it
// has one (the operator's tenant view), else one for this run.
func (e *Engine) observeAPIs(ctx context.Context, d Desired, s State) (*observed, error) {
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
	o := &observed{session: sess, persist: e.Persist, sharersOf: e.Sharers}
	if err := sess.PrefetchAPIs(ctx, systemAudiences(d, s, audienceDomain)); err != nil {
		return nil, err
	}
	var errs ValidationErrors
	for _, a := range SystemAPIs() {
		r, err := o.observeSystem(ctx, a, d, s, audienceDomain)
		if err != nil {
			return nil, err
		}
		if r != nil {
			o.systems = append(o.systems, r)
			errs = append(errs, r.validateScopes(d)...)
		}
	}
	return o, errs.OrNil()
}

// observeSystem reads the system API a at audienceDomain, when the config
// names it, uses it, or its state still owns something of it (nil
// otherwise; My Account is always read, the run's status reports it), and
// waits for the scopes the config asks for to be listed (see AwaitScopes).
func (o *observed) observeSystem(ctx context.Context, a SystemAPI, d Desired, s State, audienceDomain string) (*systemRun, error) {
	if !readsSystem(a, d, s) {
		return nil, nil
	}
	spec := a.Spec(d)
	_, recorded := a.recorded(&s)
	r := &systemRun{sys: a, managed: spec != nil, audience: a.Audience(audienceDomain)}
	if spec != nil {
		r.spec = *spec
	}
	if *recorded != "" && *recorded != r.audience {
		return nil, ValidationErrors{{Field: "api.audienceDomain", Value: audienceDomain, Fix: sameAudienceFix(a, *recorded)}}
	}
	var err error
	if r.api, err = o.session.API(ctx, r.audience); err != nil {
		return nil, err
	}
	// An activation intent with the API active: its answer was lost.
	r.activated = a.activationIntent(s) && r.api.Active
	if r.api, err = (APIReconciler{Session: o.session}).AwaitScopes(ctx, r.api, requestedScopes(a, d)); err != nil {
		return nil, err
	}
	return r, nil
}

// readsSystem reports whether a run of d from s reads the system API a:
// when the config names it, uses it, or s still owns something of it; My
// Account always (the run's status reports it).
func readsSystem(a SystemAPI, d Desired, s State) bool {
	_, recorded := a.recorded(&s)
	return a.Spec(d) != nil || *recorded != "" || ownsAnyGrant(a, s) || usesAPI(a, d) || a.Key == MyAccount.Key
}

// systemAudiences are the audiences of the system APIs a run of d from s
// reads.
func systemAudiences(d Desired, s State, audienceDomain string) []string {
	var out []string
	for _, a := range SystemAPIs() {
		if readsSystem(a, d, s) {
			out = append(out, a.Audience(audienceDomain))
		}
	}
	return out
}

// ownsAnyGrant reports whether s owns a user grant for a on any client.
func ownsAnyGrant(a SystemAPI, s State) bool {
	for _, st := range s.Apps {
		if a.ownsGrant(st) {
			return true
		}
	}
	return false
}

// validateScopes checks each application's scopes for the API against the
// API's own list, and that an API the config uses but does not manage is
// active.
func (r *systemRun) validateScopes(d Desired) ValidationErrors {
	var errs ValidationErrors
	offered := OfferedScopes(r.api)
	for i, app := range d.Applications {
		if ua := r.sys.UserAccessOf(app); ua != nil {
			errs = append(errs, r.checkUsable(fmt.Sprintf("applications[%d].%s", i, r.sys.UserAccessName), ua.Scopes)...)
			errs = append(errs, ValidateScopesFor(r.sys, fmt.Sprintf("applications[%d].%s.scopes", i, r.sys.UserAccessName), ua.Scopes, offered)...)
		}
		if p := r.sys.PolicyOf(app); p != nil {
			errs = append(errs, r.checkUsable(fmt.Sprintf("applications[%d].%s", i, r.sys.PolicyName), p.Scopes)...)
			errs = append(errs, ValidateScopesFor(r.sys, fmt.Sprintf("applications[%d].%s.scopes", i, r.sys.PolicyName), p.Scopes, offered)...)
		}
	}
	return errs
}

// checkUsable refuses field, which needs the API active, when the config
// does not manage the API and it is not active.
func (r *systemRun) checkUsable(field string, scopes []string) ValidationErrors {
	if r.managed || r.api.Active {
		return nil
	}
	return ValidationErrors{{Field: field, Value: strings.Join(scopes, " "), Fix: fmt.Sprintf("the %s %s is not active and this config does not manage it (no %s block): add %s: true to activate it here, or apply the config that activates it first",
		r.sys.Name, r.audience, r.sys.ConfigName, r.sys.field("enabled"))}}
}

// usesAPI reports whether an application of d asks for a user grant or a
// refresh-token policy for a.
func usesAPI(a SystemAPI, d Desired) bool {
	return slices.ContainsFunc(d.Applications, func(app Application) bool {
		return a.UserAccessOf(app) != nil || a.PolicyOf(app) != nil
	})
}

// sameAudienceFix is the fix for a config whose audience domain is not the
// one its state records for a: keeping it is also how a release finds its API.
func sameAudienceFix(a SystemAPI, recorded string) string {
	domain, _ := a.DomainOf(recorded)
	return fmt.Sprintf("this config manages the %s at %s (its state records it), and one domain is used throughout: keep api.audienceDomain: %s, also while releasing the config; to move to another domain, release this config with that line kept, then apply the new domain", a.Name, recorded, domain)
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
		for _, r := range o.systems {
			app = WithPolicyAudience(r.sys, app, r.audience)
		}
		st := s.Apps[app.ClientID]
		for _, ad := range adopt[app.ClientID] {
			id, _ := ad.sys.grant(&st)
			*id = ad.grantID // explicit adoption: owned from now on
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
func (e *Engine) observeWarnings(ctx context.Context, d Desired, systems []*systemRun) []Warning {
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
	for _, r := range systems {
		if r.managed {
			warnings = append(warnings, DeactivationWarnings(r.spec, r.api)...)
		}
	}
	return warnings
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
	for _, a := range SystemAPIs() {
		if fe := CheckPolicyClient(field+"."+a.PolicyName, a.PolicyOf(app), p.client); fe != nil {
			return p, ValidationErrors{fe}
		}
	}
	p.grants = make([]GrantObservation, len(o.systems))
	for i, r := range o.systems {
		if r.sys.UserAccessOf(app) != nil || r.sys.ownsGrant(st) || r.sys.PolicyOf(app) != nil {
			if p.grants[i], err = o.session.UserGrant(ctx, app.ClientID, r.audience); err != nil {
				return p, err
			}
		}
		st = r.sys.resolveGrantIntent(st, p.grants[i])
	}
	o.warnings = append(o.warnings, p.policyWarnings(field, o.systems)...)
	p.prev = st
	var patch ClientPatch
	patch, p.state, p.changes = PlanClient(app, st, p.client.ClientSettings)
	if err := patch.checkSize(func(name string) string { return field + "." + name }); inConfig && err != nil {
		return p, err // before any write of the run; a release only shrinks lists
	}
	p.pending = !patch.Empty()
	for i, r := range o.systems {
		p.changes = append(p.changes, p.grantChanges(r.sys, p.grants[i])...)
	}
	return p, nil
}

// grantChanges are the changes to the client's user grant g for a.
func (p *appPlan) grantChanges(a SystemAPI, g GrantObservation) []Change {
	ua, owned := a.UserAccessOf(p.app), a.GrantIDOf(p.state)
	switch {
	case ua != nil:
		return diffGrant(a.grantResource(p.app.ClientID), *ua, g, owned)
	case g.Exists && g.ID == owned:
		return []Change{{Resource: a.grantResource(p.app.ClientID), Field: "scope",
			Observed: strings.Join(sortedUnique(g.Scopes), " "), Action: ActionDelete}}
	}
	return nil
}

// planned is every change the run would make, the APIs first.
func planned(o *observed) []Change {
	var changes []Change
	for _, r := range o.systems {
		if r.managed {
			changes = append(changes, DiffAPI(r.spec, r.audience, r.api)...)
		}
	}
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
func report(o *observed, changes []Change) *Result {
	r := &Result{Changes: changes, Warnings: o.warnings, Status: Status{API: o.myAccount().api}}
	r.State = o.state()
	org := slices.IndexFunc(o.systems, func(r *systemRun) bool { return r.sys.Key == MyOrganization.Key })
	if org >= 0 {
		r.Status.MyOrganizationAPI = &o.systems[org].api
	}
	for _, p := range o.apps {
		if p.inConfig {
			st := AppStatus{ClientID: p.app.ClientID, Name: p.client.Name,
				Observed: p.client.ClientSettings, Owned: p.owned(), GrantScopes: p.grants[0].Scopes}
			if org >= 0 {
				st.MyOrganizationGrantScopes = p.grants[org].Scopes
			}
			r.Status.Apps = append(r.Status.Apps, st)
		}
	}
	return r
}

// state is the State to persist as the run now stands.
func (o *observed) state() State {
	s := State{Apps: map[string]AppState{}}
	for _, p := range o.apps {
		if st := p.owned(); p.inConfig || st.Owns() {
			s.Apps[p.app.ClientID] = st
		}
	}
	for _, r := range o.systems {
		r.record(&s)
	}
	return s
}

// record sets the API's id and audience in s, whose applications are
// already recorded.
func (r *systemRun) record(s *State) {
	id, audience := r.sys.recorded(s)
	*audience = r.audience
	if r.ownsAPI() {
		*id, *r.sys.ownedMark(s) = r.api.ID, true
	} else if r.intent {
		*r.sys.ownedMark(s) = true // the mark with no id: see activationIntent
	}
	if !r.spec.Enabled && !r.api.Active || !r.managed && !ownsAnyGrant(r.sys, *s) {
		*audience = ""
	}
}

// recordActivationIntent persists, before r's API is activated, that this
// config is about to activate it: if the answer is lost, the next run that
// finds the API active knows it as this config's.
func (o *observed) recordActivationIntent(ctx context.Context, r *systemRun) error {
	if !r.spec.Enabled || r.api.Active || r.api.ActiveElsewhere != "" || o.persist == nil {
		return nil
	}
	r.intent = true
	if err := o.persist(ctx, o.state()); err != nil {
		r.intent = false
		return err
	}
	return nil
}

// ownsAPI reports whether the config owns the API as the run now stands:
// it activated it, owned it before, or shares it with an owner.
func (r *systemRun) ownsAPI() bool {
	if !r.managed || !r.api.Active || r.api.ID == "" {
		return false
	}
	return r.activated || r.api.ID == r.spec.OwnedID || r.sharedWith != ""
}

// owned is what the config owns on p's client as the run now stands.
func (p *appPlan) owned() AppState {
	st := p.state
	if p.pending {
		st = p.prev
		for _, a := range SystemAPIs() {
			id, intent := a.grant(&st)
			nowID, nowIntent := a.grant(&p.state)
			*id, *intent = *nowID, *nowIntent
		}
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
	d = withOwnedAPIs(d, s)
	o, err := e.observe(ctx, d, s)
	if err != nil {
		return nil, err
	}
	changes := planned(o)
	if err := o.grantConflict(); err != nil {
		return report(o, changes), err
	}
	if err := checkScopes(e.GrantedScopes, changes); err != nil {
		return report(o, changes), err
	}
	e.reportProgress(o, true)
	// Writes in dependency order. 1. Grants let go of: they reference the
	// API, which this run may deactivate (deactivating first would strand them).
	if err := o.releaseGrants(ctx, false); err != nil {
		return report(o, changes), err
	}
	// 2. The APIs: the grants this run creates, and the refresh-token
	// policies it adds, need them active (Auth0 ignores a policy for an
	// audience that does not exist). A run that deactivates My Account adds
	// none (validation), and removes its policies first.
	if !d.API.Enabled {
		if err := o.applyClients(ctx); err != nil {
			return report(o, changes), err
		}
	}
	if err := o.applyAPIs(ctx, d); err != nil {
		return report(o, changes), err
	}
	// 3. Clients, one PATCH each, then one check that the lists held.
	if d.API.Enabled {
		if err := o.applyClients(ctx); err != nil {
			return report(o, changes), err
		}
	}
	// 4. Grants created or changed.
	if err := o.upsertGrants(ctx); err != nil {
		return report(o, changes), err
	}
	return e.withChain(ctx, d, o, report(o, changes))
}

// grantConflict is the first user grant the run would have to take over.
func (o *observed) grantConflict() error {
	for _, p := range o.apps {
		for i, r := range o.systems {
			res := r.sys.grantResource(p.app.ClientID)
			if slices.ContainsFunc(p.changes, func(c Change) bool { return c.Action == ActionConflict && c.Resource == res }) {
				return newGrantConflict(p.app.ClientID, r.audience, p.grants[i], *r.sys.UserAccessOf(p.app))
			}
		}
	}
	return nil
}

// applyAPIs makes each API the config names match it, then waits for the
// scopes the config asks for to be listed.
func (o *observed) applyAPIs(ctx context.Context, d Desired) error {
	apis := APIReconciler{Session: o.session}
	for _, r := range o.systems {
		if !r.managed {
			continue
		}
		wasActive := r.api.Active
		if err := o.recordActivationIntent(ctx, r); err != nil {
			return err
		}
		var err error
		r.api, err = apis.Apply(ctx, r.spec, r.audience)
		r.activated = r.activated || !wasActive && r.api.Active
		r.intent = r.intent && err != nil // a failed activation may have landed
		if err != nil {
			return err
		}
		if r.api, err = apis.AwaitScopes(ctx, r.api, requestedScopes(r.sys, d)); err != nil {
			return err
		}
		// An API activated by this run lists its scopes only now: a scope it
		// lacks stops the run before any grant is written.
		if errs := r.validateScopes(d); len(errs) > 0 {
			return errs
		}
	}
	return nil
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
		res, err := o.writeClient(ctx, p)
		if err != nil {
			p.prev = res.State // with what was in flight: it may have landed
			return err
		}
		if res.Client == nil {
			return errClientGone(p.app.ClientID)
		}
		grants := p.state
		p.client, p.state, p.pending = res.Client, res.State, false
		for _, a := range SystemAPIs() {
			id, _ := a.grant(&p.state)
			*id = a.GrantIDOf(grants)
		}
		if o.progress != nil {
			o.progress(p.app.ClientID)
		}
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
		for i, r := range o.systems {
			if r.sys.GrantIDOf(p.state) == "" || (!all && r.sys.UserAccessOf(p.app) != nil) {
				continue
			}
			if err := o.reconcileGrant(ctx, p, i, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// upsertGrants creates or updates the grants the applications want; they
// need their API active.
func (o *observed) upsertGrants(ctx context.Context) error {
	for i, r := range o.systems {
		if !r.api.Active {
			continue
		}
		for _, p := range o.apps {
			ua := r.sys.UserAccessOf(p.app)
			if ua == nil {
				continue
			}
			if err := o.reconcileGrant(ctx, p, i, ua); err != nil {
				return err
			}
		}
	}
	return nil
}

// reconcileGrant makes p's user grant for the run's i-th API match desired
// (nil lets go of it).
func (o *observed) reconcileGrant(ctx context.Context, p *appPlan, i int, desired *UserAccess) error {
	r := o.systems[i]
	ua := UserAccessReconciler{Session: o.session, Intent: o.grantIntent(p, r.sys)}
	g, owned, err := ua.Reconcile(ctx, p.app.ClientID, r.audience, desired, r.sys.GrantIDOf(p.state))
	if err != nil {
		return err // a grant intent recorded stays: the create may have landed
	}
	id, intent := r.sys.grant(&p.state)
	p.grants[i], *id, *intent = g, owned, false
	return nil
}

// grantIntent marks p as about to create its user grant for a, and
// persists that when the engine has a Persist.
func (o *observed) grantIntent(p *appPlan, a SystemAPI) func(context.Context) error {
	return func(ctx context.Context) error {
		_, intent := a.grant(&p.state)
		*intent = true
		if o.persist == nil {
			return nil
		}
		if err := o.persist(ctx, o.state()); err != nil {
			*intent = false
			return err
		}
		return nil
	}
}

// Delete undoes what this config did: it removes only the origins and grants
// it added, restores what it changed, and deactivates each API only under
// its DeletionDelete.
func (e *Engine) Delete(ctx context.Context, d Desired, s State) (*Result, error) {
	ctx = withRunBudget(ctx, d, s, "delete", 0)
	empty := releasing(d, s)
	o, err := e.observe(ctx, empty, s)
	if err != nil {
		return nil, err
	}
	// Only cleanup changes: the APIs themselves follow their deletion policies.
	changes := slices.DeleteFunc(planned(o), func(c Change) bool { return isAPIResource(c.Resource) })
	var deactivate []*systemRun
	for _, r := range o.systems {
		if spec := r.sys.Spec(d); spec != nil && spec.DeletionPolicy == DeletionDelete && r.api.Active {
			if other := r.sys.wantedActiveBy(o.others); other != "" {
				o.warnings = append(o.warnings, Warning{Field: r.sys.field("deletionPolicy"), Message: "Delete leaves the " + r.sys.Name + " " + r.audience + " active: " + other + " still asks for it; the last config to let go deactivates it"})
				continue
			}
			deactivate = append(deactivate, r)
			changes = append(changes, Change{Resource: r.sys.apiResource, Field: "active", Observed: "true", Desired: "false", Action: ActionDelete})
		}
	}
	if err := checkScopes(e.GrantedScopes, changes); err != nil {
		return report(o, changes), err
	}
	if err := o.applyClients(ctx); err != nil {
		return report(o, changes), err
	}
	if err := o.releaseGrants(ctx, true); err != nil {
		return report(o, changes), err
	}
	for _, r := range deactivate {
		if err := (APIReconciler{Session: o.session}).Delete(ctx, DeletionDelete, r.audience); err != nil {
			return report(o, changes), err
		}
	}
	done := report(o, changes)
	done.State = State{}
	return done, nil
}

// releasing is the config that releases d: no applications, each API it
// names kept as it is (its deletion policy decides), at the audience the
// state records.
func releasing(d Desired, s State) Desired {
	empty := Desired{Domain: d.Domain, API: APISpec{Enabled: true, AudienceDomain: d.API.AudienceDomain, UserAccessPolicy: d.API.UserAccessPolicy}, releasing: true}
	if domain, ok := AudienceDomainOf(s.Audience); ok && d.API.AudienceDomain == "" {
		// Keep the audience the config used even if the spec lost it.
		empty.API.AudienceDomain = domain
	}
	if org := d.MyOrganizationAPI; org != nil {
		empty.MyOrganizationAPI = &APISpec{Enabled: true, UserAccessPolicy: org.UserAccessPolicy}
	}
	return empty
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

type mode int

const (
	modePlan mode = iota
	modeApply
	modeDrift
)

func (m mode) String() string {
	return [...]string{"plan", "apply", "drift"}[m]
}

// SchemaVersion is the version of the JSON that plan, apply and drift print
// with -o json. It changes only when a field changes meaning or goes away;
// new fields may be added within a version. See examples/pipeline/README.md.
const SchemaVersion = 1

// Report is the JSON printed by `plan|apply|drift -o json`.
type Report struct {
	SchemaVersion int  `json:"schemaVersion"`
	InSync        bool `json:"inSync"`
	// Configs are in the order of the manifests.
	Configs []ConfigReport `json:"configs"`
}

// ConfigReport is one MyAccountConfig's outcome.
type ConfigReport struct {
	configHeader
	InSync bool `json:"inSync"`
	// Changes are planned (plan, drift) or made (apply); never null.
	Changes []reconciler.Change `json:"changes"`
	// Warnings never stop a run; never null.
	Warnings []reconciler.Warning `json:"warnings"`
}

// reconcileOptions are the flags of plan, apply and drift.
type reconcileOptions struct {
	*manifestRun
	state string
	adopt stringList
	// maxRequests replaces the whole run's request budget; 0 means
	// reconciler.WholeRunBudget of the documents.
	maxRequests int
}

// reconcileSynopses are the usage texts of plan, apply and drift.
var reconcileSynopses = [...]string{
	modePlan:  "plan -f FILE [-f FILE]... [-o text|json] [--state FILE] [--adopt-grant CLIENT=GRANT_ID]... [--max-requests N] [-v]\n\nShows, field by field, what apply would change. Makes no writes.",
	modeApply: "apply -f FILE [-f FILE]... [-o text|json] [--state FILE] [--adopt-grant CLIENT=GRANT_ID]... [--max-requests N] [-v]\n\nMakes the tenant match the configuration and records what it added in the state file.",
	modeDrift: "drift -f FILE [-f FILE]... [-o text|json] [--state FILE] [--max-requests N] [-v]\n\nChecks the tenant against the configuration. Exit code: 0 in sync, 2 drift, 1 error.",
}

// parseReconcileOptions parses the flags of plan, apply or drift. ok is
// false when the command must stop; code is then its exit code.
func parseReconcileOptions(env Env, m mode, args []string) (o reconcileOptions, code int, ok bool) {
	fs := newFlagSet(env, m.String(), reconcileSynopses[m])
	o.manifestRun = newManifestRun(env, fs, "print the Management API requests made")
	fs.StringVar(&o.state, "state", DefaultStateFile, "state `FILE` recording what myaccount added, per namespace/name")
	fs.Var(&o.adopt, "adopt-grant", "take over the existing user grant `CLIENT=GRANT_ID` of a client the manifests declare with userAccess (or myOrganizationUserAccess), so that myaccount owns it (repeatable)")
	fs.IntVar(&o.maxRequests, "max-requests", 0, "stop the whole run after `N` Management API requests (default: 60, and 15 per document and 15 per application, several times what a run needs)")
	if code, ok = o.parse(fs, args); ok && o.maxRequests < 0 {
		fmt.Fprintf(env.Stderr, "myaccount %s: --max-requests must be 0 (the default budget) or more, not %d\n", m, o.maxRequests)
		return o, ExitUsage, false
	}
	return o, code, ok
}

func runReconcile(ctx context.Context, env Env, m mode, args []string) int {
	o, code, ok := parseReconcileOptions(env, m, args)
	if !ok {
		return code
	}
	run, err := o.prepare(m)
	if err != nil {
		return o.fail(err)
	}
	if err := assignAdoptions(o.adopt, run.cfgs, run.desired); err != nil {
		fmt.Fprintf(env.Stderr, "myaccount %s: %v\n", m, err)
		return ExitUsage
	}
	if err := o.connect(ctx, run.cfgs); err != nil {
		return o.fail(err)
	}
	rep, code, ok := run.reconcileAll(ctx)
	if !ok {
		return code
	}
	return run.report(rep)
}

// reconcileRun is one plan, apply or drift: the documents, what each
// desires, each as an owner, and the state file.
type reconcileRun struct {
	reconcileOptions
	mode      mode
	statePath string
	sf        *stateFile
	cfgs      []config
	desired   []reconciler.Desired
	owners    []reconciler.Owner
	// joined are, per document, the changes an earlier document's PATCH
	// made for it (sharers.go), reported with the document; staged, those
	// of the document being applied, until its run succeeds.
	joined [][]reconciler.Change
	staged map[int][]reconciler.Change
}

// prepare loads the manifests and the state file. Every document is one
// owner; a conflict between two is refused before any request (see "What
// myaccount owns" in the README).
func (o reconcileOptions) prepare(m mode) (*reconcileRun, error) {
	run := &reconcileRun{reconcileOptions: o, mode: m, statePath: o.path(o.state)}
	var err error
	if run.cfgs, err = o.load(); err != nil {
		return nil, err
	}
	if run.sf, err = loadState(run.statePath); err != nil {
		return nil, err
	}
	run.desired = make([]reconciler.Desired, len(run.cfgs))
	run.owners = make([]reconciler.Owner, len(run.cfgs))
	run.joined = make([][]reconciler.Change, len(run.cfgs))
	for i, c := range run.cfgs {
		run.desired[i] = crd.Desired(&c.Obj.Spec)
		run.owners[i] = reconciler.OwnerOf(c.ownerName(), &run.desired[i], run.sf.state(c.Key()))
	}
	if refused := reconciler.DecideOwners(run.owners); len(refused) > 0 {
		var errs []error
		for _, owner := range run.owners {
			if e := refused[owner.Name]; e != nil {
				errs = append(errs, e)
			}
		}
		return nil, errors.Join(errs...)
	}
	return run, nil
}

// reconcileAll plans or applies each document in turn, printing each as it
// is done (-o text). ok is false when the run must stop; code is then its
// exit code.
func (run *reconcileRun) reconcileAll(ctx context.Context) (rep Report, code int, ok bool) {
	prog := run.startProgress(run.mode.String(), run.cfgs)
	defer prog.stop()
	ctx = mgmt.WithWholeRunBudget(ctx, run.wholeRunBudget())
	eng := &reconciler.Engine{Management: run.mc.Client.Management, GrantedScopes: run.mc.Client.GrantedScopes, Progress: prog.clientDone}
	rep = Report{SchemaVersion: SchemaVersion, InSync: true, Configs: []ConfigReport{}}
	for i, c := range run.cfgs {
		res, code, ok := run.reconcileConfig(ctx, eng, i)
		run.settleJoined(ok)
		if !ok {
			prog.stop()
			run.printJoinedAfter(i)
			return rep, code, false
		}
		changes := append(slices.Clone(run.joined[i]), res.Changes...)
		cr := ConfigReport{configHeader: c.header(run.mc.Domain), InSync: len(changes) == 0,
			Changes: nonNil(changes), Warnings: nonNil(res.Warnings)}
		rep.InSync = rep.InSync && cr.InSync
		rep.Configs = append(rep.Configs, cr)
		if run.text() {
			prog.clear()
			printConfig(run.env.Stdout, run.mode, c, cr)
		}
	}
	return rep, ExitOK, true
}

// wholeRunBudget bounds the requests of every document together: each
// document's own budget is a breaker, and a run over many would multiply
// them.
func (run *reconcileRun) wholeRunBudget() *mgmt.RequestBudget {
	states := make([]reconciler.State, len(run.cfgs))
	for i, c := range run.cfgs {
		states[i] = run.sf.state(c.Key())
	}
	def := reconciler.WholeRunBudget(run.desired, states)
	what := fmt.Sprintf("%s of %d manifest document(s)", run.mode, len(run.cfgs))
	if run.maxRequests > 0 {
		return mgmt.NewWholeRunBudget(run.maxRequests, what, fmt.Sprintf("set by --max-requests %d; raise it, or leave it out for the default of %d for these documents", run.maxRequests, def))
	}
	return mgmt.NewWholeRunBudget(def, what, reconciler.WholeRunBasis()+
		", several times what these documents need: something is looping (a tenant answering inconsistently, or a bug in myaccount); run again with -v to see the requests per route, and if this run really needs more, raise it with --max-requests N")
}

// reconcileConfig plans or applies document i. ok is false when the run
// must stop; code is then its exit code.
func (run *reconcileRun) reconcileConfig(ctx context.Context, eng *reconciler.Engine, i int) (res *reconciler.Result, code int, ok bool) {
	c := run.cfgs[i]
	desired := run.desired[i]
	desired.Domain = run.mc.Domain
	state := run.sf.state(c.Key())
	eng.Sharing = &reconciler.Sharing{Self: run.owners[i].Name, Owners: run.owners}
	var err error
	if run.mode == modeApply {
		// Before each write that adds to what the config owns, the
		// state file records it: a crash after the write leaves a file
		// that says so.
		key := c.Key()
		eng.Persist = func(_ context.Context, s reconciler.State) error { return run.sf.record(key, s) }
		eng.Sharers = run.sharersFor(i)
		res, err = eng.Apply(ctx, desired, state)
		if res != nil && !reconciler.FailedBeforeWrites(err) {
			run.owners[i].State = res.State
			if serr := run.sf.record(key, res.State); serr != nil {
				fmt.Fprintf(run.env.Stderr, "Error: %s: could not record what was applied: %v\n", key, serr)
				return nil, ExitError, false
			}
		}
	} else {
		res, err = eng.Plan(ctx, desired, state)
	}
	if err != nil {
		return nil, run.failConfig(c, err), false
	}
	return res, ExitOK, true
}

// report prints the summary (-o text) or the JSON report, then the requests
// made (-v); the exit code says whether drift found differences.
func (run *reconcileRun) report(rep Report) int {
	if run.text() {
		printSummary(run.env.Stdout, run.mode, rep)
		if run.mode == modeApply {
			fmt.Fprintf(run.env.Stdout, "State saved to %s.\n", run.statePath)
		}
	} else if err := run.writeJSON(rep); err != nil {
		return run.fail(err)
	}
	run.printRequests()
	if run.mode == modeDrift && !rep.InSync {
		return ExitDrift
	}
	return ExitOK
}

// ownerName names a document in conflict messages.
func (c config) ownerName() string { return fmt.Sprintf("MyAccountConfig %s (%s)", c.Key(), c.Source) }

// assignAdoptions gives each --adopt-grant CLIENT=GRANT_ID to the first
// document that declares CLIENT with user access (userAccess or
// myOrganizationUserAccess); the engine then checks the
// grant against the tenant before any write.
func assignAdoptions(flags []string, cfgs []config, desired []reconciler.Desired) error {
	for _, f := range flags {
		client, grant, ok := strings.Cut(f, "=")
		client, grant = strings.TrimSpace(client), strings.TrimSpace(grant)
		if !ok || client == "" || grant == "" {
			return fmt.Errorf("--adopt-grant %q: write CLIENT_ID=GRANT_ID, for example --adopt-grant spa_demo_client=cgr_abc123", f)
		}
		found := false
		for i := range cfgs {
			for _, a := range desired[i].Applications {
				if a.ClientID == client && a.DeclaresUserAccess() && !found {
					desired[i].AdoptGrants = append(desired[i].AdoptGrants, reconciler.AdoptGrant{ClientID: client, GrantID: grant})
					found = true
				}
			}
		}
		if !found {
			return fmt.Errorf("--adopt-grant %s: no manifest declares client %s with userAccess (or myOrganizationUserAccess, for a My Organization API grant); add the application with its scopes for the grant's API (the grant is then updated to them)", f, client)
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// connection is an authenticated Management API client for one tenant.
type connection struct {
	Domain  string
	Client  *mgmt.Client
	Counter *RequestCounter
}

// connect resolves the tenant domain from AUTH0_DOMAIN and the manifests and
// builds the Management API client from the AUTH0_* variables.
func connect(ctx context.Context, env Env, cfgs []config) (*connection, error) {
	cfg := configFromEnv(env)
	envDomain := cfg.Domain
	var domain, from string
	if envDomain != "" {
		d, err := mgmt.NormalizeDomain(envDomain)
		if err != nil {
			return nil, fmt.Errorf("%s %w", mgmt.EnvDomain, err)
		}
		domain, from = d, mgmt.EnvDomain
	}
	for _, c := range cfgs {
		if c.Obj.Spec.Domain == "" {
			continue
		}
		d, err := mgmt.NormalizeDomain(c.Obj.Spec.Domain)
		if err != nil {
			return nil, fmt.Errorf("%s: spec.domain %w", c.Source, err)
		}
		switch {
		case domain == "":
			domain, from = d, c.Source
		case !strings.EqualFold(d, domain) && from == mgmt.EnvDomain:
			return nil, fmt.Errorf("%s: spec.domain is %s but %s is %s: the credentials belong to %s; set %s=%s (with that tenant's credentials) or change spec.domain",
				c.Source, d, mgmt.EnvDomain, domain, domain, mgmt.EnvDomain, d)
		case !strings.EqualFold(d, domain):
			return nil, fmt.Errorf("%s: spec.domain is %s but %s has %s: one run uses one set of credentials, so run each tenant's manifests separately", c.Source, d, from, domain)
		}
	}
	cfg.Domain = domain
	counter := NewRequestCounter()
	cfg.Observer = counter
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("Management API credentials are incomplete:\n%s", indent(err.Error(), "  - "))
	}
	client, err := mgmt.New(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &connection{Domain: domain, Client: client, Counter: counter}, nil
}

// configFromEnv is mgmt.ConfigFromEnv, reading env.Getenv when set.
func configFromEnv(env Env) mgmt.Config {
	getenv := env.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := mgmt.ConfigFromGetenv(getenv)
	cfg.RootCAs = env.RootCAs
	cfg.Retry = env.Retry
	cfg.UserAgent = "myaccount-cli/" + Version
	return cfg
}

// describeError turns an error into an actionable message: every validation
// error on its own line, API errors through mgmt.Classify.
func describeError(err error) string {
	var ve reconciler.ValidationErrors
	if errors.As(err, &ve) {
		lines := make([]string, len(ve))
		for i, fe := range ve {
			lines[i] = "  - " + fe.Error()
			if fe.Field == reconciler.AdoptField {
				lines[i] = "  - " + fe.ErrorAs("--adopt-grant")
			}
		}
		return "the configuration is invalid; nothing was changed:\n" + strings.Join(lines, "\n")
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range joined.Unwrap() {
			lines = append(lines, "  - "+describeError(e))
		}
		if len(lines) > 1 {
			return "several problems; nothing was changed:\n" + strings.Join(lines, "\n")
		}
		if len(lines) == 1 {
			return strings.TrimPrefix(lines[0], "  - ")
		}
	}
	var ue *reconciler.UnknownClientError
	var ce *reconciler.GrantConflictError
	var oe *reconciler.OwnerConflictError
	if errors.As(err, &ce) {
		return ce.WithFix(fmt.Sprintf("take it over with --adopt-grant %s=%s, or delete it in %s, then apply again", ce.ClientID, ce.GrantID, ce.GrantsDashboard()))
	}
	if errors.As(err, &ue) || errors.As(err, &oe) {
		return err.Error()
	}
	if ce := mgmt.Classify(err); ce != nil {
		return ce.Error()
	}
	return err.Error()
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// printChanges prints one line per change: the action's symbol and the
// change as every face (CLI, Terraform, operator) words it.
func printChanges(w io.Writer, prefix string, cs []reconciler.Change) {
	for _, c := range cs {
		fmt.Fprintf(w, "%s%s %s\n", prefix, c.Action.Symbol(), c)
	}
}

func printWarnings(w io.Writer, prefix string, ws []reconciler.Warning) {
	for _, wn := range ws {
		fmt.Fprintf(w, "%sWarning: %s: %s\n", prefix, wn.Field, wn.Message)
	}
}

func printConfig(w io.Writer, m mode, c config, cr ConfigReport) {
	fmt.Fprintf(w, "MyAccountConfig %s/%s (tenant %s, %s)\n", cr.Namespace, cr.Name, cr.Domain, c.Source)
	switch {
	case cr.InSync && m == modeDrift:
		fmt.Fprintln(w, "  in sync")
	case cr.InSync:
		fmt.Fprintln(w, "  no changes")
	case m == modeDrift:
		fmt.Fprintf(w, "  DRIFT: %d difference(s) between the tenant and the configuration:\n", len(cr.Changes))
		printChanges(w, "    ", cr.Changes)
	case m == modeApply:
		fmt.Fprintln(w, "  applied:")
		printChanges(w, "    ", cr.Changes)
	default:
		printChanges(w, "  ", cr.Changes)
	}
	printWarnings(w, "  ", cr.Warnings)
	fmt.Fprintln(w)
}

func printSummary(w io.Writer, m mode, rep Report) {
	var all []reconciler.Change
	drifted := 0
	for _, c := range rep.Configs {
		all = append(all, c.Changes...)
		if !c.InSync {
			drifted++
		}
	}
	n := reconciler.CountChanges(all)
	conflicts := ""
	if n.Conflict > 0 {
		conflicts = fmt.Sprintf(", %d conflict(s) to resolve by hand (apply stops on them)", n.Conflict)
	}
	switch m {
	case modePlan:
		if rep.InSync {
			fmt.Fprintln(w, "No changes. The tenant matches the configuration.")
		} else {
			fmt.Fprintf(w, "Plan: %d to add, %d to change, %d to remove%s.\n", n.Add, n.Change, n.Remove, conflicts)
		}
	case modeApply:
		if rep.InSync {
			fmt.Fprintln(w, "No changes. The tenant matches the configuration.")
		} else {
			fmt.Fprintf(w, "Apply complete: %d added, %d changed, %d removed.\n", n.Add, n.Change, n.Remove)
		}
	case modeDrift:
		if rep.InSync {
			fmt.Fprintln(w, "In sync: the tenant matches the configuration.")
		} else {
			fmt.Fprintf(w, "Drift: %d of %d config(s) differ from the tenant (%d to add, %d to change, %d to remove%s). Run `myaccount apply` to correct it.\n",
				drifted, len(rep.Configs), n.Add, n.Change, n.Remove, conflicts)
		}
	}
}

// RequestCounter counts Management API requests per "METHOD route"; it is an
// mgmt.RequestObserver.
type RequestCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

// NewRequestCounter returns an empty counter.
func NewRequestCounter() *RequestCounter { return &RequestCounter{counts: map[string]int{}} }

// ObserveRequest implements mgmt.RequestObserver.
func (c *RequestCounter) ObserveRequest(domain, method, route string, status int, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[method+" "+route]++
}

// Total is the number of requests counted.
func (c *RequestCounter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}

// Counts returns a copy of the counts.
func (c *RequestCounter) Counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}

// print lists Management API requests, then (for verify) the requests to the
// My Account API, which Auth0 counts against a separate limit.
func (c *RequestCounter) print(w io.Writer) {
	mgmtCounts, myAccount := map[string]int{}, map[string]int{}
	for k, v := range c.Counts() {
		if _, route, _ := strings.Cut(k, " "); strings.HasPrefix(route, "/me/") {
			myAccount[k] = v
		} else {
			mgmtCounts[k] = v
		}
	}
	fmt.Fprintf(w, "Management API requests: %s\n", formatCounts(mgmtCounts))
	if len(myAccount) > 0 {
		fmt.Fprintf(w, "My Account API requests (preflights included): %s\n", formatCounts(myAccount))
	}
}

// formatCounts renders counts as "N (reads R, writes W): route n, ...".
func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	total, writes := 0, 0
	for k, v := range m {
		keys = append(keys, k)
		total += v
		if !strings.HasPrefix(k, "GET ") && !strings.HasPrefix(k, "OPTIONS ") && !strings.Contains(k, "/oauth/token") {
			writes += v
		}
	}
	if total == 0 {
		return "none"
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ×%d", k, m[k])
	}
	return fmt.Sprintf("%d (%d writes): %s", total, writes, strings.Join(parts, ", "))
}

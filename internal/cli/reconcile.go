package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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

func runReconcile(ctx context.Context, env Env, m mode, args []string) int {
	var synopsis string
	switch m {
	case modePlan:
		synopsis = "plan -f FILE [-f FILE]... [-o text|json] [--state FILE] [--adopt-grant CLIENT=GRANT_ID]... [-v]\n\nShows, field by field, what apply would change. Makes no writes."
	case modeApply:
		synopsis = "apply -f FILE [-f FILE]... [-o text|json] [--state FILE] [--adopt-grant CLIENT=GRANT_ID]... [-v]\n\nMakes the tenant match the configuration and records what it added in the state file."
	case modeDrift:
		synopsis = "drift -f FILE [-f FILE]... [-o text|json] [--state FILE] [-v]\n\nChecks the tenant against the configuration. Exit code: 0 in sync, 2 drift, 1 error."
	}
	fs := newFlagSet(env, m.String(), synopsis)
	r := newManifestRun(env, fs, "print the Management API requests made")
	statePath := fs.String("state", DefaultStateFile, "state `FILE` recording what myaccount added, per namespace/name")
	var adopt stringList
	fs.Var(&adopt, "adopt-grant", "take over the existing user grant `CLIENT=GRANT_ID` of a client the manifests declare with userAccess, so that myaccount owns it (repeatable)")
	if code, ok := r.parse(fs, args); !ok {
		return code
	}
	path := r.path(*statePath)
	cfgs, err := r.load()
	if err != nil {
		return r.fail(err)
	}
	sf, err := loadState(path)
	if err != nil {
		return r.fail(err)
	}
	// Every document is one owner; a conflict between two is refused
	// before any request (see "What myaccount owns" in the README).
	desired := make([]reconciler.Desired, len(cfgs))
	owners := make([]reconciler.Owner, len(cfgs))
	for i, c := range cfgs {
		desired[i] = crd.Desired(&c.Obj.Spec)
		owners[i] = reconciler.Owner{Name: c.ownerName(), Apps: desired[i].Applications, State: sf.state(c.Key())}
	}
	if refused := reconciler.DecideOwners(owners); len(refused) > 0 {
		var errs []error
		for _, o := range owners {
			if e := refused[o.Name]; e != nil {
				errs = append(errs, e)
			}
		}
		return r.fail(errors.Join(errs...))
	}
	if err := assignAdoptions(adopt, cfgs, desired); err != nil {
		fmt.Fprintf(env.Stderr, "myaccount %s: %v\n", m, err)
		return ExitUsage
	}
	if err := r.connect(ctx, cfgs); err != nil {
		return r.fail(err)
	}
	mc := r.mc
	eng := &reconciler.Engine{Management: mc.Client.Management, GrantedScopes: mc.Client.GrantedScopes}

	rep := Report{SchemaVersion: SchemaVersion, InSync: true, Configs: []ConfigReport{}}
	text := r.text()
	for i, c := range cfgs {
		desired := desired[i]
		desired.Domain = mc.Domain
		state := sf.state(c.Key())
		eng.Sharing = &reconciler.Sharing{Self: owners[i].Name, Owners: owners}
		var res *reconciler.Result
		if m == modeApply {
			// Before each write that adds to what the config owns, the
			// state file records it: a crash after the write leaves a file
			// that says so.
			key := c.Key()
			eng.Persist = func(_ context.Context, s reconciler.State) error { return sf.record(key, s) }
			res, err = eng.Apply(ctx, desired, state)
			if res != nil && !reconciler.FailedBeforeWrites(err) {
				owners[i].State = res.State
				if serr := sf.record(key, res.State); serr != nil {
					fmt.Fprintf(env.Stderr, "Error: %s: could not record what was applied: %v\n", key, serr)
					return ExitError
				}
			}
		} else {
			res, err = eng.Plan(ctx, desired, state)
		}
		if err != nil {
			return r.failConfig(c, err)
		}
		cr := ConfigReport{configHeader: c.header(mc.Domain), InSync: res.InSync(),
			Changes: nonNil(res.Changes), Warnings: nonNil(res.Warnings)}
		rep.InSync = rep.InSync && cr.InSync
		rep.Configs = append(rep.Configs, cr)
		if text {
			printConfig(env.Stdout, m, c, cr)
		}
	}
	if text {
		printSummary(env.Stdout, m, rep)
		if m == modeApply {
			fmt.Fprintf(env.Stdout, "State saved to %s.\n", path)
		}
	} else if err := r.writeJSON(rep); err != nil {
		return r.fail(err)
	}
	r.printRequests()
	if m == modeDrift && !rep.InSync {
		return ExitDrift
	}
	return ExitOK
}

// ownerName names a document in conflict messages.
func (c config) ownerName() string { return fmt.Sprintf("MyAccountConfig %s (%s)", c.Key(), c.Source) }

// assignAdoptions gives each --adopt-grant CLIENT=GRANT_ID to the first
// document that declares CLIENT with userAccess; the engine then checks the
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
				if a.ClientID == client && a.UserAccess != nil && !found {
					desired[i].AdoptGrants = append(desired[i].AdoptGrants, reconciler.AdoptGrant{ClientID: client, GrantID: grant})
					found = true
				}
			}
		}
		if !found {
			return fmt.Errorf("--adopt-grant %s: no manifest declares client %s with userAccess; add the application with its userAccess scopes (the grant is then updated to them)", f, client)
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
	if errors.As(err, &ue) || errors.As(err, &ce) || errors.As(err, &oe) {
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

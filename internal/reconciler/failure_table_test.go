package reconciler_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// faultPolicy keeps the failure table quick: few attempts, short waits.
var faultPolicy = mgmt.RetryPolicy{MaxAttempts: 3, MaxElapsed: 2 * time.Second, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, Max429Wait: 200 * time.Millisecond}

// failureStep is one Management API call of a lifecycle, as the emulator
// matches it.
type failureStep struct {
	name  string
	fault auth0sim.Fault
}

// lifecycle is a run (Apply or Delete) from a seeded tenant and state.
type lifecycle struct {
	name  string
	seed  func(e *reconciler.Engine, srv *auth0sim.Server) (reconciler.State, error)
	run   func(e *reconciler.Engine, ctx context.Context, d reconciler.Desired, s reconciler.State) (*reconciler.Result, error)
	d     func(srv *auth0sim.Server) reconciler.Desired
	steps []failureStep
}

func spaConfig(srv *auth0sim.Server, policy reconciler.UserAccessPolicy) reconciler.Desired {
	return reconciler.Desired{Domain: srv.Domain(),
		API: reconciler.APISpec{Enabled: true, UserAccessPolicy: policy, DeletionPolicy: reconciler.DeletionDelete},
		Applications: []reconciler.Application{{
			ClientID:                  "spa",
			AllowedOrigins:            []string{"https://app.example.com"},
			CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true},
			// An authentication-method write scope makes the run read the MFA policy.
			UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors", "create:me:authentication_methods"}},
		}}}
}

func get(prefix string) auth0sim.Fault       { return auth0sim.Fault{Method: "GET", PathPrefix: prefix} }
func method(m, prefix string) auth0sim.Fault { return auth0sim.Fault{Method: m, PathPrefix: prefix} }

var lifecycles = []lifecycle{
	{
		name: "first apply",
		seed: func(*reconciler.Engine, *auth0sim.Server) (reconciler.State, error) { return reconciler.State{}, nil },
		d:    func(srv *auth0sim.Server) reconciler.Desired { return spaConfig(srv, reconciler.UserAccessAllowAll) },
		run:  (*reconciler.Engine).Apply,
		steps: []failureStep{
			{"read the API", get("/api/v2/resource-servers/")},
			{"list the APIs", auth0sim.Fault{Method: "GET", Path: "/api/v2/resource-servers"}},
			{"read the client", get("/api/v2/clients/")},
			{"read the MFA policy", get("/api/v2/guardian/")},
			{"activate the API", method("POST", "/api/v2/resource-servers")},
			{"set the user policy", method("PATCH", "/api/v2/resource-servers/")},
			{"patch the client", method("PATCH", "/api/v2/clients/")},
			{"create the grant", method("POST", "/api/v2/client-grants")},
		},
	},
	{
		name: "apply over an earlier apply",
		seed: seedApplied,
		d: func(srv *auth0sim.Server) reconciler.Desired {
			d := spaConfig(srv, reconciler.UserAccessDenyAll)
			d.Applications[0].AllowedOrigins = []string{"https://other.example.com"}
			d.Applications[0].UserAccess.Scopes = []string{"read:me:factors", "read:me:authentication_methods", "create:me:authentication_methods"}
			return d
		},
		run: (*reconciler.Engine).Apply,
		steps: []failureStep{
			{"read the grant", get("/api/v2/client-grants")},
			{"set the user policy", method("PATCH", "/api/v2/resource-servers/")},
			{"patch the client", method("PATCH", "/api/v2/clients/")},
			{"update the grant", method("PATCH", "/api/v2/client-grants/")},
		},
	},
	{
		name: "delete",
		seed: seedApplied,
		d:    func(srv *auth0sim.Server) reconciler.Desired { return spaConfig(srv, reconciler.UserAccessAllowAll) },
		run:  (*reconciler.Engine).Delete,
		steps: []failureStep{
			{"read the API", get("/api/v2/resource-servers/")},
			{"read the client", get("/api/v2/clients/")},
			{"read the grant", get("/api/v2/client-grants")},
			{"restore the client", method("PATCH", "/api/v2/clients/")},
			{"delete the grant", method("DELETE", "/api/v2/client-grants/")},
			{"deactivate the API", method("DELETE", "/api/v2/resource-servers/")},
		},
	},
}

// seedApplied applies the allow_all config before the fault is injected.
func seedApplied(e *reconciler.Engine, srv *auth0sim.Server) (reconciler.State, error) {
	res, err := e.Apply(context.Background(), spaConfig(srv, reconciler.UserAccessAllowAll), reconciler.State{})
	if err != nil {
		return reconciler.State{}, err
	}
	return res.State, nil
}

func faultEngine(srv *auth0sim.Server) (*reconciler.Engine, error) {
	c, err := mgmt.New(context.Background(), mgmt.Config{
		Domain: srv.Domain(), ClientID: srv.ManagementClientID(), ClientSecret: srv.ManagementClientSecret(),
		RootCAs: srv.RootCAs(), Limiter: mgmt.NewLimiter(), Retry: faultPolicy,
	})
	if err != nil {
		return nil, err
	}
	return &reconciler.Engine{Management: c.Management, GrantedScopes: c.GrantedScopes}, nil
}

// faults are the answers of the table, each with words the error must hold.
var faults = []struct {
	name   string
	fault  auth0sim.Fault
	saying string
}{
	{"400", auth0sim.Fault{Status: 400}, "400 Bad Request"},
	{"403", auth0sim.Fault{Status: 403}, "403 Forbidden"},
	{"404", auth0sim.Fault{Status: 404}, ""}, // a 404 can mean "absent": checked below
	{"409", auth0sim.Fault{Status: 409}, "409 Conflict"},
	{"429", auth0sim.Fault{Status: 429, ResetAfter: 100 * time.Millisecond}, "429 Too Many Requests"},
	{"500", auth0sim.Fault{Status: 500}, "500 Internal Server Error"},
	{"503", auth0sim.Fault{Status: 503}, "503 Service Unavailable"},
	{"dropped connection", auth0sim.Fault{DropConnection: true}, "last error: EOF"},
}

// Every step of every lifecycle, answered with each failure for as long as
// the run lasts: the run ends, within its request budget, and its error says
// which request failed and how. A failure of the MFA read, which only feeds
// a warning, ends the run as a success with a warning saying so.
func TestFailureTable(t *testing.T) {
	if testing.Short() {
		t.Skip("the failure table starts one emulator per case")
	}
	type tableCase struct {
		name string
		lc   lifecycle
		step failureStep
		f    int
		out  faultOutcome
	}
	var cases []*tableCase
	for _, lc := range lifecycles {
		for _, step := range lc.steps {
			for i, f := range faults {
				cases = append(cases, &tableCase{name: fmt.Sprintf("%s/%s/%s", lc.name, step.name, f.name), lc: lc, step: step, f: i})
			}
		}
	}
	// The runs mostly wait (retries, 429 resets): run many at once.
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c.out = runFaultCase(c.lc, c.step, faults[c.f].fault)
		}()
	}
	wg.Wait()

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, f := c.out, faults[c.f]
			if o.setup != nil {
				t.Fatal(o.setup)
			}
			t.Logf("%d requests (%d of them faulted) in %s, budget %d used %d: %v", o.total, o.faulted, o.took.Round(time.Millisecond), o.budget, o.used, o.err)
			if o.hung {
				t.Fatalf("the run did not end within a minute")
			}
			if o.faulted == 0 {
				t.Fatalf("the run never made the faulted call: %v", o.counts)
			}
			if o.used > o.budget {
				t.Errorf("the run took %d requests of a budget of %d", o.used, o.budget)
			}
			if o.total > 30 {
				t.Errorf("the run made %d requests: %v", o.total, o.counts)
			}
			if c.step.name == "read the MFA policy" {
				if o.err != nil {
					t.Fatalf("a failed MFA read stopped the run: %v", o.err)
				}
				if !hasWarning(o.res, "could not read the MFA policy") {
					t.Errorf("no warning says the MFA check was skipped: %v", o.res.Warnings)
				}
				return
			}
			if o.err == nil {
				if f.name == "404" && notFoundIsAbsence(c.lc.name, c.step.name) {
					return
				}
				t.Fatalf("the run succeeded through a persistent %s on %s", f.name, c.step.name)
			}
			msg := o.err.Error()
			if f.saying != "" && !strings.Contains(msg, f.saying) && !(f.name == "409" && strings.Contains(msg, "Auth0 answered that it exists")) {
				t.Errorf("error %q does not say %q", msg, f.saying)
			}
			if f.name == "404" && !strings.Contains(msg, "404 Not Found") && !strings.Contains(msg, "inactive") && !strings.Contains(msg, "no application with this client ID") {
				t.Errorf("error %q does not say what was not found", msg)
			}
		})
	}
}

// faultOutcome is what one run of the failure table did.
type faultOutcome struct {
	setup          error
	res            *reconciler.Result
	err            error
	hung           bool
	took           time.Duration
	total, faulted int
	budget, used   int
	counts         map[string]int
}

// runFaultCase seeds a fresh emulator for lc, answers every request of step
// with fault, and runs lc once.
func runFaultCase(lc lifecycle, step failureStep, f auth0sim.Fault) (o faultOutcome) {
	srv, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		return faultOutcome{setup: err}
	}
	defer srv.Close()
	srv.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA", AllowedOrigins: []string{"https://foreign.example.com"}})
	eng, err := faultEngine(srv)
	if err != nil {
		return faultOutcome{setup: err}
	}
	state, err := lc.seed(eng, srv)
	if err != nil {
		return faultOutcome{setup: fmt.Errorf("seed: %w", err)}
	}
	d := lc.d(srv)

	fault := step.fault
	fault.Status, fault.DropConnection, fault.ResetAfter, fault.Count = f.Status, f.DropConnection, f.ResetAfter, -1
	srv.ResetCounts()
	srv.InjectFault(fault)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	budget := mgmt.NewRequestBudget(reconciler.RunBudget(d, state), lc.name)
	start := time.Now()
	o.res, o.err = lc.run(eng, mgmt.WithRequestBudget(ctx, budget), d, state)
	o.took, o.hung = time.Since(start), ctx.Err() != nil
	o.counts, o.total, o.budget, o.used = srv.Counts(), srv.Total(), budget.Limit(), budget.Used()
	for route, n := range o.counts {
		if strings.HasPrefix(route, fault.Method+" ") && strings.HasPrefix(routePath(route), strings.TrimSuffix(fault.PathPrefix+fault.Path, "/")) {
			o.faulted += n
		}
	}
	return o
}

// notFoundIsAbsence: where a 404 means the object is gone, and the run is
// right to carry on (deleting something already deleted).
func notFoundIsAbsence(lifecycle, step string) bool {
	switch lifecycle + "/" + step {
	case "delete/read the API", "delete/delete the grant", "delete/deactivate the API", "delete/read the client":
		return true
	}
	return false
}

func hasWarning(res *reconciler.Result, words string) bool {
	if res == nil {
		return false
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, words) {
			return true
		}
	}
	return false
}

// routePath is the path of a route template "GET /api/v2/clients/{id}".
func routePath(route string) string {
	_, p, _ := strings.Cut(route, " ")
	return strings.TrimSuffix(strings.TrimSuffix(p, "{id}"), "/")
}

package conformance

import (
	"fmt"
	"slices"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The commit-then-drop matrix (crash safety). For each lifecycle and each
// write N of a clean apply-then-remove, the emulator commits write N and
// drops its answer (auth0sim.DropAfterCommit); the face carries on as a user
// would (runs apply again until it succeeds, then removes the config, again
// until that succeeds), and the tenant must end exactly as it started: no
// origin, grant, cross-origin value or API activation left behind.

// FaultScenario is one lifecycle of the matrix.
type FaultScenario struct {
	Name string
	// Start is the client before the configuration; ClientID is set by the face.
	Start auth0sim.Client
	// StartRefreshToken is as for Scenario.
	StartRefreshToken *management.ClientRefreshToken
	APIActive         bool
	API               reconciler.APISpec
	// MyOrganizationAPI is as for Scenario.
	MyOrganizationAPI *reconciler.APISpec
	App               reconciler.Application
	// Writes is how many writes a clean apply and removal make: the matrix
	// drops each of them in turn.
	Writes int
	// Applied is the tenant once the apply has succeeded, dropped answer
	// and all: a recovery that lost part of the configuration fails.
	Applied Tenant
}

// FaultScenarios are the lifecycles every face runs through the matrix.
var FaultScenarios = []FaultScenario{
	{
		Name:    "API activation",
		API:     reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		Writes:  2, // POST and DELETE the API
		Applied: Tenant{APIActive: true},
	},
	{
		Name:              "My Organization API activation",
		APIActive:         true,
		API:               retain,
		MyOrganizationAPI: &reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		Writes:            2, // POST and DELETE the My Organization API
		Applied:           Tenant{APIActive: true, MyOrganizationAPIActive: ptrTo(true)},
	},
	{
		Name:      "allowed origins",
		Start:     auth0sim.Client{AllowedOrigins: []string{legacyOrigin}},
		APIActive: true,
		API:       retain,
		App:       reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Writes:    2,
		Applied:   Tenant{APIActive: true, ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{legacyOrigin, appOrigin}}},
	},
	{
		Name:      "web origins",
		Start:     auth0sim.Client{WebOrigins: []string{legacyOrigin}},
		APIActive: true,
		API:       retain,
		App:       reconciler.Application{WebOrigins: []string{appOrigin}, WebOriginsMode: reconciler.OriginsMerge},
		Writes:    2,
		Applied:   Tenant{APIActive: true, ClientSettings: reconciler.ClientSettings{WebOrigins: []string{legacyOrigin, appOrigin}}},
	},
	{
		Name:      "cross-origin",
		Start:     auth0sim.Client{CrossOriginLoc: oldLocation},
		APIActive: true,
		API:       retain,
		App:       reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: ourLocation}},
		Writes:    2,
		Applied:   Tenant{APIActive: true, ClientSettings: reconciler.ClientSettings{CrossOrigin: reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: ourLocation}}},
	},
	{
		Name:      "user access",
		APIActive: true,
		API:       retain,
		App:       reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Writes:    2, // POST and DELETE the grant
		Applied:   Tenant{APIActive: true, GrantScopes: []string{readMethods}},
	},
	{
		// Issue 17 §1: a one-step release of a grant and the API under
		// Delete, whichever answer is lost, strands nothing.
		Name:    "one-step release",
		API:     reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		App:     reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Writes:  4, // POST the API and the grant, DELETE the grant and the API
		Applied: Tenant{APIActive: true, GrantScopes: []string{readMethods}},
	},
}

// Scenario is the conformance scenario the fault scenario seeds and
// configures like.
func (f FaultScenario) Scenario() Scenario {
	return Scenario{Name: f.Name, Start: f.Start, StartRefreshToken: f.StartRefreshToken, APIActive: f.APIActive, API: f.API,
		MyOrganizationAPI: f.MyOrganizationAPI, App: f.App, Remove: true}
}

// FaultCase is one cell of the matrix: a lifecycle with write N dropped.
type FaultCase struct {
	FaultScenario
	N int
}

// FaultCases are every lifecycle with each of its writes dropped in turn.
func FaultCases() []FaultCase {
	var out []FaultCase
	for _, f := range FaultScenarios {
		for n := 1; n <= f.Writes; n++ {
			out = append(out, FaultCase{FaultScenario: f, N: n})
		}
	}
	return out
}

func (c FaultCase) String() string { return fmt.Sprintf("%s/drop write %d", c.Name, c.N) }

// FaultFace is how a face drives one case: Apply runs the configuration once,
// Remove deletes it once; either may fail, and is then run again.
type FaultFace struct {
	Apply  func() error
	Remove func() error
	// FewerWrites: the face may make fewer writes than the scenario counts
	// (its writes are joined), so a fault past its last write never fires;
	// the case then checks the tenant and is skipped, not failed.
	FewerWrites bool
}

// maxFaultRuns bounds the runs of one step: the fault fires once, so a face
// that recovers needs at most two.
const maxFaultRuns = 3

// RunFaultCase seeds the tenant, arms the fault at write c.N (with outage
// requests dropped after it), applies and removes through face, each until
// it succeeds, and fails t unless the fault fired and the tenant is exactly
// as it started.
func RunFaultCase(t *testing.T, sim *auth0sim.Server, clientID string, c FaultCase, outage int, face FaultFace) {
	t.Helper()
	if err := c.Scenario().Seed(sim, clientID); err != nil {
		t.Fatal(err)
	}
	start, startGrants := Observe(sim, clientID), len(sim.Grants())
	dropped := sim.DroppedWrites()
	sim.DropAfterCommit(c.N, outage)
	defer sim.DropAfterCommit(0, 0)
	for _, step := range []struct {
		name string
		run  func() error
	}{{"apply", face.Apply}, {"remove", face.Remove}} {
		var errs []error
		for len(errs) < maxFaultRuns {
			err := step.run()
			if err == nil {
				break
			}
			errs = append(errs, err)
		}
		if len(errs) == maxFaultRuns {
			t.Fatalf("%s failed %d times, the last: %v", step.name, maxFaultRuns, errs[len(errs)-1])
		}
		for i, err := range errs {
			t.Logf("%s run %d failed (the fault): %v", step.name, i+1, err)
		}
		if step.name == "apply" {
			if d := diffTenant(Observe(sim, clientID), c.Applied); d != "" {
				t.Errorf("after the apply succeeded, the tenant does not hold the configuration: %s", d)
			}
		}
	}
	fired := sim.DroppedWrites() == dropped+1
	if !fired && !face.FewerWrites {
		t.Fatalf("the fault at write %d never fired: the face made fewer writes than the scenario's %d", c.N, c.Writes)
	}
	if d := diffTenant(Observe(sim, clientID), start); d != "" {
		t.Errorf("the tenant is not back at its start: %s", d)
	}
	if n := len(sim.Grants()); n != startGrants {
		t.Errorf("%d client grants in the tenant, %d at the start", n, startGrants)
	}
	if !fired {
		t.Skipf("the face joins writes: it made fewer than %d, so the fault at write %d never fired", c.N, c.N)
	}
}

// Leftovers counts what configs left in the tenant after deleting them all,
// against a snapshot taken before they were applied: origins in either list
// that were not there, and user grants that were not there.
func Leftovers(sim *auth0sim.Server, before Snapshot) (origins, grants int) {
	now := Snap(sim)
	for id, c := range now.clients {
		was := before.clients[id]
		for _, o := range c.AllowedOrigins {
			if !slices.Contains(was.AllowedOrigins, o) {
				origins++
			}
		}
		for _, o := range c.WebOrigins {
			if !slices.Contains(was.WebOrigins, o) {
				origins++
			}
		}
	}
	for id := range now.grants {
		if !before.grants[id] {
			grants++
		}
	}
	return origins, grants
}

// Snapshot is the tenant's clients and user grants at one moment.
type Snapshot struct {
	clients map[string]auth0sim.Client
	grants  map[string]bool
}

// Snap takes a Snapshot.
func Snap(sim *auth0sim.Server) Snapshot {
	s := Snapshot{clients: map[string]auth0sim.Client{}, grants: map[string]bool{}}
	for _, c := range sim.Clients() {
		s.clients[c.ClientID] = c
	}
	for _, g := range sim.Grants() {
		if g.SubjectType == "user" {
			s.grants[g.ID] = true
		}
	}
	return s
}

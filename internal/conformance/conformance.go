// Package conformance is the cross-face scenario table: each scenario starts
// a tenant, applies one configuration, optionally edits the tenant as the
// dashboard would, optionally removes the configuration, and states the
// tenant it must end with and the writes it must take to get there. The CLI
// engine, the Terraform provider (real Terraform) and the operator (a real
// kube-apiserver) each run every scenario through their own face, and must
// leave the same tenant with the same writes.
//
// A new setting gets its test here: add scenarios, and every face runs them.
package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Scenario is one row of the table. Each scenario manages at most one client
// setting per write, so the faces that write one setting per resource
// (Terraform) and the one that batches a client's settings (the engine)
// make the same writes.
type Scenario struct {
	Name string
	// Start is the client before the configuration; ClientID is set by the face.
	Start auth0sim.Client
	// StartRefreshToken is the client's refresh_token before the
	// configuration (MeAudience for the My Account audience); nil leaves it.
	StartRefreshToken *management.ClientRefreshToken
	// StartThirdParty makes the client third-party (is_first_party false).
	StartThirdParty bool
	// ForeignGrant seeds a user grant with these scopes that no config created.
	ForeignGrant []string
	// APIActive activates the My Account API before the configuration.
	APIActive bool
	// MyOrganizationAPI is the config's myOrganizationApi block; nil: not
	// managed. A scenario with it starts with the My Organization API
	// inactive.
	MyOrganizationAPI *reconciler.APISpec
	// API and App are the configuration (App.ClientID is set by the face).
	API reconciler.APISpec
	App reconciler.Application
	// Edit changes the client out of band after the first apply.
	Edit func(*auth0sim.Client)
	// Remove deletes the whole configuration at the end (after Edit).
	Remove bool
	// WantError is part of the error the first apply must fail with, before
	// any write; "" means it succeeds.
	WantError string
	// Want is the tenant at the end.
	Want Tenant
	// WantWrites are the Management API writes of the whole scenario, by
	// "METHOD route".
	WantWrites map[string]int

	// Second is another owner of the same client (another document of the
	// run, another object, another resource), applied after the first.
	// WantError is then its refusal (the first succeeds); Remove removes
	// the first only, and Want is the tenant then. WantLast, when set, is
	// the tenant once the second is removed too.
	Second   *reconciler.Application
	WantLast *Tenant
	// SecondAPI is the second owner's api block; nil: the first's.
	SecondAPI *reconciler.APISpec
	// NotTerraform, when set, says why the Terraform face skips the scenario.
	NotTerraform string
}

// Tenant is what a scenario checks in the tenant at the end.
type Tenant struct {
	reconciler.ClientSettings
	// GrantScopes are the client's user grant's scopes; nil means no grant.
	GrantScopes []string
	APIActive   bool
	// MyOrganizationAPIActive is checked when set (Observe always sets
	// it); the scenarios that leave it unset do not manage that API.
	MyOrganizationAPIActive *bool
}

const (
	appOrigin     = "https://app.example.com"
	legacyOrigin  = "https://legacy.example.com"
	oldLocation   = "https://old.example.com/co.html"
	newLocation   = "https://new.example.com/co.html"
	ourLocation   = "https://app.example.com/cross-auth.html"
	readMethods   = "read:me:authentication_methods"
	createMethods = "create:me:authentication_methods"
)

var (
	patchClient = "PATCH /api/v2/clients/{id}"
	postAPI     = "POST /api/v2/resource-servers"
	deleteAPI   = "DELETE /api/v2/resource-servers/{id}"
	postGrant   = "POST /api/v2/client-grants"
	patchGrant  = "PATCH /api/v2/client-grants/{id}"
	deleteGrant = "DELETE /api/v2/client-grants/{id}"
)

var retain = reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionRetain}

// Scenarios is the table every face runs.
var Scenarios = []Scenario{
	{
		Name:       "merge origins keep a foreign origin, release removes only ours",
		Start:      auth0sim.Client{AllowedOrigins: []string{legacyOrigin}},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Remove:     true,
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{legacyOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "exclusive origins replace the list",
		Start:      auth0sim.Client{AllowedOrigins: []string{legacyOrigin}},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsExclusive},
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{appOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 1},
	},
	{
		Name:       "merge origins: a dashboard removal is put back",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Edit:       func(c *auth0sim.Client) { c.AllowedOrigins = []string{legacyOrigin} },
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{legacyOrigin, appOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "web origins merge, release removes only ours",
		Start:      auth0sim.Client{WebOrigins: []string{legacyOrigin}},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{WebOrigins: []string{appOrigin}, WebOriginsMode: reconciler.OriginsMerge},
		Remove:     true,
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{WebOrigins: []string{legacyOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "web origins exclusive",
		Start:      auth0sim.Client{WebOrigins: []string{legacyOrigin}, AllowedOrigins: []string{legacyOrigin}},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{WebOrigins: []string{appOrigin}, WebOriginsMode: reconciler.OriginsExclusive},
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{WebOrigins: []string{appOrigin}, AllowedOrigins: []string{legacyOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 1},
	},
	{
		// Issue 7's release case: a location the config never managed,
		// edited in the dashboard, is not written back.
		Name:       "cross-origin enabled only: release keeps a dashboard location",
		Start:      auth0sim.Client{CrossOriginLoc: oldLocation},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true}},
		Edit:       func(c *auth0sim.Client) { c.CrossOriginLoc = newLocation },
		Remove:     true,
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{CrossOrigin: reconciler.CrossOriginAuth{VerificationLocation: newLocation}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "cross-origin with location: release restores both",
		Start:      auth0sim.Client{CrossOriginLoc: oldLocation},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: ourLocation}},
		Remove:     true,
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{CrossOrigin: reconciler.CrossOriginAuth{VerificationLocation: oldLocation}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "cross-origin: a dashboard switch-off is corrected",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true}},
		Edit:       func(c *auth0sim.Client) { c.CrossOriginAuthentication = false },
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{CrossOrigin: reconciler.CrossOriginAuth{Enabled: true}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 2},
	},
	{
		Name:       "grant created, then released",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Remove:     true,
		Want:       Tenant{APIActive: true},
		WantWrites: map[string]int{postGrant: 1, deleteGrant: 1},
	},
	{
		Name:       "grant kept in sync",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods, createMethods}}},
		Want:       Tenant{GrantScopes: []string{createMethods, readMethods}, APIActive: true},
		WantWrites: map[string]int{postGrant: 1},
	},
	{
		Name:         "a foreign grant is refused before any write",
		APIActive:    true,
		ForeignGrant: []string{createMethods},
		API:          retain,
		App:          reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		WantError:    "already has a user grant",
		Want:         Tenant{GrantScopes: []string{createMethods}, APIActive: true},
		WantWrites:   map[string]int{},
	},
	{
		Name:       "API activated, kept under Retain",
		API:        retain,
		Remove:     true,
		Want:       Tenant{APIActive: true},
		WantWrites: map[string]int{postAPI: 1},
	},
	{
		Name:       "API activated, deactivated under Delete",
		API:        reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		Remove:     true,
		Want:       Tenant{},
		WantWrites: map[string]int{postAPI: 1, deleteAPI: 1},
	},
	{
		// Issue 17 §1: released in one step, the grant goes before the API
		// it references, so nothing is stranded.
		Name:       "one-step release of a grant and the API under Delete: the grant goes first",
		API:        reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		App:        reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Remove:     true,
		Want:       Tenant{},
		WantWrites: map[string]int{postAPI: 1, postGrant: 1, deleteGrant: 1, deleteAPI: 1},
	},
}

// Shared-client scenarios: two owners of one client (issue 8, section 3).
var sharedScenarios = []Scenario{
	{
		Name:         "two owners of one merge origin: it stays until the last lets go",
		Start:        auth0sim.Client{AllowedOrigins: []string{legacyOrigin}},
		APIActive:    true,
		API:          retain,
		App:          reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Second:       &reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Remove:       true,
		Want:         Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{legacyOrigin, appOrigin}}, APIActive: true},
		WantLast:     &Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{legacyOrigin}}, APIActive: true},
		WantWrites:   map[string]int{patchClient: 2},
		NotTerraform: "a Terraform resource cannot see another resource's state at destroy (README, What myaccount owns)",
	},
	{
		Name:         "two owners of one grant with the same scopes: deleted with the last",
		APIActive:    true,
		API:          retain,
		App:          reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Second:       &reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Remove:       true,
		Want:         Tenant{GrantScopes: []string{readMethods}, APIActive: true},
		WantLast:     &Tenant{APIActive: true},
		WantWrites:   map[string]int{postGrant: 1, deleteGrant: 1},
		NotTerraform: "a second myaccount_user_access refuses the existing grant: import it instead",
	},
	{
		Name:       "exclusive origins against another owner: the later is refused before any write",
		Start:      auth0sim.Client{AllowedOrigins: []string{legacyOrigin}},
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsExclusive},
		Second:     &reconciler.Application{AllowedOrigins: []string{legacyOrigin}, OriginsMode: reconciler.OriginsMerge},
		WantError:  "conflicts with",
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{appOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 1},
	},
	{
		Name:       "different scopes for one grant: the later is refused before any write",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{readMethods}}},
		Second:     &reconciler.Application{UserAccess: &reconciler.UserAccess{Scopes: []string{createMethods}}},
		WantError:  "conflicts with",
		Want:       Tenant{GrantScopes: []string{readMethods}, APIActive: true},
		WantWrites: map[string]int{postGrant: 1},
	},
	{
		Name:       "two cross-origin settings: the later is refused before any write",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true}},
		Second:     &reconciler.Application{CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: false}},
		WantError:  "conflicts with",
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{CrossOrigin: reconciler.CrossOriginAuth{Enabled: true}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 1},
	},
	// The API is the tenant's: two configs that ask for it differently
	// would switch it back and forth on every run (issue 17, section 1).
	{
		Name:       "two configs with different user access policies for the API: the later is refused before any write",
		APIActive:  true,
		API:        retain,
		App:        reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Second:     &reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		SecondAPI:  &reconciler.APISpec{Enabled: true, UserAccessPolicy: reconciler.UserAccessAllowAll, DeletionPolicy: reconciler.DeletionRetain},
		WantError:  "conflicts with",
		Want:       Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{appOrigin}}, APIActive: true},
		WantWrites: map[string]int{patchClient: 1},
	},
	{
		Name:         "a config that would deactivate the API another keeps active: refused before any write",
		APIActive:    true,
		API:          retain,
		App:          reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		Second:       &reconciler.Application{AllowedOrigins: []string{appOrigin}, OriginsMode: reconciler.OriginsMerge},
		SecondAPI:    &reconciler.APISpec{Enabled: false, DeletionPolicy: reconciler.DeletionDelete},
		WantError:    "conflicts with",
		Want:         Tenant{ClientSettings: reconciler.ClientSettings{AllowedOrigins: []string{appOrigin}}, APIActive: true},
		WantWrites:   map[string]int{patchClient: 1},
		NotTerraform: "Terraform has no disabled myaccount_api: leaving the resource out claims nothing",
	},
}

func init() { Scenarios = append(Scenarios, sharedScenarios...) }

// SecondConfig is the second owner's configuration for clientID; its API
// settings are SecondAPI, or the first's.
func (s Scenario) SecondConfig(domain, clientID string) reconciler.Desired {
	d := reconciler.Desired{Domain: domain, API: s.API, MyOrganizationAPI: s.MyOrganizationAPI}
	if s.SecondAPI != nil {
		d.API = *s.SecondAPI
	}
	app := *s.Second
	app.ClientID = clientID
	d.Applications = []reconciler.Application{app}
	d.Defaults()
	return d
}

// CheckTenant compares the scenario's part of the tenant with want; ""
// when they match.
func CheckTenant(sim *auth0sim.Server, clientID string, want Tenant) string {
	if d := diffTenant(Observe(sim, clientID), want); d != "" {
		return "tenant: " + d
	}
	return ""
}

// Seed prepares the tenant for s: the client (with clientID), the API and
// a foreign grant.
func (s Scenario) Seed(sim *auth0sim.Server, clientID string) error {
	c := s.Start
	c.ClientID, c.Name, c.AppType = clientID, "Conformance "+clientID, "spa"
	sim.SeedClient(c)
	if err := s.seedClientFields(sim, clientID); err != nil {
		return err
	}
	if s.APIActive {
		if _, ok := sim.GetResourceServerByIdentifier(reconciler.AudienceFor(sim.Domain())); !ok {
			if _, err := sim.ActivateMyAccountAPI(""); err != nil {
				return err
			}
		}
	} else if _, ok := sim.GetResourceServerByIdentifier(reconciler.AudienceFor(sim.Domain())); ok {
		if err := sim.DeleteResourceServer(reconciler.AudienceFor(sim.Domain())); err != nil {
			return err
		}
	}
	org := reconciler.MyOrganization.Audience(sim.Domain())
	if _, ok := sim.GetResourceServerByIdentifier(org); ok && s.MyOrganizationAPI != nil {
		if err := sim.DeleteResourceServer(org); err != nil {
			return err
		}
	}
	if s.ForeignGrant != nil {
		sim.SeedGrant(auth0sim.ClientGrant{ClientID: clientID, Audience: reconciler.AudienceFor(sim.Domain()), SubjectType: "user", Scope: s.ForeignGrant})
	}
	return nil
}

// Config is the scenario's configuration for clientID.
func (s Scenario) Config(domain, clientID string) reconciler.Desired {
	d := reconciler.Desired{Domain: domain, API: s.API, MyOrganizationAPI: s.MyOrganizationAPI}
	app := s.App
	app.ClientID = clientID
	if app.Declares() {
		d.Applications = []reconciler.Application{app}
	}
	d.Defaults()
	return d
}

// EditTenant applies the scenario's dashboard edit, if any.
func (s Scenario) EditTenant(sim *auth0sim.Server, clientID string) error {
	if s.Edit == nil {
		return nil
	}
	return sim.EditClient(clientID, s.Edit)
}

// Check compares the tenant and the writes counted since the scenario
// started with what the scenario wants; "" when they match.
func (s Scenario) Check(sim *auth0sim.Server, clientID string) string {
	var problems []string
	got := Observe(sim, clientID)
	want := s.Want
	if s.WantLast != nil {
		want = *s.WantLast
	}
	if d := diffTenant(got, want); d != "" {
		problems = append(problems, "tenant: "+d)
	}
	if w := Writes(sim); !maps.Equal(w, s.WantWrites) {
		problems = append(problems, fmt.Sprintf("writes %v, want %v", w, s.WantWrites))
	}
	return strings.Join(problems, "; ")
}

// Observe reads the scenario's part of the tenant straight from the emulator.
func Observe(sim *auth0sim.Server, clientID string) Tenant {
	var t Tenant
	if c, ok := sim.GetClient(clientID); ok {
		t.ClientSettings = observeLists(sim, clientID)
		t.CrossOrigin = reconciler.CrossOriginAuth{Enabled: c.CrossOriginAuthentication, VerificationLocation: c.CrossOriginLoc}
		t.RefreshToken = observeRefreshToken(sim, clientID)
	}
	audience := reconciler.AudienceFor(sim.Domain())
	_, t.APIActive = sim.GetResourceServerByIdentifier(audience)
	_, orgActive := sim.GetResourceServerByIdentifier(reconciler.MyOrganization.Audience(sim.Domain()))
	t.MyOrganizationAPIActive = &orgActive
	for _, g := range sim.Grants() {
		if g.ClientID == clientID && g.Audience == audience && g.SubjectType == "user" {
			t.GrantScopes = g.Scope
		}
	}
	return t
}

// observeLists reads every list setting the core manages, by its field.
func observeLists(sim *auth0sim.Server, clientID string) reconciler.ClientSettings {
	var c reconciler.ClientSettings
	for _, l := range reconciler.ListSettings() {
		var list []string
		if raw, ok := sim.ClientProperty(clientID, l.Field); ok {
			_ = json.Unmarshal(raw, &list)
		}
		c = l.WithObserved(c, list)
	}
	return c
}

// Writes are the Management API writes counted since the last reset.
func Writes(sim *auth0sim.Server) map[string]int {
	out := map[string]int{}
	for route, n := range sim.Counts() {
		method, _, _ := strings.Cut(route, " ")
		if method != "GET" && strings.Contains(route, "/api/v2/") && n > 0 {
			out[route] = n
		}
	}
	return out
}

func diffTenant(got, want Tenant) string {
	var d []string
	set := func(name string, g, w []string) {
		g, w = sortedUnique(g), sortedUnique(w)
		if !slices.Equal(g, w) {
			d = append(d, fmt.Sprintf("%s %v, want %v", name, g, w))
		}
	}
	for _, l := range reconciler.ListSettings() {
		set(l.Field, l.Observed(got.ClientSettings), l.Observed(want.ClientSettings))
	}
	if got.CrossOrigin != want.CrossOrigin {
		d = append(d, fmt.Sprintf("cross-origin %+v, want %+v", got.CrossOrigin, want.CrossOrigin))
	}
	if r := diffRefreshToken(got.RefreshToken, want.RefreshToken); r != "" {
		d = append(d, r)
	}
	if (got.GrantScopes == nil) != (want.GrantScopes == nil) {
		d = append(d, fmt.Sprintf("user grant %v, want %v", got.GrantScopes, want.GrantScopes))
	} else {
		set("grant scopes", got.GrantScopes, want.GrantScopes)
	}
	if got.APIActive != want.APIActive {
		d = append(d, fmt.Sprintf("API active %t, want %t", got.APIActive, want.APIActive))
	}
	if w := want.MyOrganizationAPIActive; w != nil && (got.MyOrganizationAPIActive == nil || *got.MyOrganizationAPIActive != *w) {
		d = append(d, fmt.Sprintf("My Organization API active %t, want %t", !*w, *w))
	}
	return strings.Join(d, "; ")
}

func sortedUnique(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}

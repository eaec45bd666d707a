package reconciler_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// skipWithoutMyOrganization skips a test the emulator cannot serve yet: it
// activates https://{domain}/my-org/ as a system API only once it models
// the My Organization API (POST /api/v2/resource-servers with that
// identifier); before, the POST creates an ordinary API, which the core
// refuses as "not the system API".
func skipWithoutMyOrganization(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), "not the system API") {
		t.Skip("the emulator does not yet activate https://{domain}/my-org/ as a system API (POST /api/v2/resource-servers with the /my-org/ identifier): " + err.Error())
	}
}

// userGrant is the client's user grant for audience in the emulator.
func userGrant(srv *auth0sim.Server, clientID, audience string) (auth0sim.ClientGrant, bool) {
	for _, g := range srv.Grants() {
		if g.ClientID == clientID && g.Audience == audience && g.SubjectType == "user" {
			return g, true
		}
	}
	return auth0sim.ClientGrant{}, false
}

func TestEngineManagesBothSystemAPIs(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	me, org := reconciler.MyAccount.Audience(srv.Domain()), reconciler.MyOrganization.Audience(srv.Domain())
	d := reconciler.Desired{Domain: srv.Domain(),
		API:               reconciler.APISpec{Enabled: true},
		MyOrganizationAPI: &reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionDelete},
		Applications: []reconciler.Application{{ClientID: "spa",
			UserAccess:               &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
			MyOrganizationUserAccess: &reconciler.UserAccess{Scopes: []string{"read:my_org:details"}},
		}}}
	srv.ResetCounts()
	res, err := eng.Apply(ctx, d, reconciler.State{})
	skipWithoutMyOrganization(t, err)
	if err != nil {
		t.Fatal(err)
	}
	// Both inactive APIs are observed from one page of the tenant's APIs;
	// each activation is then confirmed by its own read.
	if c := srv.Counts(); c["GET /api/v2/resource-servers"] != 1 || c["GET /api/v2/resource-servers/{id}"] > 2 {
		t.Errorf("first apply's reads of the APIs: %v; want one list page and at most one read per activation", c)
	}
	for _, aud := range []string{me, org} {
		if rs, ok := srv.GetResourceServerByIdentifier(aud); !ok || !rs.IsSystem {
			t.Errorf("%s: active %v, system %v", aud, ok, rs.IsSystem)
		}
	}
	meGrant, _ := userGrant(srv, "spa", me)
	orgGrant, ok := userGrant(srv, "spa", org)
	if !ok || !slices.Equal(orgGrant.Scope, []string{"read:my_org:details"}) {
		t.Fatalf("My Organization grant %+v, %v", orgGrant, ok)
	}
	st := res.State
	if st.MyOrganizationAudience != org || st.MyOrganizationAPIID == "" || st.Apps["spa"].MyOrganizationGrantID != orgGrant.ID || st.Apps["spa"].GrantID != meGrant.ID {
		t.Fatalf("state %+v", st)
	}

	srv.ResetCounts()
	if res, err = eng.Apply(ctx, d, st); err != nil || !res.InSync() || srv.Writes() != 0 {
		t.Fatalf("second apply: %v, changes %v, %d writes", err, res.Changes, srv.Writes())
	}
	// Both APIs come from one page of the tenant's APIs, not a read each.
	if c := srv.Counts(); c["GET /api/v2/resource-servers"] != 1 || c["GET /api/v2/resource-servers/{id}"] != 0 {
		t.Errorf("in-sync reads of the APIs: %v; want one list page", c)
	}

	// Letting go of the My Organization grant keeps the My Account one.
	d.Applications[0].MyOrganizationUserAccess = nil
	if res, err = eng.Apply(ctx, d, st); err != nil {
		t.Fatal(err)
	}
	if _, ok := userGrant(srv, "spa", org); ok {
		t.Error("the My Organization grant stayed after the config let go of it")
	}
	if _, ok := userGrant(srv, "spa", me); !ok {
		t.Error("the My Account grant went with the My Organization one")
	}

	// Release: the My Organization API goes (Delete), My Account stays (Retain).
	if _, err = eng.Delete(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.GetResourceServerByIdentifier(org); ok {
		t.Error("the My Organization API stayed active under deletionPolicy Delete")
	}
	if _, ok := srv.GetResourceServerByIdentifier(me); !ok {
		t.Error("the My Account API was deactivated under deletionPolicy Retain")
	}
}

// A config that drops the whole myOrganizationApi block lets go of the
// grants it created and leaves the API as it is.
func TestEngineDroppingTheMyOrganizationBlockReleasesItsGrants(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	org := reconciler.MyOrganization.Audience(srv.Domain())
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true},
		MyOrganizationAPI: &reconciler.APISpec{Enabled: true},
		Applications: []reconciler.Application{{ClientID: "spa",
			MyOrganizationUserAccess: &reconciler.UserAccess{Scopes: []string{"read:my_org:details"}}}}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	skipWithoutMyOrganization(t, err)
	if err != nil {
		t.Fatal(err)
	}
	d.MyOrganizationAPI, d.Applications[0].MyOrganizationUserAccess = nil, nil
	plan, err := eng.Plan(ctx, d, res.State)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"my-organization-grant/spa scope: read:my_org:details -> (none) (delete)"}; !slices.Equal(changeStrings(plan.Changes), want) {
		t.Fatalf("plan %v, want %v", changeStrings(plan.Changes), want)
	}
	if res, err = eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if _, ok := userGrant(srv, "spa", org); ok {
		t.Error("the grant stayed")
	}
	if _, ok := srv.GetResourceServerByIdentifier(org); !ok {
		t.Error("the API was deactivated by a config that no longer names it")
	}
	if res.State.MyOrganizationAudience != "" || res.State.MyOrganizationAPIID != "" || res.State.Apps["spa"].MyOrganizationGrantID != "" {
		t.Errorf("state still records the My Organization API: %+v", res.State)
	}
}

func changeStrings(changes []reconciler.Change) []string {
	var out []string
	for _, c := range changes {
		out = append(out, c.String())
	}
	return out
}

// A My Organization grant the config did not create is a conflict naming
// that API, and an explicit adoption takes it over, as for My Account.
func TestEngineAdoptsAMyOrganizationGrant(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	org := reconciler.MyOrganization.Audience(srv.Domain())
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true},
		MyOrganizationAPI: &reconciler.APISpec{Enabled: true}}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	skipWithoutMyOrganization(t, err)
	if err != nil {
		t.Fatal(err)
	}
	id := srv.SeedGrant(auth0sim.ClientGrant{ClientID: "spa", Audience: org, SubjectType: "user", Scope: []string{"read:my_org:details"}})
	d.Applications = []reconciler.Application{{ClientID: "spa",
		MyOrganizationUserAccess: &reconciler.UserAccess{Scopes: []string{"read:my_org:details", "update:my_org:details"}}}}
	_, err = eng.Apply(ctx, d, res.State)
	if err == nil || !strings.Contains(err.Error(), "user grant "+id+" for the My Organization API") || !strings.Contains(err.Error(), "Auth0 My Organization API > Application Access") {
		t.Fatalf("apply over a foreign grant: %v", err)
	}
	d.AdoptGrants = []reconciler.AdoptGrant{{ClientID: "spa", GrantID: id}}
	if res, err = eng.Apply(ctx, d, res.State); err != nil {
		t.Fatal(err)
	}
	if got := res.State.Apps["spa"].MyOrganizationGrantID; got != id {
		t.Errorf("owned grant %q, want the adopted %s", got, id)
	}
	if g, _ := userGrant(srv, "spa", org); len(g.Scope) != 2 {
		t.Errorf("adopted grant's scopes %v, want both", g.Scope)
	}
}

// Every scope the emulator's system APIs offer is one the core knows: the
// core's lists are the published ones (My Organization's may be newer than
// the emulator's, and a tenant's own list decides once the API is active).
func TestSystemAPIScopesCoverTheEmulators(t *testing.T) {
	for _, tt := range []struct {
		api reconciler.SystemAPI
		sim []string
	}{{reconciler.MyAccount, auth0sim.MyAccountScopes()}, {reconciler.MyOrganization, auth0sim.MyOrganizationScopes()}} {
		for _, s := range tt.sim {
			if !slices.Contains(tt.api.Scopes, s) {
				t.Errorf("%s: the emulator offers %s, which the core does not know", tt.api.Key, s)
			}
		}
	}
}

// A scope the core knows but the tenant's newly activated API does not list
// stops the run after the activation and before any grant is written.
func TestEngineChecksScopesAgainstTheNewlyActivatedAPI(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	missing := ""
	for _, s := range reconciler.MyOrganization.Scopes {
		if !slices.Contains(auth0sim.MyOrganizationScopes(), s) {
			missing = s
		}
	}
	if missing == "" {
		t.Skip("the emulator offers every scope the core knows")
	}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true},
		MyOrganizationAPI: &reconciler.APISpec{Enabled: true},
		Applications: []reconciler.Application{{ClientID: "spa",
			MyOrganizationUserAccess: &reconciler.UserAccess{Scopes: []string{"read:my_org:details", missing}}}}}
	_, err := eng.Apply(ctx, d, reconciler.State{})
	var fe reconciler.ValidationErrors
	if !errors.As(err, &fe) || len(fe) != 1 || fe[0].Field != "applications[0].myOrganizationUserAccess.scopes" || fe[0].Value != missing {
		t.Fatalf("apply: %v", err)
	}
	if _, ok := userGrant(srv, "spa", reconciler.MyOrganization.Audience(srv.Domain())); ok {
		t.Error("a grant was written")
	}
}

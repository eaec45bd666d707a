package conformance

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The refresh-token policy rows. A client's refresh_token starts with
// rotation, expiration, lifetimes and an entry for another API set; every
// row checks that the whole object, but for the My Account entry, is as
// it started after apply, re-apply and release.

// MeAudience stands, in a scenario's refresh_token, for the tenant's My
// Account audience (the emulator's domain is chosen when it starts).
const MeAudience = "{me}"

// OrgAudience stands for the tenant's My Organization audience.
const OrgAudience = "{my-org}"

const (
	otherAudience = "https://api.example.com/"
	readFactors   = "read:me:factors"
)

// startRefreshToken is a refresh_token with every field set and the given
// policy entries.
func startRefreshToken(entries ...management.ClientRefreshTokenPolicy) *management.ClientRefreshToken {
	if entries == nil {
		entries = []management.ClientRefreshTokenPolicy{}
	}
	str, num := func(s string) *string { return &s }, func(n int) *int { return &n }
	no := false
	return &management.ClientRefreshToken{RotationType: str("rotating"), ExpirationType: str("expiring"),
		Leeway: num(5), TokenLifetime: num(86400), InfiniteTokenLifetime: &no,
		IdleTokenLifetime: num(3600), InfiniteIdleTokenLifetime: &no, Policies: &entries}
}

func entry(audience string, scopes ...string) management.ClientRefreshTokenPolicy {
	return management.ClientRefreshTokenPolicy{Audience: &audience, Scope: &scopes}
}

func policyApp(scopes ...string) reconciler.Application {
	return reconciler.Application{RefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: scopes}}
}

func withRT(rt *management.ClientRefreshToken) Tenant {
	return Tenant{ClientSettings: reconciler.ClientSettings{RefreshToken: rt}, APIActive: true}
}

var noOpEdit = func(*auth0sim.Client) {}

func refreshPolicyScenarios() []Scenario {
	other := entry(otherAudience, "read:data")
	return []Scenario{{
		Name:              "refresh-token policy added beside another API's entry, re-applied with no write, other fields kept",
		StartRefreshToken: startRefreshToken(other),
		APIActive:         true, API: retain, App: policyApp(readMethods),
		Edit:       noOpEdit, // a second apply: in sync
		Want:       withRT(startRefreshToken(other, entry(MeAudience, readMethods))),
		WantWrites: map[string]int{patchClient: 1},
	}, {
		Name:              "refresh-token policy released: the entry it added goes, the rest is as it started",
		StartRefreshToken: startRefreshToken(other),
		APIActive:         true, API: retain, App: policyApp(readMethods),
		Remove:     true,
		Want:       withRT(startRefreshToken(other)),
		WantWrites: map[string]int{patchClient: 2},
	}, {
		Name:              "refresh-token policy released: a prior My Account entry is restored exactly",
		StartRefreshToken: startRefreshToken(entry(MeAudience, readFactors), other),
		APIActive:         true, API: retain, App: policyApp(readMethods, readFactors),
		Remove:     true,
		Want:       withRT(startRefreshToken(entry(MeAudience, readFactors), other)),
		WantWrites: map[string]int{patchClient: 2},
	}, {
		Name:              "refresh-token policy on a third-party client: refused before any write",
		StartRefreshToken: startRefreshToken(other), StartThirdParty: true,
		APIActive: true, API: retain, App: policyApp(readMethods),
		WantError:  "first-party",
		Want:       withRT(startRefreshToken(other)),
		WantWrites: map[string]int{},
	}, {
		Name:              "two owners of one refresh-token policy: it stays until the last lets go",
		StartRefreshToken: startRefreshToken(other),
		APIActive:         true, API: retain, App: policyApp(readMethods),
		Second:       ptrTo(policyApp(readMethods)),
		Remove:       true,
		Want:         withRT(startRefreshToken(other, entry(MeAudience, readMethods))),
		WantLast:     ptrTo(withRT(startRefreshToken(other))),
		WantWrites:   map[string]int{patchClient: 2},
		NotTerraform: "a Terraform resource cannot see another resource's state at destroy (README, What myaccount owns)",
	}, {
		Name:              "different scopes for one refresh-token policy: the later is refused before any write",
		StartRefreshToken: startRefreshToken(other),
		APIActive:         true, API: retain, App: policyApp(readMethods),
		Second:     ptrTo(policyApp(readFactors)),
		WantError:  "conflicts with",
		Want:       withRT(startRefreshToken(other, entry(MeAudience, readMethods))),
		WantWrites: map[string]int{patchClient: 1},
	}, {
		Name:              "My Organization refresh-token policy added beside My Account's and another API's entries, re-applied with no write",
		StartRefreshToken: startRefreshToken(other, entry(MeAudience, readFactors)),
		APIActive:         true, API: retain, MyOrganizationAPI: &reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionRetain},
		App:        orgPolicyApp(readOrgDetails),
		Edit:       noOpEdit,
		Want:       withRT(startRefreshToken(other, entry(MeAudience, readFactors), entry(OrgAudience, readOrgDetails))),
		WantWrites: map[string]int{patchClient: 1, postAPI: 1},
	}, {
		Name:              "My Organization refresh-token policy released: its entry goes, My Account's and the rest are as they started",
		StartRefreshToken: startRefreshToken(entry(MeAudience, readFactors), other),
		APIActive:         true, API: retain, MyOrganizationAPI: &reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionRetain},
		App:        orgPolicyApp(readOrgDetails),
		Remove:     true,
		Want:       withRT(startRefreshToken(entry(MeAudience, readFactors), other)),
		WantWrites: map[string]int{patchClient: 2, postAPI: 1},
	}}
}

const readOrgDetails = "read:my_org:details"

func orgPolicyApp(scopes ...string) reconciler.Application {
	return reconciler.Application{MyOrganizationRefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: scopes}}
}

func ptrTo[T any](v T) *T { return &v }

var refreshPolicyFault = FaultScenario{
	Name:              "refresh-token policy",
	StartRefreshToken: startRefreshToken(entry(otherAudience, "read:data")),
	APIActive:         true,
	API:               retain,
	App:               policyApp(readMethods),
	Writes:            2,
	Applied:           withRT(startRefreshToken(entry(otherAudience, "read:data"), entry(MeAudience, readMethods))),
}

func init() {
	Scenarios = append(Scenarios, refreshPolicyScenarios()...)
	FaultScenarios = append(FaultScenarios, refreshPolicyFault)
}

// seedClientFields sets, through the Management API (before the counts
// are reset), what auth0sim.Client does not model: the scenario's
// refresh_token and a third-party client.
func (s Scenario) seedClientFields(sim *auth0sim.Server, clientID string) error {
	if s.StartRefreshToken == nil && !s.StartThirdParty {
		return nil
	}
	ctx := context.Background()
	c, err := mgmt.New(ctx, mgmt.Config{Domain: sim.Domain(), ClientID: sim.ManagementClientID(),
		ClientSecret: sim.ManagementClientSecret(), RootCAs: sim.RootCAs(), Limiter: mgmt.NewLimiter()})
	if err != nil {
		return err
	}
	rt := withAudience(s.StartRefreshToken, MeAudience, reconciler.AudienceFor(sim.Domain()))
	body := &management.Client{RefreshToken: withAudience(rt, OrgAudience, reconciler.MyOrganization.Audience(sim.Domain()))}
	if s.StartThirdParty {
		no := false
		body.IsFirstParty = &no
	}
	if err := c.Management.Client.Update(ctx, clientID, body); err != nil {
		return fmt.Errorf("seed the client's refresh_token: %w", err)
	}
	return nil
}

// withAudience is rt, copied, with every entry for audience from moved to
// audience to.
func withAudience(rt *management.ClientRefreshToken, from, to string) *management.ClientRefreshToken {
	if rt == nil {
		return nil
	}
	var out management.ClientRefreshToken
	b, _ := json.Marshal(rt)
	_ = json.Unmarshal(b, &out)
	if out.Policies != nil {
		for i, p := range *out.Policies {
			if p.GetAudience() == from {
				(*out.Policies)[i].Audience = &to
			}
		}
	}
	return &out
}

// observeRefreshToken reads the client's refresh_token, with the My
// Account audience written as MeAudience.
func observeRefreshToken(sim *auth0sim.Server, clientID string) *management.ClientRefreshToken {
	raw, ok := sim.ClientProperty(clientID, "refresh_token")
	if !ok {
		return nil
	}
	var rt *management.ClientRefreshToken
	if json.Unmarshal(raw, &rt) != nil {
		return nil
	}
	rt = withAudience(rt, reconciler.AudienceFor(sim.Domain()), MeAudience)
	return withAudience(rt, reconciler.MyOrganization.Audience(sim.Domain()), OrgAudience)
}

// diffRefreshToken compares the whole refresh_token, when want sets one.
func diffRefreshToken(got, want *management.ClientRefreshToken) string {
	if want == nil {
		return ""
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		return fmt.Sprintf("refresh_token %s, want %s", g, w)
	}
	return ""
}

package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const rtpAddr = "myaccount_refresh_token_policy.spa"

func rtpConfig(clientID string, scopes ...string) string {
	q, _ := json.Marshal(scopes)
	return fmt.Sprintf(`
resource "myaccount_api" "this" {}

resource "myaccount_refresh_token_policy" "spa" {
  client_id = %q
  audience  = myaccount_api.this.audience
  scopes    = %s
}
`, clientID, q)
}

// rtWith is a refresh_token with all seven fields set (a PATCH of a
// partial object may fill in defaults), and entries
// ("audience", scopes...) in order; conformance.MeAudience stands for the
// My Account audience.
func rtWith(entries ...[]string) *management.ClientRefreshToken {
	str, num := func(s string) *string { return &s }, func(n int) *int { return &n }
	policies := []management.ClientRefreshTokenPolicy{}
	for _, e := range entries {
		scopes := append([]string{}, e[1:]...)
		policies = append(policies, management.ClientRefreshTokenPolicy{Audience: str(e[0]), Scope: &scopes})
	}
	no := false
	return &management.ClientRefreshToken{RotationType: str("rotating"), ExpirationType: str("expiring"),
		Leeway: num(5), TokenLifetime: num(86400), InfiniteTokenLifetime: &no,
		IdleTokenLifetime: num(3600), InfiniteIdleTokenLifetime: &no, Policies: &policies}
}

// seedRefreshToken (re)creates client id holding rt, as the dashboard
// would have left it.
func seedRefreshToken(t *testing.T, id string, rt *management.ClientRefreshToken, thirdParty bool) {
	t.Helper()
	sc := conformance.Scenario{StartRefreshToken: rt, StartThirdParty: thirdParty, APIActive: true}
	if err := sc.Seed(sim, id); err != nil {
		t.Fatal(err)
	}
}

// expectRefreshToken checks the client's whole refresh_token.
func expectRefreshToken(id string, want *management.ClientRefreshToken) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := conformance.Observe(sim, id).RefreshToken
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			return fmt.Errorf("client %s refresh_token\n got %s\nwant %s", id, g, w)
		}
		return nil
	}
}

func TestRefreshTokenPolicyLifecycle(t *testing.T) {
	id := seedClient(t, "rtp_lifecycle")
	me, other := conformance.MeAudience, []string{"https://api.example.com/", "read:data"}
	read, factors := "read:me:authentication_methods", "read:me:factors"
	start := rtWith(other)
	seedRefreshToken(t, id, start, false)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		// Destroy removes the entry it added; the rest is as it started.
		CheckDestroy: expectRefreshToken(id, start),
		Steps: []resource.TestStep{
			{ // create: the entry is added after the other API's, nothing else changes
				Config: rtpConfig(id, read),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectRefreshToken(id, rtWith(other, []string{me, read})),
					resource.TestCheckResourceAttr(rtpAddr, "id", id),
					resource.TestCheckResourceAttr(rtpAddr, "audience", reconciler.AudienceFor(sim.Domain())),
					resource.TestCheckNoResourceAttr(rtpAddr, "prior_scopes"),
				),
			},
			{ // import and verify
				ResourceName:            rtpAddr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"prior_scopes"},
			},
			{ // update in place
				Config: rtpConfig(id, read, factors),
				Check:  expectRefreshToken(id, rtWith(other, []string{me, read, factors})),
			},
			{ // an edit outside Terraform shows in the plan
				PreConfig:          func() { seedRefreshToken(t, id, start, false) },
				Config:             rtpConfig(id, read, factors),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rtpAddr, plancheck.ResourceActionUpdate),
				}},
			},
			{ // and the next apply puts the entry back
				Config: rtpConfig(id, read, factors),
				Check:  expectRefreshToken(id, rtWith(other, []string{me, read, factors})),
			},
		},
	})
}

// TestRefreshTokenPolicyRestoresThePriorEntry: an entry the client had for
// the audience before is restored exactly on destroy.
func TestRefreshTokenPolicyRestoresThePriorEntry(t *testing.T) {
	id := seedClient(t, "rtp_prior")
	start := rtWith([]string{conformance.MeAudience, "read:me:factors"}, []string{"https://api.example.com/", "read:data"})
	seedRefreshToken(t, id, start, false)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectRefreshToken(id, start),
		Steps: []resource.TestStep{{
			Config: rtpConfig(id, "read:me:authentication_methods"),
			Check: resource.ComposeAggregateTestCheckFunc(
				expectRefreshToken(id, rtWith([]string{conformance.MeAudience, "read:me:authentication_methods"}, []string{"https://api.example.com/", "read:data"})),
				resource.TestCheckResourceAttr(rtpAddr, "prior_scopes.#", "1"),
				resource.TestCheckTypeSetElemAttr(rtpAddr, "prior_scopes.*", "read:me:factors"),
			),
		}},
	})
}

// TestRefreshTokenPolicyPlanRefusals: each mistake stops the plan, naming
// the attribute, the value and the fix, before any write.
func TestRefreshTokenPolicyPlanRefusals(t *testing.T) {
	id := seedClient(t, "rtp_refusals")
	thirdParty := seedClient(t, "rtp_third_party")
	seedRefreshToken(t, thirdParty, rtWith(), true)
	mgmtAPI := fmt.Sprintf(`
resource "myaccount_refresh_token_policy" "spa" {
  client_id = %q
  audience  = "https://%s/api/v2/"
  scopes    = ["read:me:factors"]
}
`, id, sim.Domain())
	for _, tc := range []struct {
		name, config, want string
	}{
		{"unknown scope", rtpConfig(id, "read:me:factor"), `scopes: invalid value "read:me:factor"`},
		{"did you mean", rtpConfig(id, "Read:Me:Factors"), `did you mean read:me:factors\?`},
		{"Management API", mgmtAPI, `can never be in a refresh-token policy`},
		{"another API", strings.Replace(mgmtAPI, "/api/v2/", "/orders/", 1), `manages the entry for the My Account API`},
		{"third-party client", rtpConfig(thirdParty, "read:me:factors"), `is third-party \(is_first_party\s+false\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := sim.Writes()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6,
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
			if w := sim.Writes() - before; w != 0 {
				t.Errorf("a refused plan made %d writes", w)
			}
		})
	}
}

func rtpModel(clientID string, scopes ...string) *refreshTokenPolicyModel {
	return &refreshTokenPolicyModel{ID: types.StringValue(clientID), ClientID: types.StringValue(clientID),
		Scopes: stringSet(scopes), Audience: types.StringNull(), PriorScopes: types.SetNull(types.StringType)}
}

// TestRefreshTokenPolicyPlanWarnsWhatTheGrantCuts: the plan names the
// policy's scopes the client's user grant does not cover.
func TestRefreshTokenPolicyPlanWarnsWhatTheGrantCuts(t *testing.T) {
	const summary = "Scopes the user grant does not cover"
	granted := seedClient(t, "rtp_granted")
	bare := seedClient(t, "rtp_bare")
	if _, ok := sim.GetResourceServerByIdentifier(reconciler.AudienceFor(sim.Domain())); !ok {
		if _, err := sim.ActivateMyAccountAPI(""); err != nil {
			t.Fatal(err)
		}
	}
	sim.SeedGrant(auth0sim.ClientGrant{ClientID: granted, Audience: reconciler.AudienceFor(sim.Domain()), SubjectType: "user", Scope: []string{"read:me:factors"}})
	in := func(s *refreshTokenPolicyModel) *refreshTokenPolicyModel {
		s.Audience = types.StringValue(reconciler.AudienceFor(sim.Domain()))
		return s
	}
	checkPlanWarnings(t, newRefreshTokenPolicyResource, summary, path.Root("scopes"),
		func(*refreshTokenPolicyModel) []string {
			return []string{"read:me:authentication_methods", "myaccount_user_access"}
		},
		[]planWarningCase[refreshTokenPolicyModel]{
			// Create reads the client, the API's scopes and the grants.
			{"create, one scope cut", nil, rtpModel(granted, "read:me:factors", "read:me:authentication_methods"), true, 3},
			{"create, covered", nil, rtpModel(granted, "read:me:factors"), false, 3},
			{"create, no grant", nil, rtpModel(bare, "read:me:authentication_methods"), true, 3},
			// In sync: no request, no warning.
			{"in sync", in(rtpModel(bare, "read:me:authentication_methods")), rtpModel(bare, "read:me:authentication_methods"), false, 0},
		})
}

// TestRefreshTokenPolicyMyOrganization: with system_api =
// "my_organization" the resource manages the client's entry for the My
// Organization API, next to the other entries; destroy removes it.
func TestRefreshTokenPolicyMyOrganization(t *testing.T) {
	skipWithoutMyOrganization(t)
	id := seedClient(t, "rtp_org")
	other := []string{"https://api.example.com/", "read:data"}
	start := rtWith(other, []string{conformance.MeAudience, "read:me:factors"})
	seedRefreshToken(t, id, start, false)
	withAudience := func(audience string, scopes ...string) string {
		q, _ := json.Marshal(scopes)
		return myOrganizationConfig(id, "read:my_org:details") + fmt.Sprintf(`
resource "myaccount_refresh_token_policy" "org" {
  system_api = "my_organization"
  client_id  = %q
  audience   = %s
  scopes     = %s
}
`, id, audience, q)
	}
	config := func(scopes ...string) string { return withAudience("myaccount_api.org.audience", scopes...) }
	const addr = "myaccount_refresh_token_policy.org"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectRefreshToken(id, start),
		Steps: []resource.TestStep{
			{ // the entry is added after the others; nothing else changes
				Config: config("read:my_org:details"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectRefreshToken(id, rtWith(other, []string{conformance.MeAudience, "read:me:factors"}, []string{conformance.OrgAudience, "read:my_org:details"})),
					resource.TestCheckResourceAttr(addr, "system_api", "my_organization"),
					resource.TestCheckResourceAttr(addr, "audience", orgAudience()),
					resource.TestCheckNoResourceAttr(addr, "prior_scopes"),
				),
			},
			{ // in sync: an empty plan
				Config:   config("read:my_org:details"),
				PlanOnly: true,
			},
			{ // import by client ID and audience: the audience says which system API
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           id + "," + orgAudience(),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"prior_scopes"},
			},
			{ // a scope the API does not offer is refused at plan time, with the fix
				Config:      config("Read:My_Org:Details"),
				ExpectError: regexp.MustCompile(`did you mean\s+read:my_org:details\?`),
			},
			{ // the audience of the other system API is refused with the value that fits it
				Config:      withAudience(fmt.Sprintf("%q", reconciler.AudienceFor(sim.Domain())), "read:my_org:details"),
				ExpectError: regexp.MustCompile(`set system_api =\s+"my_account"`),
			},
		},
	})
}

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

const apiAddr = "myaccount_api.this"

func apiConfig(extra string) string {
	return fmt.Sprintf(`
resource "myaccount_api" "this" {
  %s
}
`, extra)
}

func expectAPI(active bool, policy string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		rs, ok := sim.GetResourceServerByIdentifier(audience())
		if ok != active {
			return fmt.Errorf("My Account API active = %t, want %t", ok, active)
		}
		if ok && policy != "" && rs.UserPolicy != policy {
			return fmt.Errorf("user policy = %q, want %q", rs.UserPolicy, policy)
		}
		return nil
	}
}

func TestAPILifecycleDeletePolicy(t *testing.T) {
	deactivateAPI(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectAPI(false, ""),
		Steps: []resource.TestStep{
			{ // create
				Config: apiConfig(`deletion_policy = "delete"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectAPI(true, "require_client_grant"),
					resource.TestCheckResourceAttr(apiAddr, "audience", audience()),
					resource.TestCheckResourceAttr(apiAddr, "audience_domain", sim.Domain()),
					resource.TestCheckResourceAttr(apiAddr, "name", auth0sim.MyAccountAPIName),
					resource.TestCheckTypeSetElemAttr(apiAddr, "scopes.*", "read:me:authentication_methods"),
					resource.TestCheckResourceAttrSet(apiAddr, "id"),
				),
			},
			{ // import by audience
				ResourceName:            apiAddr,
				ImportState:             true,
				ImportStateId:           audience(),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"deletion_policy"},
			},
			{ // import by id
				ResourceName:            apiAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"deletion_policy"},
			},
			{ // update
				Config: apiConfig(`deletion_policy = "delete"
  user_access_policy = "deny_all"`),
				Check: expectAPI(true, "deny_all"),
			},
			{ // an edit outside Terraform shows in the plan
				PreConfig: func() {
					if err := sim.EditResourceServer(audience(), func(rs *auth0sim.ResourceServer) { rs.UserPolicy = "allow_all" }); err != nil {
						t.Fatal(err)
					}
				},
				Config: apiConfig(`deletion_policy = "delete"
  user_access_policy = "deny_all"`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					expectDrift(apiAddr, "user_access_policy", "allow_all", "deny_all"),
				}},
			},
			{ // and apply fixes it
				Config: apiConfig(`deletion_policy = "delete"
  user_access_policy = "deny_all"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(apiAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectAPI(true, "deny_all"),
			},
			{ // deactivated outside Terraform: the plan re-creates it
				PreConfig: func() { deactivateAPI(t) },
				Config: apiConfig(`deletion_policy = "delete"
  user_access_policy = "deny_all"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(apiAddr, plancheck.ResourceActionCreate),
				}},
				Check: expectAPI(true, "deny_all"),
			},
		},
	})
}

func TestAPIRetainPolicyLeavesAPIActive(t *testing.T) {
	deactivateAPI(t)
	defer deactivateAPI(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectAPI(true, ""),
		Steps: []resource.TestStep{{
			Config: apiConfig(""),
			Check: resource.ComposeAggregateTestCheckFunc(
				expectAPI(true, "require_client_grant"),
				resource.TestCheckResourceAttr(apiAddr, "deletion_policy", "retain"),
				resource.TestCheckResourceAttr(apiAddr, "user_access_policy", "require_client_grant"),
			),
		}},
	})
}

func TestAPICustomDomain(t *testing.T) {
	deactivateAPI(t)
	sim.SeedCustomDomain("pending.example.com", "pending_verification")
	sim.SeedCustomDomain("login.example.com", "ready")
	t.Run("not ready", func(t *testing.T) {
		badInput(t, apiConfig(`audience_domain = "pending.example.com"`),
			regexp.MustCompile(`audience_domain: invalid value "pending.example.com"`))
	})
	t.Run("a URL, not a domain", func(t *testing.T) {
		badInput(t, apiConfig(`audience_domain = "https://login.example.com/me/"`),
			regexp.MustCompile(`(?s)audience_domain: invalid value "https://login.example.com/me/":\s+a\s+domain\s+only,\s+without\s+https://\s+or\s+a\s+path;\s+use\s+login.example.com`))
	})
	t.Run("not a domain of the tenant", func(t *testing.T) {
		badInput(t, apiConfig(`audience_domain = "elsewhere.example.com"`),
			regexp.MustCompile(`audience_domain: invalid value "elsewhere.example.com"`))
	})
	// Issue 10: active under the canonical domain, a create for the custom
	// one made ~1,400 POSTs a second and never ended.
	t.Run("API active under the canonical domain", func(t *testing.T) {
		if _, err := sim.ActivateMyAccountAPI(""); err != nil {
			t.Fatal(err)
		}
		defer deactivateAPI(t)
		before := sim.Total()
		for _, domain := range []string{"login.example.com", "LOGIN.example.com"} {
			badInput(t, apiConfig(fmt.Sprintf(`audience_domain = %q`, domain)),
				regexp.MustCompile(`(?s)audience_domain: the My Account API is already active in this tenant as\s+`+regexp.QuoteMeta(audience())+`.*set\s+audience_domain\s+to\s+`+regexp.QuoteMeta(sim.Domain())))
		}
		if n := sim.Total() - before; n > 20 {
			t.Errorf("two refused plans made %d requests: %v", n, sim.Counts())
		}
	})
	t.Run("ready", func(t *testing.T) {
		const aud = "https://login.example.com/me/"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6,
			CheckDestroy: func(*terraform.State) error {
				if _, ok := sim.GetResourceServerByIdentifier(aud); ok {
					return fmt.Errorf("API %s still active", aud)
				}
				return nil
			},
			Steps: []resource.TestStep{{
				// Kubernetes' casing of the policy works too.
				Config: apiConfig(`audience_domain = "login.example.com"
  deletion_policy = "Delete"`),
				Check: resource.TestCheckResourceAttr(apiAddr, "audience", aud),
			}},
		})
	})
}

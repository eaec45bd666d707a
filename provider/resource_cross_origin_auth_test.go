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

const coaAddr = "myaccount_cross_origin_auth.spa"

func coaConfig(clientID string, enabled bool, loc string) string {
	locLine := ""
	if loc != "" {
		locLine = fmt.Sprintf("verification_location = %q", loc)
	}
	return fmt.Sprintf(`
resource "myaccount_cross_origin_auth" "spa" {
  client_id = %q
  enabled   = %t
  %s
}
`, clientID, enabled, locLine)
}

func expectCrossOrigin(id string, enabled bool, loc string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, ok := sim.GetClient(id)
		if !ok {
			return fmt.Errorf("client %s is gone", id)
		}
		if c.CrossOriginAuthentication != enabled || c.CrossOriginLoc != loc {
			return fmt.Errorf("client %s cross_origin_authentication=%t cross_origin_loc=%q, want %t %q",
				id, c.CrossOriginAuthentication, c.CrossOriginLoc, enabled, loc)
		}
		return nil
	}
}

func TestCrossOriginAuthLifecycle(t *testing.T) {
	id := seedClient(t, "coa_lifecycle")
	const loc1, loc2 = "https://app.example.com/cross-auth.html", "https://app.example.com/verify.html"
	// Before this resource took over: a location, authentication off.
	_ = sim.EditClient(id, func(c *auth0sim.Client) { c.CrossOriginLoc = loc1 })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		// Destroy restores the values observed before the first change.
		CheckDestroy: expectCrossOrigin(id, false, loc1),
		Steps: []resource.TestStep{
			{ // create
				Config: coaConfig(id, true, loc1),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectCrossOrigin(id, true, loc1),
					resource.TestCheckResourceAttr(coaAddr, "id", id),
				),
			},
			{ // import and verify; an import takes the values at import time as what destroy restores
				ResourceName:            coaAddr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"prior_enabled", "prior_verification_location"},
			},
			{ // update
				Config: coaConfig(id, true, loc2),
				Check:  expectCrossOrigin(id, true, loc2),
			},
			{ // an edit outside Terraform shows in the plan
				PreConfig: func() {
					_ = sim.EditClient(id, func(c *auth0sim.Client) { c.CrossOriginAuthentication = false })
				},
				Config:             coaConfig(id, true, loc2),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					expectDrift(coaAddr, "enabled", false, true),
				}},
			},
			{ // and apply fixes it
				Config: coaConfig(id, true, loc2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(coaAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectCrossOrigin(id, true, loc2),
			},
			{ // back to the original location before destroy
				Config: coaConfig(id, true, loc1),
				Check:  expectCrossOrigin(id, true, loc1),
			},
		},
	})
}

// A location set here is cleared on destroy when the client had none.
func TestCrossOriginAuthDestroyClearsLocation(t *testing.T) {
	id := seedClient(t, "coa_clear")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectCrossOrigin(id, false, ""),
		Steps: []resource.TestStep{{
			Config: coaConfig(id, true, "https://app.example.com/cross-auth.html"),
			Check:  expectCrossOrigin(id, true, "https://app.example.com/cross-auth.html"),
		}},
	})
}

// An unset verification_location is left alone and never shows as a diff.
func TestCrossOriginAuthUnsetLocationNoDiff(t *testing.T) {
	id := seedClient(t, "coa_noloc")
	_ = sim.EditClient(id, func(c *auth0sim.Client) { c.CrossOriginLoc = "https://legacy.example.com/co.html" })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		// The location was never managed here: destroy leaves the outside edit alone.
		CheckDestroy: expectCrossOrigin(id, false, "https://changed.example.com/co.html"),
		Steps: []resource.TestStep{
			{
				Config: coaConfig(id, true, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectCrossOrigin(id, true, "https://legacy.example.com/co.html"),
					resource.TestCheckNoResourceAttr(coaAddr, "verification_location"),
				),
			},
			{
				PreConfig: func() {
					_ = sim.EditClient(id, func(c *auth0sim.Client) { c.CrossOriginLoc = "https://changed.example.com/co.html" })
				},
				Config:   coaConfig(id, true, ""),
				PlanOnly: true,
			},
		},
	})
}

func TestCrossOriginAuthBadInput(t *testing.T) {
	id := seedClient(t, "coa_bad")
	t.Run("http verification location", func(t *testing.T) {
		badInput(t, coaConfig(id, true, "http://app.example.com/co.html"),
			regexp.MustCompile(`verification_location: invalid value "http://app.example.com/co.html"`))
	})
	t.Run("unknown client", func(t *testing.T) {
		badInput(t, coaConfig("no_such_client", true, ""),
			regexp.MustCompile(`client_id: invalid value "no_such_client"`))
	})
}

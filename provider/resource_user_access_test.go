package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

const uaAddr = "myaccount_user_access.spa"

func userAccessConfig(clientID string, scopes ...string) string {
	return fmt.Sprintf(`
resource "myaccount_api" "this" {
  deletion_policy = "delete"
}

resource "myaccount_user_access" "spa" {
  client_id = %q
  audience  = myaccount_api.this.audience
  scopes    = ["%s"]
}
`, clientID, strings.Join(scopes, `", "`))
}

// userGrant returns the client's user grant for the My Account API.
func userGrant(clientID string) (auth0sim.ClientGrant, bool) {
	for _, g := range sim.Grants() {
		if g.ClientID == clientID && g.Audience == audience() && g.SubjectType == "user" {
			return g, true
		}
	}
	return auth0sim.ClientGrant{}, false
}

func expectGrant(clientID string, scopes ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		g, ok := userGrant(clientID)
		if len(scopes) == 0 {
			if ok {
				return fmt.Errorf("client %s still has user grant %s", clientID, g.ID)
			}
			return nil
		}
		if !ok {
			return fmt.Errorf("client %s has no user grant", clientID)
		}
		got := slices.Clone(g.Scope)
		slices.Sort(got)
		slices.Sort(scopes)
		if !slices.Equal(got, scopes) {
			return fmt.Errorf("grant scopes = %v, want %v", got, scopes)
		}
		return nil
	}
}

func TestUserAccessLifecycle(t *testing.T) {
	deactivateAPI(t)
	id := seedClient(t, "ua_lifecycle")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(expectGrant(id), expectAPI(false, "")),
		Steps: []resource.TestStep{
			{ // create (the grant is ordered after the activation)
				Config: userAccessConfig(id, "read:me:authentication_methods"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectGrant(id, "read:me:authentication_methods"),
					resource.TestCheckResourceAttr(uaAddr, "audience", audience()),
					resource.TestCheckResourceAttrSet(uaAddr, "id"),
				),
			},
			{ // import by client id and verify
				ResourceName:      uaAddr,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			{ // update
				Config: userAccessConfig(id, "read:me:authentication_methods", "read:me:factors"),
				Check:  expectGrant(id, "read:me:authentication_methods", "read:me:factors"),
			},
			{ // an edit outside Terraform shows in the plan
				PreConfig: func() {
					g, _ := userGrant(id)
					_ = sim.EditGrant(g.ID, func(g *auth0sim.ClientGrant) { g.Scope = []string{"read:me:factors"} })
				},
				Config:             userAccessConfig(id, "read:me:authentication_methods", "read:me:factors"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					expectDrift(uaAddr, "scopes", []string{"read:me:factors"}, []string{"read:me:authentication_methods", "read:me:factors"}),
				}},
			},
			{ // and apply fixes it
				Config: userAccessConfig(id, "read:me:authentication_methods", "read:me:factors"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(uaAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectGrant(id, "read:me:authentication_methods", "read:me:factors"),
			},
		},
	})
}

func TestUserAccessBadInput(t *testing.T) {
	deactivateAPI(t)
	id := seedClient(t, "ua_bad")
	t.Run("unknown scope", func(t *testing.T) {
		badInput(t, userAccessConfig(id, "create:me:authentication-methods"),
			regexp.MustCompile(`(?s)scopes: invalid value "create:me:authentication-methods".*did you mean`))
	})
	t.Run("unknown client", func(t *testing.T) {
		badInput(t, userAccessConfig("no_such_client", "read:me:factors"),
			regexp.MustCompile(`client_id: invalid value "no_such_client"`))
	})
}

// A grant made outside Terraform is reported at plan, never adopted.
func TestUserAccessForeignGrant(t *testing.T) {
	deactivateAPI(t)
	defer deactivateAPI(t)
	if _, err := sim.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	id := seedClient(t, "ua_foreign")
	gid := sim.SeedGrant(auth0sim.ClientGrant{ClientID: id, Audience: audience(), SubjectType: "user", Scope: []string{"read:me:factors"}})
	before := sim.Writes()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "myaccount_user_access" "spa" {
  client_id = %q
  scopes    = ["read:me:factors"]
}
`, id),
			ExpectError: regexp.MustCompile(`(?s)already has a user grant ` + gid + `.*terraform\s+import`),
		}},
	})
	if w := sim.Writes() - before; w != 0 {
		t.Errorf("%d writes, want 0", w)
	}
	if _, ok := userGrant(id); !ok {
		t.Error("the foreign grant was removed")
	}
}

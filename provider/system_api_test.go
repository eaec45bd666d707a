package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func orgAudience() string { return reconciler.MyOrganization.Audience(sim.Domain()) }

// deactivateMyOrganization removes the My Organization API out of band.
func deactivateMyOrganization(t *testing.T) {
	t.Helper()
	if _, ok := sim.GetResourceServerByIdentifier(orgAudience()); ok {
		if err := sim.DeleteResourceServer(orgAudience()); err != nil {
			t.Fatalf("deactivate the My Organization API: %v", err)
		}
	}
}

// skipWithoutMyOrganization skips until the emulator activates
// https://{domain}/my-org/ as a system API (POST /api/v2/resource-servers
// with that identifier); before, the POST creates an ordinary API, which the
// core refuses as not the system API. The probe leaves no API behind.
func skipWithoutMyOrganization(t *testing.T) {
	t.Helper()
	deactivateMyOrganization(t)
	_, err := (reconciler.APIReconciler{Session: testProviderData(t).Session}).Apply(context.Background(), reconciler.APISpec{Enabled: true}, orgAudience())
	deactivateMyOrganization(t)
	if err != nil {
		t.Skip("the emulator does not yet activate https://{domain}/my-org/ as a system API (POST /api/v2/resource-servers with the /my-org/ identifier): " + err.Error())
	}
}

func myOrganizationConfig(clientID, scope string) string {
	return fmt.Sprintf(`
resource "myaccount_api" "org" {
  system_api      = "my_organization"
  deletion_policy = "delete"
}

resource "myaccount_user_access" "org" {
  system_api = "my_organization"
  client_id  = %q
  audience   = myaccount_api.org.audience
  scopes     = [%q]
}
`, clientID, scope)
}

func orgGrant(clientID string) (auth0sim.ClientGrant, bool) {
	for _, g := range sim.Grants() {
		if g.ClientID == clientID && g.Audience == orgAudience() && g.SubjectType == "user" {
			return g, true
		}
	}
	return auth0sim.ClientGrant{}, false
}

func TestMyOrganizationAPIAndUserAccess(t *testing.T) {
	skipWithoutMyOrganization(t)
	id := seedClient(t, "org_lifecycle")
	gone := func(*terraform.State) error {
		if _, ok := sim.GetResourceServerByIdentifier(orgAudience()); ok {
			return fmt.Errorf("the My Organization API is still active")
		}
		if g, ok := orgGrant(id); ok {
			return fmt.Errorf("grant %s is still there", g.ID)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             gone,
		Steps: []resource.TestStep{
			{
				Config: myOrganizationConfig(id, "read:my_org:details"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("myaccount_api.org", "audience", orgAudience()),
					resource.TestCheckResourceAttr("myaccount_api.org", "system_api", "my_organization"),
					resource.TestCheckResourceAttr("myaccount_user_access.org", "audience", orgAudience()),
					func(*terraform.State) error {
						rs, ok := sim.GetResourceServerByIdentifier(orgAudience())
						if !ok || !rs.IsSystem {
							return fmt.Errorf("the My Organization API: active %v, system %v", ok, rs.IsSystem)
						}
						if g, ok := orgGrant(id); !ok || len(g.Scope) != 1 || g.Scope[0] != "read:my_org:details" {
							return fmt.Errorf("grant %+v, %v", g, ok)
						}
						return nil
					},
				),
			},
			{ // in sync: an empty plan
				Config:   myOrganizationConfig(id, "read:my_org:details"),
				PlanOnly: true,
			},
			{ // a scope the API does not offer is refused at plan time, with the fix
				Config:      myOrganizationConfig(id, "read:my-org:details"),
				ExpectError: regexp.MustCompile(`did you mean\s+read:my_org:details\?`),
			},
			{ // import by audience
				ResourceName:            "myaccount_api.org",
				ImportState:             true,
				ImportStateId:           orgAudience(),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"deletion_policy"},
			},
			{ // the grant, by client ID and audience
				ResourceName:      "myaccount_user_access.org",
				ImportState:       true,
				ImportStateId:     id + "," + orgAudience(),
				ImportStateVerify: true,
			},
		},
	})
}

// system_api is checked before any read, and an audience of the other API
// is refused with the value that fits it.
func TestSystemAPIRefusals(t *testing.T) {
	id := seedClient(t, "org_refused")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{
			{
				Config:      `resource "myaccount_api" "x" { system_api = "my_org" }`,
				ExpectError: regexp.MustCompile(`system_api: invalid value "my_org": use "my_account" \(the My Account API,[\s\S]*"my_organization" \(the My Organization API`),
			},
			{
				Config: fmt.Sprintf(`
resource "myaccount_user_access" "x" {
  client_id = %q
  audience  = %q
  scopes    = ["read:my_org:details"]
}`, id, orgAudience()),
				ExpectError: regexp.MustCompile(`set system_api =\s+"my_organization"`),
			},
		},
	})
}

// The data source reads the My Organization API, active or not; before
// activation its scopes are the ones Auth0 will offer.
func TestDataSourceMyOrganizationAPI(t *testing.T) {
	deactivateMyOrganization(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{{
			Config: `data "myaccount_api" "org" { system_api = "my_organization" }`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.myaccount_api.org", "active", "false"),
				resource.TestCheckResourceAttr("data.myaccount_api.org", "audience", orgAudience()),
				resource.TestCheckTypeSetElemAttr("data.myaccount_api.org", "scopes.*", "read:my_org:details"),
			),
		}},
	})
}

package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestAPIDataSource(t *testing.T) {
	deactivateAPI(t)
	defer deactivateAPI(t)
	before := sim.Writes()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{
			{ // not active: reads only, writes nothing
				Config: `data "myaccount_api" "current" {}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.myaccount_api.current", "active", "false"),
					resource.TestCheckResourceAttr("data.myaccount_api.current", "audience", audience()),
					resource.TestCheckResourceAttr("data.myaccount_api.current", "audience_domain", sim.Domain()),
					resource.TestCheckTypeSetElemAttr("data.myaccount_api.current", "scopes.*", "read:me:factors"),
					func(*terraform.State) error {
						if w := sim.Writes() - before; w != 0 {
							t.Errorf("the data source made %d writes", w)
						}
						return nil
					},
				),
			},
			{ // active
				PreConfig: func() {
					if _, err := sim.ActivateMyAccountAPI(""); err != nil {
						t.Fatal(err)
					}
				},
				Config: `data "myaccount_api" "current" {}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.myaccount_api.current", "active", "true"),
					resource.TestCheckResourceAttr("data.myaccount_api.current", "user_access_policy", "require_client_grant"),
					resource.TestCheckResourceAttrSet("data.myaccount_api.current", "id"),
				),
			},
		},
	})
}

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

func TestClientDataSource(t *testing.T) {
	id := seedClient(t, "ds_client", "https://a.example.com", "https://b.example.com")
	_ = sim.EditClient(id, func(c *auth0sim.Client) {
		c.CrossOriginAuthentication = true
		c.CrossOriginLoc = "https://a.example.com/co.html"
	})
	const addr = "data.myaccount_client.spa"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`data "myaccount_client" "spa" { client_id = %q }`, id),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "name", "ds_client"),
					resource.TestCheckResourceAttr(addr, "allowed_origins.#", "2"),
					resource.TestCheckTypeSetElemAttr(addr, "allowed_origins.*", "https://b.example.com"),
					resource.TestCheckResourceAttr(addr, "cross_origin_authentication", "true"),
					resource.TestCheckResourceAttr(addr, "verification_location", "https://a.example.com/co.html"),
				),
			},
			{
				Config:      `data "myaccount_client" "spa" { client_id = "no_such_client" }`,
				ExpectError: regexp.MustCompile(`client_id: invalid value "no_such_client"`),
			},
		},
	})
}

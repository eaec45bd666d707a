package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

func originsConfig(clientID string, exclusive bool, origins ...string) string {
	list := ""
	for _, o := range origins {
		list += fmt.Sprintf("%q, ", o)
	}
	return fmt.Sprintf(`
resource "myaccount_allowed_origins" "spa" {
  client_id = %q
  origins   = [%s]
  exclusive = %t
}
`, clientID, list, exclusive)
}

const originsAddr = "myaccount_allowed_origins.spa"

func TestAllowedOriginsLifecycle(t *testing.T) {
	id := seedClient(t, "origins_lifecycle")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectOrigins(id),
		Steps: []resource.TestStep{
			{ // create
				Config: originsConfig(id, false, "https://app.example.com"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectOrigins(id, "https://app.example.com"),
					resource.TestCheckResourceAttr(originsAddr, "id", id),
					resource.TestCheckTypeSetElemAttr(originsAddr, "all_origins.*", "https://app.example.com"),
				),
			},
			{ // import and verify
				ResourceName:      originsAddr,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			{ // update
				Config: originsConfig(id, false, "https://app.example.com", "http://localhost:3000"),
				Check:  expectOrigins(id, "https://app.example.com", "http://localhost:3000"),
			},
			{ // an edit outside Terraform shows in the plan, and apply fixes it
				PreConfig: func() {
					if err := sim.EditClient(id, func(c *auth0sim.Client) { c.AllowedOrigins = []string{"https://app.example.com"} }); err != nil {
						t.Fatal(err)
					}
				},
				Config:             originsConfig(id, false, "https://app.example.com", "http://localhost:3000"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					// The refresh keeps only our origins still on the client.
					expectDrift(originsAddr, "origins", []string{"https://app.example.com"}, []string{"https://app.example.com", "http://localhost:3000"}),
				}},
			},
			{
				Config: originsConfig(id, false, "https://app.example.com", "http://localhost:3000"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(originsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectOrigins(id, "https://app.example.com", "http://localhost:3000"),
			},
		},
	})
}

func TestAllowedOriginsMergeKeepsForeignOrigin(t *testing.T) {
	const foreign = "https://foreign.example.com"
	id := seedClient(t, "origins_merge", foreign)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		// Destroy removes only what this resource added.
		CheckDestroy: expectOrigins(id, foreign, "https://other.example.com"),
		Steps: []resource.TestStep{
			{
				Config: originsConfig(id, false, "https://app.example.com"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectOrigins(id, foreign, "https://app.example.com"),
					resource.TestCheckResourceAttr(originsAddr, "all_origins.#", "2"),
				),
			},
			{ // someone adds another origin: not ours, no diff
				PreConfig: func() {
					_ = sim.EditClient(id, func(c *auth0sim.Client) {
						c.AllowedOrigins = append(c.AllowedOrigins, "https://other.example.com")
					})
				},
				Config:   originsConfig(id, false, "https://app.example.com"),
				PlanOnly: true,
			},
			{ // dropping an origin removes only that one
				Config: originsConfig(id, false, "https://new.example.com"),
				Check:  expectOrigins(id, foreign, "https://other.example.com", "https://new.example.com"),
			},
		},
	})
}

func TestAllowedOriginsExclusive(t *testing.T) {
	id := seedClient(t, "origins_exclusive", "https://foreign.example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectOrigins(id),
		Steps: []resource.TestStep{
			{
				Config: originsConfig(id, true, "https://app.example.com"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectOrigins(id, "https://app.example.com"),
					resource.TestCheckResourceAttr(originsAddr, "all_origins.#", "1"),
				),
			},
			{ // a foreign origin added outside is drift in exclusive mode
				PreConfig: func() {
					_ = sim.EditClient(id, func(c *auth0sim.Client) {
						c.AllowedOrigins = append(c.AllowedOrigins, "https://sneaky.example.com")
					})
				},
				Config: originsConfig(id, true, "https://app.example.com"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(originsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectOrigins(id, "https://app.example.com"),
			},
		},
	})
}

func TestAllowedOriginsBadInput(t *testing.T) {
	id := seedClient(t, "origins_bad")
	t.Run("malformed origin", func(t *testing.T) {
		badInput(t, originsConfig(id, false, "https://app.example.com/callback"),
			regexp.MustCompile(`origins: invalid value "https://app.example.com/callback"`))
	})
	t.Run("wildcard in the wrong place", func(t *testing.T) {
		badInput(t, originsConfig(id, false, "https://app.*.example.com"),
			regexp.MustCompile(`(?s)origins: invalid value "https://app\.\*\.example\.com".*wildcard`))
	})
	t.Run("unknown client", func(t *testing.T) {
		badInput(t, originsConfig("no_such_client", false, "https://app.example.com"),
			regexp.MustCompile(`client_id: invalid value "no_such_client"`))
	})
	if got := clientOrigins(id); len(got) != 0 {
		t.Errorf("origins = %v after bad input, want none", got)
	}
}

// Issue 17: an origin the core writes in canonical form (upper case, an
// internationalised host) keeps an empty plan after apply, in merge and
// exclusive mode, so `terraform plan -detailed-exitcode` exits 0. The
// harness itself fails a step whose post-apply plan is not empty.
func TestAllowedOriginsNonCanonicalFormPlansEmpty(t *testing.T) {
	id := seedClient(t, "origins_canonical")
	const upper, idn = "https://App.Example.com", "https://bücher.example"
	canonical := []string{"https://app.example.com", "https://xn--bcher-kva.example"}
	steps := []resource.TestStep{}
	for _, exclusive := range []bool{false, true} {
		steps = append(steps,
			resource.TestStep{
				Config: originsConfig(id, exclusive, upper, idn),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectOrigins(id, canonical...),
					resource.TestCheckTypeSetElemAttr(originsAddr, "origins.*", upper),
					resource.TestCheckTypeSetElemAttr(originsAddr, "all_origins.*", canonical[0]),
				),
			},
			resource.TestStep{Config: originsConfig(id, exclusive, upper, idn), PlanOnly: true},
		)
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6, CheckDestroy: expectOrigins(id), Steps: steps})
}

func TestAllowedOriginsRefusesCanonicalDuplicates(t *testing.T) {
	id := seedClient(t, "origins_dup")
	badInput(t, originsConfig(id, false, "https://app.example.com", "https://APP.example.com"),
		regexp.MustCompile(`(?s)origins: invalid value "https://(app|APP).example.com": the same origin as\s+https://(APP|app).example.com once canonical`))
	if got := clientOrigins(id); len(got) != 0 {
		t.Errorf("origins = %v after bad input, want none", got)
	}
}

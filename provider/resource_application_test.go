package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

const appAddr = "myaccount_application.spa"

// appBlocks are the blocks of a myaccount_application configuration; an
// empty one is left out.
type appBlocks struct {
	allowed, web []string
	exclusive    bool   // of allowed_origins
	coa          string // the cross_origin_auth block's body
}

func appConfig(clientID string, b appBlocks) string {
	var hcl strings.Builder
	fmt.Fprintf(&hcl, "resource \"myaccount_application\" \"spa\" {\n  client_id = %q\n", clientID)
	if b.allowed != nil {
		fmt.Fprintf(&hcl, "  allowed_origins = { origins = %s, exclusive = %t }\n", hclList(b.allowed), b.exclusive)
	}
	if b.web != nil {
		fmt.Fprintf(&hcl, "  web_origins = { origins = %s }\n", hclList(b.web))
	}
	if b.coa != "" {
		fmt.Fprintf(&hcl, "  cross_origin_auth = { %s }\n", b.coa)
	}
	return hcl.String() + "}\n"
}

func expectWebOrigins(id string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, _ := sim.GetClient(id)
		got := slices.Clone(c.WebOrigins)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("client %s web_origins = %v, want %v", id, got, want)
		}
		return nil
	}
}

// clientPatches counts the PATCHes of clients the emulator answered since
// the last call of the function it returns.
func clientPatches() func() int {
	before := sim.Counts()["PATCH /api/v2/clients/{id}"]
	return func() int {
		now := sim.Counts()["PATCH /api/v2/clients/{id}"]
		n := now - before
		before = now
		return n
	}
}

func TestApplicationLifecycle(t *testing.T) {
	const foreign, app, local = "https://foreign.example.com", "https://app.example.com", "http://localhost:3000"
	const loc = "https://app.example.com/co-verify"
	id := seedClient(t, "application", foreign)
	all := appBlocks{allowed: []string{app}, web: []string{app, local}, coa: fmt.Sprintf("enabled = true, verification_location = %q", loc)}
	var patches func() int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		// Destroy removes only what it added and restores cross-origin
		// authentication as it was: off, no location.
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(expectOrigins(id, foreign), expectWebOrigins(id), expectCrossOrigin(id, false, "")),
		Steps: []resource.TestStep{
			{ // create: one PATCH carries all three settings
				PreConfig: func() { patches = clientPatches() },
				Config:    appConfig(id, all),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if n := patches(); n != 1 {
							return fmt.Errorf("create sent %d PATCHes of the client, want 1", n)
						}
						return nil
					},
					expectOrigins(id, foreign, app),
					expectWebOrigins(id, app, local),
					expectCrossOrigin(id, true, loc),
					resource.TestCheckResourceAttr(appAddr, "id", id),
					resource.TestCheckResourceAttr(appAddr, "allowed_origins.managed_origins.#", "1"),
					resource.TestCheckResourceAttr(appAddr, "allowed_origins.all_origins.#", "2"),
					resource.TestCheckResourceAttr(appAddr, "web_origins.exclusive", "false"),
					resource.TestCheckResourceAttr(appAddr, "cross_origin_auth.prior_enabled", "false"),
				),
			},
			// In sync: the harness fails a non-empty plan.
			{Config: appConfig(id, all), PlanOnly: true},
			{ // dropping a block releases only what it owned, in one PATCH
				PreConfig: func() { patches() },
				Config:    appConfig(id, appBlocks{allowed: all.allowed, coa: all.coa}),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectOrigins(id, foreign, app),
					expectWebOrigins(id),
					expectCrossOrigin(id, true, loc),
					resource.TestCheckNoResourceAttr(appAddr, "web_origins.origins.#"),
					func(*terraform.State) error {
						if n := patches(); n != 1 {
							return fmt.Errorf("update sent %d PATCHes of the client, want 1", n)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestApplicationImport(t *testing.T) {
	const app = "https://app.example.com"
	id := seedClient(t, "application_import")
	blocks := appBlocks{allowed: []string{app}, web: []string{app}, coa: "enabled = true"}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(expectOrigins(id), expectWebOrigins(id), expectCrossOrigin(id, false, "")),
		Steps: []resource.TestStep{
			{Config: appConfig(id, blocks), Check: expectCrossOrigin(id, true, "")},
			{ // import adopts both lists in merge mode and cross-origin as it is now
				ResourceName:            appAddr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"cross_origin_auth.prior_enabled", "cross_origin_auth.prior_verification_location"},
			},
		},
	})
}

// A block is the same claim as its single-setting resource: an exclusive
// myaccount_allowed_origins next to it fails the plan, naming both, before
// any write; two merge-mode writers share the client.
func TestApplicationConflictsWithExclusiveOrigins(t *testing.T) {
	id := seedClient(t, "application_conflict")
	app := appConfig(id, appBlocks{allowed: []string{"https://app.example.com"}, coa: "enabled = true"})
	badInput(t, app+originsConfig(id, true, "https://other.example.com"), regexp.MustCompile(
		`(?s)Conflicting resources on one client.*myaccount_(application|allowed_origins)\s+for\s+client.*conflicts\s+with\s+myaccount_(allowed_origins|application)\s+for\s+client`))

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectOrigins(id),
		Steps: []resource.TestStep{{
			Config: app + originsConfig(id, false, "https://other.example.com"),
			Check:  expectOrigins(id, "https://app.example.com", "https://other.example.com"),
		}},
	})
}

func TestApplicationNeedsABlock(t *testing.T) {
	id := seedClient(t, "application_empty")
	badInput(t, appConfig(id, appBlocks{}), regexp.MustCompile(`(?s)At least one attribute out of \[.*cross_origin_auth.*\]\s+must\s+be\s+specified`))
}

func appModel(clientID string, coa *bool, origins ...string) *applicationModel {
	m := &applicationModel{ID: types.StringValue(clientID), ClientID: types.StringValue(clientID)}
	m.AllowedOrigins = &newOriginsModel(clientID, origins...).originsPart
	if coa != nil {
		m.CrossOriginAuth = &coaModel(clientID, *coa).crossOriginPart
	}
	return m
}

// The application's allowed_origins block warns that cross-origin
// authentication is off as the single resource does, unless its own
// cross_origin_auth block turns it on.
func TestApplicationPlanWarnsWhenCrossOriginOff(t *testing.T) {
	const o1, o2 = "https://app.example.com", "http://localhost:3000"
	off := seedClient(t, "application_warn_off")
	on, no := true, false
	checkPlanWarnings(t, newApplicationResource, "Cross-origin authentication is off", path.Root("allowed_origins").AtName("origins"),
		func(plan *applicationModel) []string {
			return []string{"origins are set while cross-origin authentication is off", plan.ClientID.ValueString()}
		},
		[]planWarningCase[applicationModel]{
			{"create without the block", nil, appModel(off, nil, o1), true, 1},
			{"create, the block turns it on", nil, appModel(off, &on, o1), false, 1},
			{"create, the block keeps it off", nil, appModel(off, &no, o1), true, 1},
			{"origins change", appModel(off, nil, o1), appModel(off, nil, o1, o2), true, 1},
			{"in sync", appModel(off, nil, o1), appModel(off, nil, o1), false, 0},
		})
}

// A block known only after apply (another resource's output) plans, and the
// apply writes it.
func TestApplicationBlockKnownAfterApply(t *testing.T) {
	const late = "https://late.example.com"
	id := seedClient(t, "application-late", "https://foreign.example.com")
	config := fmt.Sprintf(`resource "terraform_data" "origins" {
  input = { origins = [%q] }
}

resource "myaccount_application" "spa" {
  client_id   = %q
  web_origins = terraform_data.origins.output
}
`, late, id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectWebOrigins(id),
		Steps: []resource.TestStep{{
			Config: config,
			Check:  resource.ComposeAggregateTestCheckFunc(expectWebOrigins(id, late), resource.TestCheckResourceAttr(appAddr, "web_origins.managed_origins.0", late)),
		}},
	})
}

// The blocks' lists share one update of the client: a client whose two
// lists each fit Auth0's request limit alone, but not together, is refused
// at plan time, naming the larger list, before any write.
func TestApplicationRefusesAnUpdateTooLargeTogether(t *testing.T) {
	const perList = 20000 // about 0.6 MB of JSON each: one fits 1 MiB, two do not
	many := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("https://%s-%06d.example.com", prefix, i)
		}
		return out
	}
	id := fmt.Sprintf("application_large_%s", randSuffix())
	sim.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa", AllowedOrigins: many("a", perList), WebOrigins: many("w", perList+100)})
	t.Cleanup(func() { _ = sim.DeleteClient(id) })
	config := appConfig(id, appBlocks{allowed: []string{"https://app.example.com"}, web: []string{"https://app.example.com"}})
	badInput(t, config, regexp.MustCompile(`(?s)Too many origins.*web_origins\.origins.*bytes`))
}

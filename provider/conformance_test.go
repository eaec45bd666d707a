package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestConformanceTerraform runs the cross-face scenario table through the
// real Terraform CLI: the first step applies the scenario's configuration,
// a second step (after the dashboard edit) applies it again or, to remove
// it, applies a configuration without it.
func TestConformanceTerraform(t *testing.T) {
	for i, sc := range conformance.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			if sc.NotTerraform != "" {
				t.Skip(sc.NotTerraform)
			}
			id := fmt.Sprintf("conformance_%d_%s", i, randSuffix())
			if err := sc.Seed(sim, id); err != nil {
				t.Fatal(err)
			}
			sim.ResetCounts()
			config := scenarioHCL(sc.Config(sim.Domain(), id))
			check := func(*terraform.State) error {
				if problem := sc.Check(sim, id); problem != "" {
					return fmt.Errorf("%s", problem)
				}
				return nil
			}
			first := resource.TestStep{Config: config}
			if sc.WantError != "" {
				first.ExpectError = wrappedPattern(sc.WantError)
			}
			steps := []resource.TestStep{first}
			if sc.Second != nil {
				// The second owner's resources join the configuration; a
				// conflict fails that plan.
				first.ExpectError = nil
				second := resource.TestStep{Config: config + secondAPIHCL(sc) + resourcesHCL(sc.SecondConfig(sim.Domain(), id), "second")}
				if sc.WantError != "" {
					second.ExpectError = wrappedPattern(sc.WantError)
				}
				// The first owner's configuration again, to check the tenant
				// before the test's own destroy.
				steps = []resource.TestStep{first, second, {Config: config, Check: check}}
				resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6, Steps: steps})
				return
			}
			switch {
			case sc.Edit != nil:
				next := resource.TestStep{
					PreConfig: func() {
						if err := sc.EditTenant(sim, id); err != nil {
							t.Fatal(err)
						}
					},
					Config: config,
				}
				if sc.Remove {
					next.Config = emptyHCL
				}
				steps = append(steps, next)
			case sc.Remove:
				steps = append(steps, resource.TestStep{Config: emptyHCL})
			}
			last := &steps[len(steps)-1]
			checkAfter := sc.Remove || sc.WantError != ""
			if !checkAfter {
				// Before the test's own destroy changes the tenant again.
				last.Check = check
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6, Steps: steps})
			if checkAfter {
				if err := check(nil); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

const emptyHCL = `provider "myaccount" {}`

// wrappedPattern matches text as Terraform prints it in a diagnostic,
// where any space may have become a line break.
func wrappedPattern(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`))
}

// scenarioHCL is the configuration d in resources of this provider.
func scenarioHCL(d reconciler.Desired) string {
	api := ""
	if d.API.Enabled {
		api = fmt.Sprintf("resource \"myaccount_api\" \"this\" {\n  deletion_policy = %q\n}\n", strings.ToLower(string(d.API.DeletionPolicy)))
	}
	if o := d.MyOrganizationAPI; o != nil && o.Enabled {
		api += fmt.Sprintf("resource \"myaccount_api\" \"org\" {\n  system_api = \"my_organization\"\n  deletion_policy = %q\n}\n", strings.ToLower(string(o.DeletionPolicy)))
	}
	return api + resourcesHCL(d, "app")
}

// secondAPIHCL is the second owner's myaccount_api, when its api block
// is its own.
func secondAPIHCL(sc conformance.Scenario) string {
	if sc.SecondAPI == nil || !sc.SecondAPI.Enabled {
		return ""
	}
	return fmt.Sprintf("resource \"myaccount_api\" \"second\" {\n  user_access_policy = %q\n  deletion_policy = %q\n}\n",
		sc.SecondAPI.UserAccessPolicy, strings.ToLower(string(sc.SecondAPI.DeletionPolicy)))
}

// resourcesHCL is d's applications as resources named name.
func resourcesHCL(d reconciler.Desired, name string) string {
	var b strings.Builder
	for _, app := range d.Applications {
		list := func(origins []string) string {
			q := make([]string, len(origins))
			for i, o := range origins {
				q[i] = fmt.Sprintf("%q", o)
			}
			return "[" + strings.Join(q, ", ") + "]"
		}
		if app.AllowedOrigins != nil {
			fmt.Fprintf(&b, "resource \"myaccount_allowed_origins\" %q {\n  client_id = %q\n  origins = %s\n  exclusive = %t\n}\n",
				name, app.ClientID, list(app.AllowedOrigins), app.OriginsMode == reconciler.OriginsExclusive)
		}
		if app.WebOrigins != nil {
			fmt.Fprintf(&b, "resource \"myaccount_web_origins\" %q {\n  client_id = %q\n  origins = %s\n  exclusive = %t\n}\n",
				name, app.ClientID, list(app.WebOrigins), app.WebOriginsMode == reconciler.OriginsExclusive)
		}
		if coa := app.CrossOriginAuthentication; coa != nil {
			fmt.Fprintf(&b, "resource \"myaccount_cross_origin_auth\" %q {\n  client_id = %q\n  enabled = %t\n", name, app.ClientID, coa.Enabled)
			if coa.VerificationLocation != "" {
				fmt.Fprintf(&b, "  verification_location = %q\n", coa.VerificationLocation)
			}
			b.WriteString("}\n")
		}
		if ua := app.UserAccess; ua != nil {
			fmt.Fprintf(&b, "resource \"myaccount_user_access\" %q {\n  client_id = %q\n  audience = myaccount_api.this.audience\n  scopes = %s\n}\n",
				name, app.ClientID, list(ua.Scopes))
		}
		if p := app.RefreshTokenPolicy; p != nil {
			fmt.Fprintf(&b, "resource \"myaccount_refresh_token_policy\" %q {\n  client_id = %q\n  audience = myaccount_api.this.audience\n  scopes = %s\n}\n",
				name, app.ClientID, list(p.Scopes))
		}
		if p := app.MyOrganizationRefreshTokenPolicy; p != nil {
			fmt.Fprintf(&b, "resource \"myaccount_refresh_token_policy\" \"%s_org\" {\n  system_api = \"my_organization\"\n  client_id = %q\n  audience = myaccount_api.org.audience\n  scopes = %s\n}\n",
				name, app.ClientID, list(p.Scopes))
		}
	}
	return b.String()
}

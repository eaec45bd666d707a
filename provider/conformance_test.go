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
func TestConformanceTerraform(t *testing.T) { runConformanceTerraform(t, clientSettingResources) }

// TestConformanceTerraformApplication is TestConformanceTerraform with each
// application's client settings in one myaccount_application.
func TestConformanceTerraformApplication(t *testing.T) {
	runConformanceTerraform(t, clientSettingApplication)
}

// clientSettingsHCL writes an application's client settings (origins, web
// origins, cross-origin authentication) as resources named name.
type clientSettingsHCL func(b *strings.Builder, app reconciler.Application, name string)

func runConformanceTerraform(t *testing.T, settings clientSettingsHCL) {
	for i, sc := range conformance.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			if sc.NotTerraform != "" {
				t.Skip(sc.NotTerraform)
			}
			id := fmt.Sprintf("conformance_%d_%s", i, randSuffix())
			if err := sc.Seed(sim, id); err != nil {
				t.Fatal(err)
			}
			// The table runs per layout: its clients would take the shared
			// tenant past one page of 100, and later tests' reads with it.
			t.Cleanup(func() { _ = sim.DeleteClient(id) })
			sim.ResetCounts()
			config := scenarioHCL(sc.Config(sim.Domain(), id), settings)
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
				second := resource.TestStep{Config: config + secondAPIHCL(sc) + resourcesHCL(sc.SecondConfig(sim.Domain(), id), "second", settings)}
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
func scenarioHCL(d reconciler.Desired, settings clientSettingsHCL) string {
	api := ""
	if d.API.Enabled {
		api = fmt.Sprintf("resource \"myaccount_api\" \"this\" {\n  deletion_policy = %q\n}\n", strings.ToLower(string(d.API.DeletionPolicy)))
	}
	if o := d.MyOrganizationAPI; o != nil && o.Enabled {
		api += fmt.Sprintf("resource \"myaccount_api\" \"org\" {\n  system_api = \"my_organization\"\n  deletion_policy = %q\n}\n", strings.ToLower(string(o.DeletionPolicy)))
	}
	return api + resourcesHCL(d, "app", settings)
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

// hclList is a list of strings in HCL.
func hclList(in []string) string {
	q := make([]string, len(in))
	for i, s := range in {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// resourcesHCL is d's applications as resources named name.
func resourcesHCL(d reconciler.Desired, name string, settings clientSettingsHCL) string {
	var b strings.Builder
	for _, app := range d.Applications {
		settings(&b, app, name)
		if ua := app.UserAccess; ua != nil {
			fmt.Fprintf(&b, "resource \"myaccount_user_access\" %q {\n  client_id = %q\n  audience = myaccount_api.this.audience\n  scopes = %s\n}\n",
				name, app.ClientID, hclList(ua.Scopes))
		}
		if p := app.RefreshTokenPolicy; p != nil {
			fmt.Fprintf(&b, "resource \"myaccount_refresh_token_policy\" %q {\n  client_id = %q\n  audience = myaccount_api.this.audience\n  scopes = %s\n}\n",
				name, app.ClientID, hclList(p.Scopes))
		}
		if p := app.MyOrganizationRefreshTokenPolicy; p != nil {
			fmt.Fprintf(&b, "resource \"myaccount_refresh_token_policy\" \"%s_org\" {\n  system_api = \"my_organization\"\n  client_id = %q\n  audience = myaccount_api.org.audience\n  scopes = %s\n}\n",
				name, app.ClientID, hclList(p.Scopes))
		}
	}
	return b.String()
}

// clientSettingResources writes one resource per client setting.
func clientSettingResources(b *strings.Builder, app reconciler.Application, name string) {
	if app.AllowedOrigins != nil {
		fmt.Fprintf(b, "resource \"myaccount_allowed_origins\" %q {\n  client_id = %q\n  origins = %s\n  exclusive = %t\n}\n",
			name, app.ClientID, hclList(app.AllowedOrigins), app.OriginsMode == reconciler.OriginsExclusive)
	}
	if app.WebOrigins != nil {
		fmt.Fprintf(b, "resource \"myaccount_web_origins\" %q {\n  client_id = %q\n  origins = %s\n  exclusive = %t\n}\n",
			name, app.ClientID, hclList(app.WebOrigins), app.WebOriginsMode == reconciler.OriginsExclusive)
	}
	if coa := app.CrossOriginAuthentication; coa != nil {
		fmt.Fprintf(b, "resource \"myaccount_cross_origin_auth\" %q {\n  client_id = %q\n%s}\n", name, app.ClientID, crossOriginHCL(coa))
	}
}

// clientSettingApplication writes the client settings as one
// myaccount_application, when there are any.
func clientSettingApplication(b *strings.Builder, app reconciler.Application, name string) {
	if app.AllowedOrigins == nil && app.WebOrigins == nil && app.CrossOriginAuthentication == nil {
		return
	}
	fmt.Fprintf(b, "resource \"myaccount_application\" %q {\n  client_id = %q\n", name, app.ClientID)
	if app.AllowedOrigins != nil {
		fmt.Fprintf(b, "  allowed_origins = {\n    origins = %s\n    exclusive = %t\n  }\n", hclList(app.AllowedOrigins), app.OriginsMode == reconciler.OriginsExclusive)
	}
	if app.WebOrigins != nil {
		fmt.Fprintf(b, "  web_origins = {\n    origins = %s\n    exclusive = %t\n  }\n", hclList(app.WebOrigins), app.WebOriginsMode == reconciler.OriginsExclusive)
	}
	if coa := app.CrossOriginAuthentication; coa != nil {
		fmt.Fprintf(b, "  cross_origin_auth = {\n%s  }\n", crossOriginHCL(coa))
	}
	b.WriteString("}\n")
}

// crossOriginHCL is the attributes of cross-origin authentication.
func crossOriginHCL(coa *reconciler.CrossOriginAuth) string {
	out := fmt.Sprintf("  enabled = %t\n", coa.Enabled)
	if coa.VerificationLocation != "" {
		out += fmt.Sprintf("  verification_location = %q\n", coa.VerificationLocation)
	}
	return out
}

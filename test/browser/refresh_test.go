package browser

import (
	"path/filepath"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestBrowserRefreshTokensCLI: with third-party cookies blocked, an app
// that renews with refresh tokens gets a My Account API token only after
// `myaccount apply` of a manifest with refreshTokenPolicy, and loses it
// when the manifest lets go of the policy (CheckRefreshFlow).
func TestBrowserRefreshTokensCLI(t *testing.T) {
	chromium, sim, app := startRefreshTenant(t)
	state := filepath.Join(t.TempDir(), "state.json")
	CheckRefreshFlow(t, sim, chromium, app, "cli", func(policy bool) {
		applyWithState(t, sim, RefreshManifest(sim.Domain(), app.Origin, policy), state)
	}, cliVerifyManifest(t, sim))
}

// TestBrowserRefreshTokensTerraform: the same proof around `terraform
// apply` of browserHCL, with and then without myaccount_refresh_token_policy.
func TestBrowserRefreshTokensTerraform(t *testing.T) {
	chromium, sim, app := startRefreshTenant(t)
	tf := newTerraform(t, sim)
	CheckRefreshFlow(t, sim, chromium, app, "terraform", func(policy bool) {
		hcl := browserHCL(app.Origin)
		if policy {
			hcl += refreshPolicyHCL
		}
		tf.apply(t, hcl)
	}, cliVerifyManifest(t, sim))
}

// startRefreshTenant starts the emulator and StartRefreshApp on it.
func startRefreshTenant(t *testing.T) (chromium string, sim *auth0sim.Server, app *App) {
	t.Helper()
	chromium, bundle := Tools(t)
	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	return chromium, sim, StartRefreshApp(t, sim, bundle)
}

// refreshPolicyHCL is RefreshManifest's refreshTokenPolicy as a resource.
const refreshPolicyHCL = `
resource "myaccount_refresh_token_policy" "spa" {
  client_id = "` + SPAClientID + `"
  audience  = myaccount_api.this.audience
  scopes    = ["` + ReadScope + `"]
}
`

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
	chromium, bundle := Tools(t)
	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	app := StartRefreshApp(t, sim, bundle)
	state := filepath.Join(t.TempDir(), "state.json")
	CheckRefreshFlow(t, sim, chromium, app, "cli", func(policy bool) {
		applyWithState(t, sim, RefreshManifest(sim.Domain(), app.Origin, policy), state)
	}, cliVerifyManifest(t, sim))
}

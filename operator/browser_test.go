package operator

import (
	"testing"

	"k8s.io/utils/ptr"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/test/browser"
)

// TestBrowserOperator: headless Chromium with auth0-spa-js fails before a
// MyAccountConfig configures the app, calls the My Account API once the
// operator has reconciled it, and still fails from an origin the object
// does not name (test/browser's CheckFlow).
func TestBrowserOperator(t *testing.T) {
	requireEnv(t)
	chromium, bundle := browser.Tools(t)
	f := newFixture(t, fixtureOpts{})
	app, other := browser.StartApps(t, f.sim, bundle)
	browser.CheckFlow(t, f.sim, chromium, app, other, "operator", func() {
		o := f.mac("browser", v1.ApplicationSpec{
			ClientID:                  browser.SPAClientID,
			AllowedOrigins:            origins(app.Origin),
			WebOrigins:                origins(app.Origin),
			CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true},
			UserAccess:                &v1.UserAccess{Scopes: []string{browser.ReadScope}},
		})
		o.Spec.API = &v1.APISpec{Enabled: ptr.To(true)}
		f.create(o)
		f.waitReady("browser")
	})
}

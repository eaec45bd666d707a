package operator

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
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
	}, binaryVerify(t, f.sim))
}

// TestBrowserOperatorRefreshTokens: with third-party cookies blocked, the
// refresh-token page gets a My Account token once the operator reconciles
// an object with refreshTokenPolicy, and loses it when the object lets go
// of it (test/browser's CheckRefreshFlow); the Verified condition passes
// links 9 to 11 meanwhile.
func TestBrowserOperatorRefreshTokens(t *testing.T) {
	requireEnv(t)
	chromium, bundle := browser.Tools(t)
	f := newFixture(t, fixtureOpts{})
	app := browser.StartRefreshApp(t, f.sim, bundle)
	created := false
	browser.CheckRefreshFlow(t, f.sim, chromium, app, "operator", func(policy bool) {
		spec := v1.ApplicationSpec{
			ClientID:                  browser.SPAClientID,
			AllowedOrigins:            origins(app.Origin),
			WebOrigins:                origins(app.Origin),
			CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true},
			UserAccess:                &v1.UserAccess{Scopes: []string{browser.ReadScope}},
		}
		if policy {
			spec.RefreshTokenPolicy = &v1.RefreshTokenPolicy{Scopes: []string{browser.ReadScope}}
		}
		if !created {
			o := f.mac("browser", spec)
			o.Spec.API, o.Spec.Verify = &v1.APISpec{Enabled: ptr.To(true)}, true
			f.create(o)
			created = true
		} else {
			f.update("browser", func(o *v1.MyAccountConfig) { o.Spec.Applications[0] = spec })
		}
		f.waitReady("browser")
		f.waitCondition("browser", v1.ConditionVerified, metav1.ConditionTrue, v1.ReasonAllLinksPass)
	}, binaryVerifyManifest(t, f.sim))
}

// binaryVerify runs the built binary's `verify -f` with browser.Manifest
// for an origin.
func binaryVerify(t *testing.T, sim *auth0sim.Server) browser.VerifyFunc {
	verify := binaryVerifyManifest(t, sim)
	return func(origin string) (int, string) { return verify(browser.Manifest(sim.Domain(), origin)) }
}

// binaryVerifyManifest runs the built binary's `verify -f` (this package
// cannot import the CLI, which imports it) with a manifest.
func binaryVerifyManifest(t *testing.T, sim *auth0sim.Server) browser.VerifyManifestFunc {
	dir := t.TempDir()
	bin := filepath.Join(dir, "myaccount")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/tenantcfg/myaccount").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ca := filepath.Join(dir, "ca.pem")
	if err := sim.WriteCACert(ca); err != nil {
		t.Fatal(err)
	}
	return func(text string) (int, string) {
		t.Helper()
		manifest := filepath.Join(dir, "verify.yaml")
		if err := os.WriteFile(manifest, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "verify", "-f", manifest)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "SSL_CERT_FILE=" + ca,
			"AUTH0_DOMAIN=" + sim.Domain(), "AUTH0_CLIENT_ID=" + sim.ManagementClientID(), "AUTH0_CLIENT_SECRET=" + sim.ManagementClientSecret()}
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), string(out)
		}
		if err != nil {
			t.Fatalf("myaccount verify: %v", err)
		}
		return 0, string(out)
	}
}

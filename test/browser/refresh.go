package browser

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// The app's own API, which the refresh-token page logs in for, and its
// scope.
const (
	OwnAPI   = "https://api.example.com"
	OwnScope = "read:items"
)

// StartRefreshApp serves a page that renews with refresh tokens
// (useRefreshTokens and useMrrt, the default memory cache): it logs in for
// the app's own API with offline_access, then asks getTokenSilently for a My
// Account API token, which only a refresh-token policy can give it. The
// tenant gets what the app's developer sets in the dashboard, and nothing
// of the My Account API: the app (SPAClientID, first-party) with refresh
// token rotation on, and its own API allowing offline access and skipping
// consent.
func StartRefreshApp(t *testing.T, sim *auth0sim.Server, bundle string) *App {
	t.Helper()
	app, err := startApp(bundle, pageConfig{Domain: sim.Domain(), ClientID: SPAClientID, Audience: sim.URL() + "/me/", Scope: ReadScope,
		LoginAudience: OwnAPI, LoginScope: "openid profile offline_access " + OwnScope, RefreshTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.Close() })
	sim.SeedClient(auth0sim.Client{ClientID: SPAClientID, Name: "Browser SPA", AppType: "spa", Callbacks: []string{app.Origin + "/"}})
	mc, err := mgmt.New(context.Background(), mgmt.Config{Domain: sim.Domain(), ClientID: sim.ManagementClientID(),
		ClientSecret: sim.ManagementClientSecret(), RootCAs: sim.RootCAs(), Limiter: mgmt.NewLimiter()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rotating := &management.ClientRefreshToken{RotationType: ptr("rotating"), ExpirationType: ptr("expiring"),
		TokenLifetime: ptr(2592000), IdleTokenLifetime: ptr(1296000), Leeway: ptr(0)}
	if err := mc.Management.Client.Update(ctx, SPAClientID, &management.Client{RefreshToken: rotating}); err != nil {
		t.Fatalf("turn on refresh token rotation: %v", err)
	}
	own := &management.ResourceServer{Name: ptr("App API"), Identifier: ptr(OwnAPI), AllowOfflineAccess: ptr(true),
		SkipConsentForVerifiableFirstPartyClients: ptr(true), Scopes: &[]management.ResourceServerScope{{Value: ptr(OwnScope), Description: ptr("Read items")}}}
	if err := mc.Management.ResourceServer.Create(ctx, own); err != nil {
		t.Fatalf("create the app's own API: %v", err)
	}
	return app
}

func ptr[T any](v T) *T { return &v }

// RefreshManifest is Manifest, and with policy the refresh-token policy
// for the page's My Account scope.
func RefreshManifest(domain, origin string, policy bool) string {
	m := Manifest(domain, origin)
	if policy {
		m += "      refreshTokenPolicy: {scopes: [" + ReadScope + "]}\n"
	}
	return m
}

// VerifyManifestFunc runs `myaccount verify -f` with a manifest and returns
// its exit code and output.
type VerifyManifestFunc func(manifest string) (int, string)

// CheckRefreshFlow is the browser's proof for an app that renews with
// refresh tokens, in a profile that blocks third-party cookies. apply
// configures the app through one face (named face in screenshots), with
// the refresh-token policy or without it. Without it (before, and after the
// config lets go of it) the refresh for the My Account audience comes back
// for the default audience, so the SDK refuses it (missing_scopes), and
// verify of a manifest with the policy fails on link 10 with its fix; with
// it the page calls the My Account API, and verify passes links 9 to 11.
func CheckRefreshFlow(t *testing.T, sim *auth0sim.Server, chromium string, app *App, face string, apply func(policy bool), verify VerifyManifestFunc) {
	t.Helper()
	withPolicy := RefreshManifest(sim.Domain(), app.Origin, true)
	apply(false)
	checkWithoutPolicy(t, sim, chromium, app, face+"-refresh-before-policy", verify)
	if code, out := verify(RefreshManifest(sim.Domain(), app.Origin, false)); code != 0 ||
		!strings.Contains(out, "SKIP 10 refresh-token policy for the API "+sim.URL()+"/me/: not checked: uses silent renewal in an iframe; declare refreshTokenPolicy for browsers that block third-party cookies") {
		t.Errorf("verify of the manifest without the policy: exit %d, want 0 with link 10 skipped and why\n%s", code, out)
	}

	apply(true)
	after := VisitWith(t, sim, chromium, app.Origin, ThirdPartyCookiesBlocked)
	SaveScreenshot(t, face+"-refresh-with-policy", after.Screenshot)
	if after.State != "ok" {
		t.Fatalf("with the policy the page shows %s: %s\nCORS: %v\nconsole: %v", after.State, after.Text, after.CORSErrors, after.Console)
	}
	contains(t, "with the policy", after.Text, "HTTP 200: 1 authentication method(s): password (password|")
	checkNoIframe(t, sim, after)
	code, out := verify(withPolicy)
	if code != 0 || !strings.Contains(out, "PASS 10 refresh-token policy for the API "+sim.URL()+"/me/") || !strings.Contains(out, "PASS 9 ") || !strings.Contains(out, "PASS 11 ") {
		t.Errorf("verify with the policy applied: exit %d, want 0 with links 9 to 11 passing\n%s", code, out)
	}

	apply(false)
	checkWithoutPolicy(t, sim, chromium, app, face+"-refresh-policy-released", verify)
}

// checkWithoutPolicy: the page fails as against a real tenant without the
// policy, and verify names link 10 with its fix.
func checkWithoutPolicy(t *testing.T, sim *auth0sim.Server, chromium string, app *App, shot string, verify VerifyManifestFunc) {
	t.Helper()
	res := VisitWith(t, sim, chromium, app.Origin, ThirdPartyCookiesBlocked)
	SaveScreenshot(t, shot, res.Screenshot)
	if res.State != "error" {
		t.Fatalf("%s: the page shows %s: %s", shot, res.State, res.Text)
	}
	// The refresh for /me/ is answered for the default audience (the
	// login's) without the My Account scope; auth0-spa-js refuses it.
	contains(t, shot, res.Text, "getTokenSilently: missing_scopes: Missing requested scopes after refresh (audience: '"+sim.URL()+"/me/', missing scope: '"+ReadScope+"')")
	checkNoIframe(t, sim, res)
	code, out := verify(RefreshManifest(sim.Domain(), app.Origin, true))
	want := "FAIL 10 refresh-token policy for the API " + sim.URL() + "/me/: refresh_token.policies of " + SPAClientID + " has no entry for " + sim.URL() + "/me/"
	if code != exitVerifyFailed || !strings.HasPrefix(firstFailure(out), want) ||
		!strings.Contains(out, "fix: run myaccount apply to write the entry that applications[0].refreshTokenPolicy names") {
		t.Errorf("%s: verify of the manifest with the policy: exit %d, first failure %q; want 2 and %q with its fix\n%s", shot, code, firstFailure(out), want, out)
	}
}

// checkNoIframe: the page renewed with its refresh token, never in a
// silent-renewal iframe.
func checkNoIframe(t *testing.T, sim *auth0sim.Server, res PageResult) {
	t.Helper()
	if slices.ContainsFunc(res.Requests, func(u string) bool {
		return strings.HasPrefix(u, sim.URL()+"/authorize?") && strings.Contains(u, "prompt=none")
	}) {
		t.Errorf("the page renewed in an iframe, not with its refresh token; requests: %v", res.Requests)
	}
}

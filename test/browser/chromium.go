package browser

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// SPAClientID is the app StartTenant seeds; ReadScope is the scope its page asks for.
const (
	SPAClientID = "browser_spa"
	ReadScope   = "read:me:authentication_methods"
)

// Tools finds Chromium and the SDK bundle that hack/tools.sh installs, or
// skips saying why.
func Tools(t *testing.T) (chromium, bundle string) {
	t.Helper()
	chromium = os.Getenv("MYACCOUNT_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	if _, err := os.Stat(chromium); chromium == "" || err != nil {
		t.Skip("chromium is not installed: run `bash hack/tools.sh browser` (apt-get install chromium) or set MYACCOUNT_CHROMIUM")
	}
	bundle = os.Getenv("MYACCOUNT_AUTH0_SPA_JS")
	if bundle == "" {
		home, _ := os.UserHomeDir()
		bundle = filepath.Join(home, ".cache/myaccount-tools/auth0-spa-js-2.27.0/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js")
	}
	if _, err := os.Stat(bundle); err != nil {
		t.Skipf("@auth0/auth0-spa-js 2.27.0 is not installed (%v): run `bash hack/tools.sh browser` or set MYACCOUNT_AUTH0_SPA_JS", err)
	}
	return chromium, bundle
}

// PageResult is what the page showed, with what Chromium reported on the way.
type PageResult struct {
	State string // ok or error
	Text  string
	// CORSErrors are Chromium's CORS verdicts on failed requests, as
	// "URL: CorsError" (network.EventLoadingFailed).
	CORSErrors []string
	// Console holds the browser's log entries (CORS blocks are reported there).
	Console []string
	// Requests are the URLs the browser requested, in order.
	Requests   []string
	Screenshot []byte
}

// Cookies is the profile's third-party cookie setting.
type Cookies int

const (
	// ThirdPartyCookiesAllowed, as Chrome's default is.
	ThirdPartyCookiesAllowed Cookies = iota
	// ThirdPartyCookiesBlocked, as Safari, Firefox, Brave and Chrome's
	// incognito windows do by default.
	ThirdPartyCookiesBlocked
)

// Visit opens origin's page in a fresh headless Chromium that allows
// third-party cookies, logs in as the test user when the login page
// appears, and returns what the page showed.
func Visit(t *testing.T, sim *auth0sim.Server, chromium, origin string) PageResult {
	t.Helper()
	return VisitWith(t, sim, chromium, origin, ThirdPartyCookiesAllowed)
}

// VisitWith is Visit with the profile's third-party cookie setting.
func VisitWith(t *testing.T, sim *auth0sim.Server, chromium, origin string, cookies Cookies) PageResult {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(t, sim, chromium, cookies)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 150*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var res PageResult
	if err := chromedp.Listen(ctx, recordEvents(&mu, &res)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/")); err != nil {
		t.Fatalf("open %s: %v", origin, err)
	}
	state := logInIfAsked(t, ctx)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("result")))
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	res.State, res.Text, res.Screenshot = state, text, shot
	return res
}

// allocatorOptions start a headless Chromium with a fresh profile that
// trusts the emulator's CA.
func allocatorOptions(t *testing.T, sim *auth0sim.Server, chromium string, cookies Cookies) []chromedp.ExecAllocatorOption {
	caSPKI := sha256.Sum256(parseCA(t, sim).RawSubjectPublicKeyInfo)
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profileDir(t, cookies)),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Trust the emulator's CA (its key signs the chain the emulator sends).
		chromedp.Flag("ignore-certificate-errors-spki-list", base64.StdEncoding.EncodeToString(caSPKI[:])),
		chromedp.WindowSize(1000, 700),
	}
}

// recordEvents fills res with the requests, CORS verdicts, blocked cookies
// and console lines the page produced.
func recordEvents(mu *sync.Mutex, res *PageResult) func(ev any) {
	urls := map[network.RequestID]string{}
	return func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSentExtraInfo:
			for _, ck := range e.AssociatedCookies {
				if len(ck.BlockedReasons) > 0 {
					res.Console = append(res.Console, fmt.Sprintf("cookie %s blocked: %v", ck.Cookie.Name, ck.BlockedReasons))
				}
			}
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
			res.Requests = append(res.Requests, e.Request.URL)
		case *network.EventLoadingFailed:
			if e.CorsErrorStatus != nil {
				res.CORSErrors = append(res.CORSErrors, fmt.Sprintf("%s: %s", urls[e.RequestID], e.CorsErrorStatus.CorsError))
			}
		case *log.EventEntryAdded:
			res.Console = append(res.Console, e.Entry.Text)
		}
	}
}

// logInIfAsked waits for the page, logs in as the test user when the
// login page appears, and returns the page's final state.
func logInIfAsked(t *testing.T, ctx context.Context) string {
	state := waitFor(t, ctx, pageStateJS)
	if state != "login" {
		return state
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("username"), auth0sim.TestUserEmail),
		chromedp.SendKeys(chromedp.ID("password"), auth0sim.TestUserPassword),
		chromedp.Click(chromedp.ID("login")),
	)
	if err != nil {
		t.Fatalf("fill in the login page: %v", err)
	}
	return waitFor(t, ctx, resultStateJS)
}

// profileDir is a fresh profile that allows third-party cookies, as
// Chrome does by default, or blocks them. (This Chromium blocks them
// unless told, which keeps the emulator's session out of the
// silent-renewal iframe: browsers that block them cannot renew in an
// iframe at all, and need refresh tokens.) Every other preference is the
// browser's default.
func profileDir(t *testing.T, cookies Cookies) string {
	t.Helper()
	dir := t.TempDir()
	prefs := `{"profile":{"cookie_controls_mode":0,"block_third_party_cookies":false}}`
	if cookies == ThirdPartyCookiesBlocked {
		prefs = `{"profile":{"cookie_controls_mode":1,"block_third_party_cookies":true}}`
	}
	if err := os.MkdirAll(filepath.Join(dir, "Default"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageStateJS: "login" on the emulator's login page, else the app page's
// final state, else "" (still going).
const pageStateJS = `(() => {
  if (document.getElementById('password')) return 'login';
  return ` + resultStateJS + `;
})()`

const resultStateJS = `(() => {
  const r = document.getElementById('result');
  return r && (r.dataset.state === 'ok' || r.dataset.state === 'error') ? r.dataset.state : '';
})()`

// waitFor polls expr until it gives a non-empty string (bounded by ctx).
func waitFor(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	var err error
	for {
		var s string
		s, err = chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err == nil && s != "" {
			return s
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the page never settled: %v (last evaluation: %v)", ctx.Err(), err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func SaveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := t.TempDir()
	if d := os.Getenv("MYACCOUNT_SCREENSHOT_DIR"); d != "" {
		dir = d
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// StartTenant starts the emulator and StartApps on it.
func StartTenant(t *testing.T, bundle string) (sim *auth0sim.Server, a, b *App) {
	t.Helper()
	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	a, b = StartApps(t, sim, bundle)
	return sim, a, b
}

// StartApps serves two copies of the app on two origins and seeds the app
// (an SPA, SPAClientID) with both callbacks, as its dashboard would, and
// nothing else.
func StartApps(t *testing.T, sim *auth0sim.Server, bundle string) (a, b *App) {
	t.Helper()
	cfg := pageConfig{Domain: sim.Domain(), ClientID: SPAClientID, Audience: sim.URL() + "/me/", Scope: ReadScope, LoginAudience: sim.URL() + "/me/"}
	for _, p := range []**App{&a, &b} {
		app, err := startApp(bundle, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = app.Close() })
		*p = app
	}
	sim.SeedClient(auth0sim.Client{ClientID: SPAClientID, Name: "Browser SPA", AppType: "spa", Callbacks: []string{a.Origin + "/", b.Origin + "/"}})
	return a, b
}

func parseCA(t *testing.T, sim *auth0sim.Server) *x509.Certificate {
	t.Helper()
	blk, _ := pem.Decode(sim.CACertPEM())
	if blk == nil {
		t.Fatal("no CA certificate")
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Manifest configures the app on origin for the My Account API.
func Manifest(domain, origin string) string {
	return `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: browser}
spec:
  domain: ` + domain + `
  api: {enabled: true, userAccessPolicy: require_client_grant}
  applications:
    - clientId: ` + SPAClientID + `
      allowedOrigins: [` + origin + `]
      webOrigins: [` + origin + `]
      crossOriginAuthentication: {enabled: true}
      userAccess: {scopes: [` + ReadScope + `]}
`
}

// firstFailure is verify's first FAIL line, trimmed.
func firstFailure(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "FAIL ") {
			return l
		}
	}
	return ""
}

// VerifyFunc runs `myaccount verify -f` with Manifest for origin and
// returns its exit code and output.
type VerifyFunc func(origin string) (int, string)

// exitVerifyFailed is verify's exit code when a link fails.
const exitVerifyFailed = 2

// CheckFlow is the browser's proof around apply, which configures app's
// origin through one face (named face in screenshots): before it the page
// fails because the My Account API is not active, after it the page lists
// the test user's authentication methods, and other (an origin apply does
// not name, though a callback of the app) fails with a CORS block. In each
// case verify agrees with the page.
func CheckFlow(t *testing.T, sim *auth0sim.Server, chromium string, app, other *App, face string, apply func(), verify VerifyFunc) {
	t.Helper()
	before := Visit(t, sim, chromium, app.Origin)
	SaveScreenshot(t, face+"-"+"before-apply", before.Screenshot)
	if before.State != "error" {
		t.Fatalf("before apply the page shows %s: %s", before.State, before.Text)
	}
	// The My Account API is not active: /authorize refuses the audience and
	// the SDK throws it from handleRedirectCallback.
	contains(t, "before apply", before.Text, "handleRedirectCallback: access_denied: Service not found: "+sim.URL()+"/me/")
	// verify agrees: link 1 fails.
	code, out := verify(app.Origin)
	if code != exitVerifyFailed || !strings.HasPrefix(firstFailure(out), "FAIL 1 My Account API active") {
		t.Errorf("verify before apply: exit %d, first failure %q; want 2 and link 1\n%s", code, firstFailure(out), out)
	}

	apply()

	preflights, tokens, calls, mgmt := sim.Preflights(), sim.TokenRequests(), sim.MyAccountRequests(), sim.Total()
	after := Visit(t, sim, chromium, app.Origin)
	t.Logf("%s: the page's login and call took %d preflight(s), %d token request(s), %d My Account API request(s) and %d Management API request(s)",
		face, sim.Preflights()-preflights, sim.TokenRequests()-tokens, sim.MyAccountRequests()-calls, sim.Total()-mgmt)
	SaveScreenshot(t, face+"-"+"after-apply", after.Screenshot)
	if after.State != "ok" {
		t.Fatalf("after apply the page shows %s: %s\nCORS: %v\nconsole: %v", after.State, after.Text, after.CORSErrors, after.Console)
	}
	contains(t, "after apply", after.Text, "HTTP 200: 1 authentication method(s): password (password|")
	if len(after.CORSErrors) > 0 {
		t.Errorf("after apply Chromium still reports CORS errors: %v", after.CORSErrors)
	}
	if code, out := verify(app.Origin); code != 0 || !strings.Contains(out, "Verified: every link passes") {
		t.Errorf("verify after apply: exit %d, want 0 as the browser succeeded\n%s", code, out)
	}

	unlisted := Visit(t, sim, chromium, other.Origin)
	SaveScreenshot(t, face+"-"+"unconfigured-origin", unlisted.Screenshot)
	if unlisted.State != "error" {
		t.Fatalf("the unconfigured origin's page shows %s: %s", unlisted.State, unlisted.Text)
	}
	// The code exchange is the first cross-origin call: Chromium blocks it.
	contains(t, "unconfigured origin", unlisted.Text, "handleRedirectCallback:", "Failed to fetch")
	contains(t, "unconfigured origin's CORS verdicts", strings.Join(unlisted.CORSErrors, "\n"), sim.URL()+"/oauth/token: ")
	contains(t, "unconfigured origin's console", strings.Join(unlisted.Console, "\n"), "has been blocked by CORS policy")
	// verify of a manifest naming that origin (not applied) agrees: link 5 fails.
	code, out = verify(other.Origin)
	if want := "FAIL 5 CORS preflight from " + other.Origin; code != exitVerifyFailed || !strings.HasPrefix(firstFailure(out), want) {
		t.Errorf("verify of the unconfigured origin: exit %d, first failure %q; want 2 and %q\n%s", code, firstFailure(out), want, out)
	}
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q lacks %q", what, got, w)
		}
	}
}

package browser

import (
	"bytes"
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
	"github.com/tenantcfg/myaccount/internal/cli"
)

const (
	spaClientID = "browser_spa"
	readScope   = "read:me:authentication_methods"
)

// tools finds Chromium and the SDK bundle that hack/tools.sh installs, or
// skips saying why.
func tools(t *testing.T) (chromium, bundle string) {
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

// pageResult is what the page showed, with what Chromium reported on the way.
type pageResult struct {
	State string // ok or error
	Text  string
	// CORSErrors are Chromium's CORS verdicts on failed requests, as
	// "URL: CorsError" (network.EventLoadingFailed).
	CORSErrors []string
	// Console holds the browser's log entries (CORS blocks are reported there).
	Console    []string
	Screenshot []byte
}

// visit opens origin's page in a fresh headless Chromium, logs in as the
// test user when the login page appears, and returns what the page showed.
func visit(t *testing.T, sim *auth0sim.Server, chromium, origin string) pageResult {
	t.Helper()
	caSPKI := sha256.Sum256(parseCA(t, sim).RawSubjectPublicKeyInfo)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Trust the emulator's CA (its key signs the chain the emulator sends).
		chromedp.Flag("ignore-certificate-errors-spki-list", base64.StdEncoding.EncodeToString(caSPKI[:])),
		chromedp.WindowSize(1000, 700),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var res pageResult
	urls := map[network.RequestID]string{}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
		case *network.EventLoadingFailed:
			if e.CorsErrorStatus != nil {
				res.CORSErrors = append(res.CORSErrors, fmt.Sprintf("%s: %s", urls[e.RequestID], e.CorsErrorStatus.CorsError))
			}
		case *log.EventEntryAdded:
			res.Console = append(res.Console, e.Entry.Text)
		}
	}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/")); err != nil {
		t.Fatalf("open %s: %v", origin, err)
	}
	state := waitFor(t, ctx, pageStateJS)
	if state == "login" {
		err := chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("username"), auth0sim.TestUserEmail),
			chromedp.SendKeys(chromedp.ID("password"), auth0sim.TestUserPassword),
			chromedp.Click(chromedp.ID("login")),
		)
		if err != nil {
			t.Fatalf("fill in the login page: %v", err)
		}
		state = waitFor(t, ctx, resultStateJS)
	}
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

func saveScreenshot(t *testing.T, name string, png []byte) {
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

// applyManifest runs `myaccount apply -f` in process against the emulator.
func applyManifest(t *testing.T, sim *auth0sim.Server, manifest string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "myaccount.yaml")
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"AUTH0_DOMAIN": sim.Domain(), "AUTH0_CLIENT_ID": sim.ManagementClientID(), "AUTH0_CLIENT_SECRET": sim.ManagementClientSecret()}
	var out bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return vars[k] }, RootCAs: sim.RootCAs()},
		[]string{"apply", "-f", path, "--state", filepath.Join(dir, "state.json")})
	if code != 0 {
		t.Fatalf("myaccount apply: exit %d\n%s", code, out.String())
	}
	return out.String()
}

// browserManifest configures the app on origin for the My Account API.
func browserManifest(domain, origin string) string {
	return `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: browser}
spec:
  domain: ` + domain + `
  api: {enabled: true, userAccessPolicy: require_client_grant}
  applications:
    - clientId: ` + spaClientID + `
      allowedOrigins: [` + origin + `]
      webOrigins: [` + origin + `]
      crossOriginAuthentication: {enabled: true}
      userAccess: {scopes: [` + readScope + `]}
`
}

// browserTenant starts the emulator and two copies of the app on two
// origins; the app (an SPA) lists both callbacks, as its dashboard would,
// and nothing else.
func browserTenant(t *testing.T, bundle string) (sim *auth0sim.Server, a, b *appServer) {
	t.Helper()
	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	cfg := pageConfig{Domain: sim.Domain(), ClientID: spaClientID, Audience: sim.URL() + "/me/", Scope: readScope}
	for _, p := range []**appServer{&a, &b} {
		app, err := startApp(bundle, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = app.Close() })
		*p = app
	}
	sim.SeedClient(auth0sim.Client{ClientID: spaClientID, Name: "Browser SPA", AppType: "spa", Callbacks: []string{a.Origin + "/", b.Origin + "/"}})
	return sim, a, b
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q lacks %q", what, got, w)
		}
	}
}

// TestBrowserCLIApply: before `myaccount apply` the page fails, after it the
// page lists the user's authentication methods, and an origin the manifest
// does not name still fails with a CORS block.
func TestBrowserCLIApply(t *testing.T) {
	chromium, bundle := tools(t)
	sim, app, other := browserTenant(t, bundle)

	before := visit(t, sim, chromium, app.Origin)
	saveScreenshot(t, "before-apply", before.Screenshot)
	if before.State != "error" {
		t.Fatalf("before apply the page shows %s: %s", before.State, before.Text)
	}
	// The My Account API is not active: /authorize refuses the audience and
	// the SDK throws it from handleRedirectCallback.
	contains(t, "before apply", before.Text, "handleRedirectCallback: access_denied: Service not found: "+sim.URL()+"/me/")

	out := applyManifest(t, sim, browserManifest(sim.Domain(), app.Origin))
	contains(t, "apply output", out, app.Origin)

	after := visit(t, sim, chromium, app.Origin)
	saveScreenshot(t, "after-apply", after.Screenshot)
	if after.State != "ok" {
		t.Fatalf("after apply the page shows %s: %s\nCORS: %v\nconsole: %v", after.State, after.Text, after.CORSErrors, after.Console)
	}
	contains(t, "after apply", after.Text, "HTTP 200: 1 authentication method(s): password (password|")
	if len(after.CORSErrors) > 0 {
		t.Errorf("after apply Chromium still reports CORS errors: %v", after.CORSErrors)
	}

	unlisted := visit(t, sim, chromium, other.Origin)
	saveScreenshot(t, "unconfigured-origin", unlisted.Screenshot)
	if unlisted.State != "error" {
		t.Fatalf("the unconfigured origin's page shows %s: %s", unlisted.State, unlisted.Text)
	}
	// The code exchange is the first cross-origin call: Chromium blocks it.
	contains(t, "unconfigured origin", unlisted.Text, "handleRedirectCallback:", "Failed to fetch")
	contains(t, "unconfigured origin's CORS verdicts", strings.Join(unlisted.CORSErrors, "\n"), sim.URL()+"/oauth/token: ")
	contains(t, "unconfigured origin's console", strings.Join(unlisted.Console, "\n"), "has been blocked by CORS policy")
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

package browser

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
)

// ApplyManifest runs `myaccount apply -f` in process against the emulator.
func ApplyManifest(t *testing.T, sim *auth0sim.Server, manifest string) string {
	t.Helper()
	return applyWithState(t, sim, manifest, filepath.Join(t.TempDir(), "state.json"))
}

// applyWithState is ApplyManifest with the state file of earlier runs, so
// that a manifest that lets go of a setting releases it.
func applyWithState(t *testing.T, sim *auth0sim.Server, manifest, state string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "myaccount.yaml")
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := runCLI(sim, "apply", "-f", path, "--state", state)
	if code != 0 {
		t.Fatalf("myaccount apply: exit %d\n%s", code, out)
	}
	return out
}

// runCLI runs myaccount in process with the emulator's management
// credentials and CA; it returns the exit code and what it printed.
func runCLI(sim *auth0sim.Server, args ...string) (int, string) {
	vars := map[string]string{"AUTH0_DOMAIN": sim.Domain(), "AUTH0_CLIENT_ID": sim.ManagementClientID(), "AUTH0_CLIENT_SECRET": sim.ManagementClientSecret()}
	var out bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return vars[k] }, RootCAs: sim.RootCAs()}, args)
	return code, out.String()
}

// cliVerify runs `myaccount verify -f` in process with Manifest for origin;
// it returns the exit code and what verify printed.
func cliVerify(t *testing.T, sim *auth0sim.Server) VerifyFunc {
	verify := cliVerifyManifest(t, sim)
	return func(origin string) (int, string) { return verify(Manifest(sim.Domain(), origin)) }
}

// cliVerifyManifest runs `myaccount verify -f` in process with a manifest.
func cliVerifyManifest(t *testing.T, sim *auth0sim.Server) VerifyManifestFunc {
	return func(manifest string) (int, string) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "verify.yaml")
		if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
		return runCLI(sim, "verify", "-f", path)
	}
}

// TestBrowserCLIApply: the browser flow around `myaccount apply -f`.
func TestBrowserCLIApply(t *testing.T) {
	chromium, bundle := Tools(t)
	sim, app, other := StartTenant(t, bundle)
	CheckFlow(t, sim, chromium, app, other, "cli", func() {
		out := ApplyManifest(t, sim, Manifest(sim.Domain(), app.Origin))
		contains(t, "apply output", out, app.Origin)
	}, cliVerify(t, sim))
}

// TestBrowserTerraformApply: the same flow around `terraform apply` of the
// equivalent HCL, with the real Terraform CLI and the built provider.
func TestBrowserTerraformApply(t *testing.T) {
	chromium, bundle := Tools(t)
	sim, app, other := StartTenant(t, bundle)
	CheckFlow(t, sim, chromium, app, other, "terraform", func() {
		out := terraformApply(t, sim, browserHCL(app.Origin))
		contains(t, "terraform apply", out, "Apply complete! Resources: 5 added")
	}, cliVerify(t, sim))
}

// browserHCL is browserManifest in this provider's resources.
func browserHCL(origin string) string {
	return `terraform {
  required_providers {
    myaccount = { source = "tenantcfg/myaccount" }
  }
}

provider "myaccount" {}

resource "myaccount_api" "this" {
  user_access_policy = "require_client_grant"
  deletion_policy    = "retain"
}

resource "myaccount_allowed_origins" "spa" {
  client_id = "` + SPAClientID + `"
  origins   = ["` + origin + `"]
}

resource "myaccount_web_origins" "spa" {
  client_id = "` + SPAClientID + `"
  origins   = ["` + origin + `"]
}

resource "myaccount_cross_origin_auth" "spa" {
  client_id = "` + SPAClientID + `"
  enabled   = true
}

resource "myaccount_user_access" "spa" {
  client_id = "` + SPAClientID + `"
  audience  = myaccount_api.this.audience
  scopes    = ["` + ReadScope + `"]
}
`
}

// terraformApply runs `terraform apply` of mainTF in a new working
// directory (terraformWorkspace).
func terraformApply(t *testing.T, sim *auth0sim.Server, mainTF string) string {
	t.Helper()
	return newTerraform(t, sim).apply(t, mainTF)
}

// terraformWorkspace is a working directory for the real Terraform CLI
// (hack/tools.sh builds it) with this module's provider through
// dev_overrides; its state carries from one apply to the next.
type terraformWorkspace struct {
	tf, work string
	env      []string
}

func newTerraform(t *testing.T, sim *auth0sim.Server) *terraformWorkspace {
	t.Helper()
	tf := os.Getenv("MYACCOUNT_TERRAFORM")
	if tf == "" {
		home, _ := os.UserHomeDir()
		tf = filepath.Join(home, ".cache/myaccount-tools/terraform-1.5.7/terraform")
	}
	if _, err := os.Stat(tf); err != nil {
		t.Fatalf("terraform is not built (%v): run `make tools` or `bash hack/tools.sh terraform`", err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-myaccount"), "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build the provider: %v\n%s", err, out)
	}
	ca := filepath.Join(tmp, "ca.pem")
	if err := sim.WriteCACert(ca); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(tmp, "dev.tfrc")
	w := &terraformWorkspace{tf: tf, work: filepath.Join(tmp, "work"), env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp,
		"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_DATA_DIR=" + filepath.Join(tmp, "tfdata"),
		"AUTH0_DOMAIN=" + sim.Domain(), "AUTH0_CLIENT_ID=" + sim.ManagementClientID(),
		"AUTH0_CLIENT_SECRET=" + sim.ManagementClientSecret(), "SSL_CERT_FILE=" + ca,
	}}
	if err := os.MkdirAll(w.work, 0o755); err != nil {
		t.Fatal(err)
	}
	rcText := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tenantcfg/myaccount\" = %q\n  }\n  direct {}\n}\n", bin)
	if err := os.WriteFile(rc, []byte(rcText), 0o644); err != nil {
		t.Fatal(err)
	}
	return w
}

// apply writes mainTF and runs `terraform apply`.
func (w *terraformWorkspace) apply(t *testing.T, mainTF string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.work, "main.tf"), []byte(mainTF), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(w.tf, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir, cmd.Env = w.work, w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	return string(out)
}

// TestBrowserSilentRenewalNeedsWebOrigins: the page logs in without the API,
// so getTokenSilently renews in a hidden iframe (prompt=none,
// response_mode=web_message) on the emulator's session. It works while the
// origin is in web_origins; without it the emulator posts nothing and the
// SDK times out, which verify reports as link 7's warning.
func TestBrowserSilentRenewalNeedsWebOrigins(t *testing.T) {
	chromium, bundle := Tools(t)
	sim, app := startIframeApp(t, bundle)

	renewed := Visit(t, sim, chromium, app.Origin)
	SaveScreenshot(t, "silent-renewal", renewed.Screenshot)
	if renewed.State != "ok" {
		t.Fatalf("with web_origins the page shows %s: %s\nconsole: %v", renewed.State, renewed.Text, renewed.Console)
	}
	if !slices.ContainsFunc(renewed.Requests, func(u string) bool {
		return strings.HasPrefix(u, sim.URL()+"/authorize?") && strings.Contains(u, "response_mode=web_message") && strings.Contains(u, "prompt=none")
	}) {
		t.Errorf("the token did not come from a silent renewal in an iframe; requests: %v", renewed.Requests)
	}

	if err := sim.EditClient(SPAClientID, func(c *auth0sim.Client) { c.WebOrigins = nil }); err != nil {
		t.Fatal(err)
	}
	refused := Visit(t, sim, chromium, app.Origin)
	SaveScreenshot(t, "silent-renewal-without-web-origins", refused.Screenshot)
	if refused.State != "error" {
		t.Fatalf("without web_origins the page shows %s: %s", refused.State, refused.Text)
	}
	contains(t, "without web_origins", refused.Text, "getTokenSilently: timeout")
	code, out := cliVerify(t, sim)(app.Origin)
	if code != 0 || !strings.Contains(out, "WARN 7 origins in web_origins for silent renewal") {
		t.Errorf("verify without web_origins: exit %d, want 0 with link 7's warning\n%s", code, out)
	}
}

// startIframeApp starts the emulator with a page that logs in without the
// API, so that getTokenSilently renews in an iframe, and applies Manifest.
func startIframeApp(t *testing.T, bundle string) (*auth0sim.Server, *App) {
	t.Helper()
	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	app, err := startApp(bundle, pageConfig{Domain: sim.Domain(), ClientID: SPAClientID, Audience: sim.URL() + "/me/", Scope: ReadScope})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.Close() })
	sim.SeedClient(auth0sim.Client{ClientID: SPAClientID, Name: "Browser SPA", AppType: "spa", Callbacks: []string{app.Origin + "/"}})
	ApplyManifest(t, sim, Manifest(sim.Domain(), app.Origin))
	return sim, app
}

// TestBrowserSilentRenewalBlockedThirdPartyCookies: the same iframe path
// in a profile that blocks third-party cookies, as Safari, Firefox and
// Brave do: the iframe carries no session, so the renewal ends in
// login_required although the origin is in web_origins. verify cannot see
// the browser; it says, on links 9 to 11, that this path needs them allowed
// and that refresh tokens need refreshTokenPolicy.
func TestBrowserSilentRenewalBlockedThirdPartyCookies(t *testing.T) {
	chromium, bundle := Tools(t)
	sim, app := startIframeApp(t, bundle)
	res := VisitWith(t, sim, chromium, app.Origin, ThirdPartyCookiesBlocked)
	SaveScreenshot(t, "silent-renewal-third-party-cookies-blocked", res.Screenshot)
	if res.State != "error" {
		t.Fatalf("with third-party cookies blocked the page shows %s: %s", res.State, res.Text)
	}
	contains(t, "third-party cookies blocked", res.Text, "getTokenSilently: login_required")
	if !slices.ContainsFunc(res.Requests, func(u string) bool {
		return strings.HasPrefix(u, sim.URL()+"/authorize?") && strings.Contains(u, "response_mode=web_message") && strings.Contains(u, "prompt=none")
	}) {
		t.Errorf("the page did not try a silent renewal in an iframe; requests: %v", res.Requests)
	}
	code, out := cliVerify(t, sim)(app.Origin)
	if code != 0 || !strings.Contains(out, "SKIP 9 refresh tokens rotate, as a browser app needs: not checked: uses silent renewal in an iframe; declare refreshTokenPolicy for browsers that block third-party cookies") {
		t.Errorf("verify: exit %d, want 0 with link 9 skipped and why\n%s", code, out)
	}
}

// TestBrowserBrokenLinks breaks one link of the chain out of band after
// `myaccount apply` (as a dashboard edit would) and checks that the page
// fails the way a browser does and that verify names that link first.
func TestBrowserBrokenLinks(t *testing.T) {
	chromium, bundle := Tools(t)
	cases := []struct {
		name     string
		brk      func(t *testing.T, sim *auth0sim.Server)
		page     []string // what the page shows
		link     string   // verify's first failing line starts with it
		corsCall string   // the call Chromium blocks, or ""
	}{
		{
			name: "grant without the read scope",
			brk: func(t *testing.T, sim *auth0sim.Server) {
				for _, g := range sim.Grants() {
					if err := sim.EditGrant(g.ID, func(g *auth0sim.ClientGrant) { g.Scope = []string{"create:me:authentication_methods"} }); err != nil {
						t.Fatal(err)
					}
				}
			},
			page: []string{"fetch /me/v1/authentication-methods: HTTP 403", "Insufficient scope, expected all of: " + ReadScope},
			link: "FAIL 2 user grant for the client",
		},
		{
			name: "user access policy deny_all",
			brk: func(t *testing.T, sim *auth0sim.Server) {
				if err := sim.EditResourceServer(sim.URL()+"/me/", func(r *auth0sim.ResourceServer) { r.UserPolicy = "deny_all" }); err != nil {
					t.Fatal(err)
				}
			},
			page: []string{"handleRedirectCallback: access_denied:", "user access policy is deny_all"},
			link: "FAIL 3 user access policy lets the grant work",
		},
		{
			name: "cross-origin authentication off",
			brk: func(t *testing.T, sim *auth0sim.Server) {
				if err := sim.EditClient(SPAClientID, func(c *auth0sim.Client) { c.CrossOriginAuthentication = false }); err != nil {
					t.Fatal(err)
				}
			},
			page:     []string{"handleRedirectCallback:", "Failed to fetch"},
			link:     "FAIL 6 cross-origin authentication on",
			corsCall: "/oauth/token",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, app, _ := StartTenant(t, bundle)
			ApplyManifest(t, sim, Manifest(sim.Domain(), app.Origin))
			c.brk(t, sim)
			res := Visit(t, sim, chromium, app.Origin)
			SaveScreenshot(t, "broken-"+strings.ReplaceAll(c.name, " ", "-"), res.Screenshot)
			if res.State != "error" {
				t.Fatalf("the page shows %s: %s", res.State, res.Text)
			}
			contains(t, "page", res.Text, c.page...)
			if c.corsCall != "" {
				contains(t, "Chromium's CORS verdicts", strings.Join(res.CORSErrors, "\n"), sim.URL()+c.corsCall+": ")
			}
			code, out := cliVerify(t, sim)(app.Origin)
			if code != exitVerifyFailed || !strings.HasPrefix(firstFailure(out), c.link) {
				t.Errorf("verify: exit %d, first failure %q; want 2 and %q\n%s", code, firstFailure(out), c.link, out)
			}
		})
	}
}

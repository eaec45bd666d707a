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

// cliVerify runs `myaccount verify -f` in process with Manifest for origin;
// it returns the exit code and what verify printed.
func cliVerify(t *testing.T, sim *auth0sim.Server) VerifyFunc {
	return func(origin string) (int, string) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "verify.yaml")
		if err := os.WriteFile(path, []byte(Manifest(sim.Domain(), origin)), 0o644); err != nil {
			t.Fatal(err)
		}
		vars := map[string]string{"AUTH0_DOMAIN": sim.Domain(), "AUTH0_CLIENT_ID": sim.ManagementClientID(), "AUTH0_CLIENT_SECRET": sim.ManagementClientSecret()}
		var out bytes.Buffer
		code := cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return vars[k] }, RootCAs: sim.RootCAs()},
			[]string{"verify", "-f", path})
		return code, out.String()
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

// terraformApply runs `terraform apply` with the real CLI (hack/tools.sh
// builds it) and this module's provider through dev_overrides.
func terraformApply(t *testing.T, sim *auth0sim.Server, mainTF string) string {
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
	work := filepath.Join(tmp, "work")
	for path, content := range map[string]string{
		rc:                             fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tenantcfg/myaccount\" = %q\n  }\n  direct {}\n}\n", bin),
		filepath.Join(work, "main.tf"): mainTF,
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(tf, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir = work
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp,
		"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_DATA_DIR=" + filepath.Join(tmp, "tfdata"),
		"AUTH0_DOMAIN=" + sim.Domain(), "AUTH0_CLIENT_ID=" + sim.ManagementClientID(),
		"AUTH0_CLIENT_SECRET=" + sim.ManagementClientSecret(), "SSL_CERT_FILE=" + ca,
	}
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

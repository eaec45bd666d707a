package provider

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestQuickstartWithDevOverrides applies examples/terraform/quickstart with
// the real Terraform CLI and the built provider binary installed through
// dev_overrides, as the README says, against a fresh emulator seeded like
// `myaccount sim`. It checks that a second plan is empty, that an edit
// outside Terraform makes `plan -detailed-exitcode` exit 2 naming the
// attribute, and it reports the Management API requests of one plan.
//
// It runs under both Terraform (1.5.7) and OpenTofu (1.10.7), the versions
// hack/tools.sh builds and the README names.
func TestQuickstartWithDevOverrides(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider binary")
	}
	for _, c := range []struct{ name, bin string }{{"terraform", terraformPath()}, {"tofu", tofuPath()}} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := os.Stat(c.bin); err != nil {
				t.Fatalf("%s is not built at %s (%v): run `make tools` (or `bash hack/tools.sh %s`)", c.name, c.bin, err, c.name)
			}
			testQuickstart(t, c.bin)
		})
	}
}

// tofuPath is the OpenTofu CLI hack/tools.sh builds.
func tofuPath() string {
	if p := os.Getenv("MYACCOUNT_TOFU"); p != "" {
		return p
	}
	return filepath.Join(filepath.Dir(filepath.Dir(terraformPath())), "tofu-1.10.7", "tofu")
}

func testQuickstart(t *testing.T, cli string) {
	qs := startQuickstartSim(t)
	src, err := os.ReadFile(filepath.Join("..", "examples", "terraform", "quickstart", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	tf := cliWorkspace(t, qs, string(src), cli)

	if out, code := tf("apply", "-auto-approve", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform apply exited %d:\n%s", code, out)
	}
	if out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("the second plan is not empty (exit %d):\n%s", code, out)
	}

	// One in-sync plan: the refresh should cost one read per resource.
	qs.ResetCounts()
	tokens := qs.TokenRequests()
	if out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("plan exited %d:\n%s", code, out)
	}
	// Six resources on two clients; only the SPA's client settings read a
	// client, so: the SPA, the API and the audience's grant list.
	const want = 3
	reads, writes := qs.Total(), qs.Writes()
	t.Logf("terraform plan of the quickstart (6 resources): %d Management API requests (%d writes) %v, plus %d token request(s)",
		reads, writes, qs.Counts(), qs.TokenRequests()-tokens)
	if writes != 0 {
		t.Errorf("plan made %d writes", writes)
	}
	if reads > want {
		t.Errorf("plan made %d Management API requests, want at most %d: one per client read, one of the API, one grant list", reads, want)
	}

	// A dashboard edit: drift, exit code 2, the attribute named in the plan.
	if err := qs.EditClient("spa_demo_client", func(c *auth0sim.Client) { c.CrossOriginAuthentication = false }); err != nil {
		t.Fatal(err)
	}
	out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if code != 2 {
		t.Fatalf("plan after an outside edit exited %d, want 2:\n%s", code, out)
	}
	if !strings.Contains(out, "~ enabled") || !strings.Contains(out, "false -> true") {
		t.Errorf("the drift plan does not show enabled false -> true:\n%s", out)
	}
	if out, code := tf("apply", "-auto-approve", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform apply (fix drift) exited %d:\n%s", code, out)
	}
	if out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("plan after fixing drift exited %d:\n%s", code, out)
	}
	if out, code := tf("destroy", "-auto-approve", "-input=false", "-no-color"); code != 0 {
		t.Fatalf("terraform destroy exited %d:\n%s", code, out)
	}
	// Merge mode kept the app's own origin; destroy removed only ours.
	spa, _ := qs.GetClient("spa_demo_client")
	if strings.Join(spa.AllowedOrigins, ",") != "https://legacy.example.com" {
		t.Errorf("after destroy the SPA's origins are %v, want [https://legacy.example.com]", spa.AllowedOrigins)
	}
	// The SPA had cross-origin authentication off and no location before.
	if spa.CrossOriginAuthentication || spa.CrossOriginLoc != "" {
		t.Errorf("after destroy the SPA has cross_origin_authentication=%t cross_origin_loc=%q, want false and none",
			spa.CrossOriginAuthentication, spa.CrossOriginLoc)
	}
	for _, g := range qs.Grants() {
		if g.SubjectType == "user" {
			t.Errorf("after destroy client %s still has user grant %s %v", g.ClientID, g.ID, g.Scope)
		}
	}
	// deletion_policy = "retain": the API stays active.
	if _, ok := qs.GetResourceServerByIdentifier(reconciler.AudienceFor(qs.Domain())); !ok {
		t.Error("after destroy with deletion_policy = \"retain\" the My Account API is not active")
	}
}

// terraformWorkspace is a directory holding mainTF, run by the real
// Terraform CLI with the provider binary installed through dev_overrides, as
// the README says, against s. It returns a function that runs terraform
// there and returns its output and exit code.
func terraformWorkspace(t testing.TB, s *auth0sim.Server, mainTF string) func(args ...string) (string, int) {
	t.Helper()
	return cliWorkspace(t, s, mainTF, terraformPath())
}

// cliWorkspace is terraformWorkspace run by the CLI at path cli (terraform or
// tofu).
func cliWorkspace(t testing.TB, s *auth0sim.Server, mainTF, cli string) func(args ...string) (string, int) {
	t.Helper()
	command := cliCommand(t, s, mainTF, cli)
	return func(args ...string) (string, int) {
		t.Helper()
		cmd := command(args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return out.String(), exit.ExitCode()
		}
		if err != nil {
			t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
		}
		return out.String(), 0
	}
}

// cliCommand is cliWorkspace's command, not started, for a caller that
// signals it.
func cliCommand(t testing.TB, s *auth0sim.Server, mainTF, cli string) func(args ...string) *exec.Cmd {
	t.Helper()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-myaccount"), "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build the provider: %v\n%s", err, out)
	}
	ca := filepath.Join(tmp, "ca.pem")
	if err := s.WriteCACert(ca); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(tmp, "dev.tfrc")
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"tenantcfg/myaccount\" = %q\n  }\n  direct {}\n}\n", bin))
	work := filepath.Join(tmp, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(work, "main.tf"), mainTF)
	env := append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"TF_DATA_DIR="+filepath.Join(tmp, "tfdata"),
		"AUTH0_DOMAIN="+s.Domain(),
		"AUTH0_CLIENT_ID="+s.ManagementClientID(),
		"AUTH0_CLIENT_SECRET="+s.ManagementClientSecret(),
		"SSL_CERT_FILE="+ca,
	)
	return func(args ...string) *exec.Cmd {
		cmd := exec.Command(cli, args...)
		cmd.Dir, cmd.Env = work, env
		return cmd
	}
}

// startQuickstartSim starts an emulator seeded like `myaccount sim`'s default.
func startQuickstartSim(t *testing.T) *auth0sim.Server {
	t.Helper()
	s, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SeedClient(auth0sim.Client{ClientID: "spa_demo_client", Name: "Demo SPA", AppType: "spa",
		AllowedOrigins: []string{"https://legacy.example.com"}})
	s.SeedClient(auth0sim.Client{ClientID: "native_demo_client", Name: "Demo Native", AppType: "native"})
	s.SeedCustomDomain("login.example.com", "ready")
	return s
}

// cleanEnv is the test's environment without settings that would leak into
// the spawned Terraform (and provider) processes.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AUTH0_") || strings.HasPrefix(k, "TF_") || k == "SSL_CERT_FILE" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

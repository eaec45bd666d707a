package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestFaultMatrixTerraform runs the commit-then-drop matrix through the real
// Terraform CLI: `terraform apply` until it succeeds, then `terraform
// destroy` until it succeeds. Each command talks to a fresh provider served
// from this process (as a provider process per command), so nothing is
// remembered between runs except what Terraform saved: the state and the
// private state the provider recorded before each write. With outage 5 the
// provider's six attempts at the write all fail, so the command fails right
// after the write.
func TestFaultMatrixTerraform(t *testing.T) {
	runFaultMatrixTerraform(t, clientSettingResources, false)
}

// TestFaultMatrixTerraformApplication is the matrix with each application's
// client settings in one myaccount_application, which joins their writes:
// a fault past its last write never fires, and that case is skipped.
func TestFaultMatrixTerraformApplication(t *testing.T) {
	runFaultMatrixTerraform(t, clientSettingApplication, true)
}

func runFaultMatrixTerraform(t *testing.T, settings clientSettingsHCL, joinsWrites bool) {
	for _, outage := range []int{0, 5} {
		for _, c := range conformance.FaultCases() {
			t.Run(fmt.Sprintf("outage %d/%s", outage, c), func(t *testing.T) {
				id := "crash_" + randSuffix()
				t.Cleanup(func() { _ = sim.DeleteClient(id) }) // the tenant is shared: keep it one page
				d := c.Scenario().Config(sim.Domain(), id)
				tf := reattachedWorkspace(t, requiredProviders+scenarioHCL(d, settings))
				run := func(args ...string) func() error {
					return func() error {
						out, err := tf(args...)
						if err != nil {
							return fmt.Errorf("terraform %s: %v\n%s", args[0], err, lastLines(out, 12))
						}
						return nil
					}
				}
				conformance.RunFaultCase(t, sim, id, c, outage, conformance.FaultFace{
					Apply:       run("apply", "-auto-approve", "-input=false", "-no-color"),
					Remove:      run("destroy", "-auto-approve", "-input=false", "-no-color"),
					FewerWrites: joinsWrites,
				})
			})
		}
	}
}

// TestTaintedUserAccessWithCreateBeforeDestroyStaysSafe: with
// create_before_destroy, the replacement of a user access create whose
// answer was lost would create the client's user grant while the tainted
// object still holds it. The apply stops at that grant before any write
// (never adopting it), leaving it deposed; state rm and import take the
// grant over, and destroy deletes it.
func TestTaintedUserAccessWithCreateBeforeDestroyStaysSafe(t *testing.T) {
	var c conformance.FaultCase
	for _, fc := range conformance.FaultCases() {
		if fc.Name == "user access" && fc.N == 1 { // the grant's own create is write 1
			c = fc
		}
	}
	id := "crash_cbd_" + randSuffix()
	if err := c.Scenario().Seed(sim, id); err != nil {
		t.Fatal(err)
	}
	startGrants := len(sim.Grants())
	mainTF := strings.Replace(scenarioHCL(c.Scenario().Config(sim.Domain(), id), clientSettingResources),
		"resource \"myaccount_user_access\" \"app\" {\n", "resource \"myaccount_user_access\" \"app\" {\n  lifecycle {\n    create_before_destroy = true\n  }\n", 1)
	if !strings.Contains(mainTF, "create_before_destroy") {
		t.Fatalf("no user access resource in:\n%s", mainTF)
	}
	tf := reattachedWorkspace(t, requiredProviders+mainTF)
	sim.DropAfterCommit(c.N, 5)
	defer sim.DropAfterCommit(0, 0)
	apply := func() (string, error) { return tf("apply", "-auto-approve", "-input=false", "-no-color") }
	if out, err := apply(); err == nil {
		t.Fatalf("the first apply succeeded though its grant's answer was dropped:\n%s", out)
	}
	out, err := apply()
	if err == nil || !strings.Contains(out, "User grant already exists") {
		t.Fatalf("the second apply: want it refused at the existing grant, got %v:\n%s", err, lastLines(out, 20))
	}
	if n := len(sim.Grants()); n != startGrants+1 {
		t.Errorf("%d client grants after the refused apply, want %d (the one the tainted object holds)", n, startGrants+1)
	}
	// Terraform deposed the tainted object before the refused create, and a
	// deposed object cannot be untainted: take the grant over explicitly.
	for _, args := range [][]string{
		{"state", "rm", "myaccount_user_access.app"},
		{"import", "-input=false", "-no-color", "myaccount_user_access.app", id + "," + reconciler.AudienceFor(sim.Domain())},
		{"destroy", "-auto-approve", "-input=false", "-no-color"},
	} {
		if out, err := tf(args...); err != nil {
			t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, lastLines(out, 20))
		}
	}
	if n := len(sim.Grants()); n != startGrants {
		t.Errorf("%d client grants after destroy, %d at the start", n, startGrants)
	}
}

const requiredProviders = "terraform {\n  required_providers {\n    myaccount = { source = \"tenantcfg/myaccount\" }\n  }\n}\n"

// reattachedWorkspace writes main.tf into a new directory, runs terraform
// init there, and returns a function that runs one Terraform command
// against a provider served by this process for that command only.
func reattachedWorkspace(t *testing.T, mainTF string) func(args ...string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(mainTF), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		reattach, stop := serveProvider(t)
		defer stop()
		cmd := exec.Command(terraformPath(), args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	if out, err := run("init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return run
}

// serveProvider serves the provider in this process in debug mode and
// returns the TF_REATTACH_PROVIDERS value for it.
func serveProvider(t *testing.T) (reattach string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(Address, providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, cfg, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
		if err != nil {
			t.Errorf("serve the provider: %v", err)
		}
	}()
	rc := <-cfg
	type addr struct{ Network, String string }
	b, err := json.Marshal(map[string]any{Address: map[string]any{
		"Protocol": string(rc.Protocol), "ProtocolVersion": rc.ProtocolVersion, "Pid": rc.Pid, "Test": true,
		"Addr": addr{Network: rc.Addr.Network(), String: rc.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b), func() { cancel(); <-closed }
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

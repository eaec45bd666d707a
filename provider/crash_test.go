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
	for _, outage := range []int{0, 5} {
		for _, c := range conformance.FaultCases() {
			t.Run(fmt.Sprintf("outage %d/%s", outage, c), func(t *testing.T) {
				if outage > 0 && c.N == 1 && c.App.UserAccess != nil {
					// A create that fails after its write is tainted, and
					// Terraform plans its replacement without its private
					// state; the refresh finds the grant, but the plan
					// refuses an existing grant for a new resource until
					// `terraform untaint` (README, Crash safety).
					t.Skip("known limitation: a tainted user access create needs terraform untaint")
				}
				id := "crash_" + randSuffix()
				d := c.Scenario().Config(sim.Domain(), id)
				tf := reattachedWorkspace(t, requiredProviders+scenarioHCL(d))
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
					Apply:  run("apply", "-auto-approve", "-input=false", "-no-color"),
					Remove: run("destroy", "-auto-approve", "-input=false", "-no-color"),
				})
			})
		}
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

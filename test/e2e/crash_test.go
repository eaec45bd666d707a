package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// faultManifest is the CLI manifest of a fault scenario for clientID; with
// remove, the manifest that takes the configuration away (no applications;
// the API disabled when the scenario's deletion policy deactivates it).
func faultManifest(sc conformance.FaultScenario, clientID string, remove bool) string {
	var b strings.Builder
	enabled := true
	if remove && sc.API.DeletionPolicy == reconciler.DeletionDelete {
		enabled = false
	}
	fmt.Fprintf(&b, "apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata:\n  name: crash\nspec:\n  domain: DOMAIN\n  api:\n    enabled: %t\n    deletionPolicy: %s\n", enabled, sc.API.DeletionPolicy)
	if org := sc.MyOrganizationAPI; org != nil {
		fmt.Fprintf(&b, "  myOrganizationApi:\n    enabled: %t\n    deletionPolicy: %s\n", !remove || org.DeletionPolicy != reconciler.DeletionDelete, org.DeletionPolicy)
	}
	app := sc.App
	if remove || (app.AllowedOrigins == nil && app.WebOrigins == nil && app.CrossOriginAuthentication == nil && app.UserAccess == nil && app.RefreshTokenPolicy == nil) {
		b.WriteString("  applications: []\n")
		return b.String()
	}
	fmt.Fprintf(&b, "  applications:\n    - clientId: %s\n", clientID)
	list := func(name string, v []string) {
		if v != nil {
			q, _ := json.Marshal(v)
			fmt.Fprintf(&b, "      %s: %s\n", name, q)
		}
	}
	list("allowedOrigins", app.AllowedOrigins)
	list("webOrigins", app.WebOrigins)
	if c := app.CrossOriginAuthentication; c != nil {
		fmt.Fprintf(&b, "      crossOriginAuthentication:\n        enabled: %t\n        verificationLocation: %s\n", c.Enabled, c.VerificationLocation)
	}
	if u := app.UserAccess; u != nil {
		q, _ := json.Marshal(u.Scopes)
		fmt.Fprintf(&b, "      userAccess:\n        scopes: %s\n", q)
	}
	if p := app.RefreshTokenPolicy; p != nil {
		q, _ := json.Marshal(p.Scopes)
		fmt.Fprintf(&b, "      refreshTokenPolicy:\n        scopes: %s\n", q)
	}
	return b.String()
}

// TestFaultMatrixCLI runs the commit-then-drop matrix through `myaccount
// apply`, which writes its state file before each write that adds to what
// a config owns. With outage 5 the CLI's six attempts all fail after the
// dropped write, so the run ends there, as if the process had died.
func TestFaultMatrixCLI(t *testing.T) {
	t.Parallel()
	for _, outage := range []int{0, 5} {
		for _, c := range conformance.FaultCases() {
			t.Run(fmt.Sprintf("outage %d/%s", outage, c), func(t *testing.T) {
				h := newHarness(t)
				const id = "crash_app"
				apply := h.manifest("apply.yaml", faultManifest(c.FaultScenario, id, false))
				remove := h.manifest("remove.yaml", faultManifest(c.FaultScenario, id, true))
				run := func(f string) func() error {
					return func() error {
						if r := h.run("apply", "-f", f); r.code != cli.ExitOK {
							return fmt.Errorf("exit %d: %s", r.code, strings.TrimSpace(r.stderr))
						}
						return nil
					}
				}
				conformance.RunFaultCase(t, h.srv, id, c, outage, conformance.FaultFace{Apply: run(apply), Remove: run(remove)})
			})
		}
	}
}

// The state file is version 2 (the core's own State); a version 1 file
// (MyAccountConfigStatus per config) is read once and written back as 2.
func TestStateFileVersions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	var v2 struct {
		Version int                         `json:"version"`
		Configs map[string]reconciler.State `json:"configs"`
	}
	readJSON(t, h.state, &v2)
	st := v2.Configs["default/quickstart"]
	app := st.Apps["spa_demo_client"]
	if v2.Version != 2 || st.Audience == "" || app.GrantID == "" || len(app.ManagedOrigins) != 2 || app.PriorCrossOrigin == nil {
		t.Fatalf("state file = %+v, want version 2 with the quickstart's ownership", v2)
	}

	// The same ownership in version 1's layout.
	v1 := fmt.Sprintf(`{"version":1,"configs":{"default/quickstart":{"apiId":%q,"audience":%q,"applications":[{"clientId":"spa_demo_client","managedOrigins":%s,"grantId":%q,"priorCrossOriginAuthentication":{"enabled":false}}]}}}`,
		st.APIID, st.Audience, mustJSON(app.ManagedOrigins), app.GrantID)
	if err := os.WriteFile(h.state, []byte(v1), 0o600); err != nil {
		t.Fatal(err)
	}
	h.srv.ResetCounts()
	r := h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "apply from a version 1 file", r.stdout, "No changes")
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("apply from a version 1 file made %d writes, want 0 (it owns what version 2 owned): %v", w, h.srv.Counts())
	}
	readJSON(t, h.state, &v2)
	if got := v2.Configs["default/quickstart"].Apps["spa_demo_client"]; v2.Version != 2 || got.GrantID != app.GrantID || len(got.ManagedOrigins) != 2 {
		t.Fatalf("after reading version 1: %+v, want version 2 with the same ownership", v2)
	}
	// Removing the application undoes exactly what version 1 recorded.
	empty := "apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata:\n  name: quickstart\nspec:\n  domain: DOMAIN\n  api:\n    enabled: true\n  applications: []\n"
	h.run("apply", "-f", h.manifest("empty.yaml", empty)).mustCode(t, cli.ExitOK)
	c := h.client("spa_demo_client")
	if len(c.AllowedOrigins) != 1 || c.AllowedOrigins[0] != "https://legacy.example.com" || c.CrossOriginAuthentication {
		t.Errorf("spa_demo_client after removal: origins %v, cross-origin %t; want only the legacy origin, off", c.AllowedOrigins, c.CrossOriginAuthentication)
	}
	for _, g := range h.srv.Grants() {
		if g.ID == app.GrantID {
			t.Errorf("grant %s recorded by version 1 is still in the tenant", g.ID)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, b)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// `myaccount sim --drop-after-write 1` commits the first write and drops
// its answer; apply still converges and records what it owns.
func TestSimDropAfterWrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sim := startSimCommand(t, dir, "--drop-after-write", "1")
	domain, vars, pool := sim.domain, sim.vars, sim.pool
	contains(t, "sim output", sim.out.String(), "Test fault: write 1")
	manifest := filepath.Join(dir, "c.yaml")
	text := strings.ReplaceAll(quickstart, "DOMAIN", domain)
	if err := os.WriteFile(manifest, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state.json")
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }, RootCAs: pool, Retry: fastRetry},
		[]string{"apply", "-f", manifest, "--state", state})
	if code != 0 {
		t.Fatalf("apply through the dropped answer: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	var sf struct {
		Configs map[string]reconciler.State `json:"configs"`
	}
	readJSON(t, state, &sf)
	if app := sf.Configs["default/quickstart"].Apps["spa_demo_client"]; app.GrantID == "" || len(app.ManagedOrigins) != 2 {
		t.Errorf("state after apply = %+v, want the grant and both origins owned", app)
	}
}

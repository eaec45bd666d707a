package e2e

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// fastRetry keeps the default attempt count (six attempts: five failures and
// a success fit) with short backoffs, so the tests stay quick.
var fastRetry = mgmt.RetryPolicy{BaseDelay: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond}

// harness is one emulated tenant and a working directory for the CLI.
type harness struct {
	t     testing.TB
	srv   *auth0sim.Server
	dir   string
	state string
	vars  map[string]string
	// terminal makes the CLI take stderr for a terminal (progress shows).
	terminal bool
}

// newHarness starts the emulator over TLS with the default seed (spa_demo_client
// with the foreign origin https://legacy.example.com, native_demo_client).
func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessOpts(t, auth0sim.Options{})
}

func newHarnessOpts(t testing.TB, opts auth0sim.Options) *harness {
	t.Helper()
	srv, err := auth0sim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cli.DefaultSeed().Apply(srv)
	dir := t.TempDir()
	h := &harness{
		t: t, srv: srv, dir: dir, state: filepath.Join(dir, "state.json"),
	}
	h.vars = h.credentials(srv.ManagementClientID(), srv.ManagementClientSecret())
	return h
}

// manifest writes a manifest; DOMAIN in the text becomes the emulator's domain.
func (h *harness) manifest(name, text string) string {
	h.t.Helper()
	p := filepath.Join(h.dir, name)
	text = strings.ReplaceAll(text, "DOMAIN", h.srv.Domain())
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
	return p
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs the CLI in-process with the emulator's credentials (client
// credentials over TLS, trusting the emulator's CA) and the harness state file.
func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.runWith(h.vars, args...)
}

func (h *harness) runWith(vars map[string]string, args ...string) result {
	h.t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if len(args) > 0 && (args[0] == "plan" || args[0] == "apply" || args[0] == "drift") {
		args = append(args, "--state", h.state)
	}
	code := cli.Run(ctx, cli.Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv:     func(k string) string { return vars[k] },
		RootCAs:    h.srv.RootCAs(),
		Retry:      fastRetry,
		IsTerminal: func(io.Writer) bool { return h.terminal },
	}, args)
	return result{out.String(), errb.String(), code}
}

func (h *harness) client(id string) auth0sim.Client {
	h.t.Helper()
	c, ok := h.srv.GetClient(id)
	if !ok {
		h.t.Fatalf("client %s not found", id)
	}
	return c
}

func (r result) mustCode(t testing.TB, want int) result {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
	return r
}

func contains(t testing.TB, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}

// quickstart is a config close to examples/quickstart, with the emulator's domain.
const quickstart = `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata:
  name: quickstart
spec:
  domain: DOMAIN
  api:
    enabled: true
  applications:
    - clientId: spa_demo_client
      originsMode: Merge
      allowedOrigins: ["https://app.example.com", "http://localhost:3000"]
      crossOriginAuthentication:
        enabled: true
        verificationLocation: https://app.example.com/cross-auth.html
      userAccess:
        scopes: [read:me:authentication_methods, create:me:authentication_methods]
`

// mergeConfig is a config named "merge" that sets spa_demo_client's
// allowedOrigins (a YAML list) in the default Merge mode.
func mergeConfig(origins string) string {
	return `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: merge}
spec:
  domain: DOMAIN
  applications:
    - clientId: spa_demo_client
      allowedOrigins: ` + origins + "\n"
}

// credentials are the AUTH0_* variables for the emulator's tenant with the
// given Management API client.
func (h *harness) credentials(clientID, secret string) map[string]string {
	return map[string]string{"AUTH0_DOMAIN": h.srv.Domain(), "AUTH0_CLIENT_ID": clientID, "AUTH0_CLIENT_SECRET": secret}
}

// readEnvFile reads the KEY=VALUE lines `myaccount sim --env-file` writes.
func readEnvFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			vars[k] = v
		}
	}
	return vars, nil
}

//go:build !image

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tenantcfg/myaccount/examples/quickstart"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

var specDomainLine = regexp.MustCompile(`(?m)^(\s+domain:[ \t]*)\S.*$`)

func runDemo(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "demo", "demo\n\nRuns plan, apply, a dashboard edit, drift detection and the correction against an\nin-process Auth0 tenant emulator, over TLS with the client-credentials flow. No setup.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	d := &demo{env: env, out: env.Stdout}
	if err := d.run(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "\nThe demo failed: %v\n", err)
		return ExitError
	}
	return ExitOK
}

type demo struct {
	env   Env
	out   io.Writer
	srv   *auth0sim.Server
	dir   string
	file  string
	state string
	step  int
	stats []stepStats
}

type stepStats struct {
	name                   string
	requests, writes, toks int
}

func (d *demo) printf(format string, a ...any) { fmt.Fprintf(d.out, format, a...) }

func (d *demo) heading(title string) {
	d.step++
	d.printf("\n%s\n", d.bold(fmt.Sprintf("Step %d. %s", d.step, title)))
}

func (d *demo) bold(s string) string {
	if isTerminal(d.out) {
		return "\033[1m" + s + "\033[0m"
	}
	return s
}

func (d *demo) run(ctx context.Context) (err error) {
	start := time.Now()
	d.printf("myaccount demo: the Auth0 My Account API configured from a manifest, end to end,\n")
	d.printf("against an in-process Auth0 tenant emulator (HTTPS, client-credentials tokens).\n")

	// 1. The emulator.
	d.heading("Start the Auth0 tenant emulator")
	if d.srv, err = auth0sim.Start(auth0sim.Options{}); err != nil {
		return err
	}
	defer d.srv.Close()
	if d.dir, err = os.MkdirTemp("", "myaccount-demo-"); err != nil {
		return err
	}
	defer os.RemoveAll(d.dir)
	d.state = filepath.Join(d.dir, DefaultStateFile)
	d.printf("   Tenant %s, TLS certificate from the emulator's own CA (trusted through mgmt.Config.RootCAs).\n", d.srv.URL())
	d.printf("   Credentials: AUTH0_DOMAIN=%s AUTH0_CLIENT_ID=%s AUTH0_CLIENT_SECRET=(secret)\n", d.srv.Domain(), d.srv.ManagementClientID())
	d.printf("   Every command below gets a Management API token from %s/oauth/token (client credentials).\n", d.srv.URL())

	for _, step := range []func() error{d.seed, d.planAndApply, d.driftAndCorrect} {
		if err := step(); err != nil {
			return err
		}
	}
	d.printStats(time.Since(start))
	return nil
}

// seed is step 2: the dashboard's applications, and the manifest pointed
// at the emulator.
func (d *demo) seed() error {
	// 2. Seed.
	d.heading("Seed two applications (as if created in the Auth0 dashboard)")
	DefaultSeed().Apply(d.srv)
	d.showClients()

	// The manifest, with the emulator's domain.
	m := specDomainLine.ReplaceAll(quickstart.Manifest, []byte("${1}"+d.srv.Domain()))
	if bytes.Equal(m, quickstart.Manifest) {
		return fmt.Errorf("%s has no spec.domain line to point at the emulator", QuickstartPath)
	}
	d.file = filepath.Join(d.dir, "myaccountconfig.yaml")
	return os.WriteFile(d.file, m, 0o644)
}

// planAndApply are steps 3 and 4.
func (d *demo) planAndApply() error {
	// 3. Plan.
	d.heading("Plan " + QuickstartPath)
	d.printf("   (spec.domain replaced by the emulator's %s)\n", d.srv.Domain())
	if code := d.cli("plan", "plan"); code != ExitOK {
		return fmt.Errorf("plan exited %d", code)
	}

	// 4. Apply.
	d.heading("Apply it")
	if code := d.cli("apply", "apply"); code != ExitOK {
		return fmt.Errorf("apply exited %d", code)
	}
	d.showClient("spa_demo_client")
	d.printf("   https://legacy.example.com was there before and is not in the manifest: Merge mode kept it.\n")
	return nil
}

// driftAndCorrect are steps 5 to 8: a dashboard edit, drift detects it,
// apply corrects it, drift finds the tenant in sync.
func (d *demo) driftAndCorrect() error {
	// 5. Dashboard edit.
	d.heading("Simulate a dashboard edit")
	d.printf("   Someone edits \"Demo SPA\" in the Auth0 dashboard: removes https://app.example.com from\n")
	d.printf("   Allowed Origins (CORS) and turns Cross-Origin Authentication off.\n")
	if err := d.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) {
		c.AllowedOrigins = slices.DeleteFunc(c.AllowedOrigins, func(o string) bool { return o == "https://app.example.com" })
		c.CrossOriginAuthentication = false
	}); err != nil {
		return err
	}
	d.showClient("spa_demo_client")

	// 6. Drift.
	d.heading("Detect the drift")
	if code := d.cli("drift", "drift"); code != ExitDrift {
		return fmt.Errorf("drift exited %d, want %d (drift)", code, ExitDrift)
	}
	d.printf("   Exit code 2: drift (0 = in sync, 1 = error). Pipelines use `drift -o json`, see examples/pipeline.\n")

	// 7. Correct.
	d.heading("Correct it")
	if code := d.cli("apply (correct)", "apply"); code != ExitOK {
		return fmt.Errorf("apply exited %d", code)
	}
	d.showClient("spa_demo_client")

	// 8. Check.
	d.heading("Check again")
	if code := d.cli("drift (final)", "drift"); code != ExitOK {
		return fmt.Errorf("the final drift check exited %d, want 0 (in sync)", code)
	}
	d.printf("   Exit code 0: in sync. Applying again now would make zero writes.\n")
	return nil
}

// printStats prints the requests of each step, as the emulator counted them.
func (d *demo) printStats(took time.Duration) {
	d.printf("\n%s (counted by the emulator)\n", d.bold("Management API requests per step"))
	d.printf("   %-18s %8s %7s %7s\n", "step", "requests", "writes", "tokens")
	for _, s := range d.stats {
		d.printf("   %-18s %8d %7d %7d\n", s.name, s.requests, s.writes, s.toks)
	}
	d.printf("\nDone in %s. Next: `myaccount sim --env-file sim.env` and run plan/apply yourself (see README).\n", took.Round(10*time.Millisecond))
}

// cli runs one myaccount command against the emulator, prints it indented and
// records the emulator's request counts.
func (d *demo) cli(name string, args ...string) int {
	args = append(args, "-f", d.file, "--state", d.state)
	d.printf("   $ myaccount %s -f %s\n", args[0], QuickstartPath)
	vars := map[string]string{
		"AUTH0_DOMAIN":        d.srv.Domain(),
		"AUTH0_CLIENT_ID":     d.srv.ManagementClientID(),
		"AUTH0_CLIENT_SECRET": d.srv.ManagementClientSecret(),
	}
	var out bytes.Buffer
	d.srv.ResetCounts()
	code := Run(context.Background(), Env{
		Stdout: &out, Stderr: &out, Stdin: strings.NewReader(""),
		Getenv:  func(k string) string { return vars[k] },
		RootCAs: d.srv.RootCAs(),
	}, args)
	for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		line = strings.ReplaceAll(line, d.file, QuickstartPath)
		if strings.HasPrefix(line, "State saved to ") {
			line = "State saved to " + DefaultStateFile + " (what this config added, so later runs remove only that)."
		}
		d.printf("   │ %s\n", line)
	}
	s := stepStats{name: name, requests: d.srv.Total(), writes: d.srv.Writes(), toks: d.srv.TokenRequests()}
	d.stats = append(d.stats, s)
	d.printf("   Requests: %d to the Management API (%d writes), %d token request(s).\n", s.requests, s.writes, s.toks)
	return code
}

func (d *demo) showClients() {
	for _, c := range d.srv.Clients() {
		d.printClient(c)
	}
}

func (d *demo) showClient(id string) {
	if c, ok := d.srv.GetClient(id); ok {
		d.printf("   The tenant now has:\n")
		d.printClient(c)
	}
}

func (d *demo) printClient(c auth0sim.Client) {
	orNone := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	d.printf("   %-19s %-13q allowed_origins: %s\n", c.ClientID, c.Name, orNone(strings.Join(c.AllowedOrigins, ", ")))
	d.printf("   %-19s %-13s web_origins: %s\n", "", "", orNone(strings.Join(c.WebOrigins, ", ")))
	d.printf("   %-19s %-13s cross_origin_authentication: %t, cross_origin_loc: %s\n", "", "", c.CrossOriginAuthentication, orNone(c.CrossOriginLoc))
}

// isTerminal reports whether w is a character device (for colours).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

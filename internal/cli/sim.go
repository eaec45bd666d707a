//go:build !image

package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// Seed is the data `myaccount sim --seed FILE` loads into a fresh emulator,
// in YAML or JSON. Field names follow the Management API.
//
//	clients:
//	  - client_id: spa_demo_client
//	    name: Demo SPA
//	    app_type: spa
//	    allowed_origins: [https://legacy.example.com]
//	custom_domains:
//	  - {domain: login.example.com, status: ready}
//	mfa_policies: []
type Seed struct {
	Clients       []SeedClient       `json:"clients"`
	CustomDomains []SeedCustomDomain `json:"custom_domains"`
	// MFAPolicies are the guardian policies, e.g. ["all-applications"]; empty means none.
	MFAPolicies []string `json:"mfa_policies"`
}

// SeedClient is one application.
type SeedClient struct {
	ClientID                  string   `json:"client_id"`
	Name                      string   `json:"name"`
	AppType                   string   `json:"app_type"`
	AllowedOrigins            []string `json:"allowed_origins"`
	WebOrigins                []string `json:"web_origins"`
	Callbacks                 []string `json:"callbacks"`
	CrossOriginAuthentication bool     `json:"cross_origin_authentication"`
	CrossOriginLoc            string   `json:"cross_origin_loc"`
}

// SeedCustomDomain is a custom domain and its status (ready or pending_verification).
type SeedCustomDomain struct {
	Domain string `json:"domain"`
	Status string `json:"status"`
}

// DefaultSeed is what `myaccount sim` and `myaccount demo` start with: the
// two applications examples/quickstart/myaccountconfig.yaml configures (the
// SPA already has a foreign origin that merge mode must keep) and two custom
// domains, with an MFA policy in place.
func DefaultSeed() Seed {
	return Seed{
		Clients: []SeedClient{
			{
				ClientID: "spa_demo_client", Name: "Demo SPA", AppType: "spa",
				AllowedOrigins: []string{"https://legacy.example.com"},
				WebOrigins:     []string{"https://legacy.example.com"},
				// http://localhost:3000: a local SPA can log in to the emulator.
				Callbacks: []string{"https://legacy.example.com/callback", "http://localhost:3000", "http://localhost:3000/"},
			},
			{
				ClientID: "native_demo_client", Name: "Demo Native", AppType: "native",
				Callbacks: []string{"com.example.demo://callback"},
			},
		},
		CustomDomains: []SeedCustomDomain{
			{Domain: "login.example.com", Status: "ready"},
			{Domain: "auth.example.org", Status: "pending_verification"},
		},
		MFAPolicies: []string{"all-applications"},
	}
}

// LoadSeed reads a seed file (YAML or JSON), strictly.
func LoadSeed(path string) (Seed, error) {
	var s Seed
	data, err := os.ReadFile(path)
	if err != nil {
		return s, fmt.Errorf("read seed: %w", err)
	}
	if err := yaml.UnmarshalStrict(data, &s); err != nil {
		return s, fmt.Errorf("seed %s: %s", path, cleanYAMLError(err, ""))
	}
	for i, c := range s.Clients {
		if c.ClientID == "" {
			return s, fmt.Errorf("seed %s: clients[%d].client_id is empty", path, i)
		}
	}
	for i, d := range s.CustomDomains {
		switch d.Status {
		case "ready", "pending_verification", "pending", "disabled", "failed":
		default:
			return s, fmt.Errorf("seed %s: custom_domains[%d].status is %q: use ready, pending_verification, pending, disabled or failed", path, i, d.Status)
		}
	}
	return s, nil
}

// Apply loads the seed into a running emulator.
func (seed Seed) Apply(srv *auth0sim.Server) {
	for _, c := range seed.Clients {
		name := c.Name
		if name == "" {
			name = c.ClientID
		}
		srv.SeedClient(auth0sim.Client{
			ClientID: c.ClientID, Name: name, AppType: c.AppType,
			AllowedOrigins: c.AllowedOrigins, WebOrigins: c.WebOrigins, Callbacks: c.Callbacks,
			CrossOriginAuthentication: c.CrossOriginAuthentication, CrossOriginLoc: c.CrossOriginLoc,
		})
	}
	for _, d := range seed.CustomDomains {
		srv.SeedCustomDomain(d.Domain, d.Status)
	}
	if len(seed.MFAPolicies) > 0 {
		srv.SetMFAPolicies(seed.MFAPolicies)
	}
}

// simOptions are the flags of `myaccount sim`.
type simOptions struct {
	addr, envFile, caFile, stateFile, seedFile, plan string
	rate, myAccountRate                              float64
	burst, dropAfterWrite                            int
	autoLogin                                        bool
}

// parseSimOptions parses the flags of `myaccount sim`. ok is false when the
// command must stop; code is then its exit code.
func parseSimOptions(env Env, args []string) (o simOptions, code int, ok bool) {
	fs := newFlagSet(env, "sim", "sim [--addr HOST:PORT] [--env-file FILE] [--ca-file FILE] [--state-file FILE] [--seed FILE] [--plan free|essentials|enterprise | --rate N --burst N] [--auto-login] [--my-account-rate N] [--drop-after-write N]\n\n"+
		"Runs the Auth0 tenant emulator (HTTPS) until interrupted. It prints the domain, the\n"+
		"Management API credentials and the CA certificate to trust through SSL_CERT_FILE.")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8443", "listen `address`; port 0 picks a free port")
	fs.StringVar(&o.envFile, "env-file", "", "also write AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and SSL_CERT_FILE as KEY=VALUE lines to `FILE`")
	fs.StringVar(&o.caFile, "ca-file", "", "write the CA certificate PEM to `FILE` (default: next to --env-file or --state-file, else in the temp dir)")
	fs.StringVar(&o.stateFile, "state-file", "", "load the tenant from `FILE` and save it after every write (keeps data, keys and the CA across restarts)")
	fs.StringVar(&o.seedFile, "seed", "", "seed `FILE` (YAML or JSON: clients, custom_domains, mfa_policies) instead of the default demo applications")
	fs.Float64Var(&o.rate, "rate", 0, "Management API rate limit in requests/second; 0 = unlimited")
	fs.IntVar(&o.burst, "burst", 0, "rate-limit bucket size (default: the rate, at least 1)")
	fs.IntVar(&o.dropAfterWrite, "drop-after-write", 0, "test fault: commit the `N`th Management API write (POST, PATCH, DELETE), then close the connection without answering; once")
	fs.StringVar(&o.plan, "plan", "", "Management API rate limits of an Auth0 `plan`: free (burst 2, 2/s), essentials (per endpoint: burst 5, 100/min) or enterprise (burst 50, 16/s); instead of --rate and --burst")
	fs.BoolVar(&o.autoLogin, "auto-login", false, "log the test user in on /authorize without showing the login page")
	fs.Float64Var(&o.myAccountRate, "my-account-rate", 25, "My Account API requests/second for the tenant (/me/v1); a negative value = unlimited")
	code, ok = parseFlags(fs, args)
	return o, code, ok
}

// emulatorOptions are the emulator's options for these flags, or why they
// do not go together.
func (o simOptions) emulatorOptions() (auth0sim.Options, error) {
	if o.myAccountRate == 0 {
		return auth0sim.Options{}, fmt.Errorf("--my-account-rate 0 would refuse every call: give a positive rate, or a negative one for no limit")
	}
	opts := auth0sim.Options{Addr: o.addr, RateLimit: o.rate, Burst: o.burst, StateFile: o.stateFile, AutoLogin: o.autoLogin, MyAccountRateLimit: o.myAccountRate}
	if o.plan == "" {
		return opts, nil
	}
	plan, ok := auth0sim.PlanNamed(o.plan)
	switch {
	case !ok:
		return opts, fmt.Errorf("--plan %q: use free, essentials or enterprise", o.plan)
	case o.rate != 0 || o.burst != 0:
		return opts, fmt.Errorf("--plan %s sets the rate and burst: drop --rate and --burst, or drop --plan", o.plan)
	}
	opts.RateLimit, opts.Burst, opts.PerRoute = plan.RateLimit, plan.Burst, plan.PerRoute
	return opts, nil
}

// seed is the --seed file's seed, or the default one.
func (o simOptions) seed() (Seed, error) {
	if o.seedFile == "" {
		return DefaultSeed(), nil
	}
	return LoadSeed(o.seedFile)
}

// caPath is where the CA certificate goes: --ca-file, else next to
// --env-file or --state-file, else in the temp dir; made absolute.
func (o simOptions) caPath() string {
	ca := o.caFile
	if ca == "" {
		switch {
		case o.envFile != "":
			ca = filepath.Join(filepath.Dir(o.envFile), "myaccount-sim-ca.pem")
		case o.stateFile != "":
			ca = filepath.Join(filepath.Dir(o.stateFile), "myaccount-sim-ca.pem")
		default:
			ca = filepath.Join(os.TempDir(), "myaccount-sim-ca.pem")
		}
	}
	if abs, err := filepath.Abs(ca); err == nil {
		ca = abs
	}
	return ca
}

func runSim(ctx context.Context, env Env, args []string) int {
	o, code, ok := parseSimOptions(env, args)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "Error: %v\n", err)
		return ExitError
	}
	opts, err := o.emulatorOptions()
	if err != nil {
		return fail(err)
	}
	seed, err := o.seed()
	if err != nil {
		return fail(err)
	}
	srv, err := auth0sim.Start(opts)
	if err != nil {
		return fail(fmt.Errorf("%w (is another emulator running? pick another --addr)", err))
	}
	defer srv.Close()
	if o.dropAfterWrite > 0 {
		srv.DropAfterCommit(o.dropAfterWrite, 0)
	}
	// A state file that already holds a tenant keeps its data, unless a seed was asked for.
	seeded := o.seedFile != "" || len(srv.Clients()) == 0
	if seeded {
		seed.Apply(srv)
	}
	ca := o.caPath()
	if err := srv.WriteCACert(ca); err != nil {
		return fail(fmt.Errorf("write CA certificate: %w", err))
	}
	vars := [][2]string{
		{"AUTH0_DOMAIN", srv.Domain()},
		{"AUTH0_CLIENT_ID", srv.ManagementClientID()},
		{"AUTH0_CLIENT_SECRET", srv.ManagementClientSecret()},
		{"SSL_CERT_FILE", ca},
	}
	if o.envFile != "" {
		if err := writeSimEnvFile(o.envFile, vars); err != nil {
			return fail(fmt.Errorf("write env file: %w", err))
		}
	}
	printSimStarted(env.Stdout, srv, o, vars, seeded)
	printSimUsage(env.Stdout, o, vars, ca)
	if env.Ready != nil {
		env.Ready(srv.Domain())
	}
	<-ctx.Done()
	fmt.Fprintln(env.Stdout, "\nStopping the emulator.")
	return ExitOK
}

// writeSimEnvFile writes vars as KEY=VALUE lines to path, readable by the
// owner only (it holds the client secret).
func writeSimEnvFile(path string, vars [][2]string) error {
	var b strings.Builder
	b.WriteString("# Written by `myaccount sim`. Load with: set -a; . " + sourcePath(path) + "; set +a\n")
	for _, kv := range vars {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

// printSimStarted says where the emulator listens, its credentials, its
// data, the test user and any test fault.
func printSimStarted(w io.Writer, srv *auth0sim.Server, o simOptions, vars [][2]string, seeded bool) {
	fmt.Fprintf(w, "Auth0 tenant emulator listening on %s\n\n", srv.URL())
	for _, kv := range vars {
		fmt.Fprintf(w, "  %s=%s\n", kv[0], kv[1])
	}
	fmt.Fprintln(w)
	printSeedSummary(w, srv, seeded)
	fmt.Fprintf(w, "\nBrowser login (/authorize): the test user %s, password %s (a published test credential)", auth0sim.TestUserEmail, auth0sim.TestUserPassword)
	if o.autoLogin {
		fmt.Fprint(w, "; --auto-login skips the login page")
	}
	fmt.Fprintln(w, ".")
	if o.dropAfterWrite > 0 {
		fmt.Fprintf(w, "\nTest fault: write %d (POST, PATCH or DELETE) will be committed and its connection closed without an answer.\n", o.dropAfterWrite)
	}
}

// printSimUsage says how to trust the CA and point myaccount at the emulator.
func printSimUsage(w io.Writer, o simOptions, vars [][2]string, ca string) {
	fmt.Fprintf(w, "\nThe server certificate is signed by the emulator's own CA (%s).\n", ca)
	fmt.Fprintln(w, "Trust it through SSL_CERT_FILE, then use myaccount (or curl) as with a real tenant:")
	if o.envFile != "" {
		fmt.Fprintf(w, "  set -a; . %s; set +a\n", sourcePath(o.envFile))
	} else {
		for _, kv := range vars {
			fmt.Fprintf(w, "  export %s=%s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintln(w, `  sed "s/my-tenant.eu.auth0.com/$AUTH0_DOMAIN/" examples/quickstart/myaccountconfig.yaml > quickstart.yaml`)
	fmt.Fprintln(w, "  myaccount plan -f quickstart.yaml")
	if o.stateFile != "" {
		fmt.Fprintf(w, "Tenant state is saved to %s.\n", o.stateFile)
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
}

func printSeedSummary(w io.Writer, srv *auth0sim.Server, seeded bool) {
	how := "Applications"
	if !seeded {
		how = "Applications (from the state file)"
	}
	fmt.Fprintf(w, "%s:\n", how)
	for _, c := range srv.Clients() {
		fmt.Fprintf(w, "  %-22s %-14q %-7s allowed_origins=[%s] cross_origin_authentication=%t\n",
			c.ClientID, c.Name, c.AppType, strings.Join(c.AllowedOrigins, " "), c.CrossOriginAuthentication)
	}
	if cds := srv.CustomDomains(); len(cds) > 0 {
		fmt.Fprintln(w, "Custom domains:")
		for _, d := range cds {
			fmt.Fprintf(w, "  %s (%s)\n", d.Domain, d.Status)
		}
	}
}

// sourcePath makes a path usable with the shell's "." (which searches PATH
// for a bare name).
func sourcePath(p string) string {
	if !strings.Contains(p, "/") {
		return "./" + p
	}
	return p
}

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

func runSim(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "sim", "sim [--addr HOST:PORT] [--env-file FILE] [--ca-file FILE] [--state-file FILE] [--seed FILE] [--plan free|essentials|enterprise | --rate N --burst N] [--auto-login] [--my-account-rate N] [--drop-after-write N]\n\n"+
		"Runs the Auth0 tenant emulator (HTTPS) until interrupted. It prints the domain, the\n"+
		"Management API credentials and the CA certificate to trust through SSL_CERT_FILE.")
	addr := fs.String("addr", "127.0.0.1:8443", "listen `address`; port 0 picks a free port")
	envFile := fs.String("env-file", "", "also write AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and SSL_CERT_FILE as KEY=VALUE lines to `FILE`")
	caFile := fs.String("ca-file", "", "write the CA certificate PEM to `FILE` (default: next to --env-file or --state-file, else in the temp dir)")
	stateFile := fs.String("state-file", "", "load the tenant from `FILE` and save it after every write (keeps data, keys and the CA across restarts)")
	seedFile := fs.String("seed", "", "seed `FILE` (YAML or JSON: clients, custom_domains, mfa_policies) instead of the default demo applications")
	rateLimit := fs.Float64("rate", 0, "Management API rate limit in requests/second; 0 = unlimited")
	burst := fs.Int("burst", 0, "rate-limit bucket size (default: the rate, at least 1)")
	dropAfter := fs.Int("drop-after-write", 0, "test fault: commit the `N`th Management API write (POST, PATCH, DELETE), then close the connection without answering; once")
	planName := fs.String("plan", "", "Management API rate limits of an Auth0 `plan`: free (burst 2, 2/s), essentials (per endpoint: burst 5, 100/min) or enterprise (burst 50, 16/s); instead of --rate and --burst")
	autoLogin := fs.Bool("auto-login", false, "log the test user in on /authorize without showing the login page")
	meRate := fs.Float64("my-account-rate", 25, "My Account API requests/second for the tenant (/me/v1); a negative value = unlimited")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "Error: %v\n", err)
		return ExitError
	}
	if *meRate == 0 {
		return fail(fmt.Errorf("--my-account-rate 0 would refuse every call: give a positive rate, or a negative one for no limit"))
	}
	opts := auth0sim.Options{Addr: *addr, RateLimit: *rateLimit, Burst: *burst, StateFile: *stateFile, AutoLogin: *autoLogin, MyAccountRateLimit: *meRate}
	if *planName != "" {
		plan, ok := auth0sim.PlanNamed(*planName)
		switch {
		case !ok:
			return fail(fmt.Errorf("--plan %q: use free, essentials or enterprise", *planName))
		case *rateLimit != 0 || *burst != 0:
			return fail(fmt.Errorf("--plan %s sets the rate and burst: drop --rate and --burst, or drop --plan", *planName))
		}
		opts.RateLimit, opts.Burst, opts.PerRoute = plan.RateLimit, plan.Burst, plan.PerRoute
	}
	seed := DefaultSeed()
	if *seedFile != "" {
		var err error
		if seed, err = LoadSeed(*seedFile); err != nil {
			return fail(err)
		}
	}
	srv, err := auth0sim.Start(opts)
	if err != nil {
		return fail(fmt.Errorf("%w (is another emulator running? pick another --addr)", err))
	}
	defer srv.Close()
	if *dropAfter > 0 {
		srv.DropAfterCommit(*dropAfter, 0)
	}
	// A state file that already holds a tenant keeps its data, unless a seed was asked for.
	seeded := false
	if *seedFile != "" || len(srv.Clients()) == 0 {
		seed.Apply(srv)
		seeded = true
	}

	ca := *caFile
	if ca == "" {
		switch {
		case *envFile != "":
			ca = filepath.Join(filepath.Dir(*envFile), "myaccount-sim-ca.pem")
		case *stateFile != "":
			ca = filepath.Join(filepath.Dir(*stateFile), "myaccount-sim-ca.pem")
		default:
			ca = filepath.Join(os.TempDir(), "myaccount-sim-ca.pem")
		}
	}
	if abs, err := filepath.Abs(ca); err == nil {
		ca = abs
	}
	if err := srv.WriteCACert(ca); err != nil {
		return fail(fmt.Errorf("write CA certificate: %w", err))
	}
	vars := [][2]string{
		{"AUTH0_DOMAIN", srv.Domain()},
		{"AUTH0_CLIENT_ID", srv.ManagementClientID()},
		{"AUTH0_CLIENT_SECRET", srv.ManagementClientSecret()},
		{"SSL_CERT_FILE", ca},
	}
	if *envFile != "" {
		var b strings.Builder
		b.WriteString("# Written by `myaccount sim`. Load with: set -a; . " + sourcePath(*envFile) + "; set +a\n")
		for _, kv := range vars {
			fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
		}
		if err := os.WriteFile(*envFile, []byte(b.String()), 0o600); err != nil {
			return fail(fmt.Errorf("write env file: %w", err))
		}
	}

	w := env.Stdout
	fmt.Fprintf(w, "Auth0 tenant emulator listening on %s\n\n", srv.URL())
	for _, kv := range vars {
		fmt.Fprintf(w, "  %s=%s\n", kv[0], kv[1])
	}
	fmt.Fprintln(w)
	printSeedSummary(w, srv, seeded)
	fmt.Fprintf(w, "\nBrowser login (/authorize): the test user %s, password %s (a published test credential)", auth0sim.TestUserEmail, auth0sim.TestUserPassword)
	if *autoLogin {
		fmt.Fprint(w, "; --auto-login skips the login page")
	}
	fmt.Fprintln(w, ".")
	if *dropAfter > 0 {
		fmt.Fprintf(w, "\nTest fault: write %d (POST, PATCH or DELETE) will be committed and its connection closed without an answer.\n", *dropAfter)
	}
	fmt.Fprintf(w, "\nThe server certificate is signed by the emulator's own CA (%s).\n", ca)
	fmt.Fprintln(w, "Trust it through SSL_CERT_FILE, then use myaccount (or curl) as with a real tenant:")
	if *envFile != "" {
		fmt.Fprintf(w, "  set -a; . %s; set +a\n", sourcePath(*envFile))
	} else {
		for _, kv := range vars {
			fmt.Fprintf(w, "  export %s=%s\n", kv[0], kv[1])
		}
	}
	fmt.Fprintln(w, `  sed "s/my-tenant.eu.auth0.com/$AUTH0_DOMAIN/" examples/quickstart/myaccountconfig.yaml > quickstart.yaml`)
	fmt.Fprintln(w, "  myaccount plan -f quickstart.yaml")
	if *stateFile != "" {
		fmt.Fprintf(w, "Tenant state is saved to %s.\n", *stateFile)
	}
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
	if env.Ready != nil {
		env.Ready(srv.Domain())
	}
	<-ctx.Done()
	fmt.Fprintln(w, "\nStopping the emulator.")
	return ExitOK
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

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
)

func TestPlanApplyDrift(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)

	plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", plan.stdout,
		"MyAccountConfig default/quickstart",
		"  + api active: false -> true (create)\n",
		"  + client/spa_demo_client allowed_origins: add https://app.example.com\n",
		"  + client/spa_demo_client allowed_origins: add http://localhost:3000\n",
		"  ~ client/spa_demo_client cross_origin_authentication: false -> true (update)\n",
		"  ~ client/spa_demo_client cross_origin_loc: (none) -> https://app.example.com/cross-auth.html (update)\n",
		"  + grant/spa_demo_client scope: (none) -> create:me:authentication_methods read:me:authentication_methods (create)\n",
		"Plan: 5 to add, 2 to change, 0 to remove.")
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("plan made %d writes", w)
	}
	if h.srv.TokenRequests() == 0 {
		t.Fatal("no token request: the CLI must use the client-credentials flow")
	}

	// The same plan as JSON.
	var rep cli.Report
	js := h.run("plan", "-f", f, "-o", "json").mustCode(t, cli.ExitOK)
	if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil {
		t.Fatalf("plan -o json: %v\n%s", err, js.stdout)
	}
	if rep.InSync || len(rep.Configs) != 1 || len(rep.Configs[0].Changes) != 7 {
		t.Fatalf("plan -o json: %+v", rep)
	}

	// Drift before the first apply is drift too.
	h.run("drift", "-f", f).mustCode(t, cli.ExitDrift)

	apply := h.run("apply", "-f", f, "-v").mustCode(t, cli.ExitOK)
	contains(t, "apply", apply.stdout, "Apply complete: 5 added, 2 changed, 0 removed.", "State saved to")
	contains(t, "apply -v", apply.stderr, "Management API requests:", "PATCH /api/v2/clients/{id}")
	c := h.client("spa_demo_client")
	if !c.CrossOriginAuthentication || c.CrossOriginLoc != "https://app.example.com/cross-auth.html" {
		t.Errorf("cross-origin not applied: %+v", c)
	}
	grants := userGrants(h.srv, "spa_demo_client")
	if len(grants) != 1 || !slices.Equal(sorted(grants[0].Scope), []string{"create:me:authentication_methods", "read:me:authentication_methods"}) {
		t.Errorf("user grant: %+v", grants)
	}

	h.run("drift", "-f", f).mustCode(t, cli.ExitOK)
	p2 := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan after apply", p2.stdout, "No changes. The tenant matches the configuration.")
}

func TestSecondApplyMakesZeroWrites(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	if h.srv.Writes() == 0 {
		t.Fatal("the first apply made no writes")
	}

	h.srv.ResetCounts()
	r := h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "second apply", r.stdout, "No changes. The tenant matches the configuration.")
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("second apply made %d writes; counts %v", w, h.srv.Counts())
	}
	// At most one read per object: the API, the client, its grant, the MFA policy.
	for route, n := range h.srv.Counts() {
		if !strings.HasPrefix(route, "GET ") {
			t.Errorf("second apply sent %s ×%d", route, n)
		}
		if n > 1 {
			t.Errorf("second apply read %s %d times", route, n)
		}
	}
	t.Logf("in-sync apply: %d requests %v", h.srv.Total(), h.srv.Counts())
}

func TestMergeNeverRemovesForeignOrigin(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	// The config lists the pre-existing https://legacy.example.com too: it is
	// still not this config's to remove.
	f := h.manifest("config.yaml", mergeConfig(`["https://a.example.com", "https://b.example.com", "https://legacy.example.com"]`))
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	got := sorted(h.client("spa_demo_client").AllowedOrigins)
	want := []string{"https://a.example.com", "https://b.example.com", "https://legacy.example.com"}
	if !slices.Equal(got, want) {
		t.Fatalf("origins after apply: %v, want %v", got, want)
	}

	// Someone adds an origin in the dashboard: merge mode leaves it alone.
	h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) {
		c.AllowedOrigins = append(c.AllowedOrigins, "https://dashboard.example.com")
	})
	h.run("drift", "-f", f).mustCode(t, cli.ExitOK)

	// Drop b and legacy from the list: only b, which this config added, goes.
	f = h.manifest("config.yaml", mergeConfig(`["https://a.example.com"]`))
	plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", plan.stdout, "  - client/spa_demo_client allowed_origins: remove https://b.example.com\n", "Plan: 0 to add, 0 to change, 1 to remove.")
	if strings.Contains(plan.stdout, "legacy") || strings.Contains(plan.stdout, "dashboard") {
		t.Errorf("plan touches a foreign origin:\n%s", plan.stdout)
	}
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	got = sorted(h.client("spa_demo_client").AllowedOrigins)
	want = []string{"https://a.example.com", "https://dashboard.example.com", "https://legacy.example.com"}
	if !slices.Equal(got, want) {
		t.Fatalf("origins after removing b: %v, want %v", got, want)
	}

	// An empty list in merge mode removes what this config added, nothing else.
	f = h.manifest("config.yaml", mergeConfig(`[]`))
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	got = sorted(h.client("spa_demo_client").AllowedOrigins)
	want = []string{"https://dashboard.example.com", "https://legacy.example.com"}
	if !slices.Equal(got, want) {
		t.Fatalf("origins after emptying the list: %v, want %v", got, want)
	}
}

func TestDroppedApplicationRestoresCrossOrigin(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)

	// The SPA leaves the config: myaccount undoes only what it did.
	f = h.manifest("config.yaml", `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata:
  name: quickstart
spec:
  domain: DOMAIN
  api: {enabled: true}
`)
	plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", plan.stdout,
		"  ~ client/spa_demo_client cross_origin_authentication: true -> false (update)\n",
		"  - client/spa_demo_client allowed_origins: remove https://app.example.com\n",
		"  - client/spa_demo_client allowed_origins: remove http://localhost:3000\n",
		"  - grant/spa_demo_client scope: create:me:authentication_methods read:me:authentication_methods -> (none) (delete)\n")
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	c := h.client("spa_demo_client")
	if c.CrossOriginAuthentication {
		t.Errorf("cross-origin authentication not restored to off: %+v", c)
	}
	if !slices.Equal(c.AllowedOrigins, []string{"https://legacy.example.com"}) {
		t.Errorf("origins: %v, want only the foreign one", c.AllowedOrigins)
	}
	if g := userGrants(h.srv, "spa_demo_client"); len(g) != 0 {
		t.Errorf("the grant this config created is still there: %+v", g)
	}
	h.srv.ResetCounts()
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("apply after cleanup made %d writes", w)
	}
}

func TestRateLimitResetIsWaitedOut(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.srv.InjectFault(auth0sim.Fault{Method: "GET", PathPrefix: "/api/v2/clients", Status: 429, Count: 2, ResetAfter: time.Second})
	start := time.Now()
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	elapsed := time.Since(start)
	if elapsed < 500*time.Millisecond {
		t.Errorf("apply took %v: the 429s' x-ratelimit-reset was not waited for", elapsed)
	}
	if n := h.srv.Counts()["GET /api/v2/clients/{id}"]; n < 3 {
		t.Errorf("GET /api/v2/clients/{id} sent %d times, want the 2 rate-limited attempts and a success", n)
	}
	if !h.client("spa_demo_client").CrossOriginAuthentication {
		t.Error("apply did not complete after the 429s")
	}
	t.Logf("apply with two 429s took %v", elapsed)
}

func TestFive503sThenSuccess(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.srv.InjectFault(auth0sim.Fault{Method: "PATCH", PathPrefix: "/api/v2/clients/", Status: 503, Count: 5})
	r := h.run("apply", "-f", f, "-v").mustCode(t, cli.ExitOK)
	if n := h.srv.Counts()["PATCH /api/v2/clients/{id}"]; n != 6 {
		t.Errorf("PATCH /api/v2/clients/{id} sent %d times, want 5 failures and a success", n)
	}
	if !h.client("spa_demo_client").CrossOriginAuthentication {
		t.Errorf("apply did not complete after five 503s\n%s", r.stderr)
	}
}

func TestTooMany503sFailClearly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.srv.InjectFault(auth0sim.Fault{Method: "GET", PathPrefix: "/api/v2/resource-servers", Status: 503, Count: -1})
	r := h.run("plan", "-f", f).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, "Error: default/quickstart ("+f+"): GET /api/v2/resource-servers/", "gave up after 6 attempts",
		"503 Service Unavailable", "retry later")
}

// Each bad input gives a clear error and changes nothing on the tenant.
func TestBadInputMakesZeroWrites(t *testing.T) {
	t.Parallel()
	app := func(body string) string {
		return `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: bad}
spec:
  domain: DOMAIN
  api: {enabled: true}
  applications:
` + body
	}
	cases := []struct {
		name     string
		manifest string
		scopes   []string // Management API scopes of the credentials; nil = all
		want     []string
	}{
		{
			name: "bad origin",
			manifest: app(`    - clientId: spa_demo_client
      allowedOrigins: ["https://app.example.com/", "*"]
      userAccess: {scopes: [read:me:authentication_methods]}
`),
			want: []string{"applications[0].allowedOrigins[0]", `"https://app.example.com/"`, "use https://app.example.com",
				"applications[0].allowedOrigins[1]", "bare *", "nothing was changed"},
		},
		{
			name: "unknown client",
			manifest: app(`    - clientId: spa_demo_client
      allowedOrigins: ["https://app.example.com"]
    - clientId: no_such_client
      allowedOrigins: ["https://app.example.com"]
`),
			want: []string{"applications[1].clientId", "no_such_client", "no application with this client ID exists"},
		},
		{
			name: "unknown scope",
			manifest: app(`    - clientId: spa_demo_client
      allowedOrigins: ["https://app.example.com"]
      userAccess: {scopes: ["create:me:authentication-methods", "read:me:everything"]}
`),
			want: []string{"applications[0].userAccess.scopes", "create:me:authentication-methods",
				"did you mean create:me:authentication_methods?", "read:me:everything", "offers: create:me:authentication_methods"},
		},
		{
			name: "bad verification location",
			manifest: app(`    - clientId: spa_demo_client
      crossOriginAuthentication: {enabled: true, verificationLocation: "http://app.example.com/x.html"}
`),
			want: []string{"verificationLocation", "http is allowed only for localhost"},
		},
		{
			name: "missing Management API scope",
			manifest: app(`    - clientId: spa_demo_client
      allowedOrigins: ["https://app.example.com"]
`),
			scopes: without(auth0sim.ManagementScopes(), "read:clients"),
			want:   []string{"read:clients"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			f := h.manifest("bad.yaml", tc.manifest)
			vars := h.vars
			if tc.scopes != nil {
				id, secret := h.srv.AddManagementClient(tc.scopes)
				vars = h.credentials(id, secret)
			}
			for _, cmd := range []string{"plan", "apply"} {
				h.srv.ResetCounts()
				r := h.runWith(vars, cmd, "-f", f).mustCode(t, cli.ExitError)
				contains(t, cmd+" stderr", r.stderr, tc.want...)
				if w := h.srv.Writes(); w != 0 {
					t.Errorf("%s made %d writes: %v", cmd, w, h.srv.Counts())
				}
				if r.stdout != "" && cmd == "apply" {
					t.Errorf("apply printed results despite the error:\n%s", r.stdout)
				}
				if cmd == "apply" {
					t.Logf("%s", r.stderr)
				}
			}
			c := h.client("spa_demo_client")
			if !slices.Equal(c.AllowedOrigins, []string{"https://legacy.example.com"}) || c.CrossOriginAuthentication {
				t.Errorf("the tenant changed: %+v", c)
			}
		})
	}
}

func TestMissingWriteScopeNamesTheScope(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	id, secret := h.srv.AddManagementClient(without(auth0sim.ManagementScopes(), "update:clients"))
	vars := h.credentials(id, secret)
	h.srv.ResetCounts()
	r := h.runWith(vars, "apply", "-f", f).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, "update:clients", "nothing was changed")
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("apply made %d writes although the token lacks update:clients", w)
	}
	if _, err := os.Stat(h.state); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("apply changed nothing but recorded state in %s (err %v): a later run would claim origins it never added", h.state, err)
	}
}

func TestGrantConflictIsReportedNotAdopted(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rs, err := h.srv.ActivateMyAccountAPI(h.srv.Domain())
	if err != nil {
		t.Fatal(err)
	}
	h.srv.SeedGrant(auth0sim.ClientGrant{ClientID: "spa_demo_client", Audience: rs.Identifier, SubjectType: "user", Scope: []string{"read:me:factors"}})
	f := h.manifest("config.yaml", quickstart)
	plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", plan.stdout, "conflict", "read:me:factors", "1 conflict(s)")
	h.srv.ResetCounts()
	r := h.run("apply", "-f", f).mustCode(t, cli.ExitError)
	contains(t, "apply", r.stderr, "already has a user grant", "read:me:factors")
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("apply made %d writes despite the conflict", w)
	}
	if _, err := os.Stat(h.state); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("apply stopped on the conflict but recorded state in %s (err %v)", h.state, err)
	}
	h.run("drift", "-f", f).mustCode(t, cli.ExitDrift)
}

func TestDriftExitCodeAndJSONSchema(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)

	inSync := h.run("drift", "-f", f, "-o", "json").mustCode(t, cli.ExitOK)
	var doc map[string]any
	if err := json.Unmarshal([]byte(inSync.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["inSync"] != true || doc["schemaVersion"] != float64(1) {
		t.Fatalf("in-sync drift JSON: %s", inSync.stdout)
	}

	h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) {
		c.AllowedOrigins = slices.DeleteFunc(c.AllowedOrigins, func(o string) bool { return o == "https://app.example.com" })
		c.CrossOriginAuthentication = false
	})
	h.srv.ResetCounts()
	text := h.run("drift", "-f", f).mustCode(t, cli.ExitDrift)
	contains(t, "drift", text.stdout, "DRIFT: 2 difference(s)",
		"    + client/spa_demo_client allowed_origins: add https://app.example.com\n",
		"    ~ client/spa_demo_client cross_origin_authentication: false -> true (update)\n")

	r := h.run("drift", "-f", f, "-o", "json").mustCode(t, cli.ExitDrift)
	doc = nil
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	assertKeys(t, "document", doc, "schemaVersion", "inSync", "configs")
	if doc["schemaVersion"] != float64(1) || doc["inSync"] != false {
		t.Fatalf("document: %s", r.stdout)
	}
	configs := doc["configs"].([]any)
	if len(configs) != 1 {
		t.Fatalf("configs: %v", configs)
	}
	cfg := configs[0].(map[string]any)
	assertKeys(t, "config", cfg, "name", "namespace", "domain", "inSync", "changes", "warnings")
	if cfg["name"] != "quickstart" || cfg["namespace"] != "default" || cfg["domain"] != h.srv.Domain() || cfg["inSync"] != false {
		t.Errorf("config: %v", cfg)
	}
	if _, ok := cfg["warnings"].([]any); !ok {
		t.Errorf("warnings is not an array: %v", cfg["warnings"])
	}
	var got []string
	for _, c := range cfg["changes"].([]any) {
		ch := c.(map[string]any)
		assertKeys(t, "change", ch, "resource", "field", "observed", "desired", "action")
		got = append(got, strings.Join([]string{ch["resource"].(string), ch["field"].(string), ch["observed"].(string), ch["desired"].(string), ch["action"].(string)}, "|"))
	}
	want := []string{
		"client/spa_demo_client|allowed_origins||https://app.example.com|add",
		"client/spa_demo_client|cross_origin_authentication|false|true|update",
	}
	if !slices.Equal(sorted(got), want) {
		t.Errorf("changes:\n%v\nwant\n%v", got, want)
	}
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("drift made writes: %v", h.srv.Counts())
	}
}

func TestDriftErrorExitCode(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("config.yaml", quickstart)
	r := h.runWith(h.credentials(h.srv.ManagementClientID(), "wrong"), "drift", "-f", f, "-o", "json").mustCode(t, cli.ExitError)
	if r.stdout != "" {
		t.Errorf("drift printed a document on error: %s", r.stdout)
	}
	// The user learns which config, that the token was refused, and what to check.
	contains(t, "stderr", r.stderr, "Error: default/quickstart ("+f+"): ", "could not get a Management API access token", "401",
		"check the client ID and secret or private key (AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET")
}

func TestManifestHandling(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	two := h.manifest("two.yaml", quickstart+"---\n# second\n"+strings.Replace(strings.Replace(quickstart, "name: quickstart", "name: native", 1),
		"clientId: spa_demo_client", "clientId: native_demo_client", 1))
	r := h.run("apply", "-f", two, "-o", "json").mustCode(t, cli.ExitOK)
	var rep cli.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Configs) != 2 || rep.Configs[1].Name != "native" {
		t.Fatalf("configs: %+v", rep.Configs)
	}
	if !h.client("native_demo_client").CrossOriginAuthentication {
		t.Error("second document not applied")
	}
	h.run("drift", "-f", two).mustCode(t, cli.ExitOK)

	// Other kinds are rejected.
	secret := h.manifest("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n")
	r = h.run("plan", "-f", two, "-f", secret).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, "kind Secret", "MyAccountConfig")

	// A misspelt field is an error, not a silent no-op.
	typo := h.manifest("typo.yaml", strings.Replace(quickstart, "allowedOrigins", "allowedOrigin", 1))
	r = h.run("plan", "-f", typo).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, `unknown field "allowedOrigin" at spec.applications[0].allowedOrigin: did you mean allowedOrigins?`, "check it against "+cli.QuickstartPath)

	// A value of the wrong type names the field and what it takes.
	mistyped := h.manifest("mistyped.yaml", strings.Replace(quickstart, "enabled: true\n  applications", "enabled: \"yes\"\n  applications", 1))
	r = h.run("plan", "-f", mistyped).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, mistyped+": spec.api.enabled is a string but must be true or false (check it against "+cli.QuickstartPath+")")

	// spec.domain must match AUTH0_DOMAIN.
	other := h.manifest("other.yaml", strings.Replace(quickstart, "domain: DOMAIN", "domain: other.eu.auth0.com", 1))
	r = h.run("plan", "-f", other).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, "spec.domain is other.eu.auth0.com but AUTH0_DOMAIN is "+h.srv.Domain())

	// A malformed domain is reported under the setting that holds it.
	slashed := h.manifest("slashed.yaml", strings.Replace(quickstart, "domain: DOMAIN", "domain: http://other.eu.auth0.com", 1))
	r = h.run("plan", "-f", slashed).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, slashed+`: spec.domain "http://other.eu.auth0.com" uses http:`, "set the bare domain")
	if strings.Contains(r.stderr, "AUTH0_DOMAIN") {
		t.Errorf("a bad spec.domain is blamed on AUTH0_DOMAIN:\n%s", r.stderr)
	}
	badEnv := map[string]string{"AUTH0_DOMAIN": "https://x/y", "AUTH0_CLIENT_ID": "id", "AUTH0_CLIENT_SECRET": "s"}
	r = h.runWith(badEnv, "plan", "-f", two).mustCode(t, cli.ExitError)
	contains(t, "stderr", r.stderr, `Error: AUTH0_DOMAIN "https://x/y" is not a domain: set the bare host name`)

	// Without AUTH0_DOMAIN, spec.domain is used.
	vars := map[string]string{"AUTH0_CLIENT_ID": h.vars["AUTH0_CLIENT_ID"], "AUTH0_CLIENT_SECRET": h.vars["AUTH0_CLIENT_SECRET"]}
	h.runWith(vars, "drift", "-f", two).mustCode(t, cli.ExitOK)

	// Bad usage says what to do.
	r = h.run("plan").mustCode(t, cli.ExitError)
	contains(t, "plan without -f", r.stderr, "Error: no manifest given: pass one or more -f FILE (or -f - for stdin)")
	r = h.run("plan", "-f", two, "-o", "yaml").mustCode(t, cli.ExitUsage)
	contains(t, "plan -o yaml", r.stderr, `myaccount plan: -o must be text or json, not "yaml"`)
	r = h.run("plan", two).mustCode(t, cli.ExitUsage)
	contains(t, "plan FILE", r.stderr, `unexpected argument "`+two+`" (files are passed with -f)`, "Usage: myaccount plan")
	r = h.run("frobnicate").mustCode(t, cli.ExitUsage)
	contains(t, "frobnicate", r.stderr, `myaccount: unknown command "frobnicate"`, "Commands:")
	v := h.run("version").mustCode(t, cli.ExitOK)
	contains(t, "version", v.stdout, "myaccount dev", "go1.")
}

func TestDemo(t *testing.T) {
	t.Parallel()
	// The demo starts and seeds its own emulator; no harness.
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &errb}, []string{"demo"})
	if code != cli.ExitOK {
		t.Fatalf("demo exited %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
	// What the reader follows: the plan of the quickstart against the default
	// seed, the dashboard edit found as drift, corrected, then in sync.
	contains(t, "demo", out.String(),
		"│ Plan: 8 to add, 2 to change, 0 to remove.",
		"│ Apply complete: 8 added, 2 changed, 0 removed.",
		"│   DRIFT: 2 difference(s)",
		"│     + client/spa_demo_client allowed_origins: add https://app.example.com",
		"│     ~ client/spa_demo_client cross_origin_authentication: false -> true (update)",
		"│ Apply complete: 1 added, 1 changed, 0 removed.",
		"│ In sync: the tenant matches the configuration.",
		"Management API requests per step")
}

func assertKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	sort.Strings(got)
	want := sorted(keys)
	if !slices.Equal(got, want) {
		t.Errorf("%s keys %v, want %v", what, got, want)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func without(s []string, drop string) []string {
	return slices.DeleteFunc(slices.Clone(s), func(x string) bool { return x == drop })
}

func userGrants(srv *auth0sim.Server, clientID string) []auth0sim.ClientGrant {
	var out []auth0sim.ClientGrant
	for _, g := range srv.Grants() {
		if g.ClientID == clientID && g.SubjectType == "user" {
			out = append(out, g)
		}
	}
	return out
}

// A tenant with a low rate limit: the shared limiter paces from the
// x-ratelimit-* headers and waits out any 429, so apply still succeeds.
func TestLowTenantRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarnessOpts(t, auth0sim.Options{RateLimit: 20, Burst: 3})
	var apps strings.Builder
	for i := range 10 {
		id := fmt.Sprintf("rl_app_%d", i)
		h.srv.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa"})
		fmt.Fprintf(&apps, "    - clientId: %s\n      allowedOrigins: [https://app%d.example.com]\n      userAccess: {scopes: [read:me:authentication_methods]}\n", id, i)
	}
	f := h.manifest("config.yaml", `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: many}
spec:
  domain: DOMAIN
  api: {enabled: true}
  applications:
`+apps.String())
	start := time.Now()
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	h.run("drift", "-f", f).mustCode(t, cli.ExitOK)
	t.Logf("apply + drift of 10 applications at 20 req/s (burst 3): %v, %d requests", time.Since(start), h.srv.Total())
}

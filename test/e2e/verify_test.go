package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// verifyConfig configures spa_demo_client for a browser app on
// https://app.example.com: every link of the chain holds once applied.
const verifyConfig = `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata:
  name: browser
spec:
  domain: DOMAIN
  api:
    enabled: true
  applications:
    - clientId: spa_demo_client
      allowedOrigins: ["https://app.example.com"]
      webOrigins: ["https://app.example.com"]
      crossOriginAuthentication:
        enabled: true
      userAccess:
        scopes: [read:me:authentication_methods, delete:me:authentication_methods]
`

// appliedBrowserConfig is a tenant where verify passes.
func appliedBrowserConfig(t *testing.T) (*harness, string) {
	t.Helper()
	h := newHarness(t)
	f := h.manifest("browser.yaml", verifyConfig)
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	return h, f
}

// verifyLines are the text output's link lines, by outcome mark.
func verifyLines(out, mark string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), mark+" ") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

func TestVerifyPassesAfterApply(t *testing.T) {
	h, f := appliedBrowserConfig(t)
	before := h.srv.Preflights()
	r := h.run("verify", "-f", f, "-v").mustCode(t, cli.ExitOK)
	contains(t, "verify output", r.stdout, "Verified: every link passes (0 warning(s)).",
		"PASS 5 CORS preflight from https://app.example.com: preflight for DELETE allowed")
	if got := len(verifyLines(r.stdout, "PASS")); got != 8 {
		t.Errorf("%d PASS lines, want 8:\n%s", got, r.stdout)
	}
	// One preflight for the one origin; -v lists it apart from the
	// Management API requests.
	if n := h.srv.Preflights() - before; n != 1 {
		t.Errorf("verify sent %d preflights, want 1", n)
	}
	contains(t, "-v request counts", r.stderr, "My Account API requests (preflights included): 1", "OPTIONS /me/v1/authentication-methods ×1", "(0 writes)")
}

// TestVerifyEachLink breaks one link at a time in the tenant, out of band
// like a dashboard edit, and checks that verify names exactly that link, with
// its fix.
func TestVerifyEachLink(t *testing.T) {
	tests := []struct {
		name      string
		breakIt   func(t *testing.T, h *harness)
		code      int
		mark      string // FAIL, or WARN for link 7
		line, fix string
	}{
		{"1 API inactive", func(t *testing.T, h *harness) {
			must(t, h.srv.DeleteResourceServer(audience(h)))
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 1 My Account API active on the audience domain: the My Account API is not active at " + audience(nil), "fix: run myaccount apply (api.enabled true)"},
		{"2 user grant deleted", func(t *testing.T, h *harness) {
			for _, g := range h.srv.Grants() {
				if g.ClientID == "spa_demo_client" && g.SubjectType == "user" {
					must(t, h.srv.DeleteGrant(g.ID))
				}
			}
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 2 user grant for the client: client spa_demo_client has no user grant", "fix: run myaccount apply to create the grant that applications[0].userAccess names"},
		{"3 user access policy deny_all", func(t *testing.T, h *harness) {
			must(t, h.srv.EditResourceServer(audience(h), func(rs *auth0sim.ResourceServer) { rs.UserPolicy = "deny_all" }))
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 3 user access policy lets the grant work: the user access policy is deny_all", "fix: run myaccount apply to set it back to require_client_grant"},
		{"4 third-party application", func(t *testing.T, h *harness) {
			m := h.management(t)
			must(t, m.Client.Update(context.Background(), "spa_demo_client", &management.Client{IsFirstParty: auth0.Bool(false)}))
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 4 first-party application: spa_demo_client is a third-party application", "fix: use a first-party application"},
		{"5 origin removed from allowed_origins", func(t *testing.T, h *harness) {
			must(t, h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) { c.AllowedOrigins = []string{"https://legacy.example.com"} }))
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 5 CORS preflight from https://app.example.com: preflight for DELETE got no Access-Control-Allow-Origin; the origin is not in the client's allowed_origins", "fix: add https://app.example.com to applications[0].allowedOrigins and run myaccount apply"},
		{"6 cross-origin authentication off", func(t *testing.T, h *harness) {
			must(t, h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) { c.CrossOriginAuthentication = false }))
		}, cli.ExitVerifyFailed, "FAIL", "FAIL 6 cross-origin authentication on: cross_origin_authentication is off", "fix: set applications[0].crossOriginAuthentication.enabled to true and run myaccount apply"},
		{"7 origin removed from web_origins", func(t *testing.T, h *harness) {
			must(t, h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) { c.WebOrigins = nil }))
		}, cli.ExitOK, "WARN", "WARN 7 origins in web_origins for silent renewal: not in web_origins: https://app.example.com", "fix: add them to applications[0].webOrigins and run myaccount apply, or renew with refresh tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, f := appliedBrowserConfig(t)
			tt.breakIt(t, h)
			r := h.run("verify", "-f", f).mustCode(t, tt.code)
			line := strings.ReplaceAll(tt.line, audience(nil), audience(h))
			bad := append(verifyLines(r.stdout, "FAIL"), verifyLines(r.stdout, "WARN")...)
			if len(bad) != 1 || !strings.HasPrefix(bad[0], line) {
				t.Fatalf("want exactly one line starting %q, got %q:\n%s", line, bad, r.stdout)
			}
			contains(t, "verify output", r.stdout, tt.fix)
		})
	}
}

// TestVerifySameDomainWithUserToken is link 8: a token issued by another
// domain for another audience than the one the calls go to.
func TestVerifySameDomainWithUserToken(t *testing.T) {
	h, f := appliedBrowserConfig(t)
	claims, _ := json.Marshal(map[string]any{"iss": "https://other.example.com/", "aud": []string{"https://other.example.com/me/"}, "azp": "spa_demo_client"})
	token := "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(claims) + ".c2lnbmF0dXJl"
	tokenFile := filepath.Join(h.dir, "token")
	must(t, os.WriteFile(tokenFile, []byte(token+"\n"), 0o600))
	r := h.run("verify", "-f", f, "--user-token-file", tokenFile).mustCode(t, cli.ExitVerifyFailed)
	fails := verifyLines(r.stdout, "FAIL")
	var links []string
	for _, l := range fails {
		if !strings.HasPrefix(l, "FAIL user token call") {
			links = append(links, l)
		}
	}
	want := "FAIL 8 one domain for the token, the audience and the calls: the user token's audience is https://other.example.com/me/, not " + audience(h)
	if len(links) != 1 || !strings.HasPrefix(links[0], want) {
		t.Fatalf("want one failing link starting %q, got %q:\n%s", want, links, r.stdout)
	}
	contains(t, "verify output", r.stdout, "fix: use "+h.srv.Domain()+" throughout", "user token call: GET https://"+h.srv.Domain()+"/me/v1/authentication-methods")
	if strings.Contains(r.stdout+r.stderr, base64.RawURLEncoding.EncodeToString(claims)) {
		t.Error("verify printed the user token")
	}
}

func TestVerifyJSONSchemaAndExitCodes(t *testing.T) {
	h, f := appliedBrowserConfig(t)
	must(t, h.srv.EditClient("spa_demo_client", func(c *auth0sim.Client) { c.CrossOriginAuthentication = false }))
	r := h.run("verify", "-f", f, "-o", "json").mustCode(t, cli.ExitVerifyFailed)
	var rep struct {
		SchemaVersion int  `json:"schemaVersion"`
		Pass          bool `json:"pass"`
		Configs       []struct {
			Name, Namespace, Domain, Audience string
			Pass                              bool
			Preflights                        int
			Applications                      []struct {
				ClientID string `json:"clientId"`
				Checks   []struct {
					Link                              int
					ID, Origin, Outcome, Message, Fix string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("verify -o json is not JSON: %v\n%s", err, r.stdout)
	}
	if rep.SchemaVersion != cli.VerifySchemaVersion || rep.Pass || len(rep.Configs) != 1 || rep.Configs[0].Pass ||
		rep.Configs[0].Audience != audience(h) || rep.Configs[0].Preflights != 1 || len(rep.Configs[0].Applications) != 1 {
		t.Fatalf("report = %+v", rep)
	}
	if c := rep.Configs[0]; c.Name != "browser" || c.Namespace != "default" || c.Domain != h.srv.Domain() ||
		rep.Configs[0].Applications[0].ClientID != "spa_demo_client" {
		t.Errorf("config %s/%s on %s, application %s; want default/browser on %s, spa_demo_client",
			c.Namespace, c.Name, c.Domain, c.Applications[0].ClientID, h.srv.Domain())
	}
	var fails []string
	for _, c := range rep.Configs[0].Applications[0].Checks {
		if c.Outcome == "fail" {
			fails = append(fails, c.ID)
			if c.Link != 6 || c.Fix == "" {
				t.Errorf("failing check %+v", c)
			}
		}
	}
	if len(fails) != 1 || fails[0] != "cross-origin-authentication" {
		t.Errorf("failing checks %v, want [cross-origin-authentication]", fails)
	}

	// Exit 1: an error (a client that does not exist), nothing on stdout.
	bad := h.manifest("unknown.yaml", strings.ReplaceAll(verifyConfig, "spa_demo_client", "no_such_client"))
	r = h.run("verify", "-f", bad, "-o", "json").mustCode(t, cli.ExitError)
	if r.stdout != "" {
		t.Errorf("stdout on error: %s", r.stdout)
	}
	contains(t, "stderr", r.stderr, "no_such_client")
	r = h.run("verify", "-f", f, "-o", "yaml").mustCode(t, cli.ExitUsage)
	contains(t, "stderr", r.stderr, `-o must be text or json, not "yaml"`)
}

// audience is the emulator's My Account API audience; nil gives a
// placeholder the tests replace.
func audience(h *harness) string {
	if h == nil {
		return "https://AUDIENCE/me/"
	}
	return "https://" + h.srv.Domain() + "/me/"
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// management is a Management API client for the emulator, to make edits
// that only the API can make (is_first_party).
func (h *harness) management(t *testing.T) *management.Management {
	t.Helper()
	return simClient(t, h.srv).Management
}

// simClient is a Management API client for the emulator's tenant, with
// client credentials over TLS and a limiter of its own.
func simClient(tb testing.TB, srv *auth0sim.Server) *mgmt.Client {
	tb.Helper()
	c, err := mgmt.New(context.Background(), mgmt.Config{Domain: srv.Domain(), ClientID: srv.ManagementClientID(),
		ClientSecret: srv.ManagementClientSecret(), RootCAs: srv.RootCAs(), Limiter: mgmt.NewLimiter()})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestVerifyWithUserToken makes the one call with a real user token of the
// emulator: 200 and link 8 compared with the token's claims; an expired
// token fails the run with the My Account API's own reason.
func TestVerifyWithUserToken(t *testing.T) {
	h, f := appliedBrowserConfig(t)
	tokenFile := filepath.Join(h.dir, "token")
	token := h.srv.IssueUserToken("spa_demo_client", []string{"read:me:authentication_methods"}, time.Hour)
	must(t, os.WriteFile(tokenFile, []byte(token), 0o600))
	r := h.run("verify", "-f", f, "--user-token-file", tokenFile).mustCode(t, cli.ExitOK)
	contains(t, "verify output", r.stdout,
		"PASS user token call: GET https://"+h.srv.Domain()+"/me/v1/authentication-methods answered 200",
		"PASS 8 one domain for the token, the audience and the calls: the user token was issued by https://"+h.srv.Domain()+"/")

	expired := h.srv.IssueUserToken("spa_demo_client", []string{"read:me:authentication_methods"}, -time.Minute)
	must(t, os.WriteFile(tokenFile, []byte(expired), 0o600))
	r = h.run("verify", "-f", f, "--user-token-file", tokenFile).mustCode(t, cli.ExitVerifyFailed)
	contains(t, "verify output", r.stdout, "FAIL user token call: GET https://"+h.srv.Domain()+"/me/v1/authentication-methods answered 401", "fix: the token was refused")
	if strings.Contains(r.stdout+r.stderr, token) || strings.Contains(r.stdout+r.stderr, expired) {
		t.Error("verify printed the user token")
	}
}

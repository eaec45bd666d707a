package reconciler_test

import (
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// healthyChain is an application whose every link passes: the observations
// a tenant configured by myaccount apply gives.
func healthyChain() reconciler.ChainObservation {
	const origin = "https://app.example.com"
	return reconciler.ChainObservation{
		AudienceDomain: "tenant.example.com",
		APIEnabled:     true,
		DesiredPolicy:  reconciler.UserAccessRequireClientGrant,
		API: reconciler.APIObservation{Active: true, ID: "rs1", Audience: "https://tenant.example.com/me/", IsSystem: true,
			UserPolicy: reconciler.UserAccessRequireClientGrant, Scopes: reconciler.MyAccountScopes},
		App: reconciler.Application{ClientID: "spa", AllowedOrigins: []string{origin},
			UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods", "delete:me:authentication_methods"}}},
		Client: reconciler.ClientObservation{ClientID: "spa", Name: "SPA", FirstParty: true, AppType: "spa", ClientSettings: reconciler.ClientSettings{
			AllowedOrigins: []string{origin}, WebOrigins: []string{origin}, CrossOrigin: reconciler.CrossOriginAuth{Enabled: true}}},
		Grant: reconciler.GrantObservation{Exists: true, ID: "cgr_1", Scopes: []string{"read:me:authentication_methods", "delete:me:authentication_methods"}},
		Preflights: map[string]reconciler.PreflightObservation{origin: {Origin: origin, Method: "DELETE", Status: 204,
			AllowOrigin: origin, AllowMethods: "GET, POST, PATCH, DELETE", AllowHeaders: "authorization, content-type, dpop"}},
	}
}

// TestEvaluateChain breaks one link at a time: exactly that link fails (or
// warns), with its fix, and no other link fails.
func TestEvaluateChain(t *testing.T) {
	const origin = "https://app.example.com"
	setPreflight := func(f func(*reconciler.PreflightObservation)) func(*reconciler.ChainObservation) {
		return func(o *reconciler.ChainObservation) {
			pf := o.Preflights[origin]
			f(&pf)
			o.Preflights[origin] = pf
		}
	}
	tests := []struct {
		name    string
		breakIt func(*reconciler.ChainObservation)
		link    reconciler.Link
		outcome reconciler.Outcome
		message string
		fix     string
	}{
		{"all pass", func(*reconciler.ChainObservation) {}, 0, "", "", ""},
		{"1 api inactive", func(o *reconciler.ChainObservation) {
			o.API = reconciler.APIObservation{Audience: o.API.Audience}
			o.Grant = reconciler.GrantObservation{}
			o.Preflights = map[string]reconciler.PreflightObservation{}
		}, reconciler.LinkAPIActive, reconciler.OutcomeFail, "not active at https://tenant.example.com/me/", "run myaccount apply"},
		{"1 api active under the other domain", func(o *reconciler.ChainObservation) {
			o.API = reconciler.APIObservation{Audience: o.API.Audience, ActiveElsewhere: "https://tenant.eu.auth0.com/me/"}
			o.Grant = reconciler.GrantObservation{}
			o.Preflights = map[string]reconciler.PreflightObservation{}
		}, reconciler.LinkAPIActive, reconciler.OutcomeFail, "active as https://tenant.eu.auth0.com/me/", "set api.audienceDomain to tenant.eu.auth0.com"},
		{"1 api disabled in the config", func(o *reconciler.ChainObservation) {
			o.API, o.APIEnabled = reconciler.APIObservation{}, false
			o.Grant = reconciler.GrantObservation{}
			o.Preflights = map[string]reconciler.PreflightObservation{}
		}, reconciler.LinkAPIActive, reconciler.OutcomeFail, "api.enabled is false", "set api.enabled to true"},
		{"2 no grant, userAccess configured", func(o *reconciler.ChainObservation) { o.Grant = reconciler.GrantObservation{} },
			reconciler.LinkUserGrant, reconciler.OutcomeFail, "has no user grant", "run myaccount apply to create the grant that applications[0].userAccess names"},
		{"2 no grant, none configured", func(o *reconciler.ChainObservation) { o.Grant, o.App.UserAccess = reconciler.GrantObservation{}, nil },
			reconciler.LinkUserGrant, reconciler.OutcomeFail, "has no user grant", "add applications[0].userAccess.scopes"},
		{"2 grant scope not offered", func(o *reconciler.ChainObservation) {
			o.Grant.Scopes = append(o.Grant.Scopes, "read:me:everything")
		}, reconciler.LinkUserGrant, reconciler.OutcomeFail, "scopes the API does not offer: read:me:everything", "remove them from the grant"},
		{"2 grant lacks a configured scope", func(o *reconciler.ChainObservation) {
			o.Grant.Scopes = []string{"delete:me:authentication_methods"}
		}, reconciler.LinkUserGrant, reconciler.OutcomeFail, "lacks read:me:authentication_methods", "run myaccount apply to update the grant"},
		{"3 deny_all against the config", func(o *reconciler.ChainObservation) { o.API.UserPolicy = reconciler.UserAccessDenyAll },
			reconciler.LinkUserAccessPolicy, reconciler.OutcomeFail, "deny_all", "run myaccount apply to set it back to require_client_grant"},
		{"3 deny_all configured", func(o *reconciler.ChainObservation) {
			o.API.UserPolicy, o.DesiredPolicy = reconciler.UserAccessDenyAll, reconciler.UserAccessDenyAll
		}, reconciler.LinkUserAccessPolicy, reconciler.OutcomeFail, "deny_all", "set api.userAccessPolicy to require_client_grant"},
		{"4 third party", func(o *reconciler.ChainObservation) { o.Client.FirstParty = false },
			reconciler.LinkFirstParty, reconciler.OutcomeFail, "third-party application", "is_first_party true"},
		{"5 origin not allowed", func(o *reconciler.ChainObservation) {
			o.Client.AllowedOrigins = nil
			setPreflight(func(p *reconciler.PreflightObservation) { p.AllowOrigin, p.AllowMethods, p.AllowHeaders = "", "", "" })(o)
		}, reconciler.LinkCORSPreflight, reconciler.OutcomeFail, "got no Access-Control-Allow-Origin; the origin is not in the client's allowed_origins",
			"add https://app.example.com to applications[0].allowedOrigins"},
		{"5 preflight 404", func(o *reconciler.ChainObservation) {
			setPreflight(func(p *reconciler.PreflightObservation) { p.Status = 404 })(o)
		}, reconciler.LinkCORSPreflight, reconciler.OutcomeFail, "answered 404", "no proxy"},
		{"5 DELETE not allowed", func(o *reconciler.ChainObservation) {
			setPreflight(func(p *reconciler.PreflightObservation) { p.AllowMethods = "GET, POST" })(o)
		}, reconciler.LinkCORSPreflight, reconciler.OutcomeFail, "not DELETE", "drop the scopes"},
		{"5 authorization not allowed (a * does not cover it)", func(o *reconciler.ChainObservation) {
			setPreflight(func(p *reconciler.PreflightObservation) { p.AllowHeaders = "*" })(o)
		}, reconciler.LinkCORSPreflight, reconciler.OutcomeFail, "not authorization", "rewrites CORS headers"},
		{"6 cross-origin authentication off", func(o *reconciler.ChainObservation) {
			o.Client.CrossOrigin.Enabled = false
			setPreflight(func(p *reconciler.PreflightObservation) { p.AllowOrigin = "" })(o)
		}, reconciler.LinkCrossOriginAuth, reconciler.OutcomeFail, "cross_origin_authentication is off", "set applications[0].crossOriginAuthentication.enabled to true"},
		{"5 a single-page app without origins", func(o *reconciler.ChainObservation) {
			o.App.AllowedOrigins, o.Client.AllowedOrigins, o.Preflights = nil, nil, nil
		}, reconciler.LinkCORSPreflight, reconciler.OutcomeWarn, "no allowed origins", "in applications[0].allowedOrigins"},
		{"7 not in web_origins", func(o *reconciler.ChainObservation) { o.Client.WebOrigins = nil },
			reconciler.LinkWebOrigins, reconciler.OutcomeWarn, "not in web_origins: https://app.example.com", "add them to applications[0].webOrigins"},
		{"8 audience domain does not answer", func(o *reconciler.ChainObservation) {
			o.Preflights[origin] = reconciler.PreflightObservation{Origin: origin, Method: "DELETE", Err: "dial tcp: no such host"}
		}, reconciler.LinkSameDomain, reconciler.OutcomeFail, "did not answer: dial tcp: no such host", "use tenant.example.com throughout"},
		{"8 token from the other domain", func(o *reconciler.ChainObservation) {
			o.Token = &reconciler.TokenClaims{Issuer: "https://tenant.eu.auth0.com/", Audience: []string{"https://tenant.eu.auth0.com/me/"}, ClientID: "spa"}
		}, reconciler.LinkSameDomain, reconciler.OutcomeFail, "the user token's audience is https://tenant.eu.auth0.com/me/", "use tenant.example.com throughout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := healthyChain()
			tt.breakIt(&o)
			checks := reconciler.EvaluateChain(o)
			for _, c := range checks {
				if c.ID != c.Link.ID() || c.ID == "" {
					t.Errorf("check %+v has id %q", c, c.ID)
				}
			}
			checkOnlyBroken(t, checks, tt.link, tt.outcome, tt.message, tt.fix)
		})
	}
}

// checkOnlyBroken: link (0: none) is the only link that fails or warns,
// with outcome, and its message and fix contain the ones given.
func checkOnlyBroken(t *testing.T, checks []reconciler.LinkCheck, link reconciler.Link, outcome reconciler.Outcome, message, fix string) {
	t.Helper()
	var bad []reconciler.LinkCheck
	for _, c := range checks {
		if c.Outcome == reconciler.OutcomeFail || c.Outcome == reconciler.OutcomeWarn {
			bad = append(bad, c)
		}
	}
	if link == 0 {
		if len(bad) > 0 {
			t.Fatalf("healthy chain reports %+v", bad)
		}
		return
	}
	if len(bad) != 1 {
		t.Fatalf("want exactly one failing or warning link, got %+v", bad)
	}
	c := bad[0]
	if c.Link != link || c.Outcome != outcome || !strings.Contains(c.Message, message) || !strings.Contains(c.Fix, fix) {
		t.Errorf("got link %d %s %q, fix %q\nwant link %d %s containing %q, fix containing %q", c.Link, c.Outcome, c.Message, c.Fix, link, outcome, message, fix)
	}
}

func TestEvaluateChainAllowAllNeedsNoGrant(t *testing.T) {
	o := healthyRefreshChain()
	o.API.UserPolicy, o.Grant, o.App.UserAccess = reconciler.UserAccessAllowAll, reconciler.GrantObservation{}, nil
	for _, c := range reconciler.EvaluateChain(o) {
		if c.Outcome != reconciler.OutcomePass {
			t.Errorf("link %d: %s %s", c.Link, c.Outcome, c.Message)
		}
	}
}

func TestEvaluateChainWildcardOrigin(t *testing.T) {
	o := healthyRefreshChain()
	const pattern, sent = "https://*.example.com", "https://myaccount-verify.example.com"
	o.App.AllowedOrigins = []string{pattern}
	o.Client.AllowedOrigins, o.Client.WebOrigins = []string{pattern}, []string{pattern}
	o.Preflights = map[string]reconciler.PreflightObservation{pattern: {Origin: sent, Method: "DELETE", Status: 204,
		AllowOrigin: sent, AllowMethods: "GET,POST,PATCH,DELETE", AllowHeaders: "Authorization,Content-Type,DPoP"}}
	if got := reconciler.PreflightOrigin(pattern); got != sent {
		t.Fatalf("PreflightOrigin(%s) = %s, want %s", pattern, got, sent)
	}
	for _, c := range reconciler.EvaluateChain(o) {
		if c.Outcome != reconciler.OutcomePass {
			t.Errorf("link %d: %s %s", c.Link, c.Outcome, c.Message)
		}
	}
}

func TestNeededMethods(t *testing.T) {
	for _, tt := range []struct {
		scopes []string
		want   string
	}{
		{nil, "GET"},
		{[]string{"read:me:factors"}, "GET"},
		{[]string{"create:me:authentication_methods", "read:me:factors"}, "GET POST"},
		{[]string{"delete:me:authentication_methods", "create:me:connected_accounts"}, "GET POST DELETE"},
		{[]string{"update:me:authentication_methods"}, "GET PATCH"},
	} {
		got := reconciler.NeededMethods(tt.scopes)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("NeededMethods(%v) = %v, want %s", tt.scopes, got, tt.want)
		}
		if m := reconciler.PreflightMethod(got); m != got[len(got)-1] {
			t.Errorf("PreflightMethod = %s", m)
		}
	}
}

func TestParseTokenClaims(t *testing.T) {
	// {"iss":"https://t/","aud":["https://t/me/","https://t/userinfo"],"azp":"spa"}
	tok := "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3QvIiwiYXVkIjpbImh0dHBzOi8vdC9tZS8iLCJodHRwczovL3QvdXNlcmluZm8iXSwiYXpwIjoic3BhIn0.c2ln"
	c, err := reconciler.ParseTokenClaims(tok)
	if err != nil || c.Issuer != "https://t/" || len(c.Audience) != 2 || c.Audience[0] != "https://t/me/" || c.ClientID != "spa" {
		t.Fatalf("ParseTokenClaims = %+v, %v", c, err)
	}
	if _, err := reconciler.ParseTokenClaims("opaque-token"); err == nil || strings.Contains(err.Error(), "opaque-token") {
		t.Fatalf("an opaque token: err = %v (must fail without echoing the token)", err)
	}
}

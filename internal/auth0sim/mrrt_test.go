package auth0sim

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

const ownAPI = "https://api.example.com"

// mrrtTenant is a configured tenant (the SPA, My Account with a user grant
// for readMethods and createMethods) plus the app's own API and My
// Organization with a user grant for read:my_org:details.
func mrrtTenant(t *testing.T) *Server {
	t.Helper()
	s := configuredTenant(t, Options{AutoLogin: true}, readMethods, "create:me:authentication_methods")
	if code, _, b := raw(t, s, "POST", "/api/v2/resource-servers", `{"identifier":"`+ownAPI+`","scopes":[{"value":"read:data"}],"allow_offline_access":true}`); code != 201 {
		t.Fatalf("own API: %d %s", code, b)
	}
	if _, err := s.ActivateMyOrganizationAPI(""); err != nil {
		t.Fatal(err)
	}
	s.SeedGrant(ClientGrant{ClientID: "spa", Audience: s.URL() + "/my-org/", SubjectType: "user", Scope: []string{"read:my_org:details"}})
	return s
}

// loginForOwnAPI logs in for the app's own API and returns the refresh token.
func loginForOwnAPI(t *testing.T, s *Server, b *browser) string {
	t.Helper()
	cb := b.callback(authorizeQuery(s, map[string]string{"audience": ownAPI, "scope": "openid profile email offline_access read:data"}))
	status, tr, _ := b.token(exchange(cb.Get("code")))
	if status != http.StatusOK || tr.RefreshToken == "" {
		t.Fatalf("login for %s: %d %+v", ownAPI, status, tr)
	}
	return tr.RefreshToken
}

// tokenAudience is the aud claim of an access token (its signature was
// checked by the call that issued it).
func tokenAudience(t *testing.T, tok string) []string {
	t.Helper()
	parts := strings.Split(tok, ".")
	var claims struct {
		Aud any `json:"aud"`
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		t.Fatalf("access token %q: %v", tok, err)
	}
	switch a := claims.Aud.(type) {
	case string:
		return []string{a}
	case []any:
		var out []string
		for _, x := range a {
			out = append(out, x.(string))
		}
		return out
	}
	return nil
}

// mrrtCase is a refresh for another audience after a login for ownAPI.
type mrrtCase struct {
	name      string
	policies  string // refresh_token.policies, {domain} for the tenant's
	client    string // more client fields, JSON without braces
	mePatch   string // a PATCH of the My Account API first, if set
	audience  string // path of a system API, or an identifier
	scope     string
	status    int
	wantAud   string
	wantScope string
}

func TestMultiResourceRefreshToken(t *testing.T) {
	me, myOrg := "/me/", "/my-org/"
	full := "openid profile email offline_access "
	cases := []mrrtCase{
		{"a policy for My Account: its token with the granted scopes", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods"]}]`, "", "",
			me, full + readMethods, 200, me, full + readMethods},
		{"no policy: silently a token for the login's audience", `[]`, "", "",
			me, full + readMethods, 200, ownAPI, "openid profile email offline_access"},
		{"policy scopes beyond the user grant: the grant cuts them", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods","delete:me:authentication_methods"]}]`, "", "",
			me, full + readMethods + " delete:me:authentication_methods", 200, me, full + readMethods},
		{"a policy scope the API does not define is ignored", `[{"audience":"{domain}/me/","scope":["read:me:everything","read:me:authentication_methods"]}]`, "", "",
			me, full + "read:me:everything " + readMethods, 200, me, full + readMethods},
		{"requested scopes beyond the policy are dropped", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods"]}]`, "", "",
			me, full + readMethods + " create:me:authentication_methods", 200, me, full + readMethods},
		{"nothing requested: the policy's scopes the grant holds", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods","create:me:authentication_methods"]}]`, "", "",
			me, "", 200, me, full + readMethods + " create:me:authentication_methods"},
		{"an API that does not allow skipping consent: no MRRT", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods"]}]`, "", `{"skip_consent_for_verifiable_first_party_clients":false}`,
			me, full + readMethods, 200, ownAPI, "openid profile email offline_access"},
		{"a third-party client: no MRRT", `[{"audience":"{domain}/me/","scope":["read:me:authentication_methods"]}]`, `"is_first_party":false`, "",
			me, full + readMethods, 200, ownAPI, "openid profile email offline_access"},
		{"an audience that does not exist: ignored", `[{"audience":"https://nowhere.example.com","scope":["x"]}]`, "", "",
			"https://nowhere.example.com", "openid x", 200, ownAPI, "openid"},
		{"a policy for My Organization: its token", `[{"audience":"{domain}/my-org/","scope":["read:my_org:details"]}]`, "", "",
			myOrg, "openid offline_access read:my_org:details", 200, myOrg, "openid offline_access read:my_org:details"},
		{"the user grant holds none of the policy's scopes: a token without API scopes", `[{"audience":"{domain}/my-org/","scope":["read:my_org:members"]}]`, "", "",
			myOrg, "openid read:my_org:members", 200, myOrg, "openid"},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// run sets the client's policies, logs in for ownAPI and refreshes for the
// case's audience and scope.
func (c mrrtCase) run(t *testing.T) {
	s := mrrtTenant(t)
	rt := `{"rotation_type":"non-rotating","expiration_type":"non-expiring","policies":` + strings.ReplaceAll(c.policies, "{domain}", s.URL()) + `}`
	body := `{"refresh_token":` + rt
	if c.client != "" {
		body += "," + c.client
	}
	if code, _, b := raw(t, s, "PATCH", "/api/v2/clients/spa", body+"}"); code != 200 {
		t.Fatalf("PATCH client: %d %s", code, b)
	}
	if c.mePatch != "" {
		if code, _, b := raw(t, s, "PATCH", "/api/v2/resource-servers/"+url.PathEscape(s.URL()+"/me/"), c.mePatch); code != 200 {
			t.Fatalf("PATCH My Account API: %d %s", code, b)
		}
	}
	b := newBrowser(t, s)
	form := url.Values{"grant_type": {"refresh_token"}, "client_id": {"spa"}, "refresh_token": {loginForOwnAPI(t, s, b)}}
	inTenant := func(v string) string {
		if strings.HasPrefix(v, "/") {
			return s.URL() + v
		}
		return v
	}
	form.Set("audience", inTenant(c.audience))
	if c.scope != "" {
		form.Set("scope", c.scope)
	}
	status, tr, _ := b.token(form)
	if status != c.status {
		t.Fatalf("refresh for %s: %d %+v, want %d", inTenant(c.audience), status, tr, c.status)
	}
	if aud := tokenAudience(t, tr.AccessToken); !slices.Contains(aud, inTenant(c.wantAud)) || tr.Scope != c.wantScope {
		t.Errorf("token for aud %v scope %q, want aud %s scope %q", aud, tr.Scope, inTenant(c.wantAud), c.wantScope)
	}
}

// TestMRRTUnderRotation: an MRRT refresh refused by the API's user access
// (no user grant) is an access_denied that leaves a rotating refresh token
// valid; an MRRT refresh rotates it, and the next one still serves the
// login's audience; a reused token revokes the family.
func TestMRRTUnderRotation(t *testing.T) {
	s := mrrtTenant(t)
	me := s.URL() + "/me/"
	body := `{"refresh_token":{"rotation_type":"rotating","expiration_type":"expiring","policies":[{"audience":"` + me + `","scope":["` + readMethods + `"]}]}}`
	if code, _, b := raw(t, s, "PATCH", "/api/v2/clients/spa", body); code != 200 {
		t.Fatalf("PATCH client: %d %s", code, b)
	}
	b := newBrowser(t, s)
	first := loginForOwnAPI(t, s, b)
	refresh := func(rt, audience string) (int, tokenResponse) {
		apiScope := map[string]string{me: readMethods, ownAPI: "read:data"}[audience]
		status, tr, _ := b.token(url.Values{"grant_type": {"refresh_token"}, "client_id": {"spa"}, "refresh_token": {rt},
			"audience": {audience}, "scope": {"openid offline_access " + apiScope}})
		return status, tr
	}
	grants := s.Grants()
	if err := s.DeleteGrant(grants[0].ID); err != nil || grants[0].Audience != me {
		t.Fatalf("deleting the My Account grant %+v: %v", grants[0], err)
	}
	if status, tr := refresh(first, me); status != http.StatusForbidden || tr.Error != "access_denied" {
		t.Fatalf("MRRT without a user grant: %d %+v, want 403 access_denied", status, tr)
	}
	s.SeedGrant(ClientGrant{ClientID: "spa", Audience: me, SubjectType: "user", Scope: []string{readMethods}})
	status, second := refresh(first, me)
	if status != http.StatusOK || second.RefreshToken == "" || !slices.Contains(tokenAudience(t, second.AccessToken), me) {
		t.Fatalf("MRRT with rotation: %d %+v, want a My Account token and a new refresh token", status, second)
	}
	if resp, body := meCall(t, s, "GET", "/authentication-methods", second.AccessToken, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("the MRRT token on /me/v1: %d %s", resp.StatusCode, body)
	}
	status, third := refresh(second.RefreshToken, ownAPI)
	if status != http.StatusOK || !slices.Contains(tokenAudience(t, third.AccessToken), ownAPI) || third.RefreshToken == "" {
		t.Fatalf("the rotated token for the login's API: %d %+v", status, third)
	}
	// Without the policy the page gets a token for its own API, which
	// /me/v1 refuses.
	if code, _, b := raw(t, s, "PATCH", "/api/v2/clients/spa", `{"refresh_token":{"rotation_type":"rotating","expiration_type":"expiring"}}`); code != 200 {
		t.Fatalf("PATCH client: %d %s", code, b)
	}
	status, fourth := refresh(third.RefreshToken, me)
	if status != http.StatusOK || !slices.Contains(tokenAudience(t, fourth.AccessToken), ownAPI) {
		t.Fatalf("refresh for /me/ without a policy: %d %+v, want a token for %s", status, fourth, ownAPI)
	}
	if resp, body := meCall(t, s, "GET", "/authentication-methods", fourth.AccessToken, ""); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Invalid token audience") {
		t.Fatalf("the fallback token on /me/v1: %d %s, want 401 invalid audience", resp.StatusCode, body)
	}
	third = fourth
	if status, tr := refresh(first, me); status != http.StatusForbidden || tr.Error != "invalid_grant" {
		t.Fatalf("reused refresh token: %d %+v, want 403 invalid_grant", status, tr)
	}
	if status, tr := refresh(third.RefreshToken, me); status != http.StatusForbidden || tr.Error != "invalid_grant" {
		t.Fatalf("the family after a reuse: %d %+v, want 403 invalid_grant", status, tr)
	}
}

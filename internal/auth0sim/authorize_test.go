package auth0sim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	spaOrigin   = "http://localhost:3000"
	spaCallback = "http://localhost:3000/callback"
	readMethods = "read:me:authentication_methods"
)

// browser is an HTTP client with a cookie jar that does not follow
// redirects, so that each hop of a login can be checked.
type browser struct {
	t *testing.T
	s *Server
	c *http.Client
}

func newBrowser(t *testing.T, s *Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, s: s, c: &http.Client{
		Transport:     s.HTTPClient().Transport,
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.s.URL()+path, nil)
	return b.do(req)
}

func (b *browser) postForm(path string, form url.Values, origin string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.s.URL()+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return b.do(req)
}

const verifier = "a-code-verifier-of-at-least-forty-three-characters-0123456789"

func challenge(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorizeQuery is what auth0-spa-js sends, with overrides.
func authorizeQuery(s *Server, over map[string]string) string {
	q := url.Values{
		"client_id": {"spa"}, "response_type": {"code"}, "redirect_uri": {spaCallback},
		"scope": {"openid profile email offline_access " + readMethods}, "audience": {s.URL() + "/me/"},
		"state": {"st4te"}, "nonce": {"n0nce"}, "code_challenge": {challenge(verifier)},
		"code_challenge_method": {"S256"}, "auth0Client": {"eyJuYW1lIjoidGVzdCJ9"},
	}
	for k, v := range over {
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	return "/authorize?" + q.Encode()
}

// configuredTenant seeds the SPA and the My Account API with a user grant.
func configuredTenant(t *testing.T, opts Options, grantScopes ...string) *Server {
	t.Helper()
	s := startSim(t, opts)
	s.SeedClient(Client{ClientID: "spa", AppType: "spa", Callbacks: []string{spaCallback}, WebOrigins: []string{spaOrigin},
		AllowedOrigins: []string{spaOrigin}, CrossOriginAuthentication: true})
	if _, err := s.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	if len(grantScopes) == 0 {
		grantScopes = []string{readMethods, "create:me:authentication_methods", "delete:me:authentication_methods"}
	}
	s.SeedGrant(ClientGrant{ClientID: "spa", Audience: s.URL() + "/me/", SubjectType: "user", Scope: grantScopes})
	return s
}

// redirectParams checks a 302 to the callback and returns its query.
func redirectParams(t *testing.T, resp *http.Response, body string) url.Values {
	t.Helper()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("status %d, want a redirect to the app; body: %s", resp.StatusCode, body)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), spaCallback+"?") {
		t.Fatalf("Location %q, want %s?...", resp.Header.Get("Location"), spaCallback)
	}
	return loc.Query()
}

// login runs /authorize and the login page; it returns the callback's query.
func (b *browser) login(query string) url.Values {
	b.t.Helper()
	resp, body := b.get(query)
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), loginPath+"?state=") {
		b.t.Fatalf("/authorize: status %d Location %q, want the login page; body: %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	loginURL := resp.Header.Get("Location")
	resp, body = b.get(loginURL)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="password"`) {
		b.t.Fatalf("login page: status %d body %s", resp.StatusCode, body)
	}
	state := regexp.MustCompile(`name="state" value="([^"]+)"`).FindStringSubmatch(body)[1]
	resp, body = b.postForm(loginPath, url.Values{"state": {state}, "username": {TestUserEmail}, "password": {TestUserPassword}}, "")
	return redirectParams(b.t, resp, body)
}

type tokenResponse struct {
	AccessToken      string `json:"access_token"`
	IDToken          string `json:"id_token"`
	RefreshToken     string `json:"refresh_token"`
	Scope            string `json:"scope"`
	ExpiresIn        int    `json:"expires_in"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func (b *browser) token(form url.Values) (int, tokenResponse, http.Header) {
	b.t.Helper()
	resp, body := b.postForm("/oauth/token", form, spaOrigin)
	var tr tokenResponse
	if err := json.Unmarshal([]byte(body), &tr); err != nil {
		b.t.Fatalf("token response %q: %v", body, err)
	}
	return resp.StatusCode, tr, resp.Header
}

func exchange(code string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "client_id": {"spa"}, "code": {code}, "code_verifier": {verifier}, "redirect_uri": {spaCallback}}
}

// meCall calls the My Account API as a page on spaOrigin would.
func meCall(t *testing.T, s *Server, method, path, token, body string) (*http.Response, string) {
	t.Helper()
	return userAPICall(t, s, method, "/me/v1"+path, token, body)
}

// userAPICall calls a user-facing API of the tenant (path from the root) as
// a page on spaOrigin would.
func userAPICall(t *testing.T, s *Server, method, path, token, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Origin", spaOrigin)
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestAuthorizationCodeFlowToMyAccountAPI(t *testing.T) {
	s := configuredTenant(t, Options{})
	b := newBrowser(t, s)
	cb := b.login(authorizeQuery(s, nil))
	if cb.Get("state") != "st4te" || cb.Get("code") == "" {
		t.Fatalf("callback %v, want a code and the state", cb)
	}
	status, tr, h := b.token(exchange(cb.Get("code")))
	if status != http.StatusOK {
		t.Fatalf("token: %d %+v", status, tr)
	}
	if h.Get("Access-Control-Allow-Origin") != spaOrigin {
		t.Errorf("token response Access-Control-Allow-Origin = %q", h.Get("Access-Control-Allow-Origin"))
	}
	if tr.Scope != "openid profile email offline_access "+readMethods || tr.IDToken == "" || tr.RefreshToken == "" || tr.ExpiresIn != 600 {
		t.Errorf("token response %+v: want the OIDC scopes and %s, an ID token, a refresh token, 600 s", tr, readMethods)
	}

	resp, body := meCall(t, s, http.MethodGet, "/authentication-methods", tr.AccessToken, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"type":"password"`) {
		t.Fatalf("GET methods: %d %s", resp.StatusCode, body)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != spaOrigin {
		t.Errorf("GET methods: Access-Control-Allow-Origin = %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if resp.Header.Get("x-ratelimit-limit") != "25" {
		t.Errorf("x-ratelimit-limit = %q, want 25", resp.Header.Get("x-ratelimit-limit"))
	}

	// The code works once.
	if status, tr, _ := b.token(exchange(cb.Get("code"))); status != http.StatusForbidden || tr.Error != "invalid_grant" {
		t.Errorf("second exchange: %d %+v, want 403 invalid_grant", status, tr)
	}

	// Refresh.
	status, rt, _ := b.token(url.Values{"grant_type": {"refresh_token"}, "client_id": {"spa"}, "refresh_token": {tr.RefreshToken}})
	if status != http.StatusOK || rt.AccessToken == "" || !strings.Contains(rt.Scope, readMethods) {
		t.Fatalf("refresh: %d %+v", status, rt)
	}
	// A removed grant stops refreshes.
	for _, g := range s.Grants() {
		if err := s.DeleteGrant(g.ID); err != nil {
			t.Fatal(err)
		}
	}
	status, rt, _ = b.token(url.Values{"grant_type": {"refresh_token"}, "client_id": {"spa"}, "refresh_token": {tr.RefreshToken}})
	if status != http.StatusForbidden || rt.Error != "access_denied" || !strings.Contains(rt.ErrorDescription, "is not authorized to access resource server") {
		t.Errorf("refresh without a grant: %d %+v, want 403 access_denied", status, rt)
	}
}

func TestLoginPage(t *testing.T) {
	s := configuredTenant(t, Options{})
	b := newBrowser(t, s)
	resp, _ := b.get(authorizeQuery(s, nil))
	resp, body := b.get(resp.Header.Get("Location"))
	state := regexp.MustCompile(`name="state" value="([^"]+)"`).FindStringSubmatch(body)[1]
	resp, body = b.postForm(loginPath, url.Values{"state": {state}, "username": {TestUserEmail}, "password": {"wrong"}}, "")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Wrong email or password.") {
		t.Fatalf("wrong password: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, TestUserPassword) {
		t.Error("the login page shows the password")
	}
	resp, body = b.postForm(loginPath, url.Values{"state": {state}, "username": {TestUserEmail}, "password": {TestUserPassword}, "remember": {"1"}}, "")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Unknown form field: remember") {
		t.Fatalf("undeclared form field: %d %s", resp.StatusCode, body)
	}
	resp, body = b.postForm(loginPath, url.Values{"state": {state}, "username": {TestUserEmail}, "password": {TestUserPassword}}, "")
	redirectParams(t, resp, body)
	// The login transaction is used up.
	resp, body = b.postForm(loginPath, url.Values{"state": {state}, "username": {TestUserEmail}, "password": {TestUserPassword}}, "")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("reused login transaction: %d %s", resp.StatusCode, body)
	}
}

func TestAutoLoginAndPromptNone(t *testing.T) {
	s := configuredTenant(t, Options{AutoLogin: true})
	b := newBrowser(t, s)
	// prompt=none without a session: login_required, even with AutoLogin.
	cb := b.callback(authorizeQuery(s, map[string]string{"prompt": "none"}))
	if cb.Get("error") != "login_required" || cb.Get("state") != "st4te" {
		t.Fatalf("prompt=none without a session: %v", cb)
	}
	cb = b.callback(authorizeQuery(s, nil))
	if cb.Get("code") == "" {
		t.Fatalf("auto login: %v, want a code", cb)
	}
	cb = b.callback(authorizeQuery(s, map[string]string{"prompt": "none"}))
	if cb.Get("code") == "" {
		t.Fatalf("prompt=none with a session: %v, want a code", cb)
	}
}

// callback gets query from /authorize and returns the callback's query.
func (b *browser) callback(query string) url.Values {
	b.t.Helper()
	resp, body := b.get(query)
	return redirectParams(b.t, resp, body)
}

func TestWebMessageSilentRenewalNeedsWebOrigins(t *testing.T) {
	s := configuredTenant(t, Options{AutoLogin: true})
	b := newBrowser(t, s)
	b.callback(authorizeQuery(s, nil)) // the session
	silent := authorizeQuery(s, map[string]string{"prompt": "none", "response_mode": "web_message", "redirect_uri": spaOrigin + "/"})
	if err := s.EditClient("spa", func(c *Client) { c.Callbacks = append(c.Callbacks, spaOrigin+"/") }); err != nil {
		t.Fatal(err)
	}
	resp, body := b.get(silent)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `type: "authorization_response"`) ||
		!strings.Contains(body, `postMessage(msg, "http://localhost:3000")`) || !regexp.MustCompile(`"code":"[A-Za-z0-9]{40}"`).MatchString(body) {
		t.Fatalf("web_message: %d %s", resp.StatusCode, body)
	}

	// Without a session the message carries login_required.
	resp, body = newBrowser(t, s).get(silent)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"error":"login_required"`) {
		t.Fatalf("web_message without a session: %d %s", resp.StatusCode, body)
	}

	// The page's origin must be in web_origins.
	if err := s.EditClient("spa", func(c *Client) { c.WebOrigins = nil }); err != nil {
		t.Fatal(err)
	}
	resp, body = b.get(silent)
	if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "postMessage") || !strings.Contains(body, "Allowed Web Origins") {
		t.Fatalf("web_message without web_origins: %d %s", resp.StatusCode, body)
	}
}

func TestAuthorizeErrors(t *testing.T) {
	s := configuredTenant(t, Options{AutoLogin: true})
	cases := []struct {
		name     string
		over     map[string]string
		page     int    // an error page with this status, or 0 for a redirect
		want     string // in the page, or the redirect's error
		wantDesc string
	}{
		{"unknown client", map[string]string{"client_id": "nope"}, 400, "Unknown client: nope", ""},
		{"callback not listed", map[string]string{"redirect_uri": "http://localhost:3000/other"}, 400, "Callback URL mismatch", ""},
		{"no redirect_uri", map[string]string{"redirect_uri": ""}, 400, "Callback URL mismatch", ""},
		{"implicit flow", map[string]string{"response_type": "token"}, 0, "unsupported_response_type", ""},
		{"no PKCE", map[string]string{"code_challenge": ""}, 0, "invalid_request", "code_challenge"},
		{"plain PKCE", map[string]string{"code_challenge_method": "plain"}, 0, "invalid_request", "S256"},
		{"form_post", map[string]string{"response_mode": "form_post"}, 0, "invalid_request", "response_mode"},
		{"undeclared parameter", map[string]string{"foo": "bar"}, 0, "invalid_request", "Unknown parameters: foo"},
		{"unknown audience", map[string]string{"audience": "https://api.example.com/"}, 0, "access_denied", "Service not found: https://api.example.com/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := newBrowser(t, s).get(authorizeQuery(s, c.over))
			if c.page != 0 {
				if resp.StatusCode != c.page || !strings.Contains(body, c.want) {
					t.Fatalf("status %d body %s, want %d with %q", resp.StatusCode, body, c.page, c.want)
				}
				return
			}
			cb := redirectParams(t, resp, body)
			if cb.Get("error") != c.want || !strings.Contains(cb.Get("error_description"), c.wantDesc) || cb.Get("state") != "st4te" {
				t.Fatalf("callback %v, want error %s with %q", cb, c.want, c.wantDesc)
			}
		})
	}
}

func TestCallbackWildcard(t *testing.T) {
	for _, c := range []struct {
		cb, uri string
		want    bool
	}{
		{"https://*.example.com/callback", "https://app.example.com/callback", true},
		{"https://*.example.com/callback", "https://app.example.com/other", false},
		{"https://*.example.com/callback", "https://a.b.example.com/callback", false},
		{"https://app.example.com/callback", "https://app.example.com/callback", true},
		{"https://app.example.com/callback", "https://app.example.com/callback?x=1", false},
	} {
		if got := callbackListed([]string{c.cb}, c.uri); got != c.want {
			t.Errorf("callbackListed(%q, %q) = %v, want %v", c.cb, c.uri, got, c.want)
		}
	}
}

func TestUserAccessPolicy(t *testing.T) {
	create := "create:me:authentication_methods"
	cases := []struct {
		name      string
		policy    string
		grant     []string // nil: no grant
		active    bool
		wantErr   string
		wantScope string
	}{
		{"require_client_grant: the requested scopes the grant holds", "require_client_grant", []string{readMethods}, true, "", readMethods},
		{"require_client_grant without a grant", "require_client_grant", nil, true, "is not authorized to access resource server", ""},
		{"allow_all without a grant", "allow_all", nil, true, "", readMethods + " " + create},
		{"deny_all with a grant", "deny_all", []string{readMethods}, true, "user access policy is deny_all", ""},
		{"API not active", "", nil, false, "Service not found", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startSim(t, Options{AutoLogin: true})
			s.SeedClient(Client{ClientID: "spa", AppType: "spa", Callbacks: []string{spaCallback}})
			me := s.URL() + "/me/"
			if c.active {
				if _, err := s.ActivateMyAccountAPI(""); err != nil {
					t.Fatal(err)
				}
				if err := s.EditResourceServer(me, func(r *ResourceServer) { r.UserPolicy = c.policy }); err != nil {
					t.Fatal(err)
				}
			}
			if c.grant != nil {
				s.SeedGrant(ClientGrant{ClientID: "spa", Audience: me, SubjectType: "user", Scope: c.grant})
			}
			b := newBrowser(t, s)
			cb := b.callback(authorizeQuery(s, map[string]string{"scope": "openid " + readMethods + " " + create + " read:me:unknown"}))
			if c.wantErr != "" {
				if cb.Get("error") != "access_denied" || !strings.Contains(cb.Get("error_description"), c.wantErr) {
					t.Fatalf("callback %v, want access_denied with %q", cb, c.wantErr)
				}
				return
			}
			status, tr, _ := b.token(exchange(cb.Get("code")))
			if status != http.StatusOK || tr.Scope != "openid "+c.wantScope {
				t.Fatalf("token %d %+v, want scope %q", status, tr, "openid "+c.wantScope)
			}
		})
	}
}

func TestTokenExchangeChecks(t *testing.T) {
	s := configuredTenant(t, Options{AutoLogin: true})
	b := newBrowser(t, s)
	code := func() string { return b.callback(authorizeQuery(s, nil)).Get("code") }
	cases := []struct {
		name string
		edit func(url.Values)
		want string
	}{
		{"wrong verifier", func(f url.Values) { f.Set("code_verifier", strings.Repeat("x", 43)) }, "Failed to verify code verifier"},
		{"other redirect_uri", func(f url.Values) { f.Set("redirect_uri", spaOrigin+"/") }, "Redirect URI does not match"},
		{"other client", func(f url.Values) { f.Set("client_id", "other") }, "Invalid authorization code"},
		{"confidential client", func(f url.Values) { f.Set("client_id", "web") }, `Unauthorized: client_id "web" is not a single-page or native application`},
		{"undeclared parameter", func(f url.Values) { f.Set("client_secret", "x") }, "Unknown parameters for grant_type authorization_code: client_secret"},
	}
	s.SeedClient(Client{ClientID: "other", AppType: "spa"})
	s.SeedClient(Client{ClientID: "web", AppType: "regular_web"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := exchange(code())
			c.edit(f)
			status, tr, _ := b.token(f)
			if status < 400 || !strings.Contains(tr.ErrorDescription, c.want) {
				t.Fatalf("%d %+v, want an error with %q", status, tr, c.want)
			}
		})
	}
}

func TestMyAccountAPIChecks(t *testing.T) {
	s := configuredTenant(t, Options{})
	me := func(method, path, token, body string) (int, meError, http.Header) {
		resp, b := meCall(t, s, method, path, token, body)
		var e meError
		_ = json.Unmarshal([]byte(b), &e)
		return resp.StatusCode, e, resp.Header
	}
	read := s.IssueUserToken("spa", []string{readMethods}, time.Hour)
	all := s.IssueUserToken("spa", []string{readMethods, "create:me:authentication_methods", "delete:me:authentication_methods"}, time.Hour)

	cases := []struct {
		name, method, path, token, body string
		status                          int
		detail                          string
	}{
		{"no token", "GET", "/authentication-methods", "", "", 401, "Missing authorization header"},
		{"expired", "GET", "/authentication-methods", s.IssueUserToken("spa", []string{readMethods}, -time.Minute), "", 401, "Expired token"},
		{"Management API token", "GET", "/authentication-methods", s.IssueToken(s.ManagementClientID(), []string{"read:clients"}, time.Hour), "", 401, "Invalid token audience"},
		{"forged", "GET", "/authentication-methods", read[:len(read)-4] + "AAAA", "", 401, "Invalid token"},
		{"no create scope", "POST", "/authentication-methods", read, `{"type":"passkey"}`, 403, "expected all of: create:me:authentication_methods"},
		{"no delete scope", "DELETE", "/authentication-methods/x", read, "", 403, "delete:me:authentication_methods"},
		{"undeclared query", "GET", "/authentication-methods?page=1", read, "", 400, "Invalid request query"},
		{"undeclared body property", "POST", "/authentication-methods", all, `{"type":"passkey","foo":1}`, 400, "Invalid request body"},
		{"unsupported type", "POST", "/authentication-methods", all, `{"type":"totp"}`, 400, "Invalid request body"},
		{"unknown method id", "DELETE", "/authentication-methods/nope", all, "", 404, "not found"},
		{"unknown path", "GET", "/factors", all, "", 404, "Not Found"},
		{"method not served", "PATCH", "/authentication-methods/x", all, "{}", 501, "does not implement"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, e, _ := me(c.method, c.path, c.token, c.body)
			if status != c.status || e.Status != c.status || e.Title != http.StatusText(c.status) || e.Type == "" || !strings.Contains(e.Detail, c.detail) {
				t.Fatalf("%d %+v, want %d with %q in the My Account API's error shape", status, e, c.status, c.detail)
			}
		})
	}
	status, e, _ := me("GET", "/authentication-methods?page=1&include_totals=true", read, "")
	if status != 400 || len(e.ValidationErrors) != 2 || e.ValidationErrors[0].Field != "include_totals" || e.ValidationErrors[1].Field != "page" {
		t.Errorf("query validation_errors: %+v, want include_totals and page, in that order", e.ValidationErrors)
	}
	status, e, _ = me("POST", "/authentication-methods", all, `{"type":"passkey","foo":1,"connection":3}`)
	if status != 400 || len(e.ValidationErrors) != 2 || e.ValidationErrors[0].Field != "connection" || e.ValidationErrors[1].Field != "foo" {
		t.Errorf("validation_errors: %+v, want connection and foo", e.ValidationErrors)
	}

	// Enrol, list, delete.
	resp, body := meCall(t, s, "POST", "/authentication-methods", all, `{"type":"passkey","connection":"Username-Password-Authentication"}`)
	var m authMethodRec
	if err := json.Unmarshal([]byte(body), &m); err != nil || resp.StatusCode != 201 || m.Type != "passkey" || !strings.HasPrefix(m.ID, "passkey|") {
		t.Fatalf("enrol: %d %s", resp.StatusCode, body)
	}
	if got := s.AuthenticationMethods(); len(got) != 2 || got[1].ID != m.ID {
		t.Fatalf("after enrolment: %v", got)
	}
	if resp, body := meCall(t, s, "DELETE", "/authentication-methods/"+url.PathEscape(m.ID), all, ""); resp.StatusCode != 204 {
		t.Fatalf("delete: %d %s", resp.StatusCode, body)
	}
	if got := s.AuthenticationMethods(); len(got) != 1 || got[0].Type != "password" {
		t.Fatalf("after delete: %v", got)
	}

	// A token of a client that does not allow the origin gets no CORS header,
	// while the API still answers.
	s.SeedClient(Client{ClientID: "other", AppType: "spa"})
	_, _, h := me("GET", "/authentication-methods", s.IssueUserToken("other", []string{readMethods}, time.Hour), "")
	if h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("token of a client without the origin: Access-Control-Allow-Origin = %q", h.Get("Access-Control-Allow-Origin"))
	}

	// The API deactivated: 404.
	if err := s.DeleteResourceServer(s.URL() + "/me/"); err != nil {
		t.Fatal(err)
	}
	if status, e, _ := me("GET", "/authentication-methods", read, ""); status != 404 || !strings.Contains(e.Detail, "not active") {
		t.Errorf("inactive API: %d %+v", status, e)
	}
}

func TestMyAccountRateLimit(t *testing.T) {
	s := configuredTenant(t, Options{MyAccountRateLimit: 2})
	tok := s.IssueUserToken("spa", []string{readMethods}, time.Hour)
	var statuses []int
	var limited http.Header
	var body string
	for range 4 {
		resp, b := meCall(t, s, "GET", "/authentication-methods", tok, "")
		statuses = append(statuses, resp.StatusCode)
		if resp.StatusCode == http.StatusTooManyRequests && limited == nil {
			limited, body = resp.Header, b
		}
	}
	if !slices.Contains(statuses, http.StatusTooManyRequests) || statuses[0] != 200 {
		t.Fatalf("statuses %v: want 200 first and a 429 within 4 requests at 2/s", statuses)
	}
	for _, h := range []string{"Retry-After", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} {
		if limited.Get(h) == "" {
			t.Errorf("429 without %s", h)
		}
	}
	if limited.Get("x-ratelimit-limit") != "2" || limited.Get("x-ratelimit-remaining") != "0" || limited.Get("x-auth0-error-kind") != "global-rate-limit" {
		t.Errorf("429 headers %v", limited)
	}
	if limited.Get("Access-Control-Allow-Origin") != spaOrigin || !strings.Contains(limited.Get("Access-Control-Expose-Headers"), "retry-after") {
		t.Errorf("a page cannot read the 429: %v", limited)
	}
	if !strings.Contains(body, `"status":429`) {
		t.Errorf("429 body %s", body)
	}
	if s.MyAccountRequests() != 4 || s.Total() != 0 {
		t.Errorf("MyAccountRequests %d, Total %d: want 4 and no Management API request", s.MyAccountRequests(), s.Total())
	}
}

func TestBoundEntries(t *testing.T) {
	m := map[string]int{}
	for i := range maxAuthEntries {
		m[strconv.Itoa(i)] = i
	}
	boundEntries(m)
	if len(m) != maxAuthEntries-1 {
		t.Errorf("after boundEntries a full map holds %d entries, want %d", len(m), maxAuthEntries-1)
	}
	small := map[string]int{"a": 1}
	boundEntries(small)
	if len(small) != 1 {
		t.Errorf("boundEntries dropped an entry from a map with room")
	}
}

func TestRefreshTokenRotation(t *testing.T) {
	s := configuredTenant(t, Options{AutoLogin: true})
	// Rotation is a client setting, made through the Management API.
	req, _ := http.NewRequest(http.MethodPatch, s.URL()+"/api/v2/clients/spa",
		strings.NewReader(`{"refresh_token":{"rotation_type":"rotating","expiration_type":"expiring"}}`))
	req.Header.Set("Authorization", "Bearer "+s.IssueToken(s.ManagementClientID(), []string{"update:clients"}, time.Hour))
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH refresh_token: %d", resp.StatusCode)
	}
	b := newBrowser(t, s)
	_, first, _ := b.token(exchange(b.callback(authorizeQuery(s, nil)).Get("code")))
	refresh := func(rt string) (int, tokenResponse) {
		status, tr, _ := b.token(url.Values{"grant_type": {"refresh_token"}, "client_id": {"spa"}, "refresh_token": {rt}})
		return status, tr
	}
	// A refused request does not use the token up.
	for _, bad := range []url.Values{{"scope": {"openid read:me:authentication_methods create:users"}}} {
		bad.Set("grant_type", "refresh_token")
		bad.Set("client_id", "spa")
		bad.Set("refresh_token", first.RefreshToken)
		if status, tr, _ := b.token(bad); status != http.StatusForbidden || tr.Error != "access_denied" {
			t.Fatalf("refresh with %v: %d %+v, want 403 access_denied", bad, status, tr)
		}
	}
	status, second := refresh(first.RefreshToken)
	if status != http.StatusOK || second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
		t.Fatalf("rotating refresh: %d %+v, want a new refresh token", status, second)
	}
	// Reusing the rotated-away token fails and revokes the family.
	if status, tr := refresh(first.RefreshToken); status != http.StatusForbidden || tr.Error != "invalid_grant" {
		t.Fatalf("reused refresh token: %d %+v, want 403 invalid_grant", status, tr)
	}
	if status, tr := refresh(second.RefreshToken); status != http.StatusForbidden || tr.Error != "invalid_grant" {
		t.Fatalf("the family after a reuse: %d %+v, want 403 invalid_grant", status, tr)
	}
}

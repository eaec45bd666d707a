package auth0sim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestOriginMatches(t *testing.T) {
	cases := []struct {
		pattern, origin string
		want            bool
	}{
		{"http://localhost:3000", "http://localhost:3000", true},
		{"http://localhost:3000/", "http://localhost:3000", true},
		{"http://LOCALHOST:3000", "http://localhost:3000", true},
		{"http://localhost:3000", "http://localhost:3001", false},
		{"http://localhost:3000", "https://localhost:3000", false},
		{"https://app.example.com", "https://app.example.com:443", true},
		{"https://app.example.com:8443", "https://app.example.com", false},
		{"https://*.example.com", "https://app.example.com", true},
		{"https://*.example.com", "https://a.b.example.com", false},
		{"https://*.example.com", "https://example.com", false},
		{"https://*.example.com", "http://app.example.com", false},
		{"https://prefix-*-suffix.example.com", "https://prefix-42-suffix.example.com", true},
		{"https://prefix-*-suffix.example.com", "https://prefix--suffix.example.com", false},
		{"https://prefix-*-suffix.example.com", "https://other-42-suffix.example.com", false},
		{"https://*.com", "https://example.com", false},
		{"https://app.*.example.com", "https://app.x.example.com", false},
		{"https://*-*.example.com", "https://a-b.example.com", false},
		{"https://{organization_name}.example.com", "https://acme.example.com", false},
		{"https://app.example.com/path", "https://app.example.com", false},
		{"ftp://app.example.com", "ftp://app.example.com", false},
		{"https://app.example.com", "https://*.example.com", false},
		{"https://app.example.com", "null", false},
	}
	for _, c := range cases {
		if got := OriginMatches(c.pattern, c.origin); got != c.want {
			t.Errorf("OriginMatches(%q, %q) = %v, want %v", c.pattern, c.origin, got, c.want)
		}
	}
}

// preflight sends a CORS preflight as a browser does.
func preflight(t *testing.T, s *Server, path, origin, method, headers string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodOptions, s.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", method)
	if headers != "" {
		req.Header.Set("Access-Control-Request-Headers", headers)
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestPreflightMeV1(t *testing.T) {
	s := startSim(t, Options{})
	const spa = "http://localhost:3000"
	s.SeedClient(Client{ClientID: "spa", AllowedOrigins: []string{spa}, CrossOriginAuthentication: true})
	s.SeedClient(Client{ClientID: "off", AllowedOrigins: []string{"http://localhost:4000"}, CrossOriginAuthentication: false})
	s.SeedClient(Client{ClientID: "wild", AllowedOrigins: []string{"https://*.example.com"}, CrossOriginAuthentication: true})

	allowed := []struct{ name, origin, method, headers string }{
		{"listed origin, GET", spa, "GET", "authorization"},
		{"listed origin, POST with JSON", spa, "POST", "authorization, content-type"},
		{"listed origin, DELETE with DPoP", spa, "DELETE", "Authorization,DPoP"},
		{"wildcard origin", "https://app.example.com", "PATCH", "authorization"},
	}
	for _, c := range allowed {
		t.Run(c.name, func(t *testing.T) {
			resp := preflight(t, s, "/me/v1/authentication-methods", c.origin, c.method, c.headers)
			if resp.StatusCode != http.StatusNoContent {
				t.Fatalf("status %d, want 204", resp.StatusCode)
			}
			h := resp.Header
			if got := h.Get("Access-Control-Allow-Origin"); got != c.origin {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, c.origin)
			}
			for _, m := range []string{"GET", "POST", "PATCH", "DELETE"} {
				if !strings.Contains(h.Get("Access-Control-Allow-Methods"), m) {
					t.Errorf("Access-Control-Allow-Methods %q lacks %s", h.Get("Access-Control-Allow-Methods"), m)
				}
			}
			if got := h.Get("Access-Control-Allow-Headers"); got != "authorization, content-type, dpop" {
				t.Errorf("Access-Control-Allow-Headers = %q", got)
			}
			if h.Get("Access-Control-Max-Age") == "" {
				t.Error("no Access-Control-Max-Age")
			}
			if !strings.Contains(strings.Join(h.Values("Vary"), ","), "Origin") {
				t.Errorf("Vary = %q, want Origin in it", h.Values("Vary"))
			}
		})
	}

	refused := []struct{ name, origin, method, headers string }{
		{"origin of no client", "http://localhost:5000", "GET", "authorization"},
		{"client with cross-origin authentication off", "http://localhost:4000", "GET", "authorization"},
		{"wildcard spans two labels", "https://a.b.example.com", "GET", "authorization"},
		{"method the API does not serve", spa, "PUT", "authorization"},
		{"header not listed", spa, "GET", "authorization, x-custom"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			resp := preflight(t, s, "/me/v1/authentication-methods", c.origin, c.method, c.headers)
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
				t.Errorf("Access-Control-Allow-Origin = %q, want none", got)
			}
			if got := resp.Header.Get("Access-Control-Allow-Methods"); got != "" {
				t.Errorf("Access-Control-Allow-Methods = %q, want none", got)
			}
		})
	}
	if got := s.Preflights(); got != len(allowed)+len(refused) {
		t.Errorf("Preflights() = %d, want %d", got, len(allowed)+len(refused))
	}
	if s.Total() != 0 {
		t.Errorf("preflights counted as %d Management API requests", s.Total())
	}
}

func TestPreflightFollowsClientChanges(t *testing.T) {
	s := startSim(t, Options{})
	const spa = "http://localhost:3000"
	s.SeedClient(Client{ClientID: "spa"})
	if got := preflight(t, s, "/me/v1/authentication-methods", spa, "GET", "authorization").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("unconfigured client: Access-Control-Allow-Origin = %q", got)
	}
	if err := s.EditClient("spa", func(c *Client) { c.AllowedOrigins = []string{spa} }); err != nil {
		t.Fatal(err)
	}
	if got := preflight(t, s, "/me/v1/authentication-methods", spa, "GET", "authorization").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("origin listed but cross-origin authentication off: Access-Control-Allow-Origin = %q", got)
	}
	if err := s.EditClient("spa", func(c *Client) { c.CrossOriginAuthentication = true }); err != nil {
		t.Fatal(err)
	}
	if got := preflight(t, s, "/me/v1/authentication-methods", spa, "GET", "authorization").Header.Get("Access-Control-Allow-Origin"); got != spa {
		t.Fatalf("configured client: Access-Control-Allow-Origin = %q, want %q", got, spa)
	}
}

func TestPreflightOAuthToken(t *testing.T) {
	s := startSim(t, Options{})
	const spa = "http://localhost:3000"
	s.SeedClient(Client{ClientID: "spa", AllowedOrigins: []string{spa}, CrossOriginAuthentication: true})
	// auth0-spa-js sends Auth0-Client with every token request.
	resp := preflight(t, s, "/oauth/token", spa, "POST", "auth0-client, content-type")
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != spa {
		t.Fatalf("Access-Control-Allow-Origin = %q, want %q", got, spa)
	}
	if got := resp.Header.Get("Access-Control-Allow-Methods"); got != "POST" {
		t.Errorf("Access-Control-Allow-Methods = %q, want POST", got)
	}
	if s.TokenRequests() != 0 {
		t.Errorf("a preflight counted as %d token requests", s.TokenRequests())
	}
	if got := preflight(t, s, "/oauth/token", "http://localhost:9999", "POST", "content-type").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("unlisted origin: Access-Control-Allow-Origin = %q", got)
	}
}

// The actual token request is allowed for its client_id only.
func TestTokenRequestCORSFollowsClientID(t *testing.T) {
	s := startSim(t, Options{})
	const spa = "http://localhost:3000"
	s.SeedClient(Client{ClientID: "spa", AllowedOrigins: []string{spa}, CrossOriginAuthentication: true})
	s.SeedClient(Client{ClientID: "other"})
	post := func(clientID string) *http.Response {
		form := url.Values{"grant_type": {"authorization_code"}, "client_id": {clientID}, "code": {"x"}, "code_verifier": {"y"}, "redirect_uri": {spa}}
		req, _ := http.NewRequest(http.MethodPost, s.URL()+"/oauth/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", spa)
		resp, err := s.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if got := post("spa").Header.Get("Access-Control-Allow-Origin"); got != spa {
		t.Errorf("client allowing the origin: Access-Control-Allow-Origin = %q, want %q", got, spa)
	}
	if got := post("other").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("client not allowing the origin: Access-Control-Allow-Origin = %q, want none", got)
	}
}

package auth0sim

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// hostTransport sends every request with Host set to host, as a browser on
// a custom domain pointing at the tenant would.
type hostTransport struct {
	base http.RoundTripper
	host string
}

func (h hostTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Host = h.host
	return h.base.RoundTrip(r)
}

// tokenIssuer is the iss claim of a signed token.
func tokenIssuer(t *testing.T, tok string) string {
	t.Helper()
	var claims struct {
		Iss string `json:"iss"`
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[1])
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		t.Fatalf("token %q: %v", tok, err)
	}
	return claims.Iss
}

// TestUserTokensCarryTheIssuerOfTheDomainUsed: a login through a ready
// custom domain gives tokens whose iss is that domain, which the My
// Account API served there accepts; through the canonical domain, the
// canonical iss.
func TestUserTokensCarryTheIssuerOfTheDomainUsed(t *testing.T) {
	const custom = "login.example.com"
	for _, host := range []string{"", custom} {
		t.Run("host "+host, func(t *testing.T) {
			s := startSim(t, Options{AutoLogin: true})
			s.SeedCustomDomain(custom, "ready")
			s.SeedClient(Client{ClientID: "spa", AppType: "spa", Callbacks: []string{spaCallback}})
			domain := host
			if host == "" {
				domain = s.Domain()
			}
			if _, err := s.ActivateMyAccountAPI(domain); err != nil {
				t.Fatal(err)
			}
			me := "https://" + domain + "/me/"
			s.SeedGrant(ClientGrant{ClientID: "spa", Audience: me, SubjectType: "user", Scope: []string{readMethods}})
			b := newBrowser(t, s)
			if host != "" {
				b.c.Transport = hostTransport{base: b.c.Transport, host: host}
			}
			cb := b.callback(authorizeQuery(s, map[string]string{"audience": me}))
			status, tr, _ := b.token(exchange(cb.Get("code")))
			if status != http.StatusOK {
				t.Fatalf("token: %d %+v", status, tr)
			}
			want := "https://" + domain + "/"
			if got := tokenIssuer(t, tr.AccessToken); got != want {
				t.Errorf("access token iss %s, want %s", got, want)
			}
			if got := tokenIssuer(t, tr.IDToken); got != want {
				t.Errorf("ID token iss %s, want %s", got, want)
			}
			resp, body := b.do(mustRequest(t, "GET", s.URL()+"/me/v1/authentication-methods", tr.AccessToken))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("/me/v1 at %s: %d %s", domain, resp.StatusCode, body)
			}
			resp, body = b.do(mustRequest(t, "GET", s.URL()+"/.well-known/openid-configuration", ""))
			if !strings.Contains(body, `"issuer":"`+want+`"`) {
				t.Errorf("discovery at %s: %d %s, want issuer %s", domain, resp.StatusCode, body, want)
			}
		})
	}
}

func mustRequest(t *testing.T, method, u, token string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

package auth0sim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// myOrgToken signs a valid user token for the My Organization API with scope.
func myOrgToken(t *testing.T, s *Server, scope string) string {
	t.Helper()
	now := time.Now()
	tok, err := s.sign(userClaims{Scope: scope, AZP: "spa", RegisteredClaims: jwt.RegisteredClaims{
		Issuer: s.issuer(), Subject: s.TestUserID(), Audience: jwt.ClaimStrings{s.URL() + "/my-org/"},
		IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour)),
	}})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// activateMyOrganizationAPI activates the My Organization API as auth0-cli's
// `universal-portals setup` does, and checks the answer.
func activateMyOrganizationAPI(t *testing.T, s *Server) {
	t.Helper()
	myOrg := s.URL() + "/my-org/"
	activation := `{"name":"Auth0 My Organization API","identifier":"` + myOrg + `","skip_consent_for_verifiable_first_party_clients":true,"token_dialect":"rfc9068_profile"}`
	code, _, b := raw(t, s, "POST", "/api/v2/resource-servers", activation)
	var rs struct {
		Name     string     `json:"name"`
		IsSystem bool       `json:"is_system"`
		Scopes   []scopeRec `json:"scopes"`
		STA      struct {
			User, Client policyObj
		} `json:"subject_type_authorization"`
	}
	if err := json.Unmarshal(b, &rs); code != 201 || err != nil || rs.Name != MyOrganizationAPIName || !rs.IsSystem ||
		len(rs.Scopes) != len(MyOrganizationScopes()) || rs.STA.User.Policy != "require_client_grant" {
		t.Fatalf("activation: %d %s", code, b)
	}
	if code, _, b := raw(t, s, "POST", "/api/v2/resource-servers", activation); code != 409 {
		t.Errorf("second activation: %d %s, want 409", code, b)
	}
	id := "/api/v2/resource-servers/" + url.PathEscape(myOrg)
	if code, _, b := raw(t, s, "PATCH", id, `{"name":"My Org"}`); code != 400 || !strings.Contains(string(b), "name") {
		t.Errorf("PATCH with name: %d %s, want 400", code, b)
	}
}

// TestMyOrganizationAPI: activation, user grants checked against its
// scopes, a user token from a login, and GET /my-org/v1/details checking
// audience and scope.
func TestMyOrganizationAPI(t *testing.T) {
	s := startSim(t, Options{AutoLogin: true})
	s.SeedClient(Client{ClientID: "spa", AppType: "spa", Callbacks: []string{spaCallback}, AllowedOrigins: []string{spaOrigin}, CrossOriginAuthentication: true})
	activateMyOrganizationAPI(t, s)
	myOrg := s.URL() + "/my-org/"

	// User grants are checked against its own scope list.
	grant := func(scopes ...string) (int, []byte) {
		body, _ := json.Marshal(map[string]any{"client_id": "spa", "audience": myOrg, "subject_type": "user", "scope": scopes})
		code, _, b := raw(t, s, "POST", "/api/v2/client-grants", string(body))
		return code, b
	}
	if code, b := grant("read:me:factors"); code != 400 || !strings.Contains(string(b), "read:me:factors") {
		t.Errorf("a grant with a My Account scope: %d %s, want 400", code, b)
	}
	if code, b := grant("read:my_org:details", "read:my_org:members"); code != 201 {
		t.Fatalf("user grant: %d %s", code, b)
	}

	// A login for the API gives a token with the granted scopes.
	br := newBrowser(t, s)
	cb := br.callback(authorizeQuery(s, map[string]string{"audience": myOrg, "scope": "openid read:my_org:details update:my_org:details"}))
	status, tr, _ := br.token(exchange(cb.Get("code")))
	if status != 200 || tr.Scope != "openid read:my_org:details" || !slices.Contains(tokenAudience(t, tr.AccessToken), myOrg) {
		t.Fatalf("token for My Organization: %d %+v, want openid read:my_org:details", status, tr)
	}
	checkOrganizationDetailsRoute(t, s, tr.AccessToken)
}

// checkOrganizationDetailsRoute: GET /my-org/v1/details answers the
// organization to a valid token, and checks audience, scope and activation.
func checkOrganizationDetailsRoute(t *testing.T, s *Server, token string) {
	t.Helper()

	details := func(token, path string) (int, string, http.Header) {
		resp, body := userAPICall(t, s, "GET", "/my-org/v1"+path, token, "")
		return resp.StatusCode, body, resp.Header
	}
	code, body, h := details(token, "/details")
	var org orgDetails
	if err := json.Unmarshal([]byte(body), &org); code != 200 || err != nil || !strings.HasPrefix(org.ID, "org_") || len(org.ID) != 20 || org.Name == "" {
		t.Fatalf("GET details: %d %s", code, body)
	}
	if h.Get("Access-Control-Allow-Origin") != spaOrigin {
		t.Errorf("GET details: Access-Control-Allow-Origin %q", h.Get("Access-Control-Allow-Origin"))
	}
	for _, c := range []struct {
		name, token, path string
		status            int
		detail            string
	}{
		{"without read:my_org:details", myOrgToken(t, s, "read:my_org:members"), "/details", 403, "read:my_org:details"},
		{"a My Account token", s.IssueUserToken("spa", []string{"read:my_org:details"}, time.Hour), "/details", 401, "Invalid token audience"},
		{"no token", "", "/details", 401, "Missing authorization header"},
		{"a query parameter", token, "/details?fields=id", 400, "takes no query parameters"},
		{"another route", token, "/members", 404, "Not Found"},
	} {
		if code, body, _ := details(c.token, c.path); code != c.status || !strings.Contains(body, c.detail) {
			t.Errorf("%s: %d %s, want %d with %q", c.name, code, body, c.status, c.detail)
		}
	}
	if err := s.DeleteResourceServer(s.URL() + "/my-org/"); err != nil {
		t.Fatal(err)
	}
	if code, body, _ := details(token, "/details"); code != 404 || !strings.Contains(body, "not active") {
		t.Errorf("inactive API: %d %s, want 404", code, body)
	}
}

package auth0sim

import (
	"encoding/json"
	"strings"
	"testing"
)

// clientRefreshToken reads a client's refresh_token through the Management API.
func clientRefreshToken(t *testing.T, s *Server, id string) string {
	t.Helper()
	code, _, b := raw(t, s, "GET", "/api/v2/clients/"+id+"?fields=refresh_token", nil)
	var c struct {
		RefreshToken json.RawMessage `json:"refresh_token"`
	}
	if err := json.Unmarshal(b, &c); code != 200 || err != nil {
		t.Fatalf("GET client %s: %d %s", id, code, b)
	}
	return string(c.RefreshToken)
}

const defaultRefreshTokenJSON = `{"rotation_type":"non-rotating","expiration_type":"non-expiring","leeway":0,"token_lifetime":2592000,"infinite_token_lifetime":true,"infinite_idle_token_lifetime":true,"idle_token_lifetime":1296000}`

func TestClientRefreshTokenSettings(t *testing.T) {
	s := startSim(t, Options{})
	s.SeedClient(Client{ClientID: "spa", Name: "SPA", AppType: "spa"})
	mgmt := s.URL() + "/api/v2/"
	full := `{"rotation_type":"rotating","expiration_type":"expiring","leeway":30,"token_lifetime":86400,"infinite_token_lifetime":false,"infinite_idle_token_lifetime":false,"idle_token_lifetime":3600,"policies":[{"audience":"https://api.example.com","scope":["read:data"]}]}`
	cases := []struct {
		name, body string
		status     int
		want       string // the refresh_token read back afterwards, or a message part on 400
	}{
		{"never set: the recorded default", "", 200, defaultRefreshTokenJSON},
		{"the whole object is kept as sent", full, 200, full},
		{"a partial object replaces: left-out fields take their defaults, policies go",
			`{"rotation_type":"rotating","expiration_type":"expiring","leeway":5}`, 200,
			`{"rotation_type":"rotating","expiration_type":"expiring","leeway":5,"token_lifetime":2592000,"infinite_token_lifetime":true,"infinite_idle_token_lifetime":true,"idle_token_lifetime":1296000}`},
		{"null restores the default", `null`, 200, defaultRefreshTokenJSON},
		{"an unknown audience and scope are accepted (the exchange ignores them)",
			`{"rotation_type":"rotating","expiration_type":"expiring","policies":[{"audience":"https://nowhere.example.com","scope":[]}]}`, 200,
			`{"rotation_type":"rotating","expiration_type":"expiring","leeway":0,"token_lifetime":2592000,"infinite_token_lifetime":true,"infinite_idle_token_lifetime":true,"idle_token_lifetime":1296000,"policies":[{"audience":"https://nowhere.example.com","scope":[]}]}`},
		{"rotation_type is required", `{"expiration_type":"expiring"}`, 400, "Missing required property: rotation_type' on property refresh_token"},
		{"enum", `{"rotation_type":"sometimes","expiration_type":"expiring"}`, 400, `No enum match for: \"sometimes\"' on property refresh_token.rotation_type`},
		{"type", `{"rotation_type":"rotating","expiration_type":"expiring","leeway":"30"}`, 400, "Expected type integer but found type string' on property refresh_token.leeway"},
		{"range", `{"rotation_type":"rotating","expiration_type":"expiring","token_lifetime":157788001}`, 400, "greater than maximum 157788000' on property refresh_token.token_lifetime"},
		{"undeclared property", `{"rotation_type":"rotating","expiration_type":"expiring","rotation":1}`, 400, "Additional properties not allowed: rotation' on property refresh_token"},
		{"policy without scope", `{"rotation_type":"rotating","expiration_type":"expiring","policies":[{"audience":"https://a.example.com"}]}`, 400, "Missing required property: scope' on property refresh_token.policies[0]"},
		{"policy with an empty scope value", `{"rotation_type":"rotating","expiration_type":"expiring","policies":[{"audience":"https://a.example.com","scope":[""]}]}`, 400, "too short (0 chars), minimum 1' on property refresh_token.policies[0].scope[0]"},
		{"the Management API is never in a policy", `{"rotation_type":"rotating","expiration_type":"expiring","policies":[{"audience":"` + mgmt + `","scope":["read:users"]}]}`, 400, "refresh_token.policies[0].audience"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := clientRefreshToken(t, s, "spa")
			if c.body != "" {
				code, _, b := raw(t, s, "PATCH", "/api/v2/clients/spa", `{"refresh_token":`+c.body+`}`)
				if code != c.status || (code == 400 && !strings.Contains(string(b), c.want)) {
					t.Fatalf("PATCH: %d %s, want %d with %q", code, b, c.status, c.want)
				}
			}
			got := clientRefreshToken(t, s, "spa")
			switch {
			case c.status == 400 && got != before:
				t.Errorf("a refused PATCH changed refresh_token from %s to %s", before, got)
			case c.status == 200 && got != c.want:
				t.Errorf("refresh_token = %s, want %s", got, c.want)
			}
		})
	}
	// POST takes the same object and the same validation.
	code, _, b := raw(t, s, "POST", "/api/v2/clients", `{"name":"x","app_type":"spa","refresh_token":`+full+`}`)
	if code != 201 || !strings.Contains(string(b), `"policies":[{"audience":"https://api.example.com","scope":["read:data"]}]`) {
		t.Errorf("POST with refresh_token: %d %s", code, b)
	}
	code, _, b = raw(t, s, "POST", "/api/v2/clients", `{"name":"y","refresh_token":{"rotation_type":"rotating"}}`)
	if code != 400 || !strings.Contains(string(b), "expiration_type") || len(s.Clients()) != 2 {
		t.Errorf("POST with an incomplete refresh_token: %d %s, %d clients (want 400 and nothing created)", code, b, len(s.Clients()))
	}
}

// TestPatchOfASystemAPIWithNameIsRefused: deploy-cli users report that real
// Auth0 answers 400 to a PATCH of a system API that carries name.
func TestPatchOfASystemAPIWithNameIsRefused(t *testing.T) {
	s := startSim(t, Options{})
	if _, err := s.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	id := "/api/v2/resource-servers/" + strings.ReplaceAll(s.URL()+"/me/", "/", "%2F")
	code, _, b := raw(t, s, "PATCH", id, `{"name":"Auth0 My Account API","token_lifetime":900}`)
	if code != 400 || !strings.Contains(string(b), "Additional properties not allowed: name") {
		t.Fatalf("PATCH with name: %d %s, want 400 naming name", code, b)
	}
	if rs, _ := s.GetResourceServerByIdentifier(s.URL() + "/me/"); rs.TokenLifetime != 600 {
		t.Errorf("a refused PATCH changed token_lifetime to %d", rs.TokenLifetime)
	}
	if code, _, b := raw(t, s, "PATCH", id, `{"token_lifetime":900}`); code != 200 {
		t.Errorf("PATCH without name: %d %s", code, b)
	}
}

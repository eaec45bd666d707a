package auth0sim

import "testing"

func TestRefreshScope(t *testing.T) {
	g := refreshGrant{audience: "https://t.example/me/", scope: "openid offline_access read:me:factors"}
	cases := []struct {
		name, scope string
		want        string
		denied      bool
	}{
		{"nothing sent: the grant's scope", "", g.scope, false},
		{"narrower scope", "openid read:me:factors", "openid read:me:factors", false},
		{"scope not held", "openid delete:me:factors", "", true},
	}
	for _, c := range cases {
		got, denied := refreshScope(g, c.scope)
		if got != c.want || (denied != "") != c.denied {
			t.Errorf("%s: refreshScope(%q) = %q, %q; want %q, denied %v", c.name, c.scope, got, denied, c.want, c.denied)
		}
	}
}

func TestMRRTScope(t *testing.T) {
	original := "openid profile offline_access read:data"
	policy := []string{"read:me:authentication_methods", "read:me:factors"}
	cases := []struct {
		name, requested, want string
	}{
		{"nothing requested: the login's OIDC scopes and the policy's", "", "openid profile offline_access read:me:authentication_methods read:me:factors"},
		{"requested within the policy", "openid offline_access read:me:factors", "openid offline_access read:me:factors"},
		{"requested beyond the policy: dropped", "openid read:me:factors delete:me:factors", "openid read:me:factors"},
		{"an OIDC scope the login did not have: dropped", "email read:me:factors", "read:me:factors"},
		{"the original API's scope: dropped", "read:data read:me:factors", "read:me:factors"},
	}
	for _, c := range cases {
		if got := mrrtScope(original, c.requested, policy); got != c.want {
			t.Errorf("%s: mrrtScope(%q) = %q, want %q", c.name, c.requested, got, c.want)
		}
	}
}

func TestFallbackScope(t *testing.T) {
	original := "openid offline_access read:data"
	cases := []struct{ requested, want string }{
		{"", original},
		{"openid read:me:factors", "openid"},
		{"read:me:factors", original},
	}
	for _, c := range cases {
		if got := fallbackScope(original, c.requested); got != c.want {
			t.Errorf("fallbackScope(%q) = %q, want %q", c.requested, got, c.want)
		}
	}
}

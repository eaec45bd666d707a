package auth0sim

import "testing"

func TestRefreshScope(t *testing.T) {
	g := refreshGrant{audience: "https://t.example/me/", scope: "openid offline_access read:me:factors"}
	cases := []struct {
		name, audience, scope string
		want                  string
		denied                bool
	}{
		{"nothing sent: the grant's scope", "", "", g.scope, false},
		{"same audience", g.audience, "", g.scope, false},
		{"another audience", "https://other.example/me/", "", "", true},
		{"narrower scope", "", "openid read:me:factors", "openid read:me:factors", false},
		{"scope not held", "", "openid delete:me:factors", "", true},
	}
	for _, c := range cases {
		got, denied := refreshScope(g, c.audience, c.scope)
		if got != c.want || (denied != "") != c.denied {
			t.Errorf("%s: refreshScope(%q, %q) = %q, %q; want %q, denied %v", c.name, c.audience, c.scope, got, denied, c.want, c.denied)
		}
	}
}

package reconciler

import (
	"strings"
	"testing"
)

func TestAudienceDomainSyntax(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"login.example.com", ""},
		{"", ""},
		{"https://login.example.com", "without https://; use login.example.com"},
		{"https://login.example.com/me/", "without https:// or a path; use login.example.com"},
		{"http://login.example.com/", "without http://; use login.example.com"},
		{"login.example.com/me/", "without a path (the audience is always https://{domain}/me/); use login.example.com"},
		{"login.example.com/", "without a trailing slash; use login.example.com"},
		{"login example.com", "a host name"},
	} {
		got := AudienceDomainSyntax(tc.in)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("AudienceDomainSyntax(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	errs := ValidateStatic(Desired{Domain: "t.eu.auth0.com", API: APISpec{Enabled: true, AudienceDomain: "https://login.example.com"}})
	if len(errs) != 1 || errs[0].Error() != `api.audienceDomain: invalid value "https://login.example.com": a domain only, without https://; use login.example.com` {
		t.Errorf("ValidateStatic = %v", errs)
	}
}

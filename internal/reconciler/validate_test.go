package reconciler

import (
	"strings"
	"testing"
)

func TestValidateOrigin(t *testing.T) {
	tests := []struct {
		origin  string
		wantFix string // substring; "" means valid
	}{
		{"https://app.example.com", ""},
		{"http://localhost:3000", ""},
		{"https://*.example.com", ""},
		{"https://app.example.com:8443", ""},
		{"https://[::1]:8443", ""},
		{"*", "bare *"},
		{"app.example.com", "needs a scheme"},
		{"https://app.example.com/", "no path"},
		{"https://app.example.com/callback", "use https://app.example.com"},
		{"https://app.example.com?x=1", "no path, query"},
		{"https://app.*.example.com", "leftmost"},
		{"https://*app.example.com", "leftmost"},
		{"https://*.com", "registrable domain"},
		{"ftp://app.example.com", "scheme"},
		{"https://app.example.com:99999", "port"},
		{"https://app.example.com:", "port"},
		{"https://", "needs a host"},
		{"https://a..example.com", "empty label"},
		{"", "cannot be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			fix := ValidateOrigin(tt.origin)
			if tt.wantFix == "" && fix != "" {
				t.Fatalf("want valid, got %q", fix)
			}
			if tt.wantFix != "" && !strings.Contains(fix, tt.wantFix) {
				t.Fatalf("fix = %q, want it to mention %q", fix, tt.wantFix)
			}
		})
	}
}

func TestValidateVerificationLocation(t *testing.T) {
	for loc, ok := range map[string]bool{
		"": true,
		"https://app.example.com/cross-auth.html": true,
		"http://localhost:3000/cross-auth.html":   true,
		"http://app.example.com/cross-auth.html":  false,
		"/relative":                               false,
		"javascript:alert(1)":                     false,
	} {
		if got := ValidateVerificationLocation(loc) == ""; got != ok {
			t.Errorf("%q: valid = %v, want %v", loc, got, ok)
		}
	}
}

func TestValidateScopesSuggestsUnderscoreSpelling(t *testing.T) {
	errs := ValidateScopes("applications[0].userAccess.scopes", []string{"create:me:authentication-methods"}, MyAccountScopes)
	if len(errs) != 1 {
		t.Fatalf("want 1 error, got %v", errs)
	}
	msg := errs.Error()
	for _, want := range []string{"applications[0].userAccess.scopes", "create:me:authentication-methods", "did you mean create:me:authentication_methods?", "read:me:factors"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if errs := ValidateScopes("s", nil, MyAccountScopes); len(errs) != 1 {
		t.Fatalf("empty scopes must be rejected")
	}
}

func TestValidateStatic(t *testing.T) {
	d := Desired{Domain: "t.example.com", API: APISpec{Enabled: false}, Applications: []Application{
		{ClientID: "a", AllowedOrigins: []string{"https://ok.example.com", "https://bad.example.com/"}},
		{ClientID: "a", OriginsMode: "Sometimes"},
		{ClientID: "c", UserAccess: &UserAccess{Scopes: []string{"read:me:factors"}}, CrossOriginAuthentication: &CrossOriginAuth{VerificationLocation: "http://evil.example.com/x"}},
	}}
	errs := ValidateStatic(d)
	var fields []string
	for _, e := range errs {
		fields = append(fields, e.Field)
	}
	want := []string{
		"applications[0].allowedOrigins[1]",
		"applications[1].clientId",
		"applications[1].originsMode",
		"applications[2].crossOriginAuthentication.verificationLocation",
		"applications[2].userAccess",
	}
	if strings.Join(fields, ",") != strings.Join(want, ",") {
		t.Fatalf("fields = %v, want %v", fields, want)
	}
}

func TestValidateAudienceDomain(t *testing.T) {
	custom := []CustomDomain{{Domain: "login.example.com", Status: "ready"}, {Domain: "auth.example.com", Status: "pending_verification"}}
	if fe := ValidateAudienceDomain("t.auth0.com", "t.auth0.com", custom); fe != nil {
		t.Fatalf("canonical rejected: %v", fe)
	}
	if fe := ValidateAudienceDomain("login.example.com", "t.auth0.com", custom); fe != nil {
		t.Fatalf("ready custom domain rejected: %v", fe)
	}
	if fe := ValidateAudienceDomain("auth.example.com", "t.auth0.com", custom); fe == nil || !strings.Contains(fe.Fix, "pending_verification") {
		t.Fatalf("pending domain: %v", fe)
	}
	if fe := ValidateAudienceDomain("other.example.com", "t.auth0.com", custom); fe == nil || !strings.Contains(fe.Fix, "login.example.com") {
		t.Fatalf("unknown domain: %v", fe)
	}
}

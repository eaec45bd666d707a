package reconciler

import (
	"context"
	"strings"
	"testing"
)

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

func TestOriginWarnings(t *testing.T) {
	app := Application{ClientID: "a", AllowedOrigins: []string{"https://App.Example.com", "https://bücher.example", "http://shop.example.com", "http://localhost:3000", "https://*.tenant.example"},
		CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: "https://login.other.example/cross.html"}}
	var got []string
	for _, w := range originWarnings("applications[0]", app) {
		got = append(got, w.String())
	}
	want := []string{
		"applications[0].allowedOrigins[0]: https://App.Example.com is written to Auth0 as https://app.example.com: host names are not case-sensitive",
		"applications[0].allowedOrigins[1]: https://bücher.example is written to Auth0 as https://xn--bcher-kva.example: the internationalised host is converted to punycode",
		"applications[0].allowedOrigins[2]: http://shop.example.com uses plain http beyond localhost",
		"applications[0].crossOriginAuthentication.verificationLocation: the verification location's origin https://login.other.example matches none",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d = %q\nwant prefix %q", i, got[i], want[i])
		}
	}
	// A location under a wildcard origin matches it.
	app.CrossOriginAuthentication.VerificationLocation = "https://eu.tenant.example/cross.html"
	if ws := originWarnings("applications[0]", app); len(ws) != 3 {
		t.Fatalf("wildcard match: %v", ws)
	}
}

// Issue 17: origins equal once canonical are duplicates, named with the
// first one, on every face.
func TestValidateStaticRefusesCanonicalDuplicates(t *testing.T) {
	d := Desired{Domain: "t.example.com", Applications: []Application{
		{ClientID: "a", WebOrigins: []string{"https://app.example.com", "https://App.Example.COM"}},
	}}
	errs := ValidateStatic(d)
	want := `applications[0].webOrigins[1]: invalid value "https://App.Example.COM": the same origin as applications[0].webOrigins[0] (https://app.example.com) once canonical, since hosts are not case-sensitive; remove the duplicate`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errs = %v\nwant %s", errs, want)
	}
}

func TestInTenantFormKeepsTheConfiguredSpelling(t *testing.T) {
	got, err := AllowedOrigins.InTenantForm(context.Background(),
		[]string{"https://app.example.com", "https://xn--bcher-kva.example", "https://foreign.example.com"},
		[]string{"https://App.Example.com", "https://bücher.example", "https://gone.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://App.Example.com", "https://bücher.example", "https://foreign.example.com"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("InTenantForm = %v, want %v", got, want)
	}
}

// Issue 17 §3: a client ID too long for Auth0 is refused before it is sent
// as a URL path, and never printed whole.
func TestValidateStaticBoundsTheClientID(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	errs := ValidateStatic(Desired{Domain: "t.example.com", Applications: []Application{{ClientID: huge}}})
	if len(errs) != 1 || errs[0].Field != "applications[0].clientId" || len(errs[0].Error()) > 300 || !strings.Contains(errs[0].Error(), "at most 128 characters") {
		t.Fatalf("errs = %.400v", errs)
	}
}

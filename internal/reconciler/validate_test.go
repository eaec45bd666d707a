package reconciler

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// originTable is testdata/origins.json, shared with the CRD's tests.
type originTable struct {
	Good []struct {
		Origin    string `json:"origin"`
		Canonical string `json:"canonical"`
	} `json:"good"`
	Bad []struct {
		Origin    string `json:"origin"`
		Fix       string `json:"fix"`
		CRDAdmits string `json:"crdAdmits"`
	} `json:"bad"`
}

func loadOriginTable(t testing.TB) originTable {
	t.Helper()
	b, err := os.ReadFile("testdata/origins.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab originTable
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestCanonicalOriginSharedTable(t *testing.T) {
	tab := loadOriginTable(t)
	for _, g := range tab.Good {
		want := g.Canonical
		if want == "" {
			want = g.Origin
		}
		got, fix := CanonicalOrigin(g.Origin)
		if fix != "" || got != want {
			t.Errorf("%q: got (%q, %q), want (%q, \"\")", g.Origin, got, fix, want)
		}
		if again, fix := CanonicalOrigin(got); again != got || fix != "" {
			t.Errorf("%q: canonical form %q is not stable: (%q, %q)", g.Origin, got, again, fix)
		}
	}
	for _, b := range tab.Bad {
		got, fix := CanonicalOrigin(b.Origin)
		if got != "" || !strings.Contains(fix, b.Fix) {
			t.Errorf("%q: got (%q, %q), want a fix mentioning %q", b.Origin, got, fix, b.Fix)
		}
	}
}

func TestIsLocalOrigin(t *testing.T) {
	for o, want := range map[string]bool{
		"http://localhost:3000": true, "http://127.0.0.1": true, "http://[::1]:8080": true, "http://app.localhost": true,
		"http://app.example.com": false, "http://10.0.0.1": false, "not an origin": false,
	} {
		if got := IsLocalOrigin(o); got != want {
			t.Errorf("IsLocalOrigin(%q) = %v, want %v", o, got, want)
		}
	}
}

// FuzzCanonicalOrigin checks that the parser never panics, that what it
// accepts is stable and plain ASCII without upper case, and that it never
// accepts what the grammar forbids.
func FuzzCanonicalOrigin(f *testing.F) {
	tab := loadOriginTable(f)
	for _, g := range tab.Good {
		f.Add(g.Origin)
	}
	for _, b := range tab.Bad {
		f.Add(b.Origin)
	}
	f.Fuzz(func(t *testing.T, origin string) {
		c, fix := CanonicalOrigin(origin)
		if (c == "") == (fix == "") {
			t.Fatalf("%q: exactly one of canonical and fix must be set, got (%q, %q)", origin, c, fix)
		}
		if fix != "" {
			return
		}
		if again, fix := CanonicalOrigin(c); again != c || fix != "" {
			t.Fatalf("%q: canonical %q is not stable: (%q, %q)", origin, c, again, fix)
		}
		if !isASCII(c) || strings.ToLower(c) != c {
			t.Fatalf("%q: canonical %q is not lower-case ASCII", origin, c)
		}
		if strings.ContainsAny(c, " \t\r\n/?#@\\") && !strings.HasPrefix(c, "http") {
			t.Fatalf("%q: canonical %q holds a forbidden character", origin, c)
		}
		rest := c[strings.Index(c, "://")+3:]
		if strings.ContainsAny(rest, "/?#@ ") || strings.Count(rest, "*") > 1 {
			t.Fatalf("%q: canonical %q breaks the grammar", origin, c)
		}
	})
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

func TestOriginMatches(t *testing.T) {
	for _, tc := range []struct {
		pattern, origin string
		want            bool
	}{
		{"https://app.example.com", "https://app.example.com", true},
		{"https://*.example.com", "https://a.example.com", true},
		{"https://*.example.com", "https://a.b.example.com", false},
		{"https://*.example.com", "http://a.example.com", false},
		{"https://pre-*-suf.example.com", "https://pre-x-suf.example.com", true},
		{"https://pre-*-suf.example.com", "https://pre-suf.example.com", false},
		{"https://{organization_name}.example.com", "https://acme.example.com", true},
		{"https://*.example.com:8443", "https://a.example.com", false},
	} {
		if got := OriginMatches(tc.pattern, tc.origin); got != tc.want {
			t.Errorf("OriginMatches(%q, %q) = %v", tc.pattern, tc.origin, got)
		}
	}
}

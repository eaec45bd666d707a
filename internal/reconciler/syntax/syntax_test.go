package syntax

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

func TestAudienceDomain(t *testing.T) {
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
		got := AudienceDomain(tc.in)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("AudienceDomain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Issue 17 §3: refused before any write, naming the code point or the
// limit; never stripped or accepted silently.
func TestRefusedBeforeAnyWrite(t *testing.T) {
	long := strings.Repeat("a", 60)
	wildcardHost := "https://*." + strings.Join([]string{long, long, long, long}, ".") + ".example.com" // 259 characters
	for _, tc := range []struct{ origin, fix string }{
		{"https://app\u200b.example.com", "invisible character U+200B"},
		{"https://\ufeffapp.example.com", "invisible character U+FEFF"},
		{"https://ap\u00adp.example.com", "invisible character U+00AD"},
		{"https://app.exa\u3164mple.com", "invisible character U+3164"},
		{wildcardHost, "longer than 253 characters"},
	} {
		if c, fix := CanonicalOrigin(tc.origin); c != "" || !strings.Contains(fix, tc.fix) {
			t.Errorf("CanonicalOrigin(%q) = (%q, %q), want a fix naming %q", tc.origin, c, fix, tc.fix)
		}
	}
	for _, tc := range []struct{ loc, fix string }{
		{"https://user:pw@app.example.com/co.html", "no user info; use https://app.example.com/co.html"},
		{"https://*.example.com/co.html", "cannot be a wildcard"},
		{"https://app.example.com/co\u200b.html", "invisible character U+200B"},
	} {
		if fix := ValidateVerificationLocation(tc.loc); !strings.Contains(fix, tc.fix) {
			t.Errorf("ValidateVerificationLocation(%q) = %q, want a fix naming %q", tc.loc, fix, tc.fix)
		}
	}
}

// TestSuggestScope: a scope off by case, separators or a letter or two gets
// the offered one; one two offered scopes are equally near gets none.
func TestSuggestScope(t *testing.T) {
	offered := []string{"read:me:authentication_methods", "create:me:authentication_methods", "read:me:factors", "read:my_org:details", "update:my_org:details"}
	cases := map[string]string{
		"Read:Me:Authentication-Methods": "read:me:authentication_methods",
		"read:me:authentication_method":  "read:me:authentication_methods",
		"read:my_org:detail":             "read:my_org:details",
		"read:me:factor":                 "read:me:factors",
		"write:me:factors":               "",
		"read:users":                     "",
	}
	for in, want := range cases {
		if got := SuggestScope(in, offered); got != want {
			t.Errorf("SuggestScope(%q) = %q, want %q", in, got, want)
		}
	}
}

package reconciler_test

import (
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// FuzzParseTokenClaims feeds the --user-token-file parser anything: it
// never panics, and its error never repeats the token.
func FuzzParseTokenClaims(f *testing.F) {
	for _, seed := range []string{
		"",
		"a.b.c",
		"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3QvIiwiYXVkIjpbImh0dHBzOi8vdC9tZS8iLCJodHRwczovL3QvdXNlcmluZm8iXSwiYXpwIjoic3BhIn0.c2ln",
		"eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3QvbWUvIn0.x", // aud as a string
		"eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOjQyfQ.x",                  // aud a number
		"x.bm90IGpzb24.y",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		_, err := reconciler.ParseTokenClaims(token)
		if err != nil && len(token) > 8 && strings.Contains(err.Error(), token) {
			t.Fatalf("the error repeats the token: %v", err)
		}
	})
}

// FuzzEvaluatePreflight gives the chain any preflight answer: it never
// panics, and link 5 passes only when Access-Control-Allow-Origin names the
// origin (or is *) and the headers allow authorization explicitly.
func FuzzEvaluatePreflight(f *testing.F) {
	f.Add(204, "https://app.example.com", "GET, POST, PATCH, DELETE", "authorization, content-type, dpop")
	f.Add(200, "*", "*", "*")
	f.Add(404, "", "", "")
	f.Add(204, "https://app.example.com", "get,delete", "Authorization,Content-Type")
	f.Fuzz(func(t *testing.T, status int, allowOrigin, allowMethods, allowHeaders string) {
		o := healthyChain()
		const origin = "https://app.example.com"
		o.Preflights[origin] = reconciler.PreflightObservation{Origin: origin, Method: "DELETE", Status: status,
			AllowOrigin: allowOrigin, AllowMethods: allowMethods, AllowHeaders: allowHeaders}
		seen := false
		for _, c := range reconciler.EvaluateChain(o) {
			if c.Link == reconciler.LinkCORSPreflight {
				seen = true
			}
			if c.Link != reconciler.LinkCORSPreflight || c.Outcome != reconciler.OutcomePass {
				continue
			}
			headers := strings.ToLower(allowHeaders)
			if (allowOrigin != origin && allowOrigin != "*") || status < 200 || status > 299 || !strings.Contains(headers, "authorization") {
				t.Fatalf("passed with status %d, origin %q, headers %q", status, allowOrigin, allowHeaders)
			}
		}
		if !seen {
			t.Fatalf("no CORS preflight check for %s (status %d): the link was never decided", origin, status)
		}
	})
}

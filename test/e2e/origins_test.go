package e2e

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/cli"
)

// The origin forms Auth0 accepts (prefix-*-suffix, {organization_name}) go
// through the CLI; hosts are written lower-cased and in punycode, and the
// plan says so.
func TestCLIAppliesNewlyValidAndNormalisedOrigins(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	before := h.client("spa_demo_client").AllowedOrigins
	f := h.manifest("origins.yaml", mergeConfig(`["https://prefix-*-suffix.example.com", "https://{organization_name}.example.com", "https://App.Example.com", "https://bücher.example"]`))
	r := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", r.stdout+r.stderr, "https://bücher.example is written to Auth0 as https://xn--bcher-kva.example", "https://App.Example.com is written to Auth0 as https://app.example.com")
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	want := append(slices.Clone(before), "https://app.example.com", "https://prefix-*-suffix.example.com", "https://xn--bcher-kva.example", "https://{organization_name}.example.com")
	got := h.client("spa_demo_client").AllowedOrigins
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Fatalf("allowed_origins = %q, want %q", got, want)
	}
	h.srv.ResetCounts()
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("second apply made %d writes: %v", w, h.srv.Counts())
	}
}

// Every origin the hostile battery found reaching the tenant is refused
// before any request that writes, naming the manifest's field.
func TestCLIRefusesBadOriginsBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, bad := range []string{
		"https://app.example.com\t", "https://app.example.com\nhttps://b.example.com", "https://[::1", "https://ex%20ample.com",
		"https://ex_ample.com", "https://-bad-.com", "https://exa<script>.com", "https://*.co.uk",
	} {
		q, _ := json.Marshal(bad)
		f := h.manifest("bad.yaml", mergeConfig("["+string(q)+"]"))
		h.srv.ResetCounts()
		r := h.run("apply", "-f", f)
		if r.code == cli.ExitOK || !strings.Contains(r.stderr, "applications[0].allowedOrigins[0]") {
			t.Errorf("%q: exit %d, stderr %q", bad, r.code, r.stderr)
		}
		if w := h.srv.Writes(); w != 0 {
			t.Errorf("%q: %d writes", bad, w)
		}
	}
}

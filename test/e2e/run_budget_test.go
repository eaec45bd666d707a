package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
)

// manyDocs is n MyAccountConfig documents, each for its own client app-i
// (seeded in h's tenant) with origins, web origins, cross-origin
// authentication and user access; the first activates the API.
func (h *harness) manyDocs(n int) string {
	var docs []string
	for i := range n {
		id := fmt.Sprintf("app-%02d", i)
		h.srv.SeedClient(auth0sim.Client{ClientID: id, Name: id})
		docs = append(docs, fmt.Sprintf(`apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: doc-%02d}
spec:
  domain: DOMAIN
  api: {enabled: true}
  applications:
    - clientId: %s
      allowedOrigins: [https://%s.example.com]
      webOrigins: [https://%s.example.com]
      crossOriginAuthentication: {enabled: true, verificationLocation: https://%s.example.com/cross-auth.html}
      userAccess: {scopes: [read:me:authentication_methods]}
`, i, id, id, id, id))
	}
	return h.manifest("many.yaml", strings.Join(docs, "---\n"))
}

// Issue 17 §3: a run over many documents is bounded in total, not only per
// document. The default whole-run budget leaves a 20-document apply, its
// re-apply and a drift check room; a lower one given with --max-requests
// stops the apply at the document that reaches it, with an error naming
// the budget, the count and the fix, after recording the documents before.
func TestCLIWholeRunRequestBudget(t *testing.T) {
	t.Parallel()
	const docs = 20
	h := newHarness(t)
	m := h.manyDocs(docs)
	budget := reconcilerWholeRunBudget(t, h, m)
	for _, cmd := range []string{"apply", "apply", "drift"} {
		h.srv.ResetCounts()
		h.run(cmd, "-f", m).mustCode(t, cli.ExitOK)
		t.Logf("%s of %d documents: %d Management API requests, whole-run budget %d (%.1fx)", cmd, docs, h.srv.Total(), budget, float64(budget)/float64(h.srv.Total()))
	}

	h = newHarness(t)
	m = h.manyDocs(docs)
	h.srv.ResetCounts()
	r := h.run("apply", "-f", m, "--max-requests", "40").mustCode(t, cli.ExitError)
	if n := h.srv.Total(); n > 40 {
		t.Errorf("the emulator saw %d Management API requests, over the budget of 40", n)
	}
	contains(t, "stderr", r.stderr, "the apply of 20 manifest document(s) stopped after 40 Management API requests, the whole run's budget",
		"set by --max-requests 40", "raise it, or leave it out for the default of "+fmt.Sprint(budget), "nothing more was sent")
	// The documents before the one that reached the budget were applied
	// and recorded; the next apply, with the default budget, finishes.
	applied := 0
	for i := range docs {
		if slices.Contains(h.client(fmt.Sprintf("app-%02d", i)).AllowedOrigins, fmt.Sprintf("https://app-%02d.example.com", i)) {
			applied++
		}
	}
	if applied == 0 || applied == docs {
		t.Errorf("%d of %d documents applied before the budget stopped the run", applied, docs)
	}
	h.run("apply", "-f", m).mustCode(t, cli.ExitOK)
	h.srv.ResetCounts()
	h.run("drift", "-f", m).mustCode(t, cli.ExitOK)

	h.run("plan", "-f", m, "--max-requests", "-1").mustCode(t, cli.ExitUsage)
}

// reconcilerWholeRunBudget is the default budget of a first apply of m: the
// one the error names when --max-requests is lower.
func reconcilerWholeRunBudget(t *testing.T, h *harness, m string) int {
	t.Helper()
	r := h.run("plan", "-f", m, "--max-requests", "1").mustCode(t, cli.ExitError)
	_, after, ok := strings.Cut(r.stderr, "the default of ")
	var n int
	if _, err := fmt.Sscanf(after, "%d", &n); !ok || err != nil {
		t.Fatalf("no default budget in %q", r.stderr)
	}
	return n
}

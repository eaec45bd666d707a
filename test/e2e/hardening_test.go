package e2e

import (
	"testing"

	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Issue 10, the reproduction from the CLI: the API active under the
// canonical domain, then an apply for the custom one (or its upper-case
// spelling) made about 1,400 POSTs a second and never ended. The plan now
// shows the conflict and the apply refuses with the fix, without a write.
func TestAPIActiveUnderTheOtherDomainIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.SeedCustomDomain("login.example.com", "ready")
	if _, err := h.srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	active := reconciler.AudienceFor(h.srv.Domain())
	for _, domain := range []string{"login.example.com", "LOGIN.example.com"} {
		f := h.manifest("custom.yaml", "apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: custom}\nspec: {domain: DOMAIN, api: {enabled: true, audienceDomain: "+domain+"}}\n")
		h.srv.ResetCounts()
		plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
		contains(t, "plan", plan.stdout, "api identifier: "+active+" -> https://login.example.com/me/ (conflict)", "1 conflict(s) to resolve by hand")
		apply := h.run("apply", "-f", f).mustCode(t, cli.ExitError)
		contains(t, "apply", apply.stderr, "the My Account API is already active in this tenant as "+active, "set api.audienceDomain to "+h.srv.Domain())
		if w := h.srv.Writes(); w != 0 {
			t.Errorf("%s: plan and apply made %d writes: %v", domain, w, h.srv.Counts())
		}
		if n := h.srv.Total(); n > 12 {
			t.Errorf("%s: plan and apply made %d requests: %v", domain, n, h.srv.Counts())
		}
	}
}

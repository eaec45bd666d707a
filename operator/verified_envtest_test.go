package operator

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestVerifiedCondition runs the chain check on a real kube-apiserver
// against the emulator: without spec.verify no preflight is sent and no
// Verified condition appears; a fully configured app is Verified=True; an
// app whose client has cross-origin authentication off (not managed by the
// spec) is Ready but Verified=False, naming that link and its fix.
func TestVerifiedCondition(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.sim.SeedClient(auth0sim.Client{ClientID: "legacy", Name: "Legacy SPA"})
	browserApp := v1.ApplicationSpec{
		ClientID:                  "spa",
		AllowedOrigins:            origins(appA),
		WebOrigins:                origins(appA),
		CrossOriginAuthentication: &v1.CrossOriginAuthentication{Enabled: true},
		UserAccess:                &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
	}

	f.create(f.mac("plain", browserApp))
	got := f.waitReady("plain")
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionVerified); c != nil || f.sim.Preflights() != 0 {
		t.Fatalf("without spec.verify: Verified %+v, %d preflights; want none", c, f.sim.Preflights())
	}

	works := f.mac("works", browserApp)
	works.Spec.Verify = true
	f.create(works)
	got = f.waitCondition("works", v1.ConditionVerified, metav1.ConditionTrue, v1.ReasonAllLinksPass)
	c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionVerified)
	if c.ObservedGeneration != got.Generation || !strings.Contains(c.Message, "every link passes for 1 application(s), with 1 CORS preflight(s)") {
		t.Errorf("Verified: %+v", c)
	}
	if f.sim.Preflights() == 0 {
		t.Error("spec.verify sent no preflight")
	}

	broken := f.mac("broken", v1.ApplicationSpec{
		ClientID:       "legacy",
		AllowedOrigins: origins(appB),
		UserAccess:     &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
	})
	broken.Spec.Verify = true
	f.create(broken)
	got = f.waitCondition("broken", v1.ConditionVerified, metav1.ConditionFalse, "CrossOriginAuthenticationFailed")
	c = meta.FindStatusCondition(got.Status.Conditions, v1.ConditionVerified)
	for _, want := range []string{"application legacy, link 6", "cross_origin_authentication is off", "fix: set applications[0].crossOriginAuthentication.enabled to true"} {
		if !strings.Contains(c.Message, want) {
			t.Errorf("Verified message %q lacks %q", c.Message, want)
		}
	}
	if strings.Contains(c.Message, "failing links in all") {
		t.Errorf("more than one failing link: %q", c.Message)
	}
	if !meta.IsStatusConditionTrue(got.Status.Conditions, v1.ConditionReady) {
		t.Errorf("Verified=False changed Ready: %+v", got.Status.Conditions)
	}
}

package operator

import (
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestGitOpsHealthOnRealObjects reads objects from a real kube-apiserver,
// written by the operator, with kstatus (what Flux's health checks and
// kstatus-based tools use) and with the Argo CD health check, in the four
// states a pipeline must tell apart.
func TestGitOpsHealthOnRealObjects(t *testing.T) {
	f := newFixture(t, fixtureOpts{noStart: true})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.sim.SeedClient(auth0sim.Client{ClientID: "report", Name: "Report"})
	f.sim.SeedClient(auth0sim.Client{ClientID: "busy", Name: "Busy"})

	// A new object the operator has not seen: the CRD defaults
	// status.observedGeneration to -1.
	f.create(f.mac("ready", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)}))
	check(t, f.get("ready"), status.InProgressStatus, "Progressing", "waiting")

	// The tenant keeps answering 503 for this client: the operator retries.
	f.sim.InjectFault(auth0sim.Fault{PathPrefix: "/api/v2/clients/busy", Status: 503, Count: -1})
	f.create(f.mac("busy", v1.ApplicationSpec{ClientID: "busy", AllowedOrigins: origins(appA)}))
	missing := f.mac("missing", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appB)})
	missing.Spec.CredentialsSecretRef.Name = "not-created"
	f.create(missing)
	report := f.mac("report", v1.ApplicationSpec{ClientID: "report", AllowedOrigins: origins(appA, appB)})
	report.Spec.DriftPolicy = v1.DriftReport
	f.create(report)
	f.startOperator(Options{RootCAs: f.sim.RootCAs()})

	check(t, f.waitReady("ready"), status.CurrentStatus, "Healthy", "configured")
	check(t, f.waitCondition("busy", v1.ConditionReconciling, metav1.ConditionTrue, v1.ReasonTenantUnavailable), status.InProgressStatus, "Progressing", v1.ReasonTenantUnavailable)
	check(t, f.waitCondition("missing", v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonSecretNotFound), status.FailedStatus, "Degraded", "not-created")

	f.waitReady("report")
	if err := f.sim.EditClient("report", func(c *auth0sim.Client) { c.AllowedOrigins = []string{appB} }); err != nil {
		t.Fatal(err)
	}
	got := f.waitCondition("report", v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonDriftDetected)
	check(t, got, status.FailedStatus, "Degraded", appA)
	if got.Status.LastDriftTime == nil {
		t.Error("lastDriftTime not set")
	}
}

// check asserts what kstatus and the Argo CD health check say of o.
func check(t *testing.T, o *v1.MyAccountConfig, want status.Status, argo, inMessage string) {
	t.Helper()
	o.SetGroupVersionKind(v1.GroupVersion.WithKind("MyAccountConfig"))
	if res := kstatusOf(t, o.Generation, o.Status); res.Status != want {
		t.Errorf("%s: kstatus %s (%s), want %s", o.Name, res.Status, res.Message, want)
	}
	st, msg := argoHealth(t, o)
	if st != argo || !strings.Contains(msg, inMessage) {
		t.Errorf("%s: Argo CD health %s %q, want %s with %q", o.Name, st, msg, argo, inMessage)
	}
}

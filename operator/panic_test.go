package operator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/jsonpath"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestPanicInReconcileIsACondition: a reconcile that panics leaves its
// object Ready=False, Synced=False and Stalled=True with reason
// InternalError and the panic value as the message (no stack), as kubectl
// get shows it; the workqueue retries it, the tenant's other objects carry
// on, and once the cause is gone the object becomes Ready.
func TestPanicInReconcileIsACondition(t *testing.T) {
	const panicValue = "test: the engine run panicked"
	var panicking atomic.Bool
	var panics atomic.Int32
	panicking.Store(true)
	f := newFixture(t, fixtureOpts{opts: Options{beforeRun: func(o *v1.MyAccountConfig) {
		if o.Name == "boom" && panicking.Load() {
			panics.Add(1)
			panic(panicValue)
		}
	}}})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA"})
	f.sim.SeedClient(auth0sim.Client{ClientID: "web", Name: "Web"})
	f.create(f.mac("boom", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)}))
	got := f.waitCondition("boom", v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonInternalError)

	// kubectl get myaccountconfig boom: the server's table.
	if row := f.tableRow("boom"); row["Ready"] != "False" || row["Reason"] != v1.ReasonInternalError {
		t.Errorf("kubectl get shows %v, want Ready False, Reason InternalError", row)
	}
	// kubectl get -o jsonpath='{.status.conditions[?(@.type=="Ready")].reason}' and so on.
	for _, typ := range []string{v1.ConditionReady, v1.ConditionSynced, v1.ConditionStalled} {
		want := "False"
		if typ == v1.ConditionStalled {
			want = "True"
		}
		cond := fmt.Sprintf(`{.status.conditions[?(@.type==%q)]`, typ)
		if s := f.jsonPath("boom", cond+".status}"); s != want {
			t.Errorf("%s status %q, want %q", typ, s, want)
		}
		if s := f.jsonPath("boom", cond+".reason}"); s != v1.ReasonInternalError {
			t.Errorf("%s reason %q, want %s", typ, s, v1.ReasonInternalError)
		}
		if s := f.jsonPath("boom", cond+".message}"); s != panicValue {
			t.Errorf("%s message %q, want the panic value %q alone", typ, s, panicValue)
		}
	}
	check(t, got, status.FailedStatus, "Degraded", panicValue)
	if !anyContains(f.eventNotes("boom", EventSyncFailed), v1.ReasonInternalError, panicValue) {
		t.Errorf("no SyncFailed event naming the panic: %v", f.eventNotes("boom", EventSyncFailed))
	}

	// The panic released the tenant's locks: another object of the tenant
	// activates its API and becomes Ready while boom keeps failing.
	f.create(f.mac("fine", v1.ApplicationSpec{ClientID: "web", AllowedOrigins: origins(appB)}))
	f.waitReady("fine")
	eventually(t, 30*time.Second, "boom retried after backoff", func() (bool, string) {
		return panics.Load() >= 2, fmt.Sprint(panics.Load(), " panic(s)")
	})

	panicking.Store(false)
	f.update("boom", func(o *v1.MyAccountConfig) { o.Spec.Applications[0].AllowedOrigins = origins(appA, appB) })
	ready := f.waitReady("boom")
	if row := f.tableRow("boom"); row["Ready"] != "True" {
		t.Errorf("after the fix kubectl get shows %v, want Ready True", row)
	}
	check(t, ready, status.CurrentStatus, "Healthy", "configured")
}

// tableRow is the object's row as kubectl get prints it: the API server's
// table of the CRD's printer columns, by column name.
func (f *fixture) tableRow(name string) map[string]string {
	f.t.Helper()
	hc, err := rest.HTTPClientFor(restConfig)
	if err != nil {
		f.t.Fatal(err)
	}
	url := fmt.Sprintf("%s/apis/%s/namespaces/%s/myaccountconfigs/%s", strings.TrimSuffix(restConfig.Host, "/"), v1.GroupVersion, f.ns, name)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
	resp, err := hc.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var table metav1.Table
	if err := json.Unmarshal(body, &table); err != nil || resp.StatusCode != http.StatusOK || len(table.Rows) != 1 {
		f.t.Fatalf("table of %s: %s %v: %s", name, resp.Status, err, body)
	}
	row := map[string]string{}
	for i, c := range table.ColumnDefinitions {
		if i < len(table.Rows[0].Cells) {
			row[c.Name] = fmt.Sprint(table.Rows[0].Cells[i])
		}
	}
	return row
}

// jsonPath is kubectl get -o jsonpath=expr of the object.
func (f *fixture) jsonPath(name, expr string) string {
	f.t.Helper()
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(v1.GroupVersion.WithKind("MyAccountConfig"))
	if err := k8s.Get(context.Background(), client.ObjectKey{Namespace: f.ns, Name: name}, u); err != nil {
		f.t.Fatal(err)
	}
	jp := jsonpath.New("kubectl")
	if err := jp.Parse(expr); err != nil {
		f.t.Fatal(err)
	}
	var b strings.Builder
	if err := jp.Execute(&b, u.Object); err != nil {
		f.t.Fatalf("jsonpath %s: %v", expr, err)
	}
	return b.String()
}

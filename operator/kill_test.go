package operator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/conformance"
)

// TestKillOperatorAtScale (opt-in: MYACCOUNT_KILL_TEST=<objects>, for
// example 1000) runs `myaccount operator` as a process against the test
// API server and an emulated tenant with 100 clients, creates the objects
// (each merges one origin into client c<i%100>; the first object of each
// client also grants user access), kills the operator with SIGKILL at 10%,
// 40% and 70% of the writes of a clean run, restarts it each time, waits until every
// object is Ready, deletes every object and counts what is left in the
// tenant: origins and user grants that were not there before. Target: 0.
func TestKillOperatorAtScale(t *testing.T) {
	requireEnv(t)
	n, _ := strconv.Atoi(os.Getenv("MYACCOUNT_KILL_TEST"))
	if n <= 0 {
		t.Skip("set MYACCOUNT_KILL_TEST=<objects> (e.g. 1000) to run")
	}
	tmp := t.TempDir()
	bin, kubeconfig := operatorBinary(t, tmp)

	f := newFixture(t, fixtureOpts{noStart: true})
	const clients = 100
	seedScaleClients(f.sim, clients)
	if _, err := f.sim.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	before := conformance.Snap(f.sim)
	caFile := filepath.Join(tmp, "ca.pem")
	if err := f.sim.WriteCACert(caFile); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	start := func() *exec.Cmd { return operatorProcess(t, bin, kubeconfig, caFile, &logs, []string{f.ns}) }
	kill := func(op *exec.Cmd) {
		_ = op.Process.Kill() // SIGKILL
		_, _ = op.Process.Wait()
	}

	for i := 0; i < n; i++ {
		f.create(f.mac(fmt.Sprintf("o%04d", i), scaleApp(i, clients)))
	}
	// A clean convergence writes about one PATCH per object and one grant
	// per client: kill at 10%, 40% and 70% of that.
	total := n + min(n, clients)
	op := start()
	for _, pct := range []int{10, 40, 70} {
		at := total * pct / 100
		deadline := time.Now().Add(5 * time.Minute)
		for f.sim.Writes() < at && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		kill(op)
		t.Logf("killed the operator after %d tenant writes (target %d)", f.sim.Writes(), at)
		op = start()
	}
	eventually(t, 10*time.Minute, "every object Ready", func() (bool, string) { return allReady(t, f, n), "" })
	var list v1.MyAccountConfigList
	if err := k8s.List(context.Background(), &list, client.InNamespace(f.ns)); err != nil {
		t.Fatal(err)
	}
	for i := range list.Items {
		if err := k8s.Delete(context.Background(), &list.Items[i]); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 10*time.Minute, "every object deleted", func() (bool, string) {
		var l metav1.PartialObjectMetadataList
		l.SetGroupVersionKind(v1.GroupVersion.WithKind("MyAccountConfigList"))
		if err := k8s.List(context.Background(), &l, client.InNamespace(f.ns)); err != nil {
			return false, err.Error()
		}
		return len(l.Items) == 0, fmt.Sprint(len(l.Items), " left")
	})
	kill(op)
	leftOrigins, leftGrants := conformance.Leftovers(f.sim, before)
	t.Logf("%d objects over %d clients, 3 kills: %d origins and %d user grants left after deleting every object", n, clients, leftOrigins, leftGrants)
	if leftOrigins != 0 || leftGrants != 0 {
		t.Errorf("left in the tenant: %d origins, %d user grants; want 0", leftOrigins, leftGrants)
	}
}

func allReady(t *testing.T, f *fixture, n int) bool {
	var list v1.MyAccountConfigList
	if err := k8s.List(context.Background(), &list, client.InNamespace(f.ns)); err != nil {
		t.Fatal(err)
	}
	ready := 0
	for _, o := range list.Items {
		for _, c := range o.Status.Conditions {
			if c.Type == v1.ConditionReady && c.Status == metav1.ConditionTrue && c.ObservedGeneration == o.Generation {
				ready++
			}
		}
	}
	return ready == n
}

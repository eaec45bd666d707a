package operator

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	dto "github.com/prometheus/client_model/go"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Issue 17 §1: another tool keeps taking an origin out of the client
// through the Management API; the operator puts it back on every drift
// check. After three re-applications in a row the object says so on its
// conditions (not Ready, Stalled, Drifted: WritesReverted), naming the
// field and an unknown other writer; when the other tool stops, a quiet
// period later the object is Ready again.
func TestWritesRevertedByAnotherToolMakeTheObjectNotReady(t *testing.T) {
	// The default policy counts over 30 minutes; the test's resyncs come
	// every second, so a short quiet period shows the end of the fight.
	policy := reconciler.RevertPolicy{Times: 3, Window: time.Minute, Quiet: 3 * time.Second, Keep: 32}
	f := newFixture(t, fixtureOpts{opts: Options{revertPolicy: policy}})
	f.sim.SeedClient(auth0sim.Client{ClientID: "spa", Name: "SPA", AllowedOrigins: []string{appB}})
	f.create(f.mac("cfg", v1.ApplicationSpec{ClientID: "spa", AllowedOrigins: origins(appA)}))
	f.waitReady("cfg")

	start := time.Now()
	stop, patches := f.revertOrigins("spa", appA)
	got := f.waitCondition("cfg", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonWritesReverted)
	ready := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady)
	for _, s := range []string{"client/spa allowed_origins", appA, "3 times", reconciler.UnknownWriter, "stop the other writer"} {
		if !strings.Contains(ready.Message, s) {
			t.Errorf("Ready message %q does not say %q", ready.Message, s)
		}
	}
	for _, typ := range []string{v1.ConditionStalled, v1.ConditionDrifted} {
		if c := meta.FindStatusCondition(got.Status.Conditions, typ); c == nil || c.Status != metav1.ConditionTrue || c.Reason != v1.ReasonWritesReverted {
			t.Errorf("%s: want True/WritesReverted, got %+v", typ, c)
		}
	}
	// What Flux (kstatus) and Argo CD make of it.
	check(t, got, status.FailedStatus, "Degraded", "client/spa allowed_origins")
	eventually(t, 10*time.Second, "one WritesReverted event naming the field", func() (bool, string) {
		notes := f.eventNotes("cfg", EventWritesReverted)
		return len(notes) == 1 && anyContains(notes, "client/spa allowed_origins", appA), fmt.Sprint(notes)
	})

	var counted dto.Metric
	if err := DefaultMetrics().WritesReverted.WithLabelValues(f.sim.Domain()).Write(&counted); err != nil || counted.GetCounter().GetValue() != 1 {
		t.Errorf("myaccount_operator_writes_reverted_total for the tenant is %v (%v), want 1", counted.GetCounter().GetValue(), err)
	}
	n := stop()
	t.Logf("the other tool patched allowed_origins %d times before the object read WritesReverted, %s after it started", patches.Load(), time.Since(start).Round(100*time.Millisecond))
	stopped := time.Now()
	got = f.waitCondition("cfg", v1.ConditionReady, metav1.ConditionTrue, v1.ReasonReconciled)
	check(t, got, status.CurrentStatus, "Healthy", "configured")
	if c := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionStalled); c != nil {
		t.Errorf("Stalled stays after the fight: %+v", c)
	}
	if meta.IsStatusConditionTrue(got.Status.Conditions, v1.ConditionDrifted) {
		t.Errorf("Drifted stays True after the fight: %+v", got.Status.Conditions)
	}
	if c := f.client("spa"); !slices.Contains(c.AllowedOrigins, appA) || !slices.Contains(c.AllowedOrigins, appB) {
		t.Errorf("allowed_origins %v after the fight, want both %s and %s", c.AllowedOrigins, appA, appB)
	}
	t.Logf("the other tool patched %d times in all; Ready again %s after it stopped (quiet period %s)", n, time.Since(stopped).Round(100*time.Millisecond), policy.Quiet)
}

// revertOrigins starts another tool: a loop that, each time it sees
// origin back in the client's allowed_origins, PATCHes it out through the
// emulator's Management API with its own client and limiter. stop ends the
// loop and returns how many PATCHes it sent; patches counts them so far.
func (f *fixture) revertOrigins(clientID, origin string) (stop func() int, patches *atomic.Int64) {
	f.t.Helper()
	other, err := mgmt.New(context.Background(), mgmt.Config{Domain: f.sim.Domain(), ClientID: f.sim.ManagementClientID(),
		ClientSecret: f.sim.ManagementClientSecret(), RootCAs: f.sim.RootCAs(), Limiter: mgmt.NewLimiter()})
	if err != nil {
		f.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	done := make(chan struct{})
	n := new(atomic.Int64)
	go func() {
		defer close(done)
		// Bounded: a test that never ends still stops hammering the emulator.
		for range 300 {
			if ctx.Err() != nil {
				return
			}
			wait := 100 * time.Millisecond
			if c, _ := f.sim.GetClient(clientID); slices.Contains(c.AllowedOrigins, origin) {
				// Between the operator's rounds, as a scheduled job or a
				// person would: the round that put it back has ended (a
				// revert within a round is the engine's own check).
				time.Sleep(700 * time.Millisecond)
				c, _ = f.sim.GetClient(clientID)
				keep := slices.DeleteFunc(slices.Clone(c.AllowedOrigins), func(o string) bool { return o == origin })
				if err := other.Management.Client.Update(ctx, clientID, &management.Client{AllowedOrigins: &keep}); err == nil {
					n.Add(1)
				}
				wait = time.Second
			}
			select {
			case <-ctx.Done():
			case <-time.After(wait):
			}
		}
	}()
	stopped := false
	stop = func() int {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
		return int(n.Load())
	}
	f.t.Cleanup(func() { stop() })
	return stop, n
}

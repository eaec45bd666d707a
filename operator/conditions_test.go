package operator

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

var (
	t0 = metav1.NewTime(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	t1 = metav1.NewTime(t0.Add(10 * time.Minute))
)

// cond builds a condition for the status fixtures below.
func cond(typ string, s metav1.ConditionStatus, reason string, gen int64) metav1.Condition {
	return metav1.Condition{Type: typ, Status: s, Reason: reason, Message: reason, ObservedGeneration: gen, LastTransitionTime: t0}
}

// readyAt is the status after a successful apply of generation gen.
func readyAt(gen int64, extra ...metav1.Condition) v1.MyAccountConfigStatus {
	st := v1.MyAccountConfigStatus{ObservedGeneration: gen, LastSyncTime: &t0, Conditions: []metav1.Condition{
		cond(v1.ConditionReady, metav1.ConditionTrue, v1.ReasonReconciled, gen),
		cond(v1.ConditionSynced, metav1.ConditionTrue, v1.ReasonApplied, gen),
		cond(v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonNoDrift, gen),
	}}
	for _, c := range extra {
		meta.SetStatusCondition(&st.Conditions, c)
	}
	return st
}

func success(gen int64, changes int) syncOutcome {
	return syncOutcome{Generation: gen, Policy: v1.DriftCorrect, Changes: changes, Summary: "client/spa allowed_origins +https://app.example.com",
		ReadyMessage: "configured 1 application(s)", SyncedNote: "note", Now: t1}
}

func changedBy(o syncOutcome) syncOutcome {
	o.ChangedBy = "MyAccountConfig default/share-a"
	return o
}

func report(o syncOutcome) syncOutcome {
	o.Policy, o.PlanOnly = v1.DriftReport, true
	return o
}

// reverted is o after its third re-application of the same origin in a
// row, undone by by ("" when unknown) each time.
func reverted(o syncOutcome, by string) syncOutcome {
	o.Reverted = []reconciler.Revert{{Resource: "client/spa", Field: "allowed_origins", Action: reconciler.ActionAdd,
		Desired: "https://app.example.com", Times: 3, First: t0.Time, Last: t1.Time, By: by}}
	return o
}

func failure(gen int64, reason string) syncOutcome {
	return syncOutcome{Generation: gen, Policy: v1.DriftCorrect, FailReason: reason, FailMessage: "what failed and how to fix it", Now: t1}
}

// want is a condition's expected status and reason; an empty status means
// the condition must be absent.
type want struct {
	status metav1.ConditionStatus
	reason string
}

var absent = want{}

// TestDecideSync is the operator's decision table: one reconcile's outcome
// against the previous status gives the conditions, events, metrics, retry
// and the status kstatus (Flux, kubectl wait) reads.
func TestDecideSync(t *testing.T) {
	newObject := v1.MyAccountConfigStatus{ObservedGeneration: -1} // the CRD's default
	reportedDrift := readyAt(1,
		cond(v1.ConditionReady, metav1.ConditionFalse, v1.ReasonDriftDetected, 1),
		cond(v1.ConditionSynced, metav1.ConditionTrue, v1.ReasonDriftDetected, 1),
		cond(v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonDriftDetected, 1),
		cond(v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonDriftDetected, 1))
	reportedDrift.DriftSummary = success(1, 1).Summary
	stalled := readyAt(1,
		cond(v1.ConditionReady, metav1.ConditionFalse, v1.ReasonSecretNotFound, 1),
		cond(v1.ConditionSynced, metav1.ConditionFalse, v1.ReasonSecretNotFound, 1),
		cond(v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonSecretNotFound, 1))
	for _, c := range stalled.Conditions {
		if c.Type != v1.ConditionDrifted {
			meta.SetStatusCondition(&stalled.Conditions, metav1.Condition{Type: c.Type, Status: c.Status, Reason: c.Reason, Message: "what failed and how to fix it", ObservedGeneration: 1})
		}
	}

	fighting := readyAt(1,
		cond(v1.ConditionReady, metav1.ConditionFalse, v1.ReasonWritesReverted, 1),
		cond(v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonWritesReverted, 1),
		cond(v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonWritesReverted, 1))

	tests := map[string]struct {
		prev v1.MyAccountConfigStatus
		out  syncOutcome

		ready, synced, drifted, reconciling, stalled want
		events                                       []string // reasons, in order
		result                                       string
		driftCounted, failed                         bool
		lastDriftTime                                *metav1.Time
		kstatus                                      status.Status
	}{
		"a new object with no status reads InProgress until the operator sees it": {
			prev: newObject, out: syncOutcome{Generation: 1},
			kstatus: status.InProgressStatus,
		},
		"first apply": {
			prev: newObject, out: success(1, 2),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "synced", kstatus: status.CurrentStatus,
		},
		"in-sync resync keeps the reason, sends nothing and moves lastSyncTime": {
			prev: readyAt(1), out: success(1, 0),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonNoDrift},
			result: "in_sync", kstatus: status.CurrentStatus,
		},
		"a spec change is applied, not drift": {
			prev: readyAt(1), out: success(2, 1),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "synced", kstatus: status.CurrentStatus,
		},
		"a change that follows another object's write on the same client is a sync, not drift": {
			prev: readyAt(1), out: changedBy(success(1, 1)),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "synced", kstatus: status.CurrentStatus,
		},
		"under Report, a change after another object's write is still reported, naming it": {
			prev: readyAt(1), out: changedBy(report(success(1, 1))),
			ready: want{"False", v1.ReasonDriftDetected}, synced: want{"True", v1.ReasonDriftDetected}, drifted: want{"True", v1.ReasonDriftDetected},
			stalled: want{"True", v1.ReasonDriftDetected},
			events:  []string{EventDriftDetected}, result: "drift_reported", driftCounted: true, lastDriftTime: &t1,
			kstatus: status.FailedStatus,
		},
		"a conflict with an earlier object is Stalled, naming it": {
			prev: newObject, out: failure(1, v1.ReasonConflict),
			ready: want{"False", v1.ReasonConflict}, synced: want{"False", v1.ReasonConflict}, drifted: want{"Unknown", v1.ReasonConflict},
			stalled: want{"True", v1.ReasonConflict},
			events:  []string{EventSyncFailed}, result: "error", failed: true, kstatus: status.FailedStatus,
		},
		"drift under Correct is corrected, counted and kept on record": {
			prev: readyAt(1), out: success(1, 1),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonDriftCorrected},
			events: []string{EventDriftDetected, EventDriftCorrected}, result: "drift_corrected", driftCounted: true, lastDriftTime: &t1,
			kstatus: status.CurrentStatus,
		},
		"corrected drift stays on record through in-sync resyncs": {
			prev: readyAt(1, cond(v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonDriftCorrected, 1)), out: success(1, 0),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonDriftCorrected},
			result: "in_sync", kstatus: status.CurrentStatus,
		},
		"writes undone again and again: not Ready, Stalled and Drifted (WritesReverted), announced once": {
			prev: readyAt(1, cond(v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonDriftCorrected, 1)), out: reverted(success(1, 1), ""),
			ready: want{"False", v1.ReasonWritesReverted}, synced: want{"True", v1.ReasonApplied}, drifted: want{"True", v1.ReasonWritesReverted},
			stalled: want{"True", v1.ReasonWritesReverted},
			events:  []string{EventDriftDetected, EventDriftCorrected, EventWritesReverted}, result: "drift_corrected", driftCounted: true, lastDriftTime: &t1,
			kstatus: status.FailedStatus,
		},
		"the fight goes on: each correction is drift, the fight is not announced again": {
			prev: fighting, out: reverted(success(1, 1), ""),
			ready: want{"False", v1.ReasonWritesReverted}, synced: want{"True", v1.ReasonApplied}, drifted: want{"True", v1.ReasonWritesReverted},
			stalled: want{"True", v1.ReasonWritesReverted},
			events:  []string{EventDriftDetected, EventDriftCorrected}, result: "drift_corrected", driftCounted: true, lastDriftTime: &t1,
			kstatus: status.FailedStatus,
		},
		"a round with nothing to correct within the quiet period is still the fight": {
			prev: fighting, out: reverted(success(1, 0), ""),
			ready: want{"False", v1.ReasonWritesReverted}, synced: want{"True", v1.ReasonApplied}, drifted: want{"True", v1.ReasonWritesReverted},
			stalled: want{"True", v1.ReasonWritesReverted},
			result:  "in_sync", kstatus: status.FailedStatus,
		},
		"the fight over: Ready again, Stalled gone": {
			prev: fighting, out: success(1, 0),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonApplied}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "in_sync", kstatus: status.CurrentStatus,
		},
		"a fight with another object on the same client names it": {
			prev: readyAt(1), out: reverted(changedBy(success(1, 1)), changedBy(syncOutcome{}).ChangedBy),
			ready: want{"False", v1.ReasonWritesReverted}, synced: want{"True", v1.ReasonApplied}, drifted: want{"True", v1.ReasonWritesReverted},
			stalled: want{"True", v1.ReasonWritesReverted},
			events:  []string{EventSynced, EventWritesReverted}, result: "synced", kstatus: status.FailedStatus,
		},
		"drift under Report: Drifted, not Ready, Stalled (kstatus Failed)": {
			prev: readyAt(1), out: report(success(1, 1)),
			ready: want{"False", v1.ReasonDriftDetected}, synced: want{"True", v1.ReasonDriftDetected}, drifted: want{"True", v1.ReasonDriftDetected},
			stalled: want{"True", v1.ReasonDriftDetected},
			events:  []string{EventDriftDetected}, result: "drift_reported", driftCounted: true, lastDriftTime: &t1,
			kstatus: status.FailedStatus,
		},
		"the same reported drift on the next resync is not announced again": {
			prev: reportedDrift, out: report(success(1, 1)),
			ready: want{"False", v1.ReasonDriftDetected}, synced: want{"True", v1.ReasonDriftDetected}, drifted: want{"True", v1.ReasonDriftDetected},
			stalled: want{"True", v1.ReasonDriftDetected},
			result:  "drift_reported", kstatus: status.FailedStatus,
		},
		"reported drift fixed by hand: Ready again": {
			prev: reportedDrift, out: report(success(1, 0)),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonInSync}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "in_sync", kstatus: status.CurrentStatus,
		},
		"a missing Secret on a new object is Stalled": {
			prev: newObject, out: failure(1, v1.ReasonSecretNotFound),
			ready: want{"False", v1.ReasonSecretNotFound}, synced: want{"False", v1.ReasonSecretNotFound}, drifted: want{"Unknown", v1.ReasonSecretNotFound},
			stalled: want{"True", v1.ReasonSecretNotFound},
			events:  []string{EventSyncFailed}, result: "error", failed: true, kstatus: status.FailedStatus,
		},
		"the same failure again sends no second event": {
			prev: stalled, out: failure(1, v1.ReasonSecretNotFound),
			ready: want{"False", v1.ReasonSecretNotFound}, synced: want{"False", v1.ReasonSecretNotFound}, drifted: want{"False", v1.ReasonNoDrift},
			stalled: want{"True", v1.ReasonSecretNotFound},
			result:  "error", failed: true, kstatus: status.FailedStatus,
		},
		"a rate limit is Reconciling (kstatus InProgress), and Drifted keeps what it knew": {
			prev: readyAt(1), out: failure(1, v1.ReasonRateLimited),
			ready: want{"False", v1.ReasonRateLimited}, synced: want{"False", v1.ReasonRateLimited}, drifted: want{"False", v1.ReasonNoDrift},
			reconciling: want{"True", v1.ReasonRateLimited},
			events:      []string{EventSyncFailed}, result: "error", failed: true, kstatus: status.InProgressStatus,
		},
		"a permanent failure after a transient one swaps Reconciling for Stalled": {
			prev: readyAt(1, cond(v1.ConditionReconciling, metav1.ConditionTrue, v1.ReasonTenantUnavailable, 1)), out: failure(1, v1.ReasonInvalidCredentials),
			ready: want{"False", v1.ReasonInvalidCredentials}, synced: want{"False", v1.ReasonInvalidCredentials}, drifted: want{"False", v1.ReasonNoDrift},
			stalled: want{"True", v1.ReasonInvalidCredentials},
			events:  []string{EventSyncFailed}, result: "error", failed: true, kstatus: status.FailedStatus,
		},
		"a panic (an internal error) is Stalled until the operator is fixed": {
			prev: readyAt(1), out: failure(1, v1.ReasonInternalError),
			ready: want{"False", v1.ReasonInternalError}, synced: want{"False", v1.ReasonInternalError}, drifted: want{"False", v1.ReasonNoDrift},
			stalled: want{"True", v1.ReasonInternalError},
			events:  []string{EventSyncFailed}, result: "error", failed: true, kstatus: status.FailedStatus,
		},
		"recovery clears Stalled": {
			prev: stalled, out: success(1, 0),
			ready: want{"True", v1.ReasonReconciled}, synced: want{"True", v1.ReasonInSync}, drifted: want{"False", v1.ReasonNoDrift},
			events: []string{EventSynced}, result: "in_sync", kstatus: status.CurrentStatus,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			prevCopy := tc.prev.DeepCopy()
			got := tc.prev
			var d syncDecision
			if tc.out.Now.IsZero() { // the operator has not run yet
				got.ObservedGeneration = tc.prev.ObservedGeneration
			} else {
				got, d = decideSync(tc.prev, tc.out)
			}
			if !equalStatus(prevCopy, &tc.prev) {
				t.Fatalf("decideSync modified its input")
			}
			for typ, w := range map[string]want{v1.ConditionReady: tc.ready, v1.ConditionSynced: tc.synced, v1.ConditionDrifted: tc.drifted, v1.ConditionReconciling: tc.reconciling, v1.ConditionStalled: tc.stalled} {
				c := meta.FindStatusCondition(got.Conditions, typ)
				switch {
				case w == absent && c != nil:
					t.Errorf("%s: want absent, got %s/%s", typ, c.Status, c.Reason)
				case w != absent && c == nil:
					t.Errorf("%s: want %s/%s, got absent", typ, w.status, w.reason)
				case c != nil && (c.Status != w.status || c.Reason != w.reason || c.ObservedGeneration != tc.out.Generation):
					t.Errorf("%s: want %s/%s at generation %d, got %s/%s at %d", typ, w.status, w.reason, tc.out.Generation, c.Status, c.Reason, c.ObservedGeneration)
				}
			}
			var reasons []string
			for _, e := range d.Events {
				reasons = append(reasons, e.Reason)
				if wantType := corev1.EventTypeNormal; (e.Reason == EventSyncFailed || e.Reason == EventDriftDetected) && e.Type == wantType {
					t.Errorf("event %s is %s, want Warning", e.Reason, e.Type)
				}
			}
			for _, e := range d.Events {
				if tc.out.ChangedBy != "" && !strings.Contains(e.Note, tc.out.ChangedBy) {
					t.Errorf("event %s %q does not name %s, whose write the change follows", e.Reason, e.Note, tc.out.ChangedBy)
				}
			}
			if d.RevertsFound != slices.Contains(reasons, EventWritesReverted) {
				t.Errorf("writes_reverted counted %v with events %v: it counts each WritesReverted event", d.RevertsFound, reasons)
			}
			if !slices.Equal(reasons, tc.events) {
				t.Errorf("events %v, want %v", reasons, tc.events)
			}
			if d.Result != tc.result || d.DriftDetected != tc.driftCounted || d.Failed != tc.failed {
				t.Errorf("result %q drift %v failed %v, want %q %v %v", d.Result, d.DriftDetected, d.Failed, tc.result, tc.driftCounted, tc.failed)
			}
			if !tc.out.Now.IsZero() && !tc.failed && (got.LastSyncTime == nil || !got.LastSyncTime.Equal(&tc.out.Now)) {
				t.Errorf("lastSyncTime %v, want %v: every successful check moves it", got.LastSyncTime, tc.out.Now)
			}
			if tc.failed && !equalTime(got.LastSyncTime, tc.prev.LastSyncTime) {
				t.Errorf("a failure moved lastSyncTime to %v", got.LastSyncTime)
			}
			if want := tc.lastDriftTime; want == nil {
				if !equalTime(got.LastDriftTime, tc.prev.LastDriftTime) {
					t.Errorf("lastDriftTime moved to %v with no new drift", got.LastDriftTime)
				}
			} else if !equalTime(got.LastDriftTime, want) {
				t.Errorf("lastDriftTime %v, want %v", got.LastDriftTime, want)
			}
			if res := kstatusOf(t, tc.out.Generation, got); res.Status != tc.kstatus {
				t.Errorf("kstatus %s (%s), want %s", res.Status, res.Message, tc.kstatus)
			}
		})
	}
}

func TestDecideDeleteFailure(t *testing.T) {
	for reason, progress := range map[string]string{v1.ReasonTenantUnavailable: v1.ConditionReconciling, v1.ReasonInvalidCredentials: v1.ConditionStalled} {
		st := decideDeleteFailure(readyAt(3), 3, reason, "deletion is waiting")
		if c := meta.FindStatusCondition(st.Conditions, v1.ConditionReady); c.Status != metav1.ConditionFalse || c.Reason != v1.ReasonDeletionFailed {
			t.Errorf("%s: Ready %+v", reason, c)
		}
		if c := meta.FindStatusCondition(st.Conditions, progress); c == nil || c.Reason != reason || !strings.Contains(c.Message, "deletion") {
			t.Errorf("%s: want %s True, got %+v", reason, progress, st.Conditions)
		}
	}
}

// kstatusOf computes what kstatus (Flux's health checks, kubectl wait's
// readers, cli-utils) says of an object of generation gen with status st.
func kstatusOf(t *testing.T, gen int64, st v1.MyAccountConfigStatus) *status.Result {
	t.Helper()
	o := &v1.MyAccountConfig{Status: st}
	o.SetGroupVersionKind(v1.GroupVersion.WithKind("MyAccountConfig"))
	o.Name, o.Namespace, o.Generation = "cfg", "default", gen
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := status.Compute(&unstructured.Unstructured{Object: u})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func equalStatus(a, b *v1.MyAccountConfigStatus) bool {
	return slices.EqualFunc(a.Conditions, b.Conditions, func(x, y metav1.Condition) bool { return x == y }) &&
		equalTime(a.LastSyncTime, b.LastSyncTime) && equalTime(a.LastDriftTime, b.LastDriftTime) && a.ObservedGeneration == b.ObservedGeneration
}

func equalTime(a, b *metav1.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b)
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"abcdefghijk", 10, "abcdefg..."},
		// "é" is two bytes: the cut backs off rather than split it.
		{"abcdeféxyz", 10, "abcdef..."},
	} {
		if got := truncate(c.in, c.max); got != c.want || len(got) > c.max || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) = %q, want %q (at most %d bytes, valid UTF-8)", c.in, c.max, got, c.want, c.max)
		}
	}
}

// What kubectl shows of a fight: the field, the value, how often, in what
// time, the other writer, and the fix.
func TestWritesRevertedMessageSaysWhatWhoAndTheFix(t *testing.T) {
	for by, writer := range map[string]string{"": reconciler.UnknownWriter, "MyAccountConfig team-b/spa": "MyAccountConfig team-b/spa"} {
		st, d := decideSync(readyAt(1), reverted(success(1, 1), by))
		c := meta.FindStatusCondition(st.Conditions, v1.ConditionReady)
		for _, s := range []string{"client/spa allowed_origins", "https://app.example.com", "3 times", "10m0s", writer, "stop the other writer"} {
			if !strings.Contains(c.Message, s) {
				t.Errorf("Ready message %q does not say %q", c.Message, s)
			}
		}
		if i := slices.IndexFunc(d.Events, func(e syncEvent) bool { return e.Reason == EventWritesReverted }); i < 0 || d.Events[i].Type != corev1.EventTypeWarning || !strings.Contains(d.Events[i].Note, writer) {
			t.Errorf("no Warning WritesReverted event naming %s: %+v", writer, d.Events)
		}
	}
}

package operator

import (
	"fmt"
	"slices"
	"unicode/utf8"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// syncOutcome is what one reconcile of a live object found: everything
// decideSync needs to write the status, the events and the metrics, and
// nothing it would have to fetch.
type syncOutcome struct {
	Generation int64
	Policy     v1.DriftPolicy
	// PlanOnly: the run only compared (driftPolicy Report on an object
	// whose spec was already applied).
	PlanOnly bool
	// FailReason and FailMessage are set when the run failed.
	FailReason, FailMessage string
	// Changes is the number of differences found (applied unless PlanOnly),
	// Summary their short description, Warnings the engine's warnings.
	Changes  int
	Summary  string
	Warnings string
	// ReadyMessage and SyncedNote describe a success.
	ReadyMessage, SyncedNote string
	// ChangedBy names the object of this operator that wrote every client
	// the changes touch since the last sync (sharing them, or deleting):
	// the changes follow its write, not an edit outside the operator.
	ChangedBy string
	// Reverted are the changes this object keeps applying again because
	// something undoes them (see reconciler.RevertHistory).
	Reverted []reconciler.Revert
	Now      metav1.Time
	// Verify is spec.verify; Chain is the chain check of a successful run,
	// ChainErr why it could not be made.
	Verify   bool
	Chain    *reconciler.Verification
	ChainErr string
}

// syncEvent is one Kubernetes event to record.
type syncEvent struct {
	Type, Reason, Action, Note string
}

// syncDecision is what decideSync chose besides the status.
type syncDecision struct {
	Events []syncEvent
	// Result is the myaccount_operator_reconciles_total result label.
	Result string
	// DriftDetected counts one myaccount_operator_drift_detected_total.
	DriftDetected bool
	// RevertsFound counts one myaccount_operator_writes_reverted_total:
	// the object's writes are now seen being undone.
	RevertsFound bool
	// Failed sends the object back through the workqueue's rate limiter;
	// otherwise it comes back at the resync interval.
	Failed bool
	// Notable: worth an info log line (a change, or a new state).
	Notable bool
}

// upToDate says whether the status already reflects a successful sync of
// generation gen: a change found now is then drift, not a spec change.
func upToDate(st *v1.MyAccountConfigStatus, gen int64) bool {
	c := meta.FindStatusCondition(st.Conditions, v1.ConditionSynced)
	return c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == gen
}

// stalledReasons are the failures the operator cannot get past without a
// person changing the spec, the Secret, the application's scopes or the
// tenant, or fixing the operator (an internal error). Other failures (rate
// limits, an unavailable tenant, Management API errors) usually pass by
// themselves: the object reads Reconciling.
var stalledReasons = []string{
	v1.ReasonInvalidSpec, v1.ReasonMissingSecretRef, v1.ReasonSecretNotFound, v1.ReasonInvalidSecret,
	v1.ReasonInvalidCredentials, v1.ReasonMissingScope, v1.ReasonUnknownClient, v1.ReasonGrantConflict, v1.ReasonConflict,
	v1.ReasonInternalError,
}

// decideSync turns the outcome of a reconcile into the next status (prev is
// not modified), the events, the metrics and the retry. It is pure: the
// table in conditions_test.go covers every branch.
//
// kstatus reads the result as follows (docs: README, "GitOps health"):
// Ready=True is Current; Reconciling=True is InProgress; Stalled=True is
// Failed; observedGeneration behind the generation is InProgress.
func decideSync(prev v1.MyAccountConfigStatus, o syncOutcome) (v1.MyAccountConfigStatus, syncDecision) {
	st := *prev.DeepCopy()
	st.ObservedGeneration = o.Generation
	setVerified(&st, o)
	if o.FailReason != "" {
		return st, decideFailure(&st, prev, o)
	}

	wasUpToDate := upToDate(&prev, o.Generation)
	wasReady := wasUpToDate && meta.IsStatusConditionTrue(prev.Conditions, v1.ConditionReady)
	changed := o.Changes > 0
	// The spec did not move: someone else changed the tenant. When another
	// object of this operator did, an applied change is an ordinary sync.
	isDrift := changed && wasUpToDate && (o.ChangedBy == "" || o.PlanOnly)
	reportedDrift := isDrift && o.PlanOnly

	d := decideDrift(&st, prev, o, isDrift, wasUpToDate)
	setSynced(&st, prev, o, wasUpToDate, reportedDrift)
	setReady(&st, o, reportedDrift)
	reverted := !reportedDrift && len(o.Reverted) > 0
	if (changed && !isDrift) || !wasReady && !reportedDrift && !reverted {
		note := o.SyncedNote
		if changed && o.ChangedBy != "" {
			note = "after a change by " + o.ChangedBy + " (another object on the same client): " + note
		}
		d.Events = append(d.Events, syncEvent{corev1.EventTypeNormal, EventSynced, "Sync", note})
	}
	if reverted {
		setReverted(&st, prev, o, &d)
	}
	d.Notable = d.Notable || d.DriftDetected || !reportedDrift && (changed || !wasReady)
	now := o.Now
	st.LastSyncTime = &now
	return st, d
}

// setCondition sets one condition at generation gen.
func setCondition(st *v1.MyAccountConfigStatus, gen int64, typ string, s metav1.ConditionStatus, reason, msg string) {
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: typ, Status: s, Reason: reason, Message: msg, ObservedGeneration: gen})
}

// decideFailure writes a failed run into st: Synced and Ready False with its
// reason, Drifted Unknown unless already known, Stalled or Reconciling; and
// a SyncFailed event when the failure is new.
func decideFailure(st *v1.MyAccountConfigStatus, prev v1.MyAccountConfigStatus, o syncOutcome) syncDecision {
	gen, msg := o.Generation, o.FailMessage
	setCondition(st, gen, v1.ConditionSynced, metav1.ConditionFalse, o.FailReason, msg)
	setCondition(st, gen, v1.ConditionReady, metav1.ConditionFalse, o.FailReason, msg)
	if meta.FindStatusCondition(st.Conditions, v1.ConditionDrifted) == nil {
		setCondition(st, gen, v1.ConditionDrifted, metav1.ConditionUnknown, o.FailReason, "the tenant could not be checked")
	}
	setProgress(st, o.FailReason, msg, gen)
	var d syncDecision
	if c := meta.FindStatusCondition(prev.Conditions, v1.ConditionSynced); c == nil || c.Reason != o.FailReason || c.Message != msg || c.Status != metav1.ConditionFalse {
		d.Events = append(d.Events, syncEvent{corev1.EventTypeWarning, EventSyncFailed, "Sync", o.FailReason + ": " + msg})
	}
	d.Result, d.Failed, d.Notable = "error", true, true
	return d
}

// decideDrift writes the Drifted condition, driftSummary and lastDriftTime
// of a successful run into st, and chooses the drift events, the drift
// metric and the result label.
func decideDrift(st *v1.MyAccountConfigStatus, prev v1.MyAccountConfigStatus, o syncOutcome, isDrift, wasUpToDate bool) syncDecision {
	gen := o.Generation
	var d syncDecision
	outside := "tenant edited outside the operator"
	if o.ChangedBy != "" {
		outside = "tenant changed by " + o.ChangedBy + " (another object on the same client)"
	}
	switch {
	case isDrift && o.PlanOnly:
		setCondition(st, gen, v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonDriftDetected, "the tenant differs from the spec and driftPolicy is Report, so it was left as is: "+o.Summary)
		if !meta.IsStatusConditionTrue(prev.Conditions, v1.ConditionDrifted) || prev.DriftSummary != o.Summary {
			d.DriftDetected = true
			d.Events = append(d.Events, syncEvent{corev1.EventTypeWarning, EventDriftDetected, "Resync", outside + " (driftPolicy Report, not corrected): " + o.Summary})
		}
		d.Result = "drift_reported"
	case isDrift:
		setCondition(st, gen, v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonDriftCorrected, "drift found and corrected: "+o.Summary)
		d.DriftDetected = true
		d.Events = append(d.Events,
			syncEvent{corev1.EventTypeWarning, EventDriftDetected, "Resync", "tenant edited outside the operator: " + o.Summary},
			syncEvent{corev1.EventTypeNormal, EventDriftCorrected, "Resync", "corrected: " + o.Summary})
		d.Result = "drift_corrected"
	default:
		// A corrected drift stays on record (reason DriftCorrected) until
		// the spec moves or a reported drift clears.
		if c := meta.FindStatusCondition(st.Conditions, v1.ConditionDrifted); c == nil || c.Status != metav1.ConditionFalse || !wasUpToDate || c.Reason == v1.ReasonDriftDetected {
			setCondition(st, gen, v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonNoDrift, "the tenant matches the spec")
		} else {
			c.ObservedGeneration = gen
		}
		d.Result = "in_sync"
		if o.Changes > 0 {
			d.Result = "synced"
		}
	}
	if isDrift {
		st.DriftSummary = o.Summary
		if d.DriftDetected {
			now := o.Now
			st.LastDriftTime = &now
		}
	}
	return d
}

// setSynced sets Synced True for a successful run, its reason saying what
// the run did; a no-op resync keeps the reason it had.
func setSynced(st *v1.MyAccountConfigStatus, prev v1.MyAccountConfigStatus, o syncOutcome, wasUpToDate, reportedDrift bool) {
	reason, msg := v1.ReasonInSync, "the tenant matches the spec"
	if o.Changes > 0 && !o.PlanOnly {
		reason, msg = v1.ReasonApplied, fmt.Sprintf("applied %d change(s)", o.Changes)
	}
	if reportedDrift {
		reason, msg = v1.ReasonDriftDetected, "drift reported, not corrected (driftPolicy Report): "+o.Summary
	}
	if o.Warnings != "" {
		msg += "; warnings: " + o.Warnings
	}
	// Keep the Synced reason stable across no-op resyncs.
	if c := meta.FindStatusCondition(prev.Conditions, v1.ConditionSynced); reason == v1.ReasonInSync && wasUpToDate && c.Status == metav1.ConditionTrue && c.Reason != v1.ReasonDriftDetected {
		reason, msg = c.Reason, c.Message
	}
	setCondition(st, o.Generation, v1.ConditionSynced, metav1.ConditionTrue, reason, msg)
}

// setReady sets Ready for a successful run, with Stalled while a reported
// drift keeps the tenant from the spec, and clears Reconciling.
func setReady(st *v1.MyAccountConfigStatus, o syncOutcome, reportedDrift bool) {
	meta.RemoveStatusCondition(&st.Conditions, v1.ConditionReconciling)
	if !reportedDrift {
		setCondition(st, o.Generation, v1.ConditionReady, metav1.ConditionTrue, v1.ReasonReconciled, o.ReadyMessage)
		meta.RemoveStatusCondition(&st.Conditions, v1.ConditionStalled)
		return
	}
	// Report leaves the tenant different from the spec on purpose: the
	// object is not Ready and will not become Ready by itself.
	msg := "the tenant differs from the spec and driftPolicy is Report: " + o.Summary + "; fix the tenant or the spec, or set driftPolicy Correct"
	setCondition(st, o.Generation, v1.ConditionReady, metav1.ConditionFalse, v1.ReasonDriftDetected, msg)
	setCondition(st, o.Generation, v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonDriftDetected, msg)
}

// setReverted reports writes being undone: the tenant flips between this
// spec and another writer's, so the object is not Ready however often it
// corrects, and a person must stop one of the two. The event goes once, as
// the fight is first seen.
func setReverted(st *v1.MyAccountConfigStatus, prev v1.MyAccountConfigStatus, o syncOutcome, d *syncDecision) {
	summary := reconciler.SummarizeReverts(o.Reverted, summaryLen)
	msg := truncate("this object's writes keep being undone: "+summary+
		"; the operator corrects each time, so the tenant flips between two configurations: stop the other writer, or change the spec so the two agree (driftPolicy Report stops the corrections)", messageLen)
	gen := o.Generation
	setCondition(st, gen, v1.ConditionReady, metav1.ConditionFalse, v1.ReasonWritesReverted, msg)
	setCondition(st, gen, v1.ConditionStalled, metav1.ConditionTrue, v1.ReasonWritesReverted, msg)
	setCondition(st, gen, v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonWritesReverted, "the tenant keeps being changed back: "+summary)
	if c := meta.FindStatusCondition(prev.Conditions, v1.ConditionReady); c == nil || c.Reason != v1.ReasonWritesReverted {
		d.Events = append(d.Events, syncEvent{corev1.EventTypeWarning, EventWritesReverted, "Resync", summary})
		d.Notable, d.RevertsFound = true, true
	}
}

// decideDeleteFailure is the status of an object whose deletion could not
// undo its changes in the tenant: Ready and Synced False, and Stalled or
// Reconciling by the reason (kstatus reads a deleting object as Terminating
// whatever its conditions; Argo CD and people read the conditions).
func decideDeleteFailure(prev v1.MyAccountConfigStatus, gen int64, reason, msg string) v1.MyAccountConfigStatus {
	st := *prev.DeepCopy()
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: v1.ConditionReady, Status: metav1.ConditionFalse, Reason: v1.ReasonDeletionFailed, Message: msg, ObservedGeneration: gen})
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: v1.ConditionSynced, Status: metav1.ConditionFalse, Reason: reason, Message: msg, ObservedGeneration: gen})
	setProgress(&st, reason, msg, gen)
	return st
}

// setProgress sets Stalled (a person must act) or Reconciling (retrying)
// for a failure, and removes the other.
func setProgress(st *v1.MyAccountConfigStatus, reason, msg string, gen int64) {
	on, off := v1.ConditionReconciling, v1.ConditionStalled
	if slices.Contains(stalledReasons, reason) {
		on, off = off, on
	}
	meta.RemoveStatusCondition(&st.Conditions, off)
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: on, Status: metav1.ConditionTrue, Reason: reason, Message: msg, ObservedGeneration: gen})
}

// setVerified sets the Verified condition from the chain check, or removes
// it when spec.verify is off. A failed reconcile leaves it Unknown.
func setVerified(st *v1.MyAccountConfigStatus, o syncOutcome) {
	if !o.Verify {
		meta.RemoveStatusCondition(&st.Conditions, v1.ConditionVerified)
		return
	}
	c := metav1.Condition{Type: v1.ConditionVerified, ObservedGeneration: o.Generation}
	switch {
	case o.FailReason != "":
		c.Status, c.Reason, c.Message = metav1.ConditionUnknown, v1.ReasonNotVerified, "the chain was not checked: the reconcile failed"
	case o.Chain == nil:
		c.Status, c.Reason, c.Message = metav1.ConditionUnknown, v1.ReasonNotVerified, truncate("the chain could not be checked: "+o.ChainErr, messageLen)
	default:
		c.Status, c.Reason, c.Message = verifiedCondition(o.Chain)
	}
	meta.SetStatusCondition(&st.Conditions, c)
}

// verifiedCondition words the chain check as a condition: the first failing
// link names the reason, and the message says what failed and the fix.
func verifiedCondition(v *reconciler.Verification) (metav1.ConditionStatus, string, string) {
	warnings := v.Warnings()
	for _, a := range v.Apps {
		for _, c := range a.Checks {
			if c.Outcome != reconciler.OutcomeFail {
				continue
			}
			msg := fmt.Sprintf("application %s, link %d (%s): %s; fix: %s", a.ClientID, c.Link, c.Subject(), c.Message, c.Fix)
			if n := len(v.Failures()); n > 1 {
				msg += fmt.Sprintf(" (%d failing links in all; run myaccount verify for each)", n)
			}
			return metav1.ConditionFalse, c.Link.Reason() + "Failed", truncate(msg, messageLen)
		}
	}
	if tc := v.TokenCall; tc != nil && tc.Outcome == reconciler.OutcomeFail {
		return metav1.ConditionFalse, "UserTokenCallFailed", truncate(tc.Message+"; fix: "+tc.Fix, messageLen)
	}
	return metav1.ConditionTrue, v1.ReasonAllLinksPass, fmt.Sprintf("every link passes for %d application(s), with %d CORS preflight(s) and %d warning(s)", len(v.Apps), v.Preflights, warnings)
}

// messageLen bounds the condition messages the operator writes.
const messageLen = 1024

// truncate cuts s to at most max bytes, ending in "..." when cut, and never
// inside a UTF-8 sequence.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

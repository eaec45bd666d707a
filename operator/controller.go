package operator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/log"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Finalizer is set on every MyAccountConfig so that deletion can undo what
// the object added to the tenant.
const Finalizer = "myaccount.tenantcfg.io/finalizer"

// SkipCleanupAnnotation, set to "true", lets a deleted object go without
// touching the tenant (for example when its Secret is already gone).
const SkipCleanupAnnotation = "myaccount.tenantcfg.io/skip-cleanup"

// secretRefIndex indexes MyAccountConfigs by the name of their Secret.
const secretRefIndex = "spec.credentialsSecretRef.name"

// Event reasons.
const (
	EventSynced         = "Synced"
	EventDriftDetected  = "DriftDetected"
	EventDriftCorrected = "DriftCorrected"
	EventSyncFailed     = "SyncFailed"
	EventDeleted        = "Deleted"
	EventWritesReverted = "WritesReverted"
)

// MyAccountConfigReconciler reconciles MyAccountConfig objects through the
// shared reconciler.Engine. It is a thin adapter: the Engine decides what to
// change; this type maps spec and status, conditions, events and retries.
type MyAccountConfigReconciler struct {
	Client    client.Client
	APIReader client.Reader // uncached reads: the object itself and Secret data
	Recorder  events.EventRecorder
	Metrics   *Metrics
	Locks     *reconciler.ClientLocks
	clients   *clientCache
	owners    *ownersIndex
	views     *tenantViews

	// Clock stamps lastSyncTime and lastDriftTime; nil means time.Now.
	Clock func() time.Time

	resyncEvery time.Duration             // tests: see Options.resyncEvery
	beforeRun   func(*v1.MyAccountConfig) // tests: see Options.beforeRun

	apiActive sync.Map    // "domain system_api" -> true once that system API was seen active
	objects   objectLocks // one run at a time acts for an object (sharers.go)
	writes    operatorWrites
	reverts   *revertWatch
}

// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs/finalizers,verbs=update

// Reconcile implements reconcile.Reconciler: prepare the run, run the
// engine, decide the status (decideSync) and write it once.
func (r *MyAccountConfigReconciler) Reconcile(ctx context.Context, req ctrl.Request) (result ctrl.Result, err error) {
	// Read through the API server, not the cache: the status holds the
	// origins this object added, and a stale copy would lose track of them.
	unlock, err := r.objects.lock(ctx, req.String())
	if err != nil {
		return ctrl.Result{}, err
	}
	defer unlock()
	obj := &v1.MyAccountConfig{}
	if err := r.APIReader.Get(ctx, req.NamespacedName, obj); err != nil {
		if apierrors.IsNotFound(err) {
			r.objects.forget(req.String())
		}
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	defer r.recoverPanic(ctx, obj.DeepCopy(), &result, &err)
	if !obj.DeletionTimestamp.IsZero() {
		return r.reconcileDelete(ctx, obj)
	}
	if err := r.ensureFinalizer(ctx, obj); err != nil {
		return ctrl.Result{}, err
	}

	before := obj.DeepCopy()
	out := syncOutcome{Generation: obj.Generation, Policy: obj.Spec.EffectiveDriftPolicy(), Verify: obj.Spec.Verify}
	out.PlanOnly = out.Policy == v1.DriftReport && upToDate(&obj.Status, out.Generation)
	log.FromContext(ctx).V(1).Info("reconciling", "generation", out.Generation)

	m, owned, failReason, err := r.prepare(ctx, obj)
	var res *reconciler.Result
	if err == nil {
		var retry time.Duration
		if res, retry, err = r.runEngine(ctx, m, obj, owned, out); retry > 0 {
			return ctrl.Result{RequeueAfter: retry}, nil
		}
		if err != nil {
			failReason = reasonFor(err)
		}
	}
	out.Now = r.now()
	if res != nil {
		if err := r.recordRun(ctx, obj, m, res, &out); err != nil {
			return ctrl.Result{}, client.IgnoreNotFound(err)
		}
	}
	if err != nil {
		out.FailReason, out.FailMessage = failReason, failureMessage(obj, failReason, err)
	} else {
		describeSuccess(&out, obj, res)
		if !out.PlanOnly {
			// Only a round that went through confirms its writes, and
			// only it tells which changes were no longer needed.
			out.Reverted = r.reverts.record(obj.UID, obj.Generation, out.Now.Time, res.Changes, out.ChangedBy)
		}
	}

	next, d := decideSync(obj.Status, out)
	obj.Status = next
	r.report(ctx, obj, m, out, d)
	if err := r.writeStatus(ctx, before, obj); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if d.Failed {
		// The workqueue's rate limiter spaces the retries (per object,
		// exponential from Options.FailureBackoff to MaxFailureBackoff);
		// any success resets it.
		return ctrl.Result{}, fmt.Errorf("%s: %s", out.FailReason, out.FailMessage)
	}
	return ctrl.Result{RequeueAfter: tenantJitter(obj.Spec.Domain, r.resyncInterval(obj))}, nil
}

// ensureFinalizer adds the Finalizer, so that deletion waits for cleanup.
func (r *MyAccountConfigReconciler) ensureFinalizer(ctx context.Context, obj *v1.MyAccountConfig) error {
	if controllerutil.ContainsFinalizer(obj, Finalizer) {
		return nil
	}
	before := obj.DeepCopy()
	controllerutil.AddFinalizer(obj, Finalizer)
	return r.Client.Patch(ctx, obj, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{}))
}

// prepare resolves what a run needs: the tenant's Management API client and
// what the object owns there. On failure it says why, as a condition reason.
func (r *MyAccountConfigReconciler) prepare(ctx context.Context, obj *v1.MyAccountConfig) (*mgmt.Client, reconciler.State, string, error) {
	m, reason, err := r.managementClient(ctx, obj)
	if err != nil {
		return nil, reconciler.State{}, reason, err
	}
	// A value stored before the CRD schema checked it: this object reports
	// it, every other object carries on.
	if err := invalidSpec(obj); err != nil {
		return nil, reconciler.State{}, reasonFor(err), err
	}
	owned, err := crd.Owned(obj)
	if err != nil {
		return nil, reconciler.State{}, v1.ReasonInvalidSpec, err
	}
	return m, owned, "", nil
}

// runEngine plans or applies obj's spec in the tenant. A retry above zero
// means the run did not start, to leave the worker to other objects: the
// tenant's rate limiter is backed up, or another object is activating its
// My Account API.
func (r *MyAccountConfigReconciler) runEngine(ctx context.Context, m *mgmt.Client, obj *v1.MyAccountConfig, owned reconciler.State, out syncOutcome) (res *reconciler.Result, retry time.Duration, err error) {
	r.Metrics.initTenant(m.Domain, out.Policy, m.Limiter)
	if wait := m.Limiter.Backlog(); wait > maxQueueBehindTenant {
		return nil, wait, nil
	}
	desired := crd.Desired(&obj.Spec)
	unlockAPI, ok := r.lockActivation(m.Domain, desired, out.PlanOnly)
	if !ok {
		return nil, activationRetry, nil
	}
	defer unlockAPI()
	if r.beforeRun != nil {
		r.beforeRun(obj)
	}
	view, err := r.view(ctx, m, r.resyncInterval(obj)/2)
	if err != nil {
		return nil, 0, err
	}
	engine := &reconciler.Engine{Management: m.Management, Locks: r.Locks, GrantedScopes: m.GrantedScopes, Session: view,
		Persist: func(ctx context.Context, s reconciler.State) error { return r.recordOwned(ctx, obj, s) }}
	tellSharers := func() {}
	if !out.PlanOnly {
		engine.Sharers, tellSharers = r.sharersFor(m, obj)
	}
	if obj.Spec.Verify {
		engine.Chain = &reconciler.ChainOptions{HTTP: m.TenantHTTP}
	}
	desired.AdoptGrants = adoptions(obj)
	if engine.Sharing, err = r.sharing(ctx, m.Domain, obj); err != nil {
		return nil, 0, err
	}
	if out.PlanOnly {
		res, err = engine.Plan(ctx, desired, owned)
	} else {
		res, err = engine.Apply(ctx, desired, owned)
	}
	if err = annotationFields(err); err == nil {
		r.sawActive(m.Domain, res.Status)
		tellSharers()
	}
	if tenantError(err) {
		r.views.drop(view) // the next run reads the tenant afresh
	}
	return res, 0, err
}

// recordRun keeps what a run returned, failed or not: the writes, for
// telling another object's changes from drift (out.ChangedBy), the
// ownership annotation, then the observed status. Apply returns what landed
// even when a later write failed; a plan changed nothing, so the persisted
// facts stay as they were.
func (r *MyAccountConfigReconciler) recordRun(ctx context.Context, obj *v1.MyAccountConfig, m *mgmt.Client, res *reconciler.Result, out *syncOutcome) error {
	if st := &obj.Status; st.LastSyncTime != nil {
		out.ChangedBy, _ = r.writes.byOther(m.Domain, ownerName(obj), st.LastSyncTime.Time, res.Changes)
	}
	if !out.PlanOnly {
		r.writes.record(m.Domain, ownerName(obj), out.Now.Time, res.Changes)
	}
	if err := r.recordOwned(ctx, obj, res.State); err != nil {
		return err
	}
	crd.SetObserved(&obj.Status, res)
	return nil
}

// describeSuccess fills out with what a successful run did.
func describeSuccess(out *syncOutcome, obj *v1.MyAccountConfig, res *reconciler.Result) {
	out.Changes = len(res.Changes)
	out.Summary = reconciler.SummarizeChanges(res.Changes, summaryLen)
	if len(res.Warnings) > 0 {
		out.Warnings = joinWarnings(res.Warnings)
	}
	out.ReadyMessage = readyMessage(obj, &obj.Status)
	out.Chain = res.Chain
	if res.ChainErr != nil {
		out.ChainErr = res.ChainErr.Error()
	}
	out.SyncedNote = syncedNote(res, out.PlanOnly)
}

// report sends decideSync's events, metrics and log line. m is nil when
// the run failed before it had a client.
func (r *MyAccountConfigReconciler) report(ctx context.Context, obj *v1.MyAccountConfig, m *mgmt.Client, out syncOutcome, d syncDecision) {
	for _, e := range d.Events {
		r.event(obj, e.Type, e.Reason, e.Action, "%s", e.Note)
	}
	r.Metrics.Reconciles.WithLabelValues(d.Result).Inc()
	if d.DriftDetected {
		r.Metrics.DriftDetected.WithLabelValues(m.Domain, string(out.Policy)).Inc() // drift is found by a run, which had m
	}
	if d.RevertsFound {
		r.Metrics.WritesReverted.WithLabelValues(m.Domain).Inc() // found by a run too
	}
	if d.Notable && !d.Failed {
		log.FromContext(ctx).Info("reconciled", "changes", out.Changes, "planOnly", out.PlanOnly, "result", d.Result)
	}
}

// writeStatus patches obj's status when it differs from before's.
func (r *MyAccountConfigReconciler) writeStatus(ctx context.Context, before, obj *v1.MyAccountConfig) error {
	if equality.Semantic.DeepEqual(before.Status, obj.Status) {
		return nil
	}
	patch, err := statusMergePatch(before.Status, obj.Status)
	if err != nil {
		return err
	}
	return r.Client.Status().Patch(ctx, obj, patch)
}

// statusMergePatch is the JSON merge patch from one status to the other.
// The status subresource takes only status, so the diff is of the status
// alone: client.MergeFrom diffs whole objects, managed fields included,
// which was a sixth of what a 1000-object convergence allocated.
func statusMergePatch(before, after v1.MyAccountConfigStatus) (client.Patch, error) {
	type statusOnly struct {
		Status v1.MyAccountConfigStatus `json:"status"`
	}
	from, err := json.Marshal(statusOnly{before})
	if err != nil {
		return nil, err
	}
	to, err := json.Marshal(statusOnly{after})
	if err != nil {
		return nil, err
	}
	data, err := jsonpatch.CreateMergePatch(from, to)
	if err != nil {
		return nil, err
	}
	return client.RawPatch(types.MergePatchType, data), nil
}

// recoverPanic, deferred by Reconcile, turns a panic into the object's
// status: Ready and Synced False and Stalled True, with reason
// InternalError and the panic value as the message. The stack goes to the
// log only. The error it returns makes the workqueue back off.
func (r *MyAccountConfigReconciler) recoverPanic(ctx context.Context, before *v1.MyAccountConfig, result *ctrl.Result, err *error) {
	v := recover()
	if v == nil {
		return
	}
	msg := truncate(fmt.Sprint(v), messageLen)
	log.FromContext(ctx).Error(fmt.Errorf("panic: %s", msg), "reconcile panicked", "stack", string(debug.Stack()))
	obj := before.DeepCopy()
	if obj.DeletionTimestamp.IsZero() {
		out := syncOutcome{Generation: obj.Generation, Policy: obj.Spec.EffectiveDriftPolicy(), Verify: obj.Spec.Verify, Now: r.now(),
			FailReason: v1.ReasonInternalError, FailMessage: msg}
		var d syncDecision
		obj.Status, d = decideSync(before.Status, out)
		r.report(ctx, obj, nil, out, d)
	} else {
		obj.Status = decideDeleteFailure(before.Status, obj.Generation, v1.ReasonInternalError, msg)
		r.event(obj, corev1.EventTypeWarning, EventSyncFailed, "Delete", "%s: %s", v1.ReasonInternalError, msg)
		r.Metrics.Reconciles.WithLabelValues("error").Inc()
	}
	*result, *err = ctrl.Result{}, fmt.Errorf("%s: %s", v1.ReasonInternalError, msg)
	if werr := r.writeStatus(ctx, before, obj); werr != nil && !apierrors.IsNotFound(werr) {
		*err = errors.Join(*err, werr)
	}
}

func (r *MyAccountConfigReconciler) reconcileDelete(ctx context.Context, obj *v1.MyAccountConfig) (ctrl.Result, error) {
	if !controllerutil.ContainsFinalizer(obj, Finalizer) {
		return ctrl.Result{}, nil
	}
	st, err := crd.Owned(obj)
	if err != nil {
		r.event(obj, corev1.EventTypeWarning, EventSyncFailed, "Delete", "%s", err.Error())
		return ctrl.Result{}, err
	}
	deletes := func(p v1.DeletionPolicy, id string, owned bool) bool {
		return p == v1.DeletionPolicy(reconciler.DeletionDelete) && (id != "" || owned) // owned without id: an activation in flight
	}
	nothingToUndo := len(st.Apps) == 0 && !deletes(obj.Spec.EffectiveDeletionPolicy(), st.APIID, st.APIOwned) &&
		!deletes(obj.Spec.EffectiveMyOrganizationDeletionPolicy(), st.MyOrganizationAPIID, st.MyOrganizationAPIOwned)
	if !nothingToUndo && obj.Annotations[SkipCleanupAnnotation] != "true" {
		m, reason, err := r.managementClient(ctx, obj)
		if err != nil && reason == v1.ReasonSecretNotFound {
			// The Secret may have been deleted together with the object:
			// the credentials it held are still cached.
			if domain, derr := mgmt.NormalizeDomain(obj.Spec.Domain); derr == nil && obj.Spec.CredentialsSecretRef != nil {
				if cl := r.clients.latest(domain, obj.Namespace, obj.Spec.CredentialsSecretRef.Name); cl != nil {
					m, reason, err = cl, "", nil
				}
			}
		}
		var view *reconciler.Session
		if err == nil {
			if view, err = r.view(ctx, m, r.resyncInterval(obj)/2); err != nil {
				reason = reasonFor(err)
			}
		}
		if err == nil {
			engine := &reconciler.Engine{Management: m.Management, Locks: r.Locks, GrantedScopes: m.GrantedScopes, Session: view}
			// What another object still declares and owns stays (see
			// reconciler.ShareState).
			if engine.Sharing, err = r.sharing(ctx, m.Domain, obj); err == nil {
				var res *reconciler.Result
				res, err = engine.Delete(ctx, crd.Desired(&obj.Spec), st)
				if res != nil {
					r.writes.record(m.Domain, ownerName(obj), r.now().Time, res.Changes)
				}
			}
			if err != nil {
				reason = reasonFor(err)
			}
			if tenantError(err) {
				r.views.drop(view)
			}
		}
		if err != nil {
			before := obj.DeepCopy()
			msg := "deletion is waiting to undo this object's changes in the tenant: " + failureMessage(obj, reason, err) +
				fmt.Sprintf(" (to delete without cleaning up, annotate it with %s=true)", SkipCleanupAnnotation)
			obj.Status = decideDeleteFailure(obj.Status, obj.Generation, reason, msg)
			if !equality.Semantic.DeepEqual(before.Status, obj.Status) {
				r.event(obj, corev1.EventTypeWarning, EventSyncFailed, "Delete", "%s: %s", reason, msg)
				if perr := r.Client.Status().Patch(ctx, obj, client.MergeFrom(before)); perr != nil && !apierrors.IsNotFound(perr) {
					return ctrl.Result{}, perr
				}
			}
			r.Metrics.Reconciles.WithLabelValues("error").Inc()
			return ctrl.Result{}, fmt.Errorf("deleting: %s: %s", reason, msg)
		}
		r.event(obj, corev1.EventTypeNormal, EventDeleted, "Delete", "removed what this object added to %s (deletionPolicy %s)", obj.Spec.Domain, obj.Spec.EffectiveDeletionPolicy())
	}
	r.reverts.forget(obj.UID)
	before := obj.DeepCopy()
	controllerutil.RemoveFinalizer(obj, Finalizer)
	if err := r.Client.Patch(ctx, obj, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{})); err != nil && !apierrors.IsNotFound(err) {
		return ctrl.Result{}, err
	}
	r.Metrics.Reconciles.WithLabelValues("deleted").Inc()
	return ctrl.Result{}, nil
}

// recordOwned writes s to obj's ownership annotation, unless it already
// holds it, with a merge patch of that one annotation (status and the rest
// of obj, which the caller is still changing, are left as they are).
func (r *MyAccountConfigReconciler) recordOwned(ctx context.Context, obj *v1.MyAccountConfig, s reconciler.State) error {
	val := crd.EncodeOwned(s)
	if cur, ok := obj.Annotations[crd.OwnedAnnotation]; ok && cur == val {
		return nil
	}
	patch, err := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]string{crd.OwnedAnnotation: val}}})
	if err != nil {
		return err
	}
	target := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Namespace: obj.Namespace, Name: obj.Name}}
	if err := r.Client.Patch(ctx, target, client.RawPatch(types.MergePatchType, patch)); err != nil {
		return fmt.Errorf("record what this object owns in its %s annotation: %w", crd.OwnedAnnotation, err)
	}
	if obj.Annotations == nil {
		obj.Annotations = map[string]string{}
	}
	obj.Annotations[crd.OwnedAnnotation] = val
	return nil
}

// lockActivation serializes the first activation of a tenant's system
// APIs: until one object of this process has seen each API that desired
// activates active, one object of the tenant applies and the others
// requeue (ok false), so 20 new objects do not all POST it nor hold
// workers while they wait.
func (r *MyAccountConfigReconciler) lockActivation(domain string, desired reconciler.Desired, planOnly bool) (unlock func(), ok bool) {
	noop := func() {}
	if planOnly || !r.activatesUnseen(domain, desired) {
		return noop, true
	}
	unlock, ok = r.Locks.TryLock(domain, "\x00system-apis")
	if !ok {
		return nil, false
	}
	if !r.activatesUnseen(domain, desired) {
		unlock()
		return noop, true
	}
	return unlock, true
}

// activatesUnseen reports whether desired activates a system API that no
// run of this process has seen active on domain.
func (r *MyAccountConfigReconciler) activatesUnseen(domain string, desired reconciler.Desired) bool {
	for _, a := range reconciler.SystemAPIs() {
		if spec := a.Spec(desired); spec != nil && spec.Enabled {
			if _, seen := r.apiActive.Load(domain + " " + a.Key); !seen {
				return true
			}
		}
	}
	return false
}

// sawActive records the system APIs a run saw active on domain.
func (r *MyAccountConfigReconciler) sawActive(domain string, st reconciler.Status) {
	if st.API.Active {
		r.apiActive.Store(domain+" "+reconciler.MyAccount.Key, true)
	}
	if org := st.MyOrganizationAPI; org != nil && org.Active {
		r.apiActive.Store(domain+" "+reconciler.MyOrganization.Key, true)
	}
}

// managementClient resolves the object's Secret into a (cached) client.
func (r *MyAccountConfigReconciler) managementClient(ctx context.Context, obj *v1.MyAccountConfig) (*mgmt.Client, string, error) {
	ref := obj.Spec.CredentialsSecretRef
	if ref == nil || ref.Name == "" {
		return nil, v1.ReasonMissingSecretRef, errors.New("spec.credentialsSecretRef is not set: name a Secret in the same namespace " + secretKeysHelp)
	}
	domain, err := mgmt.NormalizeDomain(obj.Spec.Domain)
	if err != nil {
		return nil, v1.ReasonInvalidSpec, fmt.Errorf("spec.domain %w", err)
	}
	// The metadata cache tells the Secret's resourceVersion without reading
	// its data; the data is read only to build a new client.
	meta := &metav1.PartialObjectMetadata{}
	meta.SetGroupVersionKind(corev1.SchemeGroupVersion.WithKind("Secret"))
	key := types.NamespacedName{Namespace: obj.Namespace, Name: ref.Name}
	secretErr := func(err error) (*mgmt.Client, string, error) {
		if apierrors.IsNotFound(err) {
			return nil, v1.ReasonSecretNotFound, fmt.Errorf("Secret %s (spec.credentialsSecretRef.name) not found: create it %s", key, secretKeysHelp)
		}
		return nil, v1.ReasonSecretNotFound, fmt.Errorf("reading Secret %s (spec.credentialsSecretRef.name): %w; check that the operator watches namespace %s and may read its Secrets", key, err, key.Namespace)
	}
	if err := r.Client.Get(ctx, key, meta); err != nil {
		return secretErr(err)
	}
	ck := clientKey{domain: domain, namespace: key.Namespace, secret: key.Name, resourceVersion: meta.ResourceVersion}
	if cl := r.clients.lookup(ck); cl != nil {
		return cl, "", nil
	}
	secret := &corev1.Secret{}
	if err := r.APIReader.Get(ctx, key, secret); err != nil {
		return secretErr(err)
	}
	ck.resourceVersion = secret.ResourceVersion
	cl, err := r.clients.get(ck, secret)
	if err != nil {
		return nil, v1.ReasonInvalidSecret, err
	}
	return cl, "", nil
}

// secretKeysHelp says what a credentials Secret holds.
const secretKeysHelp = "with the keys clientId and clientSecret (or clientAssertionPrivateKey, or apiToken) of a Machine to Machine application authorized for the Auth0 Management API"

// maxQueueBehindTenant is how long a worker may wait on a tenant's rate
// limiter before it requeues the object and serves another tenant.
const maxQueueBehindTenant = time.Second

// activationRetry is when an object waiting for another object to activate
// its tenant's My Account API tries again.
const activationRetry = 500 * time.Millisecond

// reasonFor is the condition reason of an engine error: the core's
// classification, whose names are the CRD's reasons.
func reasonFor(err error) string {
	reason, _ := reconciler.Classify(err)
	return string(reason)
}

// failureMessage is the condition message: what failed and what to do.
func failureMessage(obj *v1.MyAccountConfig, reason string, err error) string {
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	secret := "(none)"
	if ref := obj.Spec.CredentialsSecretRef; ref != nil {
		secret = obj.Namespace + "/" + ref.Name
	}
	switch reason {
	case v1.ReasonInvalidCredentials:
		msg = fmt.Sprintf("the Management API credentials in Secret %s were rejected: %s; update the Secret (the operator retries when it changes)", secret, msg)
	case v1.ReasonGrantConflict:
		// The operator has no way to take a grant over: deleting it is the fix.
		var ce *reconciler.GrantConflictError
		if errors.As(err, &ce) {
			msg = ce.WithFix("delete it in " + reconciler.GrantsInDashboard + " if this object should own the grant; the operator then creates its own")
		}
	case v1.ReasonMissingScope:
		// reconciler.MissingScopesError and mgmt.Error already name the
		// scopes and where to grant them; say which credentials lack them.
		msg = fmt.Sprintf("the Management API application in Secret %s: %s", secret, msg)
	}
	return truncate(msg, messageLen)
}

// summaryLen bounds the change summary in conditions, events and
// status.driftSummary.
const summaryLen = 256

func joinWarnings(ws []reconciler.Warning) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.String()
	}
	return strings.Join(parts, "; ")
}

func syncedNote(res *reconciler.Result, planOnly bool) string {
	if len(res.Changes) == 0 {
		return "the tenant matches the spec"
	}
	verb := "applied"
	if planOnly {
		verb = "found"
	}
	return fmt.Sprintf("%s %d change(s): %s", verb, len(res.Changes), reconciler.SummarizeChanges(res.Changes, summaryLen))
}

func readyMessage(obj *v1.MyAccountConfig, st *v1.MyAccountConfigStatus) string {
	if st.Audience != "" {
		return fmt.Sprintf("My Account API %s configured for %d application(s)", st.Audience, len(obj.Spec.Applications))
	}
	return fmt.Sprintf("configured %d application(s)", len(obj.Spec.Applications))
}

func (r *MyAccountConfigReconciler) event(obj *v1.MyAccountConfig, typ, reason, action, note string, args ...any) {
	if r.Recorder == nil {
		return
	}
	r.Recorder.Eventf(obj, nil, typ, reason, action, note, args...)
}

func (r *MyAccountConfigReconciler) now() metav1.Time {
	if r.Clock != nil {
		return metav1.NewTime(r.Clock())
	}
	return metav1.Now()
}

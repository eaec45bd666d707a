package operator

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
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

	// FailureBackoff is the first retry delay after a failure; it doubles
	// per consecutive failure up to MaxFailureBackoff.
	FailureBackoff    time.Duration
	MaxFailureBackoff time.Duration

	resyncEvery time.Duration // tests: see Options.resyncEvery

	mu        sync.Mutex
	failures  map[types.NamespacedName]int
	apiActive sync.Map // tenant domain -> true once its My Account API was seen active
}

// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=myaccount.tenantcfg.io,resources=myaccountconfigs/finalizers,verbs=update

// Reconcile implements reconcile.Reconciler.
func (r *MyAccountConfigReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	logger := log.FromContext(ctx)
	// Read through the API server, not the cache: the status holds the
	// origins this object added, and a stale copy would lose track of them.
	obj := &v1.MyAccountConfig{}
	if err := r.APIReader.Get(ctx, req.NamespacedName, obj); err != nil {
		if apierrors.IsNotFound(err) {
			r.forget(req.NamespacedName)
			return ctrl.Result{}, nil
		}
		return ctrl.Result{}, err
	}
	if !obj.DeletionTimestamp.IsZero() {
		return r.reconcileDelete(ctx, obj)
	}
	if !controllerutil.ContainsFinalizer(obj, Finalizer) {
		before := obj.DeepCopy()
		controllerutil.AddFinalizer(obj, Finalizer)
		if err := r.Client.Patch(ctx, obj, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{})); err != nil {
			return ctrl.Result{}, err
		}
	}

	before := obj.DeepCopy()
	st := &obj.Status
	gen := obj.Generation
	policy := obj.Spec.EffectiveDriftPolicy()
	synced := meta.FindStatusCondition(st.Conditions, v1.ConditionSynced)
	upToDate := synced != nil && synced.Status == metav1.ConditionTrue && synced.ObservedGeneration == gen
	wasReady := meta.IsStatusConditionTrue(st.Conditions, v1.ConditionReady) && upToDate
	wasDrifted := meta.IsStatusConditionTrue(st.Conditions, v1.ConditionDrifted)

	logger.V(1).Info("reconciling", "generation", gen)
	m, failReason, err := r.managementClient(ctx, obj)
	if err == nil {
		// A value stored before the CRD schema checked it: this object
		// reports it, every other object carries on.
		if rerr := invalidSpec(obj); rerr != nil {
			err, failReason = rerr, reasonFor(rerr)
		}
	}
	var res *reconciler.Result
	planOnly := policy == v1.DriftReport && upToDate
	if err == nil {
		if wait := m.Limiter.Backlog(); wait > maxQueueBehindTenant {
			// Free the worker for objects of other tenants rather than
			// queue behind this one's rate limit.
			return ctrl.Result{RequeueAfter: wait}, nil
		}
		unlockAPI, ok := r.lockActivation(m.Domain, obj, planOnly)
		if !ok {
			// Another object is activating this tenant's API; come back
			// when it has, and serve other objects meanwhile.
			return ctrl.Result{RequeueAfter: activationRetry}, nil
		}
		engine := &reconciler.Engine{Management: m.Management, Locks: r.Locks, GrantedScopes: m.GrantedScopes}
		if planOnly {
			res, err = engine.Plan(ctx, crd.Desired(&obj.Spec), crd.State(st))
		} else {
			res, err = engine.Apply(ctx, crd.Desired(&obj.Spec), crd.State(st))
		}
		if err == nil && res.Status.API.Active {
			r.apiActive.Store(m.Domain, true)
		}
		unlockAPI()
		if err != nil {
			failReason = reasonFor(err)
		}
	}
	st.ObservedGeneration = gen
	if res != nil {
		// Apply returns what landed even when a later write failed. A plan
		// changed nothing, so the persisted facts stay as they were.
		crd.SetObserved(st, res)
	}

	var result ctrl.Result
	if err != nil {
		msg := failureMessage(obj, failReason, err)
		r.setCondition(st, v1.ConditionSynced, metav1.ConditionFalse, failReason, msg, gen)
		r.setCondition(st, v1.ConditionReady, metav1.ConditionFalse, failReason, msg, gen)
		if meta.FindStatusCondition(st.Conditions, v1.ConditionDrifted) == nil {
			r.setCondition(st, v1.ConditionDrifted, metav1.ConditionUnknown, failReason, "the tenant could not be checked", gen)
		}
		if prev := meta.FindStatusCondition(before.Status.Conditions, v1.ConditionSynced); prev == nil || prev.Reason != failReason || prev.Message != msg || prev.Status != metav1.ConditionFalse {
			r.event(obj, corev1.EventTypeWarning, EventSyncFailed, "Sync", "%s: %s", failReason, msg)
		}
		r.Metrics.Reconciles.WithLabelValues("error").Inc()
		result.RequeueAfter = r.backoff(req.NamespacedName)
		logger.Info("reconcile failed", "reason", failReason, "error", err.Error(), "retryAfter", result.RequeueAfter)
	} else {
		r.forget(req.NamespacedName)
		changed := len(res.Changes) > 0
		isDrift := changed && upToDate // the spec did not move: someone else changed the tenant
		summary := reconciler.SummarizeChanges(res.Changes, summaryLen)
		domain := obj.Spec.Domain
		switch {
		case isDrift && planOnly:
			r.setCondition(st, v1.ConditionDrifted, metav1.ConditionTrue, v1.ReasonDriftDetected, "the tenant differs from the spec and driftPolicy is Report, so it was left as is: "+summary, gen)
			st.DriftSummary = summary
			if !wasDrifted || before.Status.DriftSummary != summary {
				r.Metrics.DriftDetected.WithLabelValues(domain, string(policy)).Inc()
				r.event(obj, corev1.EventTypeWarning, EventDriftDetected, "Resync", "tenant edited outside the operator (driftPolicy Report, not corrected): %s", summary)
			}
			r.Metrics.Reconciles.WithLabelValues("drift_reported").Inc()
		case isDrift:
			r.setCondition(st, v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonDriftCorrected, "drift found and corrected: "+summary, gen)
			st.DriftSummary = summary
			r.Metrics.DriftDetected.WithLabelValues(domain, string(policy)).Inc()
			r.event(obj, corev1.EventTypeWarning, EventDriftDetected, "Resync", "tenant edited outside the operator: %s", summary)
			r.event(obj, corev1.EventTypeNormal, EventDriftCorrected, "Resync", "corrected: %s", summary)
			r.Metrics.Reconciles.WithLabelValues("drift_corrected").Inc()
		default:
			if c := meta.FindStatusCondition(st.Conditions, v1.ConditionDrifted); c == nil || c.Status != metav1.ConditionFalse || !upToDate || c.Reason == v1.ReasonDriftDetected {
				r.setCondition(st, v1.ConditionDrifted, metav1.ConditionFalse, v1.ReasonNoDrift, "the tenant matches the spec", gen)
			} else {
				c.ObservedGeneration = gen
			}
			if changed {
				r.Metrics.Reconciles.WithLabelValues("synced").Inc()
			} else {
				r.Metrics.Reconciles.WithLabelValues("in_sync").Inc()
			}
		}
		reason, msg := v1.ReasonInSync, "the tenant matches the spec"
		if changed && !planOnly {
			reason, msg = v1.ReasonApplied, fmt.Sprintf("applied %d change(s)", len(res.Changes))
		}
		if planOnly && isDrift {
			reason, msg = v1.ReasonDriftDetected, "drift reported, not corrected (driftPolicy Report): "+summary
		}
		if len(res.Warnings) > 0 {
			msg += "; warnings: " + joinWarnings(res.Warnings)
		}
		// Keep the Synced reason stable across no-op resyncs.
		if prev := meta.FindStatusCondition(before.Status.Conditions, v1.ConditionSynced); reason == v1.ReasonInSync && prev != nil && prev.Status == metav1.ConditionTrue && prev.ObservedGeneration == gen {
			reason, msg = prev.Reason, prev.Message
		}
		r.setCondition(st, v1.ConditionSynced, metav1.ConditionTrue, reason, msg, gen)
		r.setCondition(st, v1.ConditionReady, metav1.ConditionTrue, v1.ReasonReconciled, readyMessage(obj, st), gen)
		if (changed && !isDrift) || !wasReady {
			r.event(obj, corev1.EventTypeNormal, EventSynced, "Sync", "%s", syncedNote(res, planOnly))
		}
		result.RequeueAfter = jitter(r.resyncInterval(obj))
		if changed || !wasReady {
			logger.Info("reconciled", "changes", len(res.Changes), "planOnly", planOnly, "drift", isDrift)
		}
	}

	if !equality.Semantic.DeepEqual(before.Status, obj.Status) {
		now := metav1.Now()
		if err == nil {
			st.LastSyncTime = &now
		}
		if perr := r.Client.Status().Patch(ctx, obj, client.MergeFrom(before)); perr != nil {
			if apierrors.IsNotFound(perr) {
				return ctrl.Result{}, nil
			}
			return ctrl.Result{}, perr
		}
	}
	return result, nil
}

func (r *MyAccountConfigReconciler) reconcileDelete(ctx context.Context, obj *v1.MyAccountConfig) (ctrl.Result, error) {
	key := client.ObjectKeyFromObject(obj)
	if !controllerutil.ContainsFinalizer(obj, Finalizer) {
		return ctrl.Result{}, nil
	}
	st := crd.State(&obj.Status)
	nothingToUndo := len(st.Apps) == 0 && (obj.Spec.EffectiveDeletionPolicy() != v1.DeletionPolicy(reconciler.DeletionDelete) || st.APIID == "")
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
		if err == nil {
			engine := &reconciler.Engine{Management: m.Management, Locks: r.Locks, GrantedScopes: m.GrantedScopes}
			_, err = engine.Delete(ctx, crd.Desired(&obj.Spec), st)
			if err != nil {
				reason = reasonFor(err)
			}
		}
		if err != nil {
			before := obj.DeepCopy()
			msg := "deletion is waiting to undo this object's changes in the tenant: " + failureMessage(obj, reason, err) +
				fmt.Sprintf(" (to delete without cleaning up, annotate it with %s=true)", SkipCleanupAnnotation)
			r.setCondition(&obj.Status, v1.ConditionReady, metav1.ConditionFalse, v1.ReasonDeletionFailed, msg, obj.Generation)
			r.setCondition(&obj.Status, v1.ConditionSynced, metav1.ConditionFalse, reason, msg, obj.Generation)
			if !equality.Semantic.DeepEqual(before.Status, obj.Status) {
				r.event(obj, corev1.EventTypeWarning, EventSyncFailed, "Delete", "%s: %s", reason, msg)
				if perr := r.Client.Status().Patch(ctx, obj, client.MergeFrom(before)); perr != nil && !apierrors.IsNotFound(perr) {
					return ctrl.Result{}, perr
				}
			}
			r.Metrics.Reconciles.WithLabelValues("error").Inc()
			return ctrl.Result{RequeueAfter: r.backoff(key)}, nil
		}
		r.event(obj, corev1.EventTypeNormal, EventDeleted, "Delete", "removed what this object added to %s (deletionPolicy %s)", obj.Spec.Domain, obj.Spec.EffectiveDeletionPolicy())
	}
	before := obj.DeepCopy()
	controllerutil.RemoveFinalizer(obj, Finalizer)
	if err := r.Client.Patch(ctx, obj, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{})); err != nil && !apierrors.IsNotFound(err) {
		return ctrl.Result{}, err
	}
	r.forget(key)
	r.Metrics.Reconciles.WithLabelValues("deleted").Inc()
	return ctrl.Result{}, nil
}

// lockActivation serializes the first activation of a tenant's My Account
// API: until one object of this process has seen the API active, one object
// of the tenant applies and the others requeue (ok false), so 20 new objects
// do not all POST it nor hold workers while they wait.
func (r *MyAccountConfigReconciler) lockActivation(domain string, obj *v1.MyAccountConfig, planOnly bool) (unlock func(), ok bool) {
	noop := func() {}
	if planOnly || !obj.Spec.APIEnabled() {
		return noop, true
	}
	if _, active := r.apiActive.Load(domain); active {
		return noop, true
	}
	unlock, ok = r.Locks.TryLock(domain, "\x00my-account-api")
	if !ok {
		return nil, false
	}
	if _, active := r.apiActive.Load(domain); active {
		unlock()
		return noop, true
	}
	return unlock, true
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
	case v1.ReasonMissingScope:
		// reconciler.MissingScopesError and mgmt.Error already name the
		// scopes and where to grant them; say which credentials lack them.
		msg = fmt.Sprintf("the Management API application in Secret %s: %s", secret, msg)
	}
	const max = 1024
	if len(msg) > max {
		msg = msg[:max-3] + "..."
	}
	return msg
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

func (r *MyAccountConfigReconciler) setCondition(st *v1.MyAccountConfigStatus, t string, s metav1.ConditionStatus, reason, msg string, gen int64) {
	meta.SetStatusCondition(&st.Conditions, metav1.Condition{Type: t, Status: s, Reason: reason, Message: msg, ObservedGeneration: gen})
}

func (r *MyAccountConfigReconciler) event(obj *v1.MyAccountConfig, typ, reason, action, note string, args ...any) {
	if r.Recorder == nil {
		return
	}
	r.Recorder.Eventf(obj, nil, typ, reason, action, note, args...)
}

// backoff records a failure and returns the delay before the next attempt:
// FailureBackoff doubling per consecutive failure, capped, with jitter.
func (r *MyAccountConfigReconciler) backoff(key types.NamespacedName) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failures == nil {
		r.failures = map[types.NamespacedName]int{}
	}
	n := r.failures[key]
	r.failures[key] = n + 1
	d := r.FailureBackoff
	for i := 0; i < n && d < r.MaxFailureBackoff; i++ {
		d *= 2
	}
	d = min(d, r.MaxFailureBackoff)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func (r *MyAccountConfigReconciler) forget(key types.NamespacedName) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.failures, key)
}

// jitter spreads resyncs of many objects by up to +10%.
func jitter(d time.Duration) time.Duration {
	return d + time.Duration(rand.Int64N(int64(d/10)+1))
}

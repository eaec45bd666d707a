// Package operator runs the Kubernetes controller for MyAccountConfig: a
// controller-runtime manager whose reconciler is a thin adapter over the
// shared reconciler.Engine.
package operator

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	goruntime "runtime"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Options configures Run.
type Options struct {
	// MetricsAddr is the Prometheus metrics listen address (":8080"); "0" or
	// "" disables the metrics server.
	MetricsAddr string
	// ProbeAddr serves /healthz and /readyz (":8081"); "" or "0" disables it.
	ProbeAddr string
	// PprofAddr serves net/http/pprof (heap, CPU and block profiles);
	// "" or "0" disables it.
	PprofAddr string
	// LeaderElection makes only one replica reconcile at a time.
	LeaderElection bool
	// LeaderElectionNamespace holds the Lease; required outside a cluster.
	LeaderElectionNamespace string
	// WatchNamespaces limits the operator to these namespaces (its objects
	// and their Secrets); empty means every namespace.
	WatchNamespaces []string
	// RootCAs verifies the tenants' TLS certificates; nil means system roots.
	RootCAs *x509.CertPool

	// RestConfig is the cluster to talk to; nil means ctrl.GetConfig()
	// (KUBECONFIG, the in-cluster config, or ~/.kube/config).
	RestConfig *rest.Config
	// MaxConcurrentReconciles is the number of workers; 0 means 64. Workers
	// mostly wait on a tenant's rate limiter, so too few let one throttled
	// tenant hold every worker while the others sit idle.
	MaxConcurrentReconciles int
	// FailureBackoff and MaxFailureBackoff bound retries after a failure;
	// 0 means 5s and 5m.
	FailureBackoff, MaxFailureBackoff time.Duration
	// TenantRate caps Management API requests per second per tenant (with
	// TenantBurst), besides the pacing the rate-limit headers ask for; 0
	// means no cap.
	TenantRate  float64
	TenantBurst int
	// Logger receives the operator's logs; nil means text on stderr.
	Logger *slog.Logger
	// MemoryLimit is the Go runtime's soft memory limit in bytes
	// (setMemoryLimit); 0 leaves the runtime alone, and so does GOMEMLIMIT
	// when set. `myaccount operator` passes DefaultMemoryLimit.
	MemoryLimit int64

	// skipNameValidation lets tests run several managers in one process.
	skipNameValidation bool
	// resyncEvery, when set, replaces the default resync interval, so that
	// tests see resyncs below the CRD's 30s minimum.
	resyncEvery time.Duration
	// beforeRun, when set, is called as the engine run starts, with the
	// tenant's locks held: tests make a reconcile panic there.
	beforeRun func(*v1.MyAccountConfig)
	// revertPolicy, when set, replaces reconciler.DefaultRevertPolicy, so
	// that tests see a fight and its end within seconds.
	revertPolicy reconciler.RevertPolicy
}

// NewScheme returns a scheme with the core types and MyAccountConfig.
func NewScheme() *runtime.Scheme {
	s := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(s); err != nil {
		panic(err)
	}
	if err := v1.AddToScheme(s); err != nil {
		panic(err)
	}
	return s
}

// Run starts the manager and blocks until ctx is cancelled or it fails.
func Run(ctx context.Context, opts Options) error {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	ctrl.SetLogger(logr.FromSlogHandler(logger.Handler()))
	setMemoryLimit(opts.MemoryLimit, logger)
	cfg := opts.RestConfig
	if cfg == nil {
		var err error
		if cfg, err = ctrl.GetConfig(); err != nil {
			return fmt.Errorf("operator: no Kubernetes configuration (set KUBECONFIG or run in a cluster): %w", err)
		}
	}
	mgr, err := NewManager(cfg, opts)
	if err != nil {
		return err
	}
	if err := Setup(ctx, mgr, opts); err != nil {
		return err
	}
	logger.Info("starting the MyAccountConfig operator", "namespaces", opts.WatchNamespaces, "leaderElection", opts.LeaderElection)
	if len(opts.WatchNamespaces) > 0 {
		logger.Info("serving only the listed namespaces: MyAccountConfigs in any other namespace are ignored and get no status; add the namespace to --namespace (Helm: watchNamespaces)", "namespaces", opts.WatchNamespaces)
	}
	return mgr.Start(ctx)
}

// NewManager builds the controller-runtime manager Run uses.
func NewManager(cfg *rest.Config, opts Options) (manager.Manager, error) {
	metricsAddr := opts.MetricsAddr
	if metricsAddr == "" {
		metricsAddr = "0"
	}
	probeAddr := opts.ProbeAddr
	if probeAddr == "0" {
		probeAddr = ""
	}
	mo := manager.Options{
		Scheme:                        NewScheme(),
		Metrics:                       metricsserver.Options{BindAddress: metricsAddr},
		HealthProbeBindAddress:        probeAddr,
		PprofBindAddress:              opts.PprofAddr,
		LeaderElection:                opts.LeaderElection,
		LeaderElectionID:              "myaccount-operator.myaccount.tenantcfg.io",
		LeaderElectionNamespace:       opts.LeaderElectionNamespace,
		LeaderElectionReleaseOnCancel: true,
	}
	mo.Cache.DefaultTransform = slimCached
	if len(opts.WatchNamespaces) > 0 {
		mo.Cache.DefaultNamespaces = map[string]cache.Config{}
		for _, ns := range opts.WatchNamespaces {
			mo.Cache.DefaultNamespaces[ns] = cache.Config{}
		}
	}
	if opts.PprofAddr != "" && opts.PprofAddr != "0" {
		// The block profile shows where workers wait (limiter, locks).
		goruntime.SetBlockProfileRate(int(time.Millisecond))
	}
	mgr, err := ctrl.NewManager(cfg, mo)
	if err != nil {
		return nil, fmt.Errorf("operator: creating the manager: %w", err)
	}
	if probeAddr != "" {
		if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
			return nil, err
		}
		if err := mgr.AddReadyzCheck("readyz", func(req *http.Request) error {
			if !mgr.GetCache().WaitForCacheSync(req.Context()) {
				return errors.New("caches not synced")
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return mgr, nil
}

// slimCached drops, before an object enters the cache, what the operator
// never reads there: managed fields; kubectl's copy of the last applied
// object; a MyAccountConfig's status but what it owns (crd.OwnershipStatus:
// the owners index, the predicates and clientRounds read only that; reconciles
// read the object from the API server);
// and of a Secret (cached as metadata only, for its
// resourceVersion and to map it to the objects naming it) everything but
// its name, namespace, uid and resourceVersion. 5,000 Secrets that no
// object references then cost little more than their names.
func slimCached(in any) (any, error) {
	switch o := in.(type) {
	case *metav1.PartialObjectMetadata:
		o.ObjectMeta = metav1.ObjectMeta{Name: o.Name, Namespace: o.Namespace, UID: o.UID, ResourceVersion: o.ResourceVersion,
			Generation: o.Generation, DeletionTimestamp: o.DeletionTimestamp}
	case *v1.MyAccountConfig:
		o.ManagedFields = nil
		delete(o.Annotations, lastAppliedAnnotation) // a fresh decode: not shared yet
		o.Status = crd.OwnershipStatus(o.Status)
	}
	return in, nil
}

// lastAppliedAnnotation is kubectl apply's copy of the object it applied.
const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

// +kubebuilder:rbac:groups=coordination.k8s.io,namespace=myaccount-system,resources=leases,verbs=get;list;watch;create;update;patch;delete
// Leader election records its events (LeaderElection, in both event APIs
// depending on the client) beside the Lease.
// +kubebuilder:rbac:groups="";events.k8s.io,namespace=myaccount-system,resources=events,verbs=create;patch

// Setup registers the MyAccountConfig controller with mgr. ctx must live as
// long as the manager: the Management API clients refresh tokens with it.
func Setup(ctx context.Context, mgr manager.Manager, opts Options) error {
	if err := mgr.GetFieldIndexer().IndexField(ctx, &v1.MyAccountConfig{}, secretRefIndex, func(o client.Object) []string {
		if ref := o.(*v1.MyAccountConfig).Spec.CredentialsSecretRef; ref != nil && ref.Name != "" {
			return []string{ref.Name}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("operator: indexing by Secret: %w", err)
	}
	m := DefaultMetrics()
	r := &MyAccountConfigReconciler{
		Client:      mgr.GetClient(),
		APIReader:   mgr.GetAPIReader(),
		Recorder:    mgr.GetEventRecorder("myaccount-operator"),
		Metrics:     m,
		Locks:       &reconciler.ClientLocks{},
		clients:     newClientCache(ctx, opts.RootCAs, m),
		owners:      newOwnersIndex(),
		resyncEvery: opts.resyncEvery,
		beforeRun:   opts.beforeRun,
		reverts:     newRevertWatch(opts.revertPolicy),
	}
	r.clients.rate, r.clients.burst = opts.TenantRate, opts.TenantBurst
	r.views = newTenantViews(r.Locks)
	informer, err := mgr.GetCache().GetInformer(ctx, &v1.MyAccountConfig{})
	if err != nil {
		return fmt.Errorf("operator: watching MyAccountConfigs: %w", err)
	}
	reg, err := informer.AddEventHandler(r.owners.handler())
	if err != nil {
		return fmt.Errorf("operator: indexing owners: %w", err)
	}
	r.owners.synced = reg.HasSynced
	refs := newSecretRefs()
	if _, err := informer.AddEventHandler(refs.handler()); err != nil {
		return fmt.Errorf("operator: indexing Secret references: %w", err)
	}
	backoff, maxBackoff := opts.FailureBackoff, opts.MaxFailureBackoff
	if backoff <= 0 {
		backoff = 5 * time.Second
	}
	if maxBackoff <= 0 {
		maxBackoff = 5 * time.Minute
	}
	workers := opts.MaxConcurrentReconciles
	if workers <= 0 {
		workers = 64
	}
	return ctrl.NewControllerManagedBy(mgr).
		Named("myaccountconfig").
		For(&v1.MyAccountConfig{}, builder.WithPredicates(predicate.Or[client.Object](predicate.GenerationChangedPredicate{}, annotationsChanged()))).
		WatchesMetadata(&corev1.Secret{}, handler.EnqueueRequestsFromMapFunc(refs.only(r.requestsForSecret))).
		// Objects sharing a client follow each other's ownership changes
		// and deletions promptly, not at the next resync: one round per
		// client changed (clientRounds).
		Watches(&v1.MyAccountConfig{}, newClientRounds(r.owners).handler(), builder.WithPredicates(ownershipChanged)).
		WithOptions(controller.Options{
			MaxConcurrentReconciles: workers,
			SkipNameValidation:      &opts.skipNameValidation,
			// A failed reconcile returns its error; the queue retries it
			// after backoff doubling per consecutive failure up to
			// maxBackoff, and forgets the count on success.
			RateLimiter: workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](backoff, maxBackoff),
		}).
		Complete(r)
}

// requestsForSecret maps a Secret to the objects referencing it.
func (r *MyAccountConfigReconciler) requestsForSecret(ctx context.Context, o client.Object) []reconcile.Request {
	var list v1.MyAccountConfigList
	if err := r.Client.List(ctx, &list, client.InNamespace(o.GetNamespace()), client.MatchingFields{secretRefIndex: o.GetName()}); err != nil {
		return nil
	}
	reqs := make([]reconcile.Request, len(list.Items))
	for i, item := range list.Items {
		reqs[i] = reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&item)}
	}
	return reqs
}

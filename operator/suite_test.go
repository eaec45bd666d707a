package operator

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/go-logr/logr"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

var (
	testEnv    *envtest.Environment
	restConfig *rest.Config
	k8s        client.Client
	nsCounter  atomic.Int64
)

func TestMain(m *testing.M) {
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		// Tests call requireEnv, which skips with an explanation.
		os.Exit(m.Run())
	}
	ctrl.SetLogger(logr.FromSlogHandler(slog.NewTextHandler(logSink(), &slog.HandlerOptions{Level: logLevel()})))
	testEnv = &envtest.Environment{
		CRDDirectoryPaths:     []string{filepath.Join("..", "config", "crd", "bases")},
		ErrorIfCRDPathMissing: true,
	}
	var err error
	restConfig, err = testEnv.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "envtest: starting kube-apiserver and etcd from KUBEBUILDER_ASSETS:", err)
		os.Exit(1)
	}
	restConfig.QPS, restConfig.Burst = 200, 400
	k8s, err = client.New(restConfig, client.Options{Scheme: NewScheme()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		_ = testEnv.Stop()
		os.Exit(1)
	}
	code := m.Run()
	_ = testEnv.Stop()
	os.Exit(code)
}

func logSink() io.Writer {
	if os.Getenv("MYACCOUNT_OPERATOR_TEST_LOGS") != "" {
		return os.Stderr
	}
	return io.Discard
}

func requireEnv(t testing.TB) {
	t.Helper()
	if testEnv == nil {
		t.Skip("KUBEBUILDER_ASSETS is not set: run `eval \"$(bash hack/tools.sh env)\"` (after `bash hack/tools.sh kube`) to test against a real kube-apiserver and etcd")
	}
}

// fixture is one namespace, one emulated tenant, a credentials Secret and an
// operator serving only that namespace.
type fixture struct {
	t      testing.TB
	ctx    context.Context
	ns     string
	sim    *auth0sim.Server
	secret string
}

type fixtureOpts struct {
	simOpts auth0sim.Options
	opts    Options
	noStart bool
}

func newFixture(t testing.TB, fo fixtureOpts) *fixture {
	t.Helper()
	requireEnv(t)
	sim, err := auth0sim.Start(fo.simOpts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	f := &fixture{t: t, ctx: ctx, ns: fmt.Sprintf("t%d-%d", time.Now().UnixNano()%100000, nsCounter.Add(1)), sim: sim, secret: "auth0-credentials"}
	f.create(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: f.ns}})
	f.writeSecret(sim.ManagementClientID(), sim.ManagementClientSecret())
	if !fo.noStart {
		opts := fo.opts
		opts.RootCAs = sim.RootCAs()
		f.startOperator(opts)
	}
	return f
}

// startOperator runs a manager in-process, serving the fixture's namespace.
func (f *fixture) startOperator(opts Options) {
	f.t.Helper()
	if opts.resyncEvery == 0 {
		// Objects with the default interval resync every second; the CRD
		// refuses an interval under 30s in the spec.
		opts.resyncEvery = time.Second
	}
	startOperator(f.t, f.ctx, opts, f.ns)
}

func startOperator(t testing.TB, ctx context.Context, opts Options, namespaces ...string) {
	t.Helper()
	opts.WatchNamespaces = namespaces
	if opts.FailureBackoff == 0 {
		opts.FailureBackoff = 500 * time.Millisecond
	}
	if opts.MaxFailureBackoff == 0 {
		opts.MaxFailureBackoff = 5 * time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	opts.skipNameValidation = true
	mgr, err := NewManager(restConfig, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := Setup(ctx, mgr, opts); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("manager: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("manager did not stop")
		}
	})
}

func (f *fixture) create(o client.Object) {
	f.t.Helper()
	if err := k8s.Create(context.Background(), o); err != nil {
		f.t.Fatalf("create %T %s: %v", o, o.GetName(), err)
	}
}

func (f *fixture) writeSecret(id, secret string) {
	f.t.Helper()
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: f.secret, Namespace: f.ns}}
	_, err := ctrl.CreateOrUpdate(context.Background(), k8s, s, func() error {
		s.Data = map[string][]byte{KeyClientID: []byte(id), KeyClientSecret: []byte(secret)}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

// mac builds an object for the fixture's tenant.
func (f *fixture) mac(name string, apps ...v1.ApplicationSpec) *v1.MyAccountConfig {
	return &v1.MyAccountConfig{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: f.ns},
		Spec: v1.MyAccountConfigSpec{
			Domain:               f.sim.Domain(),
			CredentialsSecretRef: &v1.SecretReference{Name: f.secret},
			API:                  &v1.APISpec{}, // the defaults: enabled, require_client_grant, Retain
			Applications:         apps,
		},
	}
}

func (f *fixture) get(name string) *v1.MyAccountConfig {
	f.t.Helper()
	o := &v1.MyAccountConfig{}
	if err := k8s.Get(context.Background(), client.ObjectKey{Namespace: f.ns, Name: name}, o); err != nil {
		f.t.Fatal(err)
	}
	return o
}

// update re-reads the object and applies edit, retrying on conflicts.
func (f *fixture) update(name string, edit func(*v1.MyAccountConfig)) {
	f.t.Helper()
	for range 10 {
		o := f.get(name)
		edit(o)
		err := k8s.Update(context.Background(), o)
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "modified") {
			f.t.Fatal(err)
		}
	}
	f.t.Fatal("update kept conflicting")
}

// eventually polls cond until it reports true or the timeout passes.
func eventually(t testing.TB, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	last := ""
	for {
		ok, detail := cond()
		if ok {
			return
		}
		last = detail
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s; last: %s", timeout, what, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitCondition waits for a condition with this status (and reason, if set)
// at the object's current generation.
func (f *fixture) waitCondition(name, typ string, status metav1.ConditionStatus, reason string) *v1.MyAccountConfig {
	f.t.Helper()
	var o *v1.MyAccountConfig
	eventually(f.t, 30*time.Second, fmt.Sprintf("%s %s=%s %s", name, typ, status, reason), func() (bool, string) {
		o = f.get(name)
		c := meta.FindStatusCondition(o.Status.Conditions, typ)
		if c == nil {
			return false, fmt.Sprintf("no condition; status %+v", o.Status)
		}
		ok := c.Status == status && (reason == "" || c.Reason == reason) && c.ObservedGeneration == o.Generation
		return ok, fmt.Sprintf("%+v", *c)
	})
	return o
}

func (f *fixture) waitReady(name string) *v1.MyAccountConfig {
	f.t.Helper()
	return f.waitCondition(name, v1.ConditionReady, metav1.ConditionTrue, "")
}

func (f *fixture) client(id string) auth0sim.Client {
	f.t.Helper()
	c, ok := f.sim.GetClient(id)
	if !ok {
		f.t.Fatalf("client %s not in the emulator", id)
	}
	return c
}

func (f *fixture) waitOrigins(id string, want func([]string) bool, what string) {
	f.t.Helper()
	eventually(f.t, 30*time.Second, what, func() (bool, string) {
		c := f.client(id)
		return want(c.AllowedOrigins), fmt.Sprint(c.AllowedOrigins)
	})
}

// events lists the event reasons recorded for an object, oldest first.
func (f *fixture) events(name string) []string {
	f.t.Helper()
	var list eventsv1.EventList
	if err := k8s.List(context.Background(), &list, client.InNamespace(f.ns)); err != nil {
		f.t.Fatal(err)
	}
	slices.SortFunc(list.Items, func(a, b eventsv1.Event) int { return a.EventTime.Compare(b.EventTime.Time) })
	var out []string
	for _, e := range list.Items {
		if e.Regarding.Name == name {
			out = append(out, e.Reason)
		}
	}
	return out
}

// eventNotes lists the notes of the object's events with this reason.
func (f *fixture) eventNotes(name, reason string) []string {
	f.t.Helper()
	var list eventsv1.EventList
	if err := k8s.List(context.Background(), &list, client.InNamespace(f.ns)); err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, e := range list.Items {
		if e.Regarding.Name == name && e.Reason == reason {
			out = append(out, e.Note)
		}
	}
	return out
}

// anyContains reports whether some note contains every one of subs.
func anyContains(notes []string, subs ...string) bool {
	return slices.ContainsFunc(notes, func(n string) bool {
		for _, s := range subs {
			if !strings.Contains(n, s) {
				return false
			}
		}
		return true
	})
}

func has(list []string, s string) bool { return slices.Contains(list, s) }

func origins(o ...string) []v1.Origin {
	out := make([]v1.Origin, len(o))
	for i, s := range o {
		out[i] = v1.Origin(s)
	}
	return out
}

func poolOf(sims ...*auth0sim.Server) *x509.CertPool {
	p := x509.NewCertPool()
	for _, s := range sims {
		p.AppendCertsFromPEM(s.CACertPEM())
	}
	return p
}

func logLevel() slog.Level {
	if os.Getenv("MYACCOUNT_OPERATOR_TEST_LOGS") != "" {
		return slog.LevelInfo
	}
	return slog.LevelWarn
}

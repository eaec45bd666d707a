package operator

import (
	"context"
	"fmt"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestFaultMatrixOperator runs the commit-then-drop matrix through a
// MyAccountConfig: create it and wait until it is Ready (the operator
// retries a failed reconcile by itself), then delete it and wait until it
// is gone. The operator records the ownership annotation before each write
// that adds to what the object owns. With outage 5 the default six attempts
// of the write all fail, so the reconcile ends right after the write.
func TestFaultMatrixOperator(t *testing.T) {
	requireEnv(t)
	for _, outage := range []int{0, 5} {
		for _, c := range conformance.FaultCases() {
			t.Run(fmt.Sprintf("outage %d/%s", outage, c), func(t *testing.T) {
				f := newFixture(t, fixtureOpts{})
				const id = "crash_app"
				face := conformance.FaultFace{
					Apply: func() error {
						if _, err := f.tryGet("cfg"); apierrors.IsNotFound(err) {
							o := f.mac("cfg")
							d := c.Scenario().Config(f.sim.Domain(), id)
							o.Spec.API, o.Spec.Applications = specOf(d)
							o.Spec.MyOrganizationAPI = orgSpecOf(d)
							f.create(o)
						}
						return f.waitReadyErr("cfg", 60*time.Second)
					},
					Remove: func() error {
						o, err := f.tryGet("cfg")
						if err == nil {
							err = k8s.Delete(context.Background(), o)
						}
						if err != nil && !apierrors.IsNotFound(err) {
							return err
						}
						return f.waitGoneErr("cfg", 60*time.Second)
					},
				}
				conformance.RunFaultCase(t, f.sim, id, c, outage, face)
			})
		}
	}
}

func (f *fixture) tryGet(name string) (*v1.MyAccountConfig, error) {
	o := &v1.MyAccountConfig{}
	err := k8s.Get(context.Background(), client.ObjectKey{Namespace: f.ns, Name: name}, o)
	return o, err
}

// waitReadyErr is waitReady returning an error instead of failing.
func (f *fixture) waitReadyErr(name string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		o, err := f.tryGet(name)
		if err == nil {
			c := meta.FindStatusCondition(o.Status.Conditions, v1.ConditionReady)
			if c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == o.Generation {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s not Ready after %s: %+v", name, timeout, o.Status.Conditions)
			}
		} else if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (f *fixture) waitGoneErr(name string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		o, err := f.tryGet(name)
		if apierrors.IsNotFound(err) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not deleted after %s: %v %+v", name, timeout, err, o.Status.Conditions)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// startStoppable runs an operator for the fixture's namespace until stop,
// which returns once it has stopped.
func (f *fixture) startStoppable() (stop func()) {
	f.t.Helper()
	opts := Options{RootCAs: f.sim.RootCAs(), WatchNamespaces: []string{f.ns}, FailureBackoff: 500 * time.Millisecond, MaxFailureBackoff: 5 * time.Second,
		skipNameValidation: true, resyncEvery: time.Second}
	ctx, cancel := context.WithCancel(f.ctx)
	mgr, err := NewManager(restConfig, opts)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := Setup(ctx, mgr, opts); err != nil {
		f.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				f.t.Errorf("manager: %v", err)
			}
		case <-time.After(30 * time.Second):
			f.t.Error("manager did not stop")
		}
	}
	f.t.Cleanup(stop)
	return stop
}

// ownedSpec is an object that adds to every setting of client id: an
// allowed origin, a web origin, cross-origin authentication and a grant.
func ownedSpec(f *fixture, id string) *v1.MyAccountConfig {
	o := f.mac("cfg")
	o.Spec.API, o.Spec.Applications = specOf(reconciler.Desired{API: reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionRetain},
		Applications: []reconciler.Application{{ClientID: id,
			AllowedOrigins: []string{"https://app.example.com"}, OriginsMode: reconciler.OriginsMerge,
			WebOrigins: []string{"https://app.example.com"}, WebOriginsMode: reconciler.OriginsMerge,
			CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: "https://app.example.com/cross-auth.html"},
			UserAccess:                &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}}}}})
	return o
}

// appliedThenStopped seeds client id (seedOwned), applies ownedSpec with an
// operator, and stops the operator once the object is Ready.
func appliedThenStopped(t *testing.T, id string) (*fixture, conformance.Tenant) {
	t.Helper()
	f := newFixture(t, fixtureOpts{noStart: true})
	start := seedOwned(t, f, id)
	stop := f.startStoppable()
	f.create(ownedSpec(f, id))
	f.waitReady("cfg")
	stop()
	return f, start
}

// seedOwned seeds client id with a foreign origin in both lists and a
// cross-origin location, and activates the API; it returns the tenant as
// it then is.
func seedOwned(t *testing.T, f *fixture, id string) conformance.Tenant {
	t.Helper()
	f.sim.SeedClient(auth0sim.Client{ClientID: id, Name: "Owned", AppType: "spa",
		AllowedOrigins: []string{"https://legacy.example.com"}, WebOrigins: []string{"https://legacy.example.com"},
		CrossOriginLoc: "https://old.example.com/co.html"})
	if _, err := f.sim.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	return conformance.Observe(f.sim, id)
}

// TestOwnershipSurvivesStatusLoss: the object's status is wiped while the
// operator is down (a restore that drops status); after a restart it still
// knows what it added, and deleting it removes exactly that.
func TestOwnershipSurvivesStatusLoss(t *testing.T) {
	const id = "owned_app"
	f, start := appliedThenStopped(t, id)
	if _, ok := f.get("cfg").Annotations[crd.OwnedAnnotation]; !ok {
		t.Fatalf("no %s annotation after the first apply", crd.OwnedAnnotation)
	}

	o := f.get("cfg")
	o.Status = v1.MyAccountConfigStatus{}
	if err := k8s.Status().Update(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if got := f.get("cfg").Status; len(got.Applications) != 0 {
		t.Fatalf("status not wiped: %+v", got)
	}
	f.sim.ResetCounts()
	f.startStoppable()
	// The resync after the restart finds everything its own and in sync.
	eventually(t, 30*time.Second, "status to be written again", func() (bool, string) {
		st := f.get("cfg").Status
		return len(st.Applications) == 1 && st.Applications[0].GrantID != "", fmt.Sprintf("%+v", st.Applications)
	})
	if w := conformance.Writes(f.sim); len(w) != 0 {
		t.Errorf("the restart wrote to the tenant: %v", w)
	}
	if got := f.get("cfg").Status.Applications[0].ManagedOrigins; len(got) != 1 || got[0] != "https://app.example.com" {
		t.Errorf("managedOrigins after the restart = %v, want [https://app.example.com]", got)
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	assertTenant(t, f.sim, id, start)
}

// TestOwnershipSurvivesCopyToFreshObject: `kubectl get -o yaml | kubectl
// apply` into another cluster keeps metadata.annotations and drops status.
// The old cluster goes away without cleaning up; the fresh object takes
// over what the old one added, and deleting it removes exactly that.
func TestOwnershipSurvivesCopyToFreshObject(t *testing.T) {
	const id = "owned_app"
	f, start := appliedThenStopped(t, id)

	old := f.get("cfg")
	copied := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Name: old.Name, Namespace: old.Namespace, Labels: old.Labels, Annotations: old.Annotations}, Spec: old.Spec}
	// The old cluster is gone: its object leaves without cleaning up.
	old.Finalizers = nil
	if err := k8s.Update(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	if err := k8s.Delete(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	f.create(copied)

	f.sim.ResetCounts()
	f.startStoppable()
	f.waitReady("cfg")
	if w := conformance.Writes(f.sim); len(w) != 0 {
		t.Errorf("the fresh object wrote to the tenant: %v", w)
	}
	if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
		t.Fatal(err)
	}
	waitGone(t, f, "cfg")
	assertTenant(t, f.sim, id, start)
}

func assertTenant(t *testing.T, sim *auth0sim.Server, id string, want conformance.Tenant) {
	t.Helper()
	if problem := conformance.CheckTenant(sim, id, want); problem != "" {
		t.Errorf("after deletion, %s", problem)
	}
}

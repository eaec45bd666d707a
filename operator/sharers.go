package operator

import (
	"context"
	"maps"
	"reflect"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// One PATCH per client across objects. The run that writes a client offers
// the other objects on it (reconciler.Sharer) whose origin lists can ride
// in its PATCH: those no run is acting for now, that are not being
// deleted, that may write (not driftPolicy Report), whose spec the sharing
// rules weighed, and whose Secret holds the very same credentials. Each
// gets the finalizer and its ownership annotation before the PATCH, as its
// own run would, and an event once the PATCH lands; its own run then finds
// the client in sync and reads nothing more. Ten objects on a client cost
// one PATCH and one check of the list, not ten of each.

// objectLocks lets one run at a time act for an object: its own reconcile
// (which waits), or another object's run writing for it (which skips it).
type objectLocks struct {
	mu   sync.Mutex
	held map[string]chan struct{}
}

func (l *objectLocks) slot(key string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held == nil {
		l.held = map[string]chan struct{}{}
	}
	ch, ok := l.held[key]
	if !ok {
		ch = make(chan struct{}, 1)
		l.held[key] = ch
	}
	return ch
}

// lock waits, bounded by ctx, until no other run acts for key.
func (l *objectLocks) lock(ctx context.Context, key string) (unlock func(), err error) {
	ch := l.slot(key)
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// tryLock takes key only if no run acts for it.
func (l *objectLocks) tryLock(key string) (unlock func(), ok bool) {
	ch := l.slot(key)
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, true
	default:
		return nil, false
	}
}

// forget drops key's slot once its object is gone.
func (l *objectLocks) forget(key string) {
	l.mu.Lock()
	delete(l.held, key)
	l.mu.Unlock()
}

// sharersFor is the engine's Sharers hook for a run of self through m, and
// tell, which sends the events of the objects whose changes its PATCHes
// carried: call it once the run succeeded (its check that the lists held
// passed), so that no object is told of a change that did not hold.
func (r *MyAccountConfigReconciler) sharersFor(m *mgmt.Client, self *v1.MyAccountConfig) (hook reconciler.SharersOf, tell func()) {
	var mu sync.Mutex
	var events []func()
	told := func(event func()) { // from the goroutine that led the PATCH
		mu.Lock()
		defer mu.Unlock()
		events = append(events, event)
	}
	hook = func(ctx context.Context, clientID string, names []string) ([]reconciler.Sharer, int) {
		var out []reconciler.Sharer
		busy := 0
		for _, name := range names {
			sh, ok, running := r.sharer(ctx, m, self, clientID, name, told)
			if ok {
				out = append(out, sh)
			} else if running {
				busy++
			}
		}
		return out, busy
	}
	tell = func() {
		mu.Lock()
		defer mu.Unlock()
		for _, event := range events {
			event()
		}
	}
	return hook, tell
}

// sharer is the write of the object named name on clientID, if it can
// join: with the object locked until Done. running says that a run acts
// for it now (its own, which may bring its write to the batch).
func (r *MyAccountConfigReconciler) sharer(ctx context.Context, m *mgmt.Client, self *v1.MyAccountConfig, clientID, name string, told func(event func())) (sh reconciler.Sharer, ok, running bool) {
	key, ok := strings.CutPrefix(name, "MyAccountConfig ")
	if !ok || key == self.Namespace+"/"+self.Name {
		return reconciler.Sharer{}, false, false
	}
	unlock, ok := r.objects.tryLock(key)
	if !ok {
		return reconciler.Sharer{}, false, true
	}
	obj, app, owned, ok := r.joinable(ctx, m, key, clientID, name)
	if !ok {
		unlock()
		return reconciler.Sharer{}, false, false
	}
	return reconciler.Sharer{Name: name, App: app, Owned: owned.Apps[clientID],
		Intent: func(ctx context.Context, app reconciler.AppState) error {
			st := owned
			st.Apps = maps.Clone(owned.Apps)
			if st.Apps == nil {
				st.Apps = map[string]reconciler.AppState{}
			}
			st.Apps[clientID] = app
			return r.recordOwned(ctx, obj, st)
		},
		Done: func(res reconciler.ClientResult, err error) {
			defer unlock()
			if err == nil && !res.Wrote.Empty() {
				r.writes.record(m.Domain, name, r.now().Time, res.Changes) // landed: never another's drift
				told(func() {
					r.event(obj, corev1.EventTypeNormal, EventSynced, "Sync", "applied %d change(s) in the PATCH of %s, which shares client %s: %s",
						len(res.Changes), ownerName(self), clientID, reconciler.SummarizeChanges(res.Changes, summaryLen))
				})
			}
		}}, true, false
}

// joinable reads the object at key afresh and returns what it declares and
// owns on clientID, when its write may ride in another object's PATCH.
func (r *MyAccountConfigReconciler) joinable(ctx context.Context, m *mgmt.Client, key, clientID, name string) (*v1.MyAccountConfig, reconciler.Application, reconciler.State, bool) {
	ns, n, _ := strings.Cut(key, "/")
	obj := &v1.MyAccountConfig{}
	if err := r.APIReader.Get(ctx, types.NamespacedName{Namespace: ns, Name: n}, obj); err != nil ||
		!obj.DeletionTimestamp.IsZero() || obj.Spec.EffectiveDriftPolicy() == v1.DriftReport || invalidSpec(obj) != nil {
		return nil, reconciler.Application{}, reconciler.State{}, false
	}
	owned, err := crd.Owned(obj)
	if err != nil {
		return nil, reconciler.Application{}, reconciler.State{}, false
	}
	desired := crd.Desired(&obj.Spec)
	app, ok := desired.App(clientID)
	if !ok || len(reconciler.ValidateStatic(desired)) > 0 || !r.weighed(m.Domain, obj, name, clientID, app) {
		return nil, reconciler.Application{}, reconciler.State{}, false
	}
	if om, _, err := r.managementClient(ctx, obj); err != nil || om.Domain != m.Domain || r.clients.identity(om) != r.clients.identity(m) {
		return nil, reconciler.Application{}, reconciler.State{}, false
	}
	if !controllerutil.ContainsFinalizer(obj, Finalizer) {
		if err := r.ensureFinalizer(ctx, obj); err != nil { // so that deleting it undoes the write
			return nil, reconciler.Application{}, reconciler.State{}, false
		}
	}
	return obj, app, owned, true
}

// weighed reports whether the sharing rules of the run weighed this very
// declaration of the object: the index holds it as it is now.
func (r *MyAccountConfigReconciler) weighed(domain string, obj *v1.MyAccountConfig, name, clientID string, app reconciler.Application) bool {
	e, ok := r.owners.entry(domain, obj.UID)
	if !ok || e.owner.Name != name {
		return false
	}
	indexed, ok := reconciler.Desired{Applications: e.owner.Apps}.App(clientID)
	return ok && reflect.DeepEqual(indexed, app)
}

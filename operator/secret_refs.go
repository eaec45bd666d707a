package operator

import (
	"context"
	"sync"

	"k8s.io/apimachinery/pkg/types"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// secretRefs is the set of Secrets some MyAccountConfig names, kept by the
// informer's event handler. The Secret watch asks it before mapping a
// Secret to objects: the mapping lists through the cache, which resolves a
// REST mapping per call, and at a start with 5,000 unrelated Secrets those
// lists were 40% of the start's allocations and set its peak.
type secretRefs struct {
	mu   sync.RWMutex
	byID map[types.UID]types.NamespacedName
	refs map[types.NamespacedName]int // how many objects name it
}

func newSecretRefs() *secretRefs {
	return &secretRefs{byID: map[types.UID]types.NamespacedName{}, refs: map[types.NamespacedName]int{}}
}

// named reports whether some object names the Secret.
func (s *secretRefs) named(key types.NamespacedName) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.refs[key] > 0
}

func (s *secretRefs) set(o *v1.MyAccountConfig) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropLocked(o.UID)
	if ref := o.Spec.CredentialsSecretRef; ref != nil && ref.Name != "" {
		key := types.NamespacedName{Namespace: o.Namespace, Name: ref.Name}
		s.byID[o.UID] = key
		s.refs[key]++
	}
}

func (s *secretRefs) drop(uid types.UID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropLocked(uid)
}

func (s *secretRefs) dropLocked(uid types.UID) {
	key, ok := s.byID[uid]
	if !ok {
		return
	}
	delete(s.byID, uid)
	if s.refs[key]--; s.refs[key] <= 0 {
		delete(s.refs, key)
	}
}

// only wraps a Secret's mapping to objects so that it runs only for the
// Secrets some object names; an object that names a Secret before the
// handler sees it is reconciled for its own creation anyway.
func (s *secretRefs) only(mapping handler.MapFunc) handler.MapFunc {
	return func(ctx context.Context, o client.Object) []reconcile.Request {
		if !s.named(client.ObjectKeyFromObject(o)) {
			return nil
		}
		return mapping(ctx, o)
	}
}

// handler keeps the set in step with the informer's cache.
func (s *secretRefs) handler() toolscache.ResourceEventHandler {
	return objectEvents(s.set, s.drop)
}

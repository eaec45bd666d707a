package operator

import (
	"context"
	"slices"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	toolscache "k8s.io/client-go/tools/cache"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// ownersIndex holds, per tenant, what each MyAccountConfig declares and
// owns there, converted once per change of the object by the informer's
// event handler. Reconciles read it instead of listing and deep-copying
// every object of the tenant from the cache: with 1,000 objects and 64
// workers, those copies were most of the operator's peak memory. Entries
// are never changed once stored, so readers share them without copying.
type ownersIndex struct {
	mu       sync.RWMutex
	byDomain map[string]map[types.UID]*ownerEntry
	synced   func() bool // the event handler has seen the initial list

	// derived holds, per tenant, what tenant and tenantClients return,
	// computed once per change of the tenant's objects rather than once
	// per reconcile: 1,000 reconciles each sorting 1,000 entries and
	// building a set of clients were a quarter of a round's allocations.
	derivedMu sync.Mutex
	derived   map[string]*tenantDerived
}

// tenantDerived is read-only once stored.
type tenantDerived struct {
	sorted  []*ownerEntry
	clients []string
}

// ownerEntry is one object as the sharing rules see it. Read-only.
type ownerEntry struct {
	uid      types.UID
	domain   string
	key      string // namespace/name, the tie-break of the precedence order
	created  metav1.Time
	owner    reconciler.Owner // Apps nil while the object is being deleted
	declared []string         // the clients its spec declares (nil while deleting)
	clients  []string         // every client it declares, reports or owns
}

func newOwnersIndex() *ownersIndex {
	return &ownersIndex{byDomain: map[string]map[types.UID]*ownerEntry{}, synced: func() bool { return true },
		derived: map[string]*tenantDerived{}}
}

// entryOf converts o; ok is false for an object with no valid domain,
// which shares nothing.
func entryOf(o *v1.MyAccountConfig) (*ownerEntry, bool) {
	domain, err := mgmt.NormalizeDomain(o.Spec.Domain)
	if err != nil {
		return nil, false
	}
	e := &ownerEntry{uid: o.UID, domain: domain, key: o.Namespace + "/" + o.Name, created: o.CreationTimestamp,
		owner: reconciler.Owner{Name: ownerName(o), State: ownedOf(o)}, clients: clientsOf(o)}
	if o.DeletionTimestamp.IsZero() {
		d := crd.Desired(&o.Spec)
		e.owner = reconciler.OwnerOf(e.owner.Name, &d, e.owner.State)
		for _, a := range o.Spec.Applications {
			e.declared = append(e.declared, a.ClientID)
		}
	}
	return e, true
}

func (x *ownersIndex) upsert(o *v1.MyAccountConfig) {
	e, ok := entryOf(o)
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.forgetDerived()
	x.removeLocked(o.UID)
	if !ok {
		return
	}
	m := x.byDomain[e.domain]
	if m == nil {
		m = map[types.UID]*ownerEntry{}
		x.byDomain[e.domain] = m
	}
	m[e.uid] = e
}

func (x *ownersIndex) remove(uid types.UID) {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.forgetDerived()
	x.removeLocked(uid)
}

// forgetDerived drops what was derived from the entries, with x.mu held
// for writing: a change may move an object between tenants.
func (x *ownersIndex) forgetDerived() {
	x.derivedMu.Lock()
	clear(x.derived)
	x.derivedMu.Unlock()
}

// derivedOf returns the tenant's sorted entries and clients, computing
// them when the tenant changed since they were last asked for.
func (x *ownersIndex) derivedOf(domain string) *tenantDerived {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.derivedMu.Lock()
	defer x.derivedMu.Unlock()
	if d, ok := x.derived[domain]; ok {
		return d
	}
	d := &tenantDerived{sorted: sortedEntries(x.byDomain[domain]), clients: clientsOfEntries(x.byDomain[domain])}
	x.derived[domain] = d
	return d
}

// removeLocked drops uid from whichever tenant holds it: an object's
// domain may have changed.
func (x *ownersIndex) removeLocked(uid types.UID) {
	for d, m := range x.byDomain {
		if _, ok := m[uid]; ok {
			delete(m, uid)
			if len(m) == 0 {
				delete(x.byDomain, d)
			}
			return
		}
	}
}

// tenant returns the tenant's entries in precedence order: the oldest
// first, then by namespace and name. The slice is the caller's.
func (x *ownersIndex) tenant(domain string) []*ownerEntry {
	return slices.Clone(x.derivedOf(domain).sorted)
}

func sortedEntries(m map[types.UID]*ownerEntry) []*ownerEntry {
	out := make([]*ownerEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *ownerEntry) int {
		if c := a.created.Compare(b.created.Time); c != 0 {
			return c
		}
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	return out
}

// entry is the indexed object uid of the tenant.
func (x *ownersIndex) entry(domain string, uid types.UID) (*ownerEntry, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	e, ok := x.byDomain[domain][uid]
	return e, ok
}

// tenantClients is every client the tenant's objects declare, report or
// own. Read-only: it is shared.
func (x *ownersIndex) tenantClients(domain string) []string {
	return x.derivedOf(domain).clients
}

func clientsOfEntries(m map[types.UID]*ownerEntry) []string {
	seen := map[string]bool{}
	var ids []string
	for _, e := range m {
		for _, id := range e.clients {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// waitSynced waits, bounded by ctx, until the index holds every object the
// cache held when it started.
func (x *ownersIndex) waitSynced(ctx context.Context) error {
	for !x.synced() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// handler keeps the index in step with the informer's cache.
func (x *ownersIndex) handler() toolscache.ResourceEventHandler {
	return objectEvents(x.upsert, x.remove)
}

// objectEvents is an informer handler that keeps an index of
// MyAccountConfigs in step with the cache: set on add and update, drop on
// delete.
func objectEvents(set func(*v1.MyAccountConfig), drop func(types.UID)) toolscache.ResourceEventHandler {
	return toolscache.ResourceEventHandlerFuncs{
		AddFunc: func(obj any) {
			if o, ok := obj.(*v1.MyAccountConfig); ok {
				set(o)
			}
		},
		UpdateFunc: func(_, obj any) {
			if o, ok := obj.(*v1.MyAccountConfig); ok {
				set(o)
			}
		},
		DeleteFunc: func(obj any) {
			if t, ok := obj.(toolscache.DeletedFinalStateUnknown); ok {
				obj = t.Obj
			}
			if o, ok := obj.(*v1.MyAccountConfig); ok {
				drop(o.UID)
			}
		},
	}
}

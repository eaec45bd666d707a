package operator

import (
	"context"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// clientRounds coalesces the requeues that one object's change on a client
// asks of the other objects on it: every change to a client within
// sharerDelay of the first is one more round of the client's objects, not
// one reconcile per sharer per change. With 10 objects on a client each
// recording what it owns after its write, requeueing the sharers at each
// change made a first convergence quadratic in the objects per client.
type clientRounds struct {
	owners *ownersIndex
	delay  time.Duration

	mu      sync.Mutex
	pending map[string]*clientRound // "domain/clientID"
}

// clientRound is one client's round waiting to start: who changed it.
type clientRound struct {
	domain, clientID string
	changedBy        map[types.UID]bool
}

// sharerDelay is how long a client's round waits for more changes on it.
const sharerDelay = 2 * time.Second

func newClientRounds(owners *ownersIndex) *clientRounds {
	return &clientRounds{owners: owners, delay: sharerDelay, pending: map[string]*clientRound{}}
}

// changed notes that o changed what it declares or owns on each of its
// clients, and schedules each client's round once.
func (c *clientRounds) changed(o *v1.MyAccountConfig, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	domain, err := mgmt.NormalizeDomain(o.Spec.Domain)
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range clientsOf(o) {
		key := domain + "/" + id
		if r, ok := c.pending[key]; ok {
			r.changedBy[o.UID] = true
			continue
		}
		r := &clientRound{domain: domain, clientID: id, changedBy: map[types.UID]bool{o.UID: true}}
		c.pending[key] = r
		time.AfterFunc(c.delay, func() { c.start(key, r, q) })
	}
}

// start enqueues the objects that declare the round's client. The one
// object that alone changed the client has seen its own change.
func (c *clientRounds) start(key string, r *clientRound, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	c.mu.Lock()
	delete(c.pending, key)
	c.mu.Unlock()
	for _, e := range c.owners.tenant(r.domain) {
		if len(r.changedBy) == 1 && r.changedBy[e.uid] {
			continue
		}
		for _, id := range e.declared {
			if id == r.clientID {
				ns, name, _ := strings.Cut(e.key, "/")
				q.Add(reconcile.Request{NamespacedName: types.NamespacedName{Namespace: ns, Name: name}})
				break
			}
		}
	}
}

// handler schedules rounds for the updates and deletions that
// ownershipChanged passes.
func (c *clientRounds) handler() handler.TypedEventHandler[client.Object, reconcile.Request] {
	return handler.Funcs{
		UpdateFunc: func(_ context.Context, e event.UpdateEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			for _, o := range []client.Object{e.ObjectOld, e.ObjectNew} {
				if obj, ok := o.(*v1.MyAccountConfig); ok {
					c.changed(obj, q)
				}
			}
		},
		DeleteFunc: func(_ context.Context, e event.DeleteEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			if obj, ok := e.Object.(*v1.MyAccountConfig); ok {
				c.changed(obj, q)
			}
		},
	}
}

package operator

import (
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// revertWatch keeps, per object, what its successful rounds applied, to
// tell when its writes keep being undone (reconciler.RevertHistory). It is
// in memory: after a restart a fight is seen again within Times rounds.
// Each object's history is bounded (RevertPolicy.Keep) and goes with the
// object.
type revertWatch struct {
	mu      sync.Mutex
	policy  reconciler.RevertPolicy
	objects map[types.UID]objectReverts
}

type objectReverts struct {
	generation int64
	history    reconciler.RevertHistory
}

// newRevertWatch watches with p, or reconciler.DefaultRevertPolicy when p
// is zero.
func newRevertWatch(p reconciler.RevertPolicy) *revertWatch {
	if p == (reconciler.RevertPolicy{}) {
		p = reconciler.DefaultRevertPolicy
	}
	return &revertWatch{policy: p, objects: map[types.UID]objectReverts{}}
}

// record adds a successful apply round of generation gen and returns the
// changes now reverted. A new generation starts a new history: a change
// the spec asked for again is the user's, not another writer's.
func (w *revertWatch) record(uid types.UID, gen int64, now time.Time, changes []reconciler.Change, by string) []reconciler.Revert {
	w.mu.Lock()
	defer w.mu.Unlock()
	o := w.objects[uid]
	if o.generation != gen {
		o = objectReverts{generation: gen}
	}
	o.history = o.history.Record(w.policy, now, changes, by)
	if o.history.Len() == 0 {
		delete(w.objects, uid)
	} else {
		w.objects[uid] = o
	}
	return o.history.Reverted(w.policy)
}

// forget drops a deleted object's history.
func (w *revertWatch) forget(uid types.UID) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.objects, uid)
}

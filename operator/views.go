package operator

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
	"time"

	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// tenantViews holds one view of each tenant (a reconciler.Session) per set
// of credentials, shared by the objects reconciled within one round: each
// client, the My Account API and the grant list are read once per round
// (the clients by whichever costs fewer requests, Session.Prefetch), not
// once per object. A round lasts while runs of the tenant keep starting
// (no gap of viewIdle), for at most half the resync interval of the object
// asking and never more than viewMaxAge: what others change in the tenant
// is seen by the next round. The operator's own writes update the view as
// they land (the Session stores what the tenant answered); a write through
// any other view of the process makes this one read that client again
// (the shared ClientLocks' generations); and a write starts from a read no
// older than viewWriteAge, so it never undoes a change made in the tenant
// since the view began. A run that fails in the tenant drops its view.
type tenantViews struct {
	locks *reconciler.ClientLocks
	now   func() time.Time

	mu    sync.Mutex
	views map[string]*tenantView // "domain\x00credentials"
}

type tenantView struct {
	session          *reconciler.Session
	started, lastRun time.Time
}

const (
	// viewIdle ends a round: the next run after such a pause reads afresh.
	viewIdle = 5 * time.Second
	// viewMaxAge bounds a round that never pauses.
	viewMaxAge = 5 * time.Minute
	// viewWriteAge bounds the age of the read a client write starts from.
	viewWriteAge = 2 * time.Second
	// viewCoalesce is the longest a client write waits for the runs under
	// way of other objects on the client to bring their writes to its
	// PATCH; with none under way it does not wait. Objects not running
	// join it as sharers (sharers.go).
	viewCoalesce = time.Second
)

func newTenantViews(locks *reconciler.ClientLocks) *tenantViews {
	return &tenantViews{locks: locks, now: time.Now, views: map[string]*tenantView{}}
}

// session returns the current view of m's tenant through m's credentials
// (identity), or starts one when the round is over or older than maxAge.
func (v *tenantViews) session(m *mgmt.Client, identity string, maxAge time.Duration) *reconciler.Session {
	key := m.Domain + "\x00" + identity
	now := v.now()
	v.mu.Lock()
	defer v.mu.Unlock()
	if cur, ok := v.views[key]; ok && now.Sub(cur.lastRun) < min(viewIdle, maxAge) && now.Sub(cur.started) < min(maxAge, viewMaxAge) {
		cur.lastRun = now
		return cur.session
	}
	s := reconciler.NewSession(m.Management, m.Domain, v.locks)
	s.WriteAge, s.Coalesce = viewWriteAge, viewCoalesce
	v.views[key] = &tenantView{session: s, started: now, lastRun: now}
	return s
}

// drop forgets s, if it is still its tenant's view.
func (v *tenantViews) drop(s *reconciler.Session) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for k, cur := range v.views {
		if cur.session == s {
			delete(v.views, k)
		}
	}
}

// view is the view a run of one object uses, with every client the
// tenant's objects declare or own read in it, by the cheaper way.
func (r *MyAccountConfigReconciler) view(ctx context.Context, m *mgmt.Client, maxAge time.Duration) (*reconciler.Session, error) {
	s := r.views.session(m, r.clients.identity(m), maxAge)
	if err := s.Prefetch(ctx, r.owners.tenantClients(m.Domain)); err != nil {
		r.views.drop(s)
		return nil, err
	}
	return s, nil
}

// tenantError reports whether err may come from the tenant, or from a view
// of it that no longer holds: not the refusal of a spec that conflicts or
// is invalid, which the tenant did not take part in.
func tenantError(err error) bool {
	var ve reconciler.ValidationErrors
	var ce *reconciler.OwnerConflictError
	return err != nil && !errors.As(err, &ve) && !errors.As(err, &ce)
}

// tenantJitter spreads the resyncs of different tenants by up to +10% of
// d, and keeps those of one tenant together: the objects of a tenant
// synced in one round resync in one round, which reads the tenant once.
func tenantJitter(domain string, d time.Duration) time.Duration {
	h := fnv.New32a()
	_, _ = h.Write([]byte(domain))
	return d + time.Duration(uint64(h.Sum32())%1000*uint64(d/10)/1000)
}

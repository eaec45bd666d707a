package reconciler_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const patchClientRoute = "PATCH /api/v2/clients/{id}"

// coalescingSession is a session whose client writes wait, at most a
// minute, until writers of them are all waiting in a batch: so every
// writer a test starts joins, whatever the scheduling.
func coalescingSession(t *testing.T, srv *auth0sim.Server, eng *reconciler.Engine, writers int) *reconciler.Session {
	t.Helper()
	s := reconciler.NewSession(eng.Management, srv.Domain(), nil)
	s.Settle = -1
	s.Coalesce = time.Minute
	s.InFlight = func() int { return writers }
	return s
}

// write is one Terraform-like resource writing one setting of a client.
type write struct {
	name  string
	app   reconciler.Application
	owned reconciler.AppState
}

type outcome struct {
	res      reconciler.ClientResult
	err      error
	recorded *reconciler.AppState // what its intent recorded
	patched  int                  // PATCHes the tenant had seen when it recorded
}

// writeAll runs the writes at once, each recording its intent, and returns
// their outcomes by name.
func writeAll(t *testing.T, srv *auth0sim.Server, s *reconciler.Session, writes []write) map[string]*outcome {
	t.Helper()
	out := map[string]*outcome{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, w := range writes {
		o := &outcome{}
		out[w.name] = o
		wg.Go(func() {
			intent := func(_ context.Context, st reconciler.AppState) error {
				mu.Lock()
				defer mu.Unlock()
				o.recorded, o.patched = &st, srv.Counts()[patchClientRoute]
				return nil
			}
			res, err := reconciler.ReconcileClient(context.Background(), s, w.app, w.owned, intent)
			mu.Lock()
			o.res, o.err = res, err
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

// spaWrites are a client's three settings, each written by its own resource.
func spaWrites() []write {
	return []write{
		{name: "allowed", app: reconciler.AllowedOrigins.Declare("spa", []string{"https://app.example.com"}, reconciler.OriginsMerge)},
		{name: "web", app: reconciler.WebOrigins.Declare("spa", []string{"https://app.example.com"}, reconciler.OriginsMerge)},
		{name: "cross", app: reconciler.Application{ClientID: "spa", CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true}}},
	}
}

// Three resources writing three settings of one client send one PATCH;
// each recorded its own ownership before it, and each gets its own result.
func TestCoalescedWritesShareOnePatch(t *testing.T) {
	srv, eng := newEngine(t)
	s := coalescingSession(t, srv, eng, 3)
	out := writeAll(t, srv, s, spaWrites())

	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Fatalf("%d PATCHes of the client; want 1", n)
	}
	c, _ := srv.GetClient("spa")
	if !slices.Contains(c.AllowedOrigins, "https://app.example.com") || !slices.Contains(c.AllowedOrigins, "https://foreign.example.com") ||
		!slices.Contains(c.WebOrigins, "https://app.example.com") || !c.CrossOriginAuthentication {
		t.Errorf("tenant holds allowed %v, web %v, cross-origin %t; want every write's part, the foreign origin kept", c.AllowedOrigins, c.WebOrigins, c.CrossOriginAuthentication)
	}
	for name, o := range out {
		if o.err != nil {
			t.Errorf("%s: %v", name, o.err)
		}
		if o.recorded == nil || o.patched != 0 {
			t.Errorf("%s: recorded %v with %d PATCHes already sent; want its intent recorded before the write", name, o.recorded, o.patched)
		}
		if len(o.res.Changes) == 0 {
			t.Errorf("%s: no changes reported", name)
		}
	}
	if got := out["allowed"].res.State.ManagedOrigins; !slices.Equal(got, []string{"https://app.example.com"}) {
		t.Errorf("allowed owns %v", got)
	}
	if got := out["web"].res.State.ManagedWebOrigins; !slices.Equal(got, []string{"https://app.example.com"}) {
		t.Errorf("web owns %v", got)
	}
	if p := out["cross"].res.State.PriorCrossOrigin; p == nil || p.Enabled == nil || *p.Enabled {
		t.Errorf("cross records prior %+v; want enabled=false to restore", p)
	}
	if out["allowed"].res.State.PriorCrossOrigin != nil || len(out["cross"].res.State.ManagedOrigins) != 0 {
		t.Error("a write's result owns another write's setting")
	}
}

// A PATCH that fails fails every write that joined it with the same
// error; each keeps the ownership it recorded, as the write may have
// landed, and the tenant is unchanged.
func TestCoalescedPatchFailureFailsEveryJoiner(t *testing.T) {
	srv, eng := newEngine(t)
	s := coalescingSession(t, srv, eng, 3)
	srv.InjectFault(auth0sim.Fault{Method: "PATCH", PathPrefix: "/api/v2/clients", Status: 400})
	out := writeAll(t, srv, s, spaWrites())

	var first error
	for name, o := range out {
		if o.err == nil {
			t.Fatalf("%s: no error", name)
		}
		if first == nil {
			first = o.err
		} else if o.err.Error() != first.Error() {
			t.Errorf("%s: %v; want the same error as the others: %v", name, o.err, first)
		}
		if o.recorded == nil {
			t.Errorf("%s: recorded nothing before the write", name)
		}
	}
	if got := out["allowed"].res.State.ManagedOrigins; !slices.Equal(got, []string{"https://app.example.com"}) {
		t.Errorf("after the failure allowed owns %v; want the origin in flight", got)
	}
	if c, _ := srv.GetClient("spa"); c.CrossOriginAuthentication || len(c.WebOrigins) != 0 {
		t.Errorf("tenant changed by a failed PATCH: %+v", c)
	}
}

// Two merge-mode writers of the same list share the PATCH too: the second
// is planned after the first, so the list it sends holds both origins, and
// each owns only its own.
func TestCoalescedSameSettingWritesChain(t *testing.T) {
	srv, eng := newEngine(t)
	s := coalescingSession(t, srv, eng, 3)
	writes := append(spaWrites()[:1],
		write{name: "allowed2", app: reconciler.AllowedOrigins.Declare("spa", []string{"https://two.example.com"}, reconciler.OriginsMerge)},
		spaWrites()[2])
	out := writeAll(t, srv, s, writes)
	for name, o := range out {
		if o.err != nil {
			t.Errorf("%s: %v", name, o.err)
		}
	}
	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Errorf("%d PATCHes; want 1 for the three writers", n)
	}
	c, _ := srv.GetClient("spa")
	for _, o := range []string{"https://app.example.com", "https://two.example.com", "https://foreign.example.com"} {
		if !slices.Contains(c.AllowedOrigins, o) {
			t.Errorf("allowed_origins %v lost %s", c.AllowedOrigins, o)
		}
	}
	if got := out["allowed2"].res.State.ManagedOrigins; !slices.Equal(got, []string{"https://two.example.com"}) {
		t.Errorf("allowed2 owns %v; want only its own origin", got)
	}
	if got := out["allowed"].res.State.ManagedOrigins; !slices.Equal(got, []string{"https://app.example.com"}) {
		t.Errorf("allowed owns %v; want only its own origin", got)
	}
}

// A writer whose intent cannot be recorded changes nothing, and those
// planned after it (their lists held its origin) write alone from a fresh
// read: its origin is never written unowned.
func TestCoalescedFailedIntentLeavesNoOrphan(t *testing.T) {
	srv, eng := newEngine(t)
	s := coalescingSession(t, srv, eng, 2)
	failing := reconciler.AllowedOrigins.Declare("spa", []string{"https://failing.example.com"}, reconciler.OriginsMerge)
	later := reconciler.AllowedOrigins.Declare("spa", []string{"https://later.example.com"}, reconciler.OriginsMerge)
	errs := make(chan error, 2)
	go func() {
		_, err := reconciler.ReconcileClient(context.Background(), s, failing, reconciler.AppState{}, func(context.Context, reconciler.AppState) error {
			return errors.New("the record could not be written")
		})
		errs <- err
	}()
	for s.Waiting() == 0 {
		time.Sleep(time.Millisecond)
	}
	go func() {
		_, err := reconciler.ReconcileClient(context.Background(), s, later, reconciler.AppState{}, nil)
		errs <- err
	}()
	var failed int
	for range 2 {
		if err := <-errs; err != nil {
			failed++
		}
	}
	c, _ := srv.GetClient("spa")
	if failed != 1 || slices.Contains(c.AllowedOrigins, "https://failing.example.com") || !slices.Contains(c.AllowedOrigins, "https://later.example.com") {
		t.Errorf("%d failed; tenant holds %v; want the failing writer's origin never sent and the later one's written", failed, c.AllowedOrigins)
	}
}

// A writer whose call ends (an interrupt) before its batch is written
// leaves it: it recorded nothing and its part is not sent.
func TestCoalescedWriterLeavesBeforeTheWrite(t *testing.T) {
	srv, eng := newEngine(t)
	s := coalescingSession(t, srv, eng, 2)
	var inFlight atomic.Int64
	inFlight.Store(3) // until the leaving writer is gone
	s.InFlight = func() int { return int(inFlight.Load()) }
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	intent := func(context.Context, reconciler.AppState) error {
		t.Error("the leaving writer recorded an intent")
		return nil
	}
	leader := make(chan error, 1)
	go func() {
		_, err := reconciler.ReconcileClient(context.Background(), s, spaWrites()[0].app, reconciler.AppState{}, nil)
		leader <- err
	}()
	for s.Waiting() == 0 {
		time.Sleep(time.Millisecond)
	}
	if _, err := reconciler.ReconcileClient(ctx, s, spaWrites()[1].app, reconciler.AppState{}, intent); !errors.Is(err, context.Canceled) {
		t.Errorf("leaving writer: %v; want context.Canceled", err)
	}
	inFlight.Store(2)
	if _, err := reconciler.ReconcileClient(context.Background(), s, spaWrites()[2].app, reconciler.AppState{}, nil); err != nil {
		t.Error(err)
	}
	if err := <-leader; err != nil {
		t.Error(err)
	}
	c, _ := srv.GetClient("spa")
	if len(c.WebOrigins) != 0 || !c.CrossOriginAuthentication || !slices.Contains(c.AllowedOrigins, "https://app.example.com") {
		t.Errorf("tenant %+v; want the leader's and the third writer's parts only", c)
	}
	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Errorf("%d PATCHes; want 1", n)
	}
}

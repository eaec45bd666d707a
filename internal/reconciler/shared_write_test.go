package reconciler_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// sharedClientConfig is a config that merges origin into client spa and
// leaves the API alone.
func sharedClientConfig(domain, origin string) reconciler.Desired {
	return reconciler.Desired{Domain: domain, API: reconciler.APISpec{Unmanaged: true},
		Applications: []reconciler.Application{reconciler.AllowedOrigins.Declare("spa", []string{origin}, reconciler.OriginsMerge)}}
}

// Three configs merge an origin each into one client. The run of the first
// carries the others' origins in its one PATCH, each recorded as its own
// before the PATCH and told the outcome; their own runs then find the
// client in sync and write nothing, owning their origins.
func TestSharersRideInOnePatch(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	origins := map[string]string{"a": "https://a.example.com", "b": "https://b.example.com", "c": "https://c.example.com"}
	states := map[string]reconciler.State{}
	var owners []reconciler.Owner
	for _, name := range []string{"a", "b", "c"} {
		d := sharedClientConfig(srv.Domain(), origins[name])
		owners = append(owners, reconciler.OwnerOf(name, &d, reconciler.State{}))
	}
	told := map[string]reconciler.ClientResult{}
	eng.Sharing = &reconciler.Sharing{Self: "a", Owners: owners}
	eng.Sharers = func(_ context.Context, clientID string, names []string) ([]reconciler.Sharer, int) {
		var out []reconciler.Sharer
		for _, name := range names {
			out = append(out, reconciler.Sharer{Name: name, App: sharedClientConfig("", origins[name]).Applications[0],
				Intent: func(_ context.Context, owned reconciler.AppState) error {
					if srv.Counts()[patchClientRoute] != 0 {
						t.Errorf("%s: intent recorded after the PATCH", name)
					}
					states[name] = reconciler.State{Apps: map[string]reconciler.AppState{clientID: owned}}
					return nil
				},
				Done: func(res reconciler.ClientResult, err error) {
					if err != nil {
						t.Errorf("%s: %v", name, err)
					}
					told[name] = res
				}})
		}
		return out, 0
	}
	if _, err := eng.Apply(ctx, sharedClientConfig(srv.Domain(), origins["a"]), reconciler.State{}); err != nil {
		t.Fatal(err)
	}
	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Fatalf("%d PATCHes for three configs on one client; want 1", n)
	}
	if n := srv.Counts()[readClientRoute]; n != 2 {
		t.Errorf("%d reads of the client; want 2: the plan's, and one check that the list held", n)
	}
	c, _ := srv.GetClient("spa")
	for _, o := range append(slices.Collect(maps.Values(origins)), "https://foreign.example.com") {
		if !slices.Contains(c.AllowedOrigins, o) {
			t.Errorf("allowed_origins %v lacks %s", c.AllowedOrigins, o)
		}
	}
	eng.Sharers = nil
	for _, name := range []string{"b", "c"} {
		if told[name].Wrote.Empty() || len(told[name].Changes) != 1 {
			t.Errorf("%s was told %+v; want its one change written", name, told[name])
		}
		eng.Sharing.Self = name
		res, err := eng.Apply(ctx, sharedClientConfig(srv.Domain(), origins[name]), states[name])
		if err != nil {
			t.Fatal(err)
		}
		if !res.InSync() || !slices.Equal(res.State.Apps["spa"].ManagedOrigins, []string{origins[name]}) {
			t.Errorf("%s's own run: changes %v, owns %v; want in sync, owning its origin", name, res.Changes, res.State.Apps["spa"].ManagedOrigins)
		}
	}
	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Errorf("%d PATCHes after every config ran; want still 1", n)
	}
}

// Two runs under way on one client, each bringing a sharer, meet in one
// coalesced batch: one PATCH carries all four origins, and every sharer
// is told before its run's own result returns.
func TestSharersOfCoalescedRunsShareOnePatch(t *testing.T) {
	ctx := context.Background()
	srv, eng := newEngine(t)
	eng.Session = coalescingSession(t, srv, eng, 2)
	names := []string{"a", "b", "c", "d"}
	var owners []reconciler.Owner
	for _, name := range names {
		d := sharedClientConfig(srv.Domain(), "https://"+name+".example.com")
		owners = append(owners, reconciler.OwnerOf(name, &d, reconciler.State{}))
	}
	run := func(self, brings string) error {
		e := *eng
		e.Sharing = &reconciler.Sharing{Self: self, Owners: owners}
		told := false
		e.Sharers = func(context.Context, string, []string) ([]reconciler.Sharer, int) {
			return []reconciler.Sharer{{Name: brings, App: sharedClientConfig("", "https://"+brings+".example.com").Applications[0],
				Done: func(res reconciler.ClientResult, err error) { told = err == nil && !res.Wrote.Empty() }}}, 1 // the other run
		}
		_, err := e.Apply(ctx, sharedClientConfig(srv.Domain(), "https://"+self+".example.com"), reconciler.State{})
		if err == nil && !told {
			t.Errorf("%s returned before %s was told it was written", self, brings)
		}
		return err
	}
	errs := make(chan error, 2)
	go func() { errs <- run("a", "c") }()
	go func() { errs <- run("b", "d") }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Counts()[patchClientRoute]; n != 1 {
		t.Errorf("%d PATCHes; want 1 for two runs and their two sharers", n)
	}
	c, _ := srv.GetClient("spa")
	for _, name := range names {
		if !slices.Contains(c.AllowedOrigins, "https://"+name+".example.com") {
			t.Errorf("allowed_origins %v lacks %s's origin", c.AllowedOrigins, name)
		}
	}
}

package reconciler

import (
	"context"
	"errors"
	"testing"
)

// TestLoadFailureKeepsANewerRead: a read dropped while in flight (storeGrant,
// forgetGrants) and replaced by a newer one must not, when it then fails,
// delete the newer read from the cache.
func TestLoadFailureKeepsANewerRead(t *testing.T) {
	s := &Session{}
	cache := map[string]*read[int]{}
	started, fail := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, _, err := load(context.Background(), s, cache, "k", 0, func(context.Context) (int, error) {
			close(started)
			<-fail
			return 0, errors.New("lost")
		})
		done <- err
	}()
	<-started
	s.mu.Lock()
	delete(cache, "k") // dropped while in flight
	s.mu.Unlock()
	if v, _, err := load(context.Background(), s, cache, "k", 0, func(context.Context) (int, error) { return 7, nil }); err != nil || v != 7 {
		t.Fatalf("newer read: %d, %v", v, err)
	}
	close(fail)
	if err := <-done; err == nil {
		t.Fatal("the first read did not fail")
	}
	if r, ok := cache["k"]; !ok || r.val != 7 {
		t.Fatalf("the failed older read removed the newer one from the cache: %+v, %v", r, ok)
	}
}

package mgmt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// resetAfter returns a Unix-second boundary at least min from now.
func resetAfter(min time.Duration) time.Time {
	return time.Now().Add(min).Truncate(time.Second).Add(time.Second)
}

// virtualWait takes n requests from l on a virtual clock that starts at start
// and jumps by each wait the limiter asks for, and returns the total wait.
// Pacing is asserted without sleeping, so a loaded machine cannot make the
// assertion flaky.
func virtualWait(l *Limiter, start time.Time, n int) time.Duration {
	now := start
	for range n {
		for range 10000 {
			d := l.reserve(now)
			if d <= 0 {
				break
			}
			now = now.Add(d)
		}
	}
	return now.Sub(start)
}

func TestLimiterRegistry(t *testing.T) {
	a := LimiterFor("Tenant.Example.COM")
	if b := LimiterFor("https://tenant.example.com/"); a != b {
		t.Fatal("same domain must share one limiter")
	}
	if LimiterFor("other.example.com") == a {
		t.Fatal("different domains must not share a limiter")
	}
	if NewLimiter() == a {
		t.Fatal("NewLimiter must be isolated")
	}
}

func TestLimiterUnknownStateDoesNotWait(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	if d := virtualWait(l, time.Now(), 100); d != 0 {
		t.Fatalf("100 requests without header information waited %s", d)
	}
	// A window that has already reset is ignored.
	l.Observe(headers(10, 0, time.Now().Add(-2*time.Second)), 200)
	if d := virtualWait(l, time.Now(), 1); d != 0 {
		t.Fatalf("stale window blocked: %s", d)
	}
}

func TestLimiterWaitsForResetWhenExhaustedWithoutLimit(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(300 * time.Millisecond)
	h := headers(10, 0, reset)
	h.Del(HeaderRateLimitLimit) // no bucket size: no refill estimate
	l.Observe(h, 200)
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if now := time.Now(); now.Before(reset) {
		t.Fatalf("Wait returned %s before the reset", reset.Sub(now))
	}
	if s := l.Stats(); s.Requests != 1 || s.RateLimited != 0 {
		t.Fatalf("stats %+v", s)
	}
}

func TestLimiterWaitsForNextTokenWhenExhausted(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(500 * time.Millisecond)
	l.Observe(headers(10, 0, reset), 200) // refill ~ 10 tokens over (reset-now)
	perToken := time.Until(reset) / 10
	if d := virtualWait(l, time.Now(), 1); d < perToken*8/10 || d > perToken*3 {
		t.Fatalf("waited %s for one token at ~%s per token", d, perToken)
	}
}

func TestLimiterBurstsWhileBucketIsFull(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.Observe(headers(100, 80, resetAfter(time.Second)), 200)
	if d := virtualWait(l, time.Now(), 25); d != 0 {
		t.Fatalf("25 requests with 80 of 100 left took %s", d)
	}
}

func TestLimiterSpacesAtRefillRate(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(time.Second)
	l.Observe(headers(100, 20, reset), 200)
	rate := 80 / time.Until(reset).Seconds() // tokens per second
	d := virtualWait(l, time.Now(), 10)
	want := time.Duration(9 / rate * float64(time.Second))
	if d < want*8/10 || d > want*2 {
		t.Fatalf("10 requests below half the bucket took %s, want about %s (%.0f/s)", d, want, rate)
	}
}

func TestLimiterCountsRequestsInFlight(t *testing.T) {
	l := NewLimiter()
	reset := resetAfter(time.Second)
	l.Observe(headers(100, 90, reset), 200)
	for i := 0; i < 3; i++ {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// The first of the three is answered: the server's figure does not yet
	// include the two still in flight.
	l.Observe(headers(100, 89, reset), 200)
	l.mu.Lock()
	got, inflight := l.remaining, l.inflight
	l.mu.Unlock()
	if got != 87 || inflight != 2 {
		t.Fatalf("remaining %.2f with %d in flight, want 87 with 2", got, inflight)
	}
}

func TestLimiter429BlocksAllCallers(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(300 * time.Millisecond)
	h := headers(10, 0, reset)
	l.Observe(h, http.StatusTooManyRequests)

	var wg sync.WaitGroup
	early := make(chan time.Duration, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Wait(context.Background()); err != nil {
				t.Error(err)
			}
			if now := time.Now(); now.Before(reset) {
				early <- reset.Sub(now)
			}
		}()
	}
	wg.Wait()
	close(early)
	for d := range early {
		t.Errorf("a caller went %s before the reset", d)
	}
	if s := l.Stats(); s.RateLimited != 1 || s.Requests != 1 {
		t.Fatalf("stats %+v", s)
	}
}

func TestLimiter429BlockIsBounded(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.SetMaxBlock(150 * time.Millisecond)
	l.Observe(headers(10, 0, time.Now().Add(time.Hour)), http.StatusTooManyRequests)
	if d := virtualWait(l, time.Now(), 1); d < 100*time.Millisecond || d > 150*time.Millisecond {
		t.Fatalf("a 429 with a reset an hour away blocked for %s, want the 150ms max block", d)
	}
}

func TestLimiterWaitHonoursContext(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.Observe(headers(10, 0, time.Now().Add(time.Hour)), http.StatusTooManyRequests)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v, want the context's error", err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("Wait ignored the context")
	}
}

func TestLimiter429WithoutResetDoesNotBlock(t *testing.T) {
	l := NewLimiter()
	l.Observe(http.Header{}, http.StatusTooManyRequests)
	l.Observe(nil, 0) // network error
	if d := virtualWait(l, time.Now(), 1); d != 0 {
		t.Fatalf("blocked %s without a reset header", d)
	}
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := l.Stats(); s.Requests != 2 || s.RateLimited != 1 {
		t.Fatalf("stats %+v", s)
	}
}

func TestLimiterStaticRate(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.SetRate(20, 1)
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < 5; i++ {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 180*time.Millisecond {
		t.Fatalf("5 requests at 20/s took %s, want >= 200ms", d)
	}
	l.SetRate(0, 0)
	start = time.Now()
	for i := 0; i < 50; i++ {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 2*time.Second { // 50 at 20/s would take 2.5s
		t.Fatalf("uncapped waits took %s", d)
	}
}

func TestParseReset(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	if got, ok := parseReset("1700000005", now); !ok || !got.Equal(now.Add(5*time.Second)) {
		t.Fatalf("unix seconds: %v %v", got, ok)
	}
	if got, ok := parseReset("3", now); !ok || !got.Equal(now.Add(3*time.Second)) {
		t.Fatalf("delta seconds: %v %v", got, ok)
	}
	for _, bad := range []string{"", "soon", "-1"} {
		if _, ok := parseReset(bad, now); ok {
			t.Fatalf("parseReset(%q) accepted", bad)
		}
	}
}

// fakeBucket is a token bucket that answers like Auth0 (and auth0sim):
// remaining rounded down, reset (when full again) rounded up to a second.
type fakeBucket struct {
	mu      sync.Mutex
	rate    float64
	burst   int
	tokens  float64
	last    time.Time
	refused int
}

func newFakeBucket(rate float64, burst int) *fakeBucket {
	return &fakeBucket{rate: rate, burst: burst, tokens: float64(burst), last: time.Now()}
}

func (b *fakeBucket) take() (http.Header, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = min(float64(b.burst), b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	ceil := func(t time.Time) time.Time { return t.Truncate(time.Second).Add(time.Second) }
	if b.tokens < 1 {
		b.refused++
		return headers(b.burst, 0, ceil(now.Add(time.Duration((1-b.tokens)/b.rate*float64(time.Second))))), http.StatusTooManyRequests
	}
	b.tokens--
	full := now.Add(time.Duration((float64(b.burst) - b.tokens) / b.rate * float64(time.Second)))
	return headers(b.burst, int(b.tokens), ceil(full)), http.StatusOK
}

// The refill estimate is a lower bound of the true rate whatever the bucket
// size, so that sequential callers are never refused.
func TestLimiterRefillEstimateIsALowerBound(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rate  float64
		burst int
	}{{20, 3}, {40, 1}, {30, 30}} {
		t.Run(fmt.Sprintf("R%g_B%d", tc.rate, tc.burst), func(t *testing.T) {
			t.Parallel()
			l := NewLimiter()
			b := newFakeBucket(tc.rate, tc.burst)
			start := time.Now()
			for time.Since(start) < 1500*time.Millisecond {
				if err := l.Wait(context.Background()); err != nil {
					t.Fatal(err)
				}
				l.Observe(b.take())
				l.mu.Lock()
				refill := l.refill
				l.mu.Unlock()
				if refill > tc.rate*1.01 {
					t.Fatalf("refill estimate %.2f/s above the true %g/s", refill, tc.rate)
				}
			}
			l.mu.Lock()
			refill := l.refill
			l.mu.Unlock()
			st := l.Stats()
			t.Logf("%d requests in %s, refill estimate %.2f/s", st.Requests, time.Since(start).Round(time.Millisecond), refill)
			if b.refused != 0 || st.RateLimited != 0 {
				t.Fatalf("%d requests refused", b.refused)
			}
			if refill <= 0 {
				t.Fatal("no refill estimate")
			}
		})
	}
}

// Concurrent callers of one limiter, answered in any order, are refused
// rarely: only the first requests, sent before anything is known, may be.
func TestLimiterConcurrentCallersAgainstBucket(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	b := newFakeBucket(40, 3)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
					return
				}
				time.Sleep(time.Millisecond) // the request on the wire
				l.Observe(b.take())
			}
		}()
	}
	wg.Wait()
	if st := l.Stats(); st.RateLimited > 3 {
		t.Fatalf("%d of %d requests refused", st.RateLimited, st.Requests)
	}
}

// After a 429 the bucket holds one token at the reset, not a full bucket.
func TestLimiterAfter429OnlyOneTokenAtReset(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.mu.Lock()
	l.refill, l.refillCur, l.refillAt = 5, 5, time.Now() // 200ms a token
	l.mu.Unlock()
	reset := resetAfter(200 * time.Millisecond)
	l.Observe(headers(10, 0, reset), http.StatusTooManyRequests)
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if time.Now().Before(reset) {
		t.Fatal("went before the reset")
	}
	start := time.Now()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("second request %s after the first: the mirror assumed a full bucket after a 429", d)
	}
}

// A single-token bucket is never spent below a whole token.
func TestLimiterOneTokenBucketWaitsForAWholeToken(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	l.mu.Lock()
	l.refill, l.refillCur, l.refillAt = 4, 4, time.Now() // 250ms a token
	l.mu.Unlock()
	l.Observe(headers(1, 0, resetAfter(time.Second)), http.StatusOK)
	start := time.Now()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Fatalf("waited %s for a token that takes 250ms", d)
	}
}

// A network error ends the request in flight.
func TestLimiterNetworkErrorEndsInFlight(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	l.Observe(nil, 0)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight != 0 || len(l.sent) != 0 {
		t.Fatalf("%d in flight (%d grant times) after the only request failed", l.inflight, len(l.sent))
	}
}

func TestLimiterBacklogCountsWaitingCallers(t *testing.T) {
	l := NewLimiter()
	if b := l.Backlog(); b != 0 {
		t.Fatalf("idle backlog = %v, want 0", b)
	}
	l.Observe(headers(10, 0, time.Now().Add(2*time.Second)), http.StatusTooManyRequests)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	for range 3 {
		go func() { _ = l.Wait(ctx); done <- struct{}{} }()
	}
	deadline := time.Now().Add(time.Second)
	for l.Backlog() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if l.Backlog() == 0 {
		t.Fatal("backlog stayed 0 with callers blocked by a 429")
	}
	cancel()
	for range 3 {
		<-done
	}
	if b := l.Backlog(); b != 0 {
		t.Fatalf("backlog after the callers left = %v, want 0", b)
	}
}

// A 429 may carry Retry-After, x-ratelimit-reset or both: the limiter and the
// retry take whichever they get, and the later of the two.
func TestLimiter429TakesRetryAfterOrReset(t *testing.T) {
	t.Parallel()
	now := time.Now()
	// x-ratelimit-reset is rounded up to a whole second, which adds up to 1s:
	// each reset below stays within want±1s whatever the sub-second clock.
	for _, tc := range []struct {
		name       string
		retryAfter string
		reset      time.Time
		want       time.Duration
	}{
		{"Retry-After only", "1", time.Time{}, time.Second},
		{"reset only", "", now.Add(800 * time.Millisecond), time.Second},
		{"both, Retry-After later", "2", now.Add(500 * time.Millisecond), 2 * time.Second},
		{"both, reset later", "1", now.Add(1500 * time.Millisecond), 2 * time.Second},
	} {
		h := http.Header{}
		if tc.retryAfter != "" {
			h.Set("Retry-After", tc.retryAfter)
		}
		if !tc.reset.IsZero() {
			h.Set(HeaderRateLimitReset, strconv.FormatInt(ceilUnixForTest(tc.reset), 10))
		}
		at, ok := retryAt(h, now)
		if !ok || at.Sub(now) < tc.want-time.Second || at.Sub(now) > tc.want+time.Second {
			t.Errorf("%s: retryAt = %v (%v), want about %v", tc.name, at.Sub(now), ok, tc.want)
		}
	}
	// The limiter blocks every caller on a 429 that carries only Retry-After.
	l := NewLimiter()
	h := http.Header{}
	h.Set("Retry-After", "1")
	l.Observe(h, http.StatusTooManyRequests)
	start := time.Now()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("a 429 with Retry-After: 1 blocked the next caller for only %s", d)
	}
}

func ceilUnixForTest(t time.Time) int64 {
	if t.Nanosecond() > 0 {
		return t.Unix() + 1
	}
	return t.Unix()
}

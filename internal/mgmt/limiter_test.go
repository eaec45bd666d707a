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

func headers(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set(HeaderRateLimitLimit, strconv.Itoa(limit))
	h.Set(HeaderRateLimitRemaining, strconv.Itoa(remaining))
	h.Set(HeaderRateLimitReset, fmt.Sprint(reset.Unix()))
	return h
}

// nextSecond returns a Unix-second boundary at least min from now.
func resetAfter(min time.Duration) time.Time {
	return time.Now().Add(min).Truncate(time.Second).Add(time.Second)
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
	start := time.Now()
	for i := 0; i < 100; i++ {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("100 waits without header information took %s", d)
	}
	// A window that has already reset is ignored.
	l.Observe(headers(10, 0, time.Now().Add(-2*time.Second)), 200)
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Fatalf("stale window blocked: %s", d)
	}
}

func TestLimiterWaitsForResetWhenExhausted(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(300 * time.Millisecond)
	l.Observe(headers(10, 0, reset), 200)
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

func TestLimiterBurstsThenSpreads(t *testing.T) {
	t.Parallel()
	l := NewLimiter()
	reset := resetAfter(time.Second)
	l.Observe(headers(10, 7, reset), 200)
	ctx := context.Background()
	start := time.Now()
	// remaining 7,6,5 >= limit/2: full speed.
	for i := 0; i < 3; i++ {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Fatalf("burst while remaining is high took %s", d)
	}
	// remaining 4: spread the last 4 until reset; the 4 waits span ~3/4 of
	// the window and the next one waits for the reset.
	window := time.Until(reset)
	for i := 0; i < 4; i++ {
		if err := l.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	spread := time.Since(start)
	if spread < window/2 {
		t.Fatalf("4 paced requests took %s of a %s window: not spread", spread, window)
	}
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if time.Now().Before(reset) {
		t.Fatal("request beyond the budget went out before the reset")
	}
}

func TestLimiterKeepsLowestRemainingInWindow(t *testing.T) {
	l := NewLimiter()
	reset := resetAfter(time.Second)
	l.Observe(headers(10, 1, reset), 200)
	l.Observe(headers(10, 8, reset), 200) // older response arriving late
	l.mu.Lock()
	got := l.remaining
	l.mu.Unlock()
	if got != 1 {
		t.Fatalf("remaining = %d, want 1", got)
	}
	l.Observe(headers(10, 8, reset.Add(time.Second)), 200) // next window
	l.mu.Lock()
	got = l.remaining
	l.mu.Unlock()
	if got != 8 {
		t.Fatalf("remaining in new window = %d, want 8", got)
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
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 100*time.Millisecond || d > 500*time.Millisecond {
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
	start := time.Now()
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 50*time.Millisecond {
		t.Fatal("blocked without a reset header")
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
	if d := time.Since(start); d > 50*time.Millisecond {
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

package mgmt

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Rate-limit response headers sent by the Management API.
const (
	HeaderRateLimitLimit     = "X-Ratelimit-Limit"
	HeaderRateLimitRemaining = "X-Ratelimit-Remaining"
	HeaderRateLimitReset     = "X-Ratelimit-Reset"
)

// Limiter paces the Management API requests of one tenant. There is one per
// tenant domain in the process (LimiterFor), shared by every client and
// goroutine, so that concurrent reconcilers respect the tenant-wide limit
// together.
//
// Pacing is driven by the x-ratelimit-* response headers:
//   - while x-ratelimit-remaining is at least half of x-ratelimit-limit,
//     requests go out at full speed;
//   - below that, the remaining budget is spread evenly until
//     x-ratelimit-reset;
//   - at zero remaining, callers wait for the reset;
//   - a 429 blocks every caller until the reset.
//
// No window makes callers wait longer than the max block
// (DefaultRetryPolicy.Max429Wait unless changed with SetMaxBlock), whatever
// the reset header says.
//
// Information about a window is forgotten once its reset time has passed.
// An optional static cap (SetRate) applies on top.
type Limiter struct {
	mu           sync.Mutex
	known        bool      // header state describes the current window
	limit        int       // x-ratelimit-limit (0 = unknown)
	remaining    int       // local estimate of the remaining budget
	reset        time.Time // x-ratelimit-reset of the current window
	nextAt       time.Time // earliest next request while spreading
	blockedUntil time.Time // set by a 429
	maxBlock     time.Duration
	static       *rate.Limiter

	requests, rateLimited, retries atomic.Int64
}

// Stats counts what a Limiter has seen.
type Stats struct {
	Requests    int64 // HTTP attempts (including retries and network failures)
	RateLimited int64 // 429 responses
	Retries     int64 // attempts that were retries
}

// NewLimiter returns a limiter that is not in the process-wide registry; use
// it in tests, or via Config.Limiter.
func NewLimiter() *Limiter {
	return &Limiter{maxBlock: DefaultRetryPolicy.Max429Wait, static: rate.NewLimiter(rate.Inf, 1)}
}

var registry = struct {
	sync.Mutex
	m map[string]*Limiter
}{m: map[string]*Limiter{}}

// LimiterFor returns the process-wide limiter for a tenant domain. The key is
// the normalized, lower-cased domain, so "Tenant.auth0.com" and
// "https://tenant.auth0.com/" share one limiter.
func LimiterFor(domain string) *Limiter {
	key, err := NormalizeDomain(domain)
	if err != nil {
		key = strings.ToLower(strings.TrimSpace(domain))
	}
	registry.Lock()
	defer registry.Unlock()
	l, ok := registry.m[key]
	if !ok {
		l = NewLimiter()
		registry.m[key] = l
	}
	return l
}

// SetRate sets a static cap of rps requests per second with the given burst,
// in addition to header-driven pacing. rps <= 0 removes the cap.
func (l *Limiter) SetRate(rps float64, burst int) {
	if rps <= 0 {
		l.static.SetLimit(rate.Inf)
		return
	}
	if burst < 1 {
		burst = 1
	}
	l.static.SetBurst(burst)
	l.static.SetLimit(rate.Limit(rps))
}

// SetMaxBlock bounds how long one 429 blocks all callers (default 30s).
func (l *Limiter) SetMaxBlock(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d > 0 {
		l.maxBlock = d
	}
}

// Stats returns counters since the limiter was created.
func (l *Limiter) Stats() Stats {
	return Stats{Requests: l.requests.Load(), RateLimited: l.rateLimited.Load(), Retries: l.retries.Load()}
}

func (l *Limiter) noteRetry() {
	if l != nil {
		l.retries.Add(1)
	}
}

// Wait blocks until the caller may send one request, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := l.reserve(time.Now())
		if d <= 0 {
			return l.static.Wait(ctx)
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
}

// reserve takes one request from the header budget and returns 0, or returns
// how long to wait before trying again.
func (l *Limiter) reserve(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Before(l.blockedUntil) {
		return l.blockedUntil.Sub(now)
	}
	if l.known && !now.Before(l.reset) {
		l.known, l.nextAt = false, time.Time{}
	}
	if !l.known {
		return 0
	}
	if l.remaining <= 0 {
		return l.reset.Sub(now)
	}
	if l.remaining < l.paceThreshold() {
		if now.Before(l.nextAt) {
			return l.nextAt.Sub(now)
		}
		l.nextAt = now.Add(l.reset.Sub(now) / time.Duration(l.remaining))
	}
	l.remaining--
	return 0
}

// paceThreshold is the remaining budget below which requests are spread.
func (l *Limiter) paceThreshold() int {
	if l.limit <= 0 {
		return int(^uint(0) >> 1) // unknown limit: always spread
	}
	return (l.limit + 1) / 2
}

// Observe updates the pacing from a response's headers. status is the HTTP
// status, or 0 for a network error (h may then be nil). On a 429 every
// caller is blocked until x-ratelimit-reset (bounded by the max block); a 429
// without a usable reset header does not block others, and the retrying
// request backs off on its own.
func (l *Limiter) Observe(h http.Header, status int) {
	l.requests.Add(1)
	if status == http.StatusTooManyRequests {
		l.rateLimited.Add(1)
	}
	if h == nil {
		return
	}
	now := time.Now()
	limit, okLimit := parseNonNegative(h.Get(HeaderRateLimitLimit))
	remaining, okRemaining := parseNonNegative(h.Get(HeaderRateLimitRemaining))
	reset, okReset := parseReset(h.Get(HeaderRateLimitReset), now)

	l.mu.Lock()
	defer l.mu.Unlock()
	if okReset {
		// Never wait longer than the max block for one window, whatever the
		// header says (clock skew, long-period quotas).
		if limit := now.Add(l.maxBlock); reset.After(limit) {
			reset = limit
		}
	}
	if okReset && reset.After(now) {
		if okRemaining {
			if !l.known || !reset.Equal(l.reset) {
				// A new window: the server's figure replaces our estimate.
				l.remaining, l.reset, l.nextAt = remaining, reset, time.Time{}
			} else if remaining < l.remaining {
				// Same window: responses arrive out of order, keep the lowest.
				l.remaining = remaining
			}
			l.known = true
		}
		if okLimit {
			l.limit = limit
		}
	}
	if status == http.StatusTooManyRequests && okReset && reset.After(now) {
		if reset.After(l.blockedUntil) {
			l.blockedUntil = reset
		}
		if l.known && reset.Equal(l.reset) {
			l.remaining = 0
		}
	}
}

func parseNonNegative(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// parseReset parses x-ratelimit-reset. Auth0 sends Unix seconds; small values
// (below year 2001 as a timestamp) are taken as seconds from now, which some
// proxies and emulators send.
func parseReset(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f < 0 {
			return time.Time{}, false
		}
		v = int64(f)
	}
	if v < 0 {
		return time.Time{}, false
	}
	if v < 1_000_000_000 {
		return now.Add(time.Duration(v) * time.Second), true
	}
	return time.Unix(v, 0), true
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

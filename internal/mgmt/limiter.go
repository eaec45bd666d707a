package mgmt

import (
	"context"
	"math"
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
// Auth0 enforces its limits with a token bucket: x-ratelimit-limit is the
// bucket size, x-ratelimit-remaining the tokens left and x-ratelimit-reset
// (Unix seconds) the time at which the bucket is full again. The limiter
// mirrors that bucket from the latest response:
//   - the refill rate is estimated as (limit-remaining)/(reset-now); as the
//     header is rounded up to a whole second this is a lower bound, so the
//     best estimate of the last 10 seconds is kept;
//   - while at least half the bucket is available, requests go out at full
//     speed;
//   - below half, requests are spaced at the refill rate, so the bucket
//     stops draining (or, when faster, the remaining budget is spread evenly
//     until the reset);
//   - with no token left, callers wait for the next token (or, without a
//     rate estimate, for the reset);
//   - a 429 blocks every caller until x-ratelimit-reset.
//
// No header makes callers wait longer than the max block
// (DefaultRetryPolicy.Max429Wait unless changed with SetMaxBlock), and what a
// window said is forgotten once its reset time has passed. An optional static
// cap (SetRate) applies on top.
type Limiter struct {
	mu           sync.Mutex
	known        bool      // header state describes the current window
	limit        int       // x-ratelimit-limit (0 = unknown)
	remaining    float64   // tokens at observedAt, minus local grants since
	observedAt   time.Time // when remaining was last read from a response
	refill       float64   // estimated tokens per second (0 = unknown)
	refillAt     time.Time // when refill was estimated
	reset        time.Time // x-ratelimit-reset of the current window
	nextAt       time.Time // earliest next request while spacing
	blockedUntil time.Time // set by a 429
	inflight     int       // grants whose response has not been observed yet
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
	if err := l.static.Wait(ctx); err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := l.reserve(time.Now())
		if d <= 0 {
			return nil
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
		l.inflight++
		return 0
	}
	untilReset := l.reset.Sub(now) // the bucket is full by then: never wait longer
	avail := l.available(now)
	switch {
	case avail >= l.burstLevel():
		// Plenty left: full speed.
	case avail < 1:
		if l.refill > 0 {
			return min(time.Duration((1-avail)/l.refill*float64(time.Second)), untilReset)
		}
		return untilReset
	default:
		if now.Before(l.nextAt) {
			return min(l.nextAt.Sub(now), untilReset)
		}
		// Spread what is left until the reset, or space at the refill rate
		// when that is faster.
		interval := time.Duration(float64(untilReset) / avail)
		if l.refill > 0 {
			interval = min(interval, time.Duration(float64(time.Second)/l.refill))
		}
		l.nextAt = now.Add(interval)
	}
	l.remaining--
	l.inflight++
	return 0
}

// available is the mirrored bucket's content at now.
func (l *Limiter) available(now time.Time) float64 {
	avail := l.remaining + l.refill*now.Sub(l.observedAt).Seconds()
	if l.limit > 0 && avail > float64(l.limit) {
		avail = float64(l.limit)
	}
	return avail
}

// burstLevel is the available budget at or above which requests are not
// spaced: half the bucket, or never when the bucket size is unknown.
func (l *Limiter) burstLevel() float64 {
	if l.limit <= 0 {
		return math.Inf(1)
	}
	return float64(l.limit) / 2
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
	if l.inflight > 0 {
		l.inflight--
	}
	if okReset {
		// Never wait longer than the max block for one window, whatever the
		// header says (clock skew, long-period quotas).
		if limit := now.Add(l.maxBlock); reset.After(limit) {
			reset = limit
		}
	}
	if okReset && reset.After(now) {
		if okLimit {
			l.limit = limit
		}
		if okRemaining {
			// Requests already granted but not yet answered may not be
			// counted in the server's figure yet: assume they will be.
			l.remaining, l.observedAt, l.reset, l.known = float64(remaining-l.inflight), now, reset, true
			// A 429's reset is when a token is next available, not when
			// the bucket is full: it says nothing about the refill rate.
			if okLimit && limit > remaining && status != http.StatusTooManyRequests {
				// The header is a whole second rounded up, so this is a lower
				// bound of the rate; keep the best bound of the last few
				// seconds.
				est := float64(limit-remaining) / reset.Sub(now).Seconds()
				if est >= l.refill || now.Sub(l.refillAt) > refillMemory {
					l.refill, l.refillAt = est, now
				}
			}
		}
	}
	if status == http.StatusTooManyRequests && okReset && reset.After(now) {
		if reset.After(l.blockedUntil) {
			l.blockedUntil = reset
		}
		if l.known && reset.Equal(l.reset) {
			l.remaining, l.observedAt = 0, now
		}
	}
}

// refillMemory is how long the best refill-rate estimate is kept.
const refillMemory = 10 * time.Second

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

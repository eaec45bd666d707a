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
// bucket size, x-ratelimit-remaining the whole tokens left and
// x-ratelimit-reset (Unix seconds, rounded up) the time at which the bucket
// is full again. The limiter mirrors that bucket from the latest response,
// refilled at an estimate of the refill rate that is a lower bound of the
// true rate (so that the mirror never holds more than the real bucket):
//   - from one response: the bucket lacks at least max(limit-remaining-1, 1)
//     tokens after a request (remaining is rounded down; a request took a
//     token from at most a full bucket) and is full by reset, counted from
//     when the request was sent at the latest;
//   - between two responses: the tokens regained are the change of remaining
//     (less one for the rounding) plus the requests the server counted in
//     between (less the ones that may have been counted before the first),
//     over at most the time between them. Unlike the first bound, this one
//     is tight whatever the bucket size, as the rounding error is spread
//     over the whole span.
//
// The best bound of the last few seconds is kept, clamped by the upper bound
// that a reset at least a second away gives. Pacing then follows the mirror:
//   - while at least a quarter of the bucket (and a whole token) is
//     available, requests go out at full speed;
//   - below that, requests are spaced at the refill rate, so the bucket
//     stops draining (or, when faster, the remaining budget is spread evenly
//     until the reset);
//   - with no token left, callers wait for the next token (or, without a
//     rate estimate, for the reset);
//   - a grant takes its token from the bucket as capped at its size (time
//     spent full refilled nothing);
//   - a one-token bucket, whose answers carry no remaining count, is probed:
//     one request a second is held until it reaches the server just before
//     a whole second, where the rounded-up reset bounds the rate tightly
//     (limiter_probe.go);
//   - a 429 blocks every caller until x-ratelimit-reset;
//   - once the reset has passed, the mirror holds a full bucket (less the
//     requests in flight) and keeps refilling at the estimated rate, so that
//     callers released together do not overdraw it.
//
// No header makes callers wait longer than the max block
// (DefaultRetryPolicy.Max429Wait unless changed with SetMaxBlock), nor past a
// window's reset for the bucket's first token. Without a rate estimate what a
// window said is forgotten once its reset time has passed. An optional static
// cap (SetRate) applies on top.
type Limiter struct {
	mu           sync.Mutex
	known        bool          // header state describes the current window
	knownSince   time.Time     // when the header state last became known
	limit        int           // x-ratelimit-limit (0 = unknown)
	remaining    float64       // tokens at observedAt, minus local grants since
	observedAt   time.Time     // when remaining was last read from a response or a grant took a token
	answeredAt   time.Time     // when remaining was last read from a response
	minRTT       time.Duration // fastest round trip of a request alone in flight (0 = none yet)
	maxRTT       time.Duration // slowest round trip of a request alone in flight
	rtts         int           // round trips measured alone in flight
	refill       float64       // estimated tokens per second (0 = unknown)
	refillAt     time.Time     // when the current period of refill bounds began
	refillPrev   float64       // best lower bound of the previous period
	refillCur    float64       // best lower bound of the current period
	reset        time.Time     // x-ratelimit-reset of the current window
	resetOne     bool          // reset is when one token is back (a 429), not the whole bucket
	nextAt       time.Time     // earliest next request while spacing
	blockedUntil time.Time     // set by a 429
	inflight     int           // grants whose response has not been observed yet
	maxBlock     time.Duration
	static       *rate.Limiter

	sent     []time.Time // grant times of the requests in flight, oldest first
	consumed int64       // responses that took a token from the bucket
	burst    burst       // responses since the limiter was last idle
	samples  []sample    // recent idle points, oldest first, for refill bounds
	upper    float64     // best upper bound of the refill rate (0 = none)
	upperAt  time.Time   // when upper was found
	probe    probe       // one-token buckets: where the refill rate is being sought

	requests, rateLimited, retries atomic.Int64
	waiting                        atomic.Int64 // callers sleeping in Wait
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
		l.waiting.Add(1)
		err := sleep(ctx, d)
		l.waiting.Add(-1)
		if err != nil {
			return err
		}
	}
}

// Backlog estimates how long a new caller would queue behind the callers
// already waiting: zero when none wait. Callers with other work (the
// operator's workers) can do it first instead of blocking.
func (l *Limiter) Backlog() time.Duration {
	n := l.waiting.Load()
	if n == 0 {
		return 0
	}
	l.mu.Lock()
	rate := l.refill
	l.mu.Unlock()
	if rate <= 0 {
		rate = 1 // unknown: assume the slowest tenant
	}
	return time.Duration(float64(n) / rate * float64(time.Second))
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
		l.pastReset(now)
	}
	if !l.known {
		l.grant(now)
		return 0
	}
	untilReset := l.reset.Sub(now) // the bucket is full by then: never wait longer
	avail := l.available(now)
	switch {
	case avail >= l.burstLevel():
		// Plenty left: full speed.
	case avail < 1:
		if l.refill > 0 {
			return min(waitSeconds((1-avail)/l.refill), untilReset)
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
	if d := l.probeDelay(now); d > 0 {
		return d
	}
	// Take the token from the bucket as it is now, capped at its size:
	// time spent full refilled nothing.
	l.remaining, l.observedAt = avail-1, now
	l.grant(now)
	return 0
}

// waitSeconds is a wait of s seconds, rounded up to a whole nanosecond: a
// wait that rounded down to zero would read as a grant.
func waitSeconds(s float64) time.Duration {
	return max(time.Duration(math.Ceil(s*float64(time.Second))), 1)
}

// pastReset moves the mirror past its window's reset at now. l.mu must be
// held.
func (l *Limiter) pastReset(now time.Time) {
	l.nextAt = time.Time{}
	if l.limit <= 0 || l.refill <= 0 {
		l.known = false
		return
	}
	// The bucket was full at the reset: mirror it from there on, less what
	// is in flight, refilling until it would be full again after a complete
	// drain.
	full := l.limit
	if l.resetOne {
		full = 1
	}
	l.remaining = float64(full - l.inflight)
	l.observedAt = l.reset
	l.resetOne = false
	l.reset = l.reset.Add(time.Duration(float64(l.limit) / l.refill * float64(time.Second)))
	if !now.Before(l.reset) {
		l.known = false
	}
}

// maxSent bounds the grant times kept for requests in flight.
const maxSent = 1024

// grant counts one request as in flight.
func (l *Limiter) grant(now time.Time) {
	l.inflight++
	if len(l.sent) >= maxSent {
		l.sent = l.sent[1:]
	}
	l.sent = append(l.sent, now)
}

// available is the mirrored bucket's content at now.
func (l *Limiter) available(now time.Time) float64 {
	avail := l.remaining + l.refill*max(now.Sub(l.observedAt).Seconds(), 0)
	if l.limit > 0 && avail > float64(l.limit) {
		avail = float64(l.limit)
	}
	return avail
}

// burstLevel is the available budget at or above which requests are not
// spaced: a quarter of the bucket (left for other clients of the tenant) and
// at least one token, or never when the bucket size is unknown.
func (l *Limiter) burstLevel() float64 {
	if l.limit <= 0 {
		return math.Inf(1)
	}
	return max(float64(l.limit)/4, 1)
}

// Observe updates the pacing from a response's headers. status is the HTTP
// status, or 0 for a network error (h may then be nil). On a 429 every
// caller is blocked until x-ratelimit-reset or Retry-After, whichever it
// carries (the later of the two), bounded by the max block; a 429 without
// either does not block others, and the retrying
// request backs off on its own.
func (l *Limiter) Observe(h http.Header, status int) {
	l.observe(time.Now(), h, status)
}

// observe is Observe at now (a virtual clock in tests).
func (l *Limiter) observe(now time.Time, h http.Header, status int) {
	l.requests.Add(1)
	if status == http.StatusTooManyRequests {
		l.rateLimited.Add(1)
	}
	hd := readLimitHeaders(h, status, now)

	l.mu.Lock()
	defer l.mu.Unlock()
	sentAt := l.settle(now, status, hd)
	l.probeResult(sentAt, status, hd)
	if h == nil {
		return
	}
	if status == http.StatusTooManyRequests && l.known && !sentAt.Before(l.knownSince) &&
		!now.Before(l.blockedUntil) && l.refill > 0 {
		// The request was granted from a token the mirror held and the
		// server did not: the rate estimate is too high (or someone else
		// shares the tenant). Once per block, as the requests in flight
		// are likely refused too. Requests granted before anything was
		// known say nothing about the estimate.
		l.refill *= 0.75
		l.refillPrev, l.refillCur = min(l.refillPrev, l.refill), min(l.refillCur, l.refill)
	}
	l.mirror(now, sentAt, status, hd)
}

// limitHeaders are the rate-limit headers of a response; the ok fields say
// which it carried (none without a response).
type limitHeaders struct {
	limit, remaining              int
	reset                         time.Time
	okLimit, okRemaining, okReset bool
}

// readLimitHeaders reads h (nil after a network error). A 429's reset is when
// it says to try again (retryAt).
func readLimitHeaders(h http.Header, status int, now time.Time) limitHeaders {
	var hd limitHeaders
	if h == nil {
		return hd
	}
	hd.limit, hd.okLimit = parseNonNegative(h.Get(HeaderRateLimitLimit))
	hd.remaining, hd.okRemaining = parseNonNegative(h.Get(HeaderRateLimitRemaining))
	hd.reset, hd.okReset = parseReset(h.Get(HeaderRateLimitReset), now)
	if status == http.StatusTooManyRequests {
		hd.reset, hd.okReset = retryAt(h, now)
	}
	return hd
}

// settle takes the answered request out of flight and feeds the refill
// estimate with its headers. It returns the earliest the request can have
// been sent. l.mu must be held.
func (l *Limiter) settle(now time.Time, status int, hd limitHeaders) (sentAt time.Time) {
	// The request was sent no earlier than the oldest grant in flight.
	sentAt = now
	if len(l.sent) > 0 {
		sentAt = l.sent[0]
		l.sent = l.sent[1:]
		if len(l.sent) == 0 && l.inflight == 1 {
			l.noteRTT(now.Sub(sentAt)) // the only request in flight: its round trip
		}
	}
	if l.inflight > 0 {
		l.inflight--
	}
	// Whether the server took a token for this request: 5xx answers may come
	// from in front of the limiter, and a 429 takes none.
	took := status > 0 && status < 500 && status != http.StatusTooManyRequests
	if took {
		l.consumed++
	}
	if !hd.okLimit || !hd.okRemaining || !hd.okReset || status == http.StatusTooManyRequests {
		// A 429's headers describe when a token is next available (or
		// another bucket): they say nothing about the refill rate, nor
		// about the bucket's content once a token is back.
		l.burst.invalid = true
	} else {
		l.learn(now, sentAt, hd.limit, hd.remaining, hd.reset, took)
	}
	if l.inflight == 0 {
		l.idle(now)
	}
	return sentAt
}

// mirror takes the bucket from a response's headers, and on a 429 blocks
// every caller until its reset. l.mu must be held.
func (l *Limiter) mirror(now, sentAt time.Time, status int, hd limitHeaders) {
	if !hd.okReset {
		return
	}
	reset := hd.reset
	// Never wait longer than the max block for one window, whatever the
	// header says (clock skew, long-period quotas).
	if limit := now.Add(l.maxBlock); reset.After(limit) {
		reset = limit
	}
	if !reset.After(now) {
		return
	}
	if hd.okLimit {
		l.limit = hd.limit
	}
	if hd.okRemaining {
		// Requests already granted but not yet answered may not be
		// counted in the server's figure yet: assume they will be.
		if !l.known {
			l.knownSince = now
		}
		remaining := float64(hd.remaining - l.inflight)
		if l.known && sentAt.Before(l.answeredAt) {
			// The request was in flight when the previous answer came:
			// the server may have counted the two in either order, so
			// this answer's figures may be the older ones.
			remaining, reset = min(remaining, l.available(now)), latest(reset, l.reset)
		}
		l.remaining, l.observedAt, l.reset, l.known = remaining, now, reset, true
		l.answeredAt = now
		if hd.limit == 1 && status != http.StatusTooManyRequests {
			// A one-token bucket's rate is proven as a spacing between
			// arrivals, each taken as its send plus minLeg (probe).
			// Counting the refill from the answer would add a round trip
			// to each spacing; from the fastest round trip seen before it
			// is safe as long as no leg takes less than half that round
			// trip (the assumption minLeg makes too).
			l.observedAt = now.Add(-l.minRTT)
		}
		l.resetOne = status == http.StatusTooManyRequests
	}
	if status == http.StatusTooManyRequests {
		if reset.After(l.blockedUntil) {
			l.blockedUntil = reset
		}
		if l.known && reset.Equal(l.reset) {
			l.remaining, l.observedAt = 0, now
		}
	}
}

// burst gathers the responses since the limiter was last idle (no request
// in flight). The server took their tokens in an unknown order, but once
// idle the last one it counted is among them.
type burst struct {
	n         int
	invalid   bool      // a 429 or a response without headers
	limit     int       // x-ratelimit-limit
	lo, hi    float64   // bounds of the bucket's content after the last one counted
	firstSent time.Time // no response was counted before
}

// sample is the bucket at an idle point.
type sample struct {
	at        time.Time // when the limiter went idle
	firstSent time.Time // the bucket held lo..hi tokens at some time after firstSent
	limit     int
	lo, hi    float64
	consumed  int64 // Limiter.consumed at that point: every token taken so far
}

// Refill-rate estimation.
const (
	// refillMemory is how long the best refill-rate bounds are kept.
	refillMemory = 10 * time.Second
	// sampleWindow is how far back idle points are compared with the latest.
	sampleWindow = 5 * time.Second
	// maxSamples bounds the idle points kept.
	maxSamples = 256
)

// learn updates the refill-rate bounds from a response that is not a 429.
// The server's bucket holds tau tokens with remaining <= tau < remaining+1,
// refills at R tokens per second up to limit, and is full at the latest at
// reset (rounded up to a whole second, so later than reset-1).
func (l *Limiter) learn(now, sentAt time.Time, limit, remaining int, reset time.Time, took bool) {
	if limit > remaining {
		// The bucket lacks more than limit-remaining-1 tokens, and at least
		// one after taking one; the server saw the request no earlier than
		// it was sent.
		missing := float64(limit - remaining - 1)
		if took {
			missing = max(missing, 1)
		}
		if arrived := l.arrivedAfter(sentAt, limit); missing > 0 && reset.After(arrived) {
			l.noteRefill(now, missing/reset.Sub(arrived).Seconds())
		}
		// It lacks at most limit-remaining tokens and is full after reset-1,
		// which bounds the rate from above when that is after now.
		if d := reset.Add(-time.Second).Sub(now); d > 0 {
			ub := float64(limit-remaining) / d.Seconds()
			if l.upper == 0 || ub <= l.upper || now.Sub(l.upperAt) > refillMemory {
				l.upper, l.upperAt = ub, now
			}
		}
	}
	hi := float64(remaining + 1)
	if took {
		hi = min(hi, float64(limit-1)) // it took a token from at most a full bucket
	}
	b := &l.burst
	if b.n == 0 {
		b.limit, b.lo, b.hi, b.firstSent = limit, float64(remaining), hi, sentAt
	} else {
		b.invalid = b.invalid || b.limit != limit
		b.lo, b.hi = min(b.lo, float64(remaining)), max(b.hi, hi)
		if sentAt.Before(b.firstSent) {
			b.firstSent = sentAt
		}
	}
	b.n++
}

// noteRTT records the round trip of a request that was alone in flight.
func (l *Limiter) noteRTT(rtt time.Duration) {
	if l.minRTT == 0 || rtt < l.minRTT {
		l.minRTT = rtt
	}
	l.maxRTT = max(l.maxRTT, rtt)
	l.rtts++
}

// minLegSamples is how many round trips minLeg needs before it trusts
// them: the first few may all be slow.
const minLegSamples = 4

// minLeg is how long a request surely spends on the wire one way: half the
// fastest round trip, less how much round trips have varied (a leg may be
// shorter than half of a round trip whose other leg was slow). Over a
// steady round trip it is half of it; over a jittery one, or before
// minLegSamples round trips, nothing.
func (l *Limiter) minLeg() time.Duration {
	if l.rtts < minLegSamples {
		return 0
	}
	return max(l.minRTT/2-(l.maxRTT-l.minRTT), 0)
}

// arrivedAfter is the earliest time a request sent at sentAt reached the
// server. For a one-token bucket, whose rate is bound by single requests
// close to a whole second, the leg on the wire matters: over a steady round
// trip it is a sizeable share of the spacing. Larger buckets bound the rate
// over many requests and keep the plain send time.
func (l *Limiter) arrivedAfter(sentAt time.Time, limit int) time.Time {
	if limit != 1 {
		return sentAt
	}
	return sentAt.Add(l.minLeg())
}

// idle closes the burst of responses once no request is in flight: the
// bucket then holds at least the lowest remaining of the burst (the last
// token taken left at least that, and it has only refilled since) and every
// token this limiter took is counted. Compared with an earlier idle point i,
// the bucket regained at least lo - hi_i + (tokens taken since), at most
// R * (now - firstSent_i).
func (l *Limiter) idle(now time.Time) {
	b := l.burst
	l.burst = burst{}
	if b.n == 0 || b.invalid {
		return
	}
	if n := len(l.samples); n > 0 && l.samples[n-1].limit != b.limit {
		l.samples = l.samples[:0] // another bucket: earlier figures do not compare
	}
	best := 0.0
	for _, s := range l.samples {
		if gained := b.lo - s.hi + float64(l.consumed-s.consumed); gained > 0 && now.After(s.firstSent) {
			best = max(best, gained/now.Sub(s.firstSent).Seconds())
		}
	}
	l.noteRefill(now, best)
	keep := 0
	for keep < len(l.samples) && (now.Sub(l.samples[keep].at) > sampleWindow || len(l.samples)-keep >= maxSamples) {
		keep++
	}
	l.samples = append(l.samples[keep:], sample{at: now, firstSent: b.firstSent, limit: b.limit, lo: b.lo, hi: b.hi, consumed: l.consumed})
}

// noteRefill keeps the best lower bound of the refill rate of the last one
// to two periods of refillMemory/2, within the best upper bound.
func (l *Limiter) noteRefill(now time.Time, lb float64) {
	if lb <= 0 {
		return
	}
	if d := now.Sub(l.refillAt); d > refillMemory {
		l.refillPrev, l.refillCur, l.refillAt = 0, 0, now
	} else if d > refillMemory/2 {
		l.refillPrev, l.refillCur, l.refillAt = l.refillCur, 0, now
	}
	l.refillCur = max(l.refillCur, lb)
	l.refill = max(l.refillPrev, l.refillCur)
	if l.upper > 0 && l.refill > l.upper && now.Sub(l.upperAt) <= refillMemory {
		l.refill = l.upper // inconsistent bounds: the lower one is safe
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

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

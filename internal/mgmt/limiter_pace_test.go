package mgmt

import (
	"container/heap"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// virtualBucket is Auth0's token bucket as auth0sim models it, on a virtual
// clock: x-ratelimit-remaining is the whole tokens left, x-ratelimit-reset
// the Unix second (rounded up) at which the bucket is full again, and a 429
// carries the second of the next token and Retry-After in whole seconds (at
// least 1).
type virtualBucket struct {
	rate   float64
	burst  int
	tokens float64
	last   time.Time
}

func newVirtualBucket(rate float64, burst int, start time.Time) *virtualBucket {
	return &virtualBucket{rate: rate, burst: burst, tokens: float64(burst), last: start}
}

func (b *virtualBucket) take(now time.Time) (http.Header, int) {
	b.tokens = min(float64(b.burst), b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		next := now.Add(seconds((1 - b.tokens) / b.rate))
		h := headers(b.burst, 0, ceilToSecond(next))
		h.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(next.Sub(now).Seconds())))))
		return h, http.StatusTooManyRequests
	}
	b.tokens--
	full := now.Add(seconds((float64(b.burst) - b.tokens) / b.rate))
	return headers(b.burst, int(b.tokens), ceilToSecond(full)), http.StatusOK
}

// paceRun is one simulated run: workers callers sharing one limiter make
// calls successful requests against a bucket, each request reaching the
// server oneWay after it is sent and answered oneWay later.
type paceRun struct {
	rate    float64
	burst   int
	workers int
	oneWay  time.Duration
	jitter  time.Duration // each leg takes oneWay plus up to this much more
	calls   int
	phase   time.Duration // where in a second the run starts
}

// paceOutcome is what a run achieved. Start-up 429s answer requests sent
// before the first answer told the limiter anything.
type paceOutcome struct {
	ok                int
	elapsed           time.Duration
	startup429, later int
	answered          []time.Duration // when each successful request was answered
}

// ofRate is the achieved rate past the first burst, as a share of the
// tenant's rate: 1 is the floor (calls-burst)/rate.
func (o paceOutcome) ofRate(r paceRun) float64 {
	return float64(o.ok-r.burst) / r.rate / o.elapsed.Seconds()
}

// lateOfRate is the share of the rate over the second half of the run, once
// the limiter has had time to learn the bucket.
func (o paceOutcome) lateOfRate(r paceRun) float64 {
	half := o.elapsed / 2
	n := 0
	for _, at := range o.answered {
		if at > half {
			n++
		}
	}
	return float64(n) / r.rate / (o.elapsed - half).Seconds()
}

// paceEvent is a worker ready to ask the limiter, its request reaching the
// server, or the answer reaching the worker.
type paceEvent struct {
	at     time.Time
	seq    int
	kind   int // paceReady, paceArrive or paceAnswer
	sent   time.Time
	header http.Header
	status int
}

const (
	paceReady = iota
	paceArrive
	paceAnswer
)

type paceQueue []paceEvent

func (q paceQueue) Len() int { return len(q) }
func (q paceQueue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q paceQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *paceQueue) Push(x any)   { *q = append(*q, x.(paceEvent)) }
func (q *paceQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

// paceSim is the state of one simulated run.
type paceSim struct {
	r                  paceRun
	start, firstAnswer time.Time
	last               time.Time
	l                  *Limiter
	b                  *virtualBucket
	q                  paceQueue
	seq                int
	rng                *rand.Rand
	out                paceOutcome
}

func (s *paceSim) push(e paceEvent) {
	s.seq++
	e.seq = s.seq
	heap.Push(&s.q, e)
}

// wire is one leg's time on the wire: oneWay plus up to jitter, so that
// with jitter answers can come back out of order.
func (s *paceSim) wire() time.Duration {
	if s.r.jitter <= 0 {
		return s.r.oneWay
	}
	return s.r.oneWay + time.Duration(s.rng.Int64N(int64(s.r.jitter)))
}

// simulatePacing runs r on a virtual clock: each worker asks the limiter,
// sleeps what it says, sends, and on an answer starts over (after a 429,
// first waiting as the transport does).
func simulatePacing(r paceRun) paceOutcome {
	start := time.Unix(1_800_000_000, 0).Add(r.phase)
	s := &paceSim{r: r, start: start, l: NewLimiter(), b: newVirtualBucket(r.rate, r.burst, start),
		rng: rand.New(rand.NewPCG(uint64(r.phase), 16))}
	for range r.workers {
		s.push(paceEvent{at: start})
	}
	horizon := start.Add(seconds(float64(r.calls)/r.rate*10) + time.Minute)
	for s.q.Len() > 0 && s.out.ok < r.calls {
		e := heap.Pop(&s.q).(paceEvent)
		if e.at.After(horizon) {
			break
		}
		switch e.kind {
		case paceReady:
			if d := s.l.reserve(e.at); d > 0 {
				s.push(paceEvent{at: e.at.Add(d)})
			} else {
				s.push(paceEvent{at: e.at.Add(s.wire()), kind: paceArrive, sent: e.at})
			}
		case paceArrive:
			h, status := s.b.take(e.at)
			s.push(paceEvent{at: e.at.Add(s.wire()), kind: paceAnswer, sent: e.sent, header: h, status: status})
		default:
			s.answer(e)
		}
	}
	s.out.elapsed = s.last.Sub(start)
	return s.out
}

// answer hands an answer to the limiter, counts it, and readies its worker.
func (s *paceSim) answer(e paceEvent) {
	s.l.observe(e.at, e.header, e.status)
	next := e.at
	switch {
	case e.status != http.StatusTooManyRequests:
		s.out.ok, s.last = s.out.ok+1, e.at
		s.out.answered = append(s.out.answered, e.at.Sub(s.start))
	case s.firstAnswer.IsZero() || e.sent.Before(s.firstAnswer):
		s.out.startup429++
	default:
		s.out.later++
	}
	if e.status == http.StatusTooManyRequests {
		if at, ok := retryAt(e.header, e.at); ok && at.After(next) {
			next = at
		}
	}
	if s.firstAnswer.IsZero() {
		s.firstAnswer = e.at
	}
	s.push(paceEvent{at: next})
}

// paceTargets are the (rate, burst) pairs of issue 16 §4: Free (2, 2),
// Enterprise production (16, 50), and shapes around them.
var paceTargets = []struct {
	rate  float64
	burst int
}{{2, 2}, {10, 1}, {20, 3}, {50, 50}, {16, 50}}

// paceSetup is how the requests reach the tenant.
type paceSetup struct {
	name           string
	workers        int
	oneWay, jitter time.Duration
}

// paceSetups: one caller, or four sharing the limiter (the operator's
// workers), over a steady 20 ms round trip; and four over a round trip of
// 10-70 ms, whose answers come back out of order.
var paceSetups = []paceSetup{
	{"1caller", 1, 10 * time.Millisecond, 0},
	{"4callers", 4, 10 * time.Millisecond, 0},
	{"4callers_jitter", 4, 5 * time.Millisecond, 30 * time.Millisecond},
}

// paceSummary is the worst share of the rate and the most 429s after
// start-up over runs starting at ten points of a second.
type paceSummary struct {
	minOfRate, maxOfRate float64
	minLate              float64 // share of the rate over the second half
	maxLater, maxStartup int
}

func summarizePacing(rate float64, burst int, su paceSetup, secs float64) paceSummary {
	s := paceSummary{minOfRate: math.Inf(1), minLate: math.Inf(1)}
	for i := range 10 {
		r := paceRun{rate: rate, burst: burst, workers: su.workers, oneWay: su.oneWay, jitter: su.jitter,
			calls: burst + int(secs*rate), phase: time.Duration(i) * 100 * time.Millisecond}
		o := simulatePacing(r)
		s.minOfRate, s.maxOfRate = min(s.minOfRate, o.ofRate(r)), max(s.maxOfRate, o.ofRate(r))
		s.minLate = min(s.minLate, o.lateOfRate(r))
		s.maxLater, s.maxStartup = max(s.maxLater, o.later), max(s.maxStartup, o.startup429)
	}
	return s
}

// BenchmarkLimiterPaceVirtual prints, for each (rate, burst) of issue 16 §4,
// the share of the rate a run of 20 s of work achieves and its 429s, on a
// virtual clock (so the figures do not depend on the machine).
func BenchmarkLimiterPaceVirtual(b *testing.B) {
	for _, tc := range paceTargets {
		for _, su := range paceSetups {
			b.Run(fmt.Sprintf("R%g_B%d_%s", tc.rate, tc.burst, su.name), func(b *testing.B) {
				var s paceSummary
				for range b.N {
					s = summarizePacing(tc.rate, tc.burst, su, 20)
				}
				b.ReportMetric(100*s.minOfRate, "%rate-min")
				b.ReportMetric(100*s.maxOfRate, "%rate-max")
				b.ReportMetric(100*s.minLate, "%rate-2nd-half-min")
				b.ReportMetric(float64(s.maxLater), "429s-after-startup")
				b.ReportMetric(float64(s.maxStartup), "429s-startup")
			})
		}
	}
}

// On a virtual clock no (rate, burst) of issue 16 §4 meets a 429 after
// start-up. Over a steady round trip each reaches 90% of its rate over the
// second half of 20 s of work, and all but the one-token bucket over the
// whole run (that one's rate is found one test a second: 80%). With a
// jittery round trip the one-token bucket pays the jitter on every spacing,
// and the others still reach 90% over the second half.
func TestLimiterPaceTargetsOnVirtualClock(t *testing.T) {
	t.Parallel()
	for _, tc := range paceTargets {
		for _, su := range paceSetups {
			s := summarizePacing(tc.rate, tc.burst, su, 20)
			if s.maxLater > 0 {
				t.Errorf("rate %g burst %d, %s: %d 429s after start-up", tc.rate, tc.burst, su.name, s.maxLater)
			}
			wantRun, wantLate := 0.9, 0.9
			switch {
			case su.jitter > 0 && tc.burst == 1:
				continue
			case su.jitter > 0:
				wantRun = 0
			case tc.burst == 1:
				wantRun = 0.75
			}
			if s.minOfRate < wantRun || s.minLate < wantLate {
				t.Errorf("rate %g burst %d, %s: %.0f%% of the rate (want >= %.0f%%), %.0f%% over the second half (want >= %.0f%%)",
					tc.rate, tc.burst, su.name, 100*s.minOfRate, 100*wantRun, 100*s.minLate, 100*wantLate)
			}
		}
	}
}

// probeDelay holds the grant that would otherwise miss the window before the
// next whole second, lets an earlier one go, and marks the one in the window
// as the test.
func TestLimiterProbeDelay(t *testing.T) {
	second := time.Unix(1_800_000_001, 0)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, tc := range []struct {
		name     string
		limit    int
		refill   float64 // tokens a second: spacing 1/refill
		failed   float64
		before   time.Duration // now, before the next whole second
		wantHold time.Duration
		wantTest bool
	}{
		{"not a one-token bucket", 3, 4, 0, ms(400), 0, false},
		{"a later request reaches the window", 1, 4, 0, ms(700), 0, false},
		{"the next request would miss it: hold", 1, 4, 0, ms(300), ms(175), false},
		{"in the window: the test", 1, 4, 0, ms(100), 0, true},
		{"halfway to the largest failure", 1, 4, 0.15, ms(300), ms(100), false},
		{"found: no test", 1, 4, 0.248, ms(300), 0, false},
		{"a failure at the spacing: found, no test", 1, 4, 0.26, ms(300), 0, false},
		{"too late for this second: a later request takes the next", 1, 4, 0, ms(50), 0, false},
		{"too late for this second, and the next would miss the next: hold", 1, 1.2, 0, ms(50), 633333334 * time.Nanosecond, false}, // lands 5/12 s before the next second
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLimiter()
			l.limit, l.refill, l.probe.failed, l.probe.passed = tc.limit, tc.refill, tc.failed, second.Add(-time.Second)
			now := second.Add(-tc.before)
			if got := l.probeDelay(now); got != tc.wantHold {
				t.Errorf("hold %s, want %s", got, tc.wantHold)
			}
			if got := !l.probe.sent.IsZero(); got != tc.wantTest {
				t.Errorf("marked as the test: %v, want %v", got, tc.wantTest)
			}
		})
	}
}

// A one-token bucket's bound counts from the request's arrival: half a
// steady round trip after the send, once a few round trips agree; never
// over a jittery one.
func TestLimiterMinLeg(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, tc := range []struct {
		name string
		rtts []time.Duration
		want time.Duration
	}{
		{"none yet", nil, 0},
		{"too few to trust", []time.Duration{ms(20), ms(20), ms(20)}, 0},
		{"steady", []time.Duration{ms(20), ms(21), ms(20), ms(20)}, ms(9)},
		{"jittery", []time.Duration{ms(20), ms(60), ms(35), ms(12)}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLimiter()
			for _, rtt := range tc.rtts {
				l.noteRTT(rtt)
			}
			if got := l.minLeg(); got != tc.want {
				t.Errorf("minLeg %s, want %s", got, tc.want)
			}
			sent := time.Unix(1_800_000_000, 0)
			if got := l.arrivedAfter(sent, 1).Sub(sent); got != tc.want {
				t.Errorf("one-token arrival %s after the send, want %s", got, tc.want)
			}
			if got := l.arrivedAfter(sent, 2); !got.Equal(sent) {
				t.Errorf("a larger bucket's arrival moved by %s", got.Sub(sent))
			}
		})
	}
}

// The answer to the test: a reset after its second records the offset as
// too short; the one aimed at passes.
func TestLimiterProbeResult(t *testing.T) {
	second := time.Unix(1_800_000_001, 0)
	sent := second.Add(-120 * time.Millisecond)
	for _, tc := range []struct {
		name       string
		reset      time.Time
		status     int
		wantFailed float64
		wantPassed bool
	}{
		{"reset at the second: passed", second, http.StatusOK, 0, true},
		{"reset a second later: too short", second.Add(time.Second), http.StatusOK, 0.12, false},
		{"a 429 says nothing", second.Add(time.Second), http.StatusTooManyRequests, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLimiter()
			l.probe.sent, l.probe.second = sent, second
			l.probeResult(sent, tc.status, limitHeaders{limit: 1, reset: tc.reset, okLimit: true, okRemaining: true, okReset: true})
			if math.Abs(l.probe.failed-tc.wantFailed) > 1e-9 || l.probe.passed.Equal(sent) != tc.wantPassed || !l.probe.sent.IsZero() {
				t.Errorf("failed %.3f passed %v in flight %v, want %.3f %v and none", l.probe.failed, l.probe.passed.Equal(sent), !l.probe.sent.IsZero(), tc.wantFailed, tc.wantPassed)
			}
		})
	}
}

// A grant takes its token from the bucket as capped at its size: after a long
// idle a one-token bucket still grants one request, not one per second idle.
func TestLimiterGrantTakesFromTheCappedBucket(t *testing.T) {
	l := NewLimiter()
	start := time.Unix(1_800_000_000, 0)
	l.limit, l.refill, l.known, l.reset = 1, 1, true, start.Add(time.Hour)
	l.remaining, l.observedAt = 0, start
	l.probe.failed, l.probe.passed = 0.995, start.Add(10*time.Second) // found: no test
	now := start.Add(5 * time.Second)
	if d := l.reserve(now); d != 0 {
		t.Fatalf("first request after 5 s idle waited %s", d)
	}
	if d := l.reserve(now); d < 900*time.Millisecond {
		t.Fatalf("second request at once waited %s, want a whole token (1 s)", d)
	}
}

// A wait shorter than a nanosecond is still a wait, not a grant.
func TestWaitSecondsNeverRoundsToAGrant(t *testing.T) {
	for _, s := range []float64{0, 1e-12, 0.4e-9, 1.0000001e-9} {
		if d := waitSeconds(s); d < 1 {
			t.Errorf("waitSeconds(%g) = %s", s, d)
		}
	}
	if d := waitSeconds(0.25); d != 250*time.Millisecond {
		t.Errorf("waitSeconds(0.25) = %s", d)
	}
}

// Answers can come back out of order: an answer to a request that was in
// flight when a later one was answered may carry the older, higher count,
// and must not refill the mirror.
func TestLimiterOutOfOrderAnswerDoesNotRefillTheMirror(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	reset := start.Add(time.Second)
	ms := func(n int) time.Time { return start.Add(time.Duration(n) * time.Millisecond) }
	l := NewLimiter()
	l.refill, l.refillCur, l.refillAt = 20, 20, start
	l.observe(start, headers(3, 2, reset), http.StatusOK)
	for range 2 {
		if d := l.reserve(ms(1)); d != 0 {
			t.Fatalf("a request with 2 tokens left waited %s", d)
		}
	}
	l.observe(ms(3), headers(3, 0, reset), http.StatusOK) // the second take, answered first
	l.observe(ms(4), headers(3, 1, reset), http.StatusOK) // the first take, answered late
	if d := l.reserve(ms(5)); d < 50*time.Millisecond {
		t.Fatalf("after the bucket was seen empty a request waited only %s (a token takes 50ms)", d)
	}
}

package mgmt

import (
	"net/http"
	"time"
)

// probeResolution is how close the refill rate of a one-token bucket is
// sought: tests stop once the spacing proven safe is within this share of
// the largest that failed.
const probeResolution = 0.01

// probe seeks the refill rate of a one-token bucket (x-ratelimit-limit 1).
// Its answers carry no remaining count (always 0) and say only when the
// bucket is full again, rounded up to a whole second: a request that reaches
// the server c before a whole second k and is answered with reset k proves
// that a token takes at most c (learn notes R >= 1/c from it); answered with
// a later reset, that it takes more than c, less the time on the wire. The
// arrival is taken as the send plus minLeg: half a steady round trip, or
// nothing over a jittery one. Pacing alone rarely lands a request that close
// to a second (and pacing at the reset never does), so one request a second
// is held until c before the second, c halfway between the spacing proven
// and the largest that failed, until they are within probeResolution.
// Holding a request only adds tokens, so a test never meets a 429; it costs
// at most one spacing a second. A test that fails at the spacing proven or
// above (a slow leg on the wire) ends the search rather than restarting it:
// it says nothing about shorter spacings.
type probe struct {
	sent   time.Time // the test in flight (zero: none)
	second time.Time // the whole second it aims before
	failed float64   // the largest offset before a second that failed (s), 0 = none
	passed time.Time // when a test last passed
}

// probeDelay is how long to hold the grant at now so that it tests the
// refill rate of a one-token bucket, or 0 to grant it (recording it as the
// test when it lands in the window). l.mu must be held.
func (l *Limiter) probeDelay(now time.Time) time.Duration {
	p := &l.probe
	if l.limit != 1 || l.refill <= 0 || !p.sent.IsZero() {
		return 0
	}
	spacing := 1 / l.refill // seconds a token takes, proven
	offset, ok := p.aim(now, spacing)
	if !ok {
		return 0
	}
	// A test that arrives later than aimed is still worth sending while it
	// lands more than halfway from the offset known to fail: aim at the
	// first whole second that a send now can reach that early.
	least := p.failed + (offset-p.failed)/2
	leg := l.minLeg()
	arrival := now.Add(leg)
	second := ceilToSecond(arrival.Add(seconds(least)))
	at := second.Add(-seconds(offset)).Add(-leg)
	if now.Before(at) {
		if !now.Add(waitSeconds(spacing)).Before(at) {
			return at.Sub(now) // the next request would be too late: hold this one
		}
		return 0 // a later request takes the test
	}
	p.sent, p.second = now, second
	return 0
}

// aim is the offset before a whole second at which to test the spacing
// proven (seconds), or false when the rate is found and was proven lately.
func (p *probe) aim(now time.Time, spacing float64) (float64, bool) {
	switch {
	case p.failed > 0 && spacing-p.failed <= probeResolution*spacing:
		// Found: test the spacing again only before its bound is forgotten.
		return spacing, now.Sub(p.passed) >= refillMemory/2
	case p.failed > 0:
		return (p.failed + spacing) / 2, true
	default:
		return spacing / 2, true
	}
}

// seconds is s seconds as a duration.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// ceilToSecond is t rounded up to a whole second.
func ceilToSecond(t time.Time) time.Time {
	if c := t.Truncate(time.Second); !c.Equal(t) {
		return c.Add(time.Second)
	}
	return t
}

// probeResult reads the answer to the request sent at sentAt: when it is the
// test, a reset after the aimed second means the offset was too short.
// l.mu must be held.
func (l *Limiter) probeResult(sentAt time.Time, status int, hd limitHeaders) {
	p := &l.probe
	if p.sent.IsZero() || sentAt.Before(p.sent) {
		return
	}
	if sentAt.Equal(p.sent) && status != http.StatusTooManyRequests && hd.okReset {
		if hd.reset.After(p.second) {
			// Measured as the test was aimed, from its earliest arrival
			// (as a pass is): the search compares like with like.
			p.failed = max(p.failed, p.second.Sub(l.arrivedAfter(p.sent, 1)).Seconds())
		} else {
			p.passed = sentAt
		}
	}
	p.sent = time.Time{}
}

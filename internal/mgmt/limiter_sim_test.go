package mgmt_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// limiterCases are emulated tenants (refill rate, bucket size) and how many
// calls four concurrent callers make against each.
var limiterCases = []struct {
	rate  float64
	burst int
	calls int
}{
	{20, 3, 80},
	{10, 10, 60},
	{50, 50, 100},
	{10, 1, 60},
}

type pacingResult struct {
	calls       int
	elapsed     time.Duration
	rateLimited int64
	requests    int64
}

// fractionOfRate is the achieved request rate past the initial burst, as a
// fraction of the tenant's refill rate: 1 is the floor (calls-burst)/rate.
func (r pacingResult) fractionOfRate(rate float64, burst int) float64 {
	return float64(r.calls-burst) / rate / r.elapsed.Seconds()
}

// runPacing makes calls List calls from four goroutines sharing one limiter
// against a tenant with a token-bucket rate limit.
func runPacing(tb testing.TB, rate float64, burst, calls int) pacingResult {
	tb.Helper()
	return runPacingOn(tb, auth0sim.Options{RateLimit: rate, Burst: burst}, calls)
}

// runPacingOn is runPacing against a tenant started with opts.
func runPacingOn(tb testing.TB, opts auth0sim.Options, calls int) pacingResult {
	tb.Helper()
	s, err := auth0sim.Start(opts)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	lim := mgmt.NewLimiter()
	retry := mgmt.RetryPolicy{MaxAttempts: 10, MaxElapsed: 30 * time.Second, BaseDelay: 5 * time.Millisecond, MaxDelay: 20 * time.Millisecond, Max429Wait: 3 * time.Second}
	c, err := mgmt.New(context.Background(), mgmt.Config{Domain: s.Domain(), ClientID: s.ManagementClientID(), ClientSecret: s.ManagementClientSecret(),
		RootCAs: s.RootCAs(), Retry: retry, Limiter: lim})
	if err != nil {
		tb.Fatal(err)
	}
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	start := time.Now()
	for w := 0; w < workers; w++ {
		n := calls / workers
		if w < calls%workers {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				if err := listClients(c); err != nil {
					errs <- mgmt.Explain(err)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for err := range errs {
		tb.Error(err)
	}
	st := lim.Stats()
	if st.Requests-st.Retries != int64(calls) {
		tb.Errorf("stats %+v for %d calls", st, calls)
	}
	return pacingResult{calls: calls, elapsed: elapsed, rateLimited: st.RateLimited, requests: st.Requests}
}

// Four callers share one limiter against token buckets of various shapes:
// every call succeeds and 429s stay rare. The achieved rate is logged, not
// asserted (it depends on the machine).
func TestLimiterPacingAgainstEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("paces real requests for several seconds")
	}
	t.Parallel()
	for _, tc := range limiterCases {
		t.Run(fmt.Sprintf("R%g_B%d", tc.rate, tc.burst), func(t *testing.T) {
			t.Parallel()
			r := runPacing(t, tc.rate, tc.burst, tc.calls)
			t.Logf("%d calls at %g/s (burst %d): %s, %.0f%% of the rate, %d 429s, %d requests",
				r.calls, tc.rate, tc.burst, r.elapsed.Round(time.Millisecond), 100*r.fractionOfRate(tc.rate, tc.burst), r.rateLimited, r.requests)
			if r.rateLimited > int64(tc.calls)/10 {
				t.Errorf("%d 429s for %d calls: the limiter does not pace", r.rateLimited, tc.calls)
			}
		})
	}
}

func BenchmarkLimiterPacing(b *testing.B) {
	for _, tc := range limiterCases {
		b.Run(fmt.Sprintf("R%g_B%d", tc.rate, tc.burst), func(b *testing.B) {
			var frac, n429 float64
			for i := 0; i < b.N; i++ {
				r := runPacing(b, tc.rate, tc.burst, tc.calls)
				frac += r.fractionOfRate(tc.rate, tc.burst)
				n429 += float64(r.rateLimited)
			}
			b.ReportMetric(frac/float64(b.N), "of-rate")
			b.ReportMetric(n429/float64(b.N), "429s/op")
		})
	}
}

// BenchmarkLimiterPlans paces four callers against the emulator's plan
// presets in real time (go test -run '^$' -bench LimiterPlans -benchtime 1x):
// the share of the rate past the first burst, and the 429s. The four send
// their first requests before any answer, so max(4-burst, 0) of the 429s
// are at start-up. A figure to read, not a test: it depends on the machine.
func BenchmarkLimiterPlans(b *testing.B) {
	for _, tc := range []struct {
		plan  string
		calls int
	}{{"free", 40}, {"essentials", 30}, {"enterprise", 200}} {
		p, ok := auth0sim.PlanNamed(tc.plan)
		if !ok {
			b.Fatalf("no preset %q", tc.plan)
		}
		b.Run(tc.plan, func(b *testing.B) {
			var frac, n429 float64
			for range b.N {
				r := runPacingOn(b, auth0sim.Options{RateLimit: p.RateLimit, Burst: p.Burst, PerRoute: p.PerRoute}, tc.calls)
				frac += r.fractionOfRate(p.RateLimit, p.Burst)
				n429 += float64(r.rateLimited)
				b.Logf("%s: %d calls in %s, %.0f%% of %.3g/s past the burst of %d, %d 429s",
					tc.plan, tc.calls, r.elapsed.Round(time.Millisecond), 100*r.fractionOfRate(p.RateLimit, p.Burst), p.RateLimit, p.Burst, r.rateLimited)
			}
			b.ReportMetric(100*frac/float64(b.N), "%rate")
			b.ReportMetric(n429/float64(b.N), "429s/op")
		})
	}
}

package mgmt

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

func TestBackoffJitterCap(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for attempt := 1; attempt <= 12; attempt++ {
		limit := 100 * time.Millisecond << (attempt - 1)
		if limit > time.Second {
			limit = time.Second
		}
		if got := p.withDefaults().backoffCap(attempt); got != limit {
			t.Fatalf("cap(%d) = %s, want %s", attempt, got, limit)
		}
		var hi, lo time.Duration = 0, time.Hour
		for i := 0; i < 2000; i++ {
			d := p.Backoff(attempt)
			if d < 0 || d > limit {
				t.Fatalf("Backoff(%d) = %s outside [0, %s]", attempt, d, limit)
			}
			hi, lo = max(hi, d), min(lo, d)
		}
		// Full jitter: samples cover the range, not a fixed value.
		if hi < limit*3/4 || lo > limit/4 {
			t.Fatalf("Backoff(%d) samples in [%s, %s], not spread over [0, %s]", attempt, lo, hi, limit)
		}
	}
	if got := (RetryPolicy{}).withDefaults().backoffCap(100); got != DefaultRetryPolicy.MaxDelay {
		t.Fatalf("large attempt cap = %s", got)
	}
}

func TestRoute(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v2/clients":                                          "/api/v2/clients",
		"/api/v2/clients/AbC123xyz":                                "/api/v2/clients/{id}",
		"/api/v2/clients/abcdefghijklmnop?fields=client_id":        "/api/v2/clients/{id}",
		"/api/v2/resource-servers/https:%2F%2Ft.auth0.com%2Fme%2F": "/api/v2/resource-servers/{id}",
		"/api/v2/resource-servers/65f0c0ffee0123456789abcd":        "/api/v2/resource-servers/{id}",
		"/api/v2/client-grants/cgr_Xyz123":                         "/api/v2/client-grants/{id}",
		"/api/v2/guardian/policies":                                "/api/v2/guardian/policies",
		"/api/v2/custom-domains":                                   "/api/v2/custom-domains",
		"/api/v2/users/auth0%7C123/roles":                          "/api/v2/users/{id}/roles",
		"/oauth/token":                                             "/oauth/token",
		"/me/v1/authentication-methods":                            "/me/v1/authentication-methods",
		"/me/v1/authentication-methods/passkey%7Cnew":              "/me/v1/authentication-methods/{id}",
	} {
		if got := Route(in); got != want {
			t.Errorf("Route(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRetries5xxThenSucceeds(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, 5, func(w http.ResponseWriter) { auth0Error(w, 503, "Service temporarily unavailable", "") })
	obs := &recordingObserver{}
	c := staticClient(t, s, fastPolicy, obs)
	got, err := c.Client.Read(context.Background(), "abc")
	if err != nil {
		t.Fatal(err)
	}
	if got.GetClientID() != "abc" {
		t.Fatalf("client %v", got.GetClientID())
	}
	if s.count() != 6 {
		t.Fatalf("server saw %d requests, want 6", s.count())
	}
	if st := c.Limiter.Stats(); st.Requests != 6 || st.Retries != 5 {
		t.Fatalf("stats %+v", st)
	}
	o := obs.all()
	if len(o) != 6 || o[0] != (observation{s.domain(), "GET", "/api/v2/clients/{id}", 503}) || o[5].Status != 200 {
		t.Fatalf("observations %+v", o)
	}
	for _, r := range s.recorded() {
		if r.Auth != "Bearer static-token" || !strings.HasPrefix(r.UserAgent, "mgmt-test/1") {
			t.Fatalf("request %+v lacks auth or user agent", r)
		}
	}
}

func TestRetryBoundedByAttempts(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		auth0Error(w, 503, "upstream down", "")
	})
	p := fastPolicy
	p.MaxAttempts = 4
	c := staticClient(t, s, p, nil)
	_, err := c.Client.Read(context.Background(), "abc")
	e := Classify(err)
	if e == nil || e.Class != Unavailable || e.Attempts != 4 || e.Status != 503 {
		t.Fatalf("Classify = %#v", e)
	}
	if s.count() != 4 {
		t.Fatalf("server saw %d requests, want 4", s.count())
	}
	wantInError(t, err, "GET /api/v2/clients/abc: gave up after 4 attempts over", "last response 503 Service Unavailable: upstream down")
	if st := c.Limiter.Stats(); st.Retries != 3 {
		t.Fatalf("stats %+v", st)
	}
}

func TestRetryBoundedByTime(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
	})
	p := RetryPolicy{MaxAttempts: 1000, MaxElapsed: 300 * time.Millisecond, BaseDelay: 20 * time.Millisecond, MaxDelay: 60 * time.Millisecond}
	c := staticClient(t, s, p, nil)
	start := time.Now()
	_, err := c.Client.Read(context.Background(), "abc")
	took := time.Since(start)
	e := Classify(err)
	if e == nil || e.Class != Unavailable || e.Status != 502 {
		t.Fatalf("Classify = %#v", e)
	}
	// The time budget, not the 1000 attempts (about 60s of backoff), ended
	// the run. The bounds are loose on purpose: a loaded machine is slow.
	if took > 5*time.Second {
		t.Fatalf("retries took %s with a 300ms budget", took)
	}
	if e.Attempts < 2 || e.Attempts >= 1000 || e.Attempts != s.count() {
		t.Fatalf("attempts %d, server saw %d", e.Attempts, s.count())
	}
	wantInError(t, err, "the next attempt would exceed the 300ms retry budget")
}

func TestRetry429WaitsForReset(t *testing.T) {
	t.Parallel()
	var reset time.Time
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			reset = resetAfter(200 * time.Millisecond)
			rateHeaders(w, 10, 0, reset)
			auth0Error(w, 429, "Global limit has been reached", "too_many_requests")
			return
		}
		rateHeaders(w, 10, 9, time.Now().Add(time.Second))
		writeJSON(w, 200, clientJSON("abc"))
	})
	c := staticClient(t, s, fastPolicy, nil)
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if now := time.Now(); now.Before(reset) {
		t.Fatalf("retried %s before the reset", reset.Sub(now))
	}
	if st := c.Limiter.Stats(); st.RateLimited != 1 || st.Retries != 1 || st.Requests != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func TestRetry429WithoutResetBacksOff(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, 2, func(w http.ResponseWriter) { auth0Error(w, 429, "Global limit has been reached", "too_many_requests") })
	c := staticClient(t, s, fastPolicy, nil)
	start := time.Now()
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second { // bounds a runaway backoff, not speed
		t.Fatalf("took %s", d)
	}
	if s.count() != 3 {
		t.Fatalf("server saw %d", s.count())
	}
}

func TestRetry429HonoursRetryAfter(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, 1, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "1")
		auth0Error(w, 429, "slow down", "")
	})
	c := staticClient(t, s, fastPolicy, nil)
	start := time.Now()
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("retried after %s, want the 1s Retry-After", d)
	}
}

func TestRetry429ResetBeyondBudget(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		rateHeaders(w, 10, 0, time.Now().Add(20*time.Second))
		auth0Error(w, 429, "Global limit has been reached", "too_many_requests")
	})
	p := fastPolicy
	p.MaxElapsed = time.Second
	p.Max429Wait = 10 * time.Second
	c := staticClient(t, s, p, nil)
	start := time.Now()
	_, err := c.Client.Read(context.Background(), "abc")
	if d := time.Since(start); d > 5*time.Second { // the reset is 20s away
		t.Fatalf("took %s: should give up at once when the reset is beyond the budget", d)
	}
	e := Classify(err)
	if e == nil || e.Class != RateLimited || e.Status != 429 || e.ErrorCode != "too_many_requests" || e.Attempts != 1 {
		t.Fatalf("Classify = %#v", e)
	}
	wantInError(t, err, "gave up after 1 attempt over", "last response 429 Too Many Requests", "beyond the 1s retry budget")
}

func TestRetriesDroppedConnections(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, 3, hangUp)
	obs := &recordingObserver{}
	c := staticClient(t, s, fastPolicy, obs)
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	o := obs.all()
	if len(o) != 4 || o[0].Status != 0 || o[3].Status != 200 {
		t.Fatalf("observations %+v", o)
	}
}

func TestDroppedConnectionsExhausted(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, -1, hangUp)
	p := fastPolicy
	p.MaxAttempts = 3
	c := staticClient(t, s, p, nil)
	_, err := c.Client.Read(context.Background(), "abc")
	e := Classify(err)
	if e == nil || e.Class != Unavailable || e.Status != 0 || e.Attempts != 3 {
		t.Fatalf("Classify = %#v", e)
	}
	wantInError(t, err, "gave up after 3 attempts", "last error:")
}

func TestRetryReplaysPOSTBody(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= 2 {
			auth0Error(w, 500, "oops", "")
			return
		}
		writeJSON(w, 201, map[string]any{"id": "cgr_1", "client_id": "abc", "audience": "https://t/me/", "scope": []string{"read:me:factors"}})
	})
	c := staticClient(t, s, fastPolicy, nil)
	g := &management.ClientGrant{ClientID: auth0.String("abc"), Audience: auth0.String("https://t/me/"), Scope: &[]string{"read:me:factors"}, SubjectType: auth0.String("user")}
	if err := c.ClientGrant.Create(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	if g.GetID() != "cgr_1" {
		t.Fatalf("grant %v", g.GetID())
	}
	reqs := s.recorded()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for _, r := range reqs {
		if r.Method != "POST" || r.Body != reqs[0].Body || !strings.Contains(r.Body, `"subject_type":"user"`) {
			t.Fatalf("attempt %+v differs from the first %+v", r, reqs[0])
		}
	}
}

func TestNoRetryOn4xx(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 403, 404, 409} {
		s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
			auth0Error(w, status, "nope", "")
		})
		c := staticClient(t, s, fastPolicy, nil)
		if _, err := c.Client.Read(context.Background(), "abc"); err == nil {
			t.Fatalf("%d: no error", status)
		}
		if s.count() != 1 {
			t.Fatalf("%d was retried: %d requests", status, s.count())
		}
	}
}

func TestNonReplayableBodyNotRetried(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		auth0Error(w, 503, "down", "")
	})
	c := staticClient(t, s, fastPolicy, nil)
	req, _ := http.NewRequest("POST", s.URL+"/api/v2/client-grants", struct{ *strings.Reader }{strings.NewReader("{}")})
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || s.count() != 1 {
		t.Fatalf("status %d after %d requests: a body without GetBody must not be retried", resp.StatusCode, s.count())
	}
}

func TestUntrustedCertificateNotRetried(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {})
	c, err := New(context.Background(), Config{Domain: s.domain(), APIToken: "tok", Retry: fastPolicy, Limiter: NewLimiter()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Client.Read(context.Background(), "abc")
	e := Classify(err)
	if e == nil || e.Class != Unknown || !strings.Contains(e.Error(), "SSL_CERT_FILE") || !strings.Contains(e.Error(), "not trusted") {
		t.Fatalf("Classify = %v (%#v)", err, e)
	}
	if st := c.Limiter.Stats(); st.Requests != 1 || st.Retries != 0 {
		t.Fatalf("TLS failure retried: %+v", st)
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		auth0Error(w, 503, "down", "")
	})
	p := RetryPolicy{MaxAttempts: 100, BaseDelay: 100 * time.Millisecond, MaxDelay: 100 * time.Millisecond}
	c := staticClient(t, s, p, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Client.Read(ctx, "abc")
	if err == nil || time.Since(start) > 5*time.Second { // 100 attempts would take 10s
		t.Fatalf("err %v after %s", err, time.Since(start))
	}
}

package mgmt

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fastPolicy keeps transport tests quick.
var fastPolicy = RetryPolicy{MaxAttempts: 6, MaxElapsed: 5 * time.Second, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, Max429Wait: 3 * time.Second}

// tenant is an httptest TLS server standing in for a tenant.
type tenant struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
}

type recorded struct {
	Method, Path, Body, Auth, UserAgent string
}

func (s *tenant) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *tenant) recorded() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.requests...)
}

// newTenant starts a TLS server; handler gets the 1-based request number.
func newTenant(t *testing.T, handler func(n int, w http.ResponseWriter, r *http.Request)) *tenant {
	t.Helper()
	s := &tenant{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mu.Lock()
		s.requests = append(s.requests, recorded{r.Method, r.URL.EscapedPath(), string(body), r.Header.Get("Authorization"), r.Header.Get("User-Agent")})
		n := len(s.requests)
		s.mu.Unlock()
		handler(n, w, r)
	}))
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

func (s *tenant) roots() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.Certificate())
	return p
}

func (s *tenant) domain() string { return s.Listener.Addr().String() }

// staticClient builds a client with a static token and an isolated limiter.
func staticClient(t *testing.T, s *tenant, p RetryPolicy, obs RequestObserver) *Client {
	t.Helper()
	c, err := New(context.Background(), Config{
		Domain: s.domain(), APIToken: "static-token", RootCAs: s.roots(),
		Retry: p, Observer: obs, Limiter: NewLimiter(), UserAgent: "mgmt-test/1",
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func auth0Error(w http.ResponseWriter, status int, message, code string) {
	body := map[string]any{"statusCode": status, "error": http.StatusText(status), "message": message}
	if code != "" {
		body["errorCode"] = code
	}
	writeJSON(w, status, body)
}

// headers are the rate-limit headers of a response.
func headers(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set(HeaderRateLimitLimit, strconv.Itoa(limit))
	h.Set(HeaderRateLimitRemaining, strconv.Itoa(remaining))
	h.Set(HeaderRateLimitReset, fmt.Sprint(reset.Unix()))
	return h
}

func rateHeaders(w http.ResponseWriter, limit, remaining int, reset time.Time) {
	maps.Copy(w.Header(), headers(limit, remaining, reset))
}

// failingTenant answers its first n requests (every one for n < 0) with
// fail, and then with the client "abc".
func failingTenant(t *testing.T, n int, fail func(w http.ResponseWriter)) *tenant {
	t.Helper()
	return newTenant(t, func(i int, w http.ResponseWriter, r *http.Request) {
		if n < 0 || i <= n {
			fail(w)
			return
		}
		writeJSON(w, 200, clientJSON("abc"))
	})
}

// hangUp closes the connection without a response.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// wantInError checks that err's message contains each of want.
func wantInError(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\nlacks %q", err, w)
		}
	}
}

func clientJSON(id string) map[string]any {
	return map[string]any{"client_id": id, "name": "app " + id}
}

// observation is one RequestObserver call.
type observation struct {
	Domain, Method, Route string
	Status                int
}

type recordingObserver struct {
	mu  sync.Mutex
	obs []observation
}

func (o *recordingObserver) ObserveRequest(domain, method, route string, status int, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.obs = append(o.obs, observation{domain, method, route, status})
}

func (o *recordingObserver) all() []observation {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]observation(nil), o.obs...)
}

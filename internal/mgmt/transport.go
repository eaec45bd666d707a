package mgmt

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RequestObserver receives one call per HTTP attempt (retries included), for
// metrics. status is 0 for a network error; route is the path with ids
// replaced by {id} (see Route).
type RequestObserver interface {
	ObserveRequest(domain, method, route string, status int, duration time.Duration)
}

// Backoff returns the full-jitter delay before retry number attempt (1 for
// the wait after the first attempt): uniform in [0, min(MaxDelay,
// BaseDelay*2^(attempt-1))].
func (p RetryPolicy) Backoff(attempt int) time.Duration {
	p = p.withDefaults()
	return time.Duration(rand.Int64N(int64(p.backoffCap(attempt)) + 1))
}

// backoffCap is the upper bound of Backoff(attempt).
func (p RetryPolicy) backoffCap(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	c := p.BaseDelay
	for i := 1; i < attempt && c < p.MaxDelay; i++ {
		c *= 2
	}
	if c > p.MaxDelay {
		c = p.MaxDelay
	}
	return c
}

// newBaseTransport is the TLS transport under every client: the given roots
// (nil = system roots, which honour SSL_CERT_FILE), TLS 1.2+, and timeouts
// for each phase so a hung connection cannot stall a request forever.
func newBaseTransport(roots *x509.CertPool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 30 * time.Second
	t.MaxIdleConnsPerHost = 16
	return t
}

// transport is the RoundTripper under go-auth0 (and under the token client,
// with a nil limiter and annotate=false). Each attempt:
// limiter.Wait -> base TLS transport -> observer -> limiter.Observe -> retry
// decision.
//
// Retried: 429 (waiting until x-ratelimit-reset, bounded by Max429Wait, or
// backing off when the header is missing), any 5xx, and network errors
// (connection refused/reset, EOF, timeouts), with full-jitter exponential
// backoff. Not retried: other statuses, context cancellation, TLS
// verification failures and unknown hosts. Attempts are bounded by
// MaxAttempts (a 429 with a reset in the future does not count: it is waited
// out, up to maxAttemptsWithResets attempts) and the total time by MaxElapsed; when either runs out the
// request fails with an *Error (class RateLimited or Unavailable) saying how
// many attempts were made over how long and what the last one returned.
//
// Only requests whose body can be replayed (no body, or req.GetBody set) are
// retried. That includes non-idempotent POSTs: retrying a POST after a 5xx or
// after a network error (when the server may already have acted) is accepted
// for this product, because every write it makes is idempotent in effect —
// PATCHes set absolute values, DELETEs of a missing object give 404, and the
// one POST that could duplicate (a client grant) is answered 409 by Auth0,
// which the callers treat as "already exists".
type transport struct {
	base     http.RoundTripper
	limiter  *Limiter // nil: no pacing (token endpoint)
	policy   RetryPolicy
	observer RequestObserver
	domain   string
	annotate bool // rewrite Management API error bodies to keep errorCode, method and path
	scopes   *grantedScopes
}

// attemptResult records a failed attempt for the final error.
type attemptResult struct {
	status    int
	message   string
	errorCode string
	err       error
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.newCall(req)
	t.scopes.observe(req.Header.Get("Authorization"))
	if err := takeBudget(req); err != nil {
		if c.hasBody {
			req.Body.Close()
		}
		return nil, err
	}
	for n := 1; ; n++ {
		if resp, done, err := c.attempt(n); done {
			return resp, err
		}
		if err := c.waitToRetry(n); err != nil {
			return nil, err
		}
	}
}

// call is one request through the transport, across its attempts.
type call struct {
	t                   *transport
	req                 *http.Request
	ctx                 context.Context
	p                   RetryPolicy
	start, deadline     time.Time
	hasBody, replayable bool
	path, route         string
	// last is the latest failed attempt, and lastHeader its response's
	// header (nil after a network error).
	last       attemptResult
	lastHeader http.Header
	waitedOut  int // 429s waited out until their reset
}

func (t *transport) newCall(req *http.Request) *call {
	p := t.policy.withDefaults()
	start := time.Now()
	hasBody := req.Body != nil && req.Body != http.NoBody
	path := req.URL.EscapedPath()
	return &call{
		t: t, req: req, ctx: req.Context(), p: p,
		start: start, deadline: start.Add(p.MaxElapsed),
		hasBody: hasBody, replayable: !hasBody || req.GetBody != nil,
		path: path, route: Route(path),
	}
}

// attempt makes attempt number n. done is true when its outcome is the
// request's: a response, or an error that is not retried.
func (c *call) attempt(n int) (resp *http.Response, done bool, err error) {
	r, err := c.request(n)
	if err != nil {
		return nil, true, err
	}
	if err := c.waitForLimiter(r, n); err != nil {
		return nil, true, err
	}
	t := c.t
	began := time.Now()
	resp, err = t.base.RoundTrip(r)
	took := time.Since(began)
	status := 0
	var header http.Header
	if err == nil {
		status, header = resp.StatusCode, resp.Header
	}
	if t.observer != nil {
		t.observer.ObserveRequest(t.domain, c.req.Method, c.route, status, took)
	}
	if t.limiter != nil {
		t.limiter.Observe(header, status)
	}

	switch {
	case err != nil:
		if c.ctx.Err() != nil || !retryableError(err) || !c.replayable {
			return nil, true, err
		}
		c.last = attemptResult{err: err}
	case !retryableStatus(status) || !c.replayable:
		if status >= 400 && t.annotate {
			annotateErrorBody(resp, c.req.Method, c.path)
		}
		return resp, true, nil
	default:
		c.last = readFailure(resp)
	}
	c.lastHeader = header
	return nil, false, nil
}

// request is the request of attempt n: after the first, a clone with the
// body replayed.
func (c *call) request(n int) (*http.Request, error) {
	if n == 1 || !c.hasBody {
		return c.req, nil
	}
	body, err := c.req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("mgmt: replaying the request body: %w", err)
	}
	r := c.req.Clone(c.ctx)
	r.Body = body
	return r, nil
}

// waitForLimiter waits until the limiter allows attempt n (request r),
// within the time budget.
func (c *call) waitForLimiter(r *http.Request, n int) error {
	if c.t.limiter == nil {
		return nil
	}
	wctx, cancel := context.WithDeadline(c.ctx, c.deadline)
	err := c.t.limiter.Wait(wctx)
	cancel()
	if err == nil {
		return nil
	}
	if c.hasBody {
		r.Body.Close()
	}
	if c.ctx.Err() != nil {
		return c.ctx.Err()
	}
	return c.t.exhausted(c.req, n-1, c.start, c.last, "the rate limit did not allow another attempt within the retry budget")
}

// waitToRetry waits before the attempt after attempt n failed, or says why
// the request fails instead: the attempt or time budget is spent.
func (c *call) waitToRetry(n int) error {
	t, p := c.t, c.p
	delay, note, resetKnown := t.delay(p, n-c.waitedOut, c.last.status, c.lastHeader)
	if resetKnown && n < maxAttemptsWithResets {
		// A 429 that says when the limit resets is waited out within
		// the time budget, not counted against the attempt budget:
		// under contention the wait is the point, not a failure.
		c.waitedOut++
	} else if n-c.waitedOut >= p.MaxAttempts {
		return t.exhausted(c.req, n, c.start, c.last, "")
	}
	if time.Now().Add(delay).After(c.deadline) {
		if note == "" {
			note = fmt.Sprintf("the next attempt would exceed the %s retry budget", p.MaxElapsed)
		}
		return t.exhausted(c.req, n, c.start, c.last, note)
	}
	if err := sleep(c.ctx, delay); err != nil {
		return err
	}
	t.limiter.noteRetry()
	return nil
}

// delay chooses the wait before the next attempt, and explains waits that
// would not fit the budget. resetKnown is true for a 429 that said when the
// limit resets (x-ratelimit-reset, or Retry-After from a proxy) in the future.
func (t *transport) delay(p RetryPolicy, attempt, status int, h http.Header) (d time.Duration, note string, resetKnown bool) {
	if status == http.StatusTooManyRequests && h != nil {
		now := time.Now()
		reset, ok := retryAt(h, now)
		if ok && reset.After(now) {
			d := reset.Sub(now)
			if d > p.MaxElapsed {
				note = fmt.Sprintf("the rate limit resets in %s, beyond the %s retry budget", roundDuration(d), p.MaxElapsed)
			}
			if d > p.Max429Wait {
				d = p.Max429Wait
			}
			// A little jitter so that callers released together do not
			// arrive in the same instant.
			return d + time.Duration(rand.Int64N(int64(p.BaseDelay/4)+1)), note, true
		}
	}
	return p.Backoff(attempt), "", false
}

// retryAt is when a 429 says to try again: Retry-After (which Auth0's newer
// APIs send with every 429, and the v3 SDK reads first) or x-ratelimit-reset,
// whichever the response carries; the later of the two when it carries both.
func retryAt(h http.Header, now time.Time) (time.Time, bool) {
	reset, okReset := parseReset(h.Get(HeaderRateLimitReset), now)
	after, okAfter := parseRetryAfter(h.Get("Retry-After"), now)
	switch {
	case okReset && okAfter:
		if after.After(reset) {
			return after, true
		}
		return reset, true
	case okAfter:
		return after, true
	default:
		return reset, okReset
	}
}

// maxAttemptsWithResets bounds the attempts of one request when 429s with a
// reset are waited out rather than counted; MaxElapsed bounds their time.
const maxAttemptsWithResets = 100

// parseRetryAfter parses Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return now.Add(time.Duration(secs) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func (t *transport) exhausted(req *http.Request, attempts int, start time.Time, last attemptResult, note string) *Error {
	class := Unavailable
	if last.status == http.StatusTooManyRequests || (last.status == 0 && last.err == nil) {
		class = RateLimited
	}
	return &Error{
		Class:     class,
		Status:    last.status,
		Message:   last.message,
		ErrorCode: last.errorCode,
		Method:    req.Method,
		Path:      req.URL.EscapedPath(),
		Attempts:  attempts,
		Elapsed:   time.Since(start),
		Err:       last.err,
		exhausted: true,
		note:      note,
		host:      req.URL.Host,
	}
}

func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// retryableError reports whether a transport error may go away on retry.
func retryableError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return false
	}
	if isTLSTrustError(err) {
		return false
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) {
		return false // not a TLS server
	}
	var ours *Error
	return !errors.As(err, &ours)
}

func isTLSTrustError(err error) bool {
	var (
		cv   *tls.CertificateVerificationError
		ua   x509.UnknownAuthorityError
		he   x509.HostnameError
		ci   x509.CertificateInvalidError
		uaP  *x509.UnknownAuthorityError
		heP  *x509.HostnameError
		ciP  *x509.CertificateInvalidError
		errs = []any{&cv, &ua, &he, &ci, &uaP, &heP, &ciP}
	)
	for _, target := range errs {
		if errors.As(err, target) {
			return true
		}
	}
	return false
}

const maxErrorBody = 1 << 20

// envelope is Auth0's error body.
type envelope struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode"`
}

// readFailure consumes and closes a response that will be retried.
func readFailure(resp *http.Response) attemptResult {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	res := attemptResult{status: resp.StatusCode}
	var env envelope
	if json.Unmarshal(body, &env) == nil {
		res.message, res.errorCode = env.Message, env.ErrorCode
	} else if s := strings.TrimSpace(string(body)); s != "" && len(s) < 200 && !strings.HasPrefix(s, "<") {
		res.message = s
	}
	return res
}

// The trailer annotateErrorBody appends to an error message so that Classify
// can recover what go-auth0's error type drops: " [errorCode; METHOD /path]"
// (the errorCode part is omitted when Auth0 sent none).
var trailerRE = regexp.MustCompile(`(?s)^(.*) \[(?:([A-Za-z0-9_.:-]+); )?([A-Z]+) (/\S*)\]$`)

func trailer(errorCode, method, path string) string {
	if errorCode != "" {
		return fmt.Sprintf(" [%s; %s %s]", errorCode, method, path)
	}
	return fmt.Sprintf(" [%s %s]", method, path)
}

// splitTrailer undoes trailer.
func splitTrailer(msg string) (message, errorCode, method, path string) {
	m := trailerRE.FindStringSubmatch(msg)
	if m == nil {
		return msg, "", "", ""
	}
	return m[1], m[2], m[3], m[4]
}

// annotateErrorBody rewrites a Management API error body so that the message
// go-auth0 keeps carries the errorCode, method and path, and so that a
// non-JSON body (e.g. from a proxy) still decodes into a useful error. Other
// fields of the body are preserved.
func annotateErrorBody(resp *http.Response, method, path string) {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()

	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		msg := strings.TrimSpace(string(raw))
		if msg == "" || len(msg) > 200 || strings.HasPrefix(msg, "<") {
			msg = http.StatusText(resp.StatusCode)
		}
		fields = map[string]any{
			"statusCode": resp.StatusCode,
			"error":      http.StatusText(resp.StatusCode),
			"message":    msg,
		}
	}
	msg, _ := fields["message"].(string)
	if msg == "" {
		if e, _ := fields["error"].(string); e != "" {
			msg = e
		} else {
			msg = http.StatusText(resp.StatusCode)
		}
	}
	code, _ := fields["errorCode"].(string)
	fields["message"] = msg + trailer(code, method, path)
	out, err := json.Marshal(fields)
	if err != nil {
		out = raw
	}
	resp.Body = io.NopCloser(bytes.NewReader(out))
	resp.ContentLength = int64(len(out))
	resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
	resp.Header.Del("Content-Encoding")
}

// idCollections are Management API collections whose next path segment is
// always an id.
var idCollections = map[string]bool{
	"clients": true, "resource-servers": true, "client-grants": true, "custom-domains": true,
	"users": true, "roles": true, "organizations": true, "connections": true, "grants": true,
	"rules": true, "hooks": true, "log-streams": true, "device-credentials": true,
	"credentials": true, "enrollments": true,
}

// staticSegment is a path word, or an API version such as the My Account
// API's v1.
var staticSegment = regexp.MustCompile(`^([a-z][a-z-]{0,39}|v[0-9])$`)

// Route returns a low-cardinality route for metrics: the escaped path with
// ids (and URL-encoded identifiers) replaced by {id}, e.g.
// "/api/v2/clients/{id}" or "/api/v2/resource-servers/{id}".
func Route(path string) string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if s == "" || (i == 1 && s == "api") || (i == 2 && s == "v2" && segs[1] == "api") {
			continue
		}
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		if idCollections[prev] && i >= 4 || !staticSegment.MatchString(s) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

// roundDuration keeps error messages readable.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	default:
		return d.Round(time.Millisecond)
	}
}

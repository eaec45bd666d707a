package auth0sim

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxBodySize: real Auth0 answers a larger body 413 "Payload content length
// greater than maximum allowed: 1048576" (the message a user of real Auth0
// reported in auth0/auth0.js#1133; docs do not state the limit).
const maxBodySize = 1 << 20

// Fault makes the next Count /api/v2 requests matching Method and PathPrefix
// misbehave. It is applied before rate limiting, authentication and the
// handler, and the faulted requests still count in Counts/Total.
//
// A fault whose PathPrefix is "/oauth/token" (or another prefix of it) applies
// to token requests instead, answering with an OAuth-style error body.
//
// Note that net/http transparently retries an idempotent request (GET) once
// when a reused keep-alive connection is dropped, so a DropConnection fault
// with Count 1 may be invisible to a GET on a reused connection; use a Count
// of 2 or a non-idempotent method to observe the error.
type Fault struct {
	// Method to match; "" matches any.
	Method string
	// PathPrefix to match against the (unescaped) request path, e.g.
	// "/api/v2/clients"; "" matches any /api/v2 path.
	PathPrefix string
	// Path, if set, must equal the (unescaped) request path, e.g.
	// "/api/v2/resource-servers" for the list but not one API.
	Path string
	// Status to answer with (e.g. 503 or 429); 0 lets the request through after Latency.
	Status int
	// Count is how many matching requests the fault applies to. 0 means 1;
	// a negative Count applies until ClearFaults.
	Count int
	// Latency is added before answering (or before passing the request on).
	Latency time.Duration
	// DropConnection hijacks and closes the connection without a response.
	DropConnection bool
	// ResetAfter sets x-ratelimit-reset to now+ResetAfter (for 429 faults).
	ResetAfter time.Duration
}

type faultEntry struct {
	f         Fault
	remaining int // <0: unlimited
}

// InjectFault queues a fault. Faults are matched in the order they were injected.
func (s *Server) InjectFault(f Fault) {
	n := f.Count
	if n == 0 {
		n = 1
	}
	s.cmu.Lock()
	defer s.cmu.Unlock()
	s.faults = append(s.faults, &faultEntry{f: f, remaining: n})
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	s.faults = nil
}

// Counts returns the number of /api/v2 requests per "METHOD route", the
// route being a pattern of the routes table (such as
// "GET /api/v2/clients/{id}"). A known path with a method the emulator does
// not implement counts under its pattern (and answers 501); unknown paths
// count as "METHOD /api/v2/*". GET /__sim/requests serves the same counters.
func (s *Server) Counts() map[string]int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	m := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		m[k] = v
	}
	return m
}

// Total is the number of /api/v2 requests that reached the tenant (including
// 401/403/404/429 answers and faults).
func (s *Server) Total() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	n := 0
	for _, v := range s.counts {
		n += v
	}
	return n
}

// Writes is the number of POST/PATCH/PUT/DELETE /api/v2 requests answered 2xx.
func (s *Server) Writes() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.writes
}

// RateLimited is the number of /api/v2 requests the rate limit refused.
func (s *Server) RateLimited() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.rateLimited
}

// TokenRequests is the number of requests to /oauth/token.
func (s *Server) TokenRequests() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.tokenRequests
}

// RequestCounts is what GET /__sim/requests answers.
type RequestCounts struct {
	Total         int `json:"total"`
	Writes        int `json:"writes"`
	TokenRequests int `json:"token_requests"`
	// RateLimited is how many of Total the rate limit refused (429).
	RateLimited int            `json:"rate_limited"`
	ByRoute     map[string]int `json:"by_route"`
}

// serveRequestCounts serves the counters outside /api/v2, so that anyone
// driving `myaccount sim` can measure what a run costs: GET reads them,
// DELETE resets them.
func (s *Server) serveRequestCounts(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.cmu.Lock()
		rc := RequestCounts{Writes: s.writes, TokenRequests: s.tokenRequests, RateLimited: s.rateLimited, ByRoute: make(map[string]int, len(s.counts))}
		for k, v := range s.counts {
			rc.ByRoute[k] = v
			rc.Total += v
		}
		s.cmu.Unlock()
		writeJSON(w, http.StatusOK, rc)
	case http.MethodDelete:
		s.ResetCounts()
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeError(w, newAPIError(http.StatusMethodNotAllowed, r.Method+" /__sim/requests: use GET to read the counters or DELETE to reset them", ""))
	}
}

// ResetCounts zeroes every counter.
func (s *Server) ResetCounts() {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	s.counts = map[string]int{}
	s.writes, s.tokenRequests, s.rateLimited = 0, 0, 0
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if rule := corsRuleFor(p); rule != nil && r.Method == http.MethodOptions {
		s.servePreflight(w, r, rule)
		return
	}
	switch {
	case p == "/oauth/token":
		s.handleToken(w, r)
	case p == "/authorize":
		s.handleAuthorize(w, r)
	case p == loginPath:
		s.handleLogin(w, r)
	case p == "/me/v1" || strings.HasPrefix(p, "/me/v1/"):
		s.serveMe(w, r)
	case p == "/my-org/v1" || strings.HasPrefix(p, "/my-org/v1/"):
		s.serveMyOrg(w, r)
	case p == "/.well-known/jwks.json":
		s.handleJWKS(w, r)
	case p == "/.well-known/openid-configuration":
		s.handleOpenIDConfig(w, r)
	case p == "/api/v2" || strings.HasPrefix(p, "/api/v2/"):
		s.serveAPI(w, r)
	case p == "/__sim/requests":
		s.serveRequestCounts(w, r)
	default:
		writeError(w, errNotFound())
	}
}

// apiError is an Auth0 Management API error envelope.
type apiError struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode,omitempty"`
}

func newAPIError(status int, message, code string) *apiError {
	return &apiError{StatusCode: status, Error: http.StatusText(status), Message: message, ErrorCode: code}
}

func errNotFound() *apiError { return newAPIError(404, "Not Found", "") }
func errBody(msg string) *apiError {
	return newAPIError(400, "Payload validation error: '"+msg+"'.", "invalid_body")
}

// errAdditional names every property of a body (or of the object at the
// property path on, when on is not "") that the schema does not declare.
func errAdditional(on string, props ...string) *apiError {
	msg := "Additional properties not allowed: " + strings.Join(props, ",")
	if on != "" {
		msg += "' on property " + on
		return newAPIError(400, "Payload validation error: '"+msg+".", "invalid_body")
	}
	return errBody(msg)
}

// undeclaredProps lists the keys of obj that declared refuses, in body order.
func undeclaredProps(obj orderedObject, declared func(string) bool) []string {
	var bad []string
	for _, f := range obj {
		if !declared(f.Key) && !slices.Contains(bad, f.Key) {
			bad = append(bad, f.Key)
		}
	}
	return bad
}

// checkProps answers errAdditional for every undeclared key of obj, or nil.
func checkProps(obj orderedObject, on string, declared func(string) bool) *apiError {
	if bad := undeclaredProps(obj, declared); len(bad) > 0 {
		return errAdditional(on, bad...)
	}
	return nil
}

// checkKeys is checkProps for a decoded nested object, keys sorted.
func checkKeys(m map[string]json.RawMessage, on string, declared ...string) *apiError {
	var bad []string
	for k := range m {
		if !slices.Contains(declared, k) {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return errAdditional(on, bad...)
}

// inSet adapts a set to checkProps.
func inSet(set map[string]bool, extra ...string) func(string) bool {
	return func(k string) bool { return set[k] || slices.Contains(extra, k) }
}
func errInvalidJSON() *apiError {
	return newAPIError(400, "Invalid request payload JSON format", "invalid_body")
}
func errQuery(msg string) *apiError {
	return newAPIError(400, "Query validation error: '"+msg+"'.", "invalid_query_string")
}
func errRateLimited() *apiError {
	return newAPIError(429, "Global limit has been reached", "too_many_requests")
}

// errInternal answers a write whose state file could not be saved.
func errInternal() *apiError { return newAPIError(500, "Internal Server Error", "") }

func writeError(w http.ResponseWriter, e *apiError) { writeJSON(w, e.StatusCode, e) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
}

// route describes a parsed /api/v2 path.
type route struct {
	pattern string // e.g. "clients/{id}", or "*"
	id      string // escaped path segment for {id}
	scope   string // required scope ("" = unsupported method)
}

// routes are the Management API calls the emulator serves, with the scope
// each needs (from Auth0's "Management API scopes by call") and the query
// parameters each declares. The declared parameters come from the published
// spec as github.com/auth0/go-auth0/v3 v3.0.0 management/requests.go encodes
// it, except where a comment names another source.
var routes = []struct{ method, pattern, scope, query string }{
	// from,take: inference from the spec's description of q, which "requires
	// use of the from and take paging parameters".
	{"GET", "clients", "read:clients", "fields,include_fields,page,per_page,include_totals,is_global,is_first_party,app_type,external_client_id,q,from,take"},
	{"POST", "clients", "create:clients", ""},
	{"GET", "clients/{id}", "read:clients", "fields,include_fields"},
	{"PATCH", "clients/{id}", "update:clients", ""},
	{"DELETE", "clients/{id}", "delete:clients", ""},
	{"GET", "resource-servers", "read:resource_servers", "identifiers,page,per_page,include_totals,include_fields"},
	{"POST", "resource-servers", "create:resource_servers", ""},
	{"GET", "resource-servers/{id}", "read:resource_servers", "include_fields"},
	{"PATCH", "resource-servers/{id}", "update:resource_servers", ""},
	{"DELETE", "resource-servers/{id}", "delete:resource_servers", ""},
	// page,per_page,include_totals: recorded (the v3 spec lists only the
	// checkpoint parameters, but real tenants page grants with them).
	{"GET", "client-grants", "read:client_grants", "from,take,audience,client_id,allow_any_organization,subject_type,default_for,page,per_page,include_totals"},
	{"POST", "client-grants", "create:client_grants", ""},
	{"GET", "client-grants/{id}", "read:client_grants", ""},
	{"PATCH", "client-grants/{id}", "update:client_grants", ""},
	{"DELETE", "client-grants/{id}", "delete:client_grants", ""},
	// take,from: published docs (cited by auth0/node-auth0 pull request
	// #1089); q,fields,include_fields,sort: the v3 spec.
	{"GET", "custom-domains", "read:custom_domains", "q,fields,include_fields,sort,take,from"},
	{"GET", "custom-domains/{id}", "read:custom_domains", ""},
	{"GET", "guardian/policies", "read:mfa_policies", ""},
}

// routeScopes maps "METHOD pattern" to the scope it needs, routeQuery maps
// it to the query parameters it declares, and patterns lists every pattern
// served.
var routeScopes, routeQuery, patterns = func() (map[string]string, map[string]map[string]bool, map[string]bool) {
	scopes, query, pats := map[string]string{}, map[string]map[string]bool{}, map[string]bool{}
	for _, r := range routes {
		key := r.method + " " + r.pattern
		scopes[key] = r.scope
		query[key] = map[string]bool{}
		for _, q := range strings.Split(r.query, ",") {
			if q != "" {
				query[key][q] = true
			}
		}
		pats[r.pattern] = true
	}
	return scopes, query, pats
}()

// undeclaredQuery lists the query parameters of rawQuery that the route does
// not declare, in the order they first appear. Auth0 validates the query
// string against the route's schema and refuses any other parameter.
func undeclaredQuery(method, pattern, rawQuery string) []string {
	declared := routeQuery[method+" "+pattern]
	var bad []string
	for _, pair := range strings.Split(rawQuery, "&") {
		if pair == "" {
			continue
		}
		k, _, _ := strings.Cut(pair, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if !declared[k] && !slices.Contains(bad, k) {
			bad = append(bad, k)
		}
	}
	return bad
}

// ManagementScopes lists every Management API scope the emulator checks, in
// the order of its routes.
func ManagementScopes() []string {
	var out []string
	for _, r := range routes {
		if !slices.Contains(out, r.scope) {
			out = append(out, r.scope)
		}
	}
	return out
}

func parseRoute(method, escPath string) route {
	rest := strings.Trim(strings.TrimPrefix(escPath, "/api/v2"), "/")
	var rt route
	switch segs := strings.Split(rest, "/"); {
	case patterns[rest]:
		rt.pattern = rest
	case len(segs) == 2 && segs[1] != "" && patterns[segs[0]+"/{id}"]:
		rt.pattern = segs[0] + "/{id}"
		rt.id = segs[1]
	default:
		rt.pattern = "*"
	}
	rt.scope = routeScopes[method+" "+rt.pattern]
	return rt
}

// statusRecorder captures the status code written.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (sr *statusRecorder) WriteHeader(code int) {
	if sr.status == 0 {
		sr.status = code
	}
	sr.ResponseWriter.WriteHeader(code)
}

func (sr *statusRecorder) Write(b []byte) (int, error) {
	if sr.status == 0 {
		sr.status = http.StatusOK
	}
	return sr.ResponseWriter.Write(b)
}

func isWriteMethod(m string) bool {
	switch m {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rt := parseRoute(r.Method, r.URL.EscapedPath())
	tmpl := r.Method + " /api/v2/" + rt.pattern

	if s.answerFault(w, r, false, func() { s.counts[tmpl]++ }, func(f *Fault) { s.writeFault(w, f, tmpl) }) {
		return
	}

	limit, remaining, reset, next, ok := s.takeToken(tmpl)
	setRateHeaders(w.Header(), limit, remaining, reset)
	if !ok {
		s.cmu.Lock()
		s.rateLimited++
		s.cmu.Unlock()
		setRetryAfter(w.Header(), next)
		writeError(w, errRateLimited())
		return
	}

	scopes, authErr := s.verifyBearer(r)
	if authErr != "" {
		writeError(w, newAPIError(401, authErr, ""))
		return
	}
	if rt.scope == "" && rt.pattern != "*" {
		// A known path with a method the emulator does not implement: never
		// a 404, which a client would read as a missing object.
		writeError(w, newAPIError(http.StatusNotImplemented, fmt.Sprintf("auth0sim does not implement %s %s", r.Method, r.URL.Path), "not_implemented"))
		return
	}
	if rt.scope == "" {
		writeError(w, errNotFound())
		return
	}
	if !contains(scopes, rt.scope) {
		writeError(w, newAPIError(403, "Insufficient scope, expected any of: "+rt.scope, "insufficient_scope"))
		return
	}
	if bad := undeclaredQuery(r.Method, rt.pattern, r.URL.RawQuery); len(bad) > 0 {
		writeError(w, errQuery("Additional properties not allowed: "+strings.Join(bad, ",")))
		return
	}

	status, served := s.serveWrite(w, r, rt)
	if served && isWriteMethod(r.Method) && status >= 200 && status < 300 {
		s.cmu.Lock()
		s.writes++
		s.cmu.Unlock()
	}
}

func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, rt route) {
	var obj orderedObject
	if r.Method == http.MethodPost || r.Method == http.MethodPatch {
		var e *apiError
		if obj, e = readObject(r); e != nil {
			writeError(w, e)
			return
		}
	}
	status, body, e := s.serveRoute(r.Method, rt, r.URL.Query(), obj)
	if e != nil {
		writeError(w, e)
		return
	}
	if status == 0 {
		status = http.StatusOK
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, body)
}

// serveRoute runs the Management API route rt for method, with the query q
// and the body obj (POST and PATCH): the status (0 for 200 OK) and the body
// of the answer, or its error.
func (s *Server) serveRoute(method string, rt route, q url.Values, obj orderedObject) (status int, body any, e *apiError) {
	switch method + " " + rt.pattern {
	case "GET clients":
		body, e = s.listClients(q)
	case "GET clients/{id}":
		body, e = s.getClient(unescapeSeg(rt.id), q)
	case "POST clients":
		body, e = s.createClient(obj)
		status = http.StatusCreated
	case "DELETE clients/{id}":
		e = s.deleteClient(unescapeSeg(rt.id))
		status = http.StatusNoContent
	case "PATCH clients/{id}":
		body, e = s.patchClient(unescapeSeg(rt.id), obj)
	case "GET resource-servers":
		body, e = s.listResourceServers(q)
	case "POST resource-servers":
		body, e = s.createResourceServer(obj)
		status = http.StatusCreated
	case "GET resource-servers/{id}":
		body, e = s.getResourceServer(rt.id)
	case "PATCH resource-servers/{id}":
		body, e = s.patchResourceServer(rt.id, obj)
	case "DELETE resource-servers/{id}":
		e = s.deleteResourceServer(rt.id)
		status = http.StatusNoContent
	case "GET client-grants":
		body, e = s.listGrants(q)
	case "POST client-grants":
		body, e = s.createGrant(obj)
		status = http.StatusCreated
	case "GET client-grants/{id}":
		body, e = s.getGrant(unescapeSeg(rt.id))
	case "PATCH client-grants/{id}":
		body, e = s.patchGrant(unescapeSeg(rt.id), obj)
	case "DELETE client-grants/{id}":
		e = s.deleteGrant(unescapeSeg(rt.id))
		status = http.StatusNoContent
	case "GET custom-domains":
		body = s.listCustomDomains()
	case "GET custom-domains/{id}":
		body, e = s.getCustomDomain(unescapeSeg(rt.id))
	case "GET guardian/policies":
		s.mu.Lock()
		body = append([]string{}, s.st.MFAPolicies...)
		s.mu.Unlock()
	default:
		e = errNotFound()
	}
	return status, body, e
}

func unescapeSeg(seg string) string {
	if v, err := url.PathUnescape(seg); err == nil {
		return v
	}
	return seg
}

// takeFaultLocked returns the first matching fault (consuming one use). s.cmu
// must be held. Token-endpoint requests only match faults whose PathPrefix is
// set and matches (e.g. "/oauth/token").
func (s *Server) takeFaultLocked(method, path string, token bool) *Fault {
	for i, fe := range s.faults {
		if fe.f.Method != "" && !strings.EqualFold(fe.f.Method, method) {
			continue
		}
		if fe.f.PathPrefix != "" && !strings.HasPrefix(path, fe.f.PathPrefix) {
			continue
		}
		if fe.f.Path != "" && path != fe.f.Path {
			continue
		}
		if token && fe.f.PathPrefix == "" && fe.f.Path == "" {
			continue
		}
		f := fe.f
		if fe.remaining > 0 {
			fe.remaining--
			if fe.remaining == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f
	}
	return nil
}

func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (s *Server) writeFault(w http.ResponseWriter, f *Fault, tmpl string) {
	limit, remaining, reset := s.peekBucket(tmpl)
	if f.Status == http.StatusTooManyRequests {
		until := time.Now().Add(f.ResetAfter)
		setRateHeaders(w.Header(), limit, 0, ceilUnix(until))
		setRetryAfter(w.Header(), until)
		writeError(w, errRateLimited())
		return
	}
	setRateHeaders(w.Header(), limit, remaining, reset)
	var e *apiError
	switch f.Status {
	case http.StatusServiceUnavailable:
		e = newAPIError(503, "The service is temporarily unavailable. Please try again later.", "service_unavailable")
	case http.StatusInternalServerError:
		e = newAPIError(500, "Internal Server Error", "internal_error")
	case http.StatusBadGateway:
		e = newAPIError(502, "Bad Gateway", "bad_gateway")
	case http.StatusGatewayTimeout:
		e = newAPIError(504, "Gateway Timeout", "gateway_timeout")
	default:
		text := http.StatusText(f.Status)
		if text == "" {
			text = "Injected fault"
		}
		e = &apiError{StatusCode: f.Status, Error: text, Message: "Injected fault: " + text, ErrorCode: "injected_fault"}
	}
	writeError(w, e)
}

// setRateHeaders sets Auth0's x-ratelimit-* response headers; reset is in
// Unix seconds.
func setRateHeaders(h http.Header, limit, remaining int, reset int64) {
	h.Set("x-ratelimit-limit", strconv.Itoa(limit))
	h.Set("x-ratelimit-remaining", strconv.Itoa(remaining))
	h.Set("x-ratelimit-reset", strconv.FormatInt(reset, 10))
}

func ceilUnix(t time.Time) int64 {
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	return sec
}

// unlimitedLimit is reported in x-ratelimit-limit when no rate limit is set.
const unlimitedLimit = 1000

// bucket is one token bucket: the tenant's, or one route's under a plan
// with per-endpoint limits.
type bucket struct {
	tokens float64
	last   time.Time
}

// bucketLocked returns the bucket for the route template, created full.
// s.cmu must be held.
func (s *Server) bucketForLocked(tmpl string, now time.Time) *bucket {
	key := ""
	if s.opts.PerRoute {
		key = tmpl
	}
	b := s.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(s.opts.Burst), last: now}
		s.buckets[key] = b
	}
	s.refillLocked(b, now)
	return b
}

// takeToken consumes one token from the route's bucket. When none is left,
// ok is false and next is when the next token is back (reset is next in
// Unix seconds, rounded up).
func (s *Server) takeToken(tmpl string) (limit, remaining int, reset int64, next time.Time, ok bool) {
	if s.opts.RateLimit == 0 {
		limit, remaining, reset = s.peekBucket(tmpl)
		return limit, remaining, reset, time.Time{}, true
	}
	now := time.Now()
	s.cmu.Lock()
	defer s.cmu.Unlock()
	b := s.bucketForLocked(tmpl, now)
	if b.tokens < 1 {
		next := now.Add(time.Duration((1 - b.tokens) / s.opts.RateLimit * float64(time.Second)))
		return s.opts.Burst, 0, ceilUnix(next), next, false
	}
	b.tokens--
	limit, remaining, reset = s.headersLocked(b, now)
	return limit, remaining, reset, time.Time{}, true
}

// peekBucket reports the route's bucket without taking a token.
func (s *Server) peekBucket(tmpl string) (limit, remaining int, reset int64) {
	now := time.Now()
	if s.opts.RateLimit == 0 {
		return unlimitedLimit, unlimitedLimit, now.Unix()
	}
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.headersLocked(s.bucketForLocked(tmpl, now), now)
}

// headersLocked is the bucket as the x-ratelimit-* headers give it: its
// size, the whole tokens left and when it is full again. s.cmu must be held.
func (s *Server) headersLocked(b *bucket, now time.Time) (limit, remaining int, reset int64) {
	full := now.Add(time.Duration((float64(s.opts.Burst) - b.tokens) / s.opts.RateLimit * float64(time.Second)))
	return s.opts.Burst, int(math.Floor(b.tokens)), ceilUnix(full)
}

func (s *Server) refillLocked(b *bucket, now time.Time) {
	el := now.Sub(b.last).Seconds()
	if el > 0 {
		b.tokens = math.Min(float64(s.opts.Burst), b.tokens+el*s.opts.RateLimit)
		b.last = now
	}
}

// setRetryAfter sets Retry-After to the whole seconds (rounded up, at least
// 1) until a token is back: Auth0's newer APIs send it with every 429.
func setRetryAfter(h http.Header, until time.Time) {
	secs := int64(math.Ceil(time.Until(until).Seconds()))
	if secs < 1 {
		secs = 1
	}
	h.Set("Retry-After", strconv.FormatInt(secs, 10))
}

// ---- request body helpers ----

type kv struct {
	Key   string
	Value json.RawMessage
}

// orderedObject is a JSON object with its keys in body order.
type orderedObject []kv

func (o orderedObject) get(k string) (json.RawMessage, bool) {
	for _, e := range o {
		if e.Key == k {
			return e.Value, true
		}
	}
	return nil, false
}

func readObject(r *http.Request) (orderedObject, *apiError) {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBodySize+1))
	if err != nil {
		return nil, errInvalidJSON()
	}
	if len(b) > maxBodySize {
		return nil, newAPIError(413, "Payload content length greater than maximum allowed: 1048576", "")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return orderedObject{}, nil
	}
	obj, err := parseOrdered(b)
	if err != nil {
		return nil, errInvalidJSON()
	}
	return obj, nil
}

func parseOrdered(b []byte) (orderedObject, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not an object")
	}
	var obj orderedObject
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, ok := kt.(string)
		if !ok {
			return nil, errors.New("bad key")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		obj = append(obj, kv{k, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return obj, nil
}

func jsonType(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "null"
	}
	switch t[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	default:
		if bytes.ContainsAny(t, ".eE") {
			return "number"
		}
		return "integer"
	}
}

func decodeString(raw json.RawMessage, prop string) (string, *apiError) {
	var v string
	if jsonType(raw) != "string" || json.Unmarshal(raw, &v) != nil {
		return "", newAPIError(400, fmt.Sprintf("Payload validation error: 'Expected type string but found type %s' on property %s.", jsonType(raw), prop), "invalid_body")
	}
	return v, nil
}

func decodeBool(raw json.RawMessage, prop string) (bool, *apiError) {
	var v bool
	if jsonType(raw) != "boolean" || json.Unmarshal(raw, &v) != nil {
		return false, newAPIError(400, fmt.Sprintf("Payload validation error: 'Expected type boolean but found type %s' on property %s.", jsonType(raw), prop), "invalid_body")
	}
	return v, nil
}

func decodeInt(raw json.RawMessage, prop string) (int, *apiError) {
	var v int
	if jsonType(raw) != "integer" || json.Unmarshal(raw, &v) != nil {
		return 0, newAPIError(400, fmt.Sprintf("Payload validation error: 'Expected type integer but found type %s' on property %s.", jsonType(raw), prop), "invalid_body")
	}
	return v, nil
}

// setChecked decodes raw into *dst, then checks the value (if check is set).
func setChecked[T any](raw json.RawMessage, prop string, decode func(json.RawMessage, string) (T, *apiError), dst *T, check func(T) *apiError) *apiError {
	v, e := decode(raw, prop)
	if e != nil {
		return e
	}
	*dst = v
	if check == nil {
		return nil
	}
	return check(v)
}

// setExtra keeps a body field the emulator does not model as sent; null
// removes it.
func setExtra(extra map[string]json.RawMessage, f kv) {
	if jsonType(f.Value) == "null" {
		delete(extra, f.Key)
	} else {
		extra[f.Key] = append(json.RawMessage(nil), f.Value...)
	}
}

func decodeStrings(raw json.RawMessage, prop string) ([]string, *apiError) {
	if jsonType(raw) != "array" {
		return nil, newAPIError(400, fmt.Sprintf("Payload validation error: 'Expected type array but found type %s' on property %s.", jsonType(raw), prop), "invalid_body")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errInvalidJSON()
	}
	out := make([]string, 0, len(items))
	for i, it := range items {
		v, e := decodeString(it, fmt.Sprintf("%s[%d]", prop, i))
		if e != nil {
			return nil, e
		}
		out = append(out, v)
	}
	return out, nil
}

// ---- paging ----

type paging struct {
	page, perPage int
	includeTotals bool
	paged         bool // page or per_page given explicitly
}

func parsePaging(q url.Values) (paging, *apiError) {
	p := paging{perPage: 50}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errQuery("Expected type integer but found type string' on property page (Page index of the results to return. First page is 0.)")
		}
		p.page, p.paged = n, true
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, errQuery("Expected type integer but found type string' on property per_page (Number of results per page.)")
		}
		if n < 0 || n > 100 {
			return p, errQuery(fmt.Sprintf("Value %d is not in range [0, 100]' on property per_page (Number of results per page.)", n))
		}
		p.perPage, p.paged = n, true
	}
	if v := q.Get("include_totals"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return p, errQuery("Expected type boolean but found type string' on property include_totals (Return results inside an object that contains the total result count (true) or as a direct array of results (false, default).)")
		}
		p.includeTotals = b
	}
	return p, nil
}

// window returns the [lo, hi) slice bounds of the page.
func (p paging) window(n int) (int, int) {
	lo := p.page * p.perPage
	if lo > n {
		lo = n
	}
	hi := lo + p.perPage
	if hi > n {
		hi = n
	}
	return lo, hi
}

// ---- misc ----

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

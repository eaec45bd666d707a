package auth0sim

// The My Account API: /me/v1/authentication-methods.
//
// Where it comes from:
//   - Published (the My Account API doc and Auth0's docs, in the facts
//     file): base https://{host}/me/v1 on the token's audience domain; the
//     scopes read/create/delete:me:authentication_methods (underscores); the
//     enrolment body {type: passkey, connection, identity_user_id}; errors
//     {type, status, title, detail, validation_errors}; a per-tenant limit
//     (25/s during early access) whose 429 carries retry-after,
//     x-ratelimit-limit/remaining/reset and x-auth0-error-kind:
//     global-rate-limit.
//   - Inference: the list is {"authentication_methods":[...]}; POST enrols
//     at once and answers 201 with the method (the real API starts a passkey
//     ceremony finished by POST {id}/verify, which the emulator does not
//     serve); type is "about:blank" with the status's title; the wording of
//     details; an inactive API answers 404; an undeclared query parameter or
//     body property is a 400 with validation_errors; the limit's burst
//     equals its rate; 401/403/404 and 429 count against the limit.

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// defaultMyAccountRate is the early-access per-tenant limit of the doc.
const defaultMyAccountRate = 25

// meLimiter is the My Account API's per-tenant token bucket and counter.
type meLimiter struct {
	mu       sync.Mutex
	b        *bucket
	requests int
}

// meError is the My Account API's error body.
type meError struct {
	Type             string            `json:"type"`
	Status           int               `json:"status"`
	Title            string            `json:"title"`
	Detail           string            `json:"detail"`
	ValidationErrors []validationError `json:"validation_errors,omitempty"`
}

type validationError struct {
	Detail string `json:"detail"`
	Field  string `json:"field,omitempty"`
}

func newMeError(status int, detail string, v ...validationError) *meError {
	return &meError{Type: "about:blank", Status: status, Title: http.StatusText(status), Detail: detail, ValidationErrors: v}
}

// MyAccountRequests is the number of /me/v1 requests served (preflights aside).
func (s *Server) MyAccountRequests() int {
	s.me.mu.Lock()
	defer s.me.mu.Unlock()
	return s.me.requests
}

func (s *Server) myAccountRate() float64 {
	if s.opts.MyAccountRateLimit == 0 {
		return defaultMyAccountRate
	}
	return s.opts.MyAccountRateLimit
}

// takeMe takes one token from the My Account API's bucket.
func (s *Server) takeMe(h http.Header) bool {
	rate := s.myAccountRate()
	s.me.mu.Lock()
	defer s.me.mu.Unlock()
	s.me.requests++
	if rate < 0 {
		return true
	}
	burst := math.Max(1, math.Ceil(rate))
	now := time.Now()
	if s.me.b == nil {
		s.me.b = &bucket{tokens: burst, last: now}
	}
	b := s.me.b
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(burst, b.tokens+el*rate)
		b.last = now
	}
	if b.tokens < 1 {
		next := now.Add(time.Duration((1 - b.tokens) / rate * float64(time.Second)))
		setRateHeaders(h, int(burst), 0, ceilUnix(next))
		setRetryAfter(h, next)
		h.Set("x-auth0-error-kind", "global-rate-limit")
		return false
	}
	b.tokens--
	full := now.Add(time.Duration((burst - b.tokens) / rate * float64(time.Second)))
	setRateHeaders(h, int(burst), int(math.Floor(b.tokens)), ceilUnix(full))
	return true
}

func writeMeError(w http.ResponseWriter, e *meError) { writeJSON(w, e.Status, e) }

// meRoutes: "METHOD pattern" to the scope it needs.
var meRoutes = map[string]string{
	"GET authentication-methods":         "read:me:authentication_methods",
	"POST authentication-methods":        "create:me:authentication_methods",
	"GET authentication-methods/{id}":    "read:me:authentication_methods",
	"DELETE authentication-methods/{id}": "delete:me:authentication_methods",
}

// serveMe is /me/v1: the token's client for CORS, the rate limit, the
// route, access and query checks, then the method itself.
func (s *Server) serveMe(w http.ResponseWriter, r *http.Request) {
	claims, tokenErr := s.verifyUserToken(r)
	if claims != nil {
		s.setActualCORS(w, r, claims.AZP)
	}
	if !s.takeMe(w.Header()) {
		writeMeError(w, newMeError(http.StatusTooManyRequests, "Rate limit exceeded: the My Account API allows "+strconv.FormatFloat(s.myAccountRate(), 'g', -1, 64)+" requests per second for the tenant"))
		return
	}
	pattern, id, scope, e := parseMeRoute(r.Method, r.URL.Path)
	if e != nil {
		writeMeError(w, e)
		return
	}
	if e := s.systemAccessError(myAccountAPI, r.Host, claims, tokenErr, scope); e != nil {
		writeMeError(w, e)
		return
	}
	if e := meQueryError(r, pattern); e != nil {
		writeMeError(w, e)
		return
	}
	s.serveMeMethod(w, r, pattern, id, claims.Subject)
}

// parseMeRoute finds the route of method and path: its pattern, the {id}
// segment and the scope it needs; or a 404 (501 for a method the emulator
// does not serve on a known path).
func parseMeRoute(method, path string) (pattern, id, scope string, e *meError) {
	rest := strings.Trim(strings.TrimPrefix(path, "/me/v1"), "/")
	pattern = rest
	if seg, tail, ok := strings.Cut(rest, "/"); ok && tail != "" && !strings.Contains(tail, "/") {
		pattern, id = seg+"/{id}", tail
	}
	scope, known := meRoutes[method+" "+pattern]
	if known {
		return pattern, id, scope, nil
	}
	if knownMePattern(pattern) {
		return pattern, id, "", newMeError(http.StatusNotImplemented, "auth0sim does not implement "+method+" /me/v1/"+pattern)
	}
	return pattern, id, "", newMeError(http.StatusNotFound, "Not Found")
}

// systemAccessError checks that the system API api is active on host and
// that the token (claims, or tokenErr) is valid for it and holds scope.
func (s *Server) systemAccessError(api *systemAPI, host string, claims *userClaims, tokenErr, scope string) *meError {
	audience := "https://" + host + api.path
	s.mu.Lock()
	rs := s.findRSByIdentifierLocked(audience)
	active := rs != nil && rs.system() == api
	s.mu.Unlock()
	switch {
	case !active:
		return newMeError(http.StatusNotFound, "The "+api.name+" is not active for "+audience)
	case tokenErr != "":
		return newMeError(http.StatusUnauthorized, tokenErr)
	case !slices.Contains(claims.Audience, audience):
		return newMeError(http.StatusUnauthorized, "Invalid token audience: "+strings.Join(claims.Audience, " ")+" (this API is "+audience+")")
	case !slices.Contains(strings.Fields(claims.Scope), scope):
		return newMeError(http.StatusForbidden, "Insufficient scope, expected all of: "+scope)
	}
	return nil
}

// meQueryError refuses any query parameter: no route takes one.
func meQueryError(r *http.Request, pattern string) *meError {
	return noQueryError(r, "/me/v1/"+pattern)
}

// noQueryError refuses any query parameter of a request on route, which
// takes none.
func noQueryError(r *http.Request, route string) *meError {
	if r.URL.RawQuery == "" {
		return nil
	}
	var fields []validationError
	for k := range r.URL.Query() {
		fields = append(fields, validationError{Detail: "Unknown query parameter", Field: k})
	}
	slices.SortFunc(fields, func(a, b validationError) int { return strings.Compare(a.Field, b.Field) })
	return newMeError(http.StatusBadRequest, "Invalid request query: "+r.Method+" "+route+" takes no query parameters", fields...)
}

// serveMeMethod serves an allowed request on the authentication methods of
// the user userID.
func (s *Server) serveMeMethod(w http.ResponseWriter, r *http.Request, pattern, id, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUserLocked(userID)
	if u == nil {
		writeMeError(w, newMeError(http.StatusNotFound, "The user does not exist"))
		return
	}
	switch r.Method + " " + pattern {
	case "GET authentication-methods":
		writeJSON(w, http.StatusOK, map[string]any{"authentication_methods": orEmptyMethods(u.Methods)})
	case "GET authentication-methods/{id}":
		for _, m := range u.Methods {
			if m.ID == unescapeSeg(id) {
				writeJSON(w, http.StatusOK, m)
				return
			}
		}
		writeMeError(w, newMeError(http.StatusNotFound, "Authentication method not found"))
	case "DELETE authentication-methods/{id}":
		i := slices.IndexFunc(u.Methods, func(m authMethodRec) bool { return m.ID == unescapeSeg(id) })
		if i < 0 {
			writeMeError(w, newMeError(http.StatusNotFound, "Authentication method not found"))
			return
		}
		u.Methods = slices.Delete(u.Methods, i, i+1)
		s.saveOrLogLocked()
		w.WriteHeader(http.StatusNoContent)
	case "POST authentication-methods":
		m, e := parseEnrolment(w, r, u)
		if e != nil {
			writeMeError(w, e)
			return
		}
		u.Methods = append(u.Methods, m)
		s.saveOrLogLocked()
		w.Header().Set("Location", "/me/v1/authentication-methods/"+m.ID)
		writeJSON(w, http.StatusCreated, m)
	}
}

func orEmptyMethods(in []authMethodRec) []authMethodRec {
	if in == nil {
		return []authMethodRec{}
	}
	return in
}

// knownMePattern reports whether some method serves pattern.
func knownMePattern(pattern string) bool {
	for k := range meRoutes {
		if strings.HasSuffix(k, " "+pattern) {
			return true
		}
	}
	return false
}

// parseEnrolment reads the seed document's body: type (passkey, required),
// connection and identity_user_id (optional strings), nothing else.
func parseEnrolment(w http.ResponseWriter, r *http.Request, u *userRec) (authMethodRec, *meError) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodySize)
	var body map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body == nil {
		return authMethodRec{}, newMeError(http.StatusBadRequest, "Invalid request body: a JSON object is required")
	}
	var v []validationError
	str := func(k string) string {
		raw, ok := body[k]
		if !ok {
			return ""
		}
		var x string
		if json.Unmarshal(raw, &x) != nil {
			v = append(v, validationError{Detail: "must be a string", Field: k})
		}
		return x
	}
	typ, conn, ident := str("type"), str("connection"), str("identity_user_id")
	for k := range body {
		if k != "type" && k != "connection" && k != "identity_user_id" {
			v = append(v, validationError{Detail: "Additional properties not allowed", Field: k})
		}
	}
	if _, ok := body["type"]; !ok {
		v = append(v, validationError{Detail: "is required", Field: "type"})
	} else if typ != "passkey" && len(v) == 0 {
		v = append(v, validationError{Detail: "must be one of: passkey", Field: "type"})
	}
	if len(v) > 0 {
		slices.SortFunc(v, func(a, b validationError) int { return strings.Compare(a.Field, b.Field) })
		return authMethodRec{}, newMeError(http.StatusBadRequest, "Invalid request body", v...)
	}
	if ident == "" {
		ident = strings.TrimPrefix(u.ID, "auth0|")
	}
	return authMethodRec{
		ID: "passkey|dev_" + randAlnum(22), Type: typ, CreatedAt: time.Now().UTC().Truncate(time.Second),
		IdentityUserID: ident, Connection: conn, Usage: []string{"primary"},
	}, nil
}

// verifyUserToken checks a bearer token's signature, issuer and expiry. The
// claims come back whenever the signature holds (expired or not), so that
// CORS can name the token's client; the message is empty for a valid token.
func (s *Server) verifyUserToken(r *http.Request) (*userClaims, string) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, "Missing authorization header"
	}
	raw, ok := bearerOf(h)
	if !ok {
		return nil, "Bad authorization header format: use Bearer"
	}
	claims := &userClaims{}
	// The signature first, without the claims, so that an expired token's
	// client is known for certain.
	_, err := jwt.ParseWithClaims(raw, claims, s.tenantKey, jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		return nil, "Invalid token"
	}
	s.mu.Lock()
	iss := s.userIssuerLocked(r.Host)
	s.mu.Unlock()
	err = jwt.NewValidator(jwt.WithExpirationRequired(), jwt.WithIssuer(iss)).Validate(claims)
	switch {
	case err == nil:
		return claims, ""
	case errors.Is(err, jwt.ErrTokenExpired):
		return claims, "Expired token"
	default:
		return claims, "Invalid token"
	}
}

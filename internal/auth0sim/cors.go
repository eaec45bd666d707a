package auth0sim

// The emulator's whole CORS model lives in this file, so that it is easy to
// correct when a real tenant is seen to answer otherwise.
//
// Published (the My Account API doc, "Cross-Origin Requests"; Auth0's docs,
// "Subdomain URL placeholders"): a browser may call /me/v1 and /oauth/token
// (and, by inference, /my-org/v1, the same way)
// from an origin only when that origin is in the client's Allowed Origins
// (CORS) and the client has Cross-Origin Authentication on. Origin patterns
// are http or https, with at most one "*" in the leftmost host label (with an
// optional prefix and suffix, matching exactly one label; "https://*.com"
// never works) or "{organization_name}" as the whole leftmost label.
//
// Inference (not published; chosen to be at least as strict as Auth0):
//   - A preflight (OPTIONS with Origin and Access-Control-Request-Method) is
//     answered 204 with Access-Control-Allow-Origin when SOME client of the
//     tenant allows the origin: a preflight carries no token, so the client
//     is not known yet. It does not need the My Account API to be active:
//     CORS is answered before the API is looked up, and the actual request
//     then fails in the My Account API's own shape, which the browser can
//     read.
//   - A preflight asking for a method the route does not serve, or for a
//     header outside the listed ones, gets no Access-Control-Allow-Origin.
//   - A refused preflight is still 204, with Vary and nothing else.
//   - The actual request names its client: the token's azp on /me/v1 (read
//     from a token whose signature holds, expired or not, so that the
//     browser can read the 401), client_id on /oauth/token. It gets
//     Access-Control-Allow-Origin only when that client allows the origin.
//   - No Access-Control-Allow-Credentials: the SDK sends no cookies to either
//     route. Access-Control-Expose-Headers lists the rate-limit headers so a
//     page can read a 429's retry-after.
//   - Max-Age is 600 seconds; Chromium caps it at 7200.
//   - Ports must be equal (a default port equals no port); a pattern with a
//     path other than "/" matches nothing; "{organization_name}" matches
//     nothing, since the emulator has no organizations.
//   - Preflights are not rate-limited and do not count as Management API
//     requests; Preflights() counts them.

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// corsRule is what a CORS-enabled route lets a browser do.
type corsRule struct {
	methods []string
	headers []string // lower case
}

var (
	// meCORS: the My Account API's methods; authorization for the bearer
	// token, content-type for JSON bodies, dpop for DPoP-bound tokens.
	meCORS = corsRule{
		methods: []string{"GET", "POST", "PATCH", "DELETE"},
		headers: []string{"authorization", "content-type", "dpop"},
	}
	// tokenCORS: auth0-spa-js sends Auth0-Client (its telemetry) with every
	// token request.
	tokenCORS = corsRule{
		methods: []string{"POST"},
		headers: []string{"auth0-client", "authorization", "content-type", "dpop"},
	}
	corsExposeHeaders = "retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset"
)

const corsMaxAge = 600

// corsRuleFor is the rule for a path, or nil when the path takes no
// cross-origin requests.
func corsRuleFor(path string) *corsRule {
	switch {
	case path == "/oauth/token":
		return &tokenCORS
	case path == "/me/v1" || strings.HasPrefix(path, "/me/v1/"),
		path == "/my-org/v1" || strings.HasPrefix(path, "/my-org/v1/"):
		return &meCORS
	}
	return nil
}

// isPreflight reports whether r is a CORS preflight.
func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Origin") != "" && r.Header.Get("Access-Control-Request-Method") != ""
}

// servePreflight answers an OPTIONS request on a CORS-enabled route.
func (s *Server) servePreflight(w http.ResponseWriter, r *http.Request, rule *corsRule) {
	s.cmu.Lock()
	s.preflights++
	s.cmu.Unlock()
	h := w.Header()
	h.Add("Vary", "Origin")
	h.Add("Vary", "Access-Control-Request-Method")
	h.Add("Vary", "Access-Control-Request-Headers")
	if !isPreflight(r) {
		h.Set("Allow", strings.Join(append([]string{"OPTIONS"}, rule.methods...), ", "))
		w.WriteHeader(http.StatusNoContent)
		return
	}
	origin := r.Header.Get("Origin")
	if rule.allowsRequest(r.Header.Get("Access-Control-Request-Method"), r.Header.Values("Access-Control-Request-Headers")) &&
		s.someClientAllowsOrigin(origin) {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", strings.Join(rule.methods, ", "))
		h.Set("Access-Control-Allow-Headers", strings.Join(rule.headers, ", "))
		h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
	}
	w.WriteHeader(http.StatusNoContent)
}

// allowsRequest reports whether the preflight's method and every header it
// asks for are ones the route lists.
func (rule *corsRule) allowsRequest(method string, headerLists []string) bool {
	if !slices.Contains(rule.methods, method) {
		return false
	}
	for _, list := range headerLists {
		for _, name := range strings.Split(list, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "" && !slices.Contains(rule.headers, name) {
				return false
			}
		}
	}
	return true
}

// setActualCORS sets the CORS headers of an actual (non-preflight) request
// made for clientID: Access-Control-Allow-Origin only when that client
// allows the request's Origin.
func (s *Server) setActualCORS(w http.ResponseWriter, r *http.Request, clientID string) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return
	}
	w.Header().Add("Vary", "Origin")
	s.mu.Lock()
	cr := s.findClientLocked(clientID)
	ok := cr != nil && clientAllowsOrigin(cr.Client, origin)
	s.mu.Unlock()
	if ok {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Expose-Headers", corsExposeHeaders)
	}
}

// someClientAllowsOrigin reports whether any client of the tenant allows origin.
func (s *Server) someClientAllowsOrigin(origin string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cr := range s.st.Clients {
		if clientAllowsOrigin(cr.Client, origin) {
			return true
		}
	}
	return false
}

// clientAllowsOrigin: Cross-Origin Authentication on and the origin in
// Allowed Origins (CORS).
func clientAllowsOrigin(c Client, origin string) bool {
	return c.CrossOriginAuthentication && originListed(c.AllowedOrigins, origin)
}

// originListed reports whether origin matches one of the patterns.
func originListed(patterns []string, origin string) bool {
	for _, p := range patterns {
		if OriginMatches(p, origin) {
			return true
		}
	}
	return false
}

// originParts splits an origin (or origin pattern) into lower-case scheme,
// host and port (the default port made explicit). ok is false for anything
// but http(s) with a host and no path, query or fragment beyond "/".
func originParts(raw string) (scheme, host, port string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", "", "", false
	}
	scheme = strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", "", "", false
	}
	host, port = strings.ToLower(u.Hostname()), u.Port()
	if host == "" {
		return "", "", "", false
	}
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme, host, port, true
}

// OriginMatches reports whether origin (as a browser sends it) matches an
// Allowed Origins or Allowed Web Origins entry, with Auth0's wildcard rules.
func OriginMatches(pattern, origin string) bool {
	ps, ph, pp, ok := originParts(strings.Replace(pattern, "{organization_name}", "organization-name-placeholder", 1))
	if !ok || strings.Contains(pattern, "{organization_name}") {
		// No organizations exist in the emulator, so the placeholder matches nothing.
		return false
	}
	oscheme, oh, op, ok := originParts(origin)
	if !ok || strings.Contains(oh, "*") || ps != oscheme || pp != op {
		return false
	}
	if !strings.Contains(ph, "*") {
		return ph == oh
	}
	plabel, prest, found := strings.Cut(ph, ".")
	if !found || strings.Count(ph, "*") != 1 || strings.Contains(prest, "*") || !strings.Contains(prest, ".") {
		return false // the * only in the leftmost label, and never right above a TLD
	}
	olabel, orest, found := strings.Cut(oh, ".")
	if !found || orest != prest {
		return false
	}
	prefix, suffix, _ := strings.Cut(plabel, "*")
	return len(olabel) > len(prefix)+len(suffix) && strings.HasPrefix(olabel, prefix) && strings.HasSuffix(olabel, suffix)
}

// Preflights is the number of OPTIONS requests answered on /me/v1 and /oauth/token.
func (s *Server) Preflights() int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.preflights
}

package auth0sim

// /authorize: the authorization code flow with PKCE (S256), the login page of
// the seeded test user, sessions and prompt=none, response_mode query and
// web_message.
//
// Where it comes from:
//   - Published (OAuth 2.0, OIDC, PKCE RFC 7636, Auth0's docs): response_type
//     code with code_challenge_method S256; errors after the client and
//     redirect_uri are known go back to the redirect_uri as error and
//     error_description with the state; prompt=none answers login_required
//     without a session; Allowed Callback URLs must hold the redirect_uri;
//     response_mode=web_message needs the redirect_uri's origin in Allowed
//     Web Origins; the web_message reply posts {type:"authorization_response",
//     response:{...}} to that origin (what auth0-spa-js listens for).
//   - Inference: the wording of the error pages (an unknown client, a
//     callback URL mismatch, a web_message origin not in web_origins) and
//     that they are HTML pages, not redirects; every query parameter outside
//     the OIDC and Auth0 ones listed in authorizeParams is refused; PKCE is
//     required; callbacks match exactly or with the origin wildcard rules of
//     cors.go; a code lives 5 minutes and works once; the session cookie is
//     "auth0" (SameSite=None, Secure, HttpOnly) and lives as long as the
//     emulator; a code's audience and scope are checked when it is issued
//     and again when it is exchanged.

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	sessionCookie = "auth0"
	codeLifetime  = 5 * time.Minute
	loginPath     = "/u/login"
)

// authState holds what the browser flows keep in memory: sessions, pending
// logins, codes and refresh tokens.
type authState struct {
	mu       sync.Mutex
	sessions map[string]session
	pending  map[string]*authRequest
	codes    map[string]*authCode
	refresh  map[string]*refreshGrant
	// rotated maps a refresh token already exchanged under rotation to its
	// family, so that a reuse revokes the family.
	rotated map[string]string
}

// maxAuthEntries bounds each map of authState: a long-running `myaccount
// sim` forgets an arbitrary old login, session or refresh token rather than
// grow without end.
const maxAuthEntries = 10000

// boundEntries makes room for one more entry in m. authState.mu must be held.
func boundEntries[V any](m map[string]V) {
	for k := range m {
		if len(m) < maxAuthEntries {
			return
		}
		delete(m, k)
	}
}

func newAuthState() *authState {
	return &authState{
		sessions: map[string]session{},
		pending:  map[string]*authRequest{},
		codes:    map[string]*authCode{},
		refresh:  map[string]*refreshGrant{},
		rotated:  map[string]string{},
	}
}

type session struct {
	userID   string
	authTime time.Time
}

// authRequest is a validated /authorize request.
type authRequest struct {
	clientID, redirectURI, responseMode, state, nonce string
	scope, audience, codeChallenge                    string
}

type authCode struct {
	req      authRequest
	userID   string
	authTime time.Time
	expires  time.Time
}

type refreshGrant struct {
	clientID, userID, audience, scope string
	authTime                          time.Time
	// family is shared by the tokens rotation derives from one login.
	family string
}

// authorizeParams are the query parameters /authorize takes: OAuth 2.0, OIDC
// and Auth0's own (auth0Client is the SDKs' telemetry).
var authorizeParams = map[string]bool{
	"client_id": true, "response_type": true, "redirect_uri": true, "scope": true, "audience": true,
	"state": true, "nonce": true, "code_challenge": true, "code_challenge_method": true,
	"response_mode": true, "prompt": true, "max_age": true, "login_hint": true, "ui_locales": true,
	"connection": true, "screen_hint": true, "organization": true, "invitation": true, "auth0Client": true,
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Error</title></head>
<body><h1>Oops!, something went wrong</h1><p id="error"><code>{{.Code}}</code>: <span id="error_description">{{.Description}}</span></p></body></html>`))

// authorizeErrorPage is shown when the error cannot go back to the app: the
// client or its redirect_uri is not known to be the app's.
func authorizeErrorPage(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = errorPage.Execute(w, struct{ Code, Description string }{code, desc})
}

// handleAuthorize is /authorize: where the answer goes (client, redirect_uri,
// response mode) is settled first, then the request is checked, then the
// user's session or a login decides.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		authorizeErrorPage(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed: use GET")
		return
	}
	req, ok := s.authorizeTarget(w, r.URL.Query())
	if !ok {
		return
	}
	if code, desc := s.authorizeRequestError(r, req); code != "" {
		s.authorizeError(w, req, code, desc)
		return
	}
	s.authorizeLogin(w, r, req)
}

// authorizeTarget reads the request q and checks where its answer goes: a
// known client, a listed callback and a response mode the client allows. On
// failure it answers, with an error page while the app is not known.
func (s *Server) authorizeTarget(w http.ResponseWriter, q url.Values) (authRequest, bool) {
	clientID := q.Get("client_id")
	s.mu.Lock()
	cr := s.findClientLocked(clientID)
	var c Client
	if cr != nil {
		c = cr.Client.clone()
	}
	s.mu.Unlock()
	if cr == nil {
		authorizeErrorPage(w, http.StatusBadRequest, "invalid_request", fmt.Sprintf("Unknown client: %s", clientID))
		return authRequest{}, false
	}
	req := authRequest{
		clientID: clientID, redirectURI: q.Get("redirect_uri"), responseMode: q.Get("response_mode"),
		state: q.Get("state"), nonce: q.Get("nonce"), scope: q.Get("scope"), audience: q.Get("audience"),
		codeChallenge: q.Get("code_challenge"),
	}
	if req.redirectURI == "" || !callbackListed(c.Callbacks, req.redirectURI) {
		authorizeErrorPage(w, http.StatusBadRequest, "invalid_request",
			fmt.Sprintf("Callback URL mismatch. %s is not in the list of allowed callback URLs", req.redirectURI))
		return req, false
	}
	switch req.responseMode {
	case "":
		req.responseMode = "query"
	case "query":
	case "web_message":
		if origin := originOf(req.redirectURI); !originListed(c.WebOrigins, origin) {
			authorizeErrorPage(w, http.StatusForbidden, "invalid_request",
				fmt.Sprintf("The specified redirect_uri's origin %s is not in the client's Allowed Web Origins (web_origins)", origin))
			return req, false
		}
	default:
		s.authorizeError(w, req, "invalid_request", "Unsupported response_mode: "+req.responseMode+" (use query or web_message)")
		return req, false
	}
	return req, true
}

// authorizeRequestError checks the rest of the request, whose errors go
// back to the app: the OAuth error code and description, or "".
func (s *Server) authorizeRequestError(r *http.Request, req authRequest) (code, desc string) {
	q := r.URL.Query()
	var bad []string
	for k := range q {
		if !authorizeParams[k] {
			bad = append(bad, k)
		}
	}
	slices.Sort(bad)
	switch {
	case len(bad) > 0:
		return "invalid_request", "Unknown parameters: " + strings.Join(bad, ",")
	case q.Get("response_type") != "code":
		return "unsupported_response_type", "Unsupported response type: " + q.Get("response_type") + " (the emulator serves the authorization code flow with PKCE)"
	case req.codeChallenge == "":
		return "invalid_request", "Missing required parameter: code_challenge (PKCE is required)"
	case q.Get("code_challenge_method") != "S256":
		return "invalid_request", "Unsupported code_challenge_method: " + q.Get("code_challenge_method") + " (use S256)"
	}
	if req.audience == "" {
		return "", ""
	}
	s.mu.Lock()
	_, desc = s.userAPIScopesLocked(r.Host, req.clientID, req.audience, strings.Fields(req.scope))
	s.mu.Unlock()
	if desc != "" {
		return "access_denied", desc
	}
	return "", ""
}

// authorizeLogin answers a valid request: a code from the session, the
// test user's login (AutoLogin), login_required for prompt=none, or the
// login page.
func (s *Server) authorizeLogin(w http.ResponseWriter, r *http.Request, req authRequest) {
	prompt := r.URL.Query().Get("prompt")
	sess, hasSession := s.sessionOf(r)
	switch {
	case prompt == "none" && !hasSession:
		s.authorizeError(w, req, "login_required", "Login required")
	case hasSession && prompt != "login":
		s.issueCode(w, req, sess)
	case s.opts.AutoLogin:
		s.finishLogin(w, req, s.TestUserID())
	case prompt == "none":
		s.authorizeError(w, req, "login_required", "Login required")
	default:
		id := randAlnum(32)
		s.auth.mu.Lock()
		boundEntries(s.auth.pending)
		s.auth.pending[id] = &req
		s.auth.mu.Unlock()
		http.Redirect(w, r, loginPath+"?state="+url.QueryEscape(id), http.StatusFound)
	}
}

// callbackListed: an exact entry, or one with the origin wildcard of cors.go
// and the same path.
func callbackListed(callbacks []string, uri string) bool {
	u, err := url.Parse(uri)
	if err != nil || u.Fragment != "" {
		return false
	}
	for _, cb := range callbacks {
		if cb == uri {
			return true
		}
		cu, err := url.Parse(strings.Replace(cb, "*", "wildcard", 1))
		if err != nil || !strings.Contains(cb, "*") {
			continue
		}
		cbOrigin := strings.TrimSuffix(strings.TrimSuffix(cb, cu.RequestURI()), "/")
		if cu.RequestURI() == u.RequestURI() && OriginMatches(cbOrigin, originOf(uri)) {
			return true
		}
	}
	return false
}

// originOf is scheme://host[:port] of a URL.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func (s *Server) sessionOf(r *http.Request) (session, bool) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	sess, ok := s.auth.sessions[ck.Value]
	return sess, ok
}

// finishLogin starts a session for userID and answers the request with a code.
func (s *Server) finishLogin(w http.ResponseWriter, req authRequest, userID string) {
	sess := session{userID: userID, authTime: time.Now()}
	id := randSecret()
	s.auth.mu.Lock()
	boundEntries(s.auth.sessions)
	s.auth.sessions[id] = sess
	s.auth.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteNoneMode})
	s.issueCode(w, req, sess)
}

func (s *Server) issueCode(w http.ResponseWriter, req authRequest, sess session) {
	code := randAlnum(40)
	s.auth.mu.Lock()
	now := time.Now()
	for k, c := range s.auth.codes {
		if now.After(c.expires) {
			delete(s.auth.codes, k)
		}
	}
	s.auth.codes[code] = &authCode{req: req, userID: sess.userID, authTime: sess.authTime, expires: now.Add(codeLifetime)}
	s.auth.mu.Unlock()
	s.authorizeRespond(w, req, url.Values{"code": {code}})
}

// authorizeError sends an OAuth error back to the app.
func (s *Server) authorizeError(w http.ResponseWriter, req authRequest, code, desc string) {
	s.authorizeRespond(w, req, url.Values{"error": {code}, "error_description": {desc}})
}

var webMessagePage = template.Must(template.New("wm").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Authorization Response</title></head><body>
<script>
(function () {
  var msg = {type: "authorization_response", response: {{.Response}}};
  var target = window.opener || window.parent;
  target.postMessage(msg, {{.Origin}});
})();
</script></body></html>`))

// authorizeRespond answers with params (and the state) in the request's response mode.
func (s *Server) authorizeRespond(w http.ResponseWriter, req authRequest, params url.Values) {
	if req.state != "" {
		params.Set("state", req.state)
	}
	w.Header().Set("Cache-Control", "no-store")
	if req.responseMode == "web_message" {
		resp := map[string]string{}
		for k := range params {
			resp[k] = params.Get(k)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = webMessagePage.Execute(w, struct {
			Response map[string]string
			Origin   string
		}{resp, originOf(req.redirectURI)})
		return
	}
	sep := "?"
	if strings.Contains(req.redirectURI, "?") {
		sep = "&"
	}
	w.Header().Set("Location", req.redirectURI+sep+params.Encode())
	w.WriteHeader(http.StatusFound)
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Log in | auth0sim</title>
<style>body{font-family:sans-serif;max-width:22em;margin:4em auto}input,button{display:block;width:100%;margin:.5em 0;padding:.5em}</style></head>
<body><h1>Log in</h1><p>to continue to {{.App}}</p>
{{if .Error}}<p id="error" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="/u/login">
<input type="hidden" name="state" value="{{.State}}">
<label>Email address<input id="username" name="username" type="email" autocomplete="username" value="{{.Username}}"></label>
<label>Password<input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="login" type="submit" name="action" value="default">Continue</button>
</form></body></html>`))

// handleLogin serves the login page (GET) and checks the credentials (POST).
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	id, ok := loginTransactionID(w, r)
	if !ok {
		return
	}
	s.auth.mu.Lock()
	req := s.auth.pending[id]
	s.auth.mu.Unlock()
	if req == nil {
		authorizeErrorPage(w, http.StatusBadRequest, "invalid_request", "Unknown or used login transaction: start again at /authorize")
		return
	}
	page := loginPageData{App: req.clientID, State: id}
	s.mu.Lock()
	if cr := s.findClientLocked(req.clientID); cr != nil {
		page.App = cr.Name
	}
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodPost {
		s.checkLogin(w, r, *req, page)
		return
	}
	renderLoginPage(w, http.StatusOK, page)
}

// loginPageData fills loginPage.
type loginPageData struct{ App, State, Username, Error string }

// loginTransactionID is the pending login a login page request is for: the
// state of the page's query (GET) or of the form (POST), which take nothing
// else. On failure it answers the request.
func loginTransactionID(w http.ResponseWriter, r *http.Request) (string, bool) {
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		if len(q) != 1 || q.Get("state") == "" {
			authorizeErrorPage(w, http.StatusBadRequest, "invalid_request", "The login page takes only state")
			return "", false
		}
		return q.Get("state"), true
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequestBodySize)
		if err := r.ParseForm(); err != nil {
			authorizeErrorPage(w, http.StatusBadRequest, "invalid_request", "Invalid form body")
			return "", false
		}
		for k := range r.PostForm {
			if k != "state" && k != "username" && k != "password" && k != "action" {
				authorizeErrorPage(w, http.StatusBadRequest, "invalid_request", "Unknown form field: "+k)
				return "", false
			}
		}
		return r.PostForm.Get("state"), true
	default:
		w.Header().Set("Allow", "GET, POST")
		authorizeErrorPage(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed: use GET or POST")
		return "", false
	}
}

// checkLogin checks the posted credentials: right, the login of req
// finishes (and is no longer pending); wrong, the page shows again.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request, req authRequest, page loginPageData) {
	page.Username = r.PostForm.Get("username")
	s.mu.Lock()
	u := s.checkPasswordLocked(page.Username, r.PostForm.Get("password"))
	s.mu.Unlock()
	if u == nil {
		page.Error = "Wrong email or password."
		renderLoginPage(w, http.StatusBadRequest, page)
		return
	}
	s.auth.mu.Lock()
	delete(s.auth.pending, page.State)
	s.auth.mu.Unlock()
	s.finishLogin(w, req, u.ID)
}

func renderLoginPage(w http.ResponseWriter, status int, page loginPageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = loginPage.Execute(w, page)
}

// pkceMatches checks an S256 code_verifier against its challenge.
func pkceMatches(verifier, challenge string) bool {
	if len(verifier) < 43 || len(verifier) > 128 {
		return false
	}
	sum := sha256.Sum256([]byte(verifier))
	return constantTimeEqual(base64.RawURLEncoding.EncodeToString(sum[:]), challenge)
}

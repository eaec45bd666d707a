package auth0sim

// /oauth/token for users: authorization_code (with the PKCE code_verifier)
// and refresh_token, issuing access tokens for the tenant's APIs: the system
// APIs (My Account, My Organization) on the domain the call is made to, and
// ordinary APIs by identifier. A refresh for another audience follows the
// multi-resource refresh token rules of mrrt.go.
//
// Where it comes from:
//   - Published (the facts file, the My Account API doc, Auth0's docs): the
//     audience https://{domain}/me/ (and /my-org/) works only while the
//     system API is active, on the domain the call is made to; the audience
//     of an ordinary API is its identifier; the API's
//     subject_type_authorization.user.policy decides user access:
//     require_client_grant (the default) grants the requested scopes that
//     the client's subject_type user grant holds, allow_all every requested
//     scope the API offers, deny_all nothing; a refresh token needs
//     offline_access and the API's allow_offline_access; the token lives
//     token_lifetime_for_web seconds; invalid_grant is a 403. User tokens
//     (access and ID) carry the iss of the domain the request was made to,
//     a ready custom domain or the canonical one
//     (https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens,
//     "Custom domains and the Auth0 Management API"; the multiple custom
//     domains SDK configuration page), and the APIs served at that domain
//     accept that issuer only.
//   - Inference: the wording of access_denied for a missing grant or a
//     deny_all policy; that a client without a grant gets access_denied
//     rather than a token without scopes; that the decision is made again
//     at every exchange and refresh (a grant removed later stops refreshes);
//     refresh tokens live as long as the emulator, and rotate when the
//     client's refresh_token.rotation_type is "rotating" (a reused, rotated
//     token revokes its family, as Auth0's reuse detection does; a refresh
//     refused for its audience or scope does not use the token up); only
//     spa and native clients may exchange a code without a secret; a
//     refresh for the token's own audience may narrow the scope but not
//     widen it (another audience: mrrt.go); only the parameters listed in
//     userTokenParams are accepted.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// userTokenParams are the parameters each user grant takes.
var userTokenParams = map[string][]string{
	"authorization_code": {"grant_type", "client_id", "code", "code_verifier", "redirect_uri", "audience", "scope"},
	"refresh_token":      {"grant_type", "client_id", "refresh_token", "scope", "audience", "redirect_uri"},
}

// oidcScopes are granted to a user token whatever the API's policy.
var oidcScopes = []string{"openid", "profile", "email", "offline_access"}

const idTokenLifetime = 10 * time.Hour

// userClaims are the claims of a user access token or ID token.
type userClaims struct {
	Scope    string `json:"scope,omitempty"`
	AZP      string `json:"azp,omitempty"`
	Nonce    string `json:"nonce,omitempty"`
	Email    string `json:"email,omitempty"`
	Name     string `json:"name,omitempty"`
	AuthTime int64  `json:"auth_time,omitempty"`
	jwt.RegisteredClaims
}

// userAPIScopesLocked decides the API scopes of a user token for clientID on
// audience, requested at host: the granted ones, or an access_denied
// description. s.mu must be held.
func (s *Server) userAPIScopesLocked(host, clientID, audience string, requested []string) ([]string, string) {
	rs := s.userAudienceLocked(host, audience)
	if rs == nil {
		return nil, "Service not found: " + audience
	}
	var offered []string
	for _, sc := range requested {
		if rs.offers(sc) && !slices.Contains(offered, sc) {
			offered = append(offered, sc)
		}
	}
	denied := fmt.Sprintf("Client %q is not authorized to access resource server %q", clientID, audience)
	switch rs.UserPolicy {
	case "allow_all":
		return offered, ""
	case "require_client_grant":
		for _, g := range s.st.Grants {
			if g.ClientID == clientID && g.Audience == audience && g.SubjectType == "user" {
				var granted []string
				for _, sc := range offered {
					if slices.Contains(g.Scope, sc) {
						granted = append(granted, sc)
					}
				}
				return granted, ""
			}
		}
		return nil, denied + ": it has no user client grant"
	default: // deny_all
		return nil, denied + ": the API's user access policy is " + rs.UserPolicy
	}
}

// userAudienceLocked is the API a user token for audience may be issued
// for at host: an ordinary API of the tenant, or a system API active on
// host's domain; nil if none. s.mu must be held.
func (s *Server) userAudienceLocked(host, audience string) *rsRec {
	rs := s.findRSByIdentifierLocked(audience)
	if rs == nil {
		return nil
	}
	if api := rs.system(); api != nil && audience != "https://"+host+api.path {
		return nil
	}
	return rs
}

// userIssuerLocked is the iss of user tokens requested at host: the ready
// custom domain the call was made to, or else the canonical domain. s.mu
// must be held.
func (s *Server) userIssuerLocked(host string) string {
	for _, cd := range s.st.CustomDomains {
		if cd.Status == "ready" && strings.EqualFold(cd.Domain, host) {
			return "https://" + strings.ToLower(host) + "/"
		}
	}
	return s.issuer()
}

// handleUserToken is /oauth/token for the user grants: the request's
// parameters and client are checked, then the grant type's own flow.
func (s *Server) handleUserToken(w http.ResponseWriter, r *http.Request, params url.Values) {
	if !s.checkUserTokenRequest(w, params) {
		return
	}
	clientID := params.Get("client_id")
	switch params.Get("grant_type") {
	case "authorization_code":
		if g, nonce, ok := s.exchangeCode(w, params, clientID); ok {
			s.issueUserTokens(w, r, g, nonce, &g)
		}
	case "refresh_token":
		if g, keep, ok := s.useRefreshToken(w, r, params, clientID); ok {
			s.issueUserTokens(w, r, g, "", keep)
		}
	}
}

// checkUserTokenRequest accepts only the grant type's own parameters, from
// a public (spa or native) client of the tenant. On failure it answers the
// request.
func (s *Server) checkUserTokenRequest(w http.ResponseWriter, params url.Values) bool {
	grantType := params.Get("grant_type")
	var bad []string
	for k := range params {
		if !slices.Contains(userTokenParams[grantType], k) {
			bad = append(bad, k)
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		oauthError(w, http.StatusBadRequest, "invalid_request", "Unknown parameters for grant_type "+grantType+": "+strings.Join(bad, ","))
		return false
	}
	clientID := params.Get("client_id")
	s.mu.Lock()
	cr := s.findClientLocked(clientID)
	public := cr != nil && (cr.AppType == "spa" || cr.AppType == "native")
	s.mu.Unlock()
	if !public {
		oauthError(w, http.StatusUnauthorized, "access_denied", fmt.Sprintf("Unauthorized: client_id %q is not a single-page or native application of this tenant; only those use grant_type %s without a client secret", clientID, grantType))
		return false
	}
	return true
}

// exchangeCode is the authorization_code grant: the code (used up either
// way), its redirect_uri and the PKCE verifier give the login's grant and
// nonce. On failure it answers the request.
func (s *Server) exchangeCode(w http.ResponseWriter, params url.Values, clientID string) (refreshGrant, string, bool) {
	code := params.Get("code")
	s.auth.mu.Lock()
	ac := s.auth.codes[code]
	delete(s.auth.codes, code) // a code works once, right or wrong
	s.auth.mu.Unlock()
	switch {
	case ac == nil || time.Now().After(ac.expires) || ac.req.clientID != clientID:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Invalid authorization code")
		return refreshGrant{}, "", false
	case params.Get("redirect_uri") != ac.req.redirectURI:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Redirect URI does not match the one used at /authorize")
		return refreshGrant{}, "", false
	case !pkceMatches(params.Get("code_verifier"), ac.req.codeChallenge):
		oauthError(w, http.StatusForbidden, "invalid_grant", "Failed to verify code verifier")
		return refreshGrant{}, "", false
	}
	g := refreshGrant{clientID: clientID, userID: ac.userID, audience: ac.req.audience, scope: ac.req.scope, authTime: ac.authTime, family: randAlnum(16)}
	return g, ac.req.nonce, true
}

// useRefreshToken is the refresh_token grant: the grant the token holds,
// for the requested audience and scope (mrrt.go), and (under rotation) what
// the next refresh token holds. On failure it answers the request.
func (s *Server) useRefreshToken(w http.ResponseWriter, r *http.Request, params url.Values, clientID string) (g refreshGrant, keep *refreshGrant, ok bool) {
	rt := params.Get("refresh_token")
	rotating := s.clientRotatesRefreshTokens(clientID)
	rg := s.lookupRefreshToken(rt)
	if rg == nil || rg.clientID != clientID {
		oauthError(w, http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
		return g, nil, false
	}
	// The request is decided before a rotating token is used up
	// (inference: a refused audience or scope leaves the token valid).
	g, denied := s.refreshRequest(r.Host, *rg, params.Get("audience"), params.Get("scope"))
	if denied == "" {
		s.mu.Lock()
		_, denied = s.userTokenTermsLocked(r.Host, g)
		s.mu.Unlock()
	}
	if denied != "" {
		oauthError(w, http.StatusForbidden, "access_denied", denied)
		return g, nil, false
	}
	if !rotating {
		return g, nil, true
	}
	if !s.rotateRefreshToken(rt, rg) {
		oauthError(w, http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token.")
		return g, nil, false
	}
	return g, rg, true
}

// lookupRefreshToken is the grant a refresh token holds, or nil.
func (s *Server) lookupRefreshToken(rt string) *refreshGrant {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	rg := s.auth.refresh[rt]
	if fam, reused := s.auth.rotated[rt]; reused && rg == nil {
		// Reuse detection: a rotated-away token revokes its family.
		for k, x := range s.auth.refresh {
			if x.family == fam {
				delete(s.auth.refresh, k)
			}
		}
	}
	return rg
}

// refreshScope decides the scope of a refresh of g for its own audience and
// the requested scope (optional): the scope, or an access_denied
// description. A refresh may narrow the scope but not widen it.
func refreshScope(g refreshGrant, scope string) (string, string) {
	if scope == "" {
		return g.scope, ""
	}
	for _, x := range strings.Fields(scope) {
		if !slices.Contains(strings.Fields(g.scope), x) {
			return "", "Scope " + x + " was not granted to the refresh token (it holds: " + g.scope + ")"
		}
	}
	return scope, ""
}

// rotateRefreshToken uses up rt, which held rg, and remembers its family for
// reuse detection. It reports false when a concurrent refresh used it first.
func (s *Server) rotateRefreshToken(rt string, rg *refreshGrant) bool {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	if s.auth.refresh[rt] != rg { // not used up by a concurrent refresh
		return false
	}
	delete(s.auth.refresh, rt)
	boundEntries(s.auth.rotated)
	s.auth.rotated[rt] = rg.family
	return true
}

// clientRotatesRefreshTokens reports whether the client's refresh_token
// settings (set through the Management API) say rotation_type "rotating".
func (s *Server) clientRotatesRefreshTokens(clientID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cr := s.findClientLocked(clientID)
	if cr == nil {
		return false
	}
	var rt struct {
		RotationType string `json:"rotation_type"`
	}
	return json.Unmarshal(cr.Extra["refresh_token"], &rt) == nil && rt.RotationType == "rotating"
}

// issueUserTokens decides the scopes again and answers the access token, an
// ID token (openid) and, when keep is set (a code exchange, or a refresh
// under rotation), a refresh token holding keep (offline_access).
func (s *Server) issueUserTokens(w http.ResponseWriter, r *http.Request, g refreshGrant, nonce string, keep *refreshGrant) {
	s.mu.Lock()
	u := s.findUserLocked(g.userID)
	t, denied := s.userTokenTermsLocked(r.Host, g)
	iss := s.userIssuerLocked(r.Host)
	s.mu.Unlock()
	if denied != "" {
		oauthError(w, http.StatusForbidden, "access_denied", denied)
		return
	}
	if u == nil {
		oauthError(w, http.StatusForbidden, "invalid_grant", "The user no longer exists")
		return
	}
	now := time.Now()
	access, err := s.sign(userClaims{
		Scope: strings.Join(t.scopes, " "), AZP: g.clientID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: iss, Subject: u.ID, Audience: t.audience,
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(t.lifetime)),
		},
	})
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", "could not sign token")
		return
	}
	body := map[string]any{
		"access_token": access,
		"scope":        strings.Join(t.scopes, " "),
		"expires_in":   int(t.lifetime / time.Second),
		"token_type":   "Bearer",
	}
	if slices.Contains(t.scopes, "openid") {
		id, err := s.signIDToken(u, g, nonce, iss, now)
		if err != nil {
			oauthError(w, http.StatusInternalServerError, "server_error", "could not sign token")
			return
		}
		body["id_token"] = id
	}
	if keep != nil && t.offline && slices.Contains(t.scopes, "offline_access") {
		body["refresh_token"] = s.storeRefreshToken(*keep)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, body)
}

// userTokenTerms are what a user access token carries besides the user.
type userTokenTerms struct {
	scopes   []string
	audience jwt.ClaimStrings
	lifetime time.Duration
	// offline: the API allows refresh tokens (offline_access).
	offline bool
}

// userTokenTermsLocked decides the terms of the tokens for g, requested at
// host: the OIDC scopes asked for, plus, for an API audience, the API scopes
// its policy grants, its lifetime and offline access; or an access_denied
// description. s.mu must be held.
func (s *Server) userTokenTermsLocked(host string, g refreshGrant) (userTokenTerms, string) {
	requested := strings.Fields(g.scope)
	userinfo := s.userIssuerLocked(host) + "userinfo"
	t := userTokenTerms{audience: jwt.ClaimStrings{userinfo}, lifetime: tokenLifetime, offline: true}
	for _, sc := range requested {
		if slices.Contains(oidcScopes, sc) {
			t.scopes = append(t.scopes, sc)
		}
	}
	if g.audience != "" {
		api, desc := s.userAPIScopesLocked(host, g.clientID, g.audience, requested)
		if desc != "" {
			return t, desc
		}
		t.scopes = append(t.scopes, api...)
		rs := s.findRSByIdentifierLocked(g.audience)
		t.lifetime = time.Duration(rs.TokenLifetimeForWeb) * time.Second
		t.offline = rs.AllowOfflineAccess
		t.audience = jwt.ClaimStrings{g.audience}
		if slices.Contains(requested, "openid") {
			t.audience = append(t.audience, userinfo)
		}
	}
	if !t.offline {
		t.scopes = slices.DeleteFunc(t.scopes, func(sc string) bool { return sc == "offline_access" })
	}
	return t, ""
}

// signIDToken signs the ID token of u's login g for its client, issued by iss.
func (s *Server) signIDToken(u *userRec, g refreshGrant, nonce, iss string, now time.Time) (string, error) {
	return s.sign(userClaims{
		Nonce: nonce, Email: u.Email, Name: u.Name, AuthTime: g.authTime.Unix(),
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: iss, Subject: u.ID, Audience: jwt.ClaimStrings{g.clientID},
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(idTokenLifetime)),
		},
	})
}

// storeRefreshToken makes a new refresh token holding keep.
func (s *Server) storeRefreshToken(keep refreshGrant) string {
	rt := "v1." + randSecret()
	s.auth.mu.Lock()
	boundEntries(s.auth.refresh)
	s.auth.refresh[rt] = &keep
	s.auth.mu.Unlock()
	return rt
}

// IssueUserToken mints an access token for the test user, from clientID, on
// the My Account API of the canonical domain, carrying exactly these scopes
// and expiring after ttl (negative gives an expired token). It is a test
// helper: no policy or grant is checked and nothing is counted.
func (s *Server) IssueUserToken(clientID string, scopes []string, ttl time.Duration) string {
	now := time.Now()
	tok, err := s.sign(userClaims{
		Scope: strings.Join(scopes, " "), AZP: clientID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: s.issuer(), Subject: s.TestUserID(), Audience: jwt.ClaimStrings{s.URL() + "/me/"},
			IssuedAt: jwt.NewNumericDate(now.Add(-time.Minute)), ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	})
	if err != nil {
		panic(err)
	}
	return tok
}

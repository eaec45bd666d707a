package auth0sim

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	tokenLifetime           = 24 * time.Hour
	clientAssertionType     = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	maxTokenRequestBodySize = 1 << 20
)

// tokenClaims are the claims of an issued Management API access token.
type tokenClaims struct {
	Scope string `json:"scope"`
	GTY   string `json:"gty,omitempty"`
	AZP   string `json:"azp,omitempty"`
	jwt.RegisteredClaims
}

func (s *Server) managementAudience() string { return s.URL() + "/api/v2/" }
func (s *Server) issuer() string             { return s.URL() + "/" }

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// handleToken is /oauth/token: injected faults first, then the grant type
// picks the flow.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if s.answerFault(w, r, true, func() { s.tokenRequests++ }, func(f *Fault) { writeTokenFault(w, f) }) {
		return
	}

	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request", "Method not allowed")
		return
	}
	params, err := readTokenParams(w, r)
	s.setActualCORS(w, r, params.Get("client_id"))
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	grantType := params.Get("grant_type")
	if _, user := userTokenParams[grantType]; user {
		s.handleUserToken(w, r, params)
		return
	}
	switch grantType {
	case "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "Missing required parameter: grant_type")
	case "client_credentials":
		s.handleClientCredentials(w, r, params)
	default:
		oauthError(w, http.StatusForbidden, "unsupported_grant_type", "Unsupported grant type: "+grantType)
	}
}

// writeTokenFault answers a token request with an injected fault status, in
// the OAuth error form of the token endpoint.
func writeTokenFault(w http.ResponseWriter, fault *Fault) {
	switch {
	case fault.Status == http.StatusTooManyRequests:
		until := time.Now().Add(fault.ResetAfter)
		setRateHeaders(w.Header(), 30, 0, ceilUnix(until))
		setRetryAfter(w.Header(), until)
		oauthError(w, fault.Status, "too_many_requests", "Global limit has been reached")
	case fault.Status >= 500:
		oauthError(w, fault.Status, "temporarily_unavailable", "The service is temporarily unavailable. Please try again later.")
	default:
		oauthError(w, fault.Status, "invalid_request", "Injected fault: "+http.StatusText(fault.Status))
	}
}

// handleClientCredentials issues a Management API access token to an
// authenticated machine-to-machine client.
func (s *Server) handleClientCredentials(w http.ResponseWriter, r *http.Request, params url.Values) {
	mc := s.authenticateMgmtClient(w, r, params)
	if mc == nil {
		return
	}
	aud := params.Get("audience")
	if aud == "" {
		oauthError(w, http.StatusForbidden, "access_denied", "No audience parameter was provided, and no default audience has been configured")
		return
	}
	if aud != s.managementAudience() {
		oauthError(w, http.StatusForbidden, "access_denied", "Service not enabled within domain: "+aud)
		return
	}
	scopes := narrowScopes(mc.Scopes, strings.Fields(params.Get("scope")))
	now := time.Now()
	signed, err := s.signToken(mc.ClientID, scopes, now, now.Add(tokenLifetime))
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", "could not sign token")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": signed,
		"scope":        strings.Join(scopes, " "),
		"expires_in":   int(tokenLifetime / time.Second),
		"token_type":   "Bearer",
	})
}

// authenticateMgmtClient finds the client of a client_credentials request
// by a private-key JWT assertion, HTTP Basic, or the form secret. On failure
// it answers the request and returns nil.
func (s *Server) authenticateMgmtClient(w http.ResponseWriter, r *http.Request, params url.Values) *mgmtClient {
	if params.Get("client_assertion") != "" || params.Get("client_assertion_type") != "" {
		if params.Get("client_assertion_type") != clientAssertionType {
			oauthError(w, http.StatusBadRequest, "invalid_request", "Invalid client_assertion_type")
			return nil
		}
		mc, err := s.verifyClientAssertion(params.Get("client_assertion"), params.Get("client_id"))
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
			return nil
		}
		return mc
	}
	id, secret := clientSecretOf(r, params)
	mc := s.findMgmtClient(id)
	if mc == nil || mc.Secret == "" || !constantTimeEqual(mc.Secret, secret) {
		oauthError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
		return nil
	}
	return mc
}

// clientSecretOf is the client id and secret of a request: HTTP Basic if
// sent, else the form's client_id and client_secret.
func clientSecretOf(r *http.Request, params url.Values) (id, secret string) {
	u, p, ok := r.BasicAuth()
	if !ok {
		return params.Get("client_id"), params.Get("client_secret")
	}
	// RFC 6749 2.3.1: form-urlencoded inside Basic.
	if v, err := url.QueryUnescape(u); err == nil {
		u = v
	}
	if v, err := url.QueryUnescape(p); err == nil {
		p = v
	}
	return u, p
}

// narrowScopes is the scopes a token gets: all the client holds, or, when
// some are requested, those of them it holds.
func narrowScopes(held, requested []string) []string {
	if len(requested) == 0 {
		return held
	}
	var narrowed []string
	for _, sc := range requested {
		if contains(held, sc) {
			narrowed = append(narrowed, sc)
		}
	}
	return narrowed
}

func readTokenParams(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequestBodySize)
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/json") {
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, errors.New("Invalid JSON body")
		}
		v := url.Values{}
		for k, val := range m {
			switch x := val.(type) {
			case string:
				v.Set(k, x)
			case nil:
			default:
				b, _ := json.Marshal(x)
				v.Set(k, string(b))
			}
		}
		return v, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, errors.New("Invalid form body")
	}
	return r.PostForm, nil
}

func (s *Server) findMgmtClient(id string) *mgmtClient {
	if id == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, mc := range s.st.MgmtClients {
		if mc.ClientID == id {
			cp := *mc
			cp.Scopes = append([]string(nil), mc.Scopes...)
			return &cp
		}
	}
	return nil
}

var assertionAlgs = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

// verifyClientAssertion checks a private_key_jwt client assertion: signature
// by the registered key, iss == sub == client_id, aud the tenant
// (https://{domain}/ as go-auth0 sends, or the token endpoint), exp, and jti
// replay.
func (s *Server) verifyClientAssertion(assertion, formClientID string) (*mgmtClient, error) {
	var mc *mgmtClient
	claims := &jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(assertion, claims, func(t *jwt.Token) (any, error) {
		c, ok := t.Claims.(*jwt.RegisteredClaims)
		if !ok {
			return nil, errors.New("bad claims")
		}
		mc = s.findMgmtClient(c.Subject)
		if mc == nil || mc.PublicKeyPEM == "" {
			return nil, errors.New("unknown client")
		}
		return parsePublicKeyPEM([]byte(mc.PublicKeyPEM))
	},
		jwt.WithValidMethods(assertionAlgs),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(30*time.Second),
	)
	if err != nil {
		return nil, err
	}
	if claims.Issuer != mc.ClientID || (formClientID != "" && formClientID != mc.ClientID) {
		return nil, errors.New("issuer mismatch")
	}
	okAud := false
	for _, a := range claims.Audience {
		if a == s.issuer() || a == s.URL()+"/oauth/token" || a == s.URL() {
			okAud = true
		}
	}
	if !okAud {
		return nil, errors.New("bad audience")
	}
	if claims.ID != "" {
		s.cmu.Lock()
		defer s.cmu.Unlock()
		now := time.Now()
		for k, exp := range s.seenJTI {
			if now.After(exp) {
				delete(s.seenJTI, k)
			}
		}
		key := mc.ClientID + "|" + claims.ID
		if _, dup := s.seenJTI[key]; dup {
			return nil, errors.New("replayed assertion")
		}
		s.seenJTI[key] = claims.ExpiresAt.Add(time.Minute)
	}
	return mc, nil
}

func parsePublicKeyPEM(b []byte) (any, error) {
	blk, _ := pem.Decode(b)
	if blk == nil {
		return nil, errors.New("auth0sim: no PEM block in public key")
	}
	switch blk.Type {
	case "CERTIFICATE":
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("auth0sim: parse certificate: %w", err)
		}
		return checkKeyType(c.PublicKey)
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("auth0sim: parse RSA public key: %w", err)
		}
		return k, nil
	default:
		k, err := x509.ParsePKIXPublicKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("auth0sim: parse public key: %w", err)
		}
		return checkKeyType(k)
	}
}

func checkKeyType(k any) (any, error) {
	switch k.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey:
		return k, nil
	}
	return nil, fmt.Errorf("auth0sim: unsupported public key type %T", k)
}

// verifyBearer validates a Management API access token and returns its scopes,
// or an Auth0-style 401 message.
func (s *Server) verifyBearer(r *http.Request) ([]string, string) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, "Missing authentication"
	}
	raw, ok := bearerOf(h)
	if !ok {
		return nil, "Bad HTTP authentication header format"
	}
	claims := &tokenClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, s.tenantKey,
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuer(s.issuer()),
	)
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, "Expired token received for JSON Web Token validation"
	default:
		return nil, "Invalid token"
	}
	if !slices.Contains(claims.Audience, s.managementAudience()) {
		return nil, "Bad audience: " + strings.Join(claims.Audience, " ")
	}
	return strings.Fields(claims.Scope), ""
}

func (s *Server) handleJWKS(w http.ResponseWriter, r *http.Request) {
	pub := s.signingKey.PublicKey
	writeJSON(w, http.StatusOK, map[string]any{
		"keys": []map[string]any{{
			"kty": "RSA",
			"use": "sig",
			"alg": "RS256",
			"kid": s.kid,
			"n":   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			"e":   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		}},
	})
}

// handleOpenIDConfig is the discovery document of the domain the request
// was made to: a ready custom domain's issuer and endpoints, or else the
// canonical domain's.
func (s *Server) handleOpenIDConfig(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	base := strings.TrimSuffix(s.userIssuerLocked(r.Host), "/")
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                           base + "/",
		"authorization_endpoint":                           base + "/authorize",
		"token_endpoint":                                   base + "/oauth/token",
		"response_types_supported":                         []string{"code"},
		"response_modes_supported":                         []string{"query", "web_message"},
		"code_challenge_methods_supported":                 []string{"S256"},
		"jwks_uri":                                         base + "/.well-known/jwks.json",
		"grant_types_supported":                            []string{"client_credentials", "authorization_code", "refresh_token"},
		"token_endpoint_auth_methods_supported":            []string{"client_secret_basic", "client_secret_post", "private_key_jwt"},
		"token_endpoint_auth_signing_alg_values_supported": assertionAlgs,
		"id_token_signing_alg_values_supported":            []string{"RS256"},
	})
}

// IssueToken mints a Management API access token for clientID carrying
// exactly these scopes, expiring after ttl (negative ttl gives an expired
// token). It is a test helper and does not count as a token request.
func (s *Server) IssueToken(clientID string, scopes []string, ttl time.Duration) string {
	now := time.Now()
	signed, err := s.signToken(clientID, scopes, now.Add(-time.Minute), now.Add(ttl))
	if err != nil {
		panic(err)
	}
	return signed
}

// signToken mints a Management API access token for a client-credentials
// grant, as Auth0 does: RS256 with the tenant's kid.
func (s *Server) signToken(clientID string, scopes []string, issuedAt, expiresAt time.Time) (string, error) {
	claims := tokenClaims{
		Scope: strings.Join(scopes, " "),
		GTY:   "client-credentials",
		AZP:   clientID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.issuer(),
			Subject:   clientID + "@clients",
			Audience:  jwt.ClaimStrings{s.managementAudience()},
			IssuedAt:  jwt.NewNumericDate(issuedAt),
			ExpiresAt: jwt.NewNumericDate(expiresAt),
		},
	}
	return s.sign(claims)
}

// sign signs claims as the tenant signs every token it issues (Management
// API, user access and ID tokens): RS256 with the tenant's kid.
func (s *Server) sign(c jwt.Claims) (string, error) {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tok.Header["kid"] = s.kid
	return tok.SignedString(s.signingKey)
}

// tenantKey is the jwt.Keyfunc of the tokens sign issues: the tenant's kid
// and public key, nothing else.
func (s *Server) tenantKey(t *jwt.Token) (any, error) {
	if kid, _ := t.Header["kid"].(string); kid != s.kid {
		return nil, errors.New("unknown kid")
	}
	return &s.signingKey.PublicKey, nil
}

// bearerOf is the token of an Authorization header "Bearer <token>" (the
// scheme case-insensitive), or false for another scheme.
func bearerOf(h string) (string, bool) {
	const prefix = "bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(h[len(prefix):]), true
}

// answerFault counts the request (count runs under s.cmu) and applies the
// injected fault that matches it, if any: its latency, a dropped
// connection, or its status, which write answers. It reports whether the
// fault answered the request.
func (s *Server) answerFault(w http.ResponseWriter, r *http.Request, token bool, count func(), write func(*Fault)) bool {
	s.cmu.Lock()
	count()
	fault := s.takeFaultLocked(r.Method, r.URL.Path, token)
	s.cmu.Unlock()
	if fault == nil {
		return false
	}
	if !delayOrDrop(w, r, fault) {
		return true
	}
	if fault.Status != 0 {
		write(fault)
		return true
	}
	return false
}

// delayOrDrop applies a fault's latency and dropped connection. It reports
// whether the request should go on (to a fault status or the handler).
func delayOrDrop(w http.ResponseWriter, r *http.Request, fault *Fault) bool {
	if fault.Latency > 0 {
		t := time.NewTimer(fault.Latency)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return false
		}
	}
	if fault.DropConnection {
		dropConnection(w)
		return false
	}
	return true
}

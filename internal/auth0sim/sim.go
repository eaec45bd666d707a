// Package auth0sim is an in-process (or standalone) HTTPS emulator of an Auth0
// tenant, covering the parts of the Authentication and Management APIs that
// myaccount touches: the client-credentials token endpoint (client secret and
// private-key JWT), the browser login of a test user (authorization code with
// PKCE, refresh tokens with multi-resource refresh token policies), the My
// Account API (/me/v1) and one route of the My Organization API
// (/my-org/v1/details), JWKS, clients (with their refresh_token settings),
// resource servers (including the system "Auth0 My Account API" and "Auth0
// My Organization API", system_apis.go), client grants, custom domains and
// the guardian (MFA) policies. Files with their own provenance: mrrt.go,
// client_refresh_token.go, system_apis.go, myorg.go, me.go, usertoken.go,
// authorize.go, cors.go.
//
// It follows Auth0's behaviour as far as it is known, and is at least as
// strict where it is not. Tests can seed data, edit state out of band
// (standing in for the Auth0 dashboard), inject faults and read request
// counters (Counts, or GET /__sim/requests).
//
// # Where each behaviour comes from
//
// Recording: seen in recorded real traffic (the facts file in the shared
// reference, gathered from public recordings).
//   - The error envelope {statusCode, error, message, errorCode} and the
//     messages and codes of 404 inexistent_client / inexistent_resource_server
//     / inexistent_client_grant, 403 insufficient_scope, 409 duplicate grant,
//     429 too_many_requests.
//   - The x-ratelimit-limit, -remaining and -reset headers (reset in Unix seconds).
//   - The My Account API's activation body and defaults; a name sent with it
//     is ignored; DELETE answers 204; lookup by a single- or double-escaped
//     identifier.
//   - The activation POST lists only the three connected_accounts scopes; the
//     GET right after lists all 8.
//   - A tenant with a Default Policy attaches authorization_policy to the new
//     My Account API (DefaultAuthorizationPolicy); its shape is inference.
//   - A client read leaves out allowed_origins, web_origins and callbacks when
//     they were never set; is_system appears only when true.
//   - Client and grant list paging, with and without totals; grants paged with
//     page/per_page/include_totals or from/take.
//
// Published spec or docs: github.com/auth0/go-auth0/v3 v3.0.0
// management/requests.go (the Management API spec) and Auth0's docs.
//   - The query parameters each route declares, and the body properties
//     each create and update accepts; anything else is a 400 listing every
//     offending property (Query validation error / Payload validation error,
//     invalid_query_string / invalid_body), as auth0/auth0.net issue #157 shows.
//   - The fields a PATCH of the My Account API may carry; client access is
//     fixed at deny_all; its scopes and their stages (GA, early access).
//   - Client grant subject types client, user and anonymous_user.
//   - Per-route Management API scopes.
//   - The plan presets (free: burst 2, 2/s; enterprise production: burst 50,
//     16/s) and Retry-After on every 429.
//   - Custom-domain take/from (the docs cited by auth0/node-auth0 #1089).
//
// Inference: no recording or document says so; chosen to be at least as
// strict as Auth0.
//   - How long a scope list stays partial after activation
//     (PartialScopesAfterActivation), and that grant checks see the same
//     partial list meanwhile; the order of the complete list.
//   - The essentials preset applying "reading clients: burst 5, 100 per
//     minute" to every route, each with its own bucket.
//   - clients list from/take (the spec's description of q requires them).
//   - The wording of messages the recordings do not show (an unready custom
//     domain, a client grant scope the API does not define, an API already
//     active under the other domain), and the 501 for a known path whose
//     method the emulator does not implement.
//   - A client created without app_type is regular_web; a confidential
//     client's secret is returned only in its create response; deleting a
//     client deletes its grants.
//   - An anonymous_user grant is accepted on the My Account API.
//
// CORS on /me/v1 and /oauth/token: the rule (origin in the client's Allowed
// Origins with Auth0's wildcard rules, and Cross-Origin Authentication on) is
// published in the My Account API doc and Auth0's docs; how preflights pick
// a client, which headers and methods they list and the rest are inference.
// cors.go holds the whole model and says which part is which.
//
// The browser side (a single-page app logging in and calling the My Account
// API): /authorize with its login page and sessions (authorize.go), the
// authorization_code and refresh_token grants (usertoken.go) and
// /me/v1/authentication-methods (me.go). Each file's doc lists what is
// published and what is inference. The seeded test user is TestUserEmail
// with TestUserPassword.
//
// Test faults: not Auth0 behaviour but what a network does to it, armed only
// by tests or `myaccount sim` flags: error statuses, latency and dropped
// connections (InjectFault), and a write committed whose answer never arrives
// (DropAfterCommit), as when a connection breaks after the request was sent,
// and another writer that keeps taking back an origin (UndoOriginAfterWrites).
package auth0sim

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// Options configures Start.
type Options struct {
	// Addr is the listen address; default "127.0.0.1:0".
	Addr string
	// RateLimit is the Management API requests/second for the tenant; 0 = unlimited.
	RateLimit float64
	// Burst is the bucket size; default ceil(RateLimit), at least 1.
	Burst int
	// PerRoute gives each "METHOD route" its own bucket instead of one for
	// the tenant (Essentials and Professional plans limit per endpoint).
	PerRoute bool
	// StateFile, if set, is loaded at start and saved (atomically) after every write.
	StateFile string
	// PartialScopesAfterActivation keeps the My Account API listing only its
	// three connected_accounts scopes, in reads and when a client grant is
	// checked, for this long after activation. The activation's own response
	// always lists only those three, as recorded.
	PartialScopesAfterActivation time.Duration
	// DefaultAuthorizationPolicy, when set, stands for a tenant with a
	// Default Policy: Auth0 attaches it as authorization_policy to a newly
	// activated My Account API (recorded), where it is server-managed.
	DefaultAuthorizationPolicy json.RawMessage
	// AutoLogin logs the seeded test user in on /authorize without showing
	// the login page (unless prompt=none, which still needs a session).
	AutoLogin bool
	// MyAccountRateLimit is the My Account API's requests/second for the
	// tenant (burst the same); 0 means 25, as the My Account API doc states
	// for early access; negative means unlimited.
	MyAccountRateLimit float64
}

// Plan is a Management API rate-limit preset, as Auth0 documents its plans.
type Plan struct {
	Name      string
	RateLimit float64 // sustained requests per second
	Burst     int
	PerRoute  bool
}

// Plans are the presets of `myaccount sim --plan`. Free and Enterprise are
// Auth0's documented tenant-wide limits (Enterprise: production). Essentials
// limits each endpoint; the docs give reading clients at burst 5 and 100 per
// minute, which the preset applies to every route (inference).
var Plans = []Plan{
	{Name: "free", RateLimit: 2, Burst: 2},
	{Name: "essentials", RateLimit: 100.0 / 60, Burst: 5, PerRoute: true},
	{Name: "enterprise", RateLimit: 16, Burst: 50},
}

// PlanNamed returns the preset called name.
func PlanNamed(name string) (Plan, bool) {
	for _, p := range Plans {
		if p.Name == name {
			return p, true
		}
	}
	return Plan{}, false
}

// Server is a running emulated tenant.
type Server struct {
	opts     Options
	listener net.Listener
	httpSrv  *http.Server
	domain   string
	port     int

	caCert     *x509.Certificate
	caCertPEM  []byte
	rootCAs    *x509.CertPool
	signingKey *rsa.PrivateKey
	kid        string

	// mu guards st and the state file.
	mu sync.Mutex
	st *state

	// cmu guards counters, faults, the rate-limit bucket and seen assertion ids.
	cmu           sync.Mutex
	counts        map[string]int
	writes        int
	tokenRequests int
	rateLimited   int
	preflights    int
	faults        []*faultEntry
	drop          commitDrop // DropAfterCommit (fault.go)
	undo          listUndo   // UndoOriginAfterWrites (fault.go)
	buckets       map[string]*bucket
	seenJTI       map[string]time.Time

	// auth holds sessions, logins, codes and refresh tokens (authorize.go);
	// me is the My Account API's limiter and counter (me.go).
	auth *authState
	me   meLimiter

	httpClientOnce sync.Once
	httpClient     *http.Client
	closeOnce      sync.Once
	closeErr       error
}

// Start generates (or loads from Options.StateFile) a CA, a leaf certificate
// for localhost/127.0.0.1/::1 and an RSA token-signing key, then listens and
// serves TLS until Close.
func Start(opts Options) (*Server, error) {
	opts, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		counts:  map[string]int{},
		buckets: map[string]*bucket{},
		seenJTI: map[string]time.Time{},
		auth:    newAuthState(),
	}
	st, err := loadOrNewState(opts.StateFile)
	if err != nil {
		return nil, err
	}
	if err := s.initKeys(st); err != nil {
		return nil, err
	}
	ln, err := listen(opts.Addr, st.Addr)
	if err != nil {
		return nil, err
	}
	s.adoptAddress(ln, st)
	leaf, err := makeLeafCert(st)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.st = st
	if err := s.saveLocked(); err != nil {
		ln.Close()
		return nil, err
	}
	s.serveTLS(ln, leaf)
	return s, nil
}

// withDefaults fills in the listen address and burst, and refuses a
// negative rate limit.
func withDefaults(opts Options) (Options, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.RateLimit < 0 {
		return opts, errors.New("auth0sim: RateLimit must be >= 0")
	}
	if opts.Burst <= 0 {
		opts.Burst = int(math.Ceil(opts.RateLimit))
		if opts.Burst < 1 {
			opts.Burst = 1
		}
	}
	return opts, nil
}

// loadOrNewState is the state saved in file, or a new one when there is no
// file (or no such file yet).
func loadOrNewState(file string) (*state, error) {
	if file != "" {
		loaded, err := loadState(file)
		if err != nil {
			return nil, err
		}
		if loaded != nil {
			return loaded, nil
		}
	}
	return newState()
}

// listen listens on addr. A restarted `myaccount sim` with an ephemeral
// address tries to keep its previous address (prev) so that the domain (and
// issued tokens, and the My Account API identifier) stay valid.
func listen(addr, prev string) (net.Listener, error) {
	if prev != "" && isEphemeral(addr) && sameHost(addr, prev) {
		if ln, _ := net.Listen("tcp", prev); ln != nil {
			return ln, nil
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("auth0sim: listen %s: %w", addr, err)
	}
	return ln, nil
}

// adoptAddress makes the listener's port the tenant's domain, rewriting the
// state saved under another domain.
func (s *Server) adoptAddress(ln net.Listener, st *state) {
	s.listener = ln
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.domain = "localhost:" + strconv.Itoa(s.port)
	st.Addr = ln.Addr().String()
	if st.Domain != "" && st.Domain != s.domain {
		st.rewriteDomain(st.Domain, s.domain)
	}
	st.Domain = s.domain
}

// serveTLS serves HTTPS on ln with the leaf certificate, in the background.
func (s *Server) serveTLS(ln net.Listener, leaf tls.Certificate) {
	tlsCfg := &tls.Config{
		Certificates: []tls.Certificate{leaf},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"http/1.1"},
	}
	s.httpSrv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		TLSConfig:         tlsCfg,
		ReadHeaderTimeout: 10 * time.Second,
		// HTTP/1.1 only, so that DropConnection faults can hijack the connection.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ErrorLog:     log.New(io.Discard, "", 0),
	}
	go func() {
		_ = s.httpSrv.Serve(tls.NewListener(ln, tlsCfg))
	}()
}

func isEphemeral(addr string) bool {
	_, port, err := net.SplitHostPort(addr)
	return err == nil && (port == "0" || port == "")
}

func sameHost(a, b string) bool {
	ha, _, err1 := net.SplitHostPort(a)
	hb, _, err2 := net.SplitHostPort(b)
	return err1 == nil && err2 == nil && ha == hb
}

// Close stops the server. In-flight requests are cut off after a short grace period.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.httpSrv.Shutdown(ctx); err != nil {
			s.closeErr = s.httpSrv.Close()
		}
		if s.httpClient != nil {
			s.httpClient.CloseIdleConnections()
		}
	})
	return s.closeErr
}

// Domain is the tenant's canonical domain, "localhost:PORT".
func (s *Server) Domain() string { return s.domain }

// URL is "https://localhost:PORT".
func (s *Server) URL() string { return "https://" + s.domain }

// Addr is the actual listen address, e.g. "127.0.0.1:PORT".
func (s *Server) Addr() string { return s.listener.Addr().String() }

// CACertPEM is the PEM of the CA that signed the server certificate.
func (s *Server) CACertPEM() []byte { return append([]byte(nil), s.caCertPEM...) }

// WriteCACert writes the CA certificate PEM to path (mode 0644).
func (s *Server) WriteCACert(path string) error {
	return os.WriteFile(path, s.caCertPEM, 0o644)
}

// RootCAs is a pool holding only the emulator's CA.
func (s *Server) RootCAs() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.caCert)
	return p
}

// HTTPClient returns a shared client that trusts the emulator's CA.
func (s *Server) HTTPClient() *http.Client {
	s.httpClientOnce.Do(func() {
		s.httpClient = &http.Client{
			Transport: &http.Transport{
				TLSClientConfig:     &tls.Config{RootCAs: s.RootCAs(), MinVersion: tls.VersionTLS12},
				MaxIdleConnsPerHost: 64,
				IdleConnTimeout:     30 * time.Second,
			},
			Timeout: 60 * time.Second,
		}
	})
	return s.httpClient
}

// ManagementClientID is the id of the default M2M application, which has every
// Management API scope the emulator knows (see ManagementScopes).
func (s *Server) ManagementClientID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.MgmtClients[0].ClientID
}

// ManagementClientSecret is the secret of the default M2M application.
func (s *Server) ManagementClientSecret() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.MgmtClients[0].Secret
}

// AddManagementClient registers another M2M application authenticating with a
// client secret and allowed only these Management API scopes.
func (s *Server) AddManagementClient(scopes []string) (clientID, clientSecret string) {
	mc := &mgmtClient{
		ClientID: randAlnum(32),
		Secret:   randSecret(),
		Scopes:   append([]string{}, scopes...),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.MgmtClients = append(s.st.MgmtClients, mc)
	s.saveOrLogLocked()
	return mc.ClientID, mc.Secret
}

// AddManagementClientWithKey registers an M2M application authenticating by
// private-key JWT (RS256/384/512, PS256/384/512, ES256/384/512) whose public
// key (PKIX "PUBLIC KEY", PKCS#1 "RSA PUBLIC KEY" or a "CERTIFICATE") is
// publicKeyPEM. It panics if the PEM cannot be parsed; use
// AddManagementClientWithKeyErr to get an error instead.
func (s *Server) AddManagementClientWithKey(publicKeyPEM []byte, scopes []string) (clientID string) {
	id, err := s.AddManagementClientWithKeyErr(publicKeyPEM, scopes)
	if err != nil {
		panic(err)
	}
	return id
}

// AddManagementClientWithKeyErr is AddManagementClientWithKey returning an error.
func (s *Server) AddManagementClientWithKeyErr(publicKeyPEM []byte, scopes []string) (string, error) {
	if _, err := parsePublicKeyPEM(publicKeyPEM); err != nil {
		return "", err
	}
	mc := &mgmtClient{
		ClientID:     randAlnum(32),
		PublicKeyPEM: string(publicKeyPEM),
		Scopes:       append([]string{}, scopes...),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.MgmtClients = append(s.st.MgmtClients, mc)
	s.saveOrLogLocked()
	return mc.ClientID, nil
}

// Snapshot returns the tenant data (clients, resource servers, grants, custom
// domains, MFA policies) as indented JSON, without keys or secrets.
func (s *Server) Snapshot() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := struct {
		Domain          string          `json:"domain"`
		Clients         []*clientRec    `json:"clients"`
		ResourceServers []*rsRec        `json:"resource_servers"`
		Grants          []*grantRec     `json:"client_grants"`
		CustomDomains   []*customDomain `json:"custom_domains"`
		MFAPolicies     []string        `json:"mfa_policies"`
	}{s.domain, s.st.Clients, s.st.ResourceServers, s.st.Grants, s.st.CustomDomains, s.st.MFAPolicies}
	b, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		return []byte(`{"error":` + strconv.Quote(err.Error()) + `}`)
	}
	return b
}

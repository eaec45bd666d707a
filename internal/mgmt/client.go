package mgmt

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// Client is a go-auth0 Management API client for one tenant, plus the
// tenant's shared limiter.
type Client struct {
	*management.Management
	Domain  string   // normalized tenant domain
	Limiter *Limiter // the limiter pacing this tenant (shared process-wide unless Config.Limiter was set)
	// HTTPClient is the paced, retrying client under go-auth0, without
	// authentication. It is exposed for tests and diagnostics; Management API
	// calls go through the embedded *management.Management.
	HTTPClient *http.Client
	// TenantHTTP sends requests to the tenant that are not Management API
	// calls (the CORS preflight and the optional user-token call of
	// `myaccount verify`) through the same limiter, retries, observer and
	// TLS roots. It neither reads their Authorization header as the
	// Management API token nor rewrites their error bodies.
	TenantHTTP *http.Client
	scopes     *grantedScopes
}

// tokenTimeout bounds one token request including its retries, on top of the
// retry budget.
const tokenTimeout = 30 * time.Second

// New validates cfg and builds a client. No request is made until the first
// call; the first call fetches a token (client credentials or private-key
// JWT).
//
// ctx must outlive the client: the token source keeps it and uses it for
// every token refresh (cancelling it makes later refreshes fail). Pass a
// long-lived context such as context.Background() or the process's signal
// context, not a per-request one.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	domain, err := NormalizeDomain(cfg.Domain)
	if err != nil {
		return nil, err
	}
	policy := cfg.Retry.withDefaults()
	lim := cfg.Limiter
	if lim == nil {
		lim = LimiterFor(domain)
	}
	if cfg.Retry.Max429Wait > 0 {
		// Keep the shared block consistent with an explicit policy.
		lim.SetMaxBlock(cfg.Retry.Max429Wait)
	}
	base := newBaseTransport(cfg.RootCAs)

	scopes := &grantedScopes{}
	api := &http.Client{Transport: &transport{
		base: base, limiter: lim, policy: policy, observer: cfg.Observer, domain: domain, annotate: true, scopes: scopes,
	}}
	// The token endpoint belongs to the Authentication API, whose limits are
	// separate: same TLS roots and retries, no Management API limiter.
	token := &http.Client{
		Timeout: policy.MaxElapsed + tokenTimeout,
		Transport: &transport{
			base: base, policy: policy, observer: cfg.Observer, domain: domain,
		},
	}
	tokenCtx := context.WithValue(ctx, oauth2.HTTPClient, token)

	opts := []management.Option{
		management.WithClient(api),
		// go-auth0 would otherwise retry 429s itself, on top of our retries
		// and outside the limiter.
		management.WithNoRetries(),
	}
	if cfg.UserAgent != "" {
		opts = append(opts, management.WithUserAgent(cfg.UserAgent))
	}
	switch cfg.AuthMethod() {
	case AuthAPIToken:
		opts = append(opts, management.WithStaticToken(cfg.APIToken))
	case AuthPrivateKeyJWT:
		opts = append(opts, management.WithClientCredentialsPrivateKeyJwt(tokenCtx, cfg.ClientID, unescapePEM(cfg.ClientAssertionPrivateKey), cfg.signingAlg()))
	case AuthClientCredentials:
		opts = append(opts, management.WithClientCredentials(tokenCtx, cfg.ClientID, cfg.ClientSecret))
	default:
		return nil, fmt.Errorf("mgmt: no credentials configured") // unreachable after Validate
	}

	m, err := management.New(domain, opts...)
	if err != nil {
		return nil, fmt.Errorf("mgmt: creating the Management API client for %s: %w", domain, err)
	}
	tenant := &http.Client{Transport: &transport{base: base, limiter: lim, policy: policy, observer: cfg.Observer, domain: domain}}
	return &Client{Management: m, Domain: domain, Limiter: lim, HTTPClient: api, TenantHTTP: tenant, scopes: scopes}, nil
}

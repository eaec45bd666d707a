// Package mgmt builds Auth0 Management API clients (go-auth0's
// *management.Management) for one tenant, with a process-wide per-tenant rate
// limiter, bounded retries, TLS roots shared by the API and token requests, and
// error classification with actionable messages.
package mgmt

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"
)

// Environment variables read by ConfigFromEnv. They match the official Auth0
// Terraform provider.
const (
	EnvDomain                    = "AUTH0_DOMAIN"
	EnvClientID                  = "AUTH0_CLIENT_ID"
	EnvClientSecret              = "AUTH0_CLIENT_SECRET"
	EnvAPIToken                  = "AUTH0_API_TOKEN"
	EnvClientAssertionPrivateKey = "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY"
	EnvClientAssertionSigningAlg = "AUTH0_CLIENT_ASSERTION_SIGNING_ALG"
)

// DefaultSigningAlg is the client assertion signing algorithm used when
// ClientAssertionSigningAlg is empty.
const DefaultSigningAlg = "RS256"

// supportedSigningAlgs are the algorithms go-auth0 accepts for private-key JWT.
var supportedSigningAlgs = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

// AuthMethod names how a Config authenticates.
type AuthMethod string

// Authentication methods.
const (
	AuthNone              AuthMethod = ""
	AuthClientCredentials AuthMethod = "client_credentials"
	AuthPrivateKeyJWT     AuthMethod = "private_key_jwt"
	AuthAPIToken          AuthMethod = "api_token"
)

// Config describes how to reach one tenant's Management API.
//
// Config never prints its secrets: fmt verbs, slog and encoding/json all see
// the redacted form (see Redacted).
type Config struct {
	Domain                    string // AUTH0_DOMAIN, e.g. "tenant.eu.auth0.com" or "localhost:8443"
	ClientID                  string // AUTH0_CLIENT_ID
	ClientSecret              string `json:"-"` // AUTH0_CLIENT_SECRET (never logged)
	APIToken                  string `json:"-"` // AUTH0_API_TOKEN (never logged)
	ClientAssertionPrivateKey string `json:"-"` // AUTH0_CLIENT_ASSERTION_PRIVATE_KEY (PEM, never logged)
	ClientAssertionSigningAlg string // AUTH0_CLIENT_ASSERTION_SIGNING_ALG (default RS256)

	RootCAs   *x509.CertPool  `json:"-"` // optional; nil = system roots (which honour SSL_CERT_FILE)
	Retry     RetryPolicy     // zero = DefaultRetryPolicy; zero fields take the default
	UserAgent string          // optional User-Agent for Management API requests
	Observer  RequestObserver `json:"-"` // optional hook for metrics

	// Limiter overrides the process-wide registry (LimiterFor(Domain)). Tests
	// use it to get an isolated limiter via NewLimiter.
	Limiter *Limiter `json:"-"`
}

// ConfigFromEnv reads the AUTH0_* environment variables. It does not
// validate; call Validate (New does).
//
// Surrounding white space is trimmed, and a private key whose line breaks
// were written as the two characters `\n` (common in CI secrets) is
// un-escaped.
func ConfigFromEnv() Config { return ConfigFromGetenv(os.Getenv) }

// ConfigFromGetenv reads the same variables through getenv, for callers that
// supply their own environment (tests running commands in parallel).
func ConfigFromGetenv(getenv func(string) string) Config {
	get := func(key string) string { return strings.TrimSpace(getenv(key)) }
	return Config{
		Domain:                    get(EnvDomain),
		ClientID:                  get(EnvClientID),
		ClientSecret:              get(EnvClientSecret),
		APIToken:                  get(EnvAPIToken),
		ClientAssertionPrivateKey: unescapePEM(get(EnvClientAssertionPrivateKey)),
		ClientAssertionSigningAlg: get(EnvClientAssertionSigningAlg),
	}
}

func unescapePEM(s string) string {
	if s != "" && !strings.Contains(s, "\n") && strings.Contains(s, `\n`) {
		return strings.ReplaceAll(s, `\n`, "\n")
	}
	return s
}

// AuthMethod reports which credentials the Config uses. When settings
// contradict each other (see Validate) the precedence is API token, then
// private key, then client secret.
func (c Config) AuthMethod() AuthMethod {
	switch {
	case c.APIToken != "":
		return AuthAPIToken
	case c.ClientID != "" && c.ClientAssertionPrivateKey != "":
		return AuthPrivateKeyJWT
	case c.ClientID != "" && c.ClientSecret != "":
		return AuthClientCredentials
	}
	return AuthNone
}

// signingAlg returns the configured algorithm or the default.
func (c Config) signingAlg() string {
	if c.ClientAssertionSigningAlg == "" {
		return DefaultSigningAlg
	}
	return strings.ToUpper(c.ClientAssertionSigningAlg)
}

// Validate reports every missing or contradictory setting, naming the
// environment variable that controls it and how to fix it. The result is nil
// or an errors.Join of one error per problem.
func (c Config) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }

	if _, err := NormalizeDomain(c.Domain); err != nil {
		errs = append(errs, fmt.Errorf("%s %w", EnvDomain, err))
	}

	if err := c.CredentialsError(EnvNames); err != nil {
		errs = append(errs, err)
	}
	hasKey, hasToken := c.ClientAssertionPrivateKey != "", c.APIToken != ""

	if hasKey && !hasToken {
		if block, _ := pem.Decode([]byte(unescapePEM(c.ClientAssertionPrivateKey))); block == nil {
			add("%s is not a PEM-encoded private key: it must start with \"-----BEGIN ... PRIVATE KEY-----\"", EnvClientAssertionPrivateKey)
		}
		if !slices.Contains(supportedSigningAlgs, c.signingAlg()) {
			add("%s %q is not supported: use one of %s (default %s)", EnvClientAssertionSigningAlg, c.ClientAssertionSigningAlg, strings.Join(supportedSigningAlgs, ", "), DefaultSigningAlg)
		}
	}

	if err := c.Retry.validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// CredentialNames are how one face names the credential settings in its
// messages: environment variables, provider attributes, Secret keys.
type CredentialNames struct {
	ClientID, ClientSecret, APIToken, PrivateKey string
}

// EnvNames names the credential settings by their environment variables.
var EnvNames = CredentialNames{ClientID: EnvClientID, ClientSecret: EnvClientSecret, APIToken: EnvAPIToken, PrivateKey: EnvClientAssertionPrivateKey}

// CredentialsError is a combination of credentials that cannot work. Setting
// is the logical setting to fix: "client_id", "client_secret", "api_token"
// or "client_assertion_private_key".
type CredentialsError struct {
	Setting string
	msg     string
}

func (e *CredentialsError) Error() string { return e.msg }

// CredentialsError checks the one set of rules for combining credentials,
// written once for every face, and words a broken rule with names; nil when
// the combination works.
func (c Config) CredentialsError(names CredentialNames) *CredentialsError {
	hasID, hasSecret, hasKey, hasToken := c.ClientID != "", c.ClientSecret != "", c.ClientAssertionPrivateKey != "", c.APIToken != ""
	fail := func(setting, format string, a ...any) *CredentialsError {
		return &CredentialsError{Setting: setting, msg: fmt.Sprintf(format, a...)}
	}
	switch {
	case hasToken && (hasID || hasSecret || hasKey):
		var others []string
		if hasID {
			others = append(others, names.ClientID)
		}
		if hasSecret {
			others = append(others, names.ClientSecret)
		}
		if hasKey {
			others = append(others, names.PrivateKey)
		}
		return fail("api_token", "%s is set together with %s: use either a static API token or client credentials, and unset the other", names.APIToken, strings.Join(others, " and "))
	case hasToken:
		return nil // a static token alone is complete
	case hasSecret && hasKey:
		return fail("client_secret", "%s and %s are both set: choose client-secret or private-key JWT authentication and unset the other", names.ClientSecret, names.PrivateKey)
	case !hasID && (hasSecret || hasKey):
		what := names.ClientSecret
		if hasKey {
			what = names.PrivateKey
		}
		return fail("client_id", "%s is not set but %s is: set the client ID of the Machine to Machine application authorized for the Auth0 Management API", names.ClientID, what)
	case hasID && !hasSecret && !hasKey:
		return fail("client_secret", "%s is set but neither %s nor %s is: set the application's client secret, or its private key for private-key JWT authentication", names.ClientID, names.ClientSecret, names.PrivateKey)
	case !hasID:
		return fail("client_id", "no Management API credentials: set %s and %s (client credentials), %s and %s (private-key JWT), or %s (static token)",
			names.ClientID, names.ClientSecret, names.ClientID, names.PrivateKey, names.APIToken)
	}
	return nil
}

// NormalizeDomain turns "https://Tenant.EU.auth0.com/" into
// "tenant.eu.auth0.com". It rejects http://, paths, queries and white space.
// Its errors describe the value and the fix but not the setting, which the
// caller names: AUTH0_DOMAIN, spec.domain, the provider's domain attribute.
func NormalizeDomain(d string) (string, error) {
	s := strings.TrimSpace(d)
	low := strings.ToLower(s)
	switch {
	case strings.HasPrefix(low, "https://"):
		s = s[len("https://"):]
	case strings.HasPrefix(low, "http://"):
		return "", fmt.Errorf("%q uses http: the Management API is only served over https; set the bare domain (e.g. my-tenant.eu.auth0.com)", d)
	}
	s = strings.TrimSuffix(s, "/")
	if s == "" {
		return "", errors.New("is not set: set the tenant domain (e.g. my-tenant.eu.auth0.com)")
	}
	if strings.ContainsAny(s, "/?#@ \t\r\n") {
		return "", fmt.Errorf("%q is not a domain: set the bare host name, optionally with a port (e.g. my-tenant.eu.auth0.com or localhost:8443), without a path", d)
	}
	return strings.ToLower(s), nil
}

// Redacted describes the Config for logs. Secrets appear only as "[redacted]".
func (c Config) Redacted() string {
	var b strings.Builder
	domain := c.Domain
	if n, err := NormalizeDomain(c.Domain); err == nil {
		domain = n
	}
	fmt.Fprintf(&b, "domain=%q auth=%s", domain, authName(c.AuthMethod()))
	if c.ClientID != "" {
		fmt.Fprintf(&b, " client_id=%q", c.ClientID)
	}
	secret := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, " %s=[redacted]", name)
		}
	}
	secret("client_secret", c.ClientSecret)
	secret("client_assertion_private_key", c.ClientAssertionPrivateKey)
	secret("api_token", c.APIToken)
	if c.ClientAssertionPrivateKey != "" {
		fmt.Fprintf(&b, " signing_alg=%s", c.signingAlg())
	}
	if c.RootCAs != nil {
		b.WriteString(" root_cas=custom")
	}
	p := c.Retry.withDefaults()
	fmt.Fprintf(&b, " retry=%d attempts/%s", p.MaxAttempts, p.MaxElapsed)
	if c.UserAgent != "" {
		fmt.Fprintf(&b, " user_agent=%q", c.UserAgent)
	}
	return b.String()
}

func authName(m AuthMethod) string {
	if m == AuthNone {
		return "none"
	}
	return string(m)
}

// String implements fmt.Stringer with the redacted form.
func (c Config) String() string { return "mgmt.Config{" + c.Redacted() + "}" }

// GoString implements fmt.GoStringer with the redacted form.
func (c Config) GoString() string { return c.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q, %x, ...) print the
// redacted form, so a Config can never leak a secret through fmt.
func (c Config) Format(f fmt.State, verb rune) {
	_, _ = f.Write([]byte(c.String()))
}

// LogValue implements slog.LogValuer with the redacted form.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.Redacted()) }

// RetryPolicy bounds the retries of one request.
type RetryPolicy struct {
	MaxAttempts int           // total attempts including the first; 1 disables retries
	MaxElapsed  time.Duration // time budget for one request: no attempt starts after it (the last attempt's round trip comes on top)
	BaseDelay   time.Duration // first backoff cap; doubles per attempt
	MaxDelay    time.Duration // backoff cap
	Max429Wait  time.Duration // longest single wait for x-ratelimit-reset after a 429
}

// DefaultRetryPolicy is used for a zero RetryPolicy, and for each zero field.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 6, MaxElapsed: 60 * time.Second, BaseDelay: 200 * time.Millisecond, MaxDelay: 5 * time.Second, Max429Wait: 30 * time.Second}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = d.MaxElapsed
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.Max429Wait <= 0 {
		p.Max429Wait = d.Max429Wait
	}
	return p
}

func (p RetryPolicy) validate() error {
	d := DefaultRetryPolicy
	var bad []string
	for _, f := range []struct {
		name       string
		neg        bool
		value, def any
	}{
		{"MaxAttempts", p.MaxAttempts < 0, p.MaxAttempts, d.MaxAttempts},
		{"MaxElapsed", p.MaxElapsed < 0, p.MaxElapsed, d.MaxElapsed},
		{"BaseDelay", p.BaseDelay < 0, p.BaseDelay, d.BaseDelay},
		{"MaxDelay", p.MaxDelay < 0, p.MaxDelay, d.MaxDelay},
		{"Max429Wait", p.Max429Wait < 0, p.Max429Wait, d.Max429Wait},
	} {
		if f.neg {
			bad = append(bad, fmt.Sprintf("%s is %v (use 0 for the default %v)", f.name, f.value, f.def))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("retry policy has a negative value: %s", strings.Join(bad, ", "))
	}
	return nil
}

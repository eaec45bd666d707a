package operator

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Secret keys holding Management API credentials.
const (
	KeyClientID                  = "clientId"
	KeyClientSecret              = "clientSecret"
	KeyClientAssertionPrivateKey = "clientAssertionPrivateKey"
	KeyClientAssertionSigningAlg = "clientAssertionSigningAlg"
	KeyAPIToken                  = "apiToken"
)

// clientKey identifies one set of credentials for one tenant. The Secret's
// resourceVersion is part of it, so a rotated Secret gets a new client (and
// token) while the 200 objects sharing one Secret share one client.
type clientKey struct {
	domain, namespace, secret, resourceVersion string
}

// clientCache holds one mgmt.Client per (domain, Secret, resourceVersion).
type clientCache struct {
	ctx      context.Context // outlives the clients: token refreshes use it
	rootCAs  *x509.CertPool
	observer mgmt.RequestObserver
	rate     float64 // Options.TenantRate
	burst    int

	mu      sync.Mutex
	clients map[clientKey]*mgmt.Client
	// identities: see identity.
	identities map[*mgmt.Client]string
}

func newClientCache(ctx context.Context, roots *x509.CertPool, obs mgmt.RequestObserver) *clientCache {
	return &clientCache{ctx: ctx, rootCAs: roots, observer: obs, clients: map[clientKey]*mgmt.Client{}, identities: map[*mgmt.Client]string{}}
}

// identity names cl's credentials without holding them: a digest of
// every credential field, so that only objects whose Secrets hold the very
// same credentials share a tenant view.
func (c *clientCache) identity(cl *mgmt.Client) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.identities[cl]
}

// identityKey keys the digest to this process: the digest never leaves
// memory, and could not be compared with another process's anyway.
var identityKey = func() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return k
}()

func credentialsIdentity(cfg mgmt.Config) string {
	h := hmac.New(sha256.New, identityKey)
	for _, v := range []string{cfg.ClientID, cfg.ClientSecret, cfg.ClientAssertionPrivateKey, cfg.ClientAssertionSigningAlg, cfg.APIToken} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (c *clientCache) lookup(k clientKey) *mgmt.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clients[k]
}

// latest returns the client built from the last version seen of a Secret,
// whatever its resourceVersion: deletion uses it when the Secret was deleted
// together with the object (kubectl delete -f on a directory holding both).
func (c *clientCache) latest(domain, namespace, secret string) *mgmt.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, cl := range c.clients {
		if k.domain == domain && k.namespace == namespace && k.secret == secret {
			return cl
		}
	}
	return nil
}

// get returns the cached client for k, or builds one from the Secret's data.
func (c *clientCache) get(k clientKey, secret *corev1.Secret) (*mgmt.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.clients[k]; ok {
		return cl, nil
	}
	cfg, err := configFromSecret(k.domain, secret)
	if err != nil {
		return nil, err
	}
	cfg.RootCAs = c.rootCAs
	cfg.Observer = c.observer
	cfg.UserAgent = "myaccount-operator"
	cl, err := mgmt.New(c.ctx, cfg)
	if err != nil {
		return nil, &secretError{msg: fmt.Sprintf("Secret %s/%s: %v", k.namespace, k.secret, err)}
	}
	if c.rate > 0 {
		cl.Limiter.SetRate(c.rate, c.burst)
	}
	// Forget clients built from older versions of the same Secret.
	for old := range c.clients {
		if old.domain == k.domain && old.namespace == k.namespace && old.secret == k.secret {
			delete(c.identities, c.clients[old])
			delete(c.clients, old)
		}
	}
	c.clients[k] = cl
	c.identities[cl] = credentialsIdentity(cfg)
	return cl, nil
}

// secretError is a Secret the operator cannot use.
type secretError struct{ msg string }

func (e *secretError) Error() string { return e.msg }

func configFromSecret(domain string, s *corev1.Secret) (mgmt.Config, error) {
	val := func(k string) string { return strings.TrimSpace(string(s.Data[k])) }
	cfg := mgmt.Config{
		Domain:                    domain,
		ClientID:                  val(KeyClientID),
		ClientSecret:              val(KeyClientSecret),
		ClientAssertionPrivateKey: val(KeyClientAssertionPrivateKey),
		ClientAssertionSigningAlg: val(KeyClientAssertionSigningAlg),
		APIToken:                  val(KeyAPIToken),
	}
	// The credentials rules are mgmt's, worded with the Secret's keys.
	names := mgmt.CredentialNames{ClientID: fmt.Sprintf("%q", KeyClientID), ClientSecret: fmt.Sprintf("%q", KeyClientSecret),
		APIToken: fmt.Sprintf("%q", KeyAPIToken), PrivateKey: fmt.Sprintf("%q", KeyClientAssertionPrivateKey)}
	if ce := cfg.CredentialsError(names); ce != nil {
		keys := make([]string, 0, len(s.Data))
		for k := range s.Data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return cfg, &secretError{fmt.Sprintf("Secret %s/%s (keys found: [%s]): %s", s.Namespace, s.Name, strings.Join(keys, " "), ce.Error())}
	}
	return cfg, nil
}

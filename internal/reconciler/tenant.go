package reconciler

import (
	"context"
	"fmt"
	"sync"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Fields each read asks for, so an in-sync run moves as little as possible.
var (
	clientFields = []string{"client_id", "name", "allowed_origins", "cross_origin_authentication", "cross_origin_loc"}
	apiFields    = []string{"id", "name", "identifier", "is_system", "subject_type_authorization", "scopes"}
)

// ClientObservation is what the tenant says about one application.
type ClientObservation struct {
	ClientID       string
	Name           string
	AllowedOrigins []string
	CrossOrigin    CrossOriginAuth
}

// UnknownClientError says a configured client does not exist in the tenant.
type UnknownClientError struct {
	Field    string
	ClientID string
	Domain   string
}

func (e *UnknownClientError) Error() string {
	return fmt.Sprintf("%s: invalid value %q: no application with this client ID exists in tenant %s; copy the Client ID from Auth0 Dashboard > Applications", e.Field, e.ClientID, e.Domain)
}

// ObserveClient reads one client with only the fields myaccount manages.
// A missing client returns (nil, nil).
func ObserveClient(ctx context.Context, m *management.Management, clientID string) (*ClientObservation, error) {
	c, err := m.Client.Read(ctx, clientID, management.IncludeFields(clientFields...))
	if mgmt.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read client %s: %w", clientID, err)
	}
	return &ClientObservation{
		ClientID:       c.GetClientID(),
		Name:           c.GetName(),
		AllowedOrigins: c.GetAllowedOrigins(),
		CrossOrigin:    CrossOriginAuth{Enabled: c.GetCrossOriginAuth(), VerificationLocation: c.GetCrossOriginLocation()},
	}, nil
}

// ClientPatch is one PATCH of the fields myaccount manages; nil means unchanged.
type ClientPatch struct {
	AllowedOrigins *[]string
	CrossOrigin    *CrossOriginAuth
	// ExactLocation writes cross_origin_loc even when empty, to clear a
	// location this config set when restoring the prior settings.
	ExactLocation bool
}

// appliedTo is the client as it is after the patch lands.
func (p ClientPatch) appliedTo(c ClientObservation) ClientObservation {
	if p.AllowedOrigins != nil {
		c.AllowedOrigins = *p.AllowedOrigins
	}
	if co := p.CrossOrigin; co != nil {
		c.CrossOrigin.Enabled = co.Enabled
		if co.VerificationLocation != "" || p.ExactLocation {
			c.CrossOrigin.VerificationLocation = co.VerificationLocation
		}
	}
	return c
}

// Empty reports whether the patch changes nothing.
func (p ClientPatch) Empty() bool { return p.AllowedOrigins == nil && p.CrossOrigin == nil }

// PatchClient sends one PATCH carrying only the changed fields.
func PatchClient(ctx context.Context, m *management.Management, clientID string, p ClientPatch) error {
	if p.Empty() {
		return nil
	}
	body := &management.Client{}
	if p.AllowedOrigins != nil {
		list := append([]string{}, *p.AllowedOrigins...) // send [] not null
		body.AllowedOrigins = &list
	}
	if p.CrossOrigin != nil {
		body.CrossOriginAuth = &p.CrossOrigin.Enabled
		if p.CrossOrigin.VerificationLocation != "" || p.ExactLocation {
			loc := p.CrossOrigin.VerificationLocation
			body.CrossOriginLocation = &loc
		}
	}
	if err := m.Client.Update(ctx, clientID, body); err != nil {
		return fmt.Errorf("update client %s: %w", clientID, err)
	}
	return nil
}

// ListCustomDomains reads the tenant's custom domains.
func ListCustomDomains(ctx context.Context, m *management.Management) ([]CustomDomain, error) {
	list, err := m.CustomDomain.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list custom domains: %w", err)
	}
	out := make([]CustomDomain, 0, len(list))
	for _, c := range list {
		out = append(out, CustomDomain{Domain: c.GetDomain(), Status: c.GetStatus()})
	}
	return out, nil
}

// MFAPolicies reads GET /api/v2/guardian/policies.
func MFAPolicies(ctx context.Context, m *management.Management) ([]string, error) {
	p, err := m.Guardian.MultiFactor.Policy(ctx)
	if err != nil {
		return nil, fmt.Errorf("read MFA policies: %w", err)
	}
	if p == nil {
		return nil, nil
	}
	return []string(*p), nil
}

// ClientLocks serializes writes to the same Auth0 client across callers, so
// that two configs merging origins into one client never lose each other's.
type ClientLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

// Lock locks the client and returns its unlock function.
func (l *ClientLocks) Lock(domain, clientID string) func() {
	if l == nil {
		return func() {}
	}
	mu := l.mutex(domain, clientID)
	mu.Lock()
	return mu.Unlock
}

// TryLock locks the client if nobody holds it; ok is false otherwise.
func (l *ClientLocks) TryLock(domain, clientID string) (unlock func(), ok bool) {
	if l == nil {
		return func() {}, true
	}
	mu := l.mutex(domain, clientID)
	if !mu.TryLock() {
		return nil, false
	}
	return mu.Unlock, true
}

func (l *ClientLocks) mutex(domain, clientID string) *sync.Mutex {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.locks == nil {
		l.locks = map[string]*sync.Mutex{}
	}
	key := domain + "/" + clientID
	mu, ok := l.locks[key]
	if !ok {
		mu = &sync.Mutex{}
		l.locks[key] = mu
	}
	return mu
}

package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// ClientSettings are the fields of an Auth0 client that myaccount manages.
type ClientSettings struct {
	AllowedOrigins []string
	WebOrigins     []string
	CrossOrigin    CrossOriginAuth
	// RefreshToken is the client's refresh_token object as read, kept
	// whole so that a write changes only its policies.
	RefreshToken *management.ClientRefreshToken
	// Lists are the list settings kept by field (see NewListSetting).
	Lists map[string][]string
}

// ClientObservation is what the tenant says about one application.
type ClientObservation struct {
	ClientID string
	Name     string
	// FirstParty is is_first_party, read for `verify` (third-party
	// applications get no My Account API tokens); never written.
	FirstParty bool
	// AppType is app_type (spa, native, ...), read for `verify`.
	AppType string
	ClientSettings
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

// readClient reads one client with only the fields myaccount manages.
// A missing client returns (nil, nil).
func readClient(ctx context.Context, m *management.Management, clientID string) (*ClientObservation, error) {
	c, err := m.Client.Read(ctx, clientID, management.IncludeFields(clientFields()...))
	if mgmt.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read client %s: %w", clientID, err)
	}
	return clientObservation(c), nil
}

// clientObservation converts what the Management API returned. Auth0 leaves
// out a list that was never set, which is the same as an empty one.
func clientObservation(c *management.Client) *ClientObservation {
	obs := &ClientObservation{
		ClientID:   c.GetClientID(),
		Name:       c.GetName(),
		FirstParty: c.GetIsFirstParty(),
		AppType:    c.GetAppType(),
	}
	for _, s := range clientSettings {
		s.observe(c, &obs.ClientSettings)
	}
	return obs
}

// patchClient sends one PATCH carrying only the changed fields and returns
// the client as the tenant answered it.
func patchClient(ctx context.Context, m *management.Management, clientID string, p ClientPatch) (*ClientObservation, error) {
	return patchClientBody(ctx, m, clientID, p.body())
}

// patchClientBody sends body as one PATCH of the client.
func patchClientBody(ctx context.Context, m *management.Management, clientID string, body *management.Client) (*ClientObservation, error) {
	if err := m.Client.Update(ctx, clientID, body); err != nil {
		return nil, fmt.Errorf("update client %s: %w", clientID, err)
	}
	// The PATCH answers with the whole client.
	return clientObservation(body), nil
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

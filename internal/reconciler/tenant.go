package reconciler

import (
	"context"
	"fmt"
	"slices"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// clientFields are the fields a client read asks for, so an in-sync run moves
// as little as possible. (A resource-server read cannot choose its fields.)
var clientFields = []string{"client_id", "name", "allowed_origins", "web_origins", "cross_origin_authentication", "cross_origin_loc", "is_first_party", "app_type"}

// ClientSettings are the fields of an Auth0 client that myaccount manages.
type ClientSettings struct {
	AllowedOrigins []string
	WebOrigins     []string
	CrossOrigin    CrossOriginAuth
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
	c, err := m.Client.Read(ctx, clientID, management.IncludeFields(clientFields...))
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
	return &ClientObservation{
		ClientID:   c.GetClientID(),
		Name:       c.GetName(),
		FirstParty: c.GetIsFirstParty(),
		AppType:    c.GetAppType(),
		ClientSettings: ClientSettings{
			AllowedOrigins: c.GetAllowedOrigins(),
			WebOrigins:     c.GetWebOrigins(),
			CrossOrigin:    CrossOriginAuth{Enabled: c.GetCrossOriginAuth(), VerificationLocation: c.GetCrossOriginLocation()},
		},
	}
}

// ClientPatch is one PATCH of the fields myaccount manages; nil means unchanged.
type ClientPatch struct {
	AllowedOrigins     *[]string
	WebOrigins         *[]string
	CrossOriginEnabled *bool
	// CrossOriginLocation "" clears cross_origin_loc (Auth0 validates it as
	// absolute-uri-or-empty).
	CrossOriginLocation *string
}

// Empty reports whether the patch changes nothing.
func (p ClientPatch) Empty() bool {
	return p.AllowedOrigins == nil && p.WebOrigins == nil && p.CrossOriginEnabled == nil && p.CrossOriginLocation == nil
}

// appliedTo is c as it is after the patch lands.
func (p ClientPatch) appliedTo(c ClientSettings) ClientSettings {
	if p.AllowedOrigins != nil {
		c.AllowedOrigins = slices.Clone(*p.AllowedOrigins)
	}
	if p.WebOrigins != nil {
		c.WebOrigins = slices.Clone(*p.WebOrigins)
	}
	if p.CrossOriginEnabled != nil {
		c.CrossOrigin.Enabled = *p.CrossOriginEnabled
	}
	if p.CrossOriginLocation != nil {
		c.CrossOrigin.VerificationLocation = *p.CrossOriginLocation
	}
	return c
}

// heldBy reports the first patched field whose value the tenant did not
// keep in after, "" when every one held.
func (p ClientPatch) heldBy(after ClientSettings) string {
	want := p.appliedTo(after)
	switch {
	case p.AllowedOrigins != nil && !slices.Equal(sortedUnique(want.AllowedOrigins), sortedUnique(after.AllowedOrigins)):
		return "allowed_origins"
	case p.WebOrigins != nil && !slices.Equal(sortedUnique(want.WebOrigins), sortedUnique(after.WebOrigins)):
		return "web_origins"
	case want.CrossOrigin != after.CrossOrigin:
		return "cross_origin_authentication"
	}
	return ""
}

// patchClient sends one PATCH carrying only the changed fields and returns
// the client as the tenant answered it.
func patchClient(ctx context.Context, m *management.Management, clientID string, p ClientPatch) (*ClientObservation, error) {
	body := &management.Client{}
	if p.AllowedOrigins != nil {
		list := append([]string{}, *p.AllowedOrigins...) // send [] not null
		body.AllowedOrigins = &list
	}
	if p.WebOrigins != nil {
		list := append([]string{}, *p.WebOrigins...)
		body.WebOrigins = &list
	}
	body.CrossOriginAuth = p.CrossOriginEnabled
	body.CrossOriginLocation = p.CrossOriginLocation
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

package auth0sim

// The system APIs Auth0 activates by identifier: My Account
// (https://{domain}/me/) and My Organization (https://{domain}/my-org/).
// Both are one lifecycle over the table systemAPIs; an API is a system API
// when it has is_system and an identifier of the table, never by its name.
//
// Where it comes from:
//   - My Account: see the package documentation (recorded activation body,
//     defaults and partial scope list; published scopes and PATCH fields).
//   - My Organization, published: the identifier https://{domain}/my-org/,
//     activated with a POST /api/v2/resource-servers of that identifier,
//     named "Auth0 My Organization API" (auth0-cli v1.x
//     internal/cli/universal_portals.go, `universal-portals setup`, which
//     also sends skip_consent_for_verifiable_first_party_clients and
//     token_dialect rfc9068_profile, both accepted here for either API);
//     its scopes are the OauthScope list of the My Organization API spec
//     (github.com/auth0/myorganization-go types.go, April 2026), less
//     delete:my_org:members and update:my_org:member_roles, which
//     auth0/myorganization.net 1.0.0 (June 2026, CHANGELOG.md) removed "from
//     the API definition"; the descriptions are the spec's.
//   - My Organization, inference: its defaults copy My Account's (user
//     access require_client_grant, token lifetime 600, offline access,
//     skip consent, DPoP optional), except client access, which is
//     require_client_grant (its SDKs authenticate with client credentials
//     for the audience https://{domain}/my-org/); the activation answers
//     every scope (no partial list is known); one per tenant, on the
//     canonical or a ready custom domain, as for My Account.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// systemAPI is one kind of system API.
type systemAPI struct {
	name string
	// path ends the identifier https://{domain}{path}.
	path string
	// clientPolicy is subject_type_authorization.client.policy, fixed.
	clientPolicy string
	scopes       []scopeRec
	// activationScopes, if set, filters what the activation POST (and reads
	// within Options.PartialScopesAfterActivation) list.
	activationScopes func([]scopeRec) []scopeRec
	identifierRE     *regexp.Regexp
}

// MyAccountAPIName is the fixed name of the system My Account API.
const MyAccountAPIName = "Auth0 My Account API"

// MyOrganizationAPIName is the fixed name of the system My Organization API.
const MyOrganizationAPIName = "Auth0 My Organization API"

var myAccountAPI = &systemAPI{
	name: MyAccountAPIName, path: "/me/", clientPolicy: "deny_all",
	scopes: []scopeRec{
		{"create:me:connected_accounts", "Create Connected Accounts"},
		{"read:me:connected_accounts", "Read Connected Accounts"},
		{"delete:me:connected_accounts", "Delete Connected Accounts"},
		{"read:me:authentication_methods", "Read Authentication Methods"},
		{"create:me:authentication_methods", "Create Authentication Methods"},
		{"update:me:authentication_methods", "Update Authentication Methods"},
		{"delete:me:authentication_methods", "Delete Authentication Methods"},
		{"read:me:factors", "Read Factors"},
	},
	activationScopes: connectedAccountsScopes,
	identifierRE:     regexp.MustCompile(`^https://([^/?#]+)/me/$`),
}

var myOrgAPI = &systemAPI{
	name: MyOrganizationAPIName, path: "/my-org/", clientPolicy: "require_client_grant",
	scopes: []scopeRec{
		{"read:my_org:configuration", "Read organization configuration"},
		{"read:my_org:details", "Read organization details"},
		{"update:my_org:details", "Update organization details"},
		{"read:my_org:identity_providers", "Read identity providers for organization"},
		{"create:my_org:identity_providers", "Create identity provider for organization"},
		{"update:my_org:identity_providers", "Update identity provider for organization"},
		{"delete:my_org:identity_providers", "Delete identity provider for organization"},
		{"update:my_org:identity_providers_detach", "Detach identity provider from organization"},
		{"create:my_org:identity_providers_domains", "Associate organization domain with identity provider"},
		{"delete:my_org:identity_providers_domains", "Remove organization domain from identity provider"},
		{"create:my_org:domains", "Create domain for organization"},
		{"read:my_org:domains", "Read domains for organization"},
		{"update:my_org:domains", "Update domain for organization"},
		{"delete:my_org:domains", "Delete domain for organization"},
		{"create:my_org:identity_providers_provisioning", "Create provisioning configuration for identity provider"},
		{"update:my_org:identity_providers_provisioning", "Update provisioning configuration for identity provider"},
		{"read:my_org:identity_providers_provisioning", "Read provisioning configuration for identity provider"},
		{"delete:my_org:identity_providers_provisioning", "Delete provisioning configuration for identity provider"},
		{"create:my_org:identity_providers_scim_tokens", "Create a provisioning SCIM token for this identity provider"},
		{"read:my_org:identity_providers_scim_tokens", "List the provisioning SCIM tokens for this identity provider"},
		{"delete:my_org:identity_providers_scim_tokens", "Delete a provisioning SCIM configuration for an identity provider"},
		{"read:my_org:member_invitations", "List member invitations for organization"},
		{"create:my_org:member_invitations", "Create member invitations for organization"},
		{"delete:my_org:member_invitations", "Delete member invitations for organization"},
		{"read:my_org:members", "List members for organization"},
		{"delete:my_org:memberships", "Delete members from organization without deleting underlying users"},
		{"read:my_org:member_roles", "List Roles for members in organization"},
		{"create:my_org:member_roles", "Create Roles for members in organization"},
		{"delete:my_org:member_roles", "Delete Roles from members for organization"},
		{"create:my_org:client_grants", "Create client grants for client in organization"},
		{"create:my_org:clients", "Create API clients for organization"},
		{"read:my_org:clients", "Read API clients for organization"},
		{"delete:my_org:clients", "Delete API clients for organization"},
	},
	identifierRE: regexp.MustCompile(`^https://([^/?#]+)/my-org/$`),
}

// systemAPIs are the system APIs the emulator activates.
var systemAPIs = []*systemAPI{myAccountAPI, myOrgAPI}

// MyAccountScopes returns the scope values the My Account API offers.
func MyAccountScopes() []string { return scopeValues(myAccountAPI.scopes) }

// MyOrganizationScopes returns the scope values the My Organization API offers.
func MyOrganizationScopes() []string { return scopeValues(myOrgAPI.scopes) }

// systemAPIFor is the system API whose identifier form identifier has, and
// the identifier's domain; nil if none.
func systemAPIFor(identifier string) (*systemAPI, string) {
	for _, api := range systemAPIs {
		if m := api.identifierRE.FindStringSubmatch(identifier); m != nil {
			return api, m[1]
		}
	}
	return nil, ""
}

// system is the kind of system API r is, or nil for an ordinary API.
func (r *rsRec) system() *systemAPI {
	if !r.IsSystem {
		return nil
	}
	api, _ := systemAPIFor(r.Identifier)
	return api
}

// visibleScopes are the scopes the API lists now: the activation's partial
// list while Options.PartialScopesAfterActivation lasts.
func (r *rsRec) visibleScopes() []scopeRec {
	if api := r.system(); api != nil && api.activationScopes != nil &&
		!r.ScopesPartialUntil.IsZero() && time.Now().Before(r.ScopesPartialUntil) {
		return api.activationScopes(r.Scopes)
	}
	return r.Scopes
}

// connectedAccountsScopes is what a recorded activation POST answered: only
// the three connected_accounts scopes (the GET right after listed all 8).
func connectedAccountsScopes(scopes []scopeRec) []scopeRec {
	out := []scopeRec{}
	for _, sc := range scopes {
		if strings.HasSuffix(sc.Value, ":me:connected_accounts") {
			out = append(out, sc)
		}
	}
	return out
}

// activeSystemAPILocked is the active instance of api, or nil.
func (s *Server) activeSystemAPILocked(api *systemAPI) *rsRec {
	for _, r := range s.st.ResourceServers {
		if r.system() == api {
			return r
		}
	}
	return nil
}

// newSystemRSLocked is api as this tenant creates it now, with the partial
// scope window of Options.PartialScopesAfterActivation.
func (s *Server) newSystemRSLocked(api *systemAPI, identifier string) *rsRec {
	r := &rsRec{
		ID: randHex(12), Name: api.name, Identifier: identifier, IsSystem: true,
		UserPolicy: "require_client_grant", ClientPolicy: api.clientPolicy,
		TokenLifetime: 600, TokenLifetimeForWeb: 600, SigningAlg: "RS256",
		AllowOfflineAccess: true, SkipConsent: true,
		Scopes: append([]scopeRec{}, api.scopes...),
		PoP:    &popRec{Mechanism: "dpop", Required: false},
	}
	if p := s.opts.DefaultAuthorizationPolicy; len(p) > 0 {
		r.AuthorizationPolicy = append(json.RawMessage(nil), p...)
	}
	if s.opts.PartialScopesAfterActivation > 0 && api.activationScopes != nil {
		r.ScopesPartialUntil = time.Now().Add(s.opts.PartialScopesAfterActivation)
	}
	return r
}

// systemDomainCheckLocked validates the domain of a system API identifier.
func (s *Server) systemDomainCheckLocked(api *systemAPI, domain string) *apiError {
	if strings.EqualFold(domain, s.domain) {
		return nil
	}
	for _, cd := range s.st.CustomDomains {
		if strings.EqualFold(cd.Domain, domain) {
			if cd.Status == "ready" {
				return nil
			}
			return errBody(fmt.Sprintf("The custom domain %s is not ready (status: %s). The %s identifier must use the canonical domain %s or a custom domain whose status is ready", domain, cd.Status, api.name, s.domain))
		}
	}
	return errBody(fmt.Sprintf("%s is neither the canonical domain (%s) nor a custom domain of this tenant. The %s identifier must be https://{canonical or ready custom domain}%s", domain, s.domain, api.name, api.path))
}

// activateSystemAPILocked is a create with a system API's identifier: it
// activates the API.
func (s *Server) activateSystemAPILocked(api *systemAPI, obj orderedObject, identifier, domain string) (any, *apiError) {
	if e := checkProps(obj, "", inSet(systemPatchable, "identifier", "name", "token_dialect")); e != nil {
		return nil, e
	}
	r, e := s.newActiveSystemRSLocked(api, identifier, domain)
	if e != nil {
		return nil, e
	}
	// Any name sent is ignored: the system API keeps its own.
	created, e := s.addRSLocked(r, obj, true, "identifier", "name")
	if e != nil {
		return nil, e
	}
	if api.activationScopes == nil {
		return created, nil
	}
	w := created.(rsJSON)
	w.Scopes = api.activationScopes(r.Scopes)
	return w, nil
}

// newActiveSystemRSLocked checks that api can be activated as identifier on
// domain and builds it. One instance per tenant. Published: the docs say
// the My Account API takes the canonical or a custom domain and that the
// one chosen is used throughout. Inference (no recording): a POST for the
// other domain while one is active answers 409 naming the active
// identifier, and GET by the other identifier answers 404.
func (s *Server) newActiveSystemRSLocked(api *systemAPI, identifier, domain string) (*rsRec, *apiError) {
	if e := s.systemDomainCheckLocked(api, domain); e != nil {
		return nil, e
	}
	if existing := s.activeSystemAPILocked(api); existing != nil {
		if existing.Identifier == identifier {
			return nil, newAPIError(409, "A resource server with the same identifier already exists", "")
		}
		return nil, newAPIError(409, fmt.Sprintf("The %s is already active for this tenant with identifier %s; only one can be active at a time", api.name, existing.Identifier), "")
	}
	if s.findRSByIdentifierLocked(identifier) != nil {
		return nil, newAPIError(409, "A resource server with the same identifier already exists", "")
	}
	return s.newSystemRSLocked(api, identifier), nil
}

// ActivateMyAccountAPI activates the My Account API out of band for
// https://{domain}/me/ (domain "" = the canonical domain), as a POST would.
func (s *Server) ActivateMyAccountAPI(domain string) (ResourceServer, error) {
	return s.activateOutOfBand(myAccountAPI, domain)
}

// ActivateMyOrganizationAPI activates the My Organization API out of band
// for https://{domain}/my-org/ (domain "" = the canonical domain).
func (s *Server) ActivateMyOrganizationAPI(domain string) (ResourceServer, error) {
	return s.activateOutOfBand(myOrgAPI, domain)
}

func (s *Server) activateOutOfBand(api *systemAPI, domain string) (ResourceServer, error) {
	if domain == "" {
		domain = s.domain
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := s.newActiveSystemRSLocked(api, "https://"+domain+api.path, domain)
	if e != nil {
		return ResourceServer{}, fmt.Errorf("auth0sim: %s", e.Message)
	}
	s.st.ResourceServers = append(s.st.ResourceServers, r)
	s.saveOrLogLocked()
	return r.export(), nil
}

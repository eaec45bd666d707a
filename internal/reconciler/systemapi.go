package reconciler

import (
	"slices"
	"strings"
)

// SystemAPI is one of Auth0's system APIs that a config activates and grants
// users access to: My Account (https://{domain}/me/) and My Organization
// (https://{domain}/my-org/). Both follow one lifecycle (activation, the
// user access policy, user grants with scopes checked against the API's own
// list, a deletion policy); a SystemAPI holds only what differs: names,
// the path, the scopes, and where the config and the state keep its parts.
// Each is found by identifier and is_system, never by name.
type SystemAPI struct {
	// Key is Terraform's system_api value.
	Key string
	// Name names the API in messages; Dashboard is its row in Auth0
	// Dashboard > Applications > APIs.
	Name, Dashboard string
	// Path follows the domain in the identifier: https://{domain}{Path}.
	Path string
	// Scopes are the scopes Auth0 offers on the API; EarlyAccessScopes
	// are those a tenant may lack, so a run never waits for them.
	Scopes            []string
	EarlyAccessScopes []string
	// ScopesGrow: Auth0 adds scopes to the API (Early Access), so a
	// config's scopes are checked against the tenant's list once it is
	// active, and against Scopes only before.
	ScopesGrow bool
	// ConfigName is the config's block for the API (manifest and CRD);
	// UserAccessName the application's block for its user grant;
	// PolicyName the application's block for its refresh-token policy.
	ConfigName, UserAccessName, PolicyName string
	// ExampleScope is the scope an error suggests; Banner names the API's
	// banner in Auth0 Dashboard > Applications > APIs.
	ExampleScope, Banner string

	spec       func(d *Desired) *APISpec // nil: the config does not manage the API
	grant      func(st *AppState) (id *string, intent *bool)
	recorded   func(s *State) (apiID, audience *string)
	ownedMark  func(s *State) *bool                        // the mark that the recorded id is owned
	policy     func(app *Application) **RefreshTokenPolicy // the application's refresh-token policy
	ownedEntry func(st *AppState) **OwnedRefreshPolicy     // the policy entry the config wrote
	// userAccessOf and policyOf read the application's blocks from a copy:
	// a pointer passed to a func field escapes, and these are read per
	// owner pair when the sharing rules weigh 1000 owners.
	userAccessOf func(app Application) *UserAccess
	policyOf     func(app Application) *RefreshTokenPolicy
	// resource prefixes its Change.Resource: resource for the API,
	// resource+"-grant/<client_id>"... see apiResource and grantResourceOf.
	apiResource, grantPrefix string
}

// MyAccount is the My Account API. Its names are the ones the config always
// had: api, applications[].userAccess, myaccount_api.
var MyAccount = SystemAPI{
	Key: "my_account", Name: "My Account API", Dashboard: "Auth0 My Account API", Path: "/me/",
	Scopes:            MyAccountScopes,
	EarlyAccessScopes: []string{"read:me:factors"},
	ConfigName:        "api", UserAccessName: "userAccess", PolicyName: "refreshTokenPolicy", ExampleScope: "read:me:authentication_methods", Banner: "MyAccount API",
	spec:         func(d *Desired) *APISpec { return managedSpec(&d.API) },
	userAccessOf: func(app Application) *UserAccess { return app.UserAccess },
	policyOf:     func(app Application) *RefreshTokenPolicy { return app.RefreshTokenPolicy },
	grant:        func(st *AppState) (*string, *bool) { return &st.GrantID, &st.GrantIntent },
	recorded:     func(s *State) (*string, *string) { return &s.APIID, &s.Audience },
	ownedMark:    func(s *State) *bool { return &s.APIOwned },
	policy:       func(app *Application) **RefreshTokenPolicy { return &app.RefreshTokenPolicy },
	ownedEntry:   func(st *AppState) **OwnedRefreshPolicy { return &st.RefreshTokenPolicy },
	apiResource:  ResourceAPI, grantPrefix: "grant/",
}

// MyOrganization is the My Organization API (Early Access): a top-level
// myOrganizationApi block, applications[].myOrganizationUserAccess and
// applications[].myOrganizationRefreshTokenPolicy.
var MyOrganization = SystemAPI{
	Key: "my_organization", Name: "My Organization API", Dashboard: "Auth0 My Organization API", Path: "/my-org/",
	Scopes: MyOrganizationScopes,
	// The whole API is Early Access: a scope it does not list is not waited for.
	EarlyAccessScopes: MyOrganizationScopes, ScopesGrow: true,
	ConfigName: "myOrganizationApi", UserAccessName: "myOrganizationUserAccess", PolicyName: "myOrganizationRefreshTokenPolicy", ExampleScope: "read:my_org:details", Banner: "My Organization API",
	spec:         func(d *Desired) *APISpec { return managedSpec(d.MyOrganizationAPI) },
	userAccessOf: func(app Application) *UserAccess { return app.MyOrganizationUserAccess },
	policyOf:     func(app Application) *RefreshTokenPolicy { return app.MyOrganizationRefreshTokenPolicy },
	grant:        func(st *AppState) (*string, *bool) { return &st.MyOrganizationGrantID, &st.MyOrganizationGrantIntent },
	recorded: func(s *State) (*string, *string) {
		return &s.MyOrganizationAPIID, &s.MyOrganizationAudience
	},
	ownedMark:   func(s *State) *bool { return &s.MyOrganizationAPIOwned },
	policy:      func(app *Application) **RefreshTokenPolicy { return &app.MyOrganizationRefreshTokenPolicy },
	ownedEntry:  func(st *AppState) **OwnedRefreshPolicy { return &st.MyOrganizationRefreshTokenPolicy },
	apiResource: "my-organization-api", grantPrefix: "my-organization-grant/",
}

// SystemAPIs are the system APIs a config may manage, My Account first.
// The slice is shared: callers only read it.
func SystemAPIs() []SystemAPI { return systemAPIs }

var systemAPIs = []SystemAPI{MyAccount, MyOrganization}

// SystemAPIByKey finds a system API by its Key.
func SystemAPIByKey(key string) (SystemAPI, bool) {
	for _, a := range SystemAPIs() {
		if a.Key == key {
			return a, true
		}
	}
	return SystemAPI{}, false
}

// SystemAPIKeys are the Keys, for a fix that lists the values.
func SystemAPIKeys() []string {
	var out []string
	for _, a := range SystemAPIs() {
		out = append(out, a.Key)
	}
	return out
}

// systemAPIOf is the system API whose identifier audience is; My Account
// when it is none (the callers' default).
func systemAPIOf(audience string) SystemAPI {
	for _, a := range SystemAPIs() {
		if _, ok := a.DomainOf(audience); ok {
			return a
		}
	}
	return MyAccount
}

// Audience is the API's identifier for a domain. Domains are
// case-insensitive; the identifier is not, so it is always lower case.
func (a SystemAPI) Audience(domain string) string {
	return "https://" + strings.ToLower(domain) + a.Path
}

// DomainOf is the inverse of Audience: "https://d/me/" gives "d" for My Account.
func (a SystemAPI) DomainOf(audience string) (domain string, ok bool) {
	rest, ok := strings.CutPrefix(audience, "https://")
	if !ok {
		return "", false
	}
	domain, ok = strings.CutSuffix(rest, a.Path)
	if !ok || domain == "" || strings.Contains(domain, "/") {
		return "", false
	}
	return domain, true
}

// Spec is what d asks of the API; nil when d does not manage it.
func (a SystemAPI) Spec(d Desired) *APISpec { return a.spec(&d) }

// UserAccessOf is app's user grant for the API; nil when not managed.
func (a SystemAPI) UserAccessOf(app Application) *UserAccess { return a.userAccessOf(app) }

// PolicyOf is app's refresh-token policy for the API; nil when not managed.
func (a SystemAPI) PolicyOf(app Application) *RefreshTokenPolicy { return a.policyOf(app) }

// WithPolicy is app with its refresh-token policy for the API set to p.
func (a SystemAPI) WithPolicy(app Application, p *RefreshTokenPolicy) Application {
	*a.policy(&app) = p
	return app
}

// OwnedPolicyOf is the refresh-token policy entry st records for the API.
func (a SystemAPI) OwnedPolicyOf(st AppState) *OwnedRefreshPolicy { return *a.ownedEntry(&st) }

// WithOwnedPolicy is st with the entry it records for the API set to o.
func (a SystemAPI) WithOwnedPolicy(st AppState, o *OwnedRefreshPolicy) AppState {
	*a.ownedEntry(&st) = o
	return st
}

// GrantIDOf is the user grant st owns for the API.
func (a SystemAPI) GrantIDOf(st AppState) string {
	id, _ := a.grant(&st)
	return *id
}

// ownsGrant reports whether st owns, or is about to create, a user grant
// for the API.
func (a SystemAPI) ownsGrant(st AppState) bool {
	id, intent := a.grant(&st)
	return *id != "" || *intent
}

// grantResource names a client's user grant for the API in a Change.
func (a SystemAPI) grantResource(clientID string) string { return a.grantPrefix + clientID }

// GrantsDashboard is where a user grant for the API is deleted by hand.
func (a SystemAPI) GrantsDashboard() string {
	return "Auth0 Dashboard > Applications > APIs > " + a.Dashboard + " > Application Access"
}

// field names a part of the API's block in the config: api.enabled,
// myOrganizationApi.enabled.
func (a SystemAPI) field(name string) string { return a.ConfigName + "." + name }

// isAPIResource reports whether a Change's resource is a system API.
func isAPIResource(res string) bool {
	return slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return a.apiResource == res })
}

// isGrantResource reports whether a Change's resource is a user grant.
func isGrantResource(res string) bool {
	return slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return strings.HasPrefix(res, a.grantPrefix) })
}

// MyAccountScopes are the scopes Auth0 offers on the My Account API.
var MyAccountScopes = []string{
	"create:me:authentication_methods",
	"read:me:authentication_methods",
	"update:me:authentication_methods",
	"delete:me:authentication_methods",
	"read:me:factors",
	"create:me:connected_accounts",
	"read:me:connected_accounts",
	"delete:me:connected_accounts",
}

// MyOrganizationScopes are the scopes Auth0 offers on the My Organization
// API: the OauthScope enum of Auth0's My Organization API SDKs, generated
// from the API's published OpenAPI schema (Auth0.MyOrganizationApi for
// .NET, whose changelog adds read:my_org:user_stores and
// delete:my_org:organizations in auth0/myorganization.net#74, then the
// group scopes); the three that auth0-cli's universal-portals setup grants
// (read:my_org:configuration, read:my_org:details, update:my_org:details)
// are among them.
// Before activation a config is checked against this list; once the API is
// active, against the list the tenant's API has.
var MyOrganizationScopes = []string{
	"read:my_org:configuration",
	"read:my_org:details",
	"update:my_org:details",
	"read:my_org:identity_providers",
	"create:my_org:identity_providers",
	"update:my_org:identity_providers",
	"delete:my_org:identity_providers",
	"update:my_org:identity_providers_detach",
	"create:my_org:identity_providers_domains",
	"delete:my_org:identity_providers_domains",
	"create:my_org:domains",
	"read:my_org:domains",
	"update:my_org:domains",
	"delete:my_org:domains",
	"create:my_org:identity_providers_provisioning",
	"update:my_org:identity_providers_provisioning",
	"read:my_org:identity_providers_provisioning",
	"delete:my_org:identity_providers_provisioning",
	"create:my_org:identity_providers_scim_tokens",
	"read:my_org:identity_providers_scim_tokens",
	"delete:my_org:identity_providers_scim_tokens",
	"read:my_org:member_invitations",
	"create:my_org:member_invitations",
	"delete:my_org:member_invitations",
	"read:my_org:members",
	"delete:my_org:memberships",
	"read:my_org:member_roles",
	"create:my_org:member_roles",
	"delete:my_org:member_roles",
	"create:my_org:client_grants",
	"create:my_org:clients",
	"read:my_org:clients",
	"delete:my_org:clients",
	"read:my_org:user_stores",
	"delete:my_org:organizations",
	"read:my_org:groups",
	"read:my_org:group_roles",
	"create:my_org:group_roles",
	"delete:my_org:group_roles",
}

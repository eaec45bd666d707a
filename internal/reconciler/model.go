// Package reconciler holds the domain logic shared by every face of myaccount:
// the desired-state model, validation, pure diffs, and the four reconcilers
// (API activation, CORS origins, cross-origin authentication, user access)
// that observe, apply and delete through the Auth0 Management API.
//
// It imports neither Terraform nor controller-runtime.
package reconciler

import (
	"slices"
)

// UserAccessPolicy is a system API's subject_type_authorization.user.policy.
type UserAccessPolicy string

const (
	UserAccessRequireClientGrant UserAccessPolicy = "require_client_grant"
	UserAccessAllowAll           UserAccessPolicy = "allow_all"
	UserAccessDenyAll            UserAccessPolicy = "deny_all"
)

// DeletionPolicy says what removing the configuration does to the API.
type DeletionPolicy string

const (
	// DeletionRetain leaves the API active.
	DeletionRetain DeletionPolicy = "Retain"
	// DeletionDelete deactivates the API.
	DeletionDelete DeletionPolicy = "Delete"
)

// OriginsMode says how much of a client's allowed_origins a config owns.
type OriginsMode string

const (
	// OriginsMerge manages only the listed origins and never touches others.
	OriginsMerge OriginsMode = "Merge"
	// OriginsExclusive makes the list the whole truth.
	OriginsExclusive OriginsMode = "Exclusive"
)

// Desired is one tenant's My Account configuration.
type Desired struct {
	// Domain is the tenant's canonical domain, used for Management API calls.
	Domain string
	API    APISpec
	// MyOrganizationAPI is nil when the config does not manage the My
	// Organization API; its audience domain is API.AudienceDomain (one
	// domain throughout).
	MyOrganizationAPI *APISpec
	Applications      []Application
	// AdoptGrants are existing user grants this config takes over as its
	// own (explicit adoption; see adopt.go).
	AdoptGrants []AdoptGrant
	// releasing marks the config Delete runs (see releasing): it claims
	// no API, whatever its blocks say.
	releasing bool
}

// APISpec describes a system API's activation (see SystemAPI).
type APISpec struct {
	// Unmanaged: the config neither activates nor deactivates the API
	// nor sets its policy (the My Account API's block left out); its
	// grants still use AudienceDomain. The My Organization API is
	// unmanaged when Desired.MyOrganizationAPI is nil.
	Unmanaged bool
	Enabled   bool
	// AudienceDomain is the canonical domain or a ready custom domain.
	// Empty means the canonical domain.
	AudienceDomain   string
	UserAccessPolicy UserAccessPolicy
	DeletionPolicy   DeletionPolicy
	// OwnedID is the id of the API this config's persisted state records
	// (it activated or managed it before); the engine sets it from State.
	// Enabled false deactivates the API only when it is owned or under
	// DeletionDelete.
	OwnedID string
}

// managedSpec is s, or nil when it does not manage the API.
func managedSpec(s *APISpec) *APISpec {
	if s == nil || s.Unmanaged {
		return nil
	}
	return s
}

func (s *APISpec) defaults() {
	if s.UserAccessPolicy == "" {
		s.UserAccessPolicy = UserAccessRequireClientGrant
	}
	if s.DeletionPolicy == "" {
		s.DeletionPolicy = DeletionRetain
	}
	// Every face takes both casings: Retain (Kubernetes) and retain (Terraform).
	s.DeletionPolicy = DeletionPolicy(canonicalEnum(string(s.DeletionPolicy), string(DeletionRetain), string(DeletionDelete)))
}

// mayDeactivate reports whether Enabled false may deactivate obs, and why.
func (s APISpec) mayDeactivate(obs APIObservation) (ok bool, why string) {
	switch {
	case s.DeletionPolicy == DeletionDelete:
		return true, "deletionPolicy is Delete"
	case s.OwnedID != "" && s.OwnedID == obs.ID:
		return true, "this config's state records it as managed here"
	}
	return false, ""
}

// Application is the desired configuration of one Auth0 client.
type Application struct {
	ClientID string
	// AllowedOrigins (CORS) is nil when the config does not manage them.
	AllowedOrigins []string
	OriginsMode    OriginsMode
	// WebOrigins is nil when the config does not manage them.
	WebOrigins     []string
	WebOriginsMode OriginsMode
	// CrossOriginAuthentication is nil when the config does not manage it.
	CrossOriginAuthentication *CrossOriginAuth
	// UserAccess is nil when the config does not manage a user grant.
	UserAccess *UserAccess
	// MyOrganizationUserAccess is the user grant for the My Organization
	// API; nil when not managed.
	MyOrganizationUserAccess *UserAccess
	// RefreshTokenPolicy is nil when the config does not manage the
	// client's refresh-token policy entry for the My Account API.
	RefreshTokenPolicy *RefreshTokenPolicy
	// MyOrganizationRefreshTokenPolicy is the entry for the My
	// Organization API; nil when not managed.
	MyOrganizationRefreshTokenPolicy *RefreshTokenPolicy
	// Lists are the list settings kept by field (see NewListSetting); a
	// list absent is not managed.
	Lists map[string]ListSpec
}

// ListSpec is a list setting as a config declares it.
type ListSpec struct {
	Entries []string
	Mode    OriginsMode
}

// CrossOriginAuth is the client's cross_origin_authentication and cross_origin_loc.
type CrossOriginAuth struct {
	Enabled bool
	// VerificationLocation is the client's cross_origin_loc; empty leaves it unset.
	VerificationLocation string
}

// UserAccess is the client grant with subject_type=user for a system API's audience.
type UserAccess struct {
	Scopes []string
}

// RefreshTokenPolicy is the client's refresh_token.policies entry (MRRT)
// for a system API's audience.
type RefreshTokenPolicy struct {
	Scopes []string
	// Audience is the API the entry is for: the engine sets it to the
	// config's audience for the system API (AudienceFor), as for the user grant; a
	// face that plans alone (Terraform) sets it the same way.
	Audience string
}

// State is what a caller persists between runs (Terraform state, CR status
// and annotation, the CLI's state file): facts the tenant cannot tell us,
// such as which origins this config added. Its JSON is the persisted form.
type State struct {
	APIID    string              `json:"apiId,omitempty"`
	Audience string              `json:"audience,omitempty"`
	Apps     map[string]AppState `json:"apps,omitempty"` // keyed by client ID
	// MyOrganizationAPIID and MyOrganizationAudience are APIID and
	// Audience for the My Organization API.
	MyOrganizationAPIID    string `json:"myOrganizationApiId,omitempty"`
	MyOrganizationAudience string `json:"myOrganizationAudience,omitempty"`
	// APIOwned and MyOrganizationAPIOwned mark APIID (MyOrganizationAPIID)
	// as owned under the sharing rules: the config activated the API, or
	// shares it with the config that did. An id without the mark was
	// recorded by an earlier version, which recorded the API whatever the
	// config said (see legacyOwnership).
	APIOwned               bool `json:"apiOwned,omitempty"`
	MyOrganizationAPIOwned bool `json:"myOrganizationApiOwned,omitempty"`
}

// AppState is the persisted state of one application: what this config
// owns on the client, and so may change back or remove. It is recorded
// before each write that adds to it (see Persist): an owned origin or prior
// value whose write never landed is dropped by the next run, one that did
// land is this config's.
type AppState struct {
	// ManagedOrigins are the allowed origins this config added and may remove.
	ManagedOrigins []string `json:"managedOrigins,omitempty"`
	// ManagedWebOrigins are the web origins this config added and may remove.
	ManagedWebOrigins []string `json:"managedWebOrigins,omitempty"`
	// PriorCrossOrigin is what the client had before this config first changed
	// cross-origin authentication, field by field; nil until then.
	PriorCrossOrigin *PriorCrossOrigin `json:"priorCrossOrigin,omitempty"`
	// GrantID is the id of the user grant this config created or owns.
	GrantID string `json:"grantId,omitempty"`
	// GrantIntent records that this config was about to create the client's
	// user grant (none existed): the answer, with the new grant's id, may
	// never have arrived. The next run that finds a user grant for the
	// client takes it as this config's; one that finds none drops the intent.
	GrantIntent bool `json:"grantIntent,omitempty"`
	// MyOrganizationGrantID and MyOrganizationGrantIntent are GrantID and
	// GrantIntent for the My Organization API.
	MyOrganizationGrantID     string `json:"myOrganizationGrantId,omitempty"`
	MyOrganizationGrantIntent bool   `json:"myOrganizationGrantIntent,omitempty"`
	// Lists are, for the list settings kept by field (see NewListSetting),
	// the entries this config added and may remove.
	Lists map[string][]string `json:"lists,omitempty"`
	// RefreshTokenPolicy is the refresh-token policy entry this config
	// wrote; nil until its first change.
	RefreshTokenPolicy *OwnedRefreshPolicy `json:"refreshTokenPolicy,omitempty"`
	// MyOrganizationRefreshTokenPolicy is RefreshTokenPolicy for the My
	// Organization API.
	MyOrganizationRefreshTokenPolicy *OwnedRefreshPolicy `json:"myOrganizationRefreshTokenPolicy,omitempty"`
}

// OwnedRefreshPolicy is a refresh_token.policies entry a config wrote.
type OwnedRefreshPolicy struct {
	Audience string   `json:"audience"`
	Scopes   []string `json:"scopes,omitempty"`
	// Prior is the entry's scopes before this config first changed it; nil
	// when the audience had no entry, so release removes it.
	Prior *[]string `json:"prior,omitempty"`
}

// PriorCrossOrigin records, per field, the value a client had before this
// config first changed it. A nil field was never changed, so releasing the
// config leaves it alone, even if someone else edits it meanwhile.
type PriorCrossOrigin struct {
	Enabled              *bool   `json:"enabled,omitempty"`
	VerificationLocation *string `json:"verificationLocation,omitempty"`
}

// Owns reports whether the state records anything to undo.
func (s AppState) Owns() bool {
	return slices.ContainsFunc(clientSettings, func(c clientSetting) bool { return c.owns(s) }) ||
		slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return a.ownsGrant(s) })
}

// Defaults fills in the documented defaults.
func (d *Desired) Defaults() {
	for _, a := range SystemAPIs() {
		if spec := a.spec(d); spec != nil {
			spec.defaults()
		}
	}
	for i := range d.Applications {
		for _, s := range clientSettings {
			s.withDefault(&d.Applications[i])
		}
	}
}

// AudienceFor returns the My Account API audience for a domain.
func AudienceFor(domain string) string { return MyAccount.Audience(domain) }

// AudienceDomainOf is the inverse of AudienceFor: "https://d/me/" gives "d".
func AudienceDomainOf(audience string) (domain string, ok bool) { return MyAccount.DomainOf(audience) }

package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// DriftPolicy says what a resync does with edits made outside myaccount.
// +kubebuilder:validation:Enum=Correct;Report
type DriftPolicy string

const (
	// DriftCorrect fixes drift (the default).
	DriftCorrect DriftPolicy = "Correct"
	// DriftReport only reports drift, through the Drifted condition.
	DriftReport DriftPolicy = "Report"
)

// UserAccessPolicy is the My Account API's subject_type_authorization.user.policy.
// +kubebuilder:validation:Enum=require_client_grant;allow_all;deny_all
type UserAccessPolicy string

// DeletionPolicy says what deleting the config does to the My Account API.
// Terraform's lower-case retain and delete are accepted too.
// +kubebuilder:validation:Enum=Retain;Delete;retain;delete
type DeletionPolicy string

const (
	// DeletionRetain leaves the My Account API active (the default).
	DeletionRetain DeletionPolicy = "Retain"
	// DeletionDelete deactivates the My Account API.
	DeletionDelete DeletionPolicy = "Delete"
)

// OriginsMode says how much of a client's allowed origins the config owns.
// +kubebuilder:validation:Enum=Merge;Exclusive
type OriginsMode string

// Origin is an allowed origin: scheme://host[:port], with no path, query or
// trailing slash. The host is a DNS name (letters, digits and hyphens, or an
// internationalised name, which myaccount stores in punycode), an IPv4
// literal or a bracketed IPv6 literal. The leftmost label may be a wildcard
// with an optional prefix and suffix (https://*.example.com,
// https://prefix-*-suffix.example.com) or the whole placeholder
// {organization_name}, followed by a registrable domain. The pattern is the
// grammar; the rules explain the common mistakes. The same good and bad
// origins are tested here and in the reconciler, from one table
// (internal/reconciler/syntax/testdata/origins.json); only a wildcard over a public
// suffix such as co.uk, and internationalised names that break IDNA's rules,
// pass this schema and are refused by the reconciler before any write. An
// origin here is at most 128 characters, which keeps the rules within the
// API server's CEL cost budget for 100 applications of 100 origins.
// +kubebuilder:validation:MinLength=1
// +kubebuilder:validation:MaxLength=128
// +kubebuilder:validation:Pattern=`^https?://(?:(?:\{organization_name\}|(?:[a-zA-Z0-9][a-zA-Z0-9-]{0,60})?\*(?:[a-zA-Z0-9-]{0,60}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9\x{a0}-\x{10FFFF}](?:[a-zA-Z0-9\x{a0}-\x{10FFFF}-]{0,61}[a-zA-Z0-9\x{a0}-\x{10FFFF}])?)+\.[a-zA-Z\x{a0}-\x{10FFFF}](?:[a-zA-Z0-9\x{a0}-\x{10FFFF}-]{0,61}[a-zA-Z0-9\x{a0}-\x{10FFFF}])?|(?:[a-zA-Z0-9\x{a0}-\x{10FFFF}](?:[a-zA-Z0-9\x{a0}-\x{10FFFF}-]{0,61}[a-zA-Z0-9\x{a0}-\x{10FFFF}])?\.)*[a-zA-Z\x{a0}-\x{10FFFF}](?:[a-zA-Z0-9\x{a0}-\x{10FFFF}-]{0,61}[a-zA-Z0-9\x{a0}-\x{10FFFF}])?|(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|\[[0-9a-fA-F:.]+\])(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$`
// +kubebuilder:validation:XValidation:rule="!self.matches('[[:space:][:cntrl:]]')",message="an origin cannot contain spaces, tabs, line breaks or control characters"
// +kubebuilder:validation:XValidation:rule="self != '*'",message="a bare * would trust every site; list each origin, or use a subdomain wildcard such as https://*.example.com"
// +kubebuilder:validation:XValidation:rule="self == '*' || self.startsWith('https://') || self.startsWith('http://')",message="an origin needs the scheme https:// (or http:// for local development), as in https://app.example.com"
// +kubebuilder:validation:XValidation:rule="!self.matches('^[a-z]+://[^/?#]*[/?#]')",message="an origin has no path, query or trailing slash, as in https://app.example.com"
// +kubebuilder:validation:XValidation:rule="self == '*' || !self.contains('*') || self.matches('^https?://[a-zA-Z0-9-]*[*][a-zA-Z0-9-]*[.][^*./]+[.][^*/]+$')",message="one wildcard only, in the leftmost label, optionally with a prefix and suffix, followed by a registrable domain, as in https://*.example.com or https://prefix-*-suffix.example.com"
// +kubebuilder:validation:XValidation:rule="!(self.contains('{') || self.contains('}')) || self.matches('^https?://[{]organization_name[}][.][^*{}./]+[.][^*{}/]+$')",message="the placeholder {organization_name} must be the whole leftmost label, with no prefix, suffix or wildcard, followed by a registrable domain, as in https://{organization_name}.example.com"
// +kubebuilder:validation:XValidation:rule="!self.matches('^https?://[[]') || (self.indexOf(']') > 0 && isIP(self.substring(self.indexOf('[') + 1, self.indexOf(']'))) && ip(self.substring(self.indexOf('[') + 1, self.indexOf(']'))).family() == 6)",message="the host in brackets must be an IPv6 address without zone, as in https://[2001:db8::1]:8443"
type Origin string

// MyAccountConfigSpec is one tenant's My Account configuration.
type MyAccountConfigSpec struct {
	// Domain is the tenant's canonical domain, used for Management API calls,
	// such as my-tenant.eu.auth0.com.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$`
	Domain string `json:"domain"`

	// CredentialsSecretRef names a Secret in the same namespace holding the
	// Management API credentials: the keys clientId and clientSecret, or
	// clientId and clientAssertionPrivateKey (optionally
	// clientAssertionSigningAlg), or apiToken. The operator requires it; the
	// CLI reads the AUTH0_* environment variables instead.
	// +optional
	CredentialsSecretRef *SecretReference `json:"credentialsSecretRef,omitempty"`

	// DriftPolicy says what a resync does with edits made outside myaccount:
	// Correct fixes them, Report only sets Drifted=True.
	// +kubebuilder:default=Correct
	// +optional
	DriftPolicy DriftPolicy `json:"driftPolicy,omitempty"`

	// ResyncInterval is how often the tenant is checked for drift: a Go
	// duration such as 90s, 10m or 1h30m, from 30s to 24h. Default 10m.
	// +kubebuilder:default="10m"
	// +kubebuilder:validation:Type=string
	// +kubebuilder:validation:Pattern=`^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`
	// +kubebuilder:validation:XValidation:rule="!self.matches('^([0-9.]+(ns|us|ms|s|m|h))+$') || (duration(self) >= duration('30s') && duration(self) <= duration('24h'))",message="resyncInterval must be from 30s to 24h, such as 10m"
	// +optional
	ResyncInterval *Duration `json:"resyncInterval,omitempty"`

	// Verify, when true, checks on every reconcile that a browser app can
	// call the My Account API (the chain `myaccount verify` checks), from
	// what the reconcile read plus one CORS preflight per origin, and
	// reports it in the Verified condition. False (the default) sends no
	// extra request.
	// +optional
	Verify bool `json:"verify,omitempty"`

	// API is the My Account API activation. Omitted: the API is not
	// managed; this object neither activates nor deactivates it, and its
	// userAccess and refreshTokenPolicy need it active. Objects created
	// before this field lost its default ({}) keep the block they were
	// stored with.
	// +optional
	API *APISpec `json:"api,omitempty"`

	// MyOrganizationAPI is the My Organization API (Early Access),
	// https://{api.audienceDomain}/my-org/: one block each for the two
	// system APIs, with one lifecycle behind them. Omitted: the My
	// Organization API is not managed.
	// +optional
	MyOrganizationAPI *SystemAPISpec `json:"myOrganizationApi,omitempty"`

	// Applications are the Auth0 applications (clients) to configure, each at
	// most once.
	// +listType=map
	// +listMapKey=clientId
	// +kubebuilder:validation:MaxItems=100
	// +optional
	Applications []ApplicationSpec `json:"applications,omitempty"`
}

// SecretReference names a Secret in the object's namespace.
type SecretReference struct {
	// Name of the Secret.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Name string `json:"name"`
}

// APISpec describes the My Account API activation.
type APISpec struct {
	// Enabled activates the My Account API.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// AudienceDomain is the canonical domain or a ready custom domain; the
	// audience is https://{audienceDomain}/me/. Empty means the canonical domain.
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?)?$`
	// +optional
	AudienceDomain string `json:"audienceDomain,omitempty"`

	// UserAccessPolicy is the API's policy for user access.
	// +kubebuilder:default=require_client_grant
	// +optional
	UserAccessPolicy UserAccessPolicy `json:"userAccessPolicy,omitempty"`

	// DeletionPolicy says what deleting the config does to the API: Retain
	// leaves it active, Delete deactivates it.
	// +kubebuilder:default=Retain
	// +optional
	DeletionPolicy DeletionPolicy `json:"deletionPolicy,omitempty"`
}

// SystemAPISpec is the activation of a system API other than My Account,
// whose audience domain is api.audienceDomain.
type SystemAPISpec struct {
	// Enabled activates the API.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// UserAccessPolicy is the API's policy for user access.
	// +kubebuilder:default=require_client_grant
	// +optional
	UserAccessPolicy UserAccessPolicy `json:"userAccessPolicy,omitempty"`

	// DeletionPolicy says what deleting the config does to the API: Retain
	// leaves it active, Delete deactivates it.
	// +kubebuilder:default=Retain
	// +optional
	DeletionPolicy DeletionPolicy `json:"deletionPolicy,omitempty"`
}

// ApplicationSpec is the desired configuration of one Auth0 client.
type ApplicationSpec struct {
	// ClientID is the Auth0 application's client ID.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=128
	ClientID string `json:"clientId"`

	// AllowedOrigins are the client's allowed origins (CORS). Omitted: origins
	// are not managed. An empty list in Exclusive mode removes every origin.
	// +listType=set
	// +kubebuilder:validation:MaxItems=100
	// +optional
	AllowedOrigins []Origin `json:"allowedOrigins,omitzero"`

	// OriginsMode is Merge (manage only the listed origins) or Exclusive
	// (the list is the whole truth).
	// +kubebuilder:default=Merge
	// +optional
	OriginsMode OriginsMode `json:"originsMode,omitempty"`

	// WebOrigins are the client's Allowed Web Origins (web_origins), which
	// Auth0 uses for cross-origin authentication, web_message responses and
	// silent token renewal. Omitted: not managed. Same rules as allowedOrigins.
	// +listType=set
	// +kubebuilder:validation:MaxItems=100
	// +optional
	WebOrigins []Origin `json:"webOrigins,omitzero"`

	// WebOriginsMode is Merge (manage only the listed web origins) or
	// Exclusive (the list is the whole truth).
	// +kubebuilder:default=Merge
	// +optional
	WebOriginsMode OriginsMode `json:"webOriginsMode,omitempty"`

	// CrossOriginAuthentication sets the client's cross_origin_authentication
	// and cross_origin_loc. Omitted: not managed.
	// +optional
	CrossOriginAuthentication *CrossOriginAuthentication `json:"crossOriginAuthentication,omitempty"`

	// UserAccess is the client grant with subject_type=user for the My
	// Account API. Omitted: no grant is managed.
	// +optional
	UserAccess *UserAccess `json:"userAccess,omitempty"`

	// MyOrganizationUserAccess is the client grant with subject_type=user
	// for the My Organization API (myOrganizationApi). Omitted: no grant
	// is managed.
	// +optional
	MyOrganizationUserAccess *UserAccess `json:"myOrganizationUserAccess,omitempty"`

	// RefreshTokenPolicy is the client's refresh-token policy entry
	// (refresh_token.policies, Multi-Resource Refresh Token) for the My
	// Account API: with it, an app using refresh tokens gets a My Account
	// token without third-party cookies. The client's other entries and
	// refresh-token settings are kept. Omitted: not managed.
	// +optional
	RefreshTokenPolicy *RefreshTokenPolicy `json:"refreshTokenPolicy,omitempty"`

	// MyOrganizationRefreshTokenPolicy is the client's refresh-token
	// policy entry for the My Organization API (Early Access), with
	// scopes such as read:my_org:details that myOrganizationUserAccess
	// must cover. Omitted: not managed.
	// +optional
	MyOrganizationRefreshTokenPolicy *RefreshTokenPolicy `json:"myOrganizationRefreshTokenPolicy,omitempty"`
}

// RefreshTokenPolicy is a client's refresh-token policy entry for a
// system API (My Account or My Organization).
type RefreshTokenPolicy struct {
	// Scopes are the API's scopes a refreshed token may carry, such as
	// read:me:authentication_methods (My Account) or read:my_org:details
	// (My Organization); the user grant for the API must cover them.
	// MaxItems is UserAccess's: the My Organization API offers more than 32.
	// +listType=set
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=64
	// +kubebuilder:validation:items:MinLength=1
	// +kubebuilder:validation:items:MaxLength=128
	Scopes []string `json:"scopes"`
}

// CrossOriginAuthentication is a client's cross-origin authentication setting.
type CrossOriginAuthentication struct {
	// Enabled is cross_origin_authentication.
	Enabled bool `json:"enabled"`

	// VerificationLocation is cross_origin_loc: an https URL (http only for
	// localhost).
	// +kubebuilder:validation:MaxLength=2048
	// +kubebuilder:validation:XValidation:rule="self == '' || self.startsWith('https://') || self.matches('^http://(localhost|127\\\\.0\\\\.0\\\\.1|\\\\[::1\\\\])([:/?#]|$)')",message="use an absolute https URL such as https://app.example.com/cross-auth.html; http is allowed only for localhost"
	// +optional
	VerificationLocation string `json:"verificationLocation,omitempty"`
}

// CrossOriginAuthenticationStatus is an observed or remembered cross-origin
// authentication setting.
type CrossOriginAuthenticationStatus struct {
	// Enabled is cross_origin_authentication.
	Enabled bool `json:"enabled"`
	// VerificationLocation is cross_origin_loc.
	// +optional
	VerificationLocation string `json:"verificationLocation,omitempty"`
}

// PriorCrossOriginAuthentication records the cross-origin settings a config
// changed, as they were before its first change.
type PriorCrossOriginAuthentication struct {
	// Enabled is the prior cross_origin_authentication; absent when unchanged.
	// +optional
	Enabled *bool `json:"enabled,omitempty"`
	// VerificationLocation is the prior cross_origin_loc ("" for none);
	// absent when unchanged.
	// +optional
	VerificationLocation *string `json:"verificationLocation,omitempty"`
}

// UserAccess is the client grant with subject_type=user.
type UserAccess struct {
	// Scopes are the API's scopes, such as read:me:authentication_methods
	// (userAccess) or read:my_org:details (myOrganizationUserAccess).
	// +listType=set
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=64
	// +kubebuilder:validation:items:MinLength=1
	// +kubebuilder:validation:items:MaxLength=128
	Scopes []string `json:"scopes"`
}

// Condition types. Ready, Reconciling and Stalled follow kstatus
// (sigs.k8s.io/cli-utils/pkg/kstatus), which Flux, kubectl wait and Argo CD
// read: Reconciling and Stalled are present only while True.
const (
	// ConditionReady is True when the tenant matches the spec at the
	// observed generation. Drift left in place under driftPolicy Report
	// makes it False.
	ConditionReady = "Ready"
	// ConditionReconciling is True while the operator is still converging:
	// it is retrying an error that may pass on its own (rate limit, tenant
	// unavailable, Management API error).
	ConditionReconciling = "Reconciling"
	// ConditionStalled is True when the operator cannot converge without a
	// person: a bad spec, a missing or wrong Secret, missing scopes, a
	// conflict, drift that driftPolicy Report leaves in place, or an
	// internal error of the operator (reason InternalError). The
	// operator keeps retrying and clears it once the cause is fixed.
	ConditionStalled = "Stalled"
	// ConditionSynced is True when the last reconcile reached the tenant
	// without error.
	ConditionSynced = "Synced"
	// ConditionDrifted is True when the tenant differs from the spec and
	// the difference was left in place (driftPolicy Report). Corrected drift
	// leaves it False with reason DriftCorrected; status.lastDriftTime
	// records every drift found, corrected or not.
	ConditionDrifted = "Drifted"
	// ConditionVerified, present only under spec.verify, is True when every
	// link of the chain a browser app needs passes (warnings allowed), and
	// False with reason <Link>Failed (such as CORSPreflightFailed) naming
	// the first failing link, its message saying the fix; Unknown when it
	// could not be checked. It does not affect Ready or Synced: the tenant
	// may match the spec while the chain fails.
	ConditionVerified = "Verified"
)

// Condition reasons. The failure reasons of a run, from InvalidSpec to
// ManagementAPIError except the Secret's, are the engine's classification
// (internal/reconciler.Reasons) by name: the operator's tests hold the two
// lists equal.
const (
	ReasonReconciled         = "Reconciled"
	ReasonInSync             = "InSync"
	ReasonApplied            = "Applied"
	ReasonDriftCorrected     = "DriftCorrected"
	ReasonDriftDetected      = "DriftDetected"
	ReasonNoDrift            = "NoDrift"
	ReasonInvalidSpec        = "InvalidSpec"
	ReasonMissingSecretRef   = "MissingSecretRef"
	ReasonSecretNotFound     = "SecretNotFound"
	ReasonInvalidSecret      = "InvalidSecret"
	ReasonInvalidCredentials = "InvalidCredentials"
	ReasonMissingScope       = "MissingScope"
	ReasonUnknownClient      = "UnknownClient"
	ReasonGrantConflict      = "GrantConflict"
	// ReasonConflict: another MyAccountConfig, created earlier, claims the
	// same client setting differently; this object makes no writes.
	ReasonConflict           = "Conflict"
	ReasonAPIActiveElsewhere = "APIActiveElsewhere"
	ReasonRateLimited        = "RateLimited"
	ReasonTenantUnavailable  = "TenantUnavailable"
	ReasonManagementAPIError = "ManagementAPIError"
	ReasonDeletionFailed     = "DeletionFailed"
	// ReasonInternalError: a reconcile panicked (a bug in the operator);
	// the message is the panic value and the operator's log has the stack.
	ReasonInternalError = "InternalError"
	// ReasonAllLinksPass: Verified=True.
	ReasonAllLinksPass = "AllLinksPass"
	// ReasonNotVerified: Verified=Unknown, the reconcile failed, or a read
	// or preflight of the check itself did not go through.
	ReasonNotVerified = "NotVerified"
	// ReasonWritesReverted: the object's writes keep being undone (the
	// same change applied again several times in a row, each soon after
	// the last): Ready=False, Stalled=True and Drifted=True, naming the
	// field and the other writer, until the undoing stops.
	ReasonWritesReverted = "WritesReverted"
)

// MyAccountConfigStatus is what the operator (or the CLI, as its state file)
// knows about the tenant.
type MyAccountConfigStatus struct {
	// ObservedGeneration is the generation the status describes; -1 until
	// the operator first sees the object, so that kstatus reads a new object
	// as InProgress.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// Conditions are Ready, Synced and Drifted, Reconciling or Stalled
	// while True, and Verified under spec.verify.
	// +listType=map
	// +listMapKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// APIID is the id of the My Account API resource server.
	// +optional
	APIID string `json:"apiId,omitempty"`

	// Audience is the My Account API audience this config manages.
	// +optional
	Audience string `json:"audience,omitempty"`

	// MyOrganizationAPIID is the id of the My Organization API resource
	// server, when this config manages it.
	// +optional
	MyOrganizationAPIID string `json:"myOrganizationApiId,omitempty"`

	// MyOrganizationAudience is the My Organization API audience this
	// config manages.
	// +optional
	MyOrganizationAudience string `json:"myOrganizationAudience,omitempty"`

	// LastSyncTime is when the tenant was last checked (and, unless
	// driftPolicy is Report, reconciled) successfully. Every successful
	// resync moves it on, so a stale value means the operator is not running.
	// +optional
	LastSyncTime *metav1.Time `json:"lastSyncTime,omitempty"`

	// LastDriftTime is when drift (an edit made outside the operator) was
	// last found, whether corrected or only reported.
	// +optional
	LastDriftTime *metav1.Time `json:"lastDriftTime,omitempty"`

	// DriftSummary is a short human summary of the last drift found.
	// +optional
	DriftSummary string `json:"driftSummary,omitempty"`

	// Applications are the observed state of each configured application and
	// what this config added to it.
	// +listType=map
	// +listMapKey=clientId
	// +kubebuilder:validation:MaxItems=1000
	// +optional
	Applications []ApplicationStatus `json:"applications,omitempty"`
}

// ApplicationStatus is the observed and persisted state of one application.
type ApplicationStatus struct {
	// ClientID is the Auth0 client ID.
	ClientID string `json:"clientId"`
	// Name is the client's name in Auth0.
	// +optional
	Name string `json:"name,omitempty"`
	// ObservedOrigins are the client's allowed origins, sorted.
	// +optional
	ObservedOrigins []string `json:"observedOrigins,omitempty"`
	// ManagedOrigins are the origins this config added and may remove.
	// +optional
	ManagedOrigins []string `json:"managedOrigins,omitempty"`
	// ObservedWebOrigins are the client's web origins, sorted.
	// +optional
	ObservedWebOrigins []string `json:"observedWebOrigins,omitempty"`
	// ManagedWebOrigins are the web origins this config added and may remove.
	// +optional
	ManagedWebOrigins []string `json:"managedWebOrigins,omitempty"`
	// CrossOriginAuthentication is the client's observed setting.
	// +optional
	CrossOriginAuthentication *CrossOriginAuthenticationStatus `json:"crossOriginAuthentication,omitempty"`
	// PriorCrossOriginAuthentication is, per field, what the client had
	// before this config first changed it, restored when the config lets go.
	// A field left out was never changed, and is left alone.
	// +optional
	PriorCrossOriginAuthentication *PriorCrossOriginAuthentication `json:"priorCrossOriginAuthentication,omitempty"`
	// GrantID is the user grant this config created or owns.
	// +optional
	GrantID string `json:"grantId,omitempty"`
	// GrantScopes are the grant's observed scopes, sorted.
	// +optional
	GrantScopes []string `json:"grantScopes,omitempty"`
	// MyOrganizationGrantID is the My Organization API user grant this
	// config created or owns.
	// +optional
	MyOrganizationGrantID string `json:"myOrganizationGrantId,omitempty"`
	// MyOrganizationGrantScopes are that grant's observed scopes, sorted.
	// +optional
	MyOrganizationGrantScopes []string `json:"myOrganizationGrantScopes,omitempty"`
	// RefreshTokenPolicyScopes are the observed scopes, sorted, of the
	// client's refresh-token policy entry for the My Account API.
	// +optional
	RefreshTokenPolicyScopes []string `json:"refreshTokenPolicyScopes,omitempty"`
	// MyOrganizationRefreshTokenPolicyScopes are the same for the My
	// Organization API's entry.
	// +optional
	MyOrganizationRefreshTokenPolicyScopes []string `json:"myOrganizationRefreshTokenPolicyScopes,omitempty"`
}

// MyAccountConfig configures the Auth0 My Account API and the applications
// that use it on one tenant. An operator started with --namespace (Helm:
// watchNamespaces) serves only those namespaces: an object elsewhere is
// ignored and never gets a status.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=mac,categories=auth0
// +kubebuilder:printcolumn:name="Domain",type=string,JSONPath=`.spec.domain`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Drifted",type=string,JSONPath=`.status.conditions[?(@.type=="Drifted")].status`
// +kubebuilder:printcolumn:name="Verified",type=string,JSONPath=`.status.conditions[?(@.type=="Verified")].status`,priority=1
// +kubebuilder:printcolumn:name="Audience",type=string,JSONPath=`.status.audience`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type MyAccountConfig struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec MyAccountConfigSpec `json:"spec"`
	// +kubebuilder:default={"observedGeneration":-1}
	// +optional
	Status MyAccountConfigStatus `json:"status,omitempty"`
}

// MyAccountConfigList is a list of MyAccountConfig.
//
// +kubebuilder:object:root=true
type MyAccountConfigList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []MyAccountConfig `json:"items"`
}

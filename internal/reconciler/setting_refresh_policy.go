package reconciler

import (
	"fmt"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// refreshPolicySetting is the client's refresh_token.policies entry for
// one system API's audience: the Multi-Resource Refresh Token (MRRT)
// policy that lets a refresh token get a token for /me/ (My Account) or
// /my-org/ (My Organization). There is one per system API (see
// refreshPolicies); the SystemAPI says where the config and the state
// keep its entry, so both APIs share this code. Both write the one
// refresh_token object: the second starts from the first's patch.
//
// It merges: entries for other audiences, and every other field of
// refresh_token (rotation_type, expiration_type, leeway, lifetimes), are
// kept as read. It records the entry it wrote and, at its first change,
// the entry the audience had before (none: release removes the entry;
// one: release restores it exactly). Owners that ask for the same scopes
// share the entry; the last to let go restores it.
//
// What a PATCH of refresh_token does to the sub-fields it leaves out is
// not settled (inference): the official provider's recording
// (TestAccClientRefreshToken, provider v1.54.1) always sends the whole
// object, and Auth0's docs show whole objects too. So the PATCH carries
// the whole object as read with only policies changed: the result is the
// same whether Auth0 merges or replaces the sub-fields.
type refreshPolicySetting struct{ sys SystemAPI }

// RefreshPolicy is the refresh-token policy setting for the My Account API.
var RefreshPolicy clientSetting = refreshPolicySetting{MyAccount}

// refreshPolicies are the refresh-token policy settings, one per system API.
func refreshPolicies() []clientSetting {
	var out []clientSetting
	for _, a := range SystemAPIs() {
		out = append(out, refreshPolicySetting{a})
	}
	return out
}

func (s refreshPolicySetting) configName() string { return s.sys.PolicyName }

// policyEntries are the client's refresh_token.policies.
func policyEntries(rt *management.ClientRefreshToken) []management.ClientRefreshTokenPolicy {
	if rt == nil || rt.Policies == nil {
		return nil
	}
	return *rt.Policies
}

// entryScopes is the scope list of audience's entry, nil when none.
func entryScopes(rt *management.ClientRefreshToken, audience string) *[]string {
	for _, p := range policyEntries(rt) {
		if p.GetAudience() == audience {
			scopes := slices.Clone(p.GetScope())
			if scopes == nil {
				scopes = []string{}
			}
			return &scopes
		}
	}
	return nil
}

// withEntry is rt, copied, with audience's entry set to scopes (nil
// removes it). The other entries keep their place and content.
func withEntry(rt *management.ClientRefreshToken, audience string, scopes *[]string) *management.ClientRefreshToken {
	out := management.ClientRefreshToken{}
	if rt != nil {
		out = *rt
	}
	var entries []management.ClientRefreshTokenPolicy
	placed := false
	for _, p := range policyEntries(rt) {
		if p.GetAudience() != audience {
			entries = append(entries, p)
			continue
		}
		if scopes != nil && !placed {
			entries = append(entries, policyEntry(audience, *scopes))
		}
		placed = true
	}
	if scopes != nil && !placed {
		entries = append(entries, policyEntry(audience, *scopes))
	}
	entries = nonNilEntries(entries)
	out.Policies = &entries
	return &out
}

func nonNilEntries(e []management.ClientRefreshTokenPolicy) []management.ClientRefreshTokenPolicy {
	if e == nil {
		return []management.ClientRefreshTokenPolicy{}
	}
	return e
}

func policyEntry(audience string, scopes []string) management.ClientRefreshTokenPolicy {
	s := append([]string{}, scopes...) // send [] not null
	return management.ClientRefreshTokenPolicy{Audience: ptr(audience), Scope: &s}
}

// describeEntry is an entry in changes: "https://d/me/ [a b]".
func describeEntry(audience string, scopes *[]string) string {
	if scopes == nil {
		return ""
	}
	return fmt.Sprintf("%s [%s]", audience, strings.Join(*scopes, " "))
}

func sameEntry(a, b *[]string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameScopes(*a, *b)
}

// policyPlan is one audience's entry: what the tenant has and what the run
// sets (nil: no entry).
func (refreshPolicySetting) planEntry(res, audience string, rt **management.ClientRefreshToken, want *[]string) []Change {
	have := entryScopes(*rt, audience)
	if sameEntry(have, want) {
		return nil
	}
	*rt = withEntry(*rt, audience, want)
	c := Change{Resource: res, Field: "refresh_token.policies", Observed: describeEntry(audience, have), Desired: describeEntry(audience, want)}
	switch {
	case have == nil:
		c.Action = ActionAdd
	case want == nil:
		c.Action, c.Desired = ActionRemove, c.Observed
	default:
		c.Action = ActionUpdate
	}
	return []Change{c}
}

func (s refreshPolicySetting) plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change {
	res := clientResource(app.ClientID)
	rec, want := s.sys.OwnedPolicyOf(owned), s.sys.PolicyOf(app)
	rt := obs.RefreshToken
	if patch.RefreshToken != nil {
		rt = patch.RefreshToken // another system API's entry is already planned
	}
	var changes []Change
	if rec != nil && (want == nil || want.Audience != rec.Audience) {
		// Let go: restore the entry before this config's first change.
		changes = append(changes, s.planEntry(res, rec.Audience, &rt, rec.Prior)...)
		rec = nil
	}
	if want != nil {
		scopes := sortedUnique(want.Scopes)
		before := entryScopes(rt, want.Audience)
		if added := s.planEntry(res, want.Audience, &rt, &scopes); len(added) > 0 || rec != nil {
			changes = append(changes, added...)
			if rec == nil {
				rec = &OwnedRefreshPolicy{Audience: want.Audience, Prior: before}
			}
			rec = &OwnedRefreshPolicy{Audience: rec.Audience, Scopes: scopes, Prior: rec.Prior}
		}
	}
	*next = s.sys.WithOwnedPolicy(*next, rec)
	if len(changes) > 0 {
		patch.RefreshToken = rt
	}
	return changes
}

func (s refreshPolicySetting) owns(st AppState) bool { return s.sys.OwnedPolicyOf(st) != nil }

// inFlight: the entry before the first change is never replaced; while a
// write that releases the entry is in flight, the record stays, so that a
// write that did not land is released again.
func (s refreshPolicySetting) inFlight(owned, next AppState, out *AppState) {
	was, will := s.sys.OwnedPolicyOf(owned), s.sys.OwnedPolicyOf(next)
	switch {
	case was == nil:
		*out = s.sys.WithOwnedPolicy(*out, will)
	case will == nil || will.Audience != was.Audience:
		*out = s.sys.WithOwnedPolicy(*out, was)
	default:
		*out = s.sys.WithOwnedPolicy(*out, &OwnedRefreshPolicy{Audience: was.Audience, Scopes: sortedUnique(append(slices.Clone(was.Scopes), will.Scopes...)), Prior: was.Prior})
	}
}

func (s refreshPolicySetting) normalize(st *AppState) {
	if r := s.sys.OwnedPolicyOf(*st); r != nil {
		*st = s.sys.WithOwnedPolicy(*st, &OwnedRefreshPolicy{Audience: r.Audience, Scopes: sortedUnique(r.Scopes), Prior: r.Prior})
	}
}

// samePolicyAudience compares audiences; one not yet set (a face's model
// before the engine sets it) is the config's My Account audience.
func samePolicyAudience(a, b string) bool { return a == "" || b == "" || a == b }

func (s refreshPolicySetting) conflict(a, b Application) string {
	pa, pb := s.sys.PolicyOf(a), s.sys.PolicyOf(b)
	if pa == nil || pb == nil || !samePolicyAudience(pa.Audience, pb.Audience) || sameScopes(pa.Scopes, pb.Scopes) {
		return ""
	}
	return fmt.Sprintf("[%s] against [%s]: a client has one refresh-token policy entry per API, so its owners must ask for the same scopes",
		strings.Join(sortedUnique(pa.Scopes), " "), strings.Join(sortedUnique(pb.Scopes), " "))
}

// share: the entry before the first change passes to whoever still
// declares the same policy; one who lets go while another still declares
// and owns it lets go without restoring.
func (s refreshPolicySetting) share(app Application, owned AppState, claims []claim, next *AppState) {
	rec, want := s.sys.OwnedPolicyOf(owned), s.sys.PolicyOf(app)
	for _, c := range claims {
		theirs, declared := s.sys.OwnedPolicyOf(c.owned), s.sys.PolicyOf(c.app)
		if theirs == nil || declared == nil || !samePolicyAudience(declared.Audience, theirs.Audience) {
			continue
		}
		switch {
		case want != nil && rec == nil && samePolicyAudience(want.Audience, theirs.Audience) && sameScopes(want.Scopes, declared.Scopes):
			copied := *theirs
			rec = &copied
		case want == nil && rec != nil && rec.Audience == theirs.Audience:
			rec = nil
		}
	}
	*next = s.sys.WithOwnedPolicy(*next, rec)
}

func (s refreshPolicySetting) validate(prefix string, app Application) ValidationErrors {
	p := s.sys.PolicyOf(app)
	if p == nil {
		return nil
	}
	var errs ValidationErrors
	field := prefix + "." + s.sys.PolicyName
	if fe := ValidatePolicyAudience(s.sys, field+".audience", p.Audience); fe != nil {
		errs = append(errs, fe)
	}
	offered := s.sys.Scopes
	if s.sys.ScopesGrow {
		offered = p.Scopes // checked against the tenant's list once it is read
	}
	return append(errs, ValidatePolicyScopes(s.sys, field+".scopes", p.Scopes, offered)...)
}

// ValidatePolicyAudience refuses the Management API as a policy's audience
// ("" is not known yet): Auth0 never lets a refresh token reach it. a is
// the system API the policy is for.
func ValidatePolicyAudience(a SystemAPI, field, audience string) *FieldError {
	if !strings.HasSuffix(audience, "/api/v2/") {
		return nil
	}
	return &FieldError{Field: field, Value: audience,
		Fix: fmt.Sprintf("the Management API can never be in a refresh-token policy; use the %s's audience, https://{domain}%s", a.Name, a.Path)}
}

// ValidatePolicyScopes checks a refresh-token policy for the system API a
// before any write: field names its scopes in the face's terms
// (applications[0].refreshTokenPolicy.scopes, or scopes), and offered are
// the scopes the API offers.
func ValidatePolicyScopes(a SystemAPI, field string, scopes []string, offered []string) ValidationErrors {
	if len(scopes) == 0 {
		return ValidationErrors{{Field: field, Value: "[]",
			Fix: fmt.Sprintf("list at least one scope, for example %s; to stop managing the policy, remove %s", a.ExampleScope, a.PolicyName)}}
	}
	var errs ValidationErrors
	seen := map[string]int{}
	for j, sc := range scopes {
		if k, dup := seen[sc]; dup {
			errs = append(errs, &FieldError{Field: fmt.Sprintf("%s[%d]", field, j), Value: sc,
				Fix: fmt.Sprintf("the same scope as %s[%d]; remove the duplicate", field, k)})
			continue
		}
		seen[sc] = j
	}
	return append(errs, ValidateScopesFor(a, field, scopes, offered)...)
}

func (refreshPolicySetting) withDefault(*Application) {}

func (refreshPolicySetting) fields() []string { return []string{"refresh_token"} }

func (refreshPolicySetting) observe(c *management.Client, s *ClientSettings) {
	s.RefreshToken = c.RefreshToken
}

func (refreshPolicySetting) writeTo(p ClientPatch, body *management.Client) {
	body.RefreshToken = p.RefreshToken
}

func (refreshPolicySetting) patched(p ClientPatch) bool { return p.RefreshToken != nil }

func (refreshPolicySetting) apply(p ClientPatch, s *ClientSettings) {
	if p.RefreshToken != nil {
		rt := *p.RefreshToken
		s.RefreshToken = &rt
	}
}

// held compares the policies as sets of entries: the other fields were
// sent as read.
func (refreshPolicySetting) held(p ClientPatch, after ClientSettings) bool {
	sent, got := policyEntries(p.RefreshToken), policyEntries(after.RefreshToken)
	if len(sent) != len(got) {
		return false
	}
	for _, e := range sent {
		if !sameEntry(entryScopes(after.RefreshToken, e.GetAudience()), ptr(e.GetScope())) {
			return false
		}
	}
	return true
}

// WithPolicyAudience is app with its refresh-token policy for the system
// API a, if any, for audience unless it names one already; app's own
// policy is not changed.
func WithPolicyAudience(a SystemAPI, app Application, audience string) Application {
	if p := a.PolicyOf(app); p != nil && p.Audience == "" {
		app = a.WithPolicy(app, &RefreshTokenPolicy{Scopes: p.Scopes, Audience: audience})
	}
	return app
}

// CheckPolicyClient refuses, before any write, a refresh-token policy on a
// third-party client: Auth0 issues multi-resource refresh tokens only to
// first-party applications and ignores the policy otherwise. field names
// the policy in the face's terms.
func CheckPolicyClient(field string, p *RefreshTokenPolicy, client *ClientObservation) *FieldError {
	if p == nil || client == nil || client.FirstParty {
		return nil
	}
	return &FieldError{Field: field, Value: client.ClientID,
		Fix: fmt.Sprintf("application %q is third-party (is_first_party false), and Auth0 uses refresh-token policies only for first-party applications; use a first-party application (one created in this tenant's dashboard or Management API), or remove the policy", client.Name)}
}

// PolicyGrantWarning says which of the policy's scopes the client's user
// grant for the system API a will cut (Auth0 issues a token for the API
// with at most the granted scopes): granted are the scopes the grant will have after the run (the
// config's userAccess, else the tenant's grant), grantExists false when
// there will be none; grant names the user grant in the face's terms
// (userAccess). nil when the grant covers the policy.
func PolicyGrantWarning(a SystemAPI, field string, p *RefreshTokenPolicy, granted []string, grantExists bool, grant string) *Warning {
	if p == nil {
		return nil
	}
	var cut []string
	for _, s := range sortedUnique(p.Scopes) {
		if !grantExists || !slices.Contains(granted, s) {
			cut = append(cut, s)
		}
	}
	switch {
	case len(cut) == 0:
		return nil
	case !grantExists:
		return &Warning{Field: field, Message: "the client has no user grant for the " + a.Name + ", so a refreshed token for it gets none of the policy's scopes (" + strings.Join(cut, " ") + "); add " + grant + " with these scopes"}
	}
	return &Warning{Field: field, Message: "the client's user grant does not cover " + strings.Join(cut, " ") + ", so a refreshed token for the " + a.Name + " will not carry them; add them to the scopes of " + grant}
}

// policyWarnings are what p's refresh-token policies warn about once the
// client's grants are read: grants[i] is the grant for systems[i].
func (p *appPlan) policyWarnings(field string, systems []*systemRun) []Warning {
	if !p.inConfig {
		return nil
	}
	var out []Warning
	for i, r := range systems {
		granted, exists := p.grants[i].Scopes, p.grants[i].Exists
		if ua := r.sys.UserAccessOf(p.app); ua != nil {
			granted, exists = ua.Scopes, true
		}
		if w := PolicyGrantWarning(r.sys, field+"."+r.sys.PolicyName+".scopes", r.sys.PolicyOf(p.app), granted, exists, r.sys.UserAccessName); w != nil {
			out = append(out, *w)
		}
	}
	return out
}

// PolicyScopesOn are the scopes of the refresh-token policy entry on c for
// audience, or for the audience owned records for the system API a; nil
// when there is none.
func PolicyScopesOn(a SystemAPI, c ClientSettings, audience string, owned AppState) []string {
	if r := a.OwnedPolicyOf(owned); r != nil {
		audience = r.Audience
	}
	if s := entryScopes(c.RefreshToken, audience); s != nil {
		return *s
	}
	return nil
}

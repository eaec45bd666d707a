// Package crd converts between the MyAccountConfig types (api/v1alpha1),
// which import only apimachinery, and the reconciler's model. The operator
// and the CLI (which reads the same manifests) both use it.
package crd

import (
	"encoding/json"
	"slices"
	"sort"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Desired converts the spec into the reconcilers' desired-state model, with
// the documented defaults filled in. A nil allowedOrigins stays nil (origins
// not managed); an empty list stays empty (no origins, in Exclusive mode).
func Desired(s *v1.MyAccountConfigSpec) reconciler.Desired {
	d := reconciler.Desired{Domain: s.Domain}
	d.API.Enabled = s.APIEnabled()
	d.API.Unmanaged = s.API == nil
	if s.API != nil {
		d.API.AudienceDomain = s.API.AudienceDomain
		d.API.UserAccessPolicy = reconciler.UserAccessPolicy(s.API.UserAccessPolicy)
		d.API.DeletionPolicy = reconciler.DeletionPolicy(s.API.DeletionPolicy)
	}
	if o := s.MyOrganizationAPI; o != nil {
		d.MyOrganizationAPI = &reconciler.APISpec{Enabled: o.Enabled == nil || *o.Enabled,
			UserAccessPolicy: reconciler.UserAccessPolicy(o.UserAccessPolicy), DeletionPolicy: reconciler.DeletionPolicy(o.DeletionPolicy)}
	}
	for _, a := range s.Applications {
		app := reconciler.Application{ClientID: a.ClientID}
		declareLists(&app, a)
		if c := a.CrossOriginAuthentication; c != nil {
			app.CrossOriginAuthentication = &reconciler.CrossOriginAuth{Enabled: c.Enabled, VerificationLocation: c.VerificationLocation}
		}
		app.UserAccess = userAccess(a.UserAccess)
		app.MyOrganizationUserAccess = userAccess(a.MyOrganizationUserAccess)
		app.RefreshTokenPolicy = refreshTokenPolicy(a.RefreshTokenPolicy)
		app.MyOrganizationRefreshTokenPolicy = refreshTokenPolicy(a.MyOrganizationRefreshTokenPolicy)
		d.Applications = append(d.Applications, app)
	}
	d.Defaults()
	return d
}

// refreshTokenPolicy is a refresh-token policy as the model has it: nil
// when not managed, and scopes never nil (an empty list is refused by name).
func refreshTokenPolicy(p *v1.RefreshTokenPolicy) *reconciler.RefreshTokenPolicy {
	if p == nil {
		return nil
	}
	out := &reconciler.RefreshTokenPolicy{Scopes: slices.Clone(p.Scopes)}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	return out
}

// userAccess is a user grant as the model has it: nil when not managed, and
// scopes never nil (an empty list is refused by name).
func userAccess(u *v1.UserAccess) *reconciler.UserAccess {
	if u == nil {
		return nil
	}
	out := &reconciler.UserAccess{Scopes: slices.Clone(u.Scopes)}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	return out
}

// declareLists copies every list setting the core manages from the spec,
// found by the names the setting's descriptor gives (allowedOrigins and
// originsMode), so that a new list setting needs only its CRD field. An
// omitted list stays nil (not managed); an empty one stays empty.
func declareLists(app *reconciler.Application, a v1.ApplicationSpec) {
	raw, err := json.Marshal(a)
	var fields map[string]json.RawMessage
	if err != nil || json.Unmarshal(raw, &fields) != nil {
		return // a struct of strings always encodes
	}
	for _, l := range reconciler.ListSettings() {
		var entries []string
		var mode reconciler.OriginsMode
		if json.Unmarshal(fields[l.ConfigName], &entries) != nil || entries == nil {
			entries = nil
		}
		if m, ok := fields[l.ModeName]; ok {
			_ = json.Unmarshal(m, &mode)
		}
		l.SetDeclared(app, entries, mode)
	}
}

// State returns the persisted facts the reconcilers need for the next run:
// the API id and audience, and per application the origins this config
// added, the cross-origin setting before its first change, and its grant.
func State(st *v1.MyAccountConfigStatus) reconciler.State {
	s := reconciler.State{APIID: st.APIID, Audience: st.Audience, Apps: map[string]reconciler.AppState{},
		MyOrganizationAPIID: st.MyOrganizationAPIID, MyOrganizationAudience: st.MyOrganizationAudience}
	for _, a := range st.Applications {
		as := reconciler.AppState{ManagedOrigins: slices.Clone(a.ManagedOrigins), ManagedWebOrigins: slices.Clone(a.ManagedWebOrigins),
			GrantID: a.GrantID, MyOrganizationGrantID: a.MyOrganizationGrantID}
		if p := a.PriorCrossOriginAuthentication; p != nil && (p.Enabled != nil || p.VerificationLocation != nil) {
			as.PriorCrossOrigin = &reconciler.PriorCrossOrigin{Enabled: p.Enabled, VerificationLocation: p.VerificationLocation}
		}
		if !as.Owns() {
			continue // nothing to undo; keeps dropped applications free to forget
		}
		s.Apps[a.ClientID] = as
	}
	return s
}

// OwnershipStatus is the part of st that State reads, what the object owns
// and on which clients, with the application list kept: the operator's
// cache keeps only this. Conditions and the observed client settings (each
// object's copy of its clients' origins) are for people.
func OwnershipStatus(st v1.MyAccountConfigStatus) v1.MyAccountConfigStatus {
	out := v1.MyAccountConfigStatus{APIID: st.APIID, Audience: st.Audience,
		MyOrganizationAPIID: st.MyOrganizationAPIID, MyOrganizationAudience: st.MyOrganizationAudience}
	for _, a := range st.Applications {
		out.Applications = append(out.Applications, v1.ApplicationStatus{ClientID: a.ClientID,
			ManagedOrigins: a.ManagedOrigins, ManagedWebOrigins: a.ManagedWebOrigins,
			PriorCrossOriginAuthentication: a.PriorCrossOriginAuthentication,
			GrantID:                        a.GrantID, MyOrganizationGrantID: a.MyOrganizationGrantID})
	}
	return out
}

// SetObserved copies a run's State and Status into the status, sorted so
// that the same tenant always yields the same status. Conditions,
// observedGeneration, lastSyncTime and driftSummary are left to the caller.
func SetObserved(st *v1.MyAccountConfigStatus, res *reconciler.Result) {
	if res == nil {
		return
	}
	st.APIID = res.State.APIID
	st.Audience = res.State.Audience
	st.MyOrganizationAPIID = res.State.MyOrganizationAPIID
	st.MyOrganizationAudience = res.State.MyOrganizationAudience
	byID := map[string]*v1.ApplicationStatus{}
	get := func(id string) *v1.ApplicationStatus {
		if a, ok := byID[id]; ok {
			return a
		}
		a := &v1.ApplicationStatus{ClientID: id}
		byID[id] = a
		return a
	}
	for _, as := range res.Status.Apps {
		a := get(as.ClientID)
		a.Name = as.Name
		a.ObservedOrigins = sortedOrNil(as.Observed.AllowedOrigins)
		a.ObservedWebOrigins = sortedOrNil(as.Observed.WebOrigins)
		a.CrossOriginAuthentication = &v1.CrossOriginAuthenticationStatus{Enabled: as.Observed.CrossOrigin.Enabled, VerificationLocation: as.Observed.CrossOrigin.VerificationLocation}
		// The observed grant's scopes, but not its id: the grant may be one
		// this config does not own (a conflict), and State would read the id
		// back as owned, so the next run would take it over and deletion
		// would delete it. The owned id comes from res.State below.
		a.GrantScopes = sortedOrNil(as.GrantScopes)
		a.MyOrganizationGrantScopes = sortedOrNil(as.MyOrganizationGrantScopes)
		a.RefreshTokenPolicyScopes = sortedOrNil(reconciler.PolicyScopesOn(reconciler.MyAccount, as.Observed, res.State.Audience, as.Owned))
		a.MyOrganizationRefreshTokenPolicyScopes = sortedOrNil(reconciler.PolicyScopesOn(reconciler.MyOrganization, as.Observed, res.State.MyOrganizationAudience, as.Owned))
		a.ManagedOrigins = sortedOrNil(as.Owned.ManagedOrigins)
		a.ManagedWebOrigins = sortedOrNil(as.Owned.ManagedWebOrigins)
	}
	for id, s := range res.State.Apps {
		a := get(id)
		a.ManagedOrigins = sortedOrNil(s.ManagedOrigins)
		a.ManagedWebOrigins = sortedOrNil(s.ManagedWebOrigins)
		a.GrantID = s.GrantID
		a.MyOrganizationGrantID = s.MyOrganizationGrantID
		a.PriorCrossOriginAuthentication = nil
		if p := s.PriorCrossOrigin; p != nil {
			a.PriorCrossOriginAuthentication = &v1.PriorCrossOriginAuthentication{Enabled: p.Enabled, VerificationLocation: p.VerificationLocation}
		}
	}
	st.Applications = nil
	for _, a := range byID {
		st.Applications = append(st.Applications, *a)
	}
	sort.Slice(st.Applications, func(i, j int) bool { return st.Applications[i].ClientID < st.Applications[j].ClientID })
}

func sortedOrNil(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	sort.Strings(out)
	return slices.Compact(out)
}

package reconciler

import (
	"fmt"
	"slices"
	"strings"
)

// A system API is a tenant-level setting, shared under the same rules as a
// client's settings (owners.go):
//
//   - A config owns the API only if it activated it, or shares it with the
//     config that did by asking for the same thing. An API someone else
//     activated is used, never taken over.
//   - Owners that agree share it; the last one to let go deactivates it
//     (under deletionPolicy Delete).
//   - A config that asks for something else (enabled against disabled,
//     another user access policy, another audience domain) is refused
//     before any write when an earlier config claims the API, naming both.
//   - A config that leaves the API out claims nothing, and so does one
//     with enabled false that may not deactivate it (it neither owns it
//     nor says deletionPolicy Delete): it would change nothing.

// APIClaim is what one config asks of a system API.
type APIClaim struct {
	Active bool
	// Policy and AudienceDomain matter only when Active.
	Policy         UserAccessPolicy
	AudienceDomain string
}

// claimOf is what o asks of a: ok false when it claims nothing. Pure.
func (a SystemAPI) claimOf(o Owner) (claim APIClaim, ok bool) {
	spec, declared := o.APIs[a.Key]
	if !declared || spec.Unmanaged {
		return APIClaim{}, false
	}
	if spec.Enabled {
		policy := spec.UserAccessPolicy
		if policy == "" {
			policy = UserAccessRequireClientGrant
		}
		return APIClaim{Active: true, Policy: policy, AudienceDomain: strings.ToLower(spec.AudienceDomain)}, true
	}
	if spec.DeletionPolicy == DeletionDelete || a.ownsAPI(o.State, spec) {
		return APIClaim{}, true
	}
	return APIClaim{}, false
}

// apiClaimConflict is the field on which two claims on a differ, and how;
// "" when they agree. Pure.
func (a SystemAPI) apiClaimConflict(first, later APIClaim) (field, detail string) {
	switch {
	case first.Active != later.Active:
		return a.field("enabled"), fmt.Sprintf("%t against %t", later.Active, first.Active)
	case !first.Active:
		return "", ""
	case first.AudienceDomain != later.AudienceDomain:
		return a.field("audienceDomain"), fmt.Sprintf("%q against %q: a tenant has one %s, on one domain", later.AudienceDomain, first.AudienceDomain, a.Name)
	case first.Policy != later.Policy:
		return a.field("userAccessPolicy"), fmt.Sprintf("%s against %s", later.Policy, first.Policy)
	}
	return "", ""
}

// decideAPIs refuses each owner whose claim on a system API differs from
// the first claim of an owner not refused; owners are in precedence order.
// refused gains the refusals. Pure.
func decideAPIs(owners []Owner, refused map[string]*OwnerConflictError) {
	for _, a := range SystemAPIs() {
		var first *Owner
		var firstClaim APIClaim
		for i := range owners {
			o := &owners[i]
			claim, ok := a.claimOf(*o)
			if !ok || refused[o.Name] != nil {
				continue
			}
			if first == nil {
				first, firstClaim = o, claim
				continue
			}
			if field, detail := a.apiClaimConflict(firstClaim, claim); field != "" {
				refused[o.Name] = &OwnerConflictError{Owner: o.Name, Other: first.Name, API: a.Name, Field: field, Detail: detail}
			}
		}
	}
}

// ownsAPI reports whether st records a as owned by a config whose spec
// is spec. An id recorded by an earlier version (no mark) is owned only
// while the config asks for the API active: those versions recorded it
// whatever the config said, so a disabled config's record proves nothing.
func (a SystemAPI) ownsAPI(st State, spec APISpec) bool {
	id, _ := a.recorded(&st)
	return *id != "" && (*a.ownedMark(&st) || spec.Enabled)
}

// activationIntent reports whether st records that its config was about
// to activate a (the mark with no id, written before the POST).
func (a SystemAPI) activationIntent(st State) bool {
	id, _ := a.recorded(&st)
	return *id == "" && *a.ownedMark(&st)
}

// coOwner is the first of others that owns the API r observed and asks
// for what r's config asks: r's config then owns it too, so the last of
// them to let go deactivates it. "" when none.
func (r *systemRun) coOwner(others []Owner) string {
	mine, ok := r.sys.claimOf(Owner{APIs: map[string]APISpec{r.sys.Key: r.spec}})
	if !ok || !mine.Active || !r.api.Active {
		return ""
	}
	for _, o := range others {
		theirs, ok := r.sys.claimOf(o)
		id, _ := r.sys.recorded(&o.State)
		if ok && *id == r.api.ID && r.sys.ownsAPI(o.State, o.APIs[r.sys.Key]) {
			if field, _ := r.sys.apiClaimConflict(theirs, mine); field == "" {
				return o.Name
			}
		}
	}
	return ""
}

// wantedActiveBy is the first of others that asks for the API active: a
// release under deletionPolicy Delete leaves it to them. "" when none.
func (a SystemAPI) wantedActiveBy(others []Owner) string {
	i := slices.IndexFunc(others, func(o Owner) bool {
		claim, ok := a.claimOf(o)
		return ok && claim.Active
	})
	if i < 0 {
		return ""
	}
	return others[i].Name
}

// APIsOf is what d asks of each system API, by SystemAPI.Key, for an
// Owner: an API d does not manage is absent.
func APIsOf(d Desired) map[string]APISpec {
	if d.releasing {
		return nil
	}
	out := map[string]APISpec{}
	for _, a := range SystemAPIs() {
		if spec := a.Spec(d); spec != nil {
			out[a.Key] = *spec
		}
	}
	return out
}

// OwnerOf is the Owner a face lists for a configuration named name that
// declares d (nil while it is being deleted: it then declares nothing)
// and whose persisted state is st.
func OwnerOf(name string, d *Desired, st State) Owner {
	o := Owner{Name: name, State: st}
	if d != nil {
		o.Apps, o.APIs = d.Applications, APIsOf(*d)
	}
	return o
}

// SpecConflict is ClaimConflict for two specs of a: the field of a's
// block on which they differ, and how; "" when two configs asking for
// them can share the API. Pure.
func (a SystemAPI) SpecConflict(first, later APISpec) (field, detail string) {
	one, ok1 := a.claimOf(Owner{APIs: map[string]APISpec{a.Key: first}})
	two, ok2 := a.claimOf(Owner{APIs: map[string]APISpec{a.Key: later}})
	if !ok1 || !ok2 {
		return "", ""
	}
	return a.apiClaimConflict(one, two)
}

package reconciler

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// Action is what applying a Change does.
type Action string

const (
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionDelete Action = "delete"
	ActionAdd    Action = "add"
	ActionRemove Action = "remove"
	// ActionConflict is a difference myaccount will not resolve on its own,
	// such as a user grant it does not own.
	ActionConflict Action = "conflict"
)

// Change is one field-level difference between the tenant and the config.
// Every face (CLI, Terraform, operator) prints the same changes.
type Change struct {
	// Resource is "api", "client/<client_id>" or "grant/<client_id>".
	Resource string `json:"resource"`
	Field    string `json:"field"`
	Observed string `json:"observed"`
	Desired  string `json:"desired"`
	Action   Action `json:"action"`
}

func (c Change) String() string {
	switch c.Action {
	case ActionAdd, ActionRemove:
		return fmt.Sprintf("%s %s: %s %s", c.Resource, c.Field, c.Action, c.Desired)
	default:
		return fmt.Sprintf("%s %s: %s -> %s (%s)", c.Resource, c.Field, orNone(c.Observed), orNone(c.Desired), c.Action)
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Warning is advice that does not stop a run.
type Warning struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (w Warning) String() string { return w.Field + ": " + w.Message }

// Resource names used in Change.Resource.
const ResourceAPI = "api"

func clientResource(id string) string { return "client/" + id }
func grantResource(id string) string  { return "grant/" + id }

// APIObservation is what the tenant says about a system API.
type APIObservation struct {
	Active   bool
	ID       string
	Name     string
	Audience string
	// ActiveElsewhere is the identifier of the system API when it is
	// active under another domain of the tenant and not under Audience.
	ActiveElsewhere string
	IsSystem        bool
	UserPolicy      UserAccessPolicy
	Scopes          []string
}

// DiffAPI compares the desired activation with the observed API. Pure.
//
// The audience says which system API, and so the changes' resource.
func DiffAPI(spec APISpec, audience string, obs APIObservation) []Change {
	res := systemAPIOf(audience).apiResource
	if !spec.Enabled {
		if ok, _ := spec.mayDeactivate(obs); obs.Active && ok {
			return []Change{{Resource: res, Field: "active", Observed: "true", Desired: "false", Action: ActionDelete}}
		}
		return nil
	}
	if !obs.Active && obs.ActiveElsewhere != "" {
		// One of each system API per tenant: apply refuses rather than loop.
		return []Change{{Resource: res, Field: "identifier", Observed: obs.ActiveElsewhere, Desired: audience, Action: ActionConflict}}
	}
	if !obs.Active {
		return []Change{
			{Resource: res, Field: "active", Observed: "false", Desired: "true", Action: ActionCreate},
			{Resource: res, Field: "identifier", Desired: audience, Action: ActionCreate},
		}
	}
	want := spec.UserAccessPolicy
	if want == "" {
		want = UserAccessRequireClientGrant
	}
	if obs.UserPolicy != want {
		return []Change{{Resource: res, Field: "subject_type_authorization.user.policy",
			Observed: string(obs.UserPolicy), Desired: string(want), Action: ActionUpdate}}
	}
	return nil
}

// OriginsDiff is the outcome of comparing origin lists.
type OriginsDiff struct {
	// Target is the client's whole allowed_origins list after the change.
	Target []string
	// Managed is the set of origins this config owns after the change.
	Managed []string
	Changes []Change
}

// NeedsWrite reports whether the client's list must change.
func (o OriginsDiff) NeedsWrite() bool { return len(o.Changes) > 0 }

// DiffOrigins computes the client's new allowed_origins. Pure.
//
// Merge adds the missing desired origins and removes only origins this config
// added earlier (managed) that left the list; every other origin stays.
// Exclusive makes desired the whole list.
func DiffOrigins(res, field string, desired []string, mode OriginsMode, managed, observed []string) OriginsDiff {
	return diffList(res, field, syntax.CanonicalOrigins(desired), mode, managed, observed)
}

// diffList is DiffOrigins for any list setting, desired already canonical.
// Linear in the lists: membership goes through maps.
func diffList(res, field string, desired []string, mode OriginsMode, managed, observed []string) OriginsDiff {
	out := OriginsDiff{}
	want := sortedUnique(desired)
	wanted, onClient := setOf(want), setOf(observed)
	if mode == OriginsExclusive {
		out.Target = want
		out.Managed = out.Target
		for _, o := range observed {
			if !wanted[o] {
				out.Changes = append(out.Changes, Change{Resource: res, Field: field, Observed: o, Desired: o, Action: ActionRemove})
			}
		}
	} else {
		dropped := map[string]bool{}
		for _, o := range managed {
			if !wanted[o] && onClient[o] && !dropped[o] {
				dropped[o] = true
				out.Changes = append(out.Changes, Change{Resource: res, Field: field, Observed: o, Desired: o, Action: ActionRemove})
			}
		}
		out.Target = slices.DeleteFunc(slices.Clone(observed), func(x string) bool { return dropped[x] })
		owned := setOf(managed)
		for _, o := range want {
			// Keep ownership of what we added before, claim only what we add now.
			if owned[o] || !onClient[o] {
				out.Managed = append(out.Managed, o)
			}
		}
		out.Managed = sortedUnique(out.Managed)
	}
	for _, o := range want {
		if !onClient[o] {
			if mode != OriginsExclusive {
				out.Target = append(out.Target, o)
			}
			out.Changes = append(out.Changes, Change{Resource: res, Field: field, Desired: o, Action: ActionAdd})
		}
	}
	if mode == OriginsExclusive && len(out.Changes) == 0 && !slices.Equal(sortedUnique(observed), out.Target) {
		// Same set, duplicates on the client: rewrite to the clean list.
		out.Changes = append(out.Changes, Change{Resource: res, Field: field, Observed: strings.Join(observed, ","), Desired: strings.Join(out.Target, ","), Action: ActionUpdate})
	}
	return out
}

// DiffOriginsOnDelete removes only the origins this config added. Pure.
func DiffOriginsOnDelete(res, field string, managed, observed []string) OriginsDiff {
	out := OriginsDiff{}
	onClient, dropped := setOf(observed), map[string]bool{}
	for _, o := range managed {
		if onClient[o] && !dropped[o] {
			dropped[o] = true
			out.Changes = append(out.Changes, Change{Resource: res, Field: field, Observed: o, Desired: o, Action: ActionRemove})
		}
	}
	out.Target = slices.DeleteFunc(slices.Clone(observed), func(x string) bool { return dropped[x] })
	return out
}

// setOf is a set of the strings, for membership tests in linear loops.
func setOf(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, s := range list {
		out[s] = true
	}
	return out
}

// GrantObservation is the user grant for one client and a system API's audience.
type GrantObservation struct {
	Exists bool
	ID     string
	Scopes []string
}

// DiffUserAccess compares the desired user grant with the observed one. Pure.
//
// A grant this config does not own (ownedID differs) is reported as a
// conflict when its scopes differ, never silently adopted.
func DiffUserAccess(clientID string, desired UserAccess, obs GrantObservation, ownedID string) []Change {
	return diffGrant(grantResource(clientID), desired, obs, ownedID)
}

// diffGrant is DiffUserAccess for the grant res names in changes.
func diffGrant(res string, desired UserAccess, obs GrantObservation, ownedID string) []Change {
	want := strings.Join(sortedUnique(desired.Scopes), " ")
	if !obs.Exists {
		return []Change{{Resource: res, Field: "scope", Desired: want, Action: ActionCreate}}
	}
	have := strings.Join(sortedUnique(obs.Scopes), " ")
	if have == want {
		return nil
	}
	if ownedID != obs.ID {
		return []Change{{Resource: res, Field: "scope", Observed: have, Desired: want, Action: ActionConflict}}
	}
	return []Change{{Resource: res, Field: "scope", Observed: have, Desired: want, Action: ActionUpdate}}
}

// Warnings returns the advice for a config. Pure; mfaPolicies is nil when unknown.
func Warnings(d Desired, mfaPolicies []string, mfaKnown bool) []Warning {
	var ws []Warning
	for _, a := range SystemAPIs() {
		if spec := a.Spec(d); spec != nil && spec.Enabled && spec.UserAccessPolicy == UserAccessAllowAll {
			ws = append(ws, Warning{Field: a.field("userAccessPolicy"), Message: "allow_all lets every application get " + a.Name + " tokens for users without a client grant; prefer require_client_grant"})
		}
	}
	for i, app := range d.Applications {
		prefix := fmt.Sprintf("applications[%d]", i)
		coa := app.CrossOriginAuthentication
		if coa != nil && coa.Enabled && app.AllowedOrigins != nil && len(app.AllowedOrigins) == 0 {
			ws = append(ws, Warning{Field: prefix + ".crossOriginAuthentication", Message: "cross-origin authentication is on but no allowed origins are listed; browsers will be refused"})
		}
		if coa != nil && !coa.Enabled && len(app.AllowedOrigins) > 0 {
			ws = append(ws, Warning{Field: prefix + ".allowedOrigins", Message: "origins are set while cross-origin authentication is off; they have no effect on embedded login"})
		}
		ws = append(ws, originWarnings(prefix, app)...)
		if app.UserAccess != nil && mfaKnown && len(mfaPolicies) == 0 && grantsAuthMethodWrites(app.UserAccess.Scopes) {
			ws = append(ws, Warning{Field: prefix + ".userAccess.scopes", Message: "authentication-method write scopes are granted but the tenant has no MFA policy; enable MFA (step-up) before letting users enroll methods"})
		}
	}
	return ws
}

// NeedsMFACheck reports whether Warnings would use the MFA policy.
func NeedsMFACheck(d Desired) bool {
	for _, app := range d.Applications {
		if app.UserAccess != nil && grantsAuthMethodWrites(app.UserAccess.Scopes) {
			return true
		}
	}
	return false
}

func grantsAuthMethodWrites(scopes []string) bool {
	for _, s := range scopes {
		if strings.HasSuffix(s, ":me:authentication_methods") && !strings.HasPrefix(s, "read:") {
			return true
		}
	}
	return false
}

func sortedUnique(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}

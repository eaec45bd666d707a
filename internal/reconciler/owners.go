package reconciler

import (
	"fmt"
	"slices"
	"strings"
)

// Several configurations may claim the same client: MyAccountConfig objects
// of one tenant, documents of one CLI run, resources of one Terraform
// process. The rules, decided here once for every face:
//
//   - Merge-mode origins may come from several owners. An origin that
//     another owner added and this one also lists is owned by both; each
//     owner removes only what it owns, and an origin another owner still
//     lists and owns stays when one owner lets go.
//   - One user grant per client may serve several owners that ask for the
//     same scopes; it is deleted when the last of them lets go.
//   - A cross-origin setting may be shared by owners that ask for the same
//     value; the value before the first change is restored by the last.
//   - Anything else is a conflict: different scopes, Exclusive origins
//     against any other owner of the same list, or two different
//     cross-origin settings. The later owner (the faces give the order) is
//     refused before any write, naming both.

// Owner is one configuration that may claim a tenant's clients.
type Owner struct {
	// Name names it in messages, as its face does: "MyAccountConfig
	// default/share-a", "manifest.yaml (document 2)".
	Name string
	// Apps are the applications it declares; nil while it is being deleted.
	Apps []Application
	// APIs are what it asks of each system API, by SystemAPI.Key; an API
	// it does not manage is absent (see APIsOf, api_sharing.go).
	APIs map[string]APISpec
	// State is what its persisted state records as owned.
	State State
}

func (o Owner) app(clientID string) (Application, bool) { return appFor(o.Apps, clientID) }

// App is the config's application for clientID.
func (d Desired) App(clientID string) (Application, bool) { return appFor(d.Applications, clientID) }

func appFor(apps []Application, clientID string) (Application, bool) {
	for _, a := range apps {
		if a.ClientID == clientID {
			return a, true
		}
	}
	return Application{}, false
}

// Sharing is the configurations of one tenant, for the shared-client rules
// of a run: Owners in precedence order (earlier wins a conflict), this
// run's configuration among them under the name Self. The engine replaces
// Self's entry with the run's own Desired and State; a Self not listed
// comes last.
type Sharing struct {
	Self   string
	Owners []Owner
}

// OwnerConflictError refuses a configuration that claims a client setting,
// or a system API, that an earlier configuration claims differently.
type OwnerConflictError struct {
	// Owner is refused; Other came first and keeps the setting.
	Owner, Other string
	// ClientID is the client, or API the system API, claimed.
	ClientID, API string
	// Field is the setting: allowedOrigins, webOrigins,
	// crossOriginAuthentication or userAccess.scopes.
	Field string
	// Detail says how the two claims differ.
	Detail string
}

func (e *OwnerConflictError) Error() string {
	on, fix := "client "+e.ClientID, "remove the setting from one of them"
	if e.API != "" {
		block, _, _ := strings.Cut(e.Field, ".")
		on, fix = "the tenant's "+e.API, fmt.Sprintf("leave the %s block out of the second, which then uses the API as the first keeps it", block)
	}
	return fmt.Sprintf("%s conflicts with %s on %s: %s %s; the first keeps the setting and the second makes no changes: make the two agree, or %s",
		e.Owner, e.Other, on, e.Field, e.Detail, fix)
}

// ClaimConflict returns the first setting that a and b (two owners'
// declarations of the same client) claim incompatibly, and how; "" when
// they can share the client. Pure.
func ClaimConflict(a, b Application) (field, detail string) {
	for _, s := range clientSettings {
		if detail := s.conflict(a, b); detail != "" {
			return s.configName(), detail
		}
	}
	for _, api := range SystemAPIs() {
		if ua, ub := api.UserAccessOf(a), api.UserAccessOf(b); ua != nil && ub != nil && !sameScopes(ua.Scopes, ub.Scopes) {
			return api.UserAccessName + ".scopes", fmt.Sprintf("[%s] against [%s]: a client has one user grant per API, so its owners must ask for the same scopes",
				strings.Join(sortedUnique(ua.Scopes), " "), strings.Join(sortedUnique(ub.Scopes), " "))
		}
	}
	return "", ""
}

// sameScopes compares two scope lists as sets; the common case, the same
// list, costs no allocation.
func sameScopes(a, b []string) bool {
	return slices.Equal(a, b) || slices.Equal(sortedUnique(a), sortedUnique(b))
}

// DecideOwners returns, by owner name, the conflict refusing each owner
// that an earlier one outranks. A refused owner does not refuse later ones.
// owners are in precedence order. Pure.
func DecideOwners(owners []Owner) map[string]*OwnerConflictError {
	type claim struct {
		owner string
		app   *Application
	}
	// The claims on each client so far, in order: each owner is compared
	// only with the earlier owners of its own clients.
	byClient := make(map[string][]claim, len(owners))
	refused := map[string]*OwnerConflictError{}
	decideAPIs(owners, refused)
	for _, later := range owners {
		if refused[later.Name] != nil {
			continue
		}
	apps:
		for _, b := range later.Apps {
			for _, earlier := range byClient[b.ClientID] {
				if refused[earlier.owner] != nil || earlier.owner == later.Name {
					continue
				}
				if field, detail := ClaimConflict(*earlier.app, b); field != "" {
					refused[later.Name] = &OwnerConflictError{Owner: later.Name, Other: earlier.owner, ClientID: b.ClientID, Field: field, Detail: detail}
					break apps
				}
			}
		}
		for i := range later.Apps {
			id := later.Apps[i].ClientID
			byClient[id] = append(byClient[id], claim{later.Name, &later.Apps[i]})
		}
	}
	return refused
}

// claim is another owner's declaration of a client and what it owns there.
type claim struct {
	app   Application
	owned AppState
}

// claimsOn are the other owners' claims on clientID: what each declares,
// or only what it still owns when it no longer declares the client.
func claimsOn(clientID string, others []Owner) []claim {
	var claims []claim
	for _, o := range others {
		if a, ok := o.app(clientID); ok {
			claims = append(claims, claim{a, o.State.Apps[clientID]})
		} else if st, ok := o.State.Apps[clientID]; ok {
			claims = append(claims, claim{Application{ClientID: clientID}, st})
		}
	}
	return claims
}

// ShareState is what a configuration owns on app's client once the other
// owners are taken into account (others exclude refused owners): it also
// owns what it declares and another owner owns (so the last owner to let go
// removes it), and it lets go, without undoing, of what it no longer
// declares while another owner still declares and owns it. Pure.
func ShareState(app Application, owned AppState, others []Owner) AppState {
	claims := claimsOn(app.ClientID, others)
	if len(claims) == 0 {
		return owned
	}
	next := owned
	for _, s := range clientSettings {
		s.share(app, owned, claims, &next)
	}
	for _, api := range SystemAPIs() {
		id, _ := api.grant(&next)
		*id = api.sharedGrant(app, *id, claims)
	}
	return next
}

// sharedGrant is the user grant for a that app's config owns: one grant
// serves the owners that ask for the same scopes.
func (a SystemAPI) sharedGrant(app Application, grantID string, claims []claim) string {
	mine := a.UserAccessOf(app)
	for _, c := range claims {
		theirs, theirID := a.UserAccessOf(c.app), a.GrantIDOf(c.owned)
		if theirs == nil || theirID == "" {
			continue
		}
		switch {
		case mine != nil && grantID == "" && sameScopes(mine.Scopes, theirs.Scopes):
			grantID = theirID
		case mine == nil && grantID == theirID:
			grantID = ""
		}
	}
	return grantID
}

// decide returns the owners other than Self that are not refused, and the
// conflict refusing Self, if any.
func (s *Sharing) decide(d Desired, st State) (others []Owner, conflict *OwnerConflictError) {
	if s == nil {
		return nil, nil
	}
	owners := make([]Owner, 0, len(s.Owners)+1)
	found := false
	for _, o := range s.Owners {
		if o.Name == s.Self {
			o = OwnerOf(s.Self, &d, st)
			found = true
		}
		owners = append(owners, o)
	}
	if !found {
		owners = append(owners, OwnerOf(s.Self, &d, st))
	}
	refused := DecideOwners(owners)
	others = make([]Owner, 0, len(owners)-len(refused))
	for _, o := range owners {
		if o.Name != s.Self && refused[o.Name] == nil {
			others = append(others, o)
		}
	}
	return others, refused[s.Self]
}

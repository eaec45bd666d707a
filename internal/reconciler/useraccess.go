package reconciler

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

const subjectTypeUser = "user"

// UserAccessReconciler manages the one subject_type=user client grant per
// client for the My Account audience.
type UserAccessReconciler struct{ M *management.Management }

// Observe lists the client's user grants for the audience (one filtered read).
func (r UserAccessReconciler) Observe(ctx context.Context, clientID, audience string) (GrantObservation, error) {
	list, err := r.M.ClientGrant.List(ctx,
		management.Parameter("client_id", clientID),
		management.Parameter("audience", audience),
		management.Parameter("subject_type", subjectTypeUser),
	)
	if err != nil {
		return GrantObservation{}, fmt.Errorf("list user grants of client %s: %w", clientID, err)
	}
	for _, g := range list.ClientGrants {
		if g.GetClientID() == clientID && isUserGrantFor(g, audience) {
			return GrantObservation{Exists: true, ID: g.GetID(), Scopes: g.GetScope()}, nil
		}
	}
	return GrantObservation{}, nil
}

// ObserveAll lists every user grant for the audience, a page of 100 per read,
// keyed by client id. For many applications it replaces one read per client.
func (r UserAccessReconciler) ObserveAll(ctx context.Context, audience string) (map[string]GrantObservation, error) {
	out := map[string]GrantObservation{}
	for page := 0; ; page++ {
		list, err := r.M.ClientGrant.List(ctx,
			management.Parameter("audience", audience),
			management.Parameter("subject_type", subjectTypeUser),
			management.PerPage(100), management.Page(page), management.IncludeTotals(true),
		)
		if err != nil {
			return nil, fmt.Errorf("list user grants for %s: %w", audience, err)
		}
		for _, g := range list.ClientGrants {
			if isUserGrantFor(g, audience) {
				out[g.GetClientID()] = GrantObservation{Exists: true, ID: g.GetID(), Scopes: g.GetScope()}
			}
		}
		if !list.HasNext() || len(list.ClientGrants) == 0 {
			return out, nil
		}
	}
}

// GrantConflictError says a user grant exists that this config does not own.
type GrantConflictError struct {
	ClientID string
	GrantID  string
	Observed []string
	Desired  []string
}

func (e *GrantConflictError) Error() string {
	return fmt.Sprintf("client %s already has a user grant %s for the My Account API with scopes [%s], not the configured [%s]; myaccount will not take over a grant it did not create: import it (terraform import) or delete it in Auth0 Dashboard > Applications > APIs > Auth0 My Account API > Application Access, then apply again",
		e.ClientID, e.GrantID, strings.Join(e.Observed, " "), strings.Join(e.Desired, " "))
}

func newGrantConflict(clientID string, obs GrantObservation, desired UserAccess) *GrantConflictError {
	return &GrantConflictError{ClientID: clientID, GrantID: obs.ID, Observed: sortedUnique(obs.Scopes), Desired: sortedUnique(desired.Scopes)}
}

// isUserGrantFor filters again what the list returned: a grant for another
// audience or subject type is not ours to manage.
func isUserGrantFor(g *management.ClientGrant, audience string) bool {
	return g.GetAudience() == audience && g.GetSubjectType() == subjectTypeUser
}

// Apply creates or updates the grant and returns the grant id.
func (r UserAccessReconciler) Apply(ctx context.Context, clientID, audience string, desired UserAccess, obs GrantObservation, ownedID string) (GrantObservation, error) {
	scopes := sortedUnique(desired.Scopes)
	for _, c := range DiffUserAccess(clientID, desired, obs, ownedID) {
		switch c.Action {
		case ActionConflict:
			return obs, newGrantConflict(clientID, obs, desired)
		case ActionCreate:
			subject := subjectTypeUser
			g := &management.ClientGrant{ClientID: &clientID, Audience: &audience, Scope: &scopes, SubjectType: &subject}
			if err := r.M.ClientGrant.Create(ctx, g); err != nil {
				if mgmt.IsConflict(err) {
					return obs, fmt.Errorf("client %s got a user grant for %s from someone else while applying; run again to see it: %w", clientID, audience, err)
				}
				return obs, fmt.Errorf("grant user access to client %s: %w", clientID, err)
			}
			return GrantObservation{Exists: true, ID: g.GetID(), Scopes: scopes}, nil
		case ActionUpdate:
			if err := r.M.ClientGrant.Update(ctx, obs.ID, &management.ClientGrant{Scope: &scopes}); err != nil {
				return obs, fmt.Errorf("update user grant %s of client %s: %w", obs.ID, clientID, err)
			}
			return GrantObservation{Exists: true, ID: obs.ID, Scopes: scopes}, nil
		}
	}
	return obs, nil
}

// Delete removes the grant only when this config owns it.
func (r UserAccessReconciler) Delete(ctx context.Context, obs GrantObservation, ownedID string) error {
	if !obs.Exists || ownedID == "" || obs.ID != ownedID {
		return nil
	}
	if err := r.M.ClientGrant.Delete(ctx, obs.ID); err != nil && !mgmt.IsNotFound(err) {
		return fmt.Errorf("delete user grant %s: %w", obs.ID, err)
	}
	return nil
}

// OfferedScopes is what the API offers, or the fixed set before activation.
func OfferedScopes(obs APIObservation) []string {
	if obs.Active && len(obs.Scopes) > 0 {
		return slices.Clone(obs.Scopes)
	}
	return slices.Clone(MyAccountScopes)
}

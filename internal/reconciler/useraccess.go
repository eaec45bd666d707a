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

// UserAccessReconciler is the lifecycle of the one subject_type=user client
// grant per client for a system API's audience, read through the session.
type UserAccessReconciler struct {
	Session *Session
	// Intent, when set, records that this config is about to create the
	// client's grant (AppState.GrantIntent) before the POST; the POST is
	// sent only when it returns nil.
	Intent func(ctx context.Context) error
}

// Observe returns the client's user grant for the audience.
func (r UserAccessReconciler) Observe(ctx context.Context, clientID, audience string) (GrantObservation, error) {
	return r.Session.UserGrant(ctx, clientID, audience)
}

// maxGrantPages bounds the grant list: 10,000 user grants for one audience.
const maxGrantPages = 100

// GrantConflictError says a user grant exists that this config does not own.
type GrantConflictError struct {
	// Audience is the grant's API; empty means My Account.
	Audience string
	ClientID string
	GrantID  string
	Observed []string
	Desired  []string
}

func (e *GrantConflictError) Error() string {
	return e.WithFix(fmt.Sprintf("take it over explicitly (the CLI's --adopt-grant %s=%s, or terraform import), or delete it in %s, then apply again",
		e.ClientID, e.GrantID, e.GrantsDashboard()))
}

// GrantsInDashboard is where a user grant for the My Account API is deleted by hand.
var GrantsInDashboard = MyAccount.GrantsDashboard()

// GrantsDashboard is where the grant is deleted by hand.
func (e *GrantConflictError) GrantsDashboard() string {
	return systemAPIOf(e.Audience).GrantsDashboard()
}

// WithFix is the message with what to do in a face's own terms, such as
// the CLI's --adopt-grant flag.
func (e *GrantConflictError) WithFix(fix string) string {
	return fmt.Sprintf("client %s already has a user grant %s for the %s with scopes [%s], not the configured [%s]; myaccount will not take over a grant it did not create: %s",
		e.ClientID, e.GrantID, systemAPIOf(e.Audience).Name, strings.Join(e.Observed, " "), strings.Join(e.Desired, " "), fix)
}

func newGrantConflict(clientID, audience string, obs GrantObservation, desired UserAccess) *GrantConflictError {
	return &GrantConflictError{Audience: audience, ClientID: clientID, GrantID: obs.ID, Observed: sortedUnique(obs.Scopes), Desired: sortedUnique(desired.Scopes)}
}

// isUserGrantFor filters again what the list returned: a grant for another
// audience or subject type is not ours to manage.
func isUserGrantFor(g *management.ClientGrant, audience string) bool {
	return g.GetAudience() == audience && g.GetSubjectType() == subjectTypeUser
}

// Create makes the client a grant this config will own. A grant that
// already exists, whatever its scopes, is refused with a
// *GrantConflictError, never adopted: take it over by importing it.
func (r UserAccessReconciler) Create(ctx context.Context, clientID, audience string, desired UserAccess) (GrantObservation, error) {
	obs, err := r.Session.UserGrant(ctx, clientID, audience)
	if err != nil {
		return obs, err
	}
	if obs.Exists {
		return obs, newGrantConflict(clientID, audience, obs, desired)
	}
	g, _, err := r.Reconcile(ctx, clientID, audience, &desired, "")
	return g, err
}

// Reconcile makes the client's user grant match desired, or releases it
// when desired is nil, and returns the grant as it now is and the id this
// config owns. It owns only a grant it created: one found with the same
// scopes stays someone else's, and one with other scopes is a conflict.
func (r UserAccessReconciler) Reconcile(ctx context.Context, clientID, audience string, desired *UserAccess, ownedID string) (GrantObservation, string, error) {
	obs, err := r.Session.UserGrant(ctx, clientID, audience)
	if err != nil {
		return obs, ownedID, err
	}
	if desired == nil {
		if !obs.Exists || ownedID == "" || obs.ID != ownedID {
			return obs, "", nil
		}
		if err := r.Session.M.ClientGrant.Delete(ctx, obs.ID); err != nil && !mgmt.IsNotFound(err) {
			return obs, ownedID, fmt.Errorf("delete user grant %s: %w", obs.ID, err)
		}
		r.Session.storeGrant(clientID, audience, GrantObservation{})
		return GrantObservation{}, "", nil
	}
	scopes := sortedUnique(desired.Scopes)
	for _, c := range DiffUserAccess(clientID, *desired, obs, ownedID) {
		switch c.Action {
		case ActionConflict:
			return obs, ownedID, newGrantConflict(clientID, audience, obs, *desired)
		case ActionCreate:
			if r.Intent != nil {
				if err := r.Intent(ctx); err != nil {
					return obs, ownedID, fmt.Errorf("client %s: could not record that a user grant is about to be created, so none was: %w", clientID, err)
				}
			}
			subject := subjectTypeUser
			g := &management.ClientGrant{ClientID: &clientID, Audience: &audience, Scope: &scopes, SubjectType: &subject}
			if err := r.Session.M.ClientGrant.Create(ctx, g); err != nil {
				if mgmt.IsConflict(err) && r.Intent != nil {
					// The intent is recorded and the client now has a
					// grant: most likely this create's own first attempt,
					// whose answer was lost before the retry. Intent plus
					// the grant present makes it this config's, as the
					// next run would decide.
					if got, ok := r.claimAfterConflict(ctx, clientID, audience, scopes); ok {
						return got, got.ID, nil
					}
				}
				if mgmt.IsConflict(err) {
					return obs, ownedID, fmt.Errorf("client %s got a user grant for %s from someone else while applying; run again to see it: %w", clientID, audience, err)
				}
				return obs, ownedID, fmt.Errorf("grant user access to client %s: %w", clientID, err)
			}
			obs = GrantObservation{Exists: true, ID: g.GetID(), Scopes: scopes}
			r.Session.storeGrant(clientID, audience, obs)
			return obs, obs.ID, nil
		case ActionUpdate:
			if err := r.Session.M.ClientGrant.Update(ctx, obs.ID, &management.ClientGrant{Scope: &scopes}); err != nil {
				return obs, ownedID, fmt.Errorf("update user grant %s of client %s: %w", obs.ID, clientID, err)
			}
			obs = GrantObservation{Exists: true, ID: obs.ID, Scopes: scopes}
			r.Session.storeGrant(clientID, audience, obs)
		}
	}
	// In sync: a grant found with the same scopes that this config did not
	// create stays someone else's.
	return obs, ownedID, nil
}

// OfferedScopes is what the API offers, or its fixed set before activation
// (obs.Audience says which system API; My Account when empty).
func OfferedScopes(obs APIObservation) []string {
	if obs.Active && len(obs.Scopes) > 0 {
		return slices.Clone(obs.Scopes)
	}
	return slices.Clone(systemAPIOf(obs.Audience).Scopes)
}

// claimAfterConflict reads the client's grant again after a create was
// answered 409 and returns it when it has exactly the scopes sent.
func (r UserAccessReconciler) claimAfterConflict(ctx context.Context, clientID, audience string, scopes []string) (GrantObservation, bool) {
	r.Session.forgetGrants(audience)
	obs, err := r.Session.UserGrant(ctx, clientID, audience)
	if err != nil || !obs.Exists || !slices.Equal(sortedUnique(obs.Scopes), scopes) {
		return obs, false
	}
	return obs, true
}

package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// APIReconciler activates and deactivates the My Account API.
type APIReconciler struct{ M *management.Management }

// Observe finds the My Account API by identifier and is_system, never by name.
func (r APIReconciler) Observe(ctx context.Context, audience string) (APIObservation, error) {
	rs, err := r.M.ResourceServer.Read(ctx, audience, management.IncludeFields(apiFields...))
	if mgmt.IsNotFound(err) {
		return APIObservation{Audience: audience}, nil
	}
	if err != nil {
		return APIObservation{}, fmt.Errorf("read My Account API %s: %w", audience, err)
	}
	return observeAPI(rs, audience)
}

// ObserveByID reads the API by its resource server id (for imports).
func (r APIReconciler) ObserveByID(ctx context.Context, id string) (APIObservation, error) {
	rs, err := r.M.ResourceServer.Read(ctx, id, management.IncludeFields(apiFields...))
	if mgmt.IsNotFound(err) {
		return APIObservation{}, nil
	}
	if err != nil {
		return APIObservation{}, fmt.Errorf("read resource server %s: %w", id, err)
	}
	return observeAPI(rs, rs.GetIdentifier())
}

func observeAPI(rs *management.ResourceServer, audience string) (APIObservation, error) {
	if !rs.GetIsSystem() {
		return APIObservation{}, fmt.Errorf("resource server %s (%q) has the My Account API identifier but is not the system API: delete or rename it in Auth0 Dashboard > Applications > APIs, then activate the My Account API", rs.GetID(), rs.GetName())
	}
	obs := APIObservation{Active: true, ID: rs.GetID(), Name: rs.GetName(), Audience: rs.GetIdentifier(), IsSystem: true}
	if sta := rs.SubjectTypeAuthorization; sta != nil && sta.User != nil {
		obs.UserPolicy = UserAccessPolicy(sta.User.GetPolicy())
	}
	if rs.Scopes != nil {
		for _, s := range *rs.Scopes {
			obs.Scopes = append(obs.Scopes, s.GetValue())
		}
	}
	if obs.Audience == "" {
		obs.Audience = audience
	}
	return obs, nil
}

// Apply makes the API match spec and returns what the tenant now holds.
func (r APIReconciler) Apply(ctx context.Context, spec APISpec, audience string, obs APIObservation) (APIObservation, error) {
	for _, c := range DiffAPI(spec, audience, obs) {
		switch c.Action {
		case ActionDelete:
			return obs, r.deactivate(ctx, obs)
		case ActionCreate:
			// The system API takes only its identifier; Auth0 names it itself.
			rs := &management.ResourceServer{Identifier: &audience}
			if err := r.M.ResourceServer.Create(ctx, rs); err != nil {
				if !mgmt.IsConflict(err) {
					return obs, fmt.Errorf("activate My Account API %s: %w", audience, err)
				}
			}
			created, err := r.Observe(ctx, audience)
			if err != nil {
				return obs, err
			}
			obs = created
			if DiffAPI(spec, audience, obs) == nil {
				return obs, nil
			}
			return r.Apply(ctx, spec, audience, obs)
		case ActionUpdate:
			policy := string(spec.UserAccessPolicy)
			patch := &management.ResourceServer{SubjectTypeAuthorization: &management.ResourceServerSubjectTypeAuthorization{
				User: &management.ResourceServerSubjectTypeAuthorizationUser{Policy: &policy},
			}}
			if err := r.M.ResourceServer.Update(ctx, obs.ID, patch); err != nil {
				return obs, fmt.Errorf("set My Account API user access policy: %w", err)
			}
			obs.UserPolicy = spec.UserAccessPolicy
			return obs, nil
		}
	}
	return obs, nil
}

// Delete deactivates the API only under DeletionDelete.
func (r APIReconciler) Delete(ctx context.Context, policy DeletionPolicy, obs APIObservation) error {
	if policy != DeletionDelete || !obs.Active {
		return nil
	}
	return r.deactivate(ctx, obs)
}

func (r APIReconciler) deactivate(ctx context.Context, obs APIObservation) error {
	if err := r.M.ResourceServer.Delete(ctx, obs.ID); err != nil && !mgmt.IsNotFound(err) {
		return fmt.Errorf("deactivate My Account API %s: %w", obs.ID, err)
	}
	return nil
}

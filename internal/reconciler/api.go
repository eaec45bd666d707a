package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// APIReconciler is the My Account API's lifecycle: activation, the user
// access policy and deactivation, read through the session.
type APIReconciler struct{ Session *Session }

// Observe finds the My Account API by identifier and is_system, never by name.
func (r APIReconciler) Observe(ctx context.Context, audience string) (APIObservation, error) {
	return r.Session.API(ctx, audience)
}

// observeAPIAt reads the API at audience; not active when it does not exist.
func observeAPIAt(ctx context.Context, m *management.Management, audience string) (APIObservation, error) {
	rs, err := m.ResourceServer.Read(ctx, audience, management.IncludeFields(apiFields...))
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
	rs, err := r.Session.M.ResourceServer.Read(ctx, id, management.IncludeFields(apiFields...))
	if mgmt.IsNotFound(err) {
		return APIObservation{}, nil
	}
	if err != nil {
		return APIObservation{}, fmt.Errorf("read resource server %s: %w", id, err)
	}
	obs, err := observeAPI(rs, rs.GetIdentifier())
	if err == nil {
		r.Session.storeAPI(obs.Audience, obs)
	}
	return obs, err
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

// Apply makes the API match spec and returns what the tenant now holds. It
// makes at most one activation and one policy update, so it always ends.
func (r APIReconciler) Apply(ctx context.Context, spec APISpec, audience string) (APIObservation, error) {
	obs, err := r.Session.API(ctx, audience)
	if err != nil {
		return obs, err
	}
	changes := DiffAPI(spec, audience, obs)
	if len(changes) == 0 {
		return obs, nil
	}
	switch changes[0].Action {
	case ActionDelete:
		return obs, r.deactivate(ctx, obs)
	case ActionCreate:
		if obs, err = r.activate(ctx, audience); err != nil {
			return obs, err
		}
		if len(DiffAPI(spec, audience, obs)) == 0 {
			return obs, nil
		}
	}
	return r.setPolicy(ctx, spec, obs)
}

// activate POSTs the system API, which takes only its identifier (Auth0
// names it itself), and reads it back once.
func (r APIReconciler) activate(ctx context.Context, audience string) (APIObservation, error) {
	rs := &management.ResourceServer{Identifier: &audience}
	err := r.Session.M.ResourceServer.Create(ctx, rs)
	conflict := mgmt.IsConflict(err)
	if err != nil && !conflict {
		return APIObservation{Audience: audience}, fmt.Errorf("activate My Account API %s: %w", audience, err)
	}
	obs, err := observeAPIAt(ctx, r.Session.M, audience)
	if err != nil {
		return obs, err
	}
	r.Session.storeAPI(audience, obs)
	if !obs.Active {
		if conflict {
			return obs, fmt.Errorf("activate My Account API %s: the tenant answered 409 (already exists) but has no API at this audience; the My Account API is probably active under another of the tenant's domains, and a tenant has only one: use that domain as the audience domain, or deactivate it there first", audience)
		}
		return obs, fmt.Errorf("activate My Account API %s: the tenant accepted the activation but the API cannot be read back; check the tenant's logs, then apply again", audience)
	}
	return obs, nil
}

func (r APIReconciler) setPolicy(ctx context.Context, spec APISpec, obs APIObservation) (APIObservation, error) {
	policy := string(spec.UserAccessPolicy)
	if policy == "" {
		policy = string(UserAccessRequireClientGrant)
	}
	patch := &management.ResourceServer{SubjectTypeAuthorization: &management.ResourceServerSubjectTypeAuthorization{
		User: &management.ResourceServerSubjectTypeAuthorizationUser{Policy: &policy},
	}}
	if err := r.Session.M.ResourceServer.Update(ctx, obs.ID, patch); err != nil {
		return obs, fmt.Errorf("set My Account API user access policy: %w", err)
	}
	obs.UserPolicy = UserAccessPolicy(policy)
	r.Session.storeAPI(obs.Audience, obs)
	return obs, nil
}

// Delete deactivates the API at audience only under DeletionDelete.
func (r APIReconciler) Delete(ctx context.Context, policy DeletionPolicy, audience string) error {
	if policy != DeletionDelete {
		return nil
	}
	obs, err := r.Session.API(ctx, audience)
	if err != nil || !obs.Active {
		return err
	}
	return r.deactivate(ctx, obs)
}

func (r APIReconciler) deactivate(ctx context.Context, obs APIObservation) error {
	if err := r.Session.M.ResourceServer.Delete(ctx, obs.ID); err != nil && !mgmt.IsNotFound(err) {
		return fmt.Errorf("deactivate My Account API %s: %w", obs.ID, err)
	}
	r.Session.storeAPI(obs.Audience, APIObservation{Audience: obs.Audience})
	return nil
}

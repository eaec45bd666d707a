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
		// Not active here; it may be active under the tenant's other domain.
		elsewhere, err := r.activeAudience(ctx)
		if err != nil {
			return APIObservation{}, err
		}
		if elsewhere == audience {
			elsewhere = "" // appeared between the two reads: the next run sees it
		}
		return APIObservation{Audience: audience, ActiveElsewhere: elsewhere}, nil
	}
	if err != nil {
		return APIObservation{}, fmt.Errorf("read My Account API %s: %w", audience, err)
	}
	return observeAPI(rs, audience)
}

// maxResourceServerPages bounds the scan for the active My Account API
// (100 APIs a page).
const maxResourceServerPages = 20

// activeAudience returns the identifier of the active My Account API, if
// any, whatever its domain: the system API whose identifier is
// https://{domain}/me/.
func (r APIReconciler) activeAudience(ctx context.Context) (string, error) {
	for page := 0; page < maxResourceServerPages; page++ {
		list, err := r.M.ResourceServer.List(ctx, management.IncludeFields("id", "identifier", "is_system"),
			management.PerPage(100), management.Page(page), management.IncludeTotals(true))
		if err != nil {
			return "", fmt.Errorf("list resource servers to find the active My Account API: %w", err)
		}
		for _, rs := range list.ResourceServers {
			if _, ok := AudienceDomainOf(rs.GetIdentifier()); ok && rs.GetIsSystem() {
				return rs.GetIdentifier(), nil
			}
		}
		if !list.HasNext() || len(list.ResourceServers) == 0 {
			return "", nil
		}
	}
	return "", fmt.Errorf("list resource servers: the tenant has more than %d APIs, too many to look for the active My Account API; deactivate it by hand or use its audience domain", maxResourceServerPages*100)
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

// Apply makes the API match spec and returns what the tenant now holds. It
// writes at most twice (activate, then the user policy) and never repeats a
// step: a write that did not hold ends the run with an error.
func (r APIReconciler) Apply(ctx context.Context, spec APISpec, audience string, obs APIObservation) (APIObservation, error) {
	for _, c := range DiffAPI(spec, audience, obs) {
		switch c.Action {
		case ActionConflict:
			return obs, &APIActiveElsewhereError{Field: "api.audienceDomain", Audience: audience, Active: obs.ActiveElsewhere}
		case ActionDelete:
			return obs, r.deactivate(ctx, obs)
		case ActionCreate:
			created, err := r.activate(ctx, audience)
			if err != nil {
				return obs, err
			}
			if DiffAPI(spec, audience, created) == nil {
				return created, nil
			}
			return r.setUserPolicy(ctx, spec, created)
		case ActionUpdate:
			return r.setUserPolicy(ctx, spec, obs)
		}
	}
	return obs, nil
}

// activate creates the system API and reads it back. A 409 means someone
// else activated it: fine if it is now active under this audience, an error
// naming what is active otherwise.
func (r APIReconciler) activate(ctx context.Context, audience string) (APIObservation, error) {
	// The system API takes only its identifier; Auth0 names it itself.
	rs := &management.ResourceServer{Identifier: &audience}
	createErr := r.M.ResourceServer.Create(ctx, rs)
	if createErr != nil && !mgmt.IsConflict(createErr) {
		return APIObservation{}, fmt.Errorf("activate My Account API %s: %w", audience, createErr)
	}
	created, err := r.Observe(ctx, audience)
	if err != nil {
		return APIObservation{}, err
	}
	switch {
	case created.Active:
		return created, nil
	case created.ActiveElsewhere != "":
		return created, &APIActiveElsewhereError{Field: "api.audienceDomain", Audience: audience, Active: created.ActiveElsewhere}
	case createErr != nil:
		return created, fmt.Errorf("activate My Account API %s: Auth0 answered that it exists, but reading it back finds no active My Account API; run again in a minute: %w", audience, createErr)
	default:
		return created, fmt.Errorf("activate My Account API %s: Auth0 accepted the activation, but reading it back finds it inactive; run again in a minute", audience)
	}
}

func (r APIReconciler) setUserPolicy(ctx context.Context, spec APISpec, obs APIObservation) (APIObservation, error) {
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

// APIActiveElsewhereError says the My Account API is active under the
// tenant's other domain (canonical against custom). Auth0 keeps one My
// Account API per tenant, so this config cannot activate its own.
type APIActiveElsewhereError struct {
	// Field is the setting that chose the audience, in the face's words.
	Field    string
	Audience string // what this config wants
	Active   string // what the tenant has
}

func (e *APIActiveElsewhereError) Error() string {
	domain, _ := AudienceDomainOf(e.Active)
	return fmt.Sprintf("%s: the My Account API is already active in this tenant as %s, and a tenant has one My Account API at a time, so it cannot also be activated as %s; nothing was changed: set %s to %s to manage the active one, or deactivate it first (Auth0 Dashboard > Applications > APIs > Auth0 My Account API, or the config that activated it with deletion policy Delete), then apply again",
		e.Field, e.Active, e.Audience, e.Field, domain)
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

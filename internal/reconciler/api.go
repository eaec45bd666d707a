package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// APIReconciler is a system API's lifecycle: activation, the user access
// policy and deactivation, read through the session. The audience says which
// system API (see SystemAPI).
type APIReconciler struct{ Session *Session }

// Observe finds the API by identifier and is_system, never by name.
func (r APIReconciler) Observe(ctx context.Context, audience string) (APIObservation, error) {
	return r.Session.API(ctx, audience)
}

// observeAPIAt reads the API at audience; not active when it does not
// exist, and then ActiveElsewhere names it if it is active under the
// tenant's other domain.
func observeAPIAt(ctx context.Context, m *management.Management, audience string) (APIObservation, error) {
	// GET /resource-servers/{id} declares no fields parameter: the whole API is read.
	rs, err := m.ResourceServer.Read(ctx, audience)
	if mgmt.IsNotFound(err) {
		elsewhere, err := activeAudience(ctx, m, systemAPIOf(audience))
		return inactiveAPI(audience, elsewhere), err
	}
	if err != nil {
		return APIObservation{}, fmt.Errorf("read %s %s: %w", systemAPIOf(audience).Name, audience, err)
	}
	return observeAPI(rs, audience)
}

// inactiveAPI is the observation of the system API at audience when it
// does not exist and the same system API is active at elsewhere ("" for
// nowhere).
func inactiveAPI(audience, elsewhere string) APIObservation {
	if elsewhere == audience {
		elsewhere = "" // appeared between the two reads: the next run sees it
	}
	return APIObservation{Audience: audience, ActiveElsewhere: elsewhere}
}

// maxResourceServerPages bounds the scan for an active system API (100
// APIs a page).
const maxResourceServerPages = 20

// activeAudience returns the identifier of the active system API sys, if
// any, whatever its domain: the system API whose identifier is
// https://{domain}{sys.Path}.
func activeAudience(ctx context.Context, m *management.Management, sys SystemAPI) (string, error) {
	for page := 0; page < maxResourceServerPages; page++ {
		// GET /resource-servers declares include_fields but no fields: list whole APIs.
		list, err := m.ResourceServer.List(ctx, management.PerPage(100), management.Page(page), management.IncludeTotals(true))
		if err != nil {
			return "", fmt.Errorf("list resource servers to find the active %s: %w", sys.Name, err)
		}
		if found := activeOnPage(list.ResourceServers, sys); found != "" {
			return found, nil
		}
		if !list.HasNext() || len(list.ResourceServers) == 0 {
			return "", nil
		}
	}
	return "", fmt.Errorf("list resource servers: the tenant has more than %d APIs, too many to look for the active %s; deactivate it by hand or use its audience domain", maxResourceServerPages*100, sys.Name)
}

// ObserveByID reads the API by its resource server id (for imports).
func (r APIReconciler) ObserveByID(ctx context.Context, id string) (APIObservation, error) {
	rs, err := r.Session.M.ResourceServer.Read(ctx, id)
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
		name := systemAPIOf(audience).Name
		return APIObservation{}, fmt.Errorf("resource server %s (%q) has the %s identifier but is not the system API: delete or rename it in Auth0 Dashboard > Applications > APIs, then activate the %s", rs.GetID(), rs.GetName(), name, name)
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
	case ActionConflict:
		return obs, &APIActiveElsewhereError{Field: "api.audienceDomain", Audience: audience, Active: obs.ActiveElsewhere}
	case ActionDelete:
		if err := r.deactivate(ctx, obs); err != nil {
			return obs, err
		}
		return APIObservation{Audience: obs.Audience}, nil // confirmed gone
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
		return APIObservation{Audience: audience}, fmt.Errorf("activate %s %s: %w", systemAPIOf(audience).Name, audience, err)
	}
	obs, err := observeAPIAt(ctx, r.Session.M, audience)
	if err != nil {
		return obs, err
	}
	r.Session.storeAPI(audience, obs)
	switch {
	case obs.Active:
		return obs, nil
	case obs.ActiveElsewhere != "":
		return obs, &APIActiveElsewhereError{Field: "api.audienceDomain", Audience: audience, Active: obs.ActiveElsewhere}
	case conflict:
		return obs, fmt.Errorf("activate %[1]s %[2]s: Auth0 answered that it exists, but reading it back finds no active %[1]s; run again in a minute", systemAPIOf(audience).Name, audience)
	default:
		return obs, fmt.Errorf("activate %s %s: Auth0 accepted the activation, but reading it back finds it inactive; run again in a minute", systemAPIOf(audience).Name, audience)
	}
}

// APIActiveElsewhereError says a system API is active under the tenant's
// other domain (canonical against custom). Auth0 keeps one of each per
// tenant, so this config cannot activate its own.
type APIActiveElsewhereError struct {
	// Field is the setting that chose the audience, in the face's words.
	Field    string
	Audience string // what this config wants
	Active   string // what the tenant has
}

func (e *APIActiveElsewhereError) Error() string {
	sys := systemAPIOf(e.Active)
	domain, _ := sys.DomainOf(e.Active)
	return fmt.Sprintf("%s: the %s is already active in this tenant as %s, and a tenant has one %s at a time, so it cannot also be activated as %s; nothing was changed: set %s to %s to manage the active one, or deactivate it first (Auth0 Dashboard > Applications > APIs > %s, or the config that activated it with deletion policy Delete), then apply again",
		e.Field, sys.Name, e.Active, sys.Name, e.Audience, e.Field, domain, sys.Dashboard)
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
		return obs, fmt.Errorf("set %s user access policy: %w", systemAPIOf(obs.Audience).Name, err)
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
		return fmt.Errorf("deactivate %s %s: %w", systemAPIOf(obs.Audience).Name, obs.ID, err)
	}
	r.Session.storeAPI(obs.Audience, APIObservation{Audience: obs.Audience})
	return nil
}

// activeOnPage returns the identifier of the active system API sys among
// page, whatever its domain; "" when the page has none.
func activeOnPage(page []*management.ResourceServer, sys SystemAPI) string {
	for _, rs := range page {
		if _, ok := sys.DomainOf(rs.GetIdentifier()); ok && rs.GetIsSystem() {
			return rs.GetIdentifier()
		}
	}
	return ""
}

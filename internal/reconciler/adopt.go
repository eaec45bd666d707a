package reconciler

import (
	"context"
	"fmt"
)

// AdoptGrant names an existing subject_type=user grant that a config takes
// over as its own. myaccount never adopts silently: a grant it did not
// create is refused unless named here. Once adopted, the grant is owned like
// one the config created, so releasing the config deletes it.
type AdoptGrant struct {
	// ClientID is the grant's client; empty finds it by the grant id.
	ClientID string
	GrantID  string
}

// AdoptField is the logical field of an adoption in errors; each face names
// it in its own words (an annotation, a flag).
const AdoptField = "adoptGrant"

// adopted is a grant an adoption makes the config's: its API and id.
type adopted struct {
	sys     SystemAPI
	grantID string
}

// resolveAdoptions checks each adoption against the tenant before any
// write and returns the grants to own per client: the grant must be the
// user grant of a client the config declares with the user access of the
// grant's API (userAccess, myOrganizationUserAccess), for this config's
// audience of that API.
func (o *observed) resolveAdoptions(ctx context.Context, d Desired, s State) (map[string][]adopted, error) {
	if len(d.AdoptGrants) == 0 {
		return nil, nil
	}
	out := map[string][]adopted{}
	var errs ValidationErrors
	for _, a := range d.AdoptGrants {
		r, grants, err := o.adoptionAPI(ctx, a)
		if err != nil {
			return nil, err
		}
		ad, fe := r.resolveAdoption(a, grants, d, s)
		switch {
		case fe != nil:
			errs = append(errs, fe)
		case ad.grantID != "":
			out[ad.client] = append(out[ad.client], adopted{r.sys, ad.grantID})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// adoptionAPI is the system API of the run whose user grants hold the
// adopted grant, with those grants; My Account when none does (its errors
// then say what is missing).
func (o *observed) adoptionAPI(ctx context.Context, a AdoptGrant) (*systemRun, map[string]GrantObservation, error) {
	var first map[string]GrantObservation
	for i, r := range o.systems {
		grants, err := o.session.UserGrants(ctx, r.audience)
		if err != nil {
			return nil, nil, err
		}
		if i == 0 {
			first = grants
		}
		for client, g := range grants {
			if g.ID == a.GrantID && (a.ClientID == "" || a.ClientID == client) {
				return r, grants, nil
			}
		}
	}
	return o.myAccount(), first, nil
}

// resolution is what one adoption resolves to: the client, and the grant
// id to own ("" when there is nothing left to adopt).
type resolution struct {
	client, grantID string
}

// resolveAdoption checks one adoption against grants, the user grants of
// r's API.
func (r *systemRun) resolveAdoption(a AdoptGrant, grants map[string]GrantObservation, d Desired, s State) (resolution, *FieldError) {
	client := a.ClientID
	if client == "" {
		for id, g := range grants {
			if g.ID == a.GrantID {
				client = id
			}
		}
	}
	owned := func(client string) string { return r.sys.GrantIDOf(s.Apps[client]) }
	if client != "" && owned(client) == a.GrantID {
		return resolution{}, nil // adopted before: owned
	}
	if client == "" && a.ClientID == "" && r.ownsEveryGrant(d, s) || a.ClientID != "" && owned(a.ClientID) != "" {
		// Owned already (the named grant was adopted, then replaced,
		// say after a dashboard deletion): nothing left to adopt, and a
		// stale annotation must not stop the config.
		return resolution{}, nil
	}
	value := a.GrantID
	if a.ClientID != "" {
		value = a.ClientID + "=" + a.GrantID
	}
	g := grants[client]
	fix := ""
	switch {
	case client == "":
		fix = fmt.Sprintf("no subject_type=user grant with this id exists for the %s audience %s (a client_credentials grant, or one for another API, cannot be adopted); copy the id from %s, or drop the adoption once the config owns the grant", r.sys.Name, r.audience, r.sys.GrantsDashboard())
	case !g.Exists:
		fix = fmt.Sprintf("client %s has no user grant for %s; drop the adoption and let myaccount create the grant", client, r.audience)
	case g.ID != a.GrantID:
		fix = fmt.Sprintf("the user grant of client %s for %s is %s, not %s; name that id", client, r.audience, g.ID, a.GrantID)
	case !r.declares(d, client):
		fix = fmt.Sprintf("the grant belongs to client %s, which this config does not declare with %s; add the application with its %s scopes, or drop the adoption", client, r.sys.UserAccessName, r.sys.UserAccessName)
	}
	if fix != "" {
		return resolution{}, &FieldError{Field: AdoptField, Value: value, Fix: fix}
	}
	return resolution{client, a.GrantID}, nil
}

// declares reports whether d declares client with a user grant for r's API.
func (r *systemRun) declares(d Desired, client string) bool {
	for _, a := range d.Applications {
		if a.ClientID == client {
			return r.sys.UserAccessOf(a) != nil
		}
	}
	return false
}

// ownsEveryGrant reports whether the config owns a grant for r's API on
// every client it declares with user access to it.
func (r *systemRun) ownsEveryGrant(d Desired, s State) bool {
	for _, a := range d.Applications {
		if r.sys.UserAccessOf(a) != nil && r.sys.GrantIDOf(s.Apps[a.ClientID]) == "" {
			return false
		}
	}
	return true
}

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

// resolveAdoptions checks each adoption against the tenant before any
// write and returns the grant id to own per client: the grant must be the
// user grant of a client the config declares with userAccess, for this
// config's My Account API audience.
func (o *observed) resolveAdoptions(ctx context.Context, d Desired, s State) (map[string]string, error) {
	if len(d.AdoptGrants) == 0 {
		return nil, nil
	}
	grants, err := o.session.UserGrants(ctx, o.myAccount().audience)
	if err != nil {
		return nil, err
	}
	declares := map[string]bool{}
	for _, a := range d.Applications {
		declares[a.ClientID] = a.UserAccess != nil
	}
	out := map[string]string{}
	var errs ValidationErrors
	for _, a := range d.AdoptGrants {
		client := a.ClientID
		if client == "" {
			for id, g := range grants {
				if g.ID == a.GrantID {
					client = id
				}
			}
		}
		if client != "" && s.Apps[client].GrantID == a.GrantID {
			continue // adopted before: owned
		}
		if client == "" && a.ClientID == "" && ownsEveryGrant(d, s) || a.ClientID != "" && s.Apps[a.ClientID].GrantID != "" {
			// Owned already (the named grant was adopted, then replaced,
			// say after a dashboard deletion): nothing left to adopt, and a
			// stale annotation must not stop the config.
			continue
		}
		value := a.GrantID
		if a.ClientID != "" {
			value = a.ClientID + "=" + a.GrantID
		}
		g := grants[client]
		fix := ""
		switch {
		case client == "":
			fix = fmt.Sprintf("no subject_type=user grant with this id exists for the My Account API audience %s (a client_credentials grant, or one for another API, cannot be adopted); copy the id from Auth0 Dashboard > Applications > APIs > Auth0 My Account API > Application Access, or drop the adoption once the config owns the grant", o.myAccount().audience)
		case !g.Exists:
			fix = fmt.Sprintf("client %s has no user grant for %s; drop the adoption and let myaccount create the grant", client, o.myAccount().audience)
		case g.ID != a.GrantID:
			fix = fmt.Sprintf("the user grant of client %s for %s is %s, not %s; name that id", client, o.myAccount().audience, g.ID, a.GrantID)
		case !declares[client]:
			fix = fmt.Sprintf("the grant belongs to client %s, which this config does not declare with userAccess; add the application with its userAccess scopes, or drop the adoption", client)
		}
		if fix != "" {
			errs = append(errs, &FieldError{Field: AdoptField, Value: value, Fix: fix})
			continue
		}
		out[client] = a.GrantID
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// ownsEveryGrant reports whether the config owns a grant on every client it
// declares with userAccess.
func ownsEveryGrant(d Desired, s State) bool {
	for _, a := range d.Applications {
		if a.UserAccess != nil && s.Apps[a.ClientID].GrantID == "" {
			return false
		}
	}
	return true
}

package reconciler

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// FieldError is bad input: it names the field, the bad value and the fix.
type FieldError struct {
	Field string
	Value string
	Fix   string
}

// FieldError is in the core's logical names (api.audienceDomain,
// applications[0].clientId); ErrorAs words it with a face's own name.
func (e *FieldError) Error() string { return e.ErrorAs(e.Field) }

// ErrorAs is the error with the field named as a face calls it.
func (e *FieldError) ErrorAs(name string) string {
	return fmt.Sprintf("%s: invalid value %q: %s", name, e.Value, e.Fix)
}

// ValidationErrors collects every FieldError found before any write.
type ValidationErrors []*FieldError

func (v ValidationErrors) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// OrNil returns nil when there are no errors, so callers can `return v.OrNil()`.
func (v ValidationErrors) OrNil() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// OriginGrammar is the syntax of an origin list's entries (see
// syntax.CanonicalOrigin).
var OriginGrammar = ItemGrammar{Noun: "origin", Canonical: syntax.CanonicalOrigin, SameWhy: "hosts are not case-sensitive", Warn: syntax.OriginWarnings}

// originWarnings warns about each entry of the config's lists as their
// grammar says, and when the verification location is on none of the
// origins the config lists.
func originWarnings(prefix string, app Application) []Warning {
	var ws []Warning
	var canon []string
	for _, l := range ListSettings() {
		list, _ := l.desired(app)
		listWarnings, _ := l.entryWarnings(context.Background(), prefix+"."+l.ConfigName, list, &canon) // never interrupted
		ws = append(ws, listWarnings...)
	}
	coa := app.CrossOriginAuthentication
	if coa == nil || coa.VerificationLocation == "" || len(canon) == 0 {
		return ws
	}
	u, err := url.Parse(coa.VerificationLocation)
	if err != nil || u.Host == "" {
		return ws
	}
	locOrigin, fix := syntax.CanonicalOrigin(u.Scheme + "://" + u.Host)
	if fix != "" || slices.ContainsFunc(canon, func(o string) bool { return syntax.OriginMatches(o, locOrigin) }) {
		return ws
	}
	return append(ws, Warning{Field: prefix + ".crossOriginAuthentication.verificationLocation",
		Message: fmt.Sprintf("the verification location's origin %s matches none of the origins this config lists; the page must be served from an allowed origin, so add %s to allowedOrigins and webOrigins", locOrigin, locOrigin)})
}

// entryWarnings are the grammar's warnings about each valid entry of one
// list; when the entries are origins, it appends their canonical forms to
// origins. It stops with ctx's error when ctx ends.
func (l *ListSetting) entryWarnings(ctx context.Context, field string, entries []string, origins *[]string) ([]Warning, error) {
	if l.Grammar.Warn == nil {
		return nil, nil
	}
	var ws []Warning
	for j, e := range entries {
		if err := Interrupted(ctx, j); err != nil {
			return ws, err
		}
		c, fix := l.Grammar.Canonical(e)
		if fix != "" {
			continue
		}
		*origins = append(*origins, c)
		for _, msg := range l.Grammar.Warn(e, c) {
			ws = append(ws, Warning{Field: fmt.Sprintf("%s[%d]", field, j), Message: msg})
		}
	}
	return ws, nil
}

// ValidateScopes checks that scopes is a non-empty subset of offered, the
// My Account API's scopes.
func ValidateScopes(field string, scopes, offered []string) ValidationErrors {
	return ValidateScopesFor(MyAccount, field, scopes, offered)
}

// ValidateScopesFor checks that scopes is a non-empty subset of offered,
// the scopes of the system API a.
func ValidateScopesFor(a SystemAPI, field string, scopes, offered []string) ValidationErrors {
	var errs ValidationErrors
	if len(scopes) == 0 {
		return append(errs, &FieldError{Field: field, Value: "[]", Fix: fmt.Sprintf("list at least one scope, for example %s; to remove user access, remove %s", a.ExampleScope, a.UserAccessName)})
	}
	for _, s := range scopes {
		if slices.Contains(offered, s) {
			continue
		}
		fix := "the " + a.Name + " offers: " + strings.Join(offered, ", ")
		if guess := syntax.SuggestScope(s, offered); guess != "" {
			fix = fmt.Sprintf("did you mean %s? %s", guess, fix)
		}
		errs = append(errs, &FieldError{Field: field, Value: s, Fix: fix})
	}
	return errs
}

// MaxClientIDLength bounds a client ID before it is sent as a URL path or
// printed: Auth0's are 32 characters; the CRD says the same (MaxLength).
const MaxClientIDLength = 128

// ValidateStatic checks everything that needs no tenant read.
func ValidateStatic(d Desired) ValidationErrors {
	var errs ValidationErrors
	add := func(field, value, fix string) {
		errs = append(errs, &FieldError{Field: field, Value: value, Fix: fix})
	}
	if d.Domain == "" {
		add("domain", "", "set the tenant's canonical domain, such as my-tenant.eu.auth0.com")
	}
	if fix := syntax.AudienceDomain(d.API.AudienceDomain); fix != "" {
		add("api.audienceDomain", d.API.AudienceDomain, fix)
	}
	for _, a := range SystemAPIs() {
		if spec := a.Spec(d); spec != nil {
			errs = append(errs, spec.validate(a)...)
		}
	}
	seen := map[string]int{}
	for i, app := range d.Applications {
		prefix := fmt.Sprintf("applications[%d]", i)
		if app.ClientID == "" {
			add(prefix+".clientId", "", "set the Auth0 application's client ID")
		} else if len(app.ClientID) > MaxClientIDLength {
			add(prefix+".clientId", strings.ToValidUTF8(app.ClientID[:40], "")+"…", fmt.Sprintf("a client ID is at most %d characters (Auth0's have 32); copy it from Auth0 Dashboard > Applications", MaxClientIDLength))
		} else if j, dup := seen[app.ClientID]; dup {
			add(prefix+".clientId", app.ClientID, fmt.Sprintf("already configured in applications[%d]; merge the two entries", j))
		}
		seen[app.ClientID] = i
		for _, s := range clientSettings {
			errs = append(errs, s.validate(prefix, app)...)
		}
		for _, a := range SystemAPIs() {
			errs = append(errs, a.validateUserAccess(d, prefix, app)...)
			if p := a.PolicyOf(app); p != nil && a.Spec(d) != nil && !a.Spec(d).Enabled {
				add(prefix+"."+a.PolicyName, strings.Join(p.Scopes, " "), fmt.Sprintf("a refresh-token policy needs the %s (Auth0 ignores a policy for an API that is not active); set %s: true", a.Name, a.field("enabled")))
			}
		}
	}
	return errs
}

// validate checks the policies of a's block in the config.
func (s APISpec) validate(a SystemAPI) ValidationErrors {
	var errs ValidationErrors
	switch s.UserAccessPolicy {
	case "", UserAccessRequireClientGrant, UserAccessAllowAll, UserAccessDenyAll:
	default:
		errs = append(errs, &FieldError{Field: a.field("userAccessPolicy"), Value: string(s.UserAccessPolicy), Fix: "use require_client_grant, allow_all or deny_all"})
	}
	switch s.DeletionPolicy {
	case "", DeletionRetain, DeletionDelete:
	default:
		errs = append(errs, &FieldError{Field: a.field("deletionPolicy"), Value: string(s.DeletionPolicy), Fix: "use Retain or Delete"})
	}
	return errs
}

// validateUserAccess checks app's user grant for a: the API must be
// enabled, and the scopes a subset of its fixed list (an API whose scopes
// grow is checked against the tenant's list, once observed).
func (a SystemAPI) validateUserAccess(d Desired, prefix string, app Application) ValidationErrors {
	ua := a.UserAccessOf(app)
	if ua == nil {
		return nil
	}
	var errs ValidationErrors
	field := prefix + "." + a.UserAccessName
	if spec := a.Spec(d); spec != nil && !spec.Enabled {
		errs = append(errs, &FieldError{Field: field, Value: strings.Join(ua.Scopes, " "), Fix: fmt.Sprintf("user access needs the %s; set %s: true", a.Name, a.field("enabled"))})
	}
	offered := a.Scopes
	if a.ScopesGrow {
		offered = ua.Scopes // only the emptiness is checked before the tenant is read
	}
	return append(errs, ValidateScopesFor(a, field+".scopes", ua.Scopes, offered)...)
}

// CustomDomain is one of the tenant's custom domains.
type CustomDomain struct {
	Domain string
	Status string
}

// ValidateAudienceDomain checks that the audience domain is the canonical
// domain or one of the tenant's ready custom domains.
func ValidateAudienceDomain(audienceDomain, canonical string, custom []CustomDomain) *FieldError {
	if audienceDomain == "" || strings.EqualFold(audienceDomain, canonical) {
		return nil
	}
	var ready []string
	for _, c := range custom {
		if strings.EqualFold(c.Domain, audienceDomain) {
			if c.Status == "ready" {
				return nil
			}
			return &FieldError{Field: "api.audienceDomain", Value: audienceDomain,
				Fix: fmt.Sprintf("the custom domain's status is %s, not ready; finish its verification in Auth0 Dashboard > Branding > Custom Domains, or use the canonical domain %s", c.Status, canonical)}
		}
		if c.Status == "ready" {
			ready = append(ready, c.Domain)
		}
	}
	choices := append([]string{canonical}, ready...)
	return &FieldError{Field: "api.audienceDomain", Value: audienceDomain,
		Fix: "not a domain of this tenant; use one of: " + strings.Join(choices, ", ")}
}

package reconciler

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

// ValidateOrigin checks one allowed origin: scheme://host[:port], no path,
// query or trailing slash, and a wildcard only as the leftmost subdomain label.
// It returns the fix to suggest, or "" when the origin is valid.
func ValidateOrigin(origin string) string {
	if origin == "" {
		return "an origin cannot be empty; use the form https://app.example.com"
	}
	if origin == "*" {
		return "a bare * would trust every site; list each origin, or use a subdomain wildcard such as https://*.example.com"
	}
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok || scheme == "" {
		return fmt.Sprintf("an origin needs a scheme; use https://%s", strings.TrimPrefix(origin, "//"))
	}
	if scheme != "https" && scheme != "http" {
		return fmt.Sprintf("scheme %q is not allowed; use https:// (or http:// for local development)", scheme)
	}
	if rest == "" {
		return "an origin needs a host, as in https://app.example.com"
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return fmt.Sprintf("an origin has no path, query or trailing slash; use %s://%s", scheme, rest[:i])
	}
	if strings.ContainsAny(rest, "@ ") {
		return fmt.Sprintf("an origin has no user info or spaces; use %s://host[:port]", scheme)
	}
	if strings.HasSuffix(rest, ":") {
		return fmt.Sprintf("the port in %q must be a number between 1 and 65535", rest)
	}
	host, port := rest, ""
	if h, p, err := net.SplitHostPort(rest); err == nil {
		host, port = h, p
	} else if strings.Count(rest, ":") == 1 {
		// "host:" with an empty port, or a non-numeric port.
		return fmt.Sprintf("the port in %q must be a number between 1 and 65535", rest)
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("the port %q must be a number between 1 and 65535", port)
		}
	}
	if host == "" {
		return "an origin needs a host, as in https://app.example.com"
	}
	labels := strings.Split(host, ".")
	for i, label := range labels {
		if strings.Contains(label, "*") {
			if i != 0 || label != "*" {
				return "a wildcard may only be the whole leftmost subdomain label, as in https://*.example.com"
			}
			if len(labels) < 3 {
				return "a wildcard needs a registrable domain after it, as in https://*.example.com"
			}
			continue
		}
		if label == "" {
			return fmt.Sprintf("the host %q has an empty label; remove the extra dot", host)
		}
	}
	return ""
}

// ValidateVerificationLocation checks cross_origin_loc: an https URL, or http
// only for localhost.
func ValidateVerificationLocation(loc string) string {
	if loc == "" {
		return ""
	}
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" {
		return "use an absolute https URL such as https://app.example.com/callback-cross-auth.html"
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if h := u.Hostname(); h == "localhost" || h == "127.0.0.1" || h == "::1" {
			return ""
		}
		return fmt.Sprintf("http is allowed only for localhost; use https://%s%s", u.Host, u.EscapedPath())
	default:
		return "use an absolute https URL such as https://app.example.com/callback-cross-auth.html"
	}
}

// SuggestScope returns the offered scope the user most likely meant, or "".
func SuggestScope(scope string, offered []string) string {
	norm := func(s string) string { return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s)) }
	for _, o := range offered {
		if norm(o) == norm(scope) {
			return o
		}
	}
	return ""
}

// ValidateScopes checks that scopes is a non-empty subset of offered.
func ValidateScopes(field string, scopes, offered []string) ValidationErrors {
	var errs ValidationErrors
	if len(scopes) == 0 {
		return append(errs, &FieldError{Field: field, Value: "[]", Fix: "list at least one scope, for example read:me:authentication_methods; to remove user access, remove userAccess"})
	}
	for _, s := range scopes {
		if slices.Contains(offered, s) {
			continue
		}
		fix := "the My Account API offers: " + strings.Join(offered, ", ")
		if guess := SuggestScope(s, offered); guess != "" {
			fix = fmt.Sprintf("did you mean %s? %s", guess, fix)
		}
		errs = append(errs, &FieldError{Field: field, Value: s, Fix: fix})
	}
	return errs
}

// ValidateStatic checks everything that needs no tenant read.
func ValidateStatic(d Desired) ValidationErrors {
	var errs ValidationErrors
	add := func(field, value, fix string) {
		errs = append(errs, &FieldError{Field: field, Value: value, Fix: fix})
	}
	if d.Domain == "" {
		add("domain", "", "set the tenant's canonical domain, such as my-tenant.eu.auth0.com")
	}
	switch d.API.UserAccessPolicy {
	case "", UserAccessRequireClientGrant, UserAccessAllowAll, UserAccessDenyAll:
	default:
		add("api.userAccessPolicy", string(d.API.UserAccessPolicy), "use require_client_grant, allow_all or deny_all")
	}
	switch d.API.DeletionPolicy {
	case "", DeletionRetain, DeletionDelete:
	default:
		add("api.deletionPolicy", string(d.API.DeletionPolicy), "use Retain or Delete")
	}
	seen := map[string]int{}
	for i, app := range d.Applications {
		prefix := fmt.Sprintf("applications[%d]", i)
		if app.ClientID == "" {
			add(prefix+".clientId", "", "set the Auth0 application's client ID")
		} else if j, dup := seen[app.ClientID]; dup {
			add(prefix+".clientId", app.ClientID, fmt.Sprintf("already configured in applications[%d]; merge the two entries", j))
		}
		seen[app.ClientID] = i
		switch app.OriginsMode {
		case "", OriginsMerge, OriginsExclusive:
		default:
			add(prefix+".originsMode", string(app.OriginsMode), "use Merge or Exclusive")
		}
		dupOrigin := map[string]bool{}
		for j, o := range app.AllowedOrigins {
			field := fmt.Sprintf("%s.allowedOrigins[%d]", prefix, j)
			if fix := ValidateOrigin(o); fix != "" {
				add(field, o, fix)
			} else if dupOrigin[o] {
				add(field, o, "listed twice; remove the duplicate")
			}
			dupOrigin[o] = true
		}
		if coa := app.CrossOriginAuthentication; coa != nil {
			if fix := ValidateVerificationLocation(coa.VerificationLocation); fix != "" {
				add(prefix+".crossOriginAuthentication.verificationLocation", coa.VerificationLocation, fix)
			}
		}
		if ua := app.UserAccess; ua != nil {
			if !d.API.Enabled {
				add(prefix+".userAccess", strings.Join(ua.Scopes, " "), "user access needs the My Account API; set api.enabled: true")
			}
			errs = append(errs, ValidateScopes(prefix+".userAccess.scopes", ua.Scopes, MyAccountScopes)...)
		}
	}
	return errs
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

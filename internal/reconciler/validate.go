package reconciler

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
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

// ValidateOrigin checks one allowed origin and returns the fix to suggest,
// or "" when the origin is valid. See CanonicalOrigin for the grammar.
func ValidateOrigin(origin string) string {
	_, fix := CanonicalOrigin(origin)
	return fix
}

// OrganizationPlaceholder may stand as the whole leftmost label of an origin;
// Auth0 replaces it with the organization's name.
const OrganizationPlaceholder = "{organization_name}"

// CanonicalOrigin parses an allowed origin and returns the form Auth0 should
// store, or the fix to suggest when the origin is invalid.
//
// The grammar is scheme://host[:port], with the scheme http or https and no
// path, query, user info, whitespace or control character. The host is an
// IPv4 literal, a bracketed IPv6 literal (without zone), or a DNS name of
// letter-digit-hyphen labels (1 to 63 characters, no leading or trailing
// hyphen, the last one starting with a letter). The leftmost label may
// instead be a wildcard with an optional prefix and suffix (*, *.example.com,
// prefix-*-suffix.example.com: at most one *, matching exactly one label) or
// the whole placeholder {organization_name}; either needs a registrable
// domain after it, never a public suffix such as com or co.uk.
//
// The canonical form has the scheme and host lower-cased and an
// internationalised host converted to punycode (xn--...).
func CanonicalOrigin(origin string) (canonical, fix string) {
	if origin == "" {
		return "", "an origin cannot be empty; use the form https://app.example.com"
	}
	for _, r := range origin {
		switch {
		case r == '\t':
			return "", "an origin cannot contain a tab; remove it"
		case r == '\n' || r == '\r':
			return "", "an origin cannot contain a line break; remove it"
		case unicode.IsControl(r) || r == utf8.RuneError:
			return "", fmt.Sprintf("an origin cannot contain the control character %U; remove it", r)
		case unicode.IsSpace(r):
			return "", "an origin cannot contain spaces; remove them"
		}
	}
	if origin == "*" {
		return "", "a bare * would trust every site; list each origin, or use a subdomain wildcard such as https://*.example.com"
	}
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok || scheme == "" {
		return "", fmt.Sprintf("an origin needs a scheme; use https://%s", strings.TrimPrefix(origin, "//"))
	}
	if l := strings.ToLower(scheme); l != scheme && (l == "https" || l == "http") {
		return "", fmt.Sprintf("write the scheme in lower case: %s://", l)
	}
	if scheme != "https" && scheme != "http" {
		return "", fmt.Sprintf("scheme %q is not allowed; use https:// (or http:// for local development)", scheme)
	}
	if rest == "" {
		return "", "an origin needs a host, as in https://app.example.com"
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return "", fmt.Sprintf("an origin has no path, query or trailing slash; use %s://%s", scheme, rest[:i])
	}
	if strings.Contains(rest, "@") {
		return "", fmt.Sprintf("an origin has no user info; use %s://host[:port]", scheme)
	}
	host, port, fix := splitOriginHostPort(rest)
	if fix != "" {
		return "", fix
	}
	if host == "" {
		return "", "an origin needs a host, as in https://app.example.com"
	}
	if host, fix = canonicalOriginHost(host); fix != "" {
		return "", fix
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, ""
}

// splitOriginHostPort separates "host[:port]" (host possibly a bracketed
// IPv6 literal) and checks the port.
func splitOriginHostPort(rest string) (host, port, fix string) {
	host = rest
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]")
		if end < 0 {
			return "", "", fmt.Sprintf("the IPv6 literal in %q has no closing ]; use the form https://[::1]:8443", rest)
		}
		host, port = rest[:end+1], rest[end+1:]
		if port != "" && !strings.HasPrefix(port, ":") {
			return "", "", fmt.Sprintf("%q has characters after the IPv6 literal; use the form https://[::1]:8443", rest)
		}
		port = strings.TrimPrefix(port, ":")
		if port == "" && strings.HasSuffix(rest, ":") {
			return "", "", fmt.Sprintf("the port in %q must be a number between 1 and 65535", rest)
		}
	} else if i := strings.LastIndex(rest, ":"); i >= 0 {
		host, port = rest[:i], rest[i+1:]
		if port == "" {
			return "", "", fmt.Sprintf("the port in %q must be a number between 1 and 65535", rest)
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' || strings.ContainsAny(port, "+-") {
			return "", "", fmt.Sprintf("the port %q must be a number between 1 and 65535", port)
		}
	}
	return host, port, ""
}

// canonicalOriginHost checks a host and returns it lower-cased, in punycode.
func canonicalOriginHost(host string) (string, string) {
	if strings.HasPrefix(host, "[") {
		lit := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		addr, err := netip.ParseAddr(lit)
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return "", fmt.Sprintf("%s is not an IPv6 address; use the form https://[2001:db8::1]", host)
		}
		return "[" + strings.ToLower(lit) + "]", ""
	}
	if addr, err := netip.ParseAddr(host); err == nil && addr.Is4() {
		return host, ""
	}
	labels := strings.Split(host, ".")
	first := labels[0]
	special := first == OrganizationPlaceholder || strings.Contains(first, "*")
	if strings.ContainsAny(first, "{}") && first != OrganizationPlaceholder {
		return "", fmt.Sprintf("a placeholder must be the whole leftmost label, exactly %s, with no prefix, suffix or wildcard, as in https://%s.example.com", OrganizationPlaceholder, OrganizationPlaceholder)
	}
	for i, label := range labels {
		if label == "" {
			return "", fmt.Sprintf("the host %q has an empty label; remove the extra dot", host)
		}
		if i > 0 && (strings.Contains(label, "*") || strings.ContainsAny(label, "{}")) {
			if strings.Contains(label, "*") {
				return "", "a wildcard may only be in the leftmost label, as in https://*.example.com or https://prefix-*-suffix.example.com"
			}
			return "", fmt.Sprintf("a placeholder must be the whole leftmost label, as in https://%s.example.com", OrganizationPlaceholder)
		}
	}
	if strings.Count(first, "*") > 1 {
		return "", "at most one wildcard is allowed, as in https://*.example.com or https://prefix-*-suffix.example.com"
	}
	// Convert the DNS part to its ASCII (punycode) form, lower-cased. The
	// special leftmost label stays as written; only its prefix and suffix
	// must be letters, digits and hyphens.
	rest := labels
	if special {
		if len(labels) < 3 {
			return "", fmt.Sprintf("%s needs a registrable domain after it, as in https://%s.example.com", specialName(first), first)
		}
		rest = labels[1:]
	}
	ascii := strings.Join(rest, ".")
	if !isASCII(ascii) {
		a, err := idnaProfile.ToASCII(ascii)
		if err != nil {
			return "", fmt.Sprintf("the host %q is not a valid internationalised domain name: %v", host, err)
		}
		ascii = a
	}
	ascii = strings.ToLower(ascii)
	dnsLabels := strings.Split(ascii, ".")
	for _, label := range dnsLabels {
		if fix := checkLDHLabel(label, host); fix != "" {
			return "", fix
		}
	}
	if tld := dnsLabels[len(dnsLabels)-1]; !isLetter(tld[0]) {
		return "", fmt.Sprintf("the host %q is neither a domain name (its last label must start with a letter) nor an IPv4 address", host)
	}
	if !special {
		if len(ascii) > 253 {
			return "", fmt.Sprintf("the host %q is longer than 253 characters", host)
		}
		return ascii, ""
	}
	lead := strings.ToLower(first)
	if first != OrganizationPlaceholder {
		prefix, suffix, _ := strings.Cut(lead, "*")
		if (prefix != "" && (prefix[0] == '-' || !isLDH(prefix))) || (suffix != "" && (suffix[len(suffix)-1] == '-' || !isLDH(suffix))) ||
			len(prefix)+len(suffix) > 62 {
			return "", fmt.Sprintf("the wildcard label %q may carry only a prefix and a suffix of letters, digits and hyphens (not starting or ending with a hyphen), as in https://prefix-*-suffix.example.com", first)
		}
	}
	what := specialName(first)
	if ps, _ := publicsuffix.PublicSuffix(ascii); ps == ascii {
		return "", fmt.Sprintf("%s over the public suffix %s would match other people's sites; put it under your own domain, as in https://%s.example.%s", what, ascii, first, dnsLabels[len(dnsLabels)-1])
	}
	return lead + "." + ascii, ""
}

func specialName(label string) string {
	if label == OrganizationPlaceholder {
		return "the " + OrganizationPlaceholder + " placeholder"
	}
	return "a wildcard"
}

// idnaProfile converts an internationalised host as browsers look it up.
var idnaProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false), idna.StrictDomainName(true), idna.VerifyDNSLength(true))

func checkLDHLabel(label, host string) string {
	switch {
	case label == "":
		return fmt.Sprintf("the host %q has an empty label; remove the extra dot", host)
	case len(label) > 63:
		return fmt.Sprintf("the label %q of %q is longer than 63 characters", label, host)
	case !isLDH(label):
		return fmt.Sprintf("the host %q may contain only letters, digits, hyphens and dots (the label %q does not); write it as it is registered in DNS", host, label)
	case label[0] == '-' || label[len(label)-1] == '-':
		return fmt.Sprintf("the label %q of %q starts or ends with a hyphen, which DNS does not allow", label, host)
	}
	return ""
}

func isLDH(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// OriginGrammar is the syntax of an origin list's entries (see
// CanonicalOrigin).
var OriginGrammar = ItemGrammar{Noun: "origin", Canonical: CanonicalOrigin, SameWhy: "hosts are not case-sensitive", Warn: originWarning}

// originWarning says when an origin is written in another form than Auth0
// stores, and when plain http is used beyond localhost.
func originWarning(origin, canonical string) []string {
	var ws []string
	if canonical != origin {
		why := "host names are not case-sensitive, so the host is lower-cased"
		if !isASCII(origin) {
			why = "the internationalised host is converted to punycode, the form browsers send"
		}
		ws = append(ws, fmt.Sprintf("%s is written to Auth0 as %s: %s; write it that way to silence this warning", origin, canonical, why))
	}
	if strings.HasPrefix(canonical, "http://") && !IsLocalOrigin(canonical) {
		ws = append(ws, fmt.Sprintf("%s uses plain http beyond localhost, so anyone on the network can read the tokens sent to it; use https://%s", origin, strings.TrimPrefix(canonical, "http://")))
	}
	return ws
}

// CanonicalOrigins returns origins in their canonical form; an invalid origin
// (which validation refuses earlier) stays as written.
func CanonicalOrigins(origins []string) []string {
	if origins == nil {
		return nil
	}
	out := make([]string, len(origins))
	for i, o := range origins {
		if c, fix := CanonicalOrigin(o); fix == "" {
			o = c
		}
		out[i] = o
	}
	return out
}

// originWarnings warns about each entry of the config's lists as their
// grammar says, and when the verification location is on none of the
// origins the config lists.
func originWarnings(prefix string, app Application) []Warning {
	var ws []Warning
	var canon []string
	for _, l := range ListSettings() {
		list, _ := l.desired(app)
		ws = append(ws, l.entryWarnings(prefix+"."+l.ConfigName, list, &canon)...)
	}
	coa := app.CrossOriginAuthentication
	if coa == nil || coa.VerificationLocation == "" || len(canon) == 0 {
		return ws
	}
	u, err := url.Parse(coa.VerificationLocation)
	if err != nil || u.Host == "" {
		return ws
	}
	locOrigin, fix := CanonicalOrigin(u.Scheme + "://" + u.Host)
	if fix != "" || slices.ContainsFunc(canon, func(o string) bool { return OriginMatches(o, locOrigin) }) {
		return ws
	}
	return append(ws, Warning{Field: prefix + ".crossOriginAuthentication.verificationLocation",
		Message: fmt.Sprintf("the verification location's origin %s matches none of the origins this config lists; the page must be served from an allowed origin, so add %s to allowedOrigins and webOrigins", locOrigin, locOrigin)})
}

// entryWarnings are the grammar's warnings about each valid entry of one
// list; when the entries are origins, it appends their canonical forms to
// origins.
func (l *ListSetting) entryWarnings(field string, entries []string, origins *[]string) []Warning {
	if l.Grammar.Warn == nil {
		return nil
	}
	var ws []Warning
	for j, e := range entries {
		c, fix := l.Grammar.Canonical(e)
		if fix != "" {
			continue
		}
		*origins = append(*origins, c)
		for _, msg := range l.Grammar.Warn(e, c) {
			ws = append(ws, Warning{Field: fmt.Sprintf("%s[%d]", field, j), Message: msg})
		}
	}
	return ws
}

// OriginMatches reports whether the canonical origin pattern (possibly with a
// wildcard or placeholder leftmost label) matches the canonical origin o.
func OriginMatches(pattern, o string) bool {
	if pattern == o {
		return true
	}
	ps, prest, _ := strings.Cut(pattern, "://")
	oscheme, orest, _ := strings.Cut(o, "://")
	if ps != oscheme {
		return false
	}
	plead, ptail, _ := strings.Cut(prest, ".")
	olead, otail, _ := strings.Cut(orest, ".")
	if ptail != otail || olead == "" {
		return false
	}
	if plead == OrganizationPlaceholder {
		return true
	}
	prefix, suffix, ok := strings.Cut(plead, "*")
	return ok && len(olead) >= len(prefix)+len(suffix) && strings.HasPrefix(olead, prefix) && strings.HasSuffix(olead, suffix)
}

// IsLocalOrigin reports whether the origin's host is localhost or a loopback
// address, where plain http is normal.
func IsLocalOrigin(origin string) bool {
	c, fix := CanonicalOrigin(origin)
	if fix != "" {
		return false
	}
	_, rest, _ := strings.Cut(c, "://")
	host, _, _ := splitOriginHostPort(rest)
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
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
	if fix := AudienceDomainSyntax(d.API.AudienceDomain); fix != "" {
		add("api.audienceDomain", d.API.AudienceDomain, fix)
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
		for _, s := range clientSettings {
			errs = append(errs, s.validate(prefix, app)...)
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

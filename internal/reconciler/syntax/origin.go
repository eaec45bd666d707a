package syntax

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

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
		case isInvisible(r):
			// IDNA would drop it silently, and the origin would not be the one written.
			return "", fmt.Sprintf("an origin cannot contain the invisible character %U; remove it", r)
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
		return canonicalIPv6Literal(host)
	}
	if addr, err := netip.ParseAddr(host); err == nil && addr.Is4() {
		return host, ""
	}
	labels := strings.Split(host, ".")
	if fix := checkSpecialPlacement(host, labels); fix != "" {
		return "", fix
	}
	first := labels[0]
	special := first == OrganizationPlaceholder || strings.Contains(first, "*")
	// The special leftmost label stays as written; the rest is DNS.
	dns := labels
	if special {
		if len(labels) < 3 {
			return "", fmt.Sprintf("%s needs a registrable domain after it, as in https://%s.example.com", specialName(first), first)
		}
		dns = labels[1:]
	}
	ascii, fix := canonicalDNSName(host, dns)
	switch {
	case fix != "":
		return "", fix
	case special && len(first)+1+len(ascii) > 253:
		return "", fmt.Sprintf("the host %q is longer than 253 characters", host)
	case special:
		return canonicalSpecialLabel(first, ascii)
	case len(ascii) > 253:
		return "", fmt.Sprintf("the host %q is longer than 253 characters", host)
	}
	return ascii, ""
}

func canonicalIPv6Literal(host string) (string, string) {
	lit := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	addr, err := netip.ParseAddr(lit)
	if err != nil || !addr.Is6() || addr.Zone() != "" {
		return "", fmt.Sprintf("%s is not an IPv6 address; use the form https://[2001:db8::1]", host)
	}
	return "[" + strings.ToLower(lit) + "]", ""
}

// checkSpecialPlacement: a wildcard or the placeholder may only be the
// leftmost label, at most one wildcard, and no label is empty.
func checkSpecialPlacement(host string, labels []string) string {
	first := labels[0]
	if strings.ContainsAny(first, "{}") && first != OrganizationPlaceholder {
		return fmt.Sprintf("a placeholder must be the whole leftmost label, exactly %s, with no prefix, suffix or wildcard, as in https://%s.example.com", OrganizationPlaceholder, OrganizationPlaceholder)
	}
	for i, label := range labels {
		switch {
		case label == "":
			return fmt.Sprintf("the host %q has an empty label; remove the extra dot", host)
		case i > 0 && strings.Contains(label, "*"):
			return "a wildcard may only be in the leftmost label, as in https://*.example.com or https://prefix-*-suffix.example.com"
		case i > 0 && strings.ContainsAny(label, "{}"):
			return fmt.Sprintf("a placeholder must be the whole leftmost label, as in https://%s.example.com", OrganizationPlaceholder)
		}
	}
	if strings.Count(first, "*") > 1 {
		return "at most one wildcard is allowed, as in https://*.example.com or https://prefix-*-suffix.example.com"
	}
	return ""
}

// canonicalDNSName is the labels as one lower-case ASCII (punycode) name,
// each label letters, digits and hyphens, the last starting with a letter.
func canonicalDNSName(host string, labels []string) (string, string) {
	ascii := strings.Join(labels, ".")
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
	return ascii, ""
}

// canonicalSpecialLabel checks a wildcard's prefix and suffix, and that the
// special label is not over a public suffix.
func canonicalSpecialLabel(first, ascii string) (string, string) {
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
		return "", fmt.Sprintf("%s over the public suffix %s would match other people's sites; put it under your own domain, as in https://%s.example.%s", what, ascii, first, ascii[strings.LastIndex(ascii, ".")+1:])
	}
	return lead + "." + ascii, ""
}

// isInvisible: format characters (zero-width space and joiners, soft
// hyphen, byte-order mark, bidi marks) and the Hangul fillers, which render
// as nothing.
func isInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == '\u115F' || r == '\u1160' || r == '\u3164' || r == '\uFFA0'
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

// OriginWarnings says when an origin is written in another form than Auth0
// stores, and when plain http is used beyond localhost.
func OriginWarnings(origin, canonical string) []string {
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

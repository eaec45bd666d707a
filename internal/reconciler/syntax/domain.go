package syntax

import (
	"net/url"
	"strings"
)

// AudienceDomain returns the fix for an audience domain written as a
// URL or with a path ("" when it is a bare host name). Pure; whether the
// domain belongs to the tenant needs a read (ValidateAudienceDomain).
func AudienceDomain(domain string) string {
	if domain == "" {
		return ""
	}
	host := domain
	scheme, rest, hasScheme := strings.Cut(domain, "://")
	if hasScheme {
		host = rest
	}
	host, path, hasPath := strings.Cut(host, "/")
	switch {
	case hasScheme && hasPath && strings.Trim(path, "/") != "":
		return "a domain only, without " + scheme + ":// or a path; use " + host
	case hasScheme:
		return "a domain only, without " + scheme + "://; use " + host
	case hasPath && strings.Trim(path, "/") != "":
		return "a domain only, without a path (the audience is always https://{domain}/me/); use " + host
	case hasPath:
		return "a domain only, without a trailing slash; use " + host
	}
	if u, err := url.Parse("https://" + host); err != nil || u.Host != host || strings.ContainsAny(host, " \t?#@") {
		return "a host name such as login.example.com"
	}
	return ""
}

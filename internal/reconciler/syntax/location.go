package syntax

import (
	"fmt"
	"net/url"
	"strings"
)

// ValidateVerificationLocation checks cross_origin_loc: an https URL, or http
// only for localhost.
func ValidateVerificationLocation(loc string) string {
	if loc == "" {
		return ""
	}
	for _, r := range loc {
		if isInvisible(r) {
			return fmt.Sprintf("the location cannot contain the invisible character %U; remove it", r)
		}
	}
	u, err := url.Parse(loc)
	switch {
	case err != nil || u.Host == "":
		return "use an absolute https URL such as https://app.example.com/callback-cross-auth.html"
	case u.User != nil:
		return fmt.Sprintf("the location has no user info; use %s://%s%s", u.Scheme, u.Host, u.EscapedPath())
	case strings.Contains(u.Host, "*"):
		return "the location is one page, so its host cannot be a wildcard; name the host that serves it, such as https://app.example.com/callback-cross-auth.html"
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

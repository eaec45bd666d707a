package syntax

import (
	"fmt"
	"net/url"
)

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

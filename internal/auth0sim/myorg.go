package auth0sim

// The My Organization API: one read route, GET /my-org/v1/details.
//
// Where it comes from:
//   - Published: https://auth0.com/docs/api/myorganization/org-details/get-organization-details
//     (GET /details, scope read:my_org:details; the answer {id, name,
//     display_name, branding: {logo_url, colors: {primary,
//     page_background}}}, id matching ^org_[A-Za-z0-9]{16}$); the base
//     https://{domain}/my-org/v1 (auth0/myorganization.net 1.0.0
//     CHANGELOG.md: the default base path moved from .../my-org to
//     .../my-org/v1); the error body {type, status, title, detail}
//     (auth0/myorganization-go ErrorResponseContent).
//   - Modelled, as for /me/v1 (me.go): the API must be active on the
//     domain of the call; the token's signature, issuer, expiry, audience
//     https://{host}/my-org/ and scope are checked (401, 403); no query
//     parameter is taken; CORS follows the token's client (cors.go).
//   - Not modelled (organization semantics): a real token for this API
//     names the organization the user logged in to (org_id), and the API
//     answers that organization's details. Here the tenant has one
//     synthetic organization, every valid token reads it, and no org_id is
//     required or checked. PATCH /details and every other route of the API
//     are not served (501 and 404); no rate limit is applied (none is
//     published for this API).

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
)

// orgDetails is the answer of GET /my-org/v1/details.
type orgDetails struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	DisplayName string      `json:"display_name"`
	Branding    orgBranding `json:"branding"`
}

type orgBranding struct {
	Colors orgColors `json:"colors"`
}

type orgColors struct {
	Primary        string `json:"primary"`
	PageBackground string `json:"page_background"`
}

func (s *Server) orgDetails() orgDetails {
	sum := sha256.Sum256([]byte(s.domain))
	return orgDetails{
		ID: "org_" + hex.EncodeToString(sum[:8]), Name: "auth0sim", DisplayName: "Auth0 Sim Organization",
		Branding: orgBranding{Colors: orgColors{Primary: "#0059d6", PageBackground: "#000000"}},
	}
}

// serveMyOrg is /my-org/v1: the token's client for CORS, the route, access
// and query checks, then the details.
func (s *Server) serveMyOrg(w http.ResponseWriter, r *http.Request) {
	claims, tokenErr := s.verifyUserToken(r)
	if claims != nil {
		s.setActualCORS(w, r, claims.AZP)
	}
	route := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case route != "/my-org/v1/details":
		writeMeError(w, newMeError(http.StatusNotFound, "Not Found"))
		return
	case r.Method == http.MethodPatch:
		writeMeError(w, newMeError(http.StatusNotImplemented, "auth0sim does not implement PATCH /my-org/v1/details"))
		return
	case r.Method != http.MethodGet:
		writeMeError(w, newMeError(http.StatusNotFound, "Not Found"))
		return
	}
	if e := s.systemAccessError(myOrgAPI, r.Host, claims, tokenErr, "read:my_org:details"); e != nil {
		writeMeError(w, e)
		return
	}
	if e := noQueryError(r, route); e != nil {
		writeMeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, s.orgDetails())
}

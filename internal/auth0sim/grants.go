// Client grants. Where each behaviour of the list comes from:
//   - the filters audience, client_id and subject_type, combined with AND:
//     the published spec (go-auth0/v3 v3.0.0 management/requests.go declares
//     them). A client_id filter answered with only that client's grants and
//     total 1 is recorded in github.com/auth0/go-auth0 v1.45.0
//     test/data/recordings/TestClientGrantManager_List.yaml; the three
//     together are inference from the spec.
//   - page, per_page (at most 100) and include_totals: recorded (see the
//     routes table in api.go); from/take: the spec.
//   - at most one grant per (client_id, audience, subject_type): the 409
//     recorded in auth0-management-api-facts.md, so a filtered read of one
//     client's user grant for an audience holds at most one.
package auth0sim

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ClientGrant is a client grant (client_id, audience, subject_type -> scopes).
type ClientGrant struct {
	ID, ClientID, Audience, SubjectType string
	Scope                               []string
}

func (g *grantRec) export() ClientGrant {
	return ClientGrant{ID: g.ID, ClientID: g.ClientID, Audience: g.Audience, SubjectType: g.SubjectType, Scope: cloneStrings(g.Scope)}
}

// grantJSON is the wire form.
type grantJSON struct {
	ID          string   `json:"id"`
	ClientID    string   `json:"client_id"`
	Audience    string   `json:"audience"`
	Scope       []string `json:"scope"`
	SubjectType string   `json:"subject_type"`
}

func grantWire(g *grantRec) any {
	w := grantJSON{ID: g.ID, ClientID: g.ClientID, Audience: g.Audience, Scope: orEmpty(cloneStrings(g.Scope)), SubjectType: g.SubjectType}
	if len(g.Extra) == 0 {
		return w
	}
	b, _ := json.Marshal(w)
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(b, &m)
	for k, v := range g.Extra {
		m[k] = v
	}
	return m
}

func errNoGrant() *apiError {
	return newAPIError(404, "The grant does not exist.", "inexistent_client_grant")
}

func (s *Server) findGrantLocked(id string) (int, *grantRec) {
	for i, g := range s.st.Grants {
		if g.ID == id {
			return i, g
		}
	}
	return -1, nil
}

type grantList struct {
	Total        int   `json:"total"`
	Start        int   `json:"start"`
	Limit        int   `json:"limit"`
	ClientGrants []any `json:"client_grants"`
}

type grantCheckpointList struct {
	ClientGrants []any  `json:"client_grants"`
	Next         string `json:"next,omitempty"`
}

func (s *Server) listGrants(q url.Values) (any, *apiError) {
	aud, cid, st := q.Get("audience"), q.Get("client_id"), q.Get("subject_type")
	if st != "" && !subjectTypes[st] {
		return nil, errQuery(fmt.Sprintf("No enum match for: %q' on property subject_type (The type of application access the client grant allows.)", st))
	}
	s.mu.Lock()
	var all []*grantRec
	for _, g := range s.st.Grants {
		if (aud == "" || g.Audience == aud) && (cid == "" || g.ClientID == cid) && (st == "" || g.SubjectType == st) {
			all = append(all, g)
		}
	}
	wire := make([]any, len(all))
	for i, g := range all {
		wire[i] = grantWire(g)
	}
	s.mu.Unlock()

	if q.Has("from") || q.Has("take") {
		return grantCheckpointPage(q, all, wire)
	}

	p, e := parsePaging(q)
	if e != nil {
		return nil, e
	}
	lo, hi := p.window(len(wire))
	items := append([]any{}, wire[lo:hi]...)
	if p.includeTotals {
		return grantList{Total: len(wire), Start: lo, Limit: p.perPage, ClientGrants: items}, nil
	}
	return items, nil
}

// grantCheckpointPage is the page of the grants all (wire, their wire forms)
// that the checkpoint parameters ask for: take grants from the one whose id
// is from (default: the first), and the id that starts the next page.
func grantCheckpointPage(q url.Values, all []*grantRec, wire []any) (any, *apiError) {
	take := 50
	if v := q.Get("take"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return nil, errQuery(fmt.Sprintf("Value %s is not in range [1, 100]' on property take (Number of results per page. Defaults to 50.)", v))
		}
		take = n
	}
	start := 0
	if from := q.Get("from"); from != "" {
		start = -1
		for i, g := range all {
			if g.ID == from {
				start = i
			}
		}
		if start < 0 {
			return nil, errQuery("Invalid value for from: " + from)
		}
	}
	end := start + take
	if end > len(all) {
		end = len(all)
	}
	out := grantCheckpointList{ClientGrants: append([]any{}, wire[start:end]...)}
	if end < len(all) {
		out.Next = all[end].ID
	}
	return out, nil
}

func (s *Server) getGrant(id string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, g := s.findGrantLocked(id)
	if g == nil {
		return nil, errNoGrant()
	}
	return grantWire(g), nil
}

// subjectTypes a client grant may have: client, user, and (since September
// 2026, in the SDKs and providers) anonymous_user.
var subjectTypes = map[string]bool{"client": true, "user": true, "anonymous_user": true}

// grantOptional are accepted grant properties the emulator stores verbatim.
var grantOptional = map[string]bool{
	"organization_usage": true, "allow_any_organization": true,
	"authorization_details_types": true, "allow_all_scopes": true,
}

// checkScopesLocked verifies every scope is offered by the audience's API.
func (s *Server) checkScopesLocked(audience string, scopes []string) *apiError {
	r := s.findRSByIdentifierLocked(audience)
	if r == nil {
		return nil
	}
	var bad []string
	for _, sc := range scopes {
		if !r.offers(sc) {
			bad = append(bad, sc)
		}
	}
	if len(bad) > 0 {
		return newAPIError(400, fmt.Sprintf("Client grant contains scopes that are not defined by the resource server %s: %s. Valid scopes: %s",
			audience, strings.Join(bad, ", "), strings.Join(scopeValues(r.visibleScopes()), ", ")), "invalid_body")
	}
	return nil
}

func (s *Server) createGrant(obj orderedObject) (any, *apiError) {
	if e := checkProps(obj, "", inSet(grantOptional, "client_id", "audience", "scope", "subject_type", "default_for")); e != nil {
		return nil, e
	}
	g, e := decodeGrant(obj)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.ClientID != "" && s.findClientLocked(g.ClientID) == nil && !s.isMgmtClientLocked(g.ClientID) {
		return nil, errNoClient()
	}
	r := s.findRSByIdentifierLocked(g.Audience)
	if r == nil && g.Audience != s.managementAudience() {
		return nil, errNoRS()
	}
	if r != nil && r.system() != nil && r.ClientPolicy == "deny_all" && g.SubjectType == "client" {
		return nil, errBody(fmt.Sprintf("Client grants with subject_type client are not allowed for the %s: its client access policy is deny_all. Use subject_type user", r.Name))
	}
	for _, o := range s.st.Grants {
		if o.ClientID == g.ClientID && o.Audience == g.Audience && o.SubjectType == g.SubjectType {
			return nil, newAPIError(409, fmt.Sprintf("A client grant already exists between %s and %s", g.ClientID, g.Audience), "")
		}
	}
	if e := s.checkScopesLocked(g.Audience, g.Scope); e != nil {
		return nil, e
	}
	g.ID = "cgr_" + randAlnum(16)
	s.st.Grants = append(s.st.Grants, g)
	if err := s.saveLocked(); err != nil {
		return nil, errInternal()
	}
	return grantWire(g), nil
}

// decodeGrant reads a create body: client_id, audience and scope are
// required, subject_type defaults to client.
func decodeGrant(obj orderedObject) (*grantRec, *apiError) {
	g := &grantRec{SubjectType: "client"}
	var haveScope bool
	for _, f := range obj {
		var e *apiError
		switch f.Key {
		case "client_id":
			g.ClientID, e = decodeString(f.Value, "client_id")
		case "audience":
			g.Audience, e = decodeString(f.Value, "audience")
		case "scope":
			g.Scope, e = decodeStrings(f.Value, "scope")
			haveScope = true
		case "subject_type":
			if g.SubjectType, e = decodeString(f.Value, "subject_type"); e == nil && !subjectTypes[g.SubjectType] {
				e = errBody(fmt.Sprintf("No enum match for: %q' on property subject_type (Defines the type of application access the client grant allows. Use of this field is subject to the applicable Free Trial terms in Okta’s Master Subscription Agreement.)", g.SubjectType))
			}
		default:
			if g.Extra == nil {
				g.Extra = map[string]json.RawMessage{}
			}
			g.Extra[f.Key] = append(json.RawMessage(nil), f.Value...)
		}
		if e != nil {
			return nil, e
		}
	}
	_, defaultFor := g.Extra["default_for"]
	switch {
	case g.ClientID == "" && !defaultFor:
		// A grant default_for a class of clients names none (recording
		// TestAccClientGrant_DefaultFor: real Auth0 created one).
		return nil, errBody("Missing required property: client_id")
	case g.Audience == "":
		return nil, errBody("Missing required property: audience")
	case !haveScope:
		return nil, errBody("Missing required property: scope")
	}
	return g, nil
}

func (s *Server) isMgmtClientLocked(id string) bool {
	for _, mc := range s.st.MgmtClients {
		if mc.ClientID == id {
			return true
		}
	}
	return false
}

func (s *Server) patchGrant(id string, obj orderedObject) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, g := s.findGrantLocked(id)
	if g == nil {
		return nil, errNoGrant()
	}
	cp := *g
	cp.Scope = cloneStrings(g.Scope)
	cp.Extra = map[string]json.RawMessage{}
	for k, v := range g.Extra {
		cp.Extra[k] = v
	}
	if e := checkProps(obj, "", inSet(grantOptional, "scope")); e != nil {
		return nil, e
	}
	for _, f := range obj {
		var e *apiError
		switch f.Key {
		case "scope":
			cp.Scope, e = decodeStrings(f.Value, "scope")
		default:
			if jsonType(f.Value) == "null" {
				delete(cp.Extra, f.Key)
			} else {
				cp.Extra[f.Key] = append(json.RawMessage(nil), f.Value...)
			}
		}
		if e != nil {
			return nil, e
		}
	}
	if e := s.checkScopesLocked(cp.Audience, cp.Scope); e != nil {
		return nil, e
	}
	if len(cp.Extra) == 0 {
		cp.Extra = nil
	}
	s.st.Grants[i] = &cp
	if err := s.saveLocked(); err != nil {
		return nil, errInternal()
	}
	return grantWire(&cp), nil
}

func (s *Server) deleteGrant(id string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, g := s.findGrantLocked(id)
	if g == nil {
		return errNoGrant()
	}
	s.st.Grants = append(s.st.Grants[:i:i], s.st.Grants[i+1:]...)
	if err := s.saveLocked(); err != nil {
		return errInternal()
	}
	return nil
}

// Grants returns copies of all client grants in creation order.
func (s *Server) Grants() []ClientGrant {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ClientGrant, 0, len(s.st.Grants))
	for _, g := range s.st.Grants {
		out = append(out, g.export())
	}
	return out
}

// EditGrant changes a grant out of band. The ID cannot be changed.
func (s *Server) EditGrant(id string, edit func(*ClientGrant)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, g := s.findGrantLocked(id)
	if g == nil {
		return fmt.Errorf("auth0sim: client grant %q does not exist", id)
	}
	ex := g.export()
	edit(&ex)
	g.ClientID, g.Audience, g.SubjectType, g.Scope = ex.ClientID, ex.Audience, ex.SubjectType, cloneStrings(ex.Scope)
	s.saveOrLogLocked()
	return nil
}

// SeedGrant adds a grant out of band, without validation, and returns its id
// (g.ID if set, else a new "cgr_..." id). An empty SubjectType means "client".
func (s *Server) SeedGrant(g ClientGrant) string {
	rec := &grantRec{ID: g.ID, ClientID: g.ClientID, Audience: g.Audience, SubjectType: g.SubjectType, Scope: cloneStrings(g.Scope)}
	if rec.ID == "" {
		rec.ID = "cgr_" + randAlnum(16)
	}
	if rec.SubjectType == "" {
		rec.SubjectType = "client"
	}
	if rec.Scope == nil {
		rec.Scope = []string{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Grants = append(s.st.Grants, rec)
	s.saveOrLogLocked()
	return rec.ID
}

// DeleteGrant removes a grant out of band.
func (s *Server) DeleteGrant(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, g := s.findGrantLocked(id)
	if g == nil {
		return fmt.Errorf("auth0sim: client grant %q does not exist", id)
	}
	s.st.Grants = append(s.st.Grants[:i:i], s.st.Grants[i+1:]...)
	s.saveOrLogLocked()
	return nil
}

// ---- custom domains and MFA policies ----

// CustomDomain is a tenant custom domain.
type CustomDomain struct {
	ID, Domain, Status string
}

// SeedCustomDomain adds a custom domain, or sets the status of an existing one.
// Status is ready, pending_verification, pending, disabled or failed.
func (s *Server) SeedCustomDomain(domain, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cd := range s.st.CustomDomains {
		if strings.EqualFold(cd.Domain, domain) {
			cd.Status = status
			s.saveOrLogLocked()
			return
		}
	}
	s.st.CustomDomains = append(s.st.CustomDomains, &customDomain{ID: "cd_" + randAlnum(16), Domain: domain, Status: status})
	s.saveOrLogLocked()
}

// CustomDomains returns the tenant's custom domains.
func (s *Server) CustomDomains() []CustomDomain {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CustomDomain, 0, len(s.st.CustomDomains))
	for _, cd := range s.st.CustomDomains {
		out = append(out, CustomDomain{ID: cd.ID, Domain: cd.Domain, Status: cd.Status})
	}
	return out
}

// SetMFAPolicies sets what GET /api/v2/guardian/policies returns (e.g.
// ["all-applications"] or ["confidence-score"]; nil/empty gives []).
func (s *Server) SetMFAPolicies(policies []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.MFAPolicies = append([]string{}, policies...)
	s.saveOrLogLocked()
}

func customDomainWire(cd *customDomain, first bool) map[string]any {
	m := map[string]any{
		"custom_domain_id": cd.ID,
		"domain":           cd.Domain,
		"primary":          first,
		"status":           cd.Status,
		"type":             "auth0_managed_certs",
	}
	if cd.Status == "ready" {
		m["origin_domain_name"] = "auth0sim-cd-" + strings.ToLower(cd.ID[3:]) + ".edge.tenants.auth0.com"
		m["verification"] = map[string]any{"methods": []map[string]any{{"name": "cname", "record": "auth0sim-cd-" + strings.ToLower(cd.ID[3:]) + ".edge.tenants.auth0.com"}}}
	} else {
		m["verification"] = map[string]any{"methods": []map[string]any{{"name": "cname", "record": "auth0sim-cd-" + strings.ToLower(cd.ID[3:]) + ".edge.tenants.auth0.com", "domain": cd.Domain}}}
	}
	return m
}

func (s *Server) listCustomDomains() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, 0, len(s.st.CustomDomains))
	for i, cd := range s.st.CustomDomains {
		out = append(out, customDomainWire(cd, i == 0))
	}
	return out
}

func (s *Server) getCustomDomain(id string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, cd := range s.st.CustomDomains {
		if cd.ID == id {
			return customDomainWire(cd, i == 0), nil
		}
	}
	return nil, newAPIError(404, "The custom domain does not exist", "inexistent_domain")
}

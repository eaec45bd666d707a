package auth0sim

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// ResourceServer is an API registered in the tenant.
type ResourceServer struct {
	ID, Name, Identifier     string
	IsSystem                 bool
	UserPolicy, ClientPolicy string
	TokenLifetime            int
	Scopes                   []string
}

// scopeValues lists the values of scopes, in order.
func scopeValues(scopes []scopeRec) []string {
	out := make([]string, 0, len(scopes))
	for _, sc := range scopes {
		out = append(out, sc.Value)
	}
	return out
}

var userPolicies = map[string]bool{"allow_all": true, "deny_all": true, "require_client_grant": true}

func (r *rsRec) export() ResourceServer {
	out := ResourceServer{
		ID: r.ID, Name: r.Name, Identifier: r.Identifier, IsSystem: r.IsSystem,
		UserPolicy: r.UserPolicy, ClientPolicy: r.ClientPolicy, TokenLifetime: r.TokenLifetime,
	}
	if len(r.Scopes) > 0 {
		out.Scopes = scopeValues(r.Scopes)
	}
	return out
}

func (r *rsRec) offers(scope string) bool {
	return slices.ContainsFunc(r.visibleScopes(), func(sc scopeRec) bool { return sc.Value == scope })
}

// rsJSON is the wire form; field order follows Auth0's response.
type rsJSON struct {
	ID                  string          `json:"id"`
	Name                string          `json:"name"`
	Identifier          string          `json:"identifier"`
	AllowOfflineAccess  bool            `json:"allow_offline_access"`
	SkipConsent         bool            `json:"skip_consent_for_verifiable_first_party_clients"`
	SubjectTypeAuthz    subjectTypeAuth `json:"subject_type_authorization"`
	TokenLifetime       int             `json:"token_lifetime"`
	TokenLifetimeForWeb int             `json:"token_lifetime_for_web"`
	SigningAlg          string          `json:"signing_alg"`
	Scopes              []scopeRec      `json:"scopes"`
	IsSystem            bool            `json:"is_system,omitempty"` // recorded: present only when true
	PoP                 *popRec         `json:"proof_of_possession,omitempty"`
	AuthorizationPolicy json.RawMessage `json:"authorization_policy,omitempty"`
}

type subjectTypeAuth struct {
	Client policyObj `json:"client"`
	User   policyObj `json:"user"`
}

type policyObj struct {
	Policy string `json:"policy"`
}

func rsWire(r *rsRec) any {
	w := rsJSON{
		ID: r.ID, Name: r.Name, Identifier: r.Identifier,
		AllowOfflineAccess: r.AllowOfflineAccess, SkipConsent: r.SkipConsent,
		SubjectTypeAuthz:    subjectTypeAuth{Client: policyObj{r.ClientPolicy}, User: policyObj{r.UserPolicy}},
		TokenLifetime:       r.TokenLifetime,
		TokenLifetimeForWeb: r.TokenLifetimeForWeb,
		SigningAlg:          r.SigningAlg,
		Scopes:              append([]scopeRec{}, r.visibleScopes()...),
		IsSystem:            r.IsSystem,
		PoP:                 r.PoP,
		AuthorizationPolicy: r.AuthorizationPolicy,
	}
	if len(r.Extra) == 0 {
		return w
	}
	// Merge extra (ordinary APIs only) into the object.
	b, _ := json.Marshal(w)
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(b, &m)
	for k, v := range r.Extra {
		if _, fixed := m[k]; !fixed {
			m[k] = v
		}
	}
	return m
}

func errNoRS() *apiError {
	return newAPIError(404, "The resource server does not exist", "inexistent_resource_server")
}

// findRSLocked finds a resource server by id or identifier from an escaped
// path segment, accepting single- or double-encoded identifiers.
func (s *Server) findRSLocked(escSeg string) (int, *rsRec) {
	cand := []string{}
	v := escSeg
	for i := 0; i < 3; i++ {
		u, err := url.PathUnescape(v)
		if err != nil {
			break
		}
		cand = append(cand, u)
		if u == v || !strings.Contains(u, "%") {
			break
		}
		v = u
	}
	for _, c := range cand {
		for i, r := range s.st.ResourceServers {
			if r.ID == c || r.Identifier == c {
				return i, r
			}
		}
	}
	return -1, nil
}

func (s *Server) findRSByIdentifierLocked(identifier string) *rsRec {
	for _, r := range s.st.ResourceServers {
		if r.Identifier == identifier {
			return r
		}
	}
	return nil
}

type rsList struct {
	Start           int   `json:"start"`
	Limit           int   `json:"limit"`
	Total           int   `json:"total"`
	ResourceServers []any `json:"resource_servers"`
}

func (s *Server) listResourceServers(q url.Values) (any, *apiError) {
	p, e := parsePaging(q)
	if e != nil {
		return nil, e
	}
	var ids map[string]bool
	if vs := q["identifiers"]; len(vs) > 0 {
		ids = map[string]bool{}
		for _, v := range vs {
			for _, id := range strings.Split(v, ",") {
				ids[id] = true
			}
		}
	}
	s.mu.Lock()
	var all []any
	for _, r := range s.st.ResourceServers {
		if ids != nil && !ids[r.Identifier] {
			continue
		}
		all = append(all, rsWire(r))
	}
	s.mu.Unlock()
	lo, hi := p.window(len(all))
	items := append([]any{}, all[lo:hi]...)
	if p.includeTotals {
		return rsList{Start: lo, Limit: p.perPage, Total: len(all), ResourceServers: items}, nil
	}
	return items, nil
}

func (s *Server) getResourceServer(escID string) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, r := s.findRSLocked(escID)
	if r == nil {
		return nil, errNoRS()
	}
	return rsWire(r), nil
}

// systemPatchable are the fields a system API accepts in a PATCH (name is
// refused: deploy-cli users report that Auth0 answers 400 to it).
var systemPatchable = map[string]bool{
	"token_lifetime": true, "proof_of_possession": true,
	"skip_consent_for_verifiable_first_party_clients": true,
	"subject_type_authorization":                      true, "authorization_policy": true,
}

// ordinaryRSFields are the fields an ordinary API accepts on create and
// patch (besides identifier on create), as the v3 spec declares them.
var ordinaryRSFields = map[string]bool{
	"name": true, "scopes": true, "signing_alg": true, "signing_secret": true,
	"allow_offline_access": true, "allow_online_access": true, "allow_online_access_with_ephemeral_sessions": true,
	"token_lifetime": true, "token_dialect": true,
	// Not in the v3 spec's body; real Auth0 accepted it (recordings
	// TestAccResourceServer, TestAccDataSourceResourceServer).
	"token_lifetime_for_web":                          true,
	"skip_consent_for_verifiable_first_party_clients": true, "enforce_policies": true,
	"token_encryption": true, "consent_policy": true, "authorization_details": true,
	"proof_of_possession": true, "subject_type_authorization": true, "authorization_policy": true,
}

func (s *Server) createResourceServer(obj orderedObject) (any, *apiError) {
	rawID, ok := obj.get("identifier")
	if !ok {
		return nil, errBody("Missing required property: identifier")
	}
	identifier, e := decodeString(rawID, "identifier")
	if e != nil {
		return nil, e
	}
	if identifier == "" {
		return nil, errBody("String is too short (0 chars), minimum 1' on property identifier (The identifier of the resource server.)")
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	if api, domain := systemAPIFor(identifier); api != nil {
		return s.activateSystemAPILocked(api, obj, identifier, domain)
	}

	if e := checkProps(obj, "", inSet(ordinaryRSFields, "identifier")); e != nil {
		return nil, e
	}
	if s.findRSByIdentifierLocked(identifier) != nil || identifier == s.managementAudience() {
		return nil, newAPIError(409, "A resource server with the same identifier already exists", "")
	}
	r := &rsRec{
		ID:                  randHex(12),
		Name:                identifier,
		Identifier:          identifier,
		UserPolicy:          "allow_all",
		ClientPolicy:        "require_client_grant",
		TokenLifetime:       86400,
		TokenLifetimeForWeb: 7200,
		SigningAlg:          "RS256",
		SkipConsent:         false,
		Scopes:              []scopeRec{},
	}
	return s.addRSLocked(r, obj, false, "identifier")
}

// addRSLocked applies the fields of a create body, except those skipped, to
// the new API r, and stores it.
func (s *Server) addRSLocked(r *rsRec, obj orderedObject, system bool, skip ...string) (any, *apiError) {
	var rest orderedObject
	for _, f := range obj {
		if !slices.Contains(skip, f.Key) {
			rest = append(rest, f)
		}
	}
	if e := applyRSFields(r, rest, system); e != nil {
		return nil, e
	}
	s.st.ResourceServers = append(s.st.ResourceServers, r)
	if err := s.saveLocked(); err != nil {
		return nil, errInternal()
	}
	return rsWire(r), nil
}

// applyRSFields applies create/patch fields to r (which the caller may
// discard on error). Field names were already checked against the allowed set.
func applyRSFields(r *rsRec, obj orderedObject, system bool) *apiError {
	for _, f := range obj {
		if e := applyRSField(r, f, system); e != nil {
			return e
		}
	}
	return nil
}

// applyRSField applies one body field to r; each field's validation lives
// with the code that applies it.
func applyRSField(r *rsRec, f kv, system bool) *apiError {
	var e *apiError
	switch f.Key {
	case "name":
		return setChecked(f.Value, "name", decodeString, &r.Name, checkRSName)
	case "token_lifetime":
		return setChecked(f.Value, "token_lifetime", decodeInt, &r.TokenLifetime, checkRSTokenLifetime)
	case "token_lifetime_for_web":
		return setChecked(f.Value, "token_lifetime_for_web", decodeInt, &r.TokenLifetimeForWeb, nil)
	case "signing_alg":
		return setChecked(f.Value, "signing_alg", decodeString, &r.SigningAlg, checkRSSigningAlg)
	case "allow_offline_access":
		r.AllowOfflineAccess, e = decodeBool(f.Value, f.Key)
	case "skip_consent_for_verifiable_first_party_clients":
		r.SkipConsent, e = decodeBool(f.Value, f.Key)
	case "scopes":
		var scopes []scopeRec
		if scopes, e = decodeRSScopes(f.Value); e == nil {
			r.Scopes = scopes
		}
	case "proof_of_possession":
		return applyRSPoP(r, f.Value)
	case "subject_type_authorization":
		return applyRSSubjectTypeAuthorization(r, f.Value, system)
	case "authorization_policy":
		return applyRSAuthorizationPolicy(r, f.Value)
	default:
		if r.Extra == nil {
			r.Extra = map[string]json.RawMessage{}
		}
		setExtra(r.Extra, f)
	}
	return e
}

func checkRSName(v string) *apiError {
	if v == "" || strings.ContainsAny(v, "<>") {
		return errBody("String does not match pattern ^[^<>]+$' on property name (Friendly name for this resource server. Can not contain `<` or `>` characters.)")
	}
	return nil
}

func checkRSTokenLifetime(v int) *apiError {
	if v < 1 || v > 2592000 {
		return errBody(fmt.Sprintf("Value %d is not in range [1, 2592000]' on property token_lifetime (Expiration value (in seconds) for access tokens issued for this API from the token endpoint.)", v))
	}
	return nil
}

func checkRSSigningAlg(v string) *apiError {
	if v != "RS256" && v != "HS256" && v != "PS256" {
		return errBody(fmt.Sprintf("No enum match for: %q' on property signing_alg (Algorithm used to sign JWTs. Can be `HS256` or `RS256` or `PS256`.)", v))
	}
	return nil
}

// decodeRSScopes reads the scopes field: an array of {value, description}.
func decodeRSScopes(raw json.RawMessage) ([]scopeRec, *apiError) {
	if jsonType(raw) != "array" {
		return nil, errBody(fmt.Sprintf("Expected type array but found type %s' on property scopes", jsonType(raw)))
	}
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errBody("Expected type object' on property scopes")
	}
	scopes := []scopeRec{}
	for i, it := range items {
		sc, e := decodeRSScope(it, i)
		if e != nil {
			return nil, e
		}
		scopes = append(scopes, sc)
	}
	return scopes, nil
}

// decodeRSScope reads scopes[i].
func decodeRSScope(it map[string]json.RawMessage, i int) (scopeRec, *apiError) {
	var sc scopeRec
	var e *apiError
	raw, ok := it["value"]
	if !ok {
		return sc, errBody(fmt.Sprintf("Missing required property: value' on property scopes[%d]", i))
	}
	if sc.Value, e = decodeString(raw, fmt.Sprintf("scopes[%d].value", i)); e != nil {
		return sc, e
	}
	if d, ok := it["description"]; ok {
		if sc.Description, e = decodeString(d, fmt.Sprintf("scopes[%d].description", i)); e != nil {
			return sc, e
		}
	}
	return sc, checkKeys(it, fmt.Sprintf("scopes[%d]", i), "value", "description")
}

// applyRSPoP applies proof_of_possession: null removes it, an object
// changes the fields it names (required_for is accepted and not kept).
func applyRSPoP(r *rsRec, raw json.RawMessage) *apiError {
	if jsonType(raw) == "null" {
		r.PoP = nil
		return nil
	}
	var m map[string]json.RawMessage
	if jsonType(raw) != "object" || json.Unmarshal(raw, &m) != nil {
		return errBody(fmt.Sprintf("Expected type object but found type %s' on property proof_of_possession", jsonType(raw)))
	}
	pop := &popRec{Mechanism: "dpop"}
	if r.PoP != nil {
		*pop = *r.PoP
	}
	if e := checkKeys(m, "proof_of_possession", "mechanism", "required", "required_for"); e != nil {
		return e
	}
	for k, v := range m {
		var e *apiError
		switch k {
		case "mechanism":
			if pop.Mechanism, e = decodeString(v, "proof_of_possession.mechanism"); e == nil && pop.Mechanism != "dpop" && pop.Mechanism != "mtls" {
				e = errBody(fmt.Sprintf("No enum match for: %q' on property proof_of_possession.mechanism", pop.Mechanism))
			}
		case "required":
			pop.Required, e = decodeBool(v, "proof_of_possession.required")
		}
		if e != nil {
			return e
		}
	}
	r.PoP = pop
	return nil
}

// applyRSSubjectTypeAuthorization applies the user and client policies of
// subject_type_authorization.
func applyRSSubjectTypeAuthorization(r *rsRec, raw json.RawMessage, system bool) *apiError {
	var m map[string]json.RawMessage
	if jsonType(raw) != "object" || json.Unmarshal(raw, &m) != nil {
		return errBody(fmt.Sprintf("Expected type object but found type %s' on property subject_type_authorization", jsonType(raw)))
	}
	if e := checkKeys(m, "subject_type_authorization", "user", "client"); e != nil {
		return e
	}
	for k, v := range m {
		if e := applyRSSubjectPolicy(r, k, v, system); e != nil {
			return e
		}
	}
	return nil
}

// applyRSSubjectPolicy applies subject_type_authorization.{subject}, an
// object with an optional policy.
func applyRSSubjectPolicy(r *rsRec, subject string, raw json.RawMessage, system bool) *apiError {
	var pm map[string]json.RawMessage
	if jsonType(raw) != "object" || json.Unmarshal(raw, &pm) != nil {
		return errBody(fmt.Sprintf("Expected type object but found type %s' on property subject_type_authorization.%s", jsonType(raw), subject))
	}
	if e := checkKeys(pm, "subject_type_authorization."+subject, "policy"); e != nil {
		return e
	}
	rawPolicy, ok := pm["policy"]
	if !ok {
		return nil
	}
	pol, e := decodeString(rawPolicy, "subject_type_authorization."+subject+".policy")
	if e != nil {
		return e
	}
	if subject == "user" {
		if !userPolicies[pol] {
			return errBody(fmt.Sprintf("No enum match for: %q' on property subject_type_authorization.user.policy (Defines the policy for user access: allow_all, deny_all or require_client_grant.)", pol))
		}
		r.UserPolicy = pol
		return nil
	}
	if system && pol != r.ClientPolicy {
		return errBody(fmt.Sprintf("subject_type_authorization.client.policy cannot be changed for the %s (it is always %s)", r.Name, r.ClientPolicy))
	}
	if pol != "deny_all" && pol != "require_client_grant" {
		return errBody(fmt.Sprintf("No enum match for: %q' on property subject_type_authorization.client.policy (Defines the policy for client access: deny_all or require_client_grant.)", pol))
	}
	r.ClientPolicy = pol
	return nil
}

// applyRSAuthorizationPolicy keeps authorization_policy as sent; null removes it.
func applyRSAuthorizationPolicy(r *rsRec, raw json.RawMessage) *apiError {
	switch jsonType(raw) {
	case "null":
		r.AuthorizationPolicy = nil
	case "object":
		r.AuthorizationPolicy = append(json.RawMessage(nil), raw...)
	default:
		return errBody(fmt.Sprintf("Expected type object but found type %s' on property authorization_policy", jsonType(raw)))
	}
	return nil
}

func cloneRS(r *rsRec) *rsRec {
	cp := *r
	cp.Scopes = append([]scopeRec{}, r.Scopes...)
	if r.PoP != nil {
		p := *r.PoP
		cp.PoP = &p
	}
	if r.Extra != nil {
		cp.Extra = map[string]json.RawMessage{}
		for k, v := range r.Extra {
			cp.Extra[k] = v
		}
	}
	return &cp
}

func (s *Server) patchResourceServer(escID string, obj orderedObject) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, r := s.findRSLocked(escID)
	if r == nil {
		return nil, errNoRS()
	}
	allowed := ordinaryRSFields
	if r.IsSystem {
		allowed = systemPatchable
	}
	if e := checkProps(obj, "", inSet(allowed)); e != nil {
		return nil, e
	}
	cp := cloneRS(r)
	if e := applyRSFields(cp, obj, r.IsSystem); e != nil {
		return nil, e
	}
	s.st.ResourceServers[i] = cp
	if err := s.saveLocked(); err != nil {
		return nil, errInternal()
	}
	return rsWire(cp), nil
}

func (s *Server) deleteResourceServer(escID string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, r := s.findRSLocked(escID)
	if r == nil {
		return errNoRS()
	}
	// Deleting the My Account API deactivates it; like any API it then
	// disappears from list/GET and can be activated again with a POST.
	s.st.ResourceServers = append(s.st.ResourceServers[:i:i], s.st.ResourceServers[i+1:]...)
	if err := s.saveLocked(); err != nil {
		return errInternal()
	}
	return nil
}

// GetResourceServerByIdentifier returns the active API with this identifier.
func (s *Server) GetResourceServerByIdentifier(identifier string) (ResourceServer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.findRSByIdentifierLocked(identifier); r != nil {
		return r.export(), true
	}
	return ResourceServer{}, false
}

// ResourceServers returns all active APIs in creation order.
func (s *Server) ResourceServers() []ResourceServer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ResourceServer, 0, len(s.st.ResourceServers))
	for _, r := range s.st.ResourceServers {
		out = append(out, r.export())
	}
	return out
}

// EditResourceServer changes an API out of band. Scopes set here get empty
// descriptions unless they already existed. ID and IsSystem cannot be changed.
func (s *Server) EditResourceServer(identifier string, edit func(*ResourceServer)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.findRSByIdentifierLocked(identifier)
	if r == nil {
		return fmt.Errorf("auth0sim: resource server %q does not exist", identifier)
	}
	ex := r.export()
	edit(&ex)
	r.Name = ex.Name
	r.Identifier = ex.Identifier
	r.UserPolicy = ex.UserPolicy
	r.ClientPolicy = ex.ClientPolicy
	r.TokenLifetime = ex.TokenLifetime
	desc := map[string]string{}
	for _, sc := range r.Scopes {
		desc[sc.Value] = sc.Description
	}
	r.Scopes = r.Scopes[:0:0]
	for _, v := range ex.Scopes {
		r.Scopes = append(r.Scopes, scopeRec{Value: v, Description: desc[v]})
	}
	s.saveOrLogLocked()
	return nil
}

// SeedResourceServer adds an ordinary (non-system) API out of band and returns
// its id. Empty fields get Auth0's defaults.
func (s *Server) SeedResourceServer(rs ResourceServer) string {
	r := &rsRec{
		ID:                  rs.ID,
		Name:                rs.Name,
		Identifier:          rs.Identifier,
		UserPolicy:          rs.UserPolicy,
		ClientPolicy:        rs.ClientPolicy,
		TokenLifetime:       rs.TokenLifetime,
		TokenLifetimeForWeb: 7200,
		SigningAlg:          "RS256",
		Scopes:              []scopeRec{},
	}
	if r.ID == "" {
		r.ID = randHex(12)
	}
	if r.Name == "" {
		r.Name = r.Identifier
	}
	if r.UserPolicy == "" {
		r.UserPolicy = "allow_all"
	}
	if r.ClientPolicy == "" {
		r.ClientPolicy = "require_client_grant"
	}
	if r.TokenLifetime == 0 {
		r.TokenLifetime = 86400
	}
	for _, v := range rs.Scopes {
		r.Scopes = append(r.Scopes, scopeRec{Value: v})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.ResourceServers = append(s.st.ResourceServers, r)
	s.saveOrLogLocked()
	return r.ID
}

// DeleteResourceServer removes (for the My Account API: deactivates) an API out of band.
func (s *Server) DeleteResourceServer(identifier string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.st.ResourceServers {
		if r.Identifier == identifier {
			s.st.ResourceServers = append(s.st.ResourceServers[:i:i], s.st.ResourceServers[i+1:]...)
			s.saveOrLogLocked()
			return nil
		}
	}
	return fmt.Errorf("auth0sim: resource server %q does not exist", identifier)
}

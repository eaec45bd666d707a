package reconciler

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// The chain a single-page app needs to call the My Account API from a
// browser, checked link by link by `myaccount verify` and the operator's
// Verified condition. EvaluateChain decides every link from observations
// and is pure; chain_io.go gathers the observations.

// Outcome is the result of one link.
type Outcome string

const (
	OutcomePass Outcome = "pass"
	OutcomeFail Outcome = "fail"
	// OutcomeWarn does not break the chain, but something a browser app
	// commonly needs will not work.
	OutcomeWarn Outcome = "warn"
	// OutcomeSkip: not checked, because a failing link it depends on
	// already explains the failure.
	OutcomeSkip Outcome = "skip"
)

// Link numbers the links of the chain, in the order the issue lists them.
type Link int

const (
	LinkAPIActive Link = iota + 1
	LinkUserGrant
	LinkUserAccessPolicy
	LinkFirstParty
	LinkCORSPreflight
	LinkCrossOriginAuth
	LinkWebOrigins
	LinkSameDomain
	// Links 9 to 11 are for an app that renews with refresh tokens
	// (verify_refresh.go): 10 and 11 once per system API it names.
	LinkRefreshTokenRotation
	LinkRefreshTokenPolicy
	LinkRefreshTokenScopes
)

var links = map[Link]struct{ id, reason, title string }{
	LinkAPIActive:            {"api-active", "APIActive", "My Account API active on the audience domain"},
	LinkUserGrant:            {"user-grant", "UserGrant", "user grant for the client"},
	LinkUserAccessPolicy:     {"user-access-policy", "UserAccessPolicy", "user access policy lets the grant work"},
	LinkFirstParty:           {"first-party", "FirstParty", "first-party application"},
	LinkCORSPreflight:        {"cors-preflight", "CORSPreflight", "CORS preflight"},
	LinkCrossOriginAuth:      {"cross-origin-authentication", "CrossOriginAuthentication", "cross-origin authentication on"},
	LinkWebOrigins:           {"web-origins", "WebOrigins", "origins in web_origins for silent renewal"},
	LinkSameDomain:           {"same-domain", "SameDomain", "one domain for the token, the audience and the calls"},
	LinkRefreshTokenRotation: {"refresh-token-rotation", "RefreshTokenRotation", "refresh tokens rotate, as a browser app needs"},
	LinkRefreshTokenPolicy:   {"refresh-token-policy", "RefreshTokenPolicy", "refresh-token policy for the API"},
	LinkRefreshTokenScopes:   {"refresh-token-scopes", "RefreshTokenScopes", "refresh-token policy scopes for the API"},
}

// ID is the link's stable name in JSON output.
func (l Link) ID() string { return links[l].id }

// Reason is the link's name in a condition reason (CamelCase).
func (l Link) Reason() string { return links[l].reason }

// Title is the link's short description.
func (l Link) Title() string { return links[l].title }

// LinkCheck is the outcome of one link for one application (and, for the
// CORS preflight, one origin).
type LinkCheck struct {
	Link   Link   `json:"link"`
	ID     string `json:"id"`
	Origin string `json:"origin,omitempty"`
	// Audience is the API a refresh-token policy link checks (links 10
	// and 11), one check per system API the application names.
	Audience string `json:"audience,omitempty"`
	// API is the system API a link of another API than My Account checks
	// (SystemAPI.Key, such as my_organization); empty for My Account.
	API     string  `json:"api,omitempty"`
	Outcome Outcome `json:"outcome"`
	// Message says what was found.
	Message string `json:"message"`
	// Fix says what to do; empty on pass.
	Fix string `json:"fix,omitempty"`
}

// Title is the link's short description, naming its API when it is not
// My Account.
func (c LinkCheck) Title() string {
	t := c.Link.Title()
	a, ok := SystemAPIByKey(c.API)
	if !ok || a.Key == MyAccount.Key {
		return t
	}
	if named := strings.Replace(t, MyAccount.Name, a.Name, 1); named != t {
		return named
	}
	return a.Name + ": " + t
}

// Subject is the link's title with what it was checked for: the origin of
// a preflight, the audience of a refresh-token policy.
func (c LinkCheck) Subject() string {
	switch {
	case c.Origin != "":
		return c.Title() + " from " + c.Origin
	case c.Audience != "":
		return c.Title() + " " + c.Audience
	}
	return c.Title()
}

// AppVerification is the chain of one application.
type AppVerification struct {
	ClientID string      `json:"clientId"`
	Name     string      `json:"name"`
	Checks   []LinkCheck `json:"checks"`
}

// Verification is the chain of every application of one config.
type Verification struct {
	Audience string            `json:"audience"`
	Apps     []AppVerification `json:"applications"`
	// TokenCall is the one call made with a user token, when given one.
	TokenCall *TokenCall `json:"userTokenCall,omitempty"`
	// Preflights is the number of CORS preflights sent.
	Preflights int `json:"preflights"`
}

// Failures are the failing link checks; the token call is apart (see Pass).
func (v *Verification) Failures() []LinkCheck {
	var out []LinkCheck
	for _, a := range v.Apps {
		for _, c := range a.Checks {
			if c.Outcome == OutcomeFail {
				out = append(out, c)
			}
		}
	}
	return out
}

// Pass reports whether no link fails (warnings allowed).
func (v *Verification) Pass() bool {
	return len(v.Failures()) == 0 && (v.TokenCall == nil || v.TokenCall.Outcome != OutcomeFail)
}

// Warnings counts the warning checks.
func (v *Verification) Warnings() int {
	n := 0
	for _, a := range v.Apps {
		for _, c := range a.Checks {
			if c.Outcome == OutcomeWarn {
				n++
			}
		}
	}
	return n
}

// PreflightObservation is what one CORS preflight to
// https://{audienceDomain}/me/v1/authentication-methods answered.
type PreflightObservation struct {
	// Origin is the concrete origin sent (a wildcard origin is sent as an
	// instance of it); Method is Access-Control-Request-Method.
	Origin, Method string
	// Err is set when no answer came (DNS, TLS, connection); the rest is
	// then empty.
	Err          string
	Status       int
	AllowOrigin  string
	AllowMethods string
	AllowHeaders string
}

// TokenClaims are the claims of a user access token that the chain
// compares, read without checking the signature (the tenant checks it).
type TokenClaims struct {
	Issuer   string
	Audience []string
	// ClientID is azp, or client_id.
	ClientID string
}

// TokenCall is the one GET of /me/v1/authentication-methods with a user
// token given by the user.
type TokenCall struct {
	URL      string  `json:"url"`
	ClientID string  `json:"clientId,omitempty"`
	Status   int     `json:"status"`
	Outcome  Outcome `json:"outcome"`
	Message  string  `json:"message"`
	Fix      string  `json:"fix,omitempty"`
}

// ChainObservation is everything the chain of one application depends on.
type ChainObservation struct {
	// Index is the application's position in the config, for field names.
	Index int
	// AudienceDomain is the domain of the audience the config names.
	AudienceDomain string
	// APIEnabled and DesiredPolicy are what the config asks for.
	APIEnabled    bool
	DesiredPolicy UserAccessPolicy
	API           APIObservation
	App           Application
	Client        ClientObservation
	Grant         GrantObservation
	// Preflights are keyed by the origin as configured.
	Preflights map[string]PreflightObservation
	// Token is set when a user token of this client was given.
	Token *TokenClaims
	// Sys is the system API the API links check; the zero value is My Account.
	Sys SystemAPI
}

// ChainOrigins are the origins whose preflight the chain checks: the
// configured ones, or the client's own (the first maxUnlistedOrigins) when
// the config does not manage them.
func ChainOrigins(app Application, client ClientSettings) []string {
	if app.AllowedOrigins != nil {
		return app.AllowedOrigins
	}
	return client.AllowedOrigins[:min(len(client.AllowedOrigins), maxUnlistedOrigins)]
}

// maxUnlistedOrigins bounds the preflights for a client whose origins the
// config does not list.
const maxUnlistedOrigins = 20

// PreflightOrigin is the concrete origin a preflight sends for a configured
// origin: a wildcard or {organization_name} label becomes "myaccount-verify".
func PreflightOrigin(origin string) string {
	o := strings.Replace(origin, syntax.OrganizationPlaceholder, "myaccount-verify", 1)
	return strings.Replace(o, "*", "myaccount-verify", 1)
}

// chainScopes are the scopes the app's tokens can carry: the grant's, or
// the configured ones when no grant is needed (allow_all).
func chainScopes(o ChainObservation) []string {
	if o.Grant.Exists {
		return o.Grant.Scopes
	}
	if o.App.UserAccess != nil {
		return o.App.UserAccess.Scopes
	}
	return nil
}

// NeededMethods are the HTTP methods the granted scopes let the app use on
// /me/v1, in increasing order of what a preflight must allow.
func NeededMethods(scopes []string) []string {
	methods := []string{"GET"}
	for _, p := range []struct{ prefix, method string }{{"create:", "POST"}, {"update:", "PATCH"}, {"delete:", "DELETE"}} {
		if slices.ContainsFunc(scopes, func(s string) bool { return strings.HasPrefix(s, p.prefix) }) {
			methods = append(methods, p.method)
		}
	}
	return methods
}

// PreflightMethod is the most demanding method of NeededMethods: GET and
// POST are CORS-safelisted, so a preflight for it covers all of them.
func PreflightMethod(methods []string) string { return methods[len(methods)-1] }

// PreflightRequestHeaders are the headers a browser app sends to /me/v1.
const PreflightRequestHeaders = "authorization, content-type"

// EvaluateChain decides every link of one application's chain, in order.
// Pure.
func EvaluateChain(o ChainObservation) []LinkCheck {
	c := newChainFacts(o)
	out := []LinkCheck{c.apiLink(), c.userGrantLink(), c.policyLink(), c.firstPartyLink()}
	out = append(out, c.preflightLinks()...)
	out = append(out, c.crossOriginLink(), c.webOriginsLink())
	outcome, msg, fix := sameDomain(o, c.audience)
	out = append(out, check(LinkSameDomain, outcome, msg, fix))
	return append(out, c.refreshLinks()...)
}

// EvaluateSystemAPILinks decides the links of o.Sys that are the API's own
// (active, the user grant, the user access policy, and links 10 and 11
// when the application declares a refresh-token policy for it), for a
// system API other than My Account whose chain beyond them is the same
// client's. Pure.
func EvaluateSystemAPILinks(o ChainObservation) []LinkCheck {
	c := newChainFacts(o)
	out := []LinkCheck{c.apiLink(), c.userGrantLink(), c.policyLink()}
	if c.sys.PolicyOf(o.App) != nil {
		out = append(out, c.policyLinks()...)
	}
	for i := range out {
		out[i].API = c.sys.Key
	}
	return out
}

// chainFacts is what every link of one application's chain reads.
type chainFacts struct {
	sys       SystemAPI
	o         ChainObservation
	field     string // the application in the config: applications[i]
	audience  string
	apiActive bool
	policy    UserAccessPolicy // defaulted
	origins   []string
}

func newChainFacts(o ChainObservation) chainFacts {
	policy := o.API.UserPolicy
	if policy == "" {
		policy = UserAccessRequireClientGrant
	}
	sys := o.Sys
	if sys.Key == "" {
		sys = MyAccount
	}
	return chainFacts{sys: sys, o: o, field: fmt.Sprintf("applications[%d]", o.Index), audience: sys.Audience(o.AudienceDomain),
		apiActive: o.API.Active, policy: policy, origins: ChainOrigins(o.App, o.Client.ClientSettings)}
}

func check(l Link, outcome Outcome, msg, fix string) LinkCheck {
	return LinkCheck{Link: l, ID: l.ID(), Outcome: outcome, Message: msg, Fix: fix}
}

// needAPI is why a link that needs the API was not checked.
func (c chainFacts) needAPI() string {
	return "not checked: the " + c.sys.Name + " is not active (link 1)"
}

// apiLink is link 1: the API is active at the config's audience.
func (c chainFacts) apiLink() LinkCheck {
	name, enabled := c.sys.Name, c.sys.field("enabled")
	switch {
	case c.apiActive:
		return check(LinkAPIActive, OutcomePass, fmt.Sprintf("the %s is active at %s", name, c.audience), "")
	case c.o.API.ActiveElsewhere != "":
		other, _ := c.sys.DomainOf(c.o.API.ActiveElsewhere)
		return check(LinkAPIActive, OutcomeFail, fmt.Sprintf("the %s is active as %s, not at %s", name, c.o.API.ActiveElsewhere, c.audience),
			fmt.Sprintf("set api.audienceDomain to %s and use that domain for login, the audience and the calls, or deactivate the API and apply again", other))
	case !c.o.APIEnabled:
		return check(LinkAPIActive, OutcomeFail, fmt.Sprintf("the %s is not active at %s, and %s is false", name, c.audience, enabled),
			"set "+enabled+" to true and run myaccount apply")
	}
	return check(LinkAPIActive, OutcomeFail, fmt.Sprintf("the %s is not active at %s", name, c.audience),
		fmt.Sprintf("run myaccount apply (%s true), or activate it in Auth0 Dashboard > Applications > APIs (%s banner > Activate)", enabled, c.sys.Banner))
}

// userGrantLink is link 2: the client has a user grant, when the policy
// needs one, with the scopes the config names.
func (c chainFacts) userGrantLink() LinkCheck {
	o, ua := c.o, c.field+"."+c.sys.UserAccessName
	switch {
	case !c.apiActive:
		return check(LinkUserGrant, OutcomeSkip, c.needAPI(), "")
	case !o.Grant.Exists && c.policy == UserAccessAllowAll:
		return check(LinkUserGrant, OutcomePass, "no user grant, none needed: the user access policy is allow_all", "")
	case !o.Grant.Exists && c.sys.UserAccessOf(o.App) != nil:
		return check(LinkUserGrant, OutcomeFail, fmt.Sprintf("client %s has no user grant for %s", o.App.ClientID, c.audience),
			"run myaccount apply to create the grant that "+ua+" names")
	case !o.Grant.Exists:
		return check(LinkUserGrant, OutcomeFail, fmt.Sprintf("client %s has no user grant for %s", o.App.ClientID, c.audience),
			"add "+ua+".scopes (for example "+c.sys.ExampleScope+") and run myaccount apply")
	}
	return c.grantScopesLink()
}

// grantScopesLink is link 2 for a grant that exists: its scopes.
func (c chainFacts) grantScopesLink() LinkCheck {
	o := c.o
	offered := OfferedScopes(o.API)
	var unknown, missing []string
	for _, s := range o.Grant.Scopes {
		if !slices.Contains(offered, s) {
			unknown = append(unknown, s)
		}
	}
	if want := c.sys.UserAccessOf(o.App); want != nil {
		for _, s := range want.Scopes {
			if !slices.Contains(o.Grant.Scopes, s) {
				missing = append(missing, s)
			}
		}
	}
	scopes := c.field + "." + c.sys.UserAccessName + ".scopes"
	switch {
	case len(o.Grant.Scopes) == 0:
		return check(LinkUserGrant, OutcomeFail, fmt.Sprintf("the user grant %s has no scopes", o.Grant.ID),
			"list the scopes the app needs in "+scopes+" and run myaccount apply")
	case len(unknown) > 0:
		return check(LinkUserGrant, OutcomeFail, fmt.Sprintf("the user grant %s has scopes the API does not offer: %s", o.Grant.ID, strings.Join(unknown, " ")),
			"remove them from the grant (the API offers "+strings.Join(offered, ", ")+"), in "+scopes+" and with myaccount apply")
	case len(missing) > 0:
		return check(LinkUserGrant, OutcomeFail, fmt.Sprintf("the user grant %s lacks %s, which %s names", o.Grant.ID, strings.Join(missing, " "), scopes),
			"run myaccount apply to update the grant (a grant myaccount did not create: change its scopes in "+c.sys.GrantsDashboard()+", or import it)")
	}
	return check(LinkUserGrant, OutcomePass, fmt.Sprintf("user grant %s with scopes %s", o.Grant.ID, strings.Join(sortedUnique(o.Grant.Scopes), " ")), "")
}

// policyLink is link 3: the user access policy lets this client in.
func (c chainFacts) policyLink() LinkCheck {
	switch {
	case !c.apiActive:
		return check(LinkUserAccessPolicy, OutcomeSkip, c.needAPI(), "")
	case c.policy == UserAccessDenyAll:
		field := c.sys.field("userAccessPolicy")
		fix := "set " + field + " to require_client_grant and run myaccount apply"
		if d := c.o.DesiredPolicy; d != "" && d != UserAccessDenyAll {
			fix = fmt.Sprintf("run myaccount apply to set it back to %s, as %s says", d, field)
		}
		return check(LinkUserAccessPolicy, OutcomeFail, "the user access policy is deny_all: no application gets a user token for the API", fix)
	case c.policy == UserAccessAllowAll:
		return check(LinkUserAccessPolicy, OutcomePass, "allow_all: every application may get user tokens", "")
	case !c.o.Grant.Exists:
		return check(LinkUserAccessPolicy, OutcomeSkip, "not checked: require_client_grant needs the user grant (link 2)", "")
	}
	return check(LinkUserAccessPolicy, OutcomePass, "require_client_grant, and the client has its grant", "")
}

// firstPartyLink is link 4: the API serves first-party applications only.
func (c chainFacts) firstPartyLink() LinkCheck {
	id := c.o.App.ClientID
	if c.o.Client.FirstParty {
		return check(LinkFirstParty, OutcomePass, fmt.Sprintf("%s is a first-party application", id), "")
	}
	return check(LinkFirstParty, OutcomeFail, fmt.Sprintf("%s is a third-party application, and the My Account API serves first-party applications only", id),
		"use a first-party application, or make this one first-party (is_first_party true, with PATCH /api/v2/clients/"+id+")")
}

// preflightLinks are link 5, one line per origin.
func (c chainFacts) preflightLinks() []LinkCheck {
	switch {
	case len(c.origins) == 0 && c.o.Client.AppType != "spa":
		return []LinkCheck{check(LinkCORSPreflight, OutcomePass, fmt.Sprintf("no allowed origins, none needed: app_type %s is not a browser app", c.o.Client.AppType), "")}
	case len(c.origins) == 0:
		return []LinkCheck{check(LinkCORSPreflight, OutcomeWarn, "no allowed origins: this single-page app cannot call the API from a browser",
			"list the app's origin (such as https://app.example.com) in "+c.field+".allowedOrigins and run myaccount apply")}
	}
	methods := NeededMethods(chainScopes(c.o))
	out := make([]LinkCheck, 0, len(c.origins))
	for _, origin := range c.origins {
		l := check(LinkCORSPreflight, OutcomeSkip, c.needAPI(), "")
		if c.apiActive {
			l = evaluatePreflight(c.o, c.field, origin, methods, c.o.Client.CrossOrigin.Enabled)
			l.Link, l.ID = LinkCORSPreflight, LinkCORSPreflight.ID()
		}
		l.Origin = origin
		out = append(out, l)
	}
	return out
}

// crossOriginLink is link 6: browsers get CORS headers for the client's
// tokens.
func (c chainFacts) crossOriginLink() LinkCheck {
	switch {
	case len(c.origins) == 0:
		return check(LinkCrossOriginAuth, OutcomePass, "no origins set, so it is not needed", "")
	case c.o.Client.CrossOrigin.Enabled:
		return check(LinkCrossOriginAuth, OutcomePass, "cross_origin_authentication is on", "")
	}
	return check(LinkCrossOriginAuth, OutcomeFail, "cross_origin_authentication is off, so browsers get no CORS headers for this client's tokens",
		"set "+c.field+".crossOriginAuthentication.enabled to true and run myaccount apply")
}

// webOriginsLink is link 7: web_origins for silent renewal in an iframe.
func (c chainFacts) webOriginsLink() LinkCheck {
	var notWeb []string
	for _, origin := range c.origins {
		if !anyOriginMatches(c.o.Client.WebOrigins, origin) {
			notWeb = append(notWeb, origin)
		}
	}
	switch {
	case len(c.origins) == 0:
		return check(LinkWebOrigins, OutcomePass, "no origins set, so none is needed", "")
	case len(notWeb) > 0:
		return check(LinkWebOrigins, OutcomeWarn, "not in web_origins: "+strings.Join(notWeb, " ")+"; silent renewal in an iframe (getTokenSilently, response_mode web_message) will fail from there",
			"add them to "+c.field+".webOrigins and run myaccount apply, or renew with refresh tokens (useRefreshTokens)")
	}
	return check(LinkWebOrigins, OutcomePass, "every origin is in web_origins", "")
}

// sameDomain is link 8: the audience's domain serves the calls, and a given
// user token was issued there for that audience.
func sameDomain(o ChainObservation, audience string) (Outcome, string, string) {
	calls := "https://" + strings.ToLower(o.AudienceDomain) + "/me/v1/"
	fix := fmt.Sprintf("use %s throughout: as the SDK's domain for login, in the audience %s and for the calls to %s", o.AudienceDomain, audience, calls)
	for _, origin := range slices.Sorted(maps.Keys(o.Preflights)) {
		if pf := o.Preflights[origin]; pf.Err != "" {
			return OutcomeFail, fmt.Sprintf("%s did not answer: %s", calls, pf.Err),
				"the audience domain must serve the My Account API: use the canonical domain, or a ready custom domain that points at Auth0; " + fix
		}
	}
	if t := o.Token; t != nil {
		iss := "https://" + strings.ToLower(o.AudienceDomain) + "/"
		switch {
		case !slices.Contains(t.Audience, audience):
			return OutcomeFail, fmt.Sprintf("the user token's audience is %s, not %s, the audience of the calls to %s", strings.Join(t.Audience, " "), audience, calls), fix
		case t.Issuer != iss:
			return OutcomeFail, fmt.Sprintf("the user token was issued by %s, but the audience and the calls use %s", t.Issuer, o.AudienceDomain), fix
		}
		return OutcomePass, fmt.Sprintf("the user token was issued by %s for %s, and the calls go to %s", t.Issuer, audience, calls), ""
	}
	return OutcomePass, fmt.Sprintf("the audience %s and the calls to %s use %s; log in through https://%s/ too", audience, calls, o.AudienceDomain, o.AudienceDomain), ""
}

// evaluatePreflight is link 5 for one origin. A browser accepts the
// preflight when it has an ok status, Access-Control-Allow-Origin names the
// origin (or *), every method that is not CORS-safelisted is allowed, and
// every request header is allowed (a * never covers authorization).
func evaluatePreflight(o ChainObservation, field, origin string, methods []string, coaOn bool) LinkCheck {
	pf, ok := o.Preflights[origin]
	switch {
	case !ok:
		return LinkCheck{Outcome: OutcomeSkip, Message: "no preflight was sent"}
	case pf.Err != "":
		return LinkCheck{Outcome: OutcomeSkip, Message: "no answer (link 8)"}
	}
	sent := ""
	if pf.Origin != origin {
		sent = fmt.Sprintf(" (sent as %s)", pf.Origin)
	}
	allowed := anyOriginMatches(o.Client.AllowedOrigins, pf.Origin)
	blocked := func(why string) LinkCheck {
		switch {
		case !allowed:
			return LinkCheck{Outcome: OutcomeFail, Message: fmt.Sprintf("preflight%s for %s %s; the origin is not in the client's allowed_origins", sent, pf.Method, why),
				Fix: fmt.Sprintf("add %s to %s.allowedOrigins and run myaccount apply", origin, field)}
		case !coaOn:
			// Link 6 explains it; the browser fails the same way.
			return LinkCheck{Outcome: OutcomeSkip, Message: fmt.Sprintf("preflight%s for %s %s, as expected while cross-origin authentication is off (link 6)", sent, pf.Method, why)}
		}
		return LinkCheck{Outcome: OutcomeFail, Message: fmt.Sprintf("preflight%s for %s %s, although the origin is in allowed_origins and cross-origin authentication is on", sent, pf.Method, why),
			Fix: "check that the calls go to the audience domain, and that no proxy in front of it strips CORS headers"}
	}
	if pf.Status < 200 || pf.Status > 299 {
		return blocked(fmt.Sprintf("answered %d, not an ok status", pf.Status))
	}
	if pf.AllowOrigin != pf.Origin && pf.AllowOrigin != "*" {
		if pf.AllowOrigin == "" {
			return blocked("got no Access-Control-Allow-Origin")
		}
		return blocked(fmt.Sprintf("got Access-Control-Allow-Origin %s", pf.AllowOrigin))
	}
	allowMethods := headerTokens(pf.AllowMethods)
	var badMethods []string
	for _, m := range methods {
		if m != "GET" && m != "POST" && !slices.Contains(allowMethods, strings.ToLower(m)) && !slices.Contains(allowMethods, "*") {
			badMethods = append(badMethods, m)
		}
	}
	allowHeaders := headerTokens(pf.AllowHeaders)
	var badHeaders []string
	for _, h := range headerTokens(PreflightRequestHeaders) {
		if !slices.Contains(allowHeaders, h) && (h == "authorization" || !slices.Contains(allowHeaders, "*")) {
			badHeaders = append(badHeaders, h)
		}
	}
	switch {
	case len(badMethods) > 0:
		return LinkCheck{Outcome: OutcomeFail, Message: fmt.Sprintf("preflight%s allows the methods %q, not %s, which the granted scopes use", sent, pf.AllowMethods, strings.Join(badMethods, " ")),
			Fix: "the tenant refuses these methods from the browser: drop the scopes that need them from " + field + ".userAccess.scopes, or call them from a backend"}
	case len(badHeaders) > 0:
		return LinkCheck{Outcome: OutcomeFail, Message: fmt.Sprintf("preflight%s allows the headers %q, not %s", sent, pf.AllowHeaders, strings.Join(badHeaders, ", ")),
			Fix: "check that the calls go to the audience domain, and that no proxy in front of it rewrites CORS headers"}
	}
	return LinkCheck{Outcome: OutcomePass, Message: fmt.Sprintf("preflight%s for %s allowed (%s; headers %s)", sent, pf.Method, strings.Join(methods, ", "), PreflightRequestHeaders)}
}

// headerTokens splits a comma-separated header value into lower-case tokens.
func headerTokens(v string) []string {
	var out []string
	for _, t := range strings.Split(v, ",") {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// anyOriginMatches reports whether origin (concrete, or a pattern as
// configured) is covered by one of the patterns.
func anyOriginMatches(patterns []string, origin string) bool {
	o, _ := syntax.CanonicalOrigin(origin)
	if o == "" {
		o = origin
	}
	for _, p := range patterns {
		cp, _ := syntax.CanonicalOrigin(p)
		if cp == "" {
			cp = p
		}
		if cp == o || syntax.OriginMatches(cp, PreflightOrigin(o)) {
			return true
		}
	}
	return false
}

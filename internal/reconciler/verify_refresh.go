package reconciler

import (
	"fmt"
	"slices"
	"strings"
)

// The links an application needs when it renews its tokens with refresh
// tokens (auth0-spa-js useRefreshTokens), as it must in browsers that block
// third-party cookies, where silent renewal in an iframe ends in
// login_required. Link 4 (first party) is shared with the iframe path.
//
// Where the rules come from (Auth0's docs):
//   - use-refresh-token-rotation: "when a browser requests a refresh token
//     from the /token endpoint, Auth0 will only return a refresh token if
//     Refresh Token Rotation is enabled for that client" (link 9);
//   - multi-resource-refresh-token: a refresh for another audience needs
//     that audience in the client's refresh_token.policies, else it is
//     answered with a token for the default audience; an audience or scope
//     that does not exist is silently ignored (links 10 and 11); MRRT
//     works for first-party applications only (link 4).
//   - The user grant cutting a policy's scopes follows from the API's user
//     access policy deciding every user token (link 11; inference).

// refreshTarget is one system API an application reaches with a token got
// from its refresh token: what links 10 and 11 read. The My Account API's
// are part of its chain (EvaluateChain); another system API's follow its
// own links (EvaluateSystemAPILinks).
type refreshTarget struct {
	api      string // "the My Account API"
	audience string
	// declared is the config's policy for the audience; nil: not declared.
	declared *RefreshTokenPolicy
	field    string // the policy in the config: applications[0].refreshTokenPolicy
	grantFix string // the config's field for the user grant's scopes
	// inactive is why the links were not checked when the API is not
	// active; "" while it is.
	inactive string
	offered  []string
	policy   UserAccessPolicy // defaulted
	grant    GrantObservation
}

// refreshTarget is the chain's system API as the application's refresh
// tokens must reach it.
func (c chainFacts) refreshTarget() refreshTarget {
	t := refreshTarget{api: "the " + c.sys.Name, audience: c.audience, declared: c.sys.PolicyOf(c.o.App),
		field: c.field + "." + c.sys.PolicyName, grantFix: c.field + "." + c.sys.UserAccessName + ".scopes",
		offered: OfferedScopes(c.o.API), policy: c.policy, grant: c.o.Grant}
	if !c.apiActive {
		t.inactive = c.needAPI()
	}
	return t
}

// declaresRefreshPolicy reports whether the application declares a
// refresh-token policy for any system API: then it needs rotation.
func (c chainFacts) declaresRefreshPolicy() bool {
	return slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return a.PolicyOf(c.o.App) != nil })
}

// undeclared is why the links are skipped for an application that
// declares no refresh-token policy: a single-page app then renews in an
// iframe.
func (c chainFacts) undeclared() string {
	if c.o.Client.AppType == "spa" {
		return "not checked: uses silent renewal in an iframe; declare refreshTokenPolicy for browsers that block third-party cookies"
	}
	return "not checked: no refreshTokenPolicy; declare one if the app gets My Account tokens with a refresh token issued for another API"
}

// refreshLinks are links 9 to 11 of the My Account chain: rotation once
// (for a policy of any system API), then the policy and its scopes.
func (c chainFacts) refreshLinks() []LinkCheck {
	return append([]LinkCheck{c.rotationLink(c.declaresRefreshPolicy())}, c.policyLinks()...)
}

// policyLinks are links 10 and 11 for the chain's system API.
func (c chainFacts) policyLinks() []LinkCheck {
	t := c.refreshTarget()
	policy, scopes := c.refreshPolicyLink(t), c.refreshScopesLink(t)
	policy.Audience, scopes.Audience = t.audience, t.audience
	return []LinkCheck{policy, scopes}
}

// rotationLink is link 9: a browser gets a refresh token only when the
// client rotates them (a native app gets one either way).
func (c chainFacts) rotationLink(declared bool) LinkCheck {
	if !declared {
		return check(LinkRefreshTokenRotation, OutcomeSkip, c.undeclared(), "")
	}
	rotation := c.o.Client.RefreshToken.GetRotationType()
	if rotation == "" {
		rotation = "not set"
	}
	switch {
	case rotation == "rotating":
		return check(LinkRefreshTokenRotation, OutcomePass, "refresh_token.rotation_type is rotating", "")
	case c.o.Client.AppType != "spa":
		return check(LinkRefreshTokenRotation, OutcomePass, fmt.Sprintf("refresh_token.rotation_type is %s, and app_type %s is not a browser app, which would need rotation", rotation, c.o.Client.AppType), "")
	}
	id := c.o.App.ClientID
	return check(LinkRefreshTokenRotation, OutcomeFail,
		fmt.Sprintf("refresh_token.rotation_type of %s is %s: Auth0 returns a refresh token to a browser only when rotation is on, so useRefreshTokens gets none", id, rotation),
		fmt.Sprintf("turn on Refresh Token Rotation in Auth0 Dashboard > Applications > %s > Settings (refresh_token.rotation_type rotating, with PATCH /api/v2/clients/%s; myaccount keeps that field as it is)", c.o.Client.Name, id))
}

// refreshPolicyLink is link 10: the client's refresh_token.policies has an
// entry for the audience.
func (c chainFacts) refreshPolicyLink(t refreshTarget) LinkCheck {
	switch {
	case t.declared == nil:
		return check(LinkRefreshTokenPolicy, OutcomeSkip, c.undeclared(), "")
	case t.inactive != "":
		return check(LinkRefreshTokenPolicy, OutcomeSkip, t.inactive, "")
	}
	scopes := entryScopes(c.o.Client.RefreshToken, t.audience)
	if scopes == nil {
		return check(LinkRefreshTokenPolicy, OutcomeFail,
			fmt.Sprintf("refresh_token.policies of %s has no entry for %s: a refresh for it is answered with a token for the default audience, which %s refuses (401)", c.o.App.ClientID, t.audience, t.api),
			"run myaccount apply to write the entry that "+t.field+" names")
	}
	return check(LinkRefreshTokenPolicy, OutcomePass, "refresh_token.policies has "+describeEntry(t.audience, scopes), "")
}

// refreshScopesLink is link 11: the entry holds the scopes the config
// names, the API offers them, and the user grant (when the API's policy
// needs one) covers them; a token carries no scope outside all three.
func (c chainFacts) refreshScopesLink(t refreshTarget) LinkCheck {
	entry := entryScopes(c.o.Client.RefreshToken, t.audience)
	switch {
	case t.declared == nil:
		return check(LinkRefreshTokenScopes, OutcomeSkip, c.undeclared(), "")
	case t.inactive != "":
		return check(LinkRefreshTokenScopes, OutcomeSkip, t.inactive, "")
	case entry == nil:
		return check(LinkRefreshTokenScopes, OutcomeSkip, "not checked: no entry for the audience (link 10)", "")
	case t.policy == UserAccessDenyAll:
		return check(LinkRefreshTokenScopes, OutcomeSkip, "not checked: the user access policy is deny_all (link 3)", "")
	case t.policy == UserAccessRequireClientGrant && !t.grant.Exists:
		return check(LinkRefreshTokenScopes, OutcomeSkip, "not checked: require_client_grant needs the user grant (link 2)", "")
	}
	missing := notIn(t.declared.Scopes, *entry)
	unknown := notIn(*entry, t.offered)
	var ungranted []string
	if t.policy == UserAccessRequireClientGrant {
		ungranted = notIn(*entry, t.grant.Scopes)
	}
	switch {
	case len(missing) > 0:
		return check(LinkRefreshTokenScopes, OutcomeFail, fmt.Sprintf("the entry for %s lacks %s, which %s.scopes names", t.audience, strings.Join(missing, " "), t.field),
			"run myaccount apply to update the entry")
	case len(unknown) > 0:
		return check(LinkRefreshTokenScopes, OutcomeFail, fmt.Sprintf("the entry for %s names scopes %s does not offer: %s; Auth0 ignores them silently", t.audience, t.api, strings.Join(unknown, " ")),
			fmt.Sprintf("keep only scopes the API offers (%s) in %s.scopes and run myaccount apply", strings.Join(t.offered, ", "), t.field))
	case len(ungranted) > 0:
		return check(LinkRefreshTokenScopes, OutcomeFail, fmt.Sprintf("the entry for %s names %s, which the user grant %s lacks: the token will not carry it", t.audience, strings.Join(ungranted, " "), t.grant.ID),
			fmt.Sprintf("add it to %s, or drop it from %s.scopes, and run myaccount apply", t.grantFix, t.field))
	}
	within := "the API"
	if t.policy == UserAccessRequireClientGrant {
		within = "the user grant and the API"
	}
	return check(LinkRefreshTokenScopes, OutcomePass, fmt.Sprintf("%s are within %s", strings.Join(sortedUnique(*entry), " "), within), "")
}

// notIn are the elements of a that b lacks, in a's order.
func notIn(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

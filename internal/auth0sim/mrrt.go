package auth0sim

// The refresh_token grant with audience and scope: Multi-Resource Refresh
// Tokens (MRRT).
//
// Where it comes from:
//   - Docs, https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token:
//     a refresh token may be exchanged for an access token for another API
//     when the client's refresh_token.policies names that API; Auth0 merges
//     the audience and scopes of the original login with those of the
//     policy; each token is for one API; MRRT serves first-party
//     applications only, and only APIs that allow skipping user consent;
//     the Management API can never be in a policy.
//   - Docs, https://auth0.com/docs/secure/tokens/refresh-tokens/multi-resource-refresh-token/configure-and-implement-multi-resource-refresh-token:
//     a policy's scopes are equal to or narrower than the API's; an audience
//     or scope that does not exist is silently ignored; the token's aud is
//     the requested API and its scope holds only permitted values.
//   - auth0/auth0-server-python pull request #58 (Auth0's SDK docs): a
//     token requested for an audience outside the policies is not refused:
//     Auth0 answers a token for the default audience instead. The same holds
//     here when the policy cannot serve (third-party client, an API without
//     skip consent, an API that does not exist or is not active on the
//     domain of the call).
//   - Inference: the scope asked of the API is the requested scopes within
//     the policy's (all of the policy's when none is requested), plus the
//     OIDC scopes of the original login that were requested (all of them
//     when none is requested), so that openid and offline_access carry
//     over; the API's user access policy and the client's user grant then
//     decide as at login (userTokenTermsLocked), and a refusal there is an
//     access_denied that leaves the refresh token valid; a fallback token
//     carries the original audience with the requested scopes the refresh
//     token holds (all of them when it holds none of those); a refresh for
//     the original audience keeps refreshScope's rule; the policy is read at
//     every refresh (a policy removed later stops MRRT); under rotation the
//     next refresh token keeps the original login's audience and scope.

import (
	"slices"
	"strings"
)

// refreshRequest decides what a refresh of g gives for the requested
// audience and scope (both optional) at host: the grant to issue, or an
// access_denied description.
func (s *Server) refreshRequest(host string, g refreshGrant, audience, scope string) (refreshGrant, string) {
	if audience == "" || audience == g.audience {
		narrowed, denied := refreshScope(g, scope)
		g.scope = narrowed
		return g, denied
	}
	s.mu.Lock()
	policy, served := s.mrrtPolicyLocked(host, g.clientID, audience)
	s.mu.Unlock()
	if !served {
		g.scope = fallbackScope(g.scope, scope)
		return g, ""
	}
	g.audience, g.scope = audience, mrrtScope(g.scope, scope, policy)
	return g, ""
}

// mrrtPolicyLocked is what clientID's refresh token policies allow on
// audience at host: the policy scopes the API defines, and whether MRRT
// serves the audience at all. s.mu must be held.
func (s *Server) mrrtPolicyLocked(host, clientID, audience string) ([]string, bool) {
	cr := s.findClientLocked(clientID)
	rs := s.userAudienceLocked(host, audience)
	if cr == nil || rs == nil || !rs.SkipConsent || !isFirstParty(cr) || audience == s.managementAudience() {
		return nil, false
	}
	var scopes []string
	served := false
	for _, p := range refreshTokenPolicies(cr.Extra["refresh_token"]) {
		if p.Audience != audience {
			continue
		}
		served = true
		for _, sc := range p.Scope {
			if rs.offers(sc) && !slices.Contains(scopes, sc) {
				scopes = append(scopes, sc)
			}
		}
	}
	return scopes, served
}

// isFirstParty reports the client's is_first_party (true unless set false).
func isFirstParty(cr *clientRec) bool {
	return string(cr.Extra["is_first_party"]) != "false"
}

// mrrtScope is the scope asked of a policy's API: the requested scopes (all
// when none) among the policy's, and the original login's OIDC scopes.
func mrrtScope(original, requested string, policy []string) string {
	held := strings.Fields(original)
	want := strings.Fields(requested)
	if len(want) == 0 {
		want = append(slices.Clone(held), policy...)
	}
	var out []string
	for _, sc := range want {
		oidc := slices.Contains(oidcScopes, sc) && slices.Contains(held, sc)
		if (oidc || slices.Contains(policy, sc)) && !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return strings.Join(out, " ")
}

// fallbackScope is the scope of a token for the original audience when the
// requested audience is not served: the requested scopes the refresh token
// holds, or all it holds.
func fallbackScope(original, requested string) string {
	held := strings.Fields(original)
	var out []string
	for _, sc := range strings.Fields(requested) {
		if slices.Contains(held, sc) && !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return original
	}
	return strings.Join(out, " ")
}

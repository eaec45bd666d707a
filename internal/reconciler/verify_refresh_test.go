package reconciler_test

import (
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const meAudience = "https://tenant.example.com/me/"

// healthyRefreshChain is healthyChain for an app that renews with refresh
// tokens: it declares the policy, and the client rotates its refresh
// tokens and has the entry, next to one for the app's own API.
func healthyRefreshChain() reconciler.ChainObservation {
	o := healthyChain()
	o.App.RefreshTokenPolicy = &reconciler.RefreshTokenPolicy{Scopes: []string{"read:me:authentication_methods"}, Audience: meAudience}
	o.Client.RefreshToken = clientRefreshToken("rotating",
		management.ClientRefreshTokenPolicy{Audience: ptr("https://api.example.com"), Scope: &[]string{"read:items"}},
		management.ClientRefreshTokenPolicy{Audience: ptr(meAudience), Scope: &[]string{"read:me:authentication_methods"}})
	return o
}

func clientRefreshToken(rotation string, policies ...management.ClientRefreshTokenPolicy) *management.ClientRefreshToken {
	return &management.ClientRefreshToken{RotationType: ptr(rotation), ExpirationType: ptr("expiring"), Policies: &policies}
}

// TestEvaluateRefreshLinks breaks one refresh-token link at a time: exactly
// that link fails, with its fix in the config's terms, and no other does.
func TestEvaluateRefreshLinks(t *testing.T) {
	other := management.ClientRefreshTokenPolicy{Audience: ptr("https://api.example.com"), Scope: &[]string{"read:items"}}
	withEntry := func(scopes ...string) func(*reconciler.ChainObservation) {
		return func(o *reconciler.ChainObservation) {
			o.Client.RefreshToken = clientRefreshToken("rotating", other, management.ClientRefreshTokenPolicy{Audience: ptr(meAudience), Scope: &scopes})
		}
	}
	tests := []struct {
		name    string
		breakIt func(*reconciler.ChainObservation)
		link    reconciler.Link
		message string
		fix     string
	}{
		{"all pass", func(*reconciler.ChainObservation) {}, 0, "", ""},
		{"9 rotation off", func(o *reconciler.ChainObservation) { o.Client.RefreshToken.RotationType = ptr("non-rotating") },
			reconciler.LinkRefreshTokenRotation, "rotation_type of spa is non-rotating", "turn on Refresh Token Rotation in Auth0 Dashboard > Applications > SPA > Settings"},
		{"9 rotation_type not set", func(o *reconciler.ChainObservation) { o.Client.RefreshToken.RotationType = nil },
			reconciler.LinkRefreshTokenRotation, "is not set", "refresh_token.rotation_type rotating"},
		{"10 no entry for the audience", func(o *reconciler.ChainObservation) { o.Client.RefreshToken = clientRefreshToken("rotating", other) },
			reconciler.LinkRefreshTokenPolicy, "no entry for " + meAudience + ": a refresh for it is answered with a token for the default audience",
			"run myaccount apply to write the entry that applications[0].refreshTokenPolicy names"},
		{"10 an entry for another domain's /me/ only", func(o *reconciler.ChainObservation) {
			o.Client.RefreshToken = clientRefreshToken("rotating", management.ClientRefreshTokenPolicy{Audience: ptr("https://tenant.eu.auth0.com/me/"), Scope: &[]string{"read:me:authentication_methods"}})
		}, reconciler.LinkRefreshTokenPolicy, "no entry for " + meAudience, "run myaccount apply"},
		{"11 entry lacks a configured scope", withEntry("read:me:factors"),
			reconciler.LinkRefreshTokenScopes, "lacks read:me:authentication_methods, which applications[0].refreshTokenPolicy.scopes names", "run myaccount apply to update the entry"},
		{"11 entry names a scope the API does not offer", withEntry("read:me:authentication_methods", "read:me:everything"),
			reconciler.LinkRefreshTokenScopes, "does not offer: read:me:everything; Auth0 ignores them silently", "in applications[0].refreshTokenPolicy.scopes"},
		{"11 entry names a scope the grant lacks", func(o *reconciler.ChainObservation) {
			o.App.RefreshTokenPolicy.Scopes = []string{"read:me:authentication_methods", "read:me:factors"}
			withEntry("read:me:authentication_methods", "read:me:factors")(o)
		}, reconciler.LinkRefreshTokenScopes, "names read:me:factors, which the user grant cgr_1 lacks",
			"add it to applications[0].userAccess.scopes, or drop it from applications[0].refreshTokenPolicy.scopes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := healthyRefreshChain()
			tt.breakIt(&o)
			checkOnlyBroken(t, reconciler.EvaluateChain(o), tt.link, reconciler.OutcomeFail, tt.message, tt.fix)
		})
	}
}

// TestEvaluateRefreshLinksOutcomes: which refresh-token links pass, fail or
// are skipped, and for which audience, when the config or another link
// decides.
func TestEvaluateRefreshLinksOutcomes(t *testing.T) {
	const iframe = "uses silent renewal in an iframe; declare refreshTokenPolicy for browsers that block third-party cookies"
	tests := []struct {
		name   string
		change func(*reconciler.ChainObservation)
		want   [3]reconciler.Outcome // links 9, 10, 11
		reason string                // in each skipped link's message
	}{
		{"declared and in place", func(*reconciler.ChainObservation) {}, [3]reconciler.Outcome{"pass", "pass", "pass"}, ""},
		{"not declared: the iframe path", func(o *reconciler.ChainObservation) { o.App.RefreshTokenPolicy = nil },
			[3]reconciler.Outcome{"skip", "skip", "skip"}, iframe},
		{"not declared, even with no entry and no rotation", func(o *reconciler.ChainObservation) {
			o.App.RefreshTokenPolicy, o.Client.RefreshToken = nil, nil
		}, [3]reconciler.Outcome{"skip", "skip", "skip"}, iframe},
		{"not declared, not a browser app", func(o *reconciler.ChainObservation) {
			o.App.RefreshTokenPolicy, o.Client.AppType, o.App.AllowedOrigins, o.Client.AllowedOrigins, o.Preflights = nil, "native", nil, nil, nil
		}, [3]reconciler.Outcome{"skip", "skip", "skip"}, "no refreshTokenPolicy; declare one if the app gets My Account tokens with a refresh token issued for another API"},
		{"a native app needs no rotation", func(o *reconciler.ChainObservation) {
			o.Client.AppType, o.Client.RefreshToken.RotationType = "native", ptr("non-rotating")
		}, [3]reconciler.Outcome{"pass", "pass", "pass"}, ""},
		{"API not active", func(o *reconciler.ChainObservation) {
			o.API, o.Grant = reconciler.APIObservation{}, reconciler.GrantObservation{}
		}, [3]reconciler.Outcome{"pass", "skip", "skip"}, "the My Account API is not active (link 1)"},
		{"no entry: scopes not checked", func(o *reconciler.ChainObservation) { o.Client.RefreshToken = clientRefreshToken("rotating") },
			[3]reconciler.Outcome{"pass", "fail", "skip"}, "no entry for the audience (link 10)"},
		{"no grant under require_client_grant", func(o *reconciler.ChainObservation) { o.Grant = reconciler.GrantObservation{} },
			[3]reconciler.Outcome{"pass", "pass", "skip"}, "needs the user grant (link 2)"},
		{"deny_all", func(o *reconciler.ChainObservation) { o.API.UserPolicy = reconciler.UserAccessDenyAll },
			[3]reconciler.Outcome{"pass", "pass", "skip"}, "deny_all (link 3)"},
		{"allow_all: no grant needed, only the API's scopes", func(o *reconciler.ChainObservation) {
			o.API.UserPolicy, o.Grant, o.App.UserAccess = reconciler.UserAccessAllowAll, reconciler.GrantObservation{}, nil
		}, [3]reconciler.Outcome{"pass", "pass", "pass"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := healthyRefreshChain()
			tt.change(&o)
			var got []reconciler.LinkCheck
			for _, c := range reconciler.EvaluateChain(o) {
				if c.Link >= reconciler.LinkRefreshTokenRotation {
					got = append(got, c)
				}
			}
			if len(got) != 3 {
				t.Fatalf("want links 9, 10 and 11 once each, got %+v", got)
			}
			for i, c := range got {
				if c.Link != reconciler.LinkRefreshTokenRotation+reconciler.Link(i) || c.Outcome != tt.want[i] {
					t.Errorf("check %d: link %d %s %q, want link %d %s", i, c.Link, c.Outcome, c.Message, reconciler.LinkRefreshTokenRotation+reconciler.Link(i), tt.want[i])
				}
				if c.Outcome == reconciler.OutcomeSkip && !strings.Contains(c.Message, tt.reason) {
					t.Errorf("link %d skipped with %q, want it to say %q", c.Link, c.Message, tt.reason)
				}
				if c.Outcome != reconciler.OutcomeFail && c.Fix != "" {
					t.Errorf("link %d %s carries a fix: %q", c.Link, c.Outcome, c.Fix)
				}
				wantAudience := meAudience
				if c.Link == reconciler.LinkRefreshTokenRotation {
					wantAudience = "" // rotation is the client's, not an audience's
				}
				if c.Audience != wantAudience {
					t.Errorf("link %d names the audience %q, want %q", c.Link, c.Audience, wantAudience)
				}
			}
		})
	}
}

func TestLinkCheckSubject(t *testing.T) {
	for _, tt := range []struct {
		c    reconciler.LinkCheck
		want string
	}{
		{reconciler.LinkCheck{Link: reconciler.LinkFirstParty}, "first-party application"},
		{reconciler.LinkCheck{Link: reconciler.LinkCORSPreflight, Origin: "https://app.example.com"}, "CORS preflight from https://app.example.com"},
		{reconciler.LinkCheck{Link: reconciler.LinkRefreshTokenPolicy, Audience: meAudience}, "refresh-token policy for the API " + meAudience},
	} {
		if got := tt.c.Subject(); got != tt.want {
			t.Errorf("Subject() = %q, want %q", got, tt.want)
		}
	}
}

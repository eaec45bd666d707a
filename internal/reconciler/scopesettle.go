package reconciler

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// scopeSettle bounds the re-reads of a My Account API that lists fewer
// scopes than it offers. Auth0 answered a recorded activation with only the
// three connected_accounts scopes; the read right after listed all 8.
var scopeSettle = struct {
	attempts   int
	first, max time.Duration
}{attempts: 8, first: 250 * time.Millisecond, max: 2 * time.Second} // at most ~8.5 s of waiting

// AwaitScopes re-reads an active system API, with bounded backoff, while
// a requested generally available scope (its Scopes but its
// EarlyAccessScopes) is missing from its list, so a list that is still partial after activation is
// not mistaken for a scope the API lacks. It returns the latest observation;
// a scope still missing after the last attempt is left to scope validation,
// which names it. It reads nothing when no such scope is missing.
func (r APIReconciler) AwaitScopes(ctx context.Context, obs APIObservation, requested []string) (APIObservation, error) {
	delay := scopeSettle.first
	for attempt := 0; obs.Active && len(missingKnownScopes(obs, requested)) > 0; attempt++ {
		if attempt == scopeSettle.attempts {
			return obs, nil
		}
		select {
		case <-ctx.Done():
			return obs, fmt.Errorf("waiting for the "+systemAPIOf(obs.Audience).Name+" to list %s: %w", strings.Join(missingKnownScopes(obs, requested), ", "), ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, scopeSettle.max)
		next, err := observeAPIAt(ctx, r.Session.M, obs.Audience)
		if err != nil {
			return obs, err
		}
		r.Session.storeAPI(obs.Audience, next)
		obs = next
	}
	return obs, nil
}

// missingKnownScopes lists the requested generally available scopes that
// the API does not list. An early access scope (read:me:factors) may be
// missing from a tenant for good, so waiting for it would only slow every run.
func missingKnownScopes(obs APIObservation, requested []string) []string {
	a := systemAPIOf(obs.Audience)
	var out []string
	for _, s := range requested {
		if slices.Contains(a.Scopes, s) && !slices.Contains(a.EarlyAccessScopes, s) && !slices.Contains(obs.Scopes, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// requestedScopes lists every user-access scope the config asks of a.
func requestedScopes(a SystemAPI, d Desired) []string {
	var out []string
	for _, app := range d.Applications {
		if ua := a.UserAccessOf(app); ua != nil {
			out = append(out, ua.Scopes...)
		}
		if p := a.PolicyOf(app); p != nil {
			out = append(out, p.Scopes...)
		}
	}
	return sortedUnique(out)
}

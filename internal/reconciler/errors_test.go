package reconciler

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

func TestFailedBeforeWrites(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"validation", ValidationErrors{{Field: "applications[0].allowedOrigins[0]", Value: "*", Fix: "list origins"}}, true},
		{"unknown client", &UnknownClientError{}, true},
		{"grant conflict", &GrantConflictError{ClientID: "c"}, true},
		{"missing scopes", &MissingScopesError{Missing: []string{"update:clients"}}, true},
		{"wrapped missing scopes", fmt.Errorf("apply: %w", &MissingScopesError{Missing: []string{"update:clients"}}), true},
		{"write failed", errors.New("patch client c: 503 Service Unavailable"), false},
		{"deleted while applying", fmt.Errorf("client %s was deleted while applying", "c"), false},
	}
	for _, tc := range cases {
		if got := FailedBeforeWrites(tc.err); got != tc.want {
			t.Errorf("%s: FailedBeforeWrites(%v) = %t, want %t", tc.name, tc.err, got, tc.want)
		}
	}
}

// TestClassifyReturnsOnlyListedReasons: every reason Classify gives a
// representative error is in Reasons(), and every listed reason is reached,
// so a face that renders Reasons() renders every failure.
func TestClassifyReturnsOnlyListedReasons(t *testing.T) {
	field := ValidationErrors{{Field: "applications[0].allowedOrigins[0]", Value: "*", Fix: "list origins"}}
	cases := []struct {
		name   string
		err    error
		reason Reason
		before bool
	}{
		{"validation", field, ReasonInvalidInput, true},
		{"wrapped validation", fmt.Errorf("plan: %w", field), ReasonInvalidInput, true},
		{"unknown client", &UnknownClientError{Field: "applications[0].clientId", ClientID: "c", Domain: "t.example.com"}, ReasonUnknownClient, true},
		{"grant conflict", &GrantConflictError{ClientID: "c", GrantID: "cgr_1"}, ReasonGrantConflict, true},
		{"owner conflict", &OwnerConflictError{Owner: "b", Other: "a", ClientID: "c", Field: "webOrigins"}, ReasonConflict, true},
		{"missing scopes", &MissingScopesError{Missing: []string{"update:clients"}}, ReasonMissingScope, true},
		{"API active elsewhere", &APIActiveElsewhereError{Field: "api.audienceDomain", Audience: "https://a/me/", Active: "https://b/me/"}, ReasonAPIActiveElsewhere, true},
		{"401", &mgmt.Error{Class: mgmt.Unauthorized, Status: 401}, ReasonInvalidCredentials, false},
		{"403", &mgmt.Error{Class: mgmt.Forbidden, Status: 403, MissingScopes: []string{"read:clients"}}, ReasonMissingScope, false},
		{"429", &mgmt.Error{Class: mgmt.RateLimited, Status: 429}, ReasonRateLimited, false},
		{"503", &mgmt.Error{Class: mgmt.Unavailable, Status: 503}, ReasonTenantUnavailable, false},
		{"400", &mgmt.Error{Class: mgmt.Validation, Status: 400}, ReasonInvalidInput, false},
		{"404", &mgmt.Error{Class: mgmt.NotFound, Status: 404}, ReasonManagementAPIError, false},
		{"409", &mgmt.Error{Class: mgmt.Conflict, Status: 409}, ReasonManagementAPIError, false},
		{"over budget", &mgmt.Error{Class: mgmt.OverBudget}, ReasonManagementAPIError, false},
		{"unclassified response", &mgmt.Error{Class: mgmt.Unknown, Status: 418}, ReasonManagementAPIError, false},
		{"plain error", errors.New("client c was deleted while applying"), ReasonManagementAPIError, false},
		{"wrapped 503", fmt.Errorf("patch client c: %w", &mgmt.Error{Class: mgmt.Unavailable, Status: 503}), ReasonTenantUnavailable, false},
	}
	listed := Reasons()
	reached := map[Reason]bool{}
	for _, tc := range cases {
		reason, before := Classify(tc.err)
		if reason != tc.reason || before != tc.before {
			t.Errorf("%s: Classify = %s, %t; want %s, %t", tc.name, reason, before, tc.reason, tc.before)
		}
		if !slices.Contains(listed, reason) {
			t.Errorf("%s: Classify returned %s, which Reasons() does not list", tc.name, reason)
		}
		reached[reason] = true
	}
	seen := map[Reason]bool{}
	for _, r := range listed {
		if seen[r] {
			t.Errorf("Reasons() lists %s twice", r)
		}
		seen[r] = true
		if !reached[r] {
			t.Errorf("Reasons() lists %s, but no error in this table is classified so: add one", r)
		}
	}
}

package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestDescribeRendersEveryReason: for every reason the engine classifies a
// failure as (reconciler.Reasons), the diagnostic detail a Terraform user
// reads names what failed and what to do about it.
func TestDescribeRendersEveryReason(t *testing.T) {
	cases := []struct {
		reason reconciler.Reason
		err    error
		// want are the parts of the detail that tell the user the cause
		// and the fix.
		want []string
	}{
		{reconciler.ReasonInvalidInput,
			reconciler.ValidationErrors{{Field: "applications[0].allowedOrigins[0]", Value: "*", Fix: "list each origin"}},
			[]string{"applications[0].allowedOrigins[0]", `invalid value "*"`, "list each origin"}},
		{reconciler.ReasonInvalidInput,
			&mgmt.Error{Class: mgmt.Validation, Status: 400, Message: "Payload validation error", Method: "PATCH", Path: "/api/v2/clients/c"},
			[]string{"PATCH /api/v2/clients/c", "rejected as invalid", "Payload validation error"}},
		{reconciler.ReasonUnknownClient,
			&reconciler.UnknownClientError{Field: "client_id", ClientID: "nope", Domain: "t.example.com"},
			[]string{"client_id", `"nope"`, "t.example.com", "copy the Client ID"}},
		{reconciler.ReasonGrantConflict,
			&reconciler.GrantConflictError{ClientID: "c", GrantID: "cgr_1", Observed: []string{"read:me"}, Desired: []string{"read:me:authentication_methods"}},
			[]string{"cgr_1", "will not take over", "terraform import"}},
		{reconciler.ReasonConflict,
			&reconciler.OwnerConflictError{Owner: "second", Other: "first", ClientID: "c", Field: "web_origins", Detail: "want different origins"},
			[]string{"second conflicts with first", "client c", "make the two agree"}},
		{reconciler.ReasonMissingScope,
			&reconciler.MissingScopesError{Missing: []string{"update:clients"}},
			[]string{"update:clients", "grant them"}},
		{reconciler.ReasonMissingScope,
			&mgmt.Error{Class: mgmt.Forbidden, Status: 403, MissingScopes: []string{"read:client_grants"}},
			[]string{"lacks scope read:client_grants", "grant it"}},
		{reconciler.ReasonAPIActiveElsewhere,
			&reconciler.APIActiveElsewhereError{Field: "audience_domain", Audience: "https://custom.example.com/me/", Active: "https://t.example.com/me/"},
			[]string{"already active", "https://t.example.com/me/", "set audience_domain to t.example.com"}},
		{reconciler.ReasonInvalidCredentials,
			&mgmt.Error{Class: mgmt.Unauthorized, Status: 401, Message: "Invalid token"},
			[]string{"rejected the access token", "Invalid token", mgmt.EnvClientID, mgmt.EnvAPIToken}},
		{reconciler.ReasonRateLimited,
			&mgmt.Error{Class: mgmt.RateLimited, Status: 429, Message: "Too Many Requests"},
			[]string{"rate limited", "retry later"}},
		{reconciler.ReasonTenantUnavailable,
			&mgmt.Error{Class: mgmt.Unavailable, Status: 503},
			[]string{"unavailable", "503"}},
		{reconciler.ReasonManagementAPIError,
			&mgmt.Error{Class: mgmt.NotFound, Status: 404, ErrorCode: "inexistent_client", Method: "GET", Path: "/api/v2/clients/c"},
			[]string{"GET /api/v2/clients/c", "not found", "inexistent_client"}},
		{reconciler.ReasonManagementAPIError,
			fmt.Errorf("apply: %w", errors.New("client c was deleted while applying")),
			[]string{"client c was deleted while applying"}},
	}
	covered := map[reconciler.Reason]bool{}
	for _, tc := range cases {
		if got, _ := reconciler.Classify(tc.err); got != tc.reason {
			t.Errorf("%v: the engine classifies it %s, not %s: the row does not stand for its reason", tc.err, got, tc.reason)
		}
		covered[tc.reason] = true
		got := describe(tc.err)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: describe = %q, missing %q", tc.reason, got, w)
			}
		}
	}
	for _, r := range reconciler.Reasons() {
		if !covered[r] {
			t.Errorf("no row renders reason %s: add one with the words a user needs", r)
		}
	}
}

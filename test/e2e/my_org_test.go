package e2e

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// bothAPIs is the quickstart with the My Organization API as its own block
// and the application's grant for it.
const bothAPIs = `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata:
  name: portals
spec:
  domain: DOMAIN
  api:
    enabled: true
  myOrganizationApi:
    deletionPolicy: Delete
  applications:
    - clientId: spa_demo_client
      crossOriginAuthentication: {enabled: true}
      userAccess:
        scopes: [read:me:authentication_methods]
      myOrganizationUserAccess:
        scopes: [read:my_org:details]
`

func TestApplyBothSystemAPIs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	f := h.manifest("portals.yaml", bothAPIs)

	plan := h.run("plan", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "plan", plan.stdout,
		"  + api active: false -> true (create)\n",
		"  + my-organization-api active: false -> true (create)\n",
		"  + my-organization-api identifier: (none) -> https://"+h.srv.Domain()+"/my-org/ (create)\n",
		"  + grant/spa_demo_client scope: (none) -> read:me:authentication_methods (create)\n",
		"  + my-organization-grant/spa_demo_client scope: (none) -> read:my_org:details (create)\n")

	apply := h.run("apply", "-f", f)
	if apply.code != cli.ExitOK && strings.Contains(apply.stderr+apply.stdout, "not the system API") {
		t.Skip("the emulator does not yet activate https://{domain}/my-org/ as a system API (POST /api/v2/resource-servers with the /my-org/ identifier)")
	}
	apply.mustCode(t, cli.ExitOK)
	org := reconciler.MyOrganization.Audience(h.srv.Domain())
	if rs, ok := h.srv.GetResourceServerByIdentifier(org); !ok || !rs.IsSystem {
		t.Fatalf("My Organization API: active %v, system %v", ok, rs.IsSystem)
	}
	var orgScopes []string
	for _, g := range userGrants(h.srv, "spa_demo_client") {
		if g.Audience == org {
			orgScopes = g.Scope
		}
	}
	if !slices.Equal(orgScopes, []string{"read:my_org:details"}) {
		t.Errorf("My Organization grant scopes %v", orgScopes)
	}
	state, err := os.ReadFile(h.state)
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "state file", string(state), `"myOrganizationApiId"`, `"myOrganizationGrantId"`)

	// verify checks the My Organization API's own links after My Account's.
	v := h.run("verify", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "verify", v.stdout,
		"PASS 1 My Organization API active on the audience domain: the My Organization API is active at "+org,
		"PASS 2 My Organization API: user grant for the client: user grant ")

	h.srv.ResetCounts()
	again := h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	contains(t, "second apply", again.stdout, "No changes. The tenant matches the configuration.")
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("second apply made %d writes: %v", w, h.srv.Counts())
	}
	t.Logf("in-sync apply with both APIs: %d requests %v", h.srv.Total(), h.srv.Counts())
}

// bothPolicies declares a refresh-token policy for each system API (policies
// says whether), beside the user grants for both.
func bothPolicies(clientID string, policies bool) string {
	m := strings.ReplaceAll(bothAPIs, "spa_demo_client", clientID)
	m = strings.Replace(m, "      crossOriginAuthentication: {enabled: true}\n", "", 1)
	if policies {
		m += "      refreshTokenPolicy:\n        scopes: [read:me:authentication_methods]\n" +
			"      myOrganizationRefreshTokenPolicy:\n        scopes: [read:my_org:details]\n"
	}
	return m
}

// TestApplyRefreshTokenPolicyForBothSystemAPIs: a manifest with both
// policies writes both entries in one refresh_token, keeps every other
// field and entry, is in sync on a second apply, and its release leaves
// refresh_token as it started.
func TestApplyRefreshTokenPolicyForBothSystemAPIs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	const id = "rtp_both"
	other := management.ClientRefreshTokenPolicy{Audience: ptr("https://api.example.com/"), Scope: &[]string{"read:data"}}
	no := false
	start := &management.ClientRefreshToken{RotationType: ptr("rotating"), ExpirationType: ptr("expiring"), Leeway: ptr(5),
		TokenLifetime: ptr(86400), InfiniteTokenLifetime: &no, IdleTokenLifetime: ptr(3600), InfiniteIdleTokenLifetime: &no,
		Policies: &[]management.ClientRefreshTokenPolicy{other}}
	if err := (conformance.Scenario{StartRefreshToken: start}).Seed(h.srv, id); err != nil {
		t.Fatal(err)
	}
	refreshToken := func() string {
		raw, _ := h.srv.ClientProperty(id, "refresh_token")
		var v any
		_ = json.Unmarshal(raw, &v)
		b, _ := json.Marshal(v) // keys sorted
		return string(b)
	}
	before := refreshToken()
	me, org := reconciler.AudienceFor(h.srv.Domain()), reconciler.MyOrganization.Audience(h.srv.Domain())

	apply := h.run("apply", "-f", h.manifest("both.yaml", bothPolicies(id, true)))
	if apply.code != cli.ExitOK && strings.Contains(apply.stderr+apply.stdout, "not the system API") {
		t.Skip("the emulator does not yet activate https://{domain}/my-org/ as a system API")
	}
	apply.mustCode(t, cli.ExitOK)
	contains(t, "apply", apply.stdout,
		"client/"+id+" refresh_token.policies: add "+me+" [read:me:authentication_methods]",
		"client/"+id+" refresh_token.policies: add "+org+" [read:my_org:details]")
	withBoth := strings.Replace(before, `"policies":[{"audience":"https://api.example.com/","scope":["read:data"]}]`,
		`"policies":[{"audience":"https://api.example.com/","scope":["read:data"]},{"audience":"`+me+`","scope":["read:me:authentication_methods"]},{"audience":"`+org+`","scope":["read:my_org:details"]}]`, 1)
	if got := refreshToken(); got != withBoth || withBoth == before {
		t.Fatalf("refresh_token after apply\n got %s\nwant %s", got, withBoth)
	}
	state, err := os.ReadFile(h.state)
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "state file", string(state), `"refreshTokenPolicy"`, `"myOrganizationRefreshTokenPolicy"`)

	v := h.run("verify", "-f", h.manifest("both.yaml", bothPolicies(id, true))).mustCode(t, cli.ExitOK)
	contains(t, "verify", v.stdout, "PASS 10 refresh-token policy for the API "+me, "PASS 10 My Organization API: refresh-token policy for the API "+org,
		"PASS 11 My Organization API: refresh-token policy scopes for the API "+org)

	h.srv.ResetCounts()
	h.run("apply", "-f", h.manifest("both.yaml", bothPolicies(id, true))).mustCode(t, cli.ExitOK)
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("second apply made %d writes: %v", w, h.srv.Counts())
	}

	h.run("apply", "-f", h.manifest("both.yaml", bothPolicies(id, false))).mustCode(t, cli.ExitOK)
	if got := refreshToken(); got != before {
		t.Fatalf("refresh_token after release\n got %s\nwant %s", got, before)
	}
}

func ptr[T any](v T) *T { return &v }

package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// everyScope is what the README asks the Machine-to-Machine application for.
var everyScope = []string{"read:clients", "update:clients", "read:resource_servers", "create:resource_servers",
	"update:resource_servers", "delete:resource_servers", "read:client_grants", "create:client_grants",
	"update:client_grants", "delete:client_grants", "read:custom_domains", "read:mfa_policies"}

// Issue 10: without create:client_grants, Terraform activated the API and
// patched the origins, then stopped on a raw 403. The plan now fails with
// the CLI's message and the tenant sees no write.
func TestMissingScopeFailsAtPlanWithNoWrite(t *testing.T) {
	deactivateAPI(t)
	id := seedClient(t, "scopes", "https://legacy.example.com")
	clientID, secret := sim.AddManagementClient(slices.DeleteFunc(slices.Clone(everyScope), func(s string) bool { return s == "create:client_grants" }))
	t.Setenv("AUTH0_CLIENT_ID", clientID)
	t.Setenv("AUTH0_CLIENT_SECRET", secret)
	badInput(t, userAccessConfig(id, "read:me:factors")+originsConfig(id, false, "https://app.example.com"),
		regexp.MustCompile(`(?s)lacks\s+the\s+scope\(s\)\s+create:client_grants.*nothing\s+was\s+changed.*Machine\s+To\s+Machine\s+Applications`))
}

// An import of an object that does not exist says which id and what to use,
// not Terraform's "Cannot import non-existent remote object".
func TestImportOfAMissingObjectSaysWhy(t *testing.T) {
	id := seedClient(t, "imports", "https://legacy.example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{{
			Config:        originsConfig(id, false, "https://app.example.com"),
			ResourceName:  originsAddr,
			ImportState:   true,
			ImportStateId: "no_such_client",
			ExpectError:   regexp.MustCompile(`(?s)import\s+id\s+"no_such_client":\s+no\s+application\s+with\s+this\s+client\s+ID`),
		}, {
			Config:        apiConfig(""),
			ResourceName:  apiAddr,
			ImportState:   true,
			ImportStateId: "0123456789abcdef01234567",
			ExpectError:   regexp.MustCompile(`(?s)import\s+id\s+"0123456789abcdef01234567":\s+no\s+active\s+My\s+Account\s+API`),
		}},
	})
}

// Credentials and token errors carry the CLI's fixes.
func TestCredentialErrorsCarryTheFix(t *testing.T) {
	id := seedClient(t, "creds")
	t.Run("wrong secret", func(t *testing.T) {
		t.Setenv("AUTH0_CLIENT_SECRET", "not-the-secret")
		badInput(t, originsConfig(id, false, "https://app.example.com"),
			regexp.MustCompile(`(?s)could\s+not\s+get\s+a\s+Management\s+API\s+access\s+token.*check\s+the\s+client\s+ID\s+and\s+secret`))
	})
	t.Run("garbage token", func(t *testing.T) {
		t.Setenv("AUTH0_API_TOKEN", "garbage")
		t.Setenv("AUTH0_CLIENT_ID", "")
		t.Setenv("AUTH0_CLIENT_SECRET", "")
		badInput(t, originsConfig(id, false, "https://app.example.com"),
			regexp.MustCompile(`(?s)rejected\s+the\s+access\s+token.*AUTH0_API_TOKEN`))
	})
}

// Issue 10: the Management API audience got a user grant, and not-a-url
// failed only at apply with a raw 404.
func TestUserAccessAudienceIsTheMyAccountAPI(t *testing.T) {
	id := seedClient(t, "audience")
	for _, tc := range []struct{ audience, want string }{
		{"https://" + sim.Domain() + "/api/v2/", `user\s+access\s+is\s+granted\s+on\s+the\s+My\s+Account\s+API\s+only`},
		{"not-a-url", `audience:\s+invalid\s+value\s+"not-a-url"`},
		{"https://elsewhere.example.com/me/", `its\s+domain\s+elsewhere.example.com:\s+not\s+a\s+domain\s+of\s+this\s+tenant`},
	} {
		badInput(t, fmt.Sprintf(`
resource "myaccount_user_access" "x" {
  client_id = %q
  audience  = %q
  scopes    = ["read:me:factors"]
}
`, id, tc.audience), regexp.MustCompile(`(?s)`+tc.want))
	}
}

// Every call on a resource carries its own request budget, so a loop in one
// stops there instead of hammering the tenant.
func TestEveryResourceCallHasARequestBudget(t *testing.T) {
	g := withGuards("allowed_origins", newAllowedOriginsResource)().(*guarded)
	b := mgmt.RequestBudgetFrom(g.budgeted(context.Background(), "create"))
	if b == nil || b.Limit() != callBudget {
		t.Fatalf("budget %+v, want a limit of %d", b, callBudget)
	}
}

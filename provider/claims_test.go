package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// A conflict error names each resource by its type and content, built from
// the claim each resource makes, as the messages have always read.
func TestClaimNames(t *testing.T) {
	allowed := newAllowedOriginsResource().(*originsResource).setting
	web := newWebOriginsResource().(*originsResource).setting
	for _, c := range []struct {
		app  reconciler.Application
		want string
	}{
		{allowed.list.Declare("c1", []string{"https://a.example.com", "https://b.example.com"}, reconciler.OriginsExclusive),
			"myaccount_allowed_origins for client c1 (Exclusive [https://a.example.com https://b.example.com])"},
		{allowed.list.Declare("c1", nil, reconciler.OriginsMerge), "myaccount_allowed_origins for client c1 (Merge [])"},
		{web.list.Declare("c1", []string{"https://a.example.com"}, reconciler.OriginsMerge),
			"myaccount_web_origins for client c1 (Merge [https://a.example.com])"},
		{reconciler.Application{ClientID: "c1", CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: "https://app.example.com/co"}},
			`myaccount_cross_origin_auth for client c1 (enabled = true, verification_location = "https://app.example.com/co")`},
		{reconciler.Application{ClientID: "c1", UserAccess: &reconciler.UserAccess{Scopes: []string{"read:me:factors", "read:me:authentication_methods"}}},
			"myaccount_user_access for client c1 (scopes [read:me:factors read:me:authentication_methods])"},
		{reconciler.Application{ClientID: "c1", RefreshTokenPolicy: &reconciler.RefreshTokenPolicy{Scopes: []string{"read:me:factors"}}},
			"myaccount_refresh_token_policy for client c1 (scopes [read:me:factors])"},
	} {
		if got := claimName(c.app); got != c.want {
			t.Errorf("claimName = %q, want %q", got, c.want)
		}
	}
}

// Two resources claiming one client setting differently used to undo each
// other on every apply; now the plan fails, naming both, before any write.
func TestConflictingResourcesOnOneClientFailThePlan(t *testing.T) {
	id := seedClient(t, "contested", "https://foreign.example.com")
	two := func(a, b string) string {
		return fmt.Sprintf(`
resource "myaccount_allowed_origins" "one" {
  client_id = %[1]q
  origins   = ["https://one.example.com"]
  exclusive = %[2]s
}

resource "myaccount_allowed_origins" "two" {
  client_id = %[1]q
  origins   = ["https://two.example.com"]
  exclusive = %[3]s
}
`, id, a, b)
	}
	both := regexp.MustCompile(`(?s)Conflicting resources on one client.*myaccount_allowed_origins\s+for\s+client\s+\S+\s+\((Exclusive|Merge)\s+\[https://(one|two).example.com\]\).*conflicts\s+with\s+myaccount_allowed_origins\s+for\s+client`)
	badInput(t, two("true", "true"), both)
	badInput(t, two("true", "false"), both)
	badInput(t, fmt.Sprintf(`
resource "myaccount_cross_origin_auth" "on" {
  client_id = %[1]q
  enabled   = true
}

resource "myaccount_cross_origin_auth" "off" {
  client_id = %[1]q
  enabled   = false
}
`, id), regexp.MustCompile(`(?s)Conflicting resources on one client.*myaccount_cross_origin_auth.*conflicts\s+with\s+myaccount_cross_origin_auth`))
	// Two scope sets for the client's one user grant.
	if _, ok := sim.GetResourceServerByIdentifier(audience()); !ok {
		if _, err := sim.ActivateMyAccountAPI(""); err != nil {
			t.Fatal(err)
		}
	}
	badInput(t, fmt.Sprintf(`
resource "myaccount_user_access" "read" {
  client_id = %[1]q
  scopes    = ["read:me:factors"]
}

resource "myaccount_user_access" "write" {
  client_id = %[1]q
  scopes    = ["read:me:factors", "read:me:authentication_methods"]
}
`, id), regexp.MustCompile(`(?s)Conflicting resources on one client.*myaccount_user_access\s+for\s+client\s+\S+\s+\(scopes.*conflicts\s+with\s+myaccount_user_access\s+for\s+client`))
	if g, ok := userGrant(id); ok {
		t.Errorf("the conflicting plan left user grant %s on %s", g.ID, id)
	}
	// Two merge lists share the client.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectOrigins(id, "https://foreign.example.com"),
		Steps: []resource.TestStep{{
			Config: two("false", "false"),
			Check:  expectOrigins(id, "https://foreign.example.com", "https://one.example.com", "https://two.example.com"),
		}},
	})
}

// terraform import is the provider's explicit adoption: the imported grant
// is owned, so destroy deletes it.
func TestImportedUserGrantIsDeletedOnDestroy(t *testing.T) {
	id := seedClient(t, "ua_import")
	if _, ok := sim.GetResourceServerByIdentifier(audience()); !ok {
		if _, err := sim.ActivateMyAccountAPI(""); err != nil {
			t.Fatal(err)
		}
	}
	gid := sim.SeedGrant(auth0sim.ClientGrant{ClientID: id, Audience: audience(), SubjectType: "user", Scope: []string{"read:me:factors"}})
	config := fmt.Sprintf(`
resource "myaccount_user_access" "spa" {
  client_id = %q
  scopes    = ["read:me:factors", "read:me:authentication_methods"]
}
`, id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		CheckDestroy:             expectGrant(id),
		Steps: []resource.TestStep{
			{Config: config, ResourceName: uaAddr, ImportState: true, ImportStateId: id, ImportStatePersist: true},
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(uaAddr, "id", gid),
					expectGrant(id, "read:me:factors", "read:me:authentication_methods"),
					func(*terraform.State) error {
						if g, _ := userGrant(id); g.ID != gid {
							return fmt.Errorf("grant %s replaced by %s; the import should own it", gid, g.ID)
						}
						return nil
					},
				),
			},
		},
	})
}

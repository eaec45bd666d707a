resource "myaccount_api" "this" {}

resource "myaccount_user_access" "spa" {
  client_id = "spa_demo_client"
  audience  = myaccount_api.this.audience # orders the grant after the activation
  scopes = [
    "read:me:authentication_methods",
    "create:me:authentication_methods",
    "delete:me:authentication_methods",
    "read:me:factors",
  ]
}

# A user grant for the My Organization API (Early Access).
resource "myaccount_api" "org" {
  system_api = "my_organization"
}

resource "myaccount_user_access" "org" {
  system_api = "my_organization"
  client_id  = "spa_demo_client"
  audience   = myaccount_api.org.audience
  scopes     = ["read:my_org:details", "update:my_org:details"]
}

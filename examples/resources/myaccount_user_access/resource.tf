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

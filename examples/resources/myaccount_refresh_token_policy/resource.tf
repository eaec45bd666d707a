resource "myaccount_api" "this" {}

# The user grant: a refreshed My Account token carries at most these scopes.
resource "myaccount_user_access" "spa" {
  client_id = "spa_demo_client"
  audience  = myaccount_api.this.audience
  scopes    = ["read:me:authentication_methods", "read:me:factors"]
}

# The refresh-token policy entry for the My Account API, so that an app
# using refresh tokens (auth0-spa-js useRefreshTokens: true) can get a
# token for https://{domain}/me/ without third-party cookies.
resource "myaccount_refresh_token_policy" "spa" {
  client_id = "spa_demo_client"
  audience  = myaccount_api.this.audience # orders the entry after the activation
  scopes    = ["read:me:authentication_methods", "read:me:factors"]
}

# The same for the My Organization API (Early Access): its own user grant
# and policy entry, next to the My Account one in the client's
# refresh_token.policies.
resource "myaccount_api" "org" {
  system_api = "my_organization"
}

resource "myaccount_user_access" "org" {
  system_api = "my_organization"
  client_id  = "spa_demo_client"
  audience   = myaccount_api.org.audience
  scopes     = ["read:my_org:details"]
}

resource "myaccount_refresh_token_policy" "org" {
  system_api = "my_organization"
  client_id  = "spa_demo_client"
  audience   = myaccount_api.org.audience
  scopes     = ["read:my_org:details"]
}

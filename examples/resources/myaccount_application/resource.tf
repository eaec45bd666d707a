# Every per-client setting of a single-page app in one resource: one PATCH
# of the client per apply, as the official provider's auth0_client.
resource "myaccount_application" "spa" {
  client_id = "spa_demo_client"

  allowed_origins = {
    origins = ["https://app.example.com", "http://localhost:3000"]
  }
  web_origins = {
    origins = ["https://app.example.com"]
  }
  cross_origin_auth = {
    enabled               = true
    verification_location = "https://app.example.com/cross-auth.html"
  }
}

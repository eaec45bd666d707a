resource "myaccount_cross_origin_auth" "spa" {
  client_id             = "spa_demo_client"
  enabled               = true
  verification_location = "https://app.example.com/cross-auth.html"
}

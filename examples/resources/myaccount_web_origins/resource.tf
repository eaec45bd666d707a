# Merge mode (the default): add the single-page app's origin to the client's
# Allowed Web Origins, which silent token renewal (getTokenSilently in an
# iframe, response_mode=web_message) needs; keep every other web origin, and
# on destroy remove only the ones added here.
resource "myaccount_web_origins" "spa" {
  client_id = "spa_demo_client"
  origins   = ["https://app.example.com", "http://localhost:3000"]
}

# Exclusive mode: the list is the application's whole web_origins.
resource "myaccount_web_origins" "admin" {
  client_id = "admin_spa_client"
  origins   = ["https://admin.example.com"]
  exclusive = true
}

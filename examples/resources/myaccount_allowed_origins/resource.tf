# Merge mode (the default): add these origins, keep every other origin the
# application has, and on destroy remove only the origins added here.
resource "myaccount_allowed_origins" "spa" {
  client_id = "spa_demo_client"
  origins = [
    "https://app.example.com",
    "https://*.preview.example.com",
    "http://localhost:3000",
  ]
}

# Exclusive mode: the list is the application's whole allowed_origins.
resource "myaccount_allowed_origins" "admin" {
  client_id = "admin_spa_client"
  origins   = ["https://admin.example.com"]
  exclusive = true
}

# Activate the My Account API on the tenant's canonical domain.
resource "myaccount_api" "this" {
  user_access_policy = "require_client_grant"
  deletion_policy    = "retain" # destroy leaves the API active (with a warning)
}

# Or on a custom domain whose status is "ready", deactivated on destroy.
resource "myaccount_api" "custom" {
  audience_domain = "login.example.com"
  deletion_policy = "delete"
}

# The My Organization API (Early Access), https://{domain}/my-org/: the same
# lifecycle, named by system_api.
resource "myaccount_api" "org" {
  system_api      = "my_organization"
  deletion_policy = "retain"
}

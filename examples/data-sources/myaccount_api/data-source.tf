data "myaccount_api" "current" {}

output "my_account_api_active" {
  value = data.myaccount_api.current.active
}

output "my_account_api_scopes" {
  value = data.myaccount_api.current.scopes
}

data "myaccount_client" "spa" {
  client_id = "spa_demo_client"
}

output "spa_origins" {
  value = data.myaccount_client.spa.allowed_origins
}

output "spa_cross_origin_authentication" {
  value = data.myaccount_client.spa.cross_origin_authentication
}

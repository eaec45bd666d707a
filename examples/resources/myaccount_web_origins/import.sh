# By client ID. The client's current web origins are adopted as managed (merge mode).
terraform import myaccount_web_origins.spa spa_demo_client

# By client ID. The client's current origins are adopted as managed (merge mode).
terraform import myaccount_allowed_origins.spa spa_demo_client

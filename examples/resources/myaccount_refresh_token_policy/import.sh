# By client ID; the entry at import time is what destroy restores:
terraform import myaccount_refresh_token_policy.spa spa_demo_client

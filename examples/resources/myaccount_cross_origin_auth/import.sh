# By client ID. Destroy then restores the values seen at import time.
terraform import myaccount_cross_origin_auth.spa spa_demo_client

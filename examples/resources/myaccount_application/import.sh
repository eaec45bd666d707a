# By client ID. The client's current allowed and web origins are adopted as
# managed (merge mode); destroy restores the cross-origin values seen at
# import time.
terraform import myaccount_application.spa spa_demo_client

# By client ID; the entry at import time is what destroy restores:
terraform import myaccount_refresh_token_policy.spa spa_demo_client

# The My Organization API's entry, by client ID and its audience (system_api follows it):
terraform import myaccount_refresh_token_policy.org spa_demo_client,https://my-tenant.eu.auth0.com/my-org/

# By client ID (the grant for the provider domain's My Account API):
terraform import myaccount_user_access.spa spa_demo_client

# Or by client ID and audience:
terraform import myaccount_user_access.spa spa_demo_client,https://login.example.com/me/

# A My Organization API grant, by client ID and its audience (system_api follows it):
terraform import myaccount_user_access.org spa_demo_client,https://my-tenant.eu.auth0.com/my-org/

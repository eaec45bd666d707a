# By audience:
terraform import myaccount_api.this https://my-tenant.eu.auth0.com/me/

# Or by resource server id:
terraform import myaccount_api.this 66a1b2c3d4e5f60718293a4b

# The My Organization API, by its audience (system_api follows it):
terraform import myaccount_api.org https://my-tenant.eu.auth0.com/my-org/

terraform {
  required_providers {
    myaccount = {
      source = "tenantcfg/myaccount"
    }
  }
}

# Every setting falls back to the AUTH0_* environment variable of the same
# name (AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, ...), so the block
# may stay empty. Keep secrets out of the configuration.
provider "myaccount" {
  domain    = "my-tenant.eu.auth0.com"
  client_id = "Abc123MachineToMachineClientId"
  # client_secret from AUTH0_CLIENT_SECRET
}

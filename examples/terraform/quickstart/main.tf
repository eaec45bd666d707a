# Quickstart: activate the Auth0 My Account API and let a single-page app and
# a native app use it. It is the Terraform twin of
# examples/quickstart/myaccountconfig.yaml.
#
# Against the emulator, from the repository root:
#
#   go build -o "$PWD/bin/terraform-provider-myaccount" .
#   go run . sim --env-file sim.env &          # prints the domain and credentials
#   set -a; . ./sim.env; set +a                # AUTH0_* and SSL_CERT_FILE
#   printf 'provider_installation {\n  dev_overrides {\n    "tenantcfg/myaccount" = "%s/bin"\n  }\n  direct {}\n}\n' "$PWD" > dev.tfrc
#   export TF_CLI_CONFIG_FILE="$PWD/dev.tfrc"
#   cd examples/terraform/quickstart
#   terraform apply                            # no `terraform init` with dev_overrides
#   terraform plan -detailed-exitcode          # exits 0: nothing to change
#
# The client IDs are the applications `myaccount sim` seeds by default.

terraform {
  required_providers {
    myaccount = {
      source = "tenantcfg/myaccount"
    }
  }
}

# Credentials come from AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.
provider "myaccount" {}

variable "spa_client_id" {
  description = "Client ID of the single-page app."
  type        = string
  default     = "spa_demo_client"
}

variable "native_client_id" {
  description = "Client ID of the native app."
  type        = string
  default     = "native_demo_client"
}

resource "myaccount_api" "this" {
  user_access_policy = "require_client_grant"
  deletion_policy    = "retain"
}

# Merge mode: adds these origins and keeps the ones the app already has.
resource "myaccount_allowed_origins" "spa" {
  client_id = var.spa_client_id
  origins   = ["https://app.example.com", "http://localhost:3000"]
}

# Silent token renewal in an iframe needs the app's origin in web_origins too.
resource "myaccount_web_origins" "spa" {
  client_id = var.spa_client_id
  origins   = ["https://app.example.com", "http://localhost:3000"]
}

resource "myaccount_cross_origin_auth" "spa" {
  client_id             = var.spa_client_id
  enabled               = true
  verification_location = "https://app.example.com/cross-auth.html"
}

resource "myaccount_user_access" "spa" {
  client_id = var.spa_client_id
  audience  = myaccount_api.this.audience
  scopes = [
    "read:me:authentication_methods",
    "create:me:authentication_methods",
    "delete:me:authentication_methods",
    "read:me:factors",
  ]
}

resource "myaccount_user_access" "native" {
  client_id = var.native_client_id
  audience  = myaccount_api.this.audience
  scopes    = ["read:me:authentication_methods"]
}

output "audience" {
  description = "The My Account API audience the apps request tokens for."
  value       = myaccount_api.this.audience
}

output "spa_all_origins" {
  description = "Every allowed origin on the SPA, including those not managed here."
  value       = myaccount_allowed_origins.spa.all_origins
}

#!/usr/bin/env bash
# Regenerates docs/ with tfplugindocs from the provider schema, examples/ and
# templates/. Works offline: the schema comes from the cached Terraform CLI
# (hack/tools.sh) running the freshly built provider through dev_overrides,
# and tfplugindocs gets it with --providers-schema, so it neither downloads
# Terraform nor runs `terraform init`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${MYACCOUNT_TOOLS_CACHE:-$HOME/.cache/myaccount-tools}"
TERRAFORM="${TF_ACC_TERRAFORM_PATH:-$CACHE/terraform-1.5.7/terraform}"
TFPLUGINDOCS="${TFPLUGINDOCS:-$CACHE/tfplugindocs-0.24.0/tfplugindocs}"

for tool in "$TERRAFORM" "$TFPLUGINDOCS"; do
  if [[ ! -x "$tool" ]]; then
    echo "tfdocs: $tool is missing: run \`make tools\`" >&2
    exit 1
  fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. Build the provider and get its schema with `terraform providers schema`.
go build -C "$ROOT" -o "$work/bin/terraform-provider-myaccount" .
cat > "$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "tenantcfg/myaccount" = "$work/bin"
  }
  direct {}
}
TFRC
mkdir -p "$work/schema"
cat > "$work/schema/main.tf" <<'TF'
terraform {
  required_providers {
    myaccount = {
      source = "tenantcfg/myaccount"
    }
  }
}
TF
(
  cd "$work/schema"
  TF_CLI_CONFIG_FILE="$work/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 \
    "$TERRAFORM" providers schema -json > "$work/schema.json" 2> "$work/schema.err" || {
      cat "$work/schema.err" >&2
      exit 1
    }
)

# tfplugindocs looks the provider up by its short name (or under the
# hashicorp namespace); our schema is keyed by its real address.
sed -i 's#"registry.terraform.io/tenantcfg/myaccount"#"myaccount"#' "$work/schema.json"

# 2. Render docs/ from the schema, examples/ and templates/.
cd "$ROOT"
PATH="$(dirname "$TERRAFORM"):$PATH" CHECKPOINT_DISABLE=1 "$TFPLUGINDOCS" generate \
  --provider-dir "$ROOT" \
  --provider-name myaccount \
  --rendered-provider-name myaccount \
  --providers-schema "$work/schema.json" \
  --examples-dir examples \
  --website-source-dir templates \
  --rendered-website-dir docs

#!/usr/bin/env bash
# Generates the Kubernetes artefacts from the kubebuilder markers in api/ and
# operator/: deepcopy (api/v1alpha1/zz_generated.deepcopy.go), the CRD
# (config/crd/bases) and the RBAC role (config/rbac/role.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${CONTROLLER_GEN:-}" ]]; then
  eval "$(bash hack/tools.sh env)"
fi
if [[ ! -x "${CONTROLLER_GEN:-}" ]]; then
  CONTROLLER_GEN="$HOME/.cache/myaccount-tools/controller-gen-0.23.0/controller-gen"
fi
"$CONTROLLER_GEN" object paths=./api/...
"$CONTROLLER_GEN" crd paths=./api/... output:crd:artifacts:config=config/crd/bases
"$CONTROLLER_GEN" rbac:roleName=myaccount-operator paths=./operator/... output:rbac:artifacts:config=config/rbac
gofmt -w api/v1alpha1/zz_generated.deepcopy.go

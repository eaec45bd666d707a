#!/usr/bin/env bash
# Builds the real tools the tests need from their Go modules and caches them
# outside the clone, keyed by version, so CI and later sessions reuse them.
# Prints nothing but progress; exits non-zero if a tool cannot be built.
set -euo pipefail

TERRAFORM_VERSION=1.5.7
KUBERNETES_VERSION=1.37.2
STAGING_VERSION=0.37.2
ETCD_VERSION=3.6.8
CONTROLLER_GEN_VERSION=0.23.0
TFPLUGINDOCS_VERSION=0.24.0
TOFU_VERSION=1.10.7
# OpenTofu forks hcl; its go.mod replaces it, which `go install pkg@version`
# ignores, so the tofu build repeats the replace in a scratch module.
TOFU_HCL_REPLACE=github.com/opentofu/hcl/v2@v2.20.2-0.20251021132045-587d123c2828
HELM_VERSION=3.22.0
GORELEASER_VERSION=2.15.1
AUTH0_SPA_JS_VERSION=2.27.0
# The official provider, for its recordings of real Auth0 traffic that the
# emulator's replay test sends again (never committed).
AUTH0_PROVIDER_VERSION=1.54.1

CACHE="${MYACCOUNT_TOOLS_CACHE:-${HOME:-/root}/.cache/myaccount-tools}"
mkdir -p "$CACHE"

log() { echo "tools: $*" >&2; }

# with_lock NAME CMD...: runs CMD holding a per-tool lock, so that two
# sessions (or CI jobs sharing the cache) never build into the same folder.
with_lock() {
  local name=$1; shift
  exec {lockfd}>"$CACHE/.$name.lock"
  flock "$lockfd"
  "$@"
  local rc=$?
  exec {lockfd}>&-
  return $rc
}

# go_install_tool NAME VERSION PACKAGE: `go install PACKAGE@vVERSION` into the
# cache as NAME-VERSION/NAME, once.
go_install_tool() {
  local name=$1 version=$2 pkg=$3 dir="$CACHE/$1-$2"
  [[ -x "$dir/$name" ]] && return
  log "building $name $version"
  rm -rf "$dir.tmp"
  GOBIN="$dir.tmp" go install "$pkg@v$version"
  mv "$dir.tmp" "$dir"
}

# build_in_module NAME VERSION PACKAGE MODULE [REPLACE]: builds PACKAGE from
# MODULE@vVERSION in a scratch module (optionally with `go mod edit -replace`),
# for tools whose go.mod has replace directives that `go install` refuses.
build_in_module() {
  local name=$1 version=$2 pkg=$3 module=$4 replace=${5:-} dir="$CACHE/$1-$2"
  [[ -x "$dir/$name" ]] && return
  log "building $name $version"
  local mod; mod="$(mktemp -d)"
  (
    cd "$mod"
    go mod init "tools.local/$name" >/dev/null 2>&1
    go mod edit -require="$module@v$version"
    if [[ -n "$replace" ]]; then go mod edit -replace="$replace"; fi
    printf 'package tools\n\nimport _ "%s"\n' "$pkg" > tools.go
    go mod tidy >/dev/null 2>&1
    rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
    go build -trimpath -ldflags "${LDFLAGS:-}" -o "$dir.tmp/$name" "$pkg"
  )
  rm -rf "$mod"
  mv "$dir.tmp" "$dir"
}

build_terraform() {
  go_install_tool terraform "$TERRAFORM_VERSION" github.com/hashicorp/terraform # about 5 minutes
}

build_kube_apiserver() {
  local dir="$CACHE/kube-apiserver-$KUBERNETES_VERSION"
  [[ -x "$dir/kube-apiserver" ]] && return
  log "building kube-apiserver $KUBERNETES_VERSION (about 7 minutes)"
  local mod; mod="$(mktemp -d)"
  (
    cd "$mod"
    go mod init tools.local/kube >/dev/null 2>&1
    go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" >/dev/null
    local gomod; gomod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/v$KUBERNETES_VERSION.mod"
    local args=(-require="k8s.io/kubernetes@v$KUBERNETES_VERSION")
    for m in $(grep -E '=> ./staging' "$gomod" | awk '{print $1}'); do
      args+=(-replace="$m=$m@v$STAGING_VERSION")
    done
    go mod edit "${args[@]}"
    printf 'package tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n' > tools.go
    go mod tidy >/dev/null 2>&1 || go get "k8s.io/kubernetes/cmd/kube-apiserver@v$KUBERNETES_VERSION"
    local minor="${KUBERNETES_VERSION#*.}"; minor="${minor%%.*}"
    GOBIN="$dir.tmp" go install -ldflags "-X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor" k8s.io/kubernetes/cmd/kube-apiserver
  )
  rm -rf "$mod"
  mv "$dir.tmp" "$dir"
}

build_etcd() {
  local dir="$CACHE/etcd-$ETCD_VERSION"
  [[ -x "$dir/etcd" ]] && return
  log "building etcd $ETCD_VERSION"
  local mod; mod="$(mktemp -d)"
  (
    cd "$mod"
    go mod init tools.local/etcd >/dev/null 2>&1
    printf 'package tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > tools.go
    go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >/dev/null 2>&1
    go mod tidy >/dev/null 2>&1
    mkdir -p "$dir.tmp"
    go build -o "$dir.tmp/etcd" go.etcd.io/etcd/server/v3
  )
  rm -rf "$mod"
  mv "$dir.tmp" "$dir"
}

build_controller_gen() {
  go_install_tool controller-gen "$CONTROLLER_GEN_VERSION" sigs.k8s.io/controller-tools/cmd/controller-gen
}

build_tfplugindocs() {
  go_install_tool tfplugindocs "$TFPLUGINDOCS_VERSION" github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs
}

build_tofu() {
  # about 7 minutes on 2 cores
  LDFLAGS="-X github.com/opentofu/opentofu/version.dev=no" \
    with_lock tofu build_in_module tofu "$TOFU_VERSION" github.com/opentofu/opentofu/cmd/tofu \
    github.com/opentofu/opentofu "github.com/hashicorp/hcl/v2=$TOFU_HCL_REPLACE"
}

build_helm() {
  # Helm's Makefile stamps the Kubernetes version its client libraries
  # speak (k8s.io/client-go v0.37: 1.37); without it, templates see 1.20.
  local k8s="-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=37"
  k8s+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=37"
  LDFLAGS="-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION $k8s" \
    with_lock helm build_in_module helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm helm.sh/helm/v3
}

build_goreleaser() {
  with_lock goreleaser go_install_tool goreleaser "$GORELEASER_VERSION" github.com/goreleaser/goreleaser/v2
}

# The Go machine image ships a kubectl; elsewhere Debian's kubernetes-client
# provides one.
install_kubectl() {
  command -v kubectl >/dev/null && return
  log "installing kubectl from Debian's kubernetes-client"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
  fi
}

# apt_install PACKAGE: Debian's package, as root or through sudo, within
# 15 minutes per step.
apt_install() {
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" timeout 900 apt-get update -qq >/dev/null &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "$1" >/dev/null
}

# The browser test drives Debian's chromium (test/browser).
install_chromium() {
  command -v chromium >/dev/null && return
  log "installing chromium from Debian"
  apt_install chromium && command -v chromium >/dev/null
}

# The browser test's page uses the official SPA SDK from npm, kept in the
# cache and never committed.
install_auth0_spa_js() {
  local dir="$CACHE/auth0-spa-js-$AUTH0_SPA_JS_VERSION"
  [[ -f "$dir/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js" ]] && return
  command -v npm >/dev/null || { log "installing npm from Debian"; apt_install npm || return 1; }
  log "installing @auth0/auth0-spa-js $AUTH0_SPA_JS_VERSION from npm"
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  # Explicit returns: under `||` bash ignores set -e, and a failed install
  # must never be moved into place.
  timeout 600 npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$dir.tmp" "@auth0/auth0-spa-js@$AUTH0_SPA_JS_VERSION" >/dev/null || return 1
  [[ -f "$dir.tmp/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js" ]] || return 1
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
}

# The recordings come with the official provider's Go module, from the
# module proxy; only the recordings are kept in the cache.
fetch_auth0_recordings() {
  local dir="$CACHE/auth0-recordings-$AUTH0_PROVIDER_VERSION"
  [[ -f "$dir/.complete" ]] && return
  log "fetching the recordings of github.com/auth0/terraform-provider-auth0 v$AUTH0_PROVIDER_VERSION from the Go module proxy"
  local scratch; scratch="$(mktemp -d)"
  (cd "$scratch" && GOFLAGS=-mod=mod timeout 600 go mod download "github.com/auth0/terraform-provider-auth0@v$AUTH0_PROVIDER_VERSION") || return 1
  local src; src="$(go env GOMODCACHE)/github.com/auth0/terraform-provider-auth0@v$AUTH0_PROVIDER_VERSION/test/data/recordings"
  [[ -d "$src" ]] || return 1
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  cp "$src"/*.yaml "$dir.tmp/" || return 1
  touch "$dir.tmp/.complete"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
}

# env prints the variables the tests read, for `eval "$(hack/tools.sh env)"`.
print_env() {
  echo "export TF_ACC_TERRAFORM_PATH=$CACHE/terraform-$TERRAFORM_VERSION/terraform"
  echo "export MYACCOUNT_TERRAFORM=$CACHE/terraform-$TERRAFORM_VERSION/terraform"
  echo "export KUBEBUILDER_ASSETS=$CACHE/envtest-$KUBERNETES_VERSION"
  echo "export CONTROLLER_GEN=$CACHE/controller-gen-$CONTROLLER_GEN_VERSION/controller-gen"
  echo "export TFPLUGINDOCS=$CACHE/tfplugindocs-$TFPLUGINDOCS_VERSION/tfplugindocs"
  echo "export MYACCOUNT_TOFU=$CACHE/tofu-$TOFU_VERSION/tofu"
  echo "export MYACCOUNT_HELM=$CACHE/helm-$HELM_VERSION/helm"
  echo "export MYACCOUNT_GORELEASER=$CACHE/goreleaser-$GORELEASER_VERSION/goreleaser"
  echo "export MYACCOUNT_CHROMIUM=$(command -v chromium || echo /usr/bin/chromium)"
  echo "export MYACCOUNT_AUTH0_SPA_JS=$CACHE/auth0-spa-js-$AUTH0_SPA_JS_VERSION/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js"
  echo "export MYACCOUNT_AUTH0_RECORDINGS=$CACHE/auth0-recordings-$AUTH0_PROVIDER_VERSION"
}

# envtest wants kube-apiserver, etcd (and kubectl) in one folder.
assemble_envtest() {
  local dir="$CACHE/envtest-$KUBERNETES_VERSION"
  mkdir -p "$dir"
  ln -sf "$CACHE/kube-apiserver-$KUBERNETES_VERSION/kube-apiserver" "$dir/kube-apiserver"
  ln -sf "$CACHE/etcd-$ETCD_VERSION/etcd" "$dir/etcd"
  if command -v kubectl >/dev/null; then ln -sf "$(command -v kubectl)" "$dir/kubectl"; fi
}

case "${1:-all}" in
  env) print_env ;;
  terraform) with_lock terraform build_terraform ;;
  kube) with_lock kube-apiserver build_kube_apiserver; with_lock etcd build_etcd; install_kubectl; assemble_envtest ;;
  gen) with_lock controller-gen build_controller_gen; with_lock tfplugindocs build_tfplugindocs ;;
  tofu) build_tofu ;;
  helm) build_helm ;;
  goreleaser) build_goreleaser ;;
  browser) install_chromium; with_lock auth0-spa-js install_auth0_spa_js ;;
  recordings) with_lock auth0-recordings fetch_auth0_recordings ;;
  all)
    with_lock terraform build_terraform
    with_lock kube-apiserver build_kube_apiserver
    with_lock etcd build_etcd
    install_kubectl
    assemble_envtest
    with_lock controller-gen build_controller_gen
    with_lock tfplugindocs build_tfplugindocs
    build_helm
    build_goreleaser
    build_tofu
    # Without them only test/browser skips, and says why; the rest runs.
    with_lock chromium install_chromium ||
      log "WARNING: chromium could not be installed from Debian: test/browser will skip"
    with_lock auth0-spa-js install_auth0_spa_js ||
      log "WARNING: @auth0/auth0-spa-js $AUTH0_SPA_JS_VERSION could not be installed from npm: test/browser will skip"
    with_lock auth0-recordings fetch_auth0_recordings ||
      log "WARNING: the official provider's recordings could not be fetched: the emulator's replay test will skip"
    ;;
  *) echo "usage: $0 [all|env|terraform|kube|gen|tofu|helm|goreleaser|browser|recordings]" >&2; exit 64 ;;
esac

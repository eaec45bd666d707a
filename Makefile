# myaccount: one binary that is a Terraform provider, a Kubernetes operator,
# a pipeline CLI and an Auth0 tenant emulator.

GO       ?= go
TOOLS_ENV = eval "$$(bash hack/tools.sh env)"
PKGS      = ./...

.PHONY: image all build test test-unit fuzz lint generate verify-generated tools bench demo install-provider

all: build

build:
	$(GO) build -o bin/myaccount .

## tools: build the real Terraform CLI, OpenTofu, kube-apiserver, etcd, helm,
## goreleaser, controller-gen and tfplugindocs once, cached in
## ~/.cache/myaccount-tools by version; install kubectl.
tools:
	bash hack/tools.sh all

## test: every suite (reconciler tables, emulator, CLI end to end over TLS,
## Terraform acceptance with the real CLI, operator on a real kube-apiserver).
test: tools lint
	$(TOOLS_ENV) && $(GO) test -count=1 -timeout 40m $(PKGS)
	$(MAKE) fuzz

## fuzz: each parser fuzzer for a bounded time, starting from its committed
## seed corpus (testdata/fuzz); a crash is saved there and fails the run.
FUZZTIME ?= 20s
FUZZERS   = ./internal/reconciler/syntax:FuzzCanonicalOrigin ./internal/reconciler:FuzzPlanClient ./internal/reconciler:FuzzPlanRefreshPolicy ./internal/cli:FuzzParseManifests ./internal/reconciler:FuzzParseTokenClaims ./internal/reconciler:FuzzEvaluatePreflight ./internal/auth0sim:FuzzOriginMatches
fuzz:
	FUZZTIME=$(FUZZTIME) GO=$(GO) bash hack/fuzz.sh $(FUZZERS)

## test-unit: the suites that need no external tools.
test-unit:
	$(GO) test -count=1 ./internal/...

lint:
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags image . ./internal/cli ./operator

## generate: CRD, deepcopy and RBAC (controller-gen), provider docs (tfplugindocs),
## the Helm chart's CRD template and README values table.
generate: tools
	$(TOOLS_ENV) && bash hack/generate-k8s.sh
	$(TOOLS_ENV) && bash hack/tfdocs.sh
	$(GO) test ./charts -run TestGeneratedFilesAreCurrent -count=1 -update

## verify-generated: fail when generated files differ from what is committed.
verify-generated: generate
	@git diff --exit-code -- api config docs charts || (echo "generated files are stale: run make generate and commit" && exit 1)

bench:
	$(TOOLS_ENV) && $(GO) test -run '^$$' -bench . -benchtime 1x $(PKGS)

## image: the operator's OCI image as a tarball, without a Docker engine
## (docker load < bin/myaccount-image.tar, or crane push it).
VERSION ?= dev
image:
	CGO_ENABLED=0 GOOS=linux $(GO) build -tags image -trimpath -ldflags "-s -w -X github.com/tenantcfg/myaccount/internal/cli.Version=$(VERSION)" -o bin/myaccount-linux .
	$(GO) run ./hack/image -binary bin/myaccount-linux -version $(VERSION) -o bin/myaccount-image.tar

demo:
	$(GO) run . demo

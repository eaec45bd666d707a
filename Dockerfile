# syntax=docker/dockerfile:1
# Builds the myaccount binary for the image (-tags image: the operator and the
# CLI, without the Terraform provider, demo and sim, so the operator maps
# fewer pages) into a distroless static image running as non-root.
#   docker build -t ghcr.io/tenantcfg/myaccount:dev .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -tags image -trimpath -ldflags "-s -w -X github.com/tenantcfg/myaccount/internal/cli.Version=${VERSION}" -o /out/myaccount .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/myaccount /myaccount
USER 65532:65532
ENTRYPOINT ["/myaccount"]
CMD ["operator"]

// Command image builds the operator's OCI image tarball from a static
// myaccount binary, with no Docker engine (make image):
//
//	CGO_ENABLED=0 GOOS=linux go build -tags image -ldflags "-X github.com/tenantcfg/myaccount/internal/cli.Version=v1.2.3" -o bin/myaccount-linux .
//	go run ./hack/image -binary bin/myaccount-linux -version v1.2.3 -o bin/myaccount-image.tar
//	docker load < bin/myaccount-image.tar   # or: crane push bin/myaccount-image.tar ghcr.io/you/myaccount:v1.2.3
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/tenantcfg/myaccount/internal/ociimage"
)

func main() {
	bin := flag.String("binary", "bin/myaccount-linux", "static linux myaccount binary")
	version := flag.String("version", "dev", "image version label")
	arch := flag.String("arch", runtime.GOARCH, "GOARCH of the binary")
	repo := flag.String("repository", "ghcr.io/tenantcfg/myaccount", "image repository")
	out := flag.String("o", "bin/myaccount-image.tar", "output tarball")
	flag.Parse()
	img, err := ociimage.Build(ociimage.Options{Binary: *bin, Version: *version, Arch: *arch})
	if err == nil {
		err = ociimage.Write(*out, *repo+":"+*version, img)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s (%s:%s)\n", *out, *repo, *version)
}

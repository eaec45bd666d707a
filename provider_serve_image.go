//go:build image

package main

import (
	"context"
	"errors"
)

// serveProvider refuses in the container image's build (-tags image), which
// leaves the Terraform provider out so that the operator maps fewer pages.
func serveProvider(context.Context, string, bool) error {
	return errors.New("this build (the container image, built with -tags image) leaves out the Terraform provider; " +
		"install a release binary or run `go install github.com/tenantcfg/myaccount@latest`")
}

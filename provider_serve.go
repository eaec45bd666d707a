//go:build !image

package main

import (
	"context"

	"github.com/tenantcfg/myaccount/provider"
)

// serveProvider serves the Terraform provider until Terraform stops it.
func serveProvider(ctx context.Context, version string, debug bool) error {
	return provider.Serve(ctx, version, debug)
}

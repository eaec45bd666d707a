// Command myaccount configures the Auth0 My Account API for a tenant: a CLI
// (plan, apply, drift, demo, sim), and, started with no arguments, the
// Terraform provider.
package main

import (
	"os"

	"github.com/tenantcfg/myaccount/internal/cli"
)

func main() {
	if len(os.Args) == 1 {
		// TERRAFORM PROVIDER: Terraform starts provider plugins with no
		// arguments. Serve the provider here once it exists, e.g.
		//
		//	if err := provider.Serve(); err != nil { fmt.Fprintln(os.Stderr, err); os.Exit(1) }
		//	return
		//
		// Until then, fall through to the help.
	}
	os.Exit(cli.Main(os.Args[1:]))
}

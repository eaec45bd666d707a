// Command myaccount configures the Auth0 My Account API for a tenant. Started
// with no arguments (as Terraform does) it serves the Terraform provider;
// otherwise it is the CLI: demo, sim, plan, apply, drift, version, help.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/tenantcfg/myaccount/internal/cli"
)

func main() {
	// Terraform starts provider plugins with no arguments (and sets
	// TF_PLUGIN_MAGIC_COOKIE); -debug prints TF_REATTACH_PROVIDERS for running
	// the provider under a debugger. A person running `myaccount` with no
	// arguments gets the help instead of go-plugin's "This binary is a plugin".
	debug := len(os.Args) == 2 && (os.Args[1] == "-debug" || os.Args[1] == "--debug")
	if (len(os.Args) == 1 && os.Getenv("TF_PLUGIN_MAGIC_COOKIE") != "") || debug {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := serveProvider(ctx, cli.Version, debug)
		stop()
		if err != nil {
			fmt.Fprintf(os.Stderr, "myaccount: %v\n(run `myaccount help` for the command line)\n", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(cli.Main(os.Args[1:]))
}

// Package cli implements the myaccount command line: demo, sim, plan, apply,
// drift, verify, version and help. main.go calls Main; tests call Run with their own
// Env to capture output and to trust the emulator's CA.
package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Version is the release version, set at build time with
//
//	go build -ldflags "-X github.com/tenantcfg/myaccount/internal/cli.Version=v1.2.3"
var Version = "dev"

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	// ExitDrift is returned by drift when the tenant differs from the config.
	ExitDrift = 2
	// ExitUsage is returned for bad flags or arguments.
	ExitUsage = 64
)

// Env is the world a command runs in. The zero value of each field means the
// process default.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the AUTH0_* variables; nil means os.Getenv.
	Getenv func(string) string
	// RootCAs, if set, is trusted for the Management API instead of the
	// system roots (which honour SSL_CERT_FILE).
	RootCAs *x509.CertPool
	// Retry overrides the Management API retry policy (zero = default).
	Retry mgmt.RetryPolicy
	// Dir is the working directory for relative default paths; "" = cwd.
	Dir string
	// IsTerminal, if set, says whether a writer is a terminal (progress is
	// shown only on one); nil checks the file descriptor.
	IsTerminal func(io.Writer) bool
	// Ready, if set, is called by `sim` once the emulator listens.
	Ready func(domain string)
}

func (e *Env) defaults() {
	if e.Stdin == nil {
		e.Stdin = os.Stdin
	}
	if e.Stdout == nil {
		e.Stdout = os.Stdout
	}
	if e.Stderr == nil {
		e.Stderr = os.Stderr
	}
}

// Main runs the command line with the process's streams and environment and
// returns the exit code. SIGINT and SIGTERM cancel the command.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, Env{}, args)
}

// Run runs one command and returns its exit code.
func Run(ctx context.Context, env Env, args []string) int {
	env.defaults()
	if len(args) == 0 {
		usage(env.Stdout)
		return ExitOK
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "plan":
		return runReconcile(ctx, env, modePlan, rest)
	case "apply":
		return runReconcile(ctx, env, modeApply, rest)
	case "drift":
		return runReconcile(ctx, env, modeDrift, rest)
	case "verify":
		return runVerify(ctx, env, rest)
	case "operator":
		return runOperator(ctx, env, rest)
	case "version", "--version", "-version":
		fmt.Fprintf(env.Stdout, "myaccount %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return ExitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return Run(ctx, env, []string{rest[0], "-h"})
		}
		usage(env.Stdout)
		return ExitOK
	case "demo", "sim":
		if run := emulatorCommand(cmd); run != nil {
			return run(ctx, env, rest)
		}
		fmt.Fprintf(env.Stderr, "myaccount: %q is left out of this build (the container image, built with -tags image); "+
			"run it from a release binary or `go install github.com/tenantcfg/myaccount@latest`\n", cmd)
		return ExitUsage
	default:
		fmt.Fprintf(env.Stderr, "myaccount: unknown command %q\n\n", cmd)
		usage(env.Stderr)
		return ExitUsage
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `myaccount configures the Auth0 My Account API for a tenant from MyAccountConfig
manifests: the API activation, the applications' CORS origins and cross-origin
authentication, and the users' access to the API.

Usage:
  myaccount <command> [flags]

Commands:
  demo      run plan, apply, a dashboard edit, drift detection and the
            correction against an in-process Auth0 emulator (no setup)
  sim       run the Auth0 tenant emulator until interrupted
  plan      show what apply would change                  (-f FILE)
  apply     make the tenant match the configuration       (-f FILE)
  drift     check the tenant; exit 0 in sync, 2 drift, 1 error  (-f FILE)
  verify    check that a browser app can call the My Account API: each
            link of the chain, a real CORS preflight per origin;
            exit 0 works, 2 a link fails, 1 error     (-f FILE)
  operator  run the Kubernetes operator for MyAccountConfig objects
  version   print the version
  help      print this help, or "help <command>" for a command's flags

Credentials come from the environment, like the Auth0 Terraform provider:
  AUTH0_DOMAIN, and either AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET,
  AUTH0_CLIENT_ID + AUTH0_CLIENT_ASSERTION_PRIVATE_KEY (+ _SIGNING_ALG),
  or AUTH0_API_TOKEN. SSL_CERT_FILE adds a CA to trust (e.g. the emulator's).

State: apply records, per config, what it added (origins, prior cross-origin
settings, the grant id) in --state (default myaccount.state.json) so that a
later run removes only what myaccount added. Keep that file with the manifests.

Terraform: started by Terraform with no arguments, myaccount serves the
Terraform provider registry.terraform.io/tenantcfg/myaccount (-debug for a
debugger). Kubernetes: "myaccount operator" runs the operator (KUBECONFIG or
in-cluster; credentials from each object's spec.credentialsSecretRef).

Examples:
  myaccount demo
  myaccount sim --env-file sim.env      # then: set -a; . ./sim.env; set +a
  myaccount plan  -f examples/quickstart/myaccountconfig.yaml
  myaccount apply -f examples/quickstart/myaccountconfig.yaml -v
  myaccount drift -f examples/quickstart/myaccountconfig.yaml -o json
  myaccount verify -f examples/quickstart/myaccountconfig.yaml
`)
}

// newFlagSet returns a flag set that reports errors to env.Stderr.
func newFlagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: myaccount %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and rejects positional arguments. ok is false when
// the command must stop; code is then its exit code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "myaccount %s: unexpected argument %q (files are passed with -f)\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return ExitUsage, false
	}
	return ExitOK, true
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

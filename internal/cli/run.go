package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
)

// manifestRun is what plan, apply, drift and verify share: the flags -f, -o
// and -v, loading the manifests, the connection to the tenant, and how a run
// fails and prints. Each command adds its own flags and its own loop.
type manifestRun struct {
	env     Env
	files   stringList
	output  string
	verbose bool
	// mc is set by connect.
	mc *connection
}

// newManifestRun declares -f, -o and -v on fs; verboseUsage says what -v
// prints for this command.
func newManifestRun(env Env, fs *flag.FlagSet, verboseUsage string) *manifestRun {
	r := &manifestRun{env: env}
	fs.Var(&r.files, "f", "MyAccountConfig manifest `FILE`, one or more YAML documents (repeatable; - reads stdin)")
	fs.StringVar(&r.output, "o", "text", "output `format`: text or json")
	fs.BoolVar(&r.verbose, "v", false, verboseUsage)
	return r
}

// parse parses args and checks -o. ok is false when the command must stop;
// code is then its exit code.
func (r *manifestRun) parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if code, ok := parseFlags(fs, args); !ok {
		return code, false
	}
	if r.output != "text" && r.output != "json" {
		fmt.Fprintf(r.env.Stderr, "myaccount %s: -o must be text or json, not %q\n", fs.Name(), r.output)
		return ExitUsage, false
	}
	return ExitOK, true
}

// text is true for -o text.
func (r *manifestRun) text() bool { return r.output == "text" }

// path resolves a file flag's value against the working directory.
func (r *manifestRun) path(p string) string {
	if !filepath.IsAbs(p) && r.env.Dir != "" {
		return filepath.Join(r.env.Dir, p)
	}
	return p
}

// startProgress shows progress over the configs' applications, on a
// terminal and with -o text only (see progress).
func (r *manifestRun) startProgress(what string, cfgs []config) *progress {
	total := 0
	for _, c := range cfgs {
		total += len(c.Obj.Spec.Applications)
	}
	return startProgress(r.env, r.text(), what, total, r.mc)
}

// load reads the -f manifests.
func (r *manifestRun) load() ([]config, error) { return loadManifests(r.files, r.env.Stdin) }

// connect builds the Management API client for the manifests' tenant.
func (r *manifestRun) connect(ctx context.Context, cfgs []config) error {
	mc, err := connect(ctx, r.env, cfgs)
	r.mc = mc
	return err
}

// fail prints err for the whole run.
func (r *manifestRun) fail(err error) int {
	fmt.Fprintf(r.env.Stderr, "Error: %s\n", describeError(err))
	return ExitError
}

// failConfig prints err for config c, after the requests made so far (-v).
func (r *manifestRun) failConfig(c config, err error) int {
	r.printRequests()
	fmt.Fprintf(r.env.Stderr, "Error: %s (%s): %s\n", c.Key(), c.Source, describeError(err))
	return ExitError
}

// printRequests lists the requests made, with -v.
func (r *manifestRun) printRequests() {
	if r.verbose && r.mc != nil {
		r.mc.Counter.print(r.env.Stderr)
	}
}

// writeJSON prints the -o json document.
func (r *manifestRun) writeJSON(doc any) error {
	enc := json.NewEncoder(r.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// configHeader names a config in the -o json documents: the fields
// ConfigReport and VerifyConfigReport open with.
type configHeader struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	Domain    string `json:"domain"`
}

// header is c's configHeader on the tenant domain.
func (c config) header(domain string) configHeader {
	return configHeader{Name: c.Obj.Name, Namespace: c.Obj.Namespace, Domain: domain}
}

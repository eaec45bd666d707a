package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// ExitVerifyFailed is returned by verify when a link of the chain fails.
const ExitVerifyFailed = 2

// VerifySchemaVersion is the version of the JSON that verify prints with
// -o json, under the same rule as SchemaVersion: it changes only when a
// field changes meaning or goes away.
const VerifySchemaVersion = 1

// VerifyReport is the JSON printed by `verify -o json`, versioned like
// Report (SchemaVersion; see examples/pipeline/README.md).
type VerifyReport struct {
	SchemaVersion int  `json:"schemaVersion"`
	Pass          bool `json:"pass"`
	// Configs are in the order of the manifests.
	Configs []VerifyConfigReport `json:"configs"`
}

// VerifyConfigReport is one MyAccountConfig's chain.
type VerifyConfigReport struct {
	configHeader
	Pass bool `json:"pass"`
	reconciler.Verification
}

func runVerify(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "verify", "verify -f FILE [-f FILE]... [-o text|json] [--user-token-file FILE] [-v]\n\n"+
		"Checks, for each application, the chain a browser app needs to call the My Account API:\n"+
		"the API, the user grant, the user access policy, first party, a real CORS preflight per\n"+
		"origin, cross-origin authentication, web_origins and one domain throughout; for an application\n"+
		"with refreshTokenPolicy, refresh-token rotation and the policy entry and its scopes. Makes no writes.\n"+
		"Exit code: 0 every link passes (warnings allowed), 2 a link fails, 1 error.")
	r := newManifestRun(env, fs, "print the requests made (Management API, preflights)")
	tokenFile := fs.String("user-token-file", "", "`FILE` holding a user access token for https://{domain}/me/: one GET /me/v1/authentication-methods is made with it (never printed)")
	if code, ok := r.parse(fs, args); !ok {
		return code
	}
	token := ""
	if *tokenFile != "" {
		b, err := os.ReadFile(r.path(*tokenFile))
		if err != nil {
			return r.fail(fmt.Errorf("--user-token-file: %w", err))
		}
		if token = strings.TrimSpace(string(b)); token == "" {
			return r.fail(fmt.Errorf("--user-token-file %s is empty: save the access token the SDK got for the audience https://{domain}/me/ in it", *tokenFile))
		}
	}
	cfgs, err := r.load()
	if err != nil {
		return r.fail(err)
	}
	if err := r.connect(ctx, cfgs); err != nil {
		return r.fail(err)
	}
	mc := r.mc
	prog := r.startProgress("verify", cfgs)
	defer prog.stop()
	eng := &reconciler.Engine{Management: mc.Client.Management, Progress: prog.clientDone,
		Chain: &reconciler.ChainOptions{HTTP: mc.Client.TenantHTTP, UserToken: token}}

	rep := VerifyReport{SchemaVersion: VerifySchemaVersion, Pass: true, Configs: []VerifyConfigReport{}}
	for _, c := range cfgs {
		desired := crd.Desired(&c.Obj.Spec)
		desired.Domain = mc.Domain
		// No state: verify reads what the tenant holds, whoever set it.
		res, err := eng.Plan(ctx, desired, reconciler.State{})
		if err == nil {
			err = res.ChainErr
		}
		if err != nil {
			prog.stop()
			return r.failConfig(c, err)
		}
		cr := VerifyConfigReport{configHeader: c.header(mc.Domain), Pass: res.Chain.Pass(), Verification: *res.Chain}
		rep.Pass = rep.Pass && cr.Pass
		rep.Configs = append(rep.Configs, cr)
	}
	prog.stop()
	if r.text() {
		printVerify(env.Stdout, cfgs, rep)
	} else if err := r.writeJSON(rep); err != nil {
		return r.fail(err)
	}
	r.printRequests()
	if !rep.Pass {
		return ExitVerifyFailed
	}
	return ExitOK
}

// outcomeMark is the text output's first column.
var outcomeMark = map[reconciler.Outcome]string{
	reconciler.OutcomePass: "PASS", reconciler.OutcomeFail: "FAIL", reconciler.OutcomeWarn: "WARN", reconciler.OutcomeSkip: "SKIP",
}

func printVerify(w io.Writer, cfgs []config, rep VerifyReport) {
	failed, warned := 0, 0
	for i, cr := range rep.Configs {
		fmt.Fprintf(w, "MyAccountConfig %s/%s (tenant %s, %s), audience %s\n", cr.Namespace, cr.Name, cr.Domain, cfgs[i].Source, cr.Audience)
		for _, a := range cr.Apps {
			fmt.Fprintf(w, "  application %s (%s)\n", a.ClientID, a.Name)
			for _, c := range a.Checks {
				fmt.Fprintf(w, "    %s %d %s: %s\n", outcomeMark[c.Outcome], c.Link, c.Subject(), c.Message)
				if c.Fix != "" {
					fmt.Fprintf(w, "           fix: %s\n", c.Fix)
				}
				switch c.Outcome {
				case reconciler.OutcomeFail:
					failed++
				case reconciler.OutcomeWarn:
					warned++
				}
			}
		}
		if tc := cr.TokenCall; tc != nil {
			fmt.Fprintf(w, "  %s user token call: %s\n", outcomeMark[tc.Outcome], tc.Message)
			if tc.Fix != "" {
				fmt.Fprintf(w, "           fix: %s\n", tc.Fix)
			}
			if tc.Outcome == reconciler.OutcomeFail {
				failed++
			}
		}
		fmt.Fprintln(w)
	}
	if rep.Pass {
		fmt.Fprintf(w, "Verified: every link passes (%d warning(s)).\n", warned)
		return
	}
	fmt.Fprintf(w, "Not working: %d link(s) fail, %d warning(s). Apply each fix, then run verify again.\n", failed, warned)
}

package operator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The CRD's condition reasons by where they come from. Every Reason*
// constant of api/v1alpha1 is in exactly one list.
var (
	// engineReasons are the engine's failures (reconciler.Reasons), which
	// reasonFor writes as they are.
	engineReasons = []string{
		v1.ReasonInvalidSpec, v1.ReasonUnknownClient, v1.ReasonGrantConflict, v1.ReasonConflict, v1.ReasonMissingScope,
		v1.ReasonAPIActiveElsewhere, v1.ReasonInvalidCredentials, v1.ReasonRateLimited, v1.ReasonTenantUnavailable, v1.ReasonManagementAPIError,
	}
	// operatorFailures are failures only the operator meets: its Secret,
	// a deletion, a panic.
	operatorFailures = []string{
		v1.ReasonMissingSecretRef, v1.ReasonSecretNotFound, v1.ReasonInvalidSecret, v1.ReasonDeletionFailed, v1.ReasonInternalError,
	}
	// successReasons describe a run that went through (drift and the chain
	// check included).
	successReasons = []string{
		v1.ReasonReconciled, v1.ReasonInSync, v1.ReasonApplied, v1.ReasonDriftCorrected, v1.ReasonDriftDetected, v1.ReasonNoDrift,
		v1.ReasonAllLinksPass, v1.ReasonNotVerified, v1.ReasonWritesReverted,
	}
)

// TestEngineReasonsAreConditionReasons: every reason the engine classifies
// a failure as is a condition reason of the CRD with the same string, and
// every failure reason of the CRD that is not the operator's own is one the
// engine gives.
func TestEngineReasonsAreConditionReasons(t *testing.T) {
	var engine []string
	for _, r := range reconciler.Reasons() {
		engine = append(engine, string(r))
		if !slices.Contains(engineReasons, string(r)) {
			t.Errorf("reconciler.Reasons() has %s, which is no api/v1alpha1 condition reason: add the constant and list it in engineReasons", r)
		}
	}
	for _, r := range engineReasons {
		if !slices.Contains(engine, r) {
			t.Errorf("api/v1alpha1 reason %s is listed as the engine's, but reconciler.Reasons() lacks it", r)
		}
	}
	for _, r := range append(slices.Clone(operatorFailures), successReasons...) {
		if slices.Contains(engine, r) {
			t.Errorf("%s is the engine's reason, not only the operator's", r)
		}
	}
}

// TestEveryConditionReasonIsClassified reads the Reason constants from the
// API's source, so a new one must be placed in one of the lists above.
func TestEveryConditionReasonIsClassified(t *testing.T) {
	declared := reasonConstants(t, filepath.Join("..", "api", "v1alpha1", "myaccountconfig_types.go"))
	if len(declared) == 0 {
		t.Fatal("no Reason constants found in api/v1alpha1")
	}
	listed := map[string]int{}
	for _, list := range [][]string{engineReasons, operatorFailures, successReasons} {
		for _, r := range list {
			listed[r]++
		}
	}
	for name, value := range declared {
		if listed[value] != 1 {
			t.Errorf("v1.%s (%q) is in %d of engineReasons, operatorFailures and successReasons; want exactly 1", name, value, listed[value])
		}
	}
	if len(listed) != len(declared) {
		t.Errorf("the lists name %d reasons, api/v1alpha1 declares %d", len(listed), len(declared))
	}
}

// reasonConstants maps the name of each string constant Reason* in file to
// its value.
func reasonConstants(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !strings.HasPrefix(n.Name, "Reason") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("v1.%s is not a string literal", n.Name)
				}
				v, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out[n.Name] = v
			}
		}
	}
	return out
}

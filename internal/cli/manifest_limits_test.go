package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const limitsDoc = "apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: %s}\nspec: {domain: t.example.com}\n"

// TestManifestLimitsAreRefusedBeforeParsing: input past a run's limits is
// refused with the limit and the remedy, before a document is decoded.
func TestManifestLimitsAreRefusedBeforeParsing(t *testing.T) {
	var many strings.Builder
	for i := 0; i <= maxDocuments; i++ {
		fmt.Fprintf(&many, "---\n"+limitsDoc, fmt.Sprintf("c%d", i))
	}
	huge := fmt.Sprintf(limitsDoc, "big") + "# " + strings.Repeat("x", maxDocumentBytes) + "\n"
	tooMuch := strings.Repeat("# filler\n", maxManifestBytes/9+1)
	cases := []struct {
		name, input, want string
	}{
		{"document count", many.String(), fmt.Sprintf("more than %d YAML documents", maxDocuments)},
		{"document size", huge, "a Kubernetes cluster stores in one object; split its applications"},
		{"whole input", tooMuch, "limited to 16 MiB together"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.yaml")
			if err := os.WriteFile(path, []byte(tc.input), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := loadManifests([]string{path}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "m.yaml") {
				t.Fatalf("error = %v, want the file and %q", err, tc.want)
			}
		})
	}
}

// TestManifestLimitsLeaveOrdinaryInput: a few documents through stdin read
// as before.
func TestManifestLimitsLeaveOrdinaryInput(t *testing.T) {
	in := fmt.Sprintf(limitsDoc, "a") + "---\n" + fmt.Sprintf(limitsDoc, "b")
	cfgs, err := loadManifests([]string{"-"}, strings.NewReader(in))
	if err != nil || len(cfgs) != 2 {
		t.Fatalf("got %d configs, %v", len(cfgs), err)
	}
}

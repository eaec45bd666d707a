// Package charts_test checks the Helm chart in charts/myaccount: its
// generated parts (the CRD template from config/crd, the README values table
// from values.yaml), helm lint and template, a server-side dry run, and
// install, upgrade and uninstall on a real kube-apiserver.
package charts_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

var update = flag.Bool("update", false, "rewrite the generated chart files (make generate)")

const (
	chartDir = "myaccount"
	crdSrc   = "../config/crd/bases/myaccount.tenantcfg.io_myaccountconfigs.yaml"
	crdTmpl  = "myaccount/templates/crds.yaml"
	readme   = "myaccount/README.md"
	luaSrc   = "../config/argocd/health.lua"
)

// TestGeneratedFilesAreCurrent fails when the chart's CRD template differs
// from config/crd (the one source) or the README from values.yaml; run
// `make generate` (go test ./charts -run TestGenerated -update) to fix.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	crd, err := crdTemplate()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readmeText()
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][]byte{crdTmpl: crd, readme: doc} {
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("charts/%s is stale (differs from its source): run make generate", path)
		}
	}
}

// crdTemplate wraps the controller-gen CRD in crds.enabled and adds the
// keep policy.
func crdTemplate() ([]byte, error) {
	src, err := os.ReadFile(crdSrc)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(src, []byte("{{")) {
		return nil, fmt.Errorf("%s contains {{, which Helm would read as a template", crdSrc)
	}
	s := strings.TrimPrefix(string(src), "---\n")
	const anchor = "  annotations:\n"
	if !strings.Contains(s, anchor) {
		return nil, fmt.Errorf("%s: no metadata.annotations", crdSrc)
	}
	s = strings.Replace(s, anchor, anchor+"    {{- if .Values.crds.keep }}\n    helm.sh/resource-policy: keep\n    {{- end }}\n", 1)
	return []byte("{{- if .Values.crds.enabled }}\n# Generated from config/crd/bases by `make generate`: edit api/v1alpha1 instead.\n" + s + "{{- end }}\n"), nil
}

var (
	docLine = regexp.MustCompile(`^(\s*)# -- (.*)$`)
	keyLine = regexp.MustCompile(`^(\s*)([A-Za-z0-9_]+):`)
	comment = regexp.MustCompile(`^\s*# ?(.*)$`)
)

// readmeText is the chart README: the hand-written head in README.md.head,
// the Argo CD health check, and the values table from values.yaml's
// "# --" comments (the helm-docs convention; written here because helm-docs
// is not on the module proxy this project uses).
func readmeText() ([]byte, error) {
	head, err := os.ReadFile(filepath.Join(chartDir, "README.md.head"))
	if err != nil {
		return nil, err
	}
	lua, err := os.ReadFile(luaSrc)
	if err != nil {
		return nil, err
	}
	values, err := os.ReadFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	var tree map[string]any
	if err := yaml.Unmarshal(values, &tree); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Write(head)
	b.WriteString("\n## Argo CD health check\n\nAdd to `argocd-cm` as `resource.customizations.health.myaccount.tenantcfg.io_MyAccountConfig` (a copy is in `config/argocd/`):\n\n```lua\n")
	b.Write(lua)
	b.WriteString("```\n\n## Values\n\nGenerated from the comments in `values.yaml` by `make generate`.\n\n| Key | Default | Description |\n|-----|---------|-------------|\n")
	var path []string // keys by indentation level (2 spaces)
	var desc []string
	for _, line := range strings.Split(string(values), "\n") {
		if m := docLine.FindStringSubmatch(line); m != nil {
			desc = []string{m[2]}
			continue
		}
		if desc != nil {
			if m := keyLine.FindStringSubmatch(line); m != nil {
				level := len(m[1]) / 2
				path = append(path[:level], m[2])
				key := strings.Join(path, ".")
				def, _ := json.Marshal(lookup(tree, path))
				fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", key, strings.ReplaceAll(string(def), "|", `\|`), strings.Join(desc, " "))
				desc = nil
				continue
			}
			if m := comment.FindStringSubmatch(line); m != nil {
				desc = append(desc, m[1])
				continue
			}
		}
		if m := keyLine.FindStringSubmatch(line); m != nil {
			level := len(m[1]) / 2
			path = append(path[:level], m[2])
		}
	}
	return []byte(b.String()), nil
}

func lookup(tree map[string]any, path []string) any {
	var v any = tree
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

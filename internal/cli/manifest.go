package cli

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/tenantcfg/myaccount/api/v1alpha1"
)

// QuickstartPath is the manifest the demo applies (embedded at build time)
// and the one error messages point to.
const QuickstartPath = "examples/quickstart/myaccountconfig.yaml"

// manifestAPIVersion is the apiVersion the CLI reads: the CRD's.
var manifestAPIVersion = v1alpha1.GroupVersion.String()

// config is one MyAccountConfig read from a manifest.
type config struct {
	// Source is "FILE" or "FILE (document N)", for messages.
	Source string
	Obj    *v1alpha1.MyAccountConfig
}

// Key is "namespace/name", the key of the config's state.
func (c config) Key() string { return c.Obj.Namespace + "/" + c.Obj.Name }

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

// Limits on what one run reads, checked before any parsing so that a
// runaway input costs neither minutes nor gigabytes.
const (
	// maxDocumentBytes is etcd's default request limit (--max-request-bytes,
	// 1.5 MiB), the largest MyAccountConfig a cluster can store.
	maxDocumentBytes = 3 << 19
	// maxManifestBytes bounds all the input of one run together.
	maxManifestBytes = 16 << 20
	// maxDocuments is the most configs one run reads; ten times the largest
	// layout the benchmarks use per tenant.
	maxDocuments = 10000
)

// loadManifests reads every MyAccountConfig in the files; "-" is stdin.
func loadManifests(paths []string, stdin io.Reader) ([]config, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no manifest given: pass one or more -f FILE (or -f - for stdin)")
	}
	var out []config
	seen := map[string]string{}
	read := 0
	for _, p := range paths {
		name := p
		if p == "-" {
			name = "<stdin>"
		}
		data, err := readManifest(p, stdin, maxManifestBytes-read)
		if err != nil {
			return nil, err
		}
		read += len(data)
		cfgs, err := parseManifests(name, data)
		if err != nil {
			return nil, err
		}
		for _, c := range cfgs {
			if prev, dup := seen[c.Key()]; dup {
				return nil, fmt.Errorf("%s: MyAccountConfig %s is also defined in %s; each config needs its own metadata.name", c.Source, c.Key(), prev)
			}
			seen[c.Key()] = c.Source
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no MyAccountConfig documents found", strings.Join(paths, ", "))
	}
	if len(out) > maxDocuments {
		return nil, fmt.Errorf("%s: %d MyAccountConfig documents, more than the %d one run reads; split them across runs (they can share one --state file)", strings.Join(paths, ", "), len(out), maxDocuments)
	}
	return out, nil
}

// readManifest reads path ("-" is stdin), refusing more than limit bytes.
func readManifest(path string, stdin io.Reader, limit int) ([]byte, error) {
	name, r := path, stdin
	if path == "-" {
		name = "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read manifest: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: the manifests of one run are limited to %d MiB together, and this one goes past it; split them across runs (they can share one --state file)", name, maxManifestBytes>>20)
	}
	return data, nil
}

// parseManifests splits a multi-document YAML stream and decodes each
// MyAccountConfig strictly, so a misspelt field is an error, not a no-op.
func parseManifests(name string, data []byte) ([]config, error) {
	docs := docSeparator.Split(string(data), maxDocuments+2)
	if len(docs) > maxDocuments+1 {
		return nil, fmt.Errorf("%s: more than %d YAML documents, the most one run reads; split them across runs (they can share one --state file)", name, maxDocuments)
	}
	var out []config
	for i, doc := range docs {
		if isBlankYAML(doc) {
			continue
		}
		src := name
		if len(docs) > 1 {
			src = fmt.Sprintf("%s (document %d)", name, i+1)
		}
		if len(doc) > maxDocumentBytes {
			return nil, fmt.Errorf("%s: %d bytes, more than the %d (1.5 MiB) a Kubernetes cluster stores in one object; split its applications across several MyAccountConfig documents", src, len(doc), maxDocumentBytes)
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
			return nil, fmt.Errorf("%s: not valid YAML: %v", src, err)
		}
		if head.Kind != v1alpha1.Kind || !strings.HasPrefix(head.APIVersion, v1alpha1.GroupVersion.Group+"/") {
			kind := head.Kind
			if kind == "" {
				kind = "(none)"
			}
			return nil, fmt.Errorf("%s: kind %s (apiVersion %q) is not supported: myaccount reads only kind: %s with apiVersion: %s",
				src, kind, head.APIVersion, v1alpha1.Kind, manifestAPIVersion)
		}
		if head.APIVersion != manifestAPIVersion {
			return nil, fmt.Errorf("%s: apiVersion %q is not supported: use %s", src, head.APIVersion, manifestAPIVersion)
		}
		obj := &v1alpha1.MyAccountConfig{}
		// encoding/json matches field names case-insensitively, the API
		// server does not: look for unknown fields with exact case first.
		if path, guess, ok := unknownField([]byte(doc), reflect.TypeOf(obj)); ok {
			return nil, fmt.Errorf("%s: %s", src, unknownFieldMessage(path, guess))
		}
		if err := yaml.UnmarshalStrict([]byte(doc), obj); err != nil {
			return nil, fmt.Errorf("%s: %v", src, cleanYAMLError(err, QuickstartPath))
		}
		if obj.Name == "" {
			return nil, fmt.Errorf("%s: metadata.name is empty: give the config a name (it keys the state file)", src)
		}
		if obj.Namespace == "" {
			obj.Namespace = "default"
		}
		out = append(out, config{Source: src, Obj: obj})
	}
	return out, nil
}

func isBlankYAML(doc string) bool {
	for _, line := range strings.Split(doc, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") && line != "..." {
			return false
		}
	}
	return true
}

// typeError matches encoding/json's "cannot unmarshal" message, which
// sigs.k8s.io/yaml passes on as text: what the YAML held, the field path
// (after the Go type's name) and the Go type it needs.
var typeError = regexp.MustCompile(`json: cannot unmarshal (\S+) into Go struct field \w+\.(\S+) of type (\S+)`)

// yamlKind names a Go type the way a YAML author thinks of it.
func yamlKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list of " + strings.TrimPrefix(yamlKind(goType[2:]), "a ") + "s"
	case strings.HasPrefix(goType, "map["):
		return "a mapping"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string", !strings.Contains(goType, "."),
		// v1alpha1's string types: Origin, OriginsMode and the *Policy enums.
		strings.HasSuffix(goType, "Origin"), strings.HasSuffix(goType, "Mode"), strings.HasSuffix(goType, "Policy"):
		return "a string"
	}
	return "an object"
}

// cleanYAMLError shortens sigs.k8s.io/yaml's strict-decoding messages and
// says, for a value of the wrong type, which field and what it takes. A
// misspelt or mistyped field points at reference, when there is one.
func cleanYAMLError(err error, reference string) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "error unmarshaling JSON: while decoding JSON: ")
	fieldProblem := strings.Contains(msg, "unknown field")
	if m := typeError.FindStringSubmatch(msg); m != nil {
		got := "a " + m[1]
		if m[1] == "array" || m[1] == "object" {
			got = "an " + m[1]
		}
		msg = fmt.Sprintf("%s is %s but must be %s", m[2], got, yamlKind(m[3]))
		fieldProblem = true
	}
	if fieldProblem && reference != "" {
		msg += " (check it against " + reference + ")"
	}
	return msg
}

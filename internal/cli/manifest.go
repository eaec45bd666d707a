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

// loadManifests reads every MyAccountConfig in the files; "-" is stdin.
func loadManifests(paths []string, stdin io.Reader) ([]config, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no manifest given: pass one or more -f FILE (or -f - for stdin)")
	}
	var out []config
	seen := map[string]string{}
	for _, p := range paths {
		var data []byte
		var err error
		name := p
		if p == "-" {
			name = "<stdin>"
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(p)
		}
		if err != nil {
			return nil, fmt.Errorf("read manifest: %w", err)
		}
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
	return out, nil
}

// parseManifests splits a multi-document YAML stream and decodes each
// MyAccountConfig strictly, so a misspelt field is an error, not a no-op.
func parseManifests(name string, data []byte) ([]config, error) {
	docs := docSeparator.Split(string(data), -1)
	var out []config
	for i, doc := range docs {
		if isBlankYAML(doc) {
			continue
		}
		src := name
		if len(docs) > 1 {
			src = fmt.Sprintf("%s (document %d)", name, i+1)
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

package cli

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
	"sigs.k8s.io/yaml"
)

// unknownField finds the first key of doc that the Go type t (decoded as
// JSON) does not have: its path, such as spec.applications[0].allowedOrigin,
// and the known field at that place the author most likely meant ("" when
// none is close).
func unknownField(doc []byte, t reflect.Type) (path, suggestion string, found bool) {
	var v any
	if yaml.Unmarshal(doc, &v) != nil {
		return "", "", false
	}
	return walkUnknown(v, t, "")
}

func walkUnknown(v any, t reflect.Type, path string) (string, string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch val := v.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct {
			return "", "", false // a map type or a custom decoder: any key
		}
		fields := jsonFields(t)
		for _, k := range slices.Sorted(mapKeys(val)) {
			ft, ok := fields[k]
			p := joinPath(path, k)
			if !ok {
				return p, closestField(k, fields), true
			}
			if up, s, found := walkUnknown(val[k], ft, p); found {
				return up, s, true
			}
		}
	case []any:
		if t.Kind() != reflect.Slice {
			return "", "", false
		}
		for i, item := range val {
			if up, s, found := walkUnknown(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); found {
				return up, s, true
			}
		}
	}
	return "", "", false
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps the JSON names of t's fields, inline ones included, to
// their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		ft := f.Type
		if f.Anonymous && name == "" || strings.Contains(opts, "inline") {
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					out[k] = v
				}
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		out[name] = ft
	}
	return out
}

// closestField is the known field within two edits of key, or equal to it
// but for case, or "" when none is.
func closestField(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range fields {
			if !yield(k) {
				return
			}
		}
	}) {
		if strings.EqualFold(name, key) {
			return name
		}
		if d := syntax.EditDistance(strings.ToLower(key), strings.ToLower(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// unknownFieldMessage names the field's path, the likely intended field, and
// the reference manifest.
func unknownFieldMessage(path, guess string) string {
	key := path[strings.LastIndex(path, ".")+1:]
	msg := fmt.Sprintf("unknown field %q at %s", key, path)
	if guess != "" {
		msg += fmt.Sprintf(": did you mean %s?", guess)
	}
	return msg + " (check it against " + QuickstartPath + ")"
}

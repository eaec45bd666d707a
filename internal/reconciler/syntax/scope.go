package syntax

import "strings"

// SuggestScope returns the offered scope the user most likely meant, or "".
func SuggestScope(scope string, offered []string) string {
	norm := func(s string) string { return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s)) }
	for _, o := range offered {
		if norm(o) == norm(scope) {
			return o
		}
	}
	return ""
}

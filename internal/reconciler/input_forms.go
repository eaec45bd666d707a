package reconciler

// Forms of input every face accepts and how they are normalised.

import (
	"strings"
)

// canonicalEnum returns the value among values that equals v but for case,
// or v unchanged (ValidateStatic then names it).
func canonicalEnum(v string, values ...string) string {
	for _, c := range values {
		if strings.EqualFold(v, c) {
			return c
		}
	}
	return v
}

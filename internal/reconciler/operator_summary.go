package reconciler

import (
	"fmt"
	"strings"
)

// SummarizeChanges is the one-line form of changes for a status condition or
// an event: each Change.String, joined by "; ". Longer than maxLen, it is cut
// at a change boundary where possible and ends with the total count. Pure.
func SummarizeChanges(changes []Change, maxLen int) string {
	parts := make([]string, len(changes))
	for i, c := range changes {
		parts[i] = c.String()
	}
	s := strings.Join(parts, "; ")
	if len(s) <= maxLen {
		return s
	}
	tail := fmt.Sprintf("... (%d changes)", len(changes))
	cut := max(maxLen-len(tail), 0)
	if i := strings.LastIndex(s[:cut], "; "); i > 0 {
		cut = i
	}
	return s[:cut] + tail
}

package reconciler

import (
	"fmt"
	"strings"
)

// ChangeCounts tallies changes by what they do to the tenant, the way plan
// and drift summaries report them ("N to add, N to change, N to remove").
type ChangeCounts struct {
	Add, Change, Remove, Conflict int
}

// CountChanges tallies cs: create and add count as additions, update as a
// change, delete and remove as removals, conflict as a conflict.
func CountChanges(cs []Change) ChangeCounts {
	var n ChangeCounts
	for _, c := range cs {
		switch c.Action {
		case ActionCreate, ActionAdd:
			n.Add++
		case ActionUpdate:
			n.Change++
		case ActionDelete, ActionRemove:
			n.Remove++
		case ActionConflict:
			n.Conflict++
		}
	}
	return n
}

// Symbol is the one-character marker of the action in a plan: "+" adds,
// "~" changes, "-" removes, "!" is a conflict (or an unknown action).
func (a Action) Symbol() string {
	switch a {
	case ActionCreate, ActionAdd:
		return "+"
	case ActionUpdate:
		return "~"
	case ActionDelete, ActionRemove:
		return "-"
	default:
		return "!"
	}
}

// SummarizeChanges is the one-line form of changes for a status condition or
// an event: each Change.String, joined by "; ". Longer than maxLen, it is cut
// at a change boundary where possible and ends with the total count. Pure.
func SummarizeChanges(changes []Change, maxLen int) string {
	parts := make([]string, len(changes))
	for i, c := range changes {
		parts[i] = c.String()
	}
	return summarize(parts, maxLen, "changes")
}

// summarize joins parts by "; "; longer than maxLen, it is cut at a part
// boundary where possible and ends with the count of parts, named noun.
func summarize(parts []string, maxLen int, noun string) string {
	s := strings.Join(parts, "; ")
	if len(s) <= maxLen {
		return s
	}
	tail := fmt.Sprintf("... (%d %s)", len(parts), noun)
	cut := max(maxLen-len(tail), 0)
	if i := strings.LastIndex(s[:cut], "; "); i > 0 {
		cut = i
	}
	return s[:cut] + tail
}

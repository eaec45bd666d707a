package syntax

import "strings"

// maxScopeTypo is the most edits a scope may be from an offered one to be
// suggested: a letter dropped, doubled or swapped.
const maxScopeTypo = 2

// SuggestScope returns the offered scope the user most likely meant, or "":
// the one equal but for case and separators (read-me vs read:me is not
// one), else the single nearest within maxScopeTypo edits. Two at the same
// distance suggest nothing rather than a guess.
func SuggestScope(scope string, offered []string) string {
	norm := func(s string) string { return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s)) }
	best, bestDist, tie := "", maxScopeTypo+1, false
	for _, o := range offered {
		d := EditDistance(norm(scope), norm(o))
		switch {
		case d == 0:
			return o
		case d < bestDist:
			best, bestDist, tie = o, d, false
		case d == bestDist:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, by byte.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

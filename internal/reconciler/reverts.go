package reconciler

import (
	"fmt"
	"slices"
	"time"
)

// A config whose writes someone keeps undoing (the Auth0 Dashboard, another
// tool, another operator) is corrected on every drift check and would look
// healthy forever. RevertHistory remembers the changes a config's rounds
// applied and decides when the same change has had to be applied again too
// often: its writes are being reverted, and the face says so.

// RevertPolicy says when re-applied writes count as reverted.
type RevertPolicy struct {
	// Times is how many re-applications in a row, each within Window of
	// the one before, make a change reverted.
	Times int
	// Window is how soon after the last application a new one counts as
	// a revert.
	Window time.Duration
	// Quiet is how long after its last application a round that needed
	// no write of a change forgets it (and clears the revert).
	Quiet time.Duration
	// Keep bounds the changes remembered per config.
	Keep int
}

// DefaultRevertPolicy: three re-applications of one change, each within 30
// minutes of the one before. One re-application is ordinary drift (a person
// fixing something by hand); two may be a person trying twice; a third in
// a row is a writer that keeps coming back. 30 minutes spans three drift
// checks at the operator's default 10-minute interval, so a fight is seen
// within about half an hour. Quiet equals Window: a change is forgotten
// exactly when a new application of it would no longer count, so a slow
// fight is never cleared between two of its reverts. Keep is far above the
// changes one config makes in a round, and bounds memory if it is not.
var DefaultRevertPolicy = RevertPolicy{Times: 3, Window: 30 * time.Minute, Quiet: 30 * time.Minute, Keep: 32}

// revertKey identifies one change: the same write, wanted again.
type revertKey struct {
	Resource, Field string
	Action          Action
	Desired         string
}

// Revert is one change a config keeps applying again.
type Revert struct {
	Resource, Field string
	Action          Action
	Desired         string
	// Times is the number of re-applications in a row; First and Last
	// are the times of the first and the latest of them.
	Times       int
	First, Last time.Time
	// By names the other writer when it is known (another config of the
	// same face); empty means unknown.
	By string
}

// RevertHistory is what one config's rounds applied, at most Keep changes.
// Its methods return a new history and leave the receiver unchanged.
type RevertHistory struct {
	entries []revertEntry
}

type revertEntry struct {
	key revertKey
	// applied is the latest application; reverts counts the
	// re-applications in a row since the first one, first is the time of
	// the first re-application (zero until there is one).
	applied, first time.Time
	reverts        int
	by             string
}

// Record adds one successful round at now that applied changes (what
// landed), written after a change by by ("" when unknown). A change applied
// again within Window of its last application is one more revert; a change
// the round did not need, last applied more than Quiet ago, is forgotten.
func (h RevertHistory) Record(p RevertPolicy, now time.Time, changes []Change, by string) RevertHistory {
	out := RevertHistory{entries: make([]revertEntry, 0, len(h.entries)+len(changes))}
	applied := map[revertKey]bool{}
	for _, c := range changes {
		if c.Action == ActionConflict {
			continue // not a write
		}
		applied[revertKey{c.Resource, c.Field, c.Action, c.Desired}] = true
	}
	for _, e := range h.entries {
		switch {
		case applied[e.key] && now.Sub(e.applied) <= p.Window:
			if e.reverts == 0 {
				e.first = now
			}
			e.reverts++
			e.applied, e.by = now, by
			delete(applied, e.key)
		case applied[e.key]:
			continue // too long ago: the fresh entry below starts over
		case now.Sub(e.applied) > p.Quiet:
			continue // quiet long enough: forgotten
		}
		out.entries = append(out.entries, e)
	}
	for _, c := range changes {
		k := revertKey{c.Resource, c.Field, c.Action, c.Desired}
		if applied[k] {
			out.entries = append(out.entries, revertEntry{key: k, applied: now})
			delete(applied, k)
		}
	}
	return out.bounded(p.Keep)
}

// bounded keeps the keep most recently applied entries.
func (h RevertHistory) bounded(keep int) RevertHistory {
	if keep <= 0 || len(h.entries) <= keep {
		return h
	}
	slices.SortStableFunc(h.entries, func(a, b revertEntry) int { return b.applied.Compare(a.applied) })
	h.entries = h.entries[:keep]
	return h
}

// Len is the number of changes remembered.
func (h RevertHistory) Len() int { return len(h.entries) }

// Reverted lists the changes re-applied at least Times times in a row,
// in the order they were first applied.
func (h RevertHistory) Reverted(p RevertPolicy) []Revert {
	var out []Revert
	for _, e := range h.entries {
		if p.Times > 0 && e.reverts >= p.Times {
			out = append(out, Revert{Resource: e.key.Resource, Field: e.key.Field, Action: e.key.Action, Desired: e.key.Desired,
				Times: e.reverts, First: e.first, Last: e.applied, By: e.by})
		}
	}
	return out
}

// UnknownWriter names the other writer when nothing tells who it is.
const UnknownWriter = "another writer (the Auth0 Dashboard, another tool or another operator)"

// String says what keeps being undone, how often, in what time, and by whom.
func (r Revert) String() string {
	by := r.By
	if by == "" {
		by = UnknownWriter
	}
	change := r.Resource + " " + r.Field
	if r.Desired != "" {
		change += fmt.Sprintf(" (%s %s)", r.Action, r.Desired)
	}
	return fmt.Sprintf("%s was undone and applied again %d times in a row within %s, by %s", change, r.Times, roundSpan(r.Last.Sub(r.First)), by)
}

// roundSpan writes a span to the second, never "0s".
func roundSpan(d time.Duration) string {
	return max(d.Round(time.Second), time.Second).String()
}

// SummarizeReverts is the one-line form of reverts, bounded by maxLen like
// SummarizeChanges.
func SummarizeReverts(reverts []Revert, maxLen int) string {
	parts := make([]string, len(reverts))
	for i, r := range reverts {
		parts[i] = r.String()
	}
	return summarize(parts, maxLen, "reverted changes")
}

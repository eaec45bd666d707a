package reconciler

import "context"

// EntriesPerCheck is how many list entries a per-entry loop handles between
// looks at its context: an interrupt stops a list of thousands within
// microseconds, and the look costs nothing measurable.
const EntriesPerCheck = 256

// Interrupted is ctx's error when entry i is one at which a per-entry loop
// looks at its context (every EntriesPerCheck-th), else nil.
func Interrupted(ctx context.Context, i int) error {
	if i%EntriesPerCheck != 0 {
		return nil
	}
	return ctx.Err()
}

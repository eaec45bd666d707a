package reconciler

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// A plan interrupted (Ctrl-C: Terraform stops the provider, which cancels
// its calls' contexts) stops the per-entry loops of a long list with the
// context's error, rather than going through every entry first.
func TestPerEntryLoopsStopWhenTheContextEnds(t *testing.T) {
	entries := make([]string, 10*EntriesPerCheck)
	for i := range entries {
		entries[i] = fmt.Sprintf("https://App%d.example.com", i) // each one warned about: stored in lower case
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	loops := map[string]func() error{
		"Duplicates": func() error { _, err := AllowedOrigins.Duplicates(ctx, "", entries); return err },
		"EntryWarnings": func() error {
			ws, err := AllowedOrigins.EntryWarnings(ctx, entries)
			if len(ws) >= len(entries) {
				t.Errorf("EntryWarnings: %d warnings for %d entries after the context ended", len(ws), len(entries))
			}
			return err
		},
		"InTenantForm": func() error { _, err := AllowedOrigins.InTenantForm(ctx, entries, entries); return err },
	}
	for name, loop := range loops {
		if err := loop(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s after the context ended: error %v, want %v", name, err, context.Canceled)
		}
	}
	// Not interrupted: the same loops go through every entry.
	ws, err := AllowedOrigins.EntryWarnings(context.Background(), entries)
	if err != nil || len(ws) != len(entries) {
		t.Errorf("EntryWarnings = %d warnings, %v; want %d, no error", len(ws), err, len(entries))
	}
}

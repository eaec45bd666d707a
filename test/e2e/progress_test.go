package e2e

import (
	"testing"
)

// TestProgressOnlyOnATerminal: on a terminal's stderr a run shows clients
// done and requests made; stdout is byte for byte what it is without a
// terminal, and without one (or with -o json) stderr stays empty.
func TestProgressOnlyOnATerminal(t *testing.T) {
	h := newHarness(t)
	m := h.manifest("quickstart.yaml", quickstart)

	plain := h.run("plan", "-f", m).mustCode(t, 0)
	if plain.stderr != "" {
		t.Errorf("without a terminal, stderr = %q", plain.stderr)
	}
	h.terminal = true
	shown := h.run("plan", "-f", m).mustCode(t, 0)
	if shown.stdout != plain.stdout {
		t.Errorf("stdout changed with a terminal:\n%s\nwant:\n%s", shown.stdout, plain.stdout)
	}
	contains(t, "stderr on a terminal", shown.stderr, "plan", "/1 clients", "requests")

	asJSON := h.run("plan", "-f", m, "-o", "json").mustCode(t, 0)
	if asJSON.stderr != "" {
		t.Errorf("with -o json, stderr = %q", asJSON.stderr)
	}
	applied := h.run("apply", "-f", m).mustCode(t, 0)
	contains(t, "apply's stderr on a terminal", applied.stderr, "apply", "/1 clients")
	verified := h.run("verify", "-f", m).mustCode(t, 0)
	contains(t, "verify's stderr on a terminal", verified.stderr, "verify", "/1 clients")
}

package operator

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// DefaultMemoryLimit is the soft memory limit `myaccount operator` gives
// the Go runtime unless told otherwise (--memory-limit, GOMEMLIMIT).
const DefaultMemoryLimit = 32 << 20

// setMemoryLimit gives the Go runtime a soft memory limit (heap, stacks
// and the runtime's own structures; not the binary's pages), so that the
// garbage collector runs more often as memory nears it instead of letting
// the heap grow to twice what is live (GOGC=100): the garbage of a burst
// of reconciles, such as a restart's first round, otherwise sets the
// resident size. It is soft: a live heap above it is still served, at the
// cost of more collection. GOMEMLIMIT, when set, wins; limit <= 0 leaves
// the runtime alone.
func setMemoryLimit(limit int64, logger *slog.Logger) {
	if limit <= 0 {
		return
	}
	if env := os.Getenv("GOMEMLIMIT"); env != "" {
		logger.Info("GOMEMLIMIT is set: it replaces the operator's memory limit", "GOMEMLIMIT", env, "memoryLimit", limit)
		return
	}
	debug.SetMemoryLimit(limit)
}

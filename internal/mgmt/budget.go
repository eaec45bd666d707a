package mgmt

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
)

// OverBudget is the class of a request refused by a run's RequestBudget.
const OverBudget Class = "over_budget"

// RequestBudget is a per-run circuit breaker, not pacing: it counts the
// Management API requests one run sends (each request once, however many
// times the transport retries it, since retries have their own bounds) and
// refuses every request past its limit. A run that needs far more requests
// than its configuration can justify is looping, and must stop before it
// hammers the tenant.
type RequestBudget struct {
	limit int64
	run   string
	used  atomic.Int64
}

// NewRequestBudget allows limit requests to the run described by run (such
// as "apply of default/quickstart"), which the error names.
func NewRequestBudget(limit int, run string) *RequestBudget {
	return &RequestBudget{limit: int64(limit), run: run}
}

// Used is the number of requests taken so far, refused ones included.
func (b *RequestBudget) Used() int { return int(b.used.Load()) }

// Limit is the number of requests the run may send.
func (b *RequestBudget) Limit() int { return int(b.limit) }

type budgetKey struct{}

// WithRequestBudget returns ctx carrying b: every Management API request
// made with it (through a Client from New) takes from b.
func WithRequestBudget(ctx context.Context, b *RequestBudget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// RequestBudgetFrom returns the budget ctx carries, or nil.
func RequestBudgetFrom(ctx context.Context) *RequestBudget {
	b, _ := ctx.Value(budgetKey{}).(*RequestBudget)
	return b
}

// take counts req against the budget of its context; past the limit it
// returns an *Error of class OverBudget instead.
func takeBudget(req *http.Request) error {
	b := RequestBudgetFrom(req.Context())
	if b == nil {
		return nil
	}
	if n := b.used.Add(1); n > b.limit {
		return &Error{Class: OverBudget, Method: req.Method, Path: req.URL.EscapedPath(), Attempts: int(n - 1),
			note: fmt.Sprintf("the %s stopped after %d Management API requests, its whole budget, which is several times what a configuration of this size needs: something is looping (a tenant answering inconsistently, or a bug in myaccount); nothing more was sent. Run again with -v to see the requests per route, and report it if it repeats", b.describe(), b.limit),
			host: req.URL.Host}
	}
	return nil
}

func (b *RequestBudget) describe() string {
	if b.run == "" {
		return "run"
	}
	return b.run
}

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
	// whole marks a whole-run budget (NewWholeRunBudget); basis is its
	// explanation.
	whole bool
	basis string
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

type wholeRunBudgetKey struct{}

// NewWholeRunBudget bounds a run over several configurations (a CLI plan,
// apply or drift of many manifest documents) in all: each configuration's
// own budget is a breaker several times what it needs, and a loop that
// keeps every one just under its own would still multiply them. It allows
// limit requests to the run described by run (such as "apply of 12
// manifest documents"); basis says how limit was set and how to raise it,
// for the error.
func NewWholeRunBudget(limit int, run, basis string) *RequestBudget {
	return &RequestBudget{limit: int64(limit), run: run, basis: basis, whole: true}
}

// WithWholeRunBudget returns ctx carrying b as the whole run's budget: every
// Management API request made with it takes from b, and from the budget
// WithRequestBudget set for its configuration, if any.
func WithWholeRunBudget(ctx context.Context, b *RequestBudget) context.Context {
	return context.WithValue(ctx, wholeRunBudgetKey{}, b)
}

// WholeRunBudgetFrom returns the whole-run budget ctx carries, or nil.
func WholeRunBudgetFrom(ctx context.Context) *RequestBudget {
	b, _ := ctx.Value(wholeRunBudgetKey{}).(*RequestBudget)
	return b
}

// takeBudget counts req against the budgets of its context, its
// configuration's first; past a limit it returns an *Error of class
// OverBudget instead.
func takeBudget(req *http.Request) error {
	for _, b := range []*RequestBudget{RequestBudgetFrom(req.Context()), WholeRunBudgetFrom(req.Context())} {
		if b == nil {
			continue
		}
		if n := b.used.Add(1); n > b.limit {
			return &Error{Class: OverBudget, Method: req.Method, Path: req.URL.EscapedPath(), Attempts: int(n - 1), note: b.exhausted(), host: req.URL.Host}
		}
	}
	return nil
}

// exhausted says why the run stopped and what to do.
func (b *RequestBudget) exhausted() string {
	if b.whole {
		return fmt.Sprintf("the %s stopped after %d Management API requests, the whole run's budget (%s); nothing more was sent", b.describe(), b.limit, b.basis)
	}
	return fmt.Sprintf("the %s stopped after %d Management API requests, its whole budget, which is several times what a configuration of this size needs: something is looping (a tenant answering inconsistently, or a bug in myaccount); nothing more was sent. Run again with -v to see the requests per route, and report it if it repeats", b.describe(), b.limit)
}

func (b *RequestBudget) describe() string {
	if b.run == "" {
		return "run"
	}
	return b.run
}

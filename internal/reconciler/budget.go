package reconciler

import (
	"context"
	"fmt"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Request budget of one run: a circuit breaker several times what a run
// needs, so that only a loop reaches it. A run reads the tenant's custom
// domains, the API (and, when it is inactive, the list of APIs), the MFA
// policy and each application's client and grant; it writes the API at most
// twice and each client and grant at most a few times with their re-reads.
const (
	budgetPerRun         = 60
	budgetPerApplication = 15
	// Each system API beyond My Account: its reads, writes and grants.
	budgetPerSystemAPI      = 20
	budgetPerSystemAPIGrant = 5
)

// RunBudget is the number of Management API requests one Plan, Apply or
// Delete of d over s may send: proportional to the applications it touches.
func RunBudget(d Desired, s State) int {
	apps := len(d.Applications)
	for id := range s.Apps {
		if !inConfig(d, id) {
			apps++
		}
	}
	n := budgetPerRun + budgetPerApplication*apps
	for _, a := range SystemAPIs()[1:] {
		if _, recorded := a.recorded(&s); a.Spec(d) != nil || *recorded != "" {
			n += budgetPerSystemAPI + budgetPerSystemAPIGrant*apps
		}
	}
	return n
}

func inConfig(d Desired, clientID string) bool {
	for _, a := range d.Applications {
		if a.ClientID == clientID {
			return true
		}
	}
	return false
}

// withRunBudget gives ctx the run's request budget, unless the caller
// already set one (to share it between several calls); extra is what the
// run sends beyond the Management API (the chain check's preflights).
func withRunBudget(ctx context.Context, d Desired, s State, run string, extra int) context.Context {
	if mgmt.RequestBudgetFrom(ctx) != nil {
		return ctx
	}
	return mgmt.WithRequestBudget(ctx, mgmt.NewRequestBudget(RunBudget(d, s)+extra, run))
}

// Whole-run budget of a run over several configurations: the fixed part of
// one run once, then per configuration what its own fixed reads need with
// room (a first apply of a one-application document sends about 6
// requests, a re-apply 3), and per application the same share as
// RunBudget. A run over many documents is held to about five times its
// need, where the sum of the per-configuration budgets would allow twelve.
const budgetPerConfigInRun = 15

// WholeRunBudget is the number of Management API requests one run over the
// configurations ds (with states ss, in the same order) may send in all.
func WholeRunBudget(ds []Desired, ss []State) int {
	n := budgetPerRun
	for i, d := range ds {
		n += budgetPerConfigInRun + RunBudget(d, ss[i]) - budgetPerRun
	}
	return n
}

// WholeRunBasis says how WholeRunBudget counts, for its error.
func WholeRunBasis() string {
	return fmt.Sprintf("%d, and %d per document and %d per application", budgetPerRun, budgetPerConfigInRun, budgetPerApplication)
}

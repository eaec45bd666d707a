package cli

import (
	"context"
	"maps"
	"slices"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// One PATCH per client across a run's documents. Documents are applied in
// turn; when document i writes a client that later documents also declare,
// their origin lists ride in its PATCH (reconciler.Sharer). Each records
// its ownership in the state file before the PATCH, as its own write
// would, and, once document i's run succeeded, its changes are reported
// with it: when its turn comes it finds the client in sync. A document the
// run stops before has its changes printed with the failure
// (printJoinedAfter).

// sharersFor offers, to document i's writes, the later documents' writes
// of the same client that the sharing rules weighed and that validate.
func (run *reconcileRun) sharersFor(i int) reconciler.SharersOf {
	return func(_ context.Context, clientID string, names []string) ([]reconciler.Sharer, int) {
		var out []reconciler.Sharer
		for j := i + 1; j < len(run.cfgs); j++ {
			if sh, ok := run.sharer(j, clientID, names); ok {
				out = append(out, sh)
			}
		}
		return out, 0 // documents run one at a time
	}
}

// sharer is document j's write of clientID, if j is among names and valid.
func (run *reconcileRun) sharer(j int, clientID string, names []string) (reconciler.Sharer, bool) {
	name, desired := run.owners[j].Name, run.desired[j]
	desired.Domain = run.mc.Domain
	app, ok := desired.App(clientID)
	if !ok || !slices.Contains(names, name) || len(reconciler.ValidateStatic(desired)) > 0 {
		return reconciler.Sharer{}, false
	}
	key := run.cfgs[j].Key()
	return reconciler.Sharer{Name: name, App: app, Owned: run.sf.state(key).Apps[clientID],
		Intent: func(_ context.Context, owned reconciler.AppState) error {
			st := run.sf.state(key)
			st.Apps = maps.Clone(st.Apps)
			if st.Apps == nil {
				st.Apps = map[string]reconciler.AppState{}
			}
			st.Apps[clientID] = owned
			if err := run.sf.record(key, st); err != nil {
				return err
			}
			run.owners[j].State = st
			return nil
		},
		Done: func(res reconciler.ClientResult, err error) {
			if err == nil && !res.Wrote.Empty() {
				if run.staged == nil {
					run.staged = map[int][]reconciler.Change{}
				}
				run.staged[j] = append(run.staged[j], res.Changes...)
			}
		}}, true
}

// settleJoined reports the changes the document just run made for later
// ones only when its run succeeded, that is, when its check that the lists
// held passed too; a failed run reports none of its writes, theirs
// included (the state file records the ownership either way).
func (run *reconcileRun) settleJoined(succeeded bool) {
	if succeeded {
		for j, changes := range run.staged {
			run.joined[j] = append(run.joined[j], changes...)
		}
	}
	run.staged = nil
}

// printJoinedAfter prints, when the run stops at document i, the changes
// earlier PATCHes made for the documents after it (-o text): they landed.
func (run *reconcileRun) printJoinedAfter(i int) {
	if !run.text() {
		return
	}
	for j := i + 1; j < len(run.cfgs); j++ {
		if len(run.joined[j]) > 0 {
			c := run.cfgs[j]
			printConfig(run.env.Stdout, run.mode, c, ConfigReport{configHeader: c.header(run.mc.Domain), Changes: run.joined[j], Warnings: []reconciler.Warning{}})
		}
	}
}

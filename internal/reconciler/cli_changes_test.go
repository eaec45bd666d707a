package reconciler

import "testing"

func TestCountChangesAndSymbol(t *testing.T) {
	cases := []struct {
		action Action
		symbol string
		counts ChangeCounts
	}{
		{ActionCreate, "+", ChangeCounts{Add: 1}},
		{ActionAdd, "+", ChangeCounts{Add: 1}},
		{ActionUpdate, "~", ChangeCounts{Change: 1}},
		{ActionDelete, "-", ChangeCounts{Remove: 1}},
		{ActionRemove, "-", ChangeCounts{Remove: 1}},
		{ActionConflict, "!", ChangeCounts{Conflict: 1}},
		{Action("rename"), "!", ChangeCounts{}},
	}
	for _, tc := range cases {
		if got := tc.action.Symbol(); got != tc.symbol {
			t.Errorf("%s.Symbol() = %q, want %q", tc.action, got, tc.symbol)
		}
		if got := CountChanges([]Change{{Action: tc.action}}); got != tc.counts {
			t.Errorf("CountChanges(%s) = %+v, want %+v", tc.action, got, tc.counts)
		}
	}
	all := []Change{{Action: ActionCreate}, {Action: ActionAdd}, {Action: ActionAdd}, {Action: ActionUpdate}, {Action: ActionRemove}, {Action: ActionConflict}}
	if got, want := CountChanges(all), (ChangeCounts{Add: 3, Change: 1, Remove: 1, Conflict: 1}); got != want {
		t.Errorf("CountChanges(mixed) = %+v, want %+v", got, want)
	}
	if got := CountChanges(nil); got != (ChangeCounts{}) {
		t.Errorf("CountChanges(nil) = %+v", got)
	}
}

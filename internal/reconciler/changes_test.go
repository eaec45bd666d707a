package reconciler

import (
	"strings"
	"testing"
)

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

func TestSummarizeChanges(t *testing.T) {
	add := Change{Resource: "client/spa", Field: "allowed_origins", Desired: "https://app.example.com", Action: ActionAdd}
	upd := Change{Resource: "api", Field: "subject_type_authorization.user.policy", Observed: "allow_all", Desired: "require_client_grant", Action: ActionUpdate}
	many := make([]Change, 20)
	for i := range many {
		many[i] = add
	}
	cases := []struct {
		name    string
		changes []Change
		max     int
		want    string
	}{
		{"none", nil, 256, ""},
		{"one", []Change{add}, 256, "client/spa allowed_origins: add https://app.example.com"},
		{"two", []Change{add, upd}, 256, "client/spa allowed_origins: add https://app.example.com; api subject_type_authorization.user.policy: allow_all -> require_client_grant (update)"},
		{"cut at a change", []Change{add, upd}, 100, "client/spa allowed_origins: add https://app.example.com... (2 changes)"},
		{"many", many, 256, strings.Repeat("client/spa allowed_origins: add https://app.example.com; ", 3) + "client/spa allowed_origins: add https://app.example.com... (20 changes)"},
	}
	for _, tc := range cases {
		got := SummarizeChanges(tc.changes, tc.max)
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
		if len(got) > tc.max {
			t.Errorf("%s: %d bytes, over %d", tc.name, len(got), tc.max)
		}
	}
}

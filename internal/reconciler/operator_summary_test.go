package reconciler

import (
	"strings"
	"testing"
)

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

package reconciler

import (
	"fmt"
	"slices"
	"testing"
)

// TestPlanClient is the table for every client setting's lifecycle: apply,
// a dashboard edit, and release, each from the persisted ownership.
func TestPlanClient(t *testing.T) {
	const (
		a, b     = "https://a.example.com", "https://b.example.com"
		foreign  = "https://foreign.example.com"
		oldLoc   = "https://old.example.com/co.html"
		newLoc   = "https://new.example.com/co.html"
		ourLoc   = "https://app.example.com/co.html"
		clientID = "c1"
	)
	on, off := true, false
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name    string
		app     Application
		owned   AppState
		obs     ClientSettings
		patch   ClientPatch
		next    AppState
		changes []string // "field action desired"
	}{
		{
			name:    "merge adds and claims only what it adds",
			app:     Application{AllowedOrigins: []string{a, foreign}, OriginsMode: OriginsMerge},
			obs:     ClientSettings{AllowedOrigins: []string{foreign}},
			patch:   ClientPatch{Lists: map[string][]string{"allowed_origins": {foreign, a}}},
			next:    AppState{ManagedOrigins: []string{a}},
			changes: []string{"allowed_origins add " + a},
		},
		{
			name:    "web origins: same rules, own field and ownership",
			app:     Application{WebOrigins: []string{a}, WebOriginsMode: OriginsMerge},
			obs:     ClientSettings{AllowedOrigins: []string{b}, WebOrigins: []string{foreign}},
			patch:   ClientPatch{Lists: map[string][]string{"web_origins": {foreign, a}}},
			next:    AppState{ManagedWebOrigins: []string{a}},
			changes: []string{"web_origins add " + a},
		},
		{
			name:    "exclusive web origins remove the foreign one",
			app:     Application{WebOrigins: []string{a}, WebOriginsMode: OriginsExclusive},
			obs:     ClientSettings{WebOrigins: []string{a, foreign}},
			patch:   ClientPatch{Lists: map[string][]string{"web_origins": {a}}},
			next:    AppState{ManagedWebOrigins: []string{a}},
			changes: []string{"web_origins remove " + foreign},
		},
		{
			name:    "release removes only owned origins of both lists",
			owned:   AppState{ManagedOrigins: []string{a}, ManagedWebOrigins: []string{b}},
			obs:     ClientSettings{AllowedOrigins: []string{a, foreign}, WebOrigins: []string{b, foreign}},
			patch:   ClientPatch{Lists: map[string][]string{"allowed_origins": {foreign}, "web_origins": {foreign}}},
			changes: []string{"allowed_origins remove " + a, "web_origins remove " + b},
		},
		{
			// CI caught this: an emptied list is a PATCH of [], not no write.
			name:    "release that empties a list writes the empty list",
			owned:   AppState{ManagedOrigins: []string{a}},
			obs:     ClientSettings{AllowedOrigins: []string{a}},
			patch:   ClientPatch{Lists: map[string][]string{"allowed_origins": {}}},
			changes: []string{"allowed_origins remove " + a},
		},
		{
			name:    "cross-origin on records only the enabled prior",
			app:     Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}},
			obs:     ClientSettings{CrossOrigin: CrossOriginAuth{VerificationLocation: oldLoc}},
			patch:   ClientPatch{CrossOriginEnabled: &on},
			next:    AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			changes: []string{"cross_origin_authentication update true"},
		},
		{
			// Issue 7: a location the config never managed, edited in the
			// dashboard, is not written back on release.
			name:    "release leaves an unmanaged location edited meanwhile",
			owned:   AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			obs:     ClientSettings{CrossOrigin: CrossOriginAuth{Enabled: true, VerificationLocation: newLoc}},
			patch:   ClientPatch{CrossOriginEnabled: &off},
			changes: []string{"cross_origin_authentication update false"},
		},
		{
			name:    "a managed location records its prior, even empty",
			app:     Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}},
			obs:     ClientSettings{CrossOrigin: CrossOriginAuth{Enabled: true}},
			patch:   ClientPatch{CrossOriginLocation: str(ourLoc)},
			next:    AppState{PriorCrossOrigin: &PriorCrossOrigin{VerificationLocation: str("")}},
			changes: []string{"cross_origin_loc update " + ourLoc},
		},
		{
			name:    "release clears a location the config set where there was none",
			owned:   AppState{PriorCrossOrigin: &PriorCrossOrigin{VerificationLocation: str("")}},
			obs:     ClientSettings{CrossOrigin: CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}},
			patch:   ClientPatch{CrossOriginLocation: str("")},
			changes: []string{"cross_origin_loc update "},
		},
		{
			name:    "a location no longer managed is released, enabled stays owned",
			app:     Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}},
			owned:   AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off, VerificationLocation: str(oldLoc)}},
			obs:     ClientSettings{CrossOrigin: CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}},
			patch:   ClientPatch{CrossOriginLocation: str(oldLoc)},
			next:    AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			changes: []string{"cross_origin_loc update " + oldLoc},
		},
		{
			name:  "in sync: no patch, ownership kept",
			app:   Application{AllowedOrigins: []string{a}, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}},
			owned: AppState{ManagedOrigins: []string{a}, PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			obs:   ClientSettings{AllowedOrigins: []string{a}, CrossOrigin: CrossOriginAuth{Enabled: true}},
			next:  AppState{ManagedOrigins: []string{a}, PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
		},
		{
			name:  "the grant is not a client setting: its ownership passes through",
			owned: AppState{GrantID: "cgr_1"},
			next:  AppState{GrantID: "cgr_1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := tc.app
			app.ClientID = clientID
			patch, next, changes := PlanClient(app, tc.owned, tc.obs)
			if got, want := describePatch(patch), describePatch(tc.patch); got != want {
				t.Errorf("patch\n got %s\nwant %s", got, want)
			}
			if got, want := describeState(next), describeState(tc.next); got != want {
				t.Errorf("ownership after\n got %s\nwant %s", got, want)
			}
			var got []string
			for _, c := range changes {
				if c.Resource != "client/"+clientID {
					t.Errorf("change on %s, want client/%s", c.Resource, clientID)
				}
				got = append(got, c.Field+" "+string(c.Action)+" "+c.Desired)
			}
			if !slices.Equal(got, tc.changes) {
				t.Errorf("changes\n got %q\nwant %q", got, tc.changes)
			}
		})
	}
}

func describePatch(p ClientPatch) string {
	list := func(field string) string {
		l, ok := p.Lists[field]
		if !ok {
			return "-"
		}
		return "[" + joinSorted(l) + "]"
	}
	return "allowed=" + list("allowed_origins") + " web=" + list("web_origins") +
		" enabled=" + describePtr(p.CrossOriginEnabled) + " loc=" + describePtr(p.CrossOriginLocation)
}

func describeState(s AppState) string {
	out := "managed=[" + joinSorted(s.ManagedOrigins) + "] web=[" + joinSorted(s.ManagedWebOrigins) + "] grant=" + s.GrantID
	if p := s.PriorCrossOrigin; p != nil {
		out += " prior{enabled=" + describePtr(p.Enabled) + " loc=" + describePtr(p.VerificationLocation) + "}"
	}
	return out
}

func describePtr[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmtAny(*p)
}

func joinSorted(l []string) string {
	s := sortedUnique(l)
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

func fmtAny(v any) string { return fmt.Sprintf("%q", fmt.Sprint(v)) }

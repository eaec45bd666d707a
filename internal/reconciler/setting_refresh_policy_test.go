package reconciler

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
)

const (
	meAudience    = "https://t.example.com/me/"
	otherAudience = "https://api.example.com/"
)

// rtWith is a refresh_token object with rotation and lifetimes set, and
// the given entries: "audience=scope scope".
func rtWith(entries ...string) *management.ClientRefreshToken {
	policies := []management.ClientRefreshTokenPolicy{}
	for _, e := range entries {
		aud, scopes, _ := strings.Cut(e, "=")
		policies = append(policies, policyEntry(aud, strings.Fields(scopes)))
	}
	return &management.ClientRefreshToken{RotationType: ptr("rotating"), ExpirationType: ptr("expiring"),
		Leeway: ptr(3), TokenLifetime: ptr(86400), IdleTokenLifetime: ptr(3600), Policies: &policies}
}

func scopesPtr(s ...string) *[]string {
	if s == nil {
		s = []string{}
	}
	return &s
}

// TestPlanRefreshPolicy is the table for the refresh-token policy: apply,
// a dashboard edit, release, each from the persisted ownership. Every
// other field of refresh_token and every other audience's entry is sent
// as read.
func TestPlanRefreshPolicy(t *testing.T) {
	read, write := "read:me:authentication_methods", "update:me:authentication_methods"
	other := otherAudience + "=read:data"
	declare := func(s ...string) Application {
		return Application{RefreshTokenPolicy: &RefreshTokenPolicy{Scopes: s, Audience: meAudience}}
	}
	for _, tc := range []struct {
		name    string
		app     Application
		owned   *OwnedRefreshPolicy
		obs     *management.ClientRefreshToken
		patch   *management.ClientRefreshToken // nil: no write
		next    *OwnedRefreshPolicy
		changes []string // "action observed -> desired"
	}{{
		name: "adds the entry, keeps the other audience, records that there was none",
		app:  declare(read), obs: rtWith(other),
		patch:   rtWith(other, meAudience+"="+read),
		next:    &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}},
		changes: []string{"add  -> " + meAudience + " [" + read + "]"},
	}, {
		name: "a client without refresh_token gets only policies",
		app:  declare(read), obs: nil,
		patch:   &management.ClientRefreshToken{Policies: &[]management.ClientRefreshTokenPolicy{policyEntry(meAudience, []string{read})}},
		next:    &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}},
		changes: []string{"add  -> " + meAudience + " [" + read + "]"},
	}, {
		name: "changes an existing entry in place and records it",
		app:  declare(read, write), obs: rtWith(meAudience+"="+read, other),
		patch:   rtWith(meAudience+"="+read+" "+write, other),
		next:    &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read, write}, Prior: scopesPtr(read)},
		changes: []string{"update " + meAudience + " [" + read + "] -> " + meAudience + " [" + read + " " + write + "]"},
	}, {
		name: "an entry already as declared is not taken over",
		app:  declare(read), obs: rtWith(meAudience + "=" + read),
	}, {
		name: "in sync in another order: no write, ownership kept",
		app:  declare(read, write), owned: &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read, write}},
		obs:  rtWith(meAudience + "=" + write + " " + read),
		next: &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read, write}},
	}, {
		name:    "a dashboard edit is put back, the prior kept",
		app:     declare(read),
		owned:   &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}, Prior: scopesPtr()},
		obs:     rtWith(other, meAudience+"="+write),
		patch:   rtWith(other, meAudience+"="+read),
		next:    &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}, Prior: scopesPtr()},
		changes: []string{"update " + meAudience + " [" + write + "] -> " + meAudience + " [" + read + "]"},
	}, {
		name:    "release removes an entry the config added",
		owned:   &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}},
		obs:     rtWith(meAudience+"="+read, other),
		patch:   rtWith(other),
		changes: []string{"remove " + meAudience + " [" + read + "] -> " + meAudience + " [" + read + "]"},
	}, {
		name:    "release restores the prior entry exactly, even empty",
		owned:   &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}, Prior: scopesPtr()},
		obs:     rtWith(other, meAudience+"="+read),
		patch:   rtWith(other, meAudience+"="),
		changes: []string{"update " + meAudience + " [" + read + "] -> " + meAudience + " []"},
	}, {
		name:    "release of the last entry writes an empty list",
		owned:   &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}},
		obs:     rtWith(meAudience + "=" + read),
		patch:   rtWith(),
		changes: []string{"remove " + meAudience + " [" + read + "] -> " + meAudience + " [" + read + "]"},
	}, {
		name:  "release when someone already removed it: nothing to write",
		owned: &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}},
		obs:   rtWith(other),
	}} {
		t.Run(tc.name, func(t *testing.T) {
			app := tc.app
			app.ClientID = "c1"
			patch, next, changes := PlanClient(app, AppState{RefreshTokenPolicy: tc.owned}, ClientSettings{RefreshToken: tc.obs})
			if got, want := jsonOf(t, patch.RefreshToken), jsonOf(t, tc.patch); got != want {
				t.Errorf("patch\n got %s\nwant %s", got, want)
			}
			if got, want := jsonOf(t, next.RefreshTokenPolicy), jsonOf(t, tc.next); got != want {
				t.Errorf("ownership after\n got %s\nwant %s", got, want)
			}
			var got []string
			for _, c := range changes {
				got = append(got, string(c.Action)+" "+c.Observed+" -> "+c.Desired)
			}
			if !slices.Equal(got, tc.changes) {
				t.Errorf("changes\n got %q\nwant %q", got, tc.changes)
			}
			if tc.patch != nil && !RefreshPolicy.held(patch, ClientSettings{RefreshToken: tc.patch}) {
				t.Errorf("held: the tenant keeping the patch is not seen as held")
			}
		})
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRefreshPolicyOwners: owners asking for the same scopes share the
// entry, different scopes conflict, and in-flight ownership keeps the
// entry before the first change.
func TestRefreshPolicyOwners(t *testing.T) {
	read, write := "read:me:authentication_methods", "update:me:authentication_methods"
	app := func(s ...string) Application {
		return Application{ClientID: "c1", RefreshTokenPolicy: &RefreshTokenPolicy{Scopes: s}}
	}
	if d := RefreshPolicy.conflict(app(read), app(write)); !strings.Contains(d, "["+read+"] against ["+write+"]") {
		t.Errorf("different scopes: conflict %q", d)
	}
	if d := RefreshPolicy.conflict(app(read, write), app(write, read)); d != "" {
		t.Errorf("same scopes in another order: conflict %q", d)
	}
	theirs := &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{read}, Prior: scopesPtr()}
	others := []Owner{{Name: "b", Apps: []Application{app(read)}, State: State{Apps: map[string]AppState{"c1": {RefreshTokenPolicy: theirs}}}}}
	if got := ShareState(app(read), AppState{}, others).RefreshTokenPolicy; jsonOf(t, got) != jsonOf(t, theirs) {
		t.Errorf("a second owner of the same policy owns %s, want the first's record %s", jsonOf(t, got), jsonOf(t, theirs))
	}
	if got := ShareState(Application{ClientID: "c1"}, AppState{RefreshTokenPolicy: theirs}, others).RefreshTokenPolicy; got != nil {
		t.Errorf("an owner letting go while another declares it still owns %s", jsonOf(t, got))
	}
	var out AppState
	was := AppState{RefreshTokenPolicy: theirs}
	RefreshPolicy.inFlight(was, AppState{RefreshTokenPolicy: &OwnedRefreshPolicy{Audience: meAudience, Scopes: []string{write}, Prior: scopesPtr(write)}}, &out)
	if got := out.RefreshTokenPolicy; got == nil || got.Prior == nil || len(*got.Prior) != 0 || !slices.Equal(got.Scopes, []string{read, write}) {
		t.Errorf("in flight: %s, want both scopes and the first prior", jsonOf(t, got))
	}
	out = AppState{}
	RefreshPolicy.inFlight(was, AppState{}, &out)
	if out.RefreshTokenPolicy != theirs {
		t.Errorf("a release in flight dropped the record")
	}
}

// TestValidatePolicy: each error names the field, the value and the fix.
func TestValidatePolicy(t *testing.T) {
	for _, tc := range []struct {
		name     string
		scopes   []string
		audience string
		want     []string
	}{
		{"empty", nil, "", []string{`applications[0].refreshTokenPolicy.scopes: invalid value "[]": list at least one scope`}},
		{"duplicate", []string{"read:me:factors", "read:me:factors"}, "", []string{`applications[0].refreshTokenPolicy.scopes[1]: invalid value "read:me:factors": the same scope as applications[0].refreshTokenPolicy.scopes[0]`}},
		{"did you mean", []string{"Read:Me:Factors"}, "", []string{`applications[0].refreshTokenPolicy.scopes: invalid value "Read:Me:Factors": did you mean read:me:factors?`}},
		{"management API", []string{"read:me:factors"}, "https://t.example.com/api/v2/", []string{`applications[0].refreshTokenPolicy.audience: invalid value "https://t.example.com/api/v2/": the Management API can never be in a refresh-token policy`}},
		{"valid", []string{"read:me:factors"}, meAudience, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := Application{RefreshTokenPolicy: &RefreshTokenPolicy{Scopes: tc.scopes, Audience: tc.audience}}
			errs := RefreshPolicy.validate("applications[0]", app)
			if len(errs) != len(tc.want) {
				t.Fatalf("got %v, want %d errors", errs, len(tc.want))
			}
			for i, e := range errs {
				if !strings.HasPrefix(e.Error(), tc.want[i]) {
					t.Errorf("got %q\nwant prefix %q", e.Error(), tc.want[i])
				}
			}
		})
	}
}

// TestPolicyGrantWarning: the plan names the scopes the grant cuts.
func TestPolicyGrantWarning(t *testing.T) {
	p := &RefreshTokenPolicy{Scopes: []string{"read:me:factors", "read:me:authentication_methods"}}
	for _, tc := range []struct {
		name    string
		granted []string
		exists  bool
		want    string // "" for no warning
	}{
		{"covered", []string{"read:me:factors", "read:me:authentication_methods", "create:me:authentication_methods"}, true, ""},
		{"one cut", []string{"read:me:factors"}, true, "does not cover read:me:authentication_methods,"},
		{"no grant", nil, false, "none of the policy's scopes (read:me:authentication_methods read:me:factors); add userAccess"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := PolicyGrantWarning(MyAccount, "f", p, tc.granted, tc.exists, "userAccess")
			switch {
			case tc.want == "" && w != nil:
				t.Errorf("warning %q, want none", w.Message)
			case tc.want != "" && (w == nil || !strings.Contains(w.Message, tc.want)):
				t.Errorf("warning %v, want one containing %q", w, tc.want)
			}
		})
	}
}

// FuzzPlanRefreshPolicy fuzzes the policy's plan with arbitrary declared,
// owned and observed entries. Whatever the input:
//   - applying the patch and planning again changes nothing;
//   - every other refresh_token field, and every other audience's entry,
//     is as it was;
//   - a release after the apply leaves the entry as it was before.
func FuzzPlanRefreshPolicy(f *testing.F) {
	f.Add("read:me:factors", "read:data", "read:me:factors read:me:authentication_methods", true)
	f.Add("read:me:factors", "", "", false)
	f.Add("", "read:data", "read:me:factors", true)
	f.Fuzz(func(t *testing.T, declared, other, observed string, hasEntry bool) {
		var entries []string
		if other != "" {
			entries = append(entries, otherAudience+"="+other)
		}
		if hasEntry {
			entries = append(entries, meAudience+"="+observed)
		}
		start := ClientSettings{RefreshToken: rtWith(entries...)}
		app := Application{ClientID: "c"}
		if declared != "" {
			app.RefreshTokenPolicy = &RefreshTokenPolicy{Scopes: strings.Fields(declared), Audience: meAudience}
		}
		patch, owned, _ := PlanClient(app, AppState{}, start)
		after := patch.appliedTo(start)
		if p2, _, changes := PlanClient(app, owned, after); !p2.Empty() {
			t.Fatalf("a second plan is not empty: %v", changes)
		}
		othersOf := func(c ClientSettings) string {
			rt := *withEntry(c.RefreshToken, meAudience, nil)
			b, _ := json.Marshal(rt)
			return string(b)
		}
		if othersOf(after) != othersOf(start) {
			t.Fatalf("the rest of refresh_token changed:\n%s\n%s", othersOf(start), othersOf(after))
		}
		release, _, _ := PlanClient(Application{ClientID: "c"}, owned, after)
		if got, want := jsonOf(t, release.appliedTo(after).RefreshToken), jsonOf(t, start.RefreshToken); got != want {
			t.Fatalf("release left\n%s\nwant\n%s", got, want)
		}
	})
}

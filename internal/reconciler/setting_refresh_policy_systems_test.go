package reconciler

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const orgAudience = "https://t.example.com/my-org/"

// TestPlanRefreshPolicyPerSystemAPI: the policies of the two system APIs
// are planned into one refresh_token object; each keeps its own record,
// and the other entries and fields are kept as read.
func TestPlanRefreshPolicyPerSystemAPI(t *testing.T) {
	me := func(s ...string) *RefreshTokenPolicy { return &RefreshTokenPolicy{Scopes: s, Audience: meAudience} }
	org := func(s ...string) *RefreshTokenPolicy { return &RefreshTokenPolicy{Scopes: s, Audience: orgAudience} }
	owned := func(aud string, s ...string) *OwnedRefreshPolicy {
		return &OwnedRefreshPolicy{Audience: aud, Scopes: s}
	}
	const read, orgRead = "read:me:factors", "read:my_org:details"
	for _, tc := range []struct {
		name         string
		meP, orgP    *RefreshTokenPolicy
		ownMe, ownOr *OwnedRefreshPolicy
		tenant       []string
		wantPatch    []string // entries after the patch; nil: no patch
		wantChanges  int
		wantOwnedOrg *OwnedRefreshPolicy
	}{
		{name: "both added", meP: me(read), orgP: org(orgRead), tenant: []string{otherAudience + "=read:items"},
			wantPatch:   []string{otherAudience + "=read:items", meAudience + "=" + read, orgAudience + "=" + orgRead},
			wantChanges: 2, wantOwnedOrg: owned(orgAudience, orgRead)},
		{name: "only My Organization", orgP: org(orgRead), tenant: []string{meAudience + "=" + read},
			wantPatch:   []string{meAudience + "=" + read, orgAudience + "=" + orgRead},
			wantChanges: 1, wantOwnedOrg: owned(orgAudience, orgRead)},
		{name: "in sync", meP: me(read), orgP: org(orgRead), ownMe: owned(meAudience, read), ownOr: owned(orgAudience, orgRead),
			tenant: []string{meAudience + "=" + read, orgAudience + "=" + orgRead}, wantOwnedOrg: owned(orgAudience, orgRead)},
		{name: "My Organization released, My Account kept", meP: me(read), ownMe: owned(meAudience, read), ownOr: owned(orgAudience, orgRead),
			tenant:    []string{meAudience + "=" + read, orgAudience + "=" + orgRead, otherAudience + "=read:items"},
			wantPatch: []string{meAudience + "=" + read, otherAudience + "=read:items"}, wantChanges: 1},
		{name: "both released", ownMe: owned(meAudience, read), ownOr: owned(orgAudience, orgRead),
			tenant:    []string{orgAudience + "=" + orgRead, meAudience + "=" + read},
			wantPatch: []string{}, wantChanges: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := Application{ClientID: "c1", RefreshTokenPolicy: tc.meP, MyOrganizationRefreshTokenPolicy: tc.orgP}
			st := AppState{RefreshTokenPolicy: tc.ownMe, MyOrganizationRefreshTokenPolicy: tc.ownOr}
			patch, next, changes := PlanClient(app, st, ClientSettings{RefreshToken: rtWith(tc.tenant...)})
			if len(changes) != tc.wantChanges {
				t.Errorf("changes %+v, want %d", changes, tc.wantChanges)
			}
			if tc.wantPatch == nil {
				if patch.RefreshToken != nil {
					t.Fatalf("patch %+v, want none", patch.RefreshToken)
				}
			} else if want := rtWith(tc.wantPatch...); !reflect.DeepEqual(patch.RefreshToken, want) {
				t.Fatalf("patch %s\nwant  %s", jsonOf(t, patch.RefreshToken), jsonOf(t, want))
			}
			if !reflect.DeepEqual(next.MyOrganizationRefreshTokenPolicy, tc.wantOwnedOrg) {
				t.Errorf("owned %s, want %s", jsonOf(t, next.MyOrganizationRefreshTokenPolicy), jsonOf(t, tc.wantOwnedOrg))
			}
		})
	}
}

// TestValidateMyOrganizationPolicy: the second API's policy is refused in
// its own terms, before any write.
func TestValidateMyOrganizationPolicy(t *testing.T) {
	withPolicy := func(scopes ...string) Desired {
		return Desired{Domain: "t.example.com", API: APISpec{Enabled: true}, MyOrganizationAPI: &APISpec{Enabled: true},
			Applications: []Application{{ClientID: "c1", MyOrganizationRefreshTokenPolicy: &RefreshTokenPolicy{Scopes: scopes}}}}
	}
	noAPI := withPolicy("read:my_org:details")
	noAPI.MyOrganizationAPI = nil
	disabledAPI := withPolicy("read:my_org:details")
	disabledAPI.MyOrganizationAPI = &APISpec{}
	for _, tc := range []struct {
		name string
		errs ValidationErrors
		want string // "" for none
	}{
		{"valid", ValidateStatic(withPolicy("read:my_org:details")), ""},
		{"empty", ValidateStatic(withPolicy()), `applications[0].myOrganizationRefreshTokenPolicy.scopes: invalid value "[]": list at least one scope, for example read:my_org:details; to stop managing the policy, remove myOrganizationRefreshTokenPolicy`},
		// Not managed: allowed here, refused by the run when it is not active.
		{"no API", ValidateStatic(noAPI), ""},
		{"API disabled", ValidateStatic(disabledAPI), "a refresh-token policy needs the My Organization API (Auth0 ignores a policy for an API that is not active); set myOrganizationApi.enabled: true"},
		{"duplicate", ValidateStatic(withPolicy("read:my_org:details", "read:my_org:details")), "the same scope as applications[0].myOrganizationRefreshTokenPolicy.scopes[0]"},
		{"did you mean, against the tenant's list", ValidateScopesFor(MyOrganization, "applications[0].myOrganizationRefreshTokenPolicy.scopes", []string{"Read:My_Org:Details"}, MyOrganizationScopes),
			`applications[0].myOrganizationRefreshTokenPolicy.scopes: invalid value "Read:My_Org:Details": did you mean read:my_org:details?`},
		{"management API", ValidationErrors{ValidatePolicyAudience(MyOrganization, "audience", "https://t.example.com/api/v2/")}, "use the My Organization API's audience, https://{domain}/my-org/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.errs.Error()
			if tc.want == "" && len(tc.errs) > 0 || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("errors %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestMyOrganizationPolicyStateIsAdditive: a state without the second
// API's entry is the JSON it always was; the entry has its own key.
func TestMyOrganizationPolicyStateIsAdditive(t *testing.T) {
	old := `{"refreshTokenPolicy":{"audience":"https://t.example.com/me/","scopes":["read:me:factors"]}}`
	var st AppState
	if err := json.Unmarshal([]byte(old), &st); err != nil || jsonOf(t, st) != old {
		t.Fatalf("round trip %s (%v), want %s", jsonOf(t, st), err, old)
	}
	st.MyOrganizationRefreshTokenPolicy = &OwnedRefreshPolicy{Audience: orgAudience, Scopes: []string{"read:my_org:details"}}
	if got := jsonOf(t, st); !strings.Contains(got, `"myOrganizationRefreshTokenPolicy":{"audience":"`+orgAudience+`"`) {
		t.Errorf("state %s", got)
	}
}

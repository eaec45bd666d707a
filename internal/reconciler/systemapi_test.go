package reconciler

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
)

func TestSystemAPIAudience(t *testing.T) {
	tests := []struct {
		api      SystemAPI
		domain   string
		audience string
	}{
		{MyAccount, "Tenant.EU.auth0.com", "https://tenant.eu.auth0.com/me/"},
		{MyOrganization, "Tenant.EU.auth0.com", "https://tenant.eu.auth0.com/my-org/"},
		{MyOrganization, "login.example.com", "https://login.example.com/my-org/"},
	}
	for _, tt := range tests {
		t.Run(tt.api.Key+" "+tt.domain, func(t *testing.T) {
			got := tt.api.Audience(tt.domain)
			if got != tt.audience {
				t.Fatalf("Audience(%q) = %q, want %q", tt.domain, got, tt.audience)
			}
			if d, ok := tt.api.DomainOf(got); !ok || d != strings.ToLower(tt.domain) {
				t.Errorf("DomainOf(%q) = %q, %v; want %q", got, d, ok, strings.ToLower(tt.domain))
			}
			if systemAPIOf(got).Key != tt.api.Key {
				t.Errorf("systemAPIOf(%q) = %s, want %s", got, systemAPIOf(got).Key, tt.api.Key)
			}
		})
	}
}

func TestSystemAPIDomainOfRefusesTheOtherAPI(t *testing.T) {
	tests := []struct {
		api      SystemAPI
		audience string
	}{
		{MyAccount, "https://t.auth0.com/my-org/"},
		{MyOrganization, "https://t.auth0.com/me/"},
		{MyOrganization, "http://t.auth0.com/my-org/"},
		{MyOrganization, "https://t.auth0.com/x/my-org/"},
		{MyOrganization, "https:///my-org/"},
	}
	for _, tt := range tests {
		if d, ok := tt.api.DomainOf(tt.audience); ok {
			t.Errorf("%s.DomainOf(%q) = %q, want not an audience of it", tt.api.Key, tt.audience, d)
		}
	}
}

func TestSystemAPIByKey(t *testing.T) {
	for _, key := range SystemAPIKeys() {
		if a, ok := SystemAPIByKey(key); !ok || a.Key != key {
			t.Errorf("SystemAPIByKey(%q) = %v, %v", key, a.Key, ok)
		}
	}
	if _, ok := SystemAPIByKey("my_org"); ok {
		t.Error("SystemAPIByKey(my_org) found an API; only the listed keys are")
	}
	if got := SystemAPIKeys(); !slices.Equal(got, []string{"my_account", "my_organization"}) {
		t.Errorf("SystemAPIKeys() = %v", got)
	}
}

func TestDiffAPINamesTheSystemAPI(t *testing.T) {
	tests := []struct {
		name     string
		audience string
		spec     APISpec
		obs      APIObservation
		resource string
		field    string
		action   Action
	}{
		{"my account activation", "https://t/me/", APISpec{Enabled: true}, APIObservation{}, "api", "active", ActionCreate},
		{"my organization activation", "https://t/my-org/", APISpec{Enabled: true}, APIObservation{}, "my-organization-api", "active", ActionCreate},
		{"my organization policy", "https://t/my-org/", APISpec{Enabled: true, UserAccessPolicy: UserAccessDenyAll},
			APIObservation{Active: true, UserPolicy: UserAccessRequireClientGrant}, "my-organization-api", "subject_type_authorization.user.policy", ActionUpdate},
		{"my organization deactivation under Delete", "https://t/my-org/", APISpec{DeletionPolicy: DeletionDelete},
			APIObservation{Active: true, ID: "rs_1"}, "my-organization-api", "active", ActionDelete},
		{"my organization active elsewhere", "https://t/my-org/", APISpec{Enabled: true},
			APIObservation{ActiveElsewhere: "https://login.example.com/my-org/"}, "my-organization-api", "identifier", ActionConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := DiffAPI(tt.spec, tt.audience, tt.obs)
			if len(changes) == 0 {
				t.Fatal("no change")
			}
			c := changes[0]
			if c.Resource != tt.resource || c.Field != tt.field || c.Action != tt.action {
				t.Errorf("first change %+v, want %s %s %s", c, tt.resource, tt.field, tt.action)
			}
		})
	}
}

func TestRequiredScopesForBothSystemAPIs(t *testing.T) {
	changes := []Change{
		{Resource: "my-organization-api", Action: ActionCreate},
		{Resource: "my-organization-grant/c1", Action: ActionCreate},
		{Resource: "api", Action: ActionUpdate},
		{Resource: "grant/c1", Action: ActionDelete},
	}
	want := []string{"create:client_grants", "create:resource_servers", "delete:client_grants", "update:resource_servers"}
	if got := RequiredScopes(changes); !slices.Equal(got, want) {
		t.Errorf("RequiredScopes = %v, want %v", got, want)
	}
}

func TestValidateStaticMyOrganization(t *testing.T) {
	org := func(scopes ...string) Application {
		return Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: scopes}}
	}
	tests := []struct {
		name   string
		d      Desired
		fields []string // the fields refused, in order
		fix    string   // a part of the first fix
	}{
		// Not managed: the run refuses it if the API is not active.
		{"user access without the block", Desired{Domain: "t", Applications: []Application{org("read:my_org:details")}},
			nil, ""},
		{"user access with the API disabled", Desired{Domain: "t", MyOrganizationAPI: &APISpec{}, Applications: []Application{org("read:my_org:details")}},
			[]string{"applications[0].myOrganizationUserAccess"}, "needs the My Organization API"},
		{"no scopes", Desired{Domain: "t", MyOrganizationAPI: &APISpec{Enabled: true}, Applications: []Application{org()}},
			[]string{"applications[0].myOrganizationUserAccess.scopes"}, "for example read:my_org:details; to remove user access, remove myOrganizationUserAccess"},
		{"a scope it may add later waits for the tenant's list", Desired{Domain: "t", MyOrganizationAPI: &APISpec{Enabled: true}, Applications: []Application{org("read:my_org:future")}},
			nil, ""},
		{"its policies are named in its block", Desired{Domain: "t", MyOrganizationAPI: &APISpec{Enabled: true, UserAccessPolicy: "allow", DeletionPolicy: "Keep"}},
			[]string{"myOrganizationApi.userAccessPolicy", "myOrganizationApi.deletionPolicy"}, "require_client_grant, allow_all or deny_all"},
		{"a My Account scope is not a My Organization scope statically either way", Desired{Domain: "t", API: APISpec{Enabled: true},
			Applications: []Application{{ClientID: "c1", UserAccess: &UserAccess{Scopes: []string{"read:my_org:details"}}}}},
			[]string{"applications[0].userAccess.scopes"}, "the My Account API offers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := ValidateStatic(tt.d)
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
			}
			if !slices.Equal(fields, tt.fields) {
				t.Fatalf("refused %v, want %v: %v", fields, tt.fields, errs)
			}
			if tt.fix != "" && !strings.Contains(errs[0].Fix, tt.fix) {
				t.Errorf("fix %q, want it to contain %q", errs[0].Fix, tt.fix)
			}
		})
	}
}

func TestScopesCheckedAgainstTheAPIsOwnList(t *testing.T) {
	active := APIObservation{Active: true, Audience: "https://t/my-org/", Scopes: []string{"read:my_org:details"}}
	r := &systemRun{sys: MyOrganization, api: active}
	d := Desired{Applications: []Application{{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"read:my-org:details", "read:my_org:details"}}}}}
	errs := r.validateScopes(d)
	if len(errs) != 1 || errs[0].Field != "applications[0].myOrganizationUserAccess.scopes" || errs[0].Value != "read:my-org:details" {
		t.Fatalf("errors %v, want one for read:my-org:details", errs)
	}
	if fix := errs[0].Fix; !strings.Contains(fix, "did you mean read:my_org:details?") || !strings.Contains(fix, "the My Organization API offers: read:my_org:details") {
		t.Errorf("fix %q: want a did-you-mean and the API's own list", fix)
	}
	// Before activation, the fixed list.
	if got := OfferedScopes(APIObservation{Audience: "https://t/my-org/"}); !slices.Equal(got, MyOrganizationScopes) {
		t.Errorf("OfferedScopes before activation = %v", got)
	}
}

func TestGrantOwnershipPerSystemAPI(t *testing.T) {
	tests := []struct {
		name string
		got  AppState
		want AppState
	}{
		{"intent and the grant present: ours",
			MyOrganization.resolveGrantIntent(AppState{MyOrganizationGrantIntent: true, GrantID: "cgr_me"}, GrantObservation{Exists: true, ID: "cgr_org"}),
			AppState{GrantID: "cgr_me", MyOrganizationGrantID: "cgr_org"}},
		{"the other API's intent is not read",
			MyOrganization.resolveGrantIntent(AppState{GrantIntent: true}, GrantObservation{Exists: true, ID: "cgr_org"}),
			AppState{GrantIntent: true}},
		{"in flight, both APIs' grants are kept",
			inFlight(AppState{GrantID: "cgr_me"}, AppState{GrantID: "cgr_me", MyOrganizationGrantIntent: true}),
			AppState{GrantID: "cgr_me", MyOrganizationGrantIntent: true}},
		{"a grant shared with another owner asking the same scopes",
			ShareState(Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"read:my_org:details"}}}, AppState{},
				[]Owner{{Name: "other", Apps: []Application{{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"read:my_org:details"}}}},
					State: State{Apps: map[string]AppState{"c1": {MyOrganizationGrantID: "cgr_org"}}}}}),
			AppState{MyOrganizationGrantID: "cgr_org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !sameOwnership(tt.got, tt.want) {
				t.Errorf("got %+v, want %+v", tt.got, tt.want)
			}
		})
	}
	if !(AppState{MyOrganizationGrantID: "cgr_org"}).Owns() {
		t.Error("a state owning only a My Organization grant owns nothing")
	}
}

func TestClaimConflictOnMyOrganizationScopes(t *testing.T) {
	a := Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"read:my_org:details"}}}
	b := Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"update:my_org:details"}}}
	if field, _ := ClaimConflict(a, b); field != "myOrganizationUserAccess.scopes" {
		t.Errorf("ClaimConflict field %q, want myOrganizationUserAccess.scopes", field)
	}
}

// A config that names only My Account persists the JSON it always did.
func TestStateJSONWithoutMyOrganizationIsUnchanged(t *testing.T) {
	s := State{APIID: "rs_1", Audience: "https://t/me/", Apps: map[string]AppState{"c1": {GrantID: "cgr_1"}}}
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"apiId":"rs_1","audience":"https://t/me/","apps":{"c1":{"grantId":"cgr_1"}}}`; string(got) != want {
		t.Errorf("state JSON %s, want %s", got, want)
	}
}

func TestDeactivationWarningsNameTheBlock(t *testing.T) {
	ws := DeactivationWarnings(APISpec{}, APIObservation{Active: true, ID: "rs_1", Audience: "https://t/my-org/"})
	if len(ws) != 1 || ws[0].Field != "myOrganizationApi.enabled" || !strings.Contains(ws[0].Message, "set myOrganizationApi.deletionPolicy: Delete") {
		t.Errorf("warnings %v", ws)
	}
}

func TestRunBudgetCountsTheSecondAPI(t *testing.T) {
	d := Desired{Applications: []Application{{ClientID: "c1"}}}
	one := RunBudget(d, State{})
	d.MyOrganizationAPI = &APISpec{Enabled: true}
	if two := RunBudget(d, State{}); two <= one {
		t.Errorf("budget with My Organization %d, without %d", two, one)
	}
	if released := RunBudget(Desired{}, State{MyOrganizationAudience: "https://t/my-org/"}); released <= RunBudget(Desired{}, State{}) {
		t.Error("a release of the My Organization API gets no budget for it")
	}
}

func TestEvaluateSystemAPILinks(t *testing.T) {
	app := Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: []string{"read:my_org:details", "update:my_org:details"}}}
	active := APIObservation{Active: true, ID: "rs_org", Audience: "https://t/my-org/", UserPolicy: UserAccessRequireClientGrant,
		Scopes: []string{"read:my_org:details", "update:my_org:details"}}
	tests := []struct {
		name     string
		obs      ChainObservation
		outcomes []Outcome
		want     string // a part of the first failing check's message or fix
	}{
		{"not active", ChainObservation{APIEnabled: true, API: APIObservation{Audience: "https://t/my-org/"}},
			[]Outcome{OutcomeFail, OutcomeSkip, OutcomeSkip}, "myaccount apply (myOrganizationApi.enabled true), or activate it in Auth0 Dashboard > Applications > APIs (My Organization API banner > Activate)"},
		{"disabled", ChainObservation{API: APIObservation{Audience: "https://t/my-org/"}},
			[]Outcome{OutcomeFail, OutcomeSkip, OutcomeSkip}, "set myOrganizationApi.enabled to true"},
		{"no grant", ChainObservation{APIEnabled: true, API: active},
			[]Outcome{OutcomePass, OutcomeFail, OutcomeSkip}, "create the grant that applications[0].myOrganizationUserAccess names"},
		{"a scope missing", ChainObservation{APIEnabled: true, API: active, Grant: GrantObservation{Exists: true, ID: "cgr_1", Scopes: []string{"read:my_org:details"}}},
			[]Outcome{OutcomePass, OutcomeFail, OutcomePass}, "Auth0 My Organization API > Application Access"},
		{"deny_all", ChainObservation{APIEnabled: true, DesiredPolicy: UserAccessRequireClientGrant, API: APIObservation{Active: true, Audience: "https://t/my-org/", UserPolicy: UserAccessDenyAll},
			Grant: GrantObservation{Exists: true, ID: "cgr_1", Scopes: app.MyOrganizationUserAccess.Scopes}},
			[]Outcome{OutcomePass, OutcomePass, OutcomeFail}, "as myOrganizationApi.userAccessPolicy says"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.obs.App, tt.obs.AudienceDomain, tt.obs.Sys = app, "t", MyOrganization
			checks := EvaluateSystemAPILinks(tt.obs)
			var got []Outcome
			for _, c := range checks {
				got = append(got, c.Outcome)
				if c.API != "my_organization" {
					t.Errorf("%s: api %q", c.ID, c.API)
				}
			}
			if !slices.Equal(got, tt.outcomes) {
				t.Fatalf("outcomes %v, want %v: %+v", got, tt.outcomes, checks)
			}
			for _, c := range checks {
				if c.Outcome == OutcomeFail {
					if !strings.Contains(c.Message+" "+c.Fix, tt.want) {
						t.Errorf("%s: %q / %q, want %q", c.ID, c.Message, c.Fix, tt.want)
					}
					break
				}
			}
		})
	}
	titles := []string{"My Organization API active on the audience domain", "My Organization API: user grant for the client"}
	checks := EvaluateSystemAPILinks(ChainObservation{Sys: MyOrganization})
	for i, want := range titles {
		if got := checks[i].Title(); got != want {
			t.Errorf("title %q, want %q", got, want)
		}
	}
}

// TestEvaluateMyOrganizationRefreshLinks: links 10 and 11 for the My
// Organization audience follow the API's own links when the application
// declares myOrganizationRefreshTokenPolicy, with fixes in its terms.
func TestEvaluateMyOrganizationRefreshLinks(t *testing.T) {
	const aud = "https://t/my-org/"
	granted := []string{"read:my_org:details", "update:my_org:details"}
	entry := func(scopes ...string) *management.ClientRefreshToken {
		return &management.ClientRefreshToken{RotationType: ptr("rotating"), Policies: &[]management.ClientRefreshTokenPolicy{{Audience: ptr(aud), Scope: &scopes}}}
	}
	tests := []struct {
		name     string
		policy   []string // nil: not declared
		rt       *management.ClientRefreshToken
		outcomes []Outcome // links 10 and 11
		want     string    // a part of the failing check's message or fix
	}{
		{"undeclared", nil, entry("read:my_org:details"), nil, ""},
		{"in place", []string{"read:my_org:details"}, entry("read:my_org:details"), []Outcome{OutcomePass, OutcomePass}, ""},
		{"no entry", []string{"read:my_org:details"}, nil, []Outcome{OutcomeFail, OutcomeSkip},
			"write the entry that applications[0].myOrganizationRefreshTokenPolicy names"},
		{"entry lacks a scope", []string{"read:my_org:details", "update:my_org:details"}, entry("read:my_org:details"), []Outcome{OutcomePass, OutcomeFail},
			"lacks update:my_org:details, which applications[0].myOrganizationRefreshTokenPolicy.scopes names"},
		{"grant cuts a scope", []string{"read:my_org:domains"}, entry("read:my_org:domains"), []Outcome{OutcomePass, OutcomeFail},
			"add it to applications[0].myOrganizationUserAccess.scopes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := Application{ClientID: "c1", MyOrganizationUserAccess: &UserAccess{Scopes: granted}}
			if tt.policy != nil {
				app.MyOrganizationRefreshTokenPolicy = &RefreshTokenPolicy{Scopes: tt.policy, Audience: aud}
			}
			obs := ChainObservation{APIEnabled: true, AudienceDomain: "t", Sys: MyOrganization, App: app,
				API:    APIObservation{Active: true, Audience: aud, UserPolicy: UserAccessRequireClientGrant, Scopes: MyOrganizationScopes},
				Client: ClientObservation{ClientID: "c1", FirstParty: true, AppType: "spa", ClientSettings: ClientSettings{RefreshToken: tt.rt}},
				Grant:  GrantObservation{Exists: true, ID: "cgr_1", Scopes: granted}}
			checks := EvaluateSystemAPILinks(obs)[3:]
			var got []Outcome
			for _, c := range checks {
				got = append(got, c.Outcome)
				if c.API != MyOrganization.Key || c.Audience != aud {
					t.Errorf("%s: api %q audience %q", c.ID, c.API, c.Audience)
				}
				if c.Outcome == OutcomeFail && !strings.Contains(c.Message+" "+c.Fix, tt.want) {
					t.Errorf("%s: %q / %q, want %q", c.ID, c.Message, c.Fix, tt.want)
				}
			}
			if !slices.Equal(got, tt.outcomes) {
				t.Fatalf("outcomes %v, want %v: %+v", got, tt.outcomes, checks)
			}
		})
	}
}

package crd

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/auth0/go-auth0/management"
	"sigs.k8s.io/yaml"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const sampleYAML = `
apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: x}
spec:
  domain: t.example.com
  credentialsSecretRef: {name: creds}
  resyncInterval: 1m
  api: {audienceDomain: login.example.com, deletionPolicy: Delete}
  applications:
    - clientId: a
      allowedOrigins: ["https://app.example.com"]
      crossOriginAuthentication: {enabled: true, verificationLocation: "https://app.example.com/x.html"}
      userAccess: {scopes: ["read:me:authentication_methods"]}
      refreshTokenPolicy: {scopes: ["read:me:authentication_methods"]}
    - clientId: b
      originsMode: Exclusive
      allowedOrigins: []
    - clientId: c
`

func TestDesiredKeepsNilVersusEmptyOrigins(t *testing.T) {
	var m v1.MyAccountConfig
	if err := yaml.UnmarshalStrict([]byte(sampleYAML), &m); err != nil {
		t.Fatal(err)
	}
	d := Desired(&m.Spec)
	if !d.API.Enabled || d.API.DeletionPolicy != reconciler.DeletionDelete || d.API.UserAccessPolicy != reconciler.UserAccessRequireClientGrant {
		t.Fatalf("api defaults: %+v", d.API)
	}
	if d.Applications[1].AllowedOrigins == nil || len(d.Applications[1].AllowedOrigins) != 0 {
		t.Fatalf("empty list lost: %#v", d.Applications[1].AllowedOrigins)
	}
	if d.Applications[2].AllowedOrigins != nil {
		t.Fatalf("nil became %#v", d.Applications[2].AllowedOrigins)
	}
	if p := d.Applications[0].RefreshTokenPolicy; p == nil || len(p.Scopes) != 1 || p.Scopes[0] != "read:me:authentication_methods" || d.Applications[2].RefreshTokenPolicy != nil {
		t.Fatalf("refreshTokenPolicy: %+v, and %+v for an application without one", p, d.Applications[2].RefreshTokenPolicy)
	}
	if d.Applications[0].OriginsMode != reconciler.OriginsMerge {
		t.Fatalf("mode default: %q", d.Applications[0].OriginsMode)
	}
	// JSON round trip keeps the distinction.
	b, err := json.Marshal(&m)
	if err != nil {
		t.Fatal(err)
	}
	var back v1.MyAccountConfig
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(Desired(&back.Spec), d) {
		t.Fatalf("round trip changed the desired state:\n%s", b)
	}
}

func TestStatusRoundTrip(t *testing.T) {
	res := &reconciler.Result{
		State: reconciler.State{APIID: "rs_1", Audience: "https://t/me/", Apps: map[string]reconciler.AppState{
			"b": {ManagedOrigins: []string{"https://z.example.com", "https://a.example.com"}, GrantID: "cgr_1",
				PriorCrossOrigin: &reconciler.PriorCrossOrigin{Enabled: new(bool)}},
			"a": {},
		}},
		Status: reconciler.Status{Apps: []reconciler.AppStatus{
			{ClientID: "b", Observed: reconciler.ClientSettings{AllowedOrigins: []string{"https://z.example.com", "https://a.example.com", "https://o.example.com"},
				CrossOrigin: reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: "https://x/y"}}, GrantScopes: []string{"b", "a"}},
			{ClientID: "a"},
		}},
	}
	var st v1.MyAccountConfigStatus
	SetObserved(&st, res)
	if st.Applications[0].ClientID != "a" || st.Applications[1].ObservedOrigins[0] != "https://a.example.com" {
		t.Fatalf("not sorted: %+v", st.Applications)
	}
	b, _ := json.Marshal(&st)
	var back v1.MyAccountConfigStatus
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	got := State(&back)
	want := reconciler.State{APIID: "rs_1", Audience: "https://t/me/", Apps: map[string]reconciler.AppState{
		"b": {ManagedOrigins: []string{"https://a.example.com", "https://z.example.com"}, GrantID: "cgr_1",
			PriorCrossOrigin: &reconciler.PriorCrossOrigin{Enabled: new(bool)}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("state round trip:\n got %+v\nwant %+v\njson %s", got, want, b)
	}
	var again v1.MyAccountConfigStatus
	SetObserved(&again, res)
	if !reflect.DeepEqual(again, st) {
		t.Fatal("SetObserved is not deterministic")
	}
}

// A user grant that exists on the tenant but that this config does not own
// (a conflict, or a plan that did not adopt it) is observed, never recorded
// as owned: the next run would take it over and deletion would delete it.
func TestObservedGrantIsNotRecordedAsOwned(t *testing.T) {
	res := &reconciler.Result{
		State: reconciler.State{Apps: map[string]reconciler.AppState{
			"spa":   {},
			"owned": {GrantID: "cgr_mine"},
		}},
		Status: reconciler.Status{Apps: []reconciler.AppStatus{
			{ClientID: "spa", GrantScopes: []string{"read:me"}},
			{ClientID: "owned", GrantScopes: []string{"read:me"}},
		}},
	}
	var st v1.MyAccountConfigStatus
	SetObserved(&st, res)
	got := State(&st)
	if a, ok := got.Apps["spa"]; ok {
		t.Errorf("the foreign grant became owned state: %+v", a)
	}
	if got.Apps["owned"].GrantID != "cgr_mine" {
		t.Errorf("owned grant lost: %+v", got.Apps)
	}
	for _, a := range st.Applications {
		if a.ClientID == "spa" && (a.GrantID != "" || !reflect.DeepEqual(a.GrantScopes, []string{"read:me"})) {
			t.Errorf("spa status: grantId %q (want none: not owned), grantScopes %v (want the observed ones)", a.GrantID, a.GrantScopes)
		}
	}
}

// The My Organization API is its own block (absent: not managed) and its
// own per-application grant; its state goes through status and back.
func TestMyOrganizationRoundTrip(t *testing.T) {
	const doc = `
spec:
  domain: t.example.com
  myOrganizationApi: {deletionPolicy: delete}
  applications:
    - clientId: a
      userAccess: {scopes: ["read:me:authentication_methods"]}
      myOrganizationUserAccess: {scopes: ["read:my_org:details"]}
`
	var m v1.MyAccountConfig
	if err := yaml.UnmarshalStrict([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	d := Desired(&m.Spec)
	org := d.MyOrganizationAPI
	if org == nil || !org.Enabled || org.DeletionPolicy != reconciler.DeletionDelete || org.UserAccessPolicy != reconciler.UserAccessRequireClientGrant {
		t.Fatalf("myOrganizationApi: %+v", org)
	}
	if ua := d.Applications[0].MyOrganizationUserAccess; ua == nil || !reflect.DeepEqual(ua.Scopes, []string{"read:my_org:details"}) {
		t.Fatalf("myOrganizationUserAccess: %+v", ua)
	}
	if m.Spec.EffectiveMyOrganizationDeletionPolicy() != v1.DeletionDelete {
		t.Errorf("effective deletion policy %q", m.Spec.EffectiveMyOrganizationDeletionPolicy())
	}
	if Desired(&v1.MyAccountConfigSpec{Domain: "t"}).MyOrganizationAPI != nil {
		t.Error("a spec without myOrganizationApi manages it")
	}

	res := &reconciler.Result{
		State: reconciler.State{MyOrganizationAPIID: "rs_org", MyOrganizationAudience: "https://t/my-org/",
			Apps: map[string]reconciler.AppState{"a": {MyOrganizationGrantID: "cgr_org"}}},
		Status: reconciler.Status{Apps: []reconciler.AppStatus{{ClientID: "a", MyOrganizationGrantScopes: []string{"read:my_org:details"}}}},
	}
	var st v1.MyAccountConfigStatus
	SetObserved(&st, res)
	if st.MyOrganizationAPIID != "rs_org" || st.Applications[0].MyOrganizationGrantID != "cgr_org" || !reflect.DeepEqual(st.Applications[0].MyOrganizationGrantScopes, []string{"read:my_org:details"}) {
		t.Fatalf("status %+v", st)
	}
	back := State(&st)
	if back.MyOrganizationAPIID != "rs_org" || back.MyOrganizationAudience != "https://t/my-org/" || back.Apps["a"].MyOrganizationGrantID != "cgr_org" {
		t.Errorf("state from status %+v", back)
	}
}

// The status shows the scopes of the client's policy entry for the
// config's audience, sorted, and nothing of another API's entry.
func TestStatusShowsThePolicyEntry(t *testing.T) {
	aud, other, scopes := "https://t/me/", "https://api.example.com/", []string{"read:me:factors", "read:me:authentication_methods"}
	rt := &management.ClientRefreshToken{Policies: &[]management.ClientRefreshTokenPolicy{
		{Audience: &other, Scope: &[]string{"read:data"}}, {Audience: &aud, Scope: &scopes}}}
	res := &reconciler.Result{
		State:  reconciler.State{Audience: aud, Apps: map[string]reconciler.AppState{"spa": {}}},
		Status: reconciler.Status{Apps: []reconciler.AppStatus{{ClientID: "spa", Observed: reconciler.ClientSettings{RefreshToken: rt}}}},
	}
	var st v1.MyAccountConfigStatus
	SetObserved(&st, res)
	if got, want := st.Applications[0].RefreshTokenPolicyScopes, []string{"read:me:authentication_methods", "read:me:factors"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("refreshTokenPolicyScopes %v, want %v", got, want)
	}
}

package reconciler

import (
	"strings"
	"testing"
)

// TestDecideAPIClaims: the system APIs are shared like a client's
// settings; a later config that asks for something else is refused, naming
// both, and one that would change nothing claims nothing.
func TestDecideAPIClaims(t *testing.T) {
	on := APISpec{Enabled: true}
	offDelete := APISpec{DeletionPolicy: DeletionDelete}
	owned := State{APIID: "rs1", APIOwned: true}
	legacy := State{APIID: "rs1"} // recorded by an earlier version
	owner := func(name string, api *APISpec, st State) Owner {
		d := Desired{Domain: "t", API: APISpec{Unmanaged: true}}
		if api != nil {
			d.API = *api
		}
		return OwnerOf(name, &d, st)
	}
	for _, tc := range []struct {
		name    string
		owners  []Owner
		refused string // "" for none
		field   string
		detail  string
	}{
		{"agreeing owners share", []Owner{owner("a", &on, owned), owner("b", &on, State{})}, "", "", ""},
		{"enabled against deactivation", []Owner{owner("a", &on, owned), owner("b", &offDelete, State{})}, "b", "api.enabled", "false against true"},
		{"the first keeps it: a deactivating owner refuses a later enabler", []Owner{owner("a", &APISpec{}, owned), owner("b", &on, State{})}, "b", "api.enabled", "true against false"},
		{"disabled under Retain and not owned changes nothing, so claims nothing", []Owner{owner("a", &on, owned), owner("b", &APISpec{}, State{})}, "", "", ""},
		{"a disabled config's record from an earlier version is not ownership", []Owner{owner("a", &on, owned), owner("b", &APISpec{}, legacy)}, "", "", ""},
		{"left out claims nothing", []Owner{owner("a", &on, owned), owner("b", nil, owned)}, "", "", ""},
		{"another user access policy", []Owner{owner("a", &on, owned), owner("b", &APISpec{Enabled: true, UserAccessPolicy: UserAccessAllowAll}, State{})}, "b", "api.userAccessPolicy", "allow_all against require_client_grant"},
		{"an unset policy is its default", []Owner{owner("a", &APISpec{Enabled: true, UserAccessPolicy: UserAccessRequireClientGrant}, owned), owner("b", &on, State{})}, "", "", ""},
		{"another audience domain", []Owner{owner("a", &on, owned), owner("b", &APISpec{Enabled: true, AudienceDomain: "login.example.com"}, State{})}, "b", "api.audienceDomain", "one domain"},
		{"a config being deleted claims nothing", []Owner{OwnerOf("a", nil, owned), owner("b", &offDelete, State{})}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused := DecideOwners(tc.owners)
			if tc.refused == "" {
				if len(refused) > 0 {
					t.Fatalf("refused %v, want none", refused)
				}
				return
			}
			err := refused[tc.refused]
			if err == nil || len(refused) != 1 {
				t.Fatalf("refused %v, want %s alone", refused, tc.refused)
			}
			msg := err.Error()
			other := tc.owners[0].Name
			prefix := tc.refused + " conflicts with " + other + " on the tenant's My Account API: " + tc.field + " "
			if err.Field != tc.field || !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tc.detail) ||
				!strings.HasSuffix(msg, "leave the api block out of the second, which then uses the API as the first keeps it") {
				t.Errorf("refusal %q (field %s), want it to start %q, say %q and end with the fix", msg, err.Field, prefix, tc.detail)
			}
		})
	}
}

// TestAPIConflictRefusesOnlyTheLaterOne: a refused config does not refuse
// the configs after it, and the My Organization API is decided on its own.
func TestAPIConflictRefusesOnlyTheLaterOne(t *testing.T) {
	on, off := &APISpec{Enabled: true}, &APISpec{DeletionPolicy: DeletionDelete}
	mk := func(name string, api, org *APISpec) Owner {
		d := Desired{Domain: "t", API: *api, MyOrganizationAPI: org}
		return OwnerOf(name, &d, State{})
	}
	refused := DecideOwners([]Owner{mk("a", on, nil), mk("b", off, on), mk("c", on, off)})
	if refused["a"] != nil || refused["b"] == nil || refused["c"] != nil {
		t.Fatalf("refused %v: want b alone (c's My Organization claim meets only b's, which is refused)", refused)
	}
}

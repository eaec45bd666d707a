package reconciler

import (
	"reflect"
	"testing"
)

func TestDiffOrigins(t *testing.T) {
	const id = "c1"
	tests := []struct {
		name        string
		desired     []string
		mode        OriginsMode
		managed     []string
		observed    []string
		wantTarget  []string
		wantManaged []string
		wantChanges []string // "action origin"
	}{
		{
			name:        "merge adds missing origins after foreign ones",
			desired:     []string{"https://b.example.com", "https://a.example.com"},
			mode:        OriginsMerge,
			observed:    []string{"https://foreign.example.com"},
			wantTarget:  []string{"https://foreign.example.com", "https://a.example.com", "https://b.example.com"},
			wantManaged: []string{"https://a.example.com", "https://b.example.com"},
			wantChanges: []string{"add https://a.example.com", "add https://b.example.com"},
		},
		{
			name:        "merge in sync is a no-op",
			desired:     []string{"https://a.example.com"},
			mode:        OriginsMerge,
			managed:     []string{"https://a.example.com"},
			observed:    []string{"https://foreign.example.com", "https://a.example.com"},
			wantTarget:  []string{"https://foreign.example.com", "https://a.example.com"},
			wantManaged: []string{"https://a.example.com"},
		},
		{
			name:        "merge never claims a foreign origin it did not add",
			desired:     []string{"https://foreign.example.com"},
			mode:        OriginsMerge,
			observed:    []string{"https://foreign.example.com"},
			wantTarget:  []string{"https://foreign.example.com"},
			wantManaged: nil,
		},
		{
			name:        "merge removes only a managed origin that left the list",
			desired:     []string{"https://a.example.com"},
			mode:        OriginsMerge,
			managed:     []string{"https://a.example.com", "https://old.example.com"},
			observed:    []string{"https://foreign.example.com", "https://old.example.com", "https://a.example.com"},
			wantTarget:  []string{"https://foreign.example.com", "https://a.example.com"},
			wantManaged: []string{"https://a.example.com"},
			wantChanges: []string{"remove https://old.example.com"},
		},
		{
			name:        "merge re-adds a managed origin removed out of band",
			desired:     []string{"https://a.example.com"},
			mode:        OriginsMerge,
			managed:     []string{"https://a.example.com"},
			observed:    []string{"https://foreign.example.com"},
			wantTarget:  []string{"https://foreign.example.com", "https://a.example.com"},
			wantManaged: []string{"https://a.example.com"},
			wantChanges: []string{"add https://a.example.com"},
		},
		{
			name:        "exclusive replaces the whole list",
			desired:     []string{"https://a.example.com"},
			mode:        OriginsExclusive,
			observed:    []string{"https://foreign.example.com"},
			wantTarget:  []string{"https://a.example.com"},
			wantManaged: []string{"https://a.example.com"},
			wantChanges: []string{"remove https://foreign.example.com", "add https://a.example.com"},
		},
		{
			name:        "exclusive empty list clears the client",
			desired:     []string{},
			mode:        OriginsExclusive,
			observed:    []string{"https://foreign.example.com"},
			wantTarget:  []string{},
			wantManaged: []string{},
			wantChanges: []string{"remove https://foreign.example.com"},
		},
		{
			name:        "exclusive in sync regardless of order",
			desired:     []string{"https://b.example.com", "https://a.example.com"},
			mode:        OriginsExclusive,
			observed:    []string{"https://a.example.com", "https://b.example.com"},
			wantTarget:  []string{"https://a.example.com", "https://b.example.com"},
			wantManaged: []string{"https://a.example.com", "https://b.example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DiffOrigins("client/"+id, "allowed_origins", tt.desired, tt.mode, tt.managed, tt.observed)
			if !equalish(got.Target, tt.wantTarget) {
				t.Errorf("target = %q, want %q", got.Target, tt.wantTarget)
			}
			if !equalish(got.Managed, tt.wantManaged) {
				t.Errorf("managed = %q, want %q", got.Managed, tt.wantManaged)
			}
			var changes []string
			for _, c := range got.Changes {
				changes = append(changes, string(c.Action)+" "+c.Desired)
			}
			if !equalish(changes, tt.wantChanges) {
				t.Errorf("changes = %q, want %q", changes, tt.wantChanges)
			}
		})
	}
}

// equalish treats nil and empty as equal.
func equalish(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestDiffOriginsOnDelete(t *testing.T) {
	got := DiffOriginsOnDelete("client/c1", "allowed_origins", []string{"https://a.example.com", "https://gone.example.com"},
		[]string{"https://foreign.example.com", "https://a.example.com"})
	if want := []string{"https://foreign.example.com"}; !reflect.DeepEqual(got.Target, want) {
		t.Fatalf("target = %q, want %q", got.Target, want)
	}
	if len(got.Changes) != 1 || got.Changes[0].Action != ActionRemove {
		t.Fatalf("changes = %v", got.Changes)
	}
}

func TestDiffAPI(t *testing.T) {
	const aud = "https://t.example.com/me/"
	active := APIObservation{Active: true, ID: "rs1", UserPolicy: UserAccessRequireClientGrant}
	tests := []struct {
		name string
		spec APISpec
		obs  APIObservation
		want []Action
	}{
		{"activate", APISpec{Enabled: true}, APIObservation{}, []Action{ActionCreate, ActionCreate}},
		{"in sync with default policy", APISpec{Enabled: true}, active, nil},
		{"policy change", APISpec{Enabled: true, UserAccessPolicy: UserAccessDenyAll}, active, []Action{ActionUpdate}},
		// Issue 10: a new state file deactivated an API another config had activated.
		{"disable an API this config does not own", APISpec{Enabled: false}, active, nil},
		{"disable an owned API", APISpec{Enabled: false, OwnedID: "rs1"}, active, []Action{ActionDelete}},
		{"disable under deletion policy Delete", APISpec{Enabled: false, DeletionPolicy: DeletionDelete}, active, []Action{ActionDelete}},
		{"disable another API than the owned one", APISpec{Enabled: false, OwnedID: "rs0"}, active, nil},
		{"disabled and inactive", APISpec{Enabled: false}, APIObservation{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Action
			for _, c := range DiffAPI(tt.spec, aud, tt.obs) {
				got = append(got, c.Action)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("actions = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiffUserAccess(t *testing.T) {
	want := UserAccess{Scopes: []string{"read:me:factors", "read:me:authentication_methods"}}
	tests := []struct {
		name  string
		obs   GrantObservation
		owned string
		want  Action
	}{
		{"create", GrantObservation{}, "", ActionCreate},
		{"in sync, order ignored", GrantObservation{Exists: true, ID: "g1", Scopes: []string{"read:me:authentication_methods", "read:me:factors"}}, "g1", ""},
		{"owned grant updated", GrantObservation{Exists: true, ID: "g1", Scopes: []string{"read:me:factors"}}, "g1", ActionUpdate},
		{"foreign grant with other scopes is a conflict", GrantObservation{Exists: true, ID: "g2", Scopes: []string{"read:me:factors"}}, "", ActionConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := DiffUserAccess("c1", want, tt.obs, tt.owned)
			var got Action
			if len(changes) > 0 {
				got = changes[0].Action
			}
			if got != tt.want {
				t.Fatalf("action = %q, want %q (%v)", got, tt.want, changes)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	d := Desired{Domain: "t", API: APISpec{Enabled: true, UserAccessPolicy: UserAccessAllowAll}, Applications: []Application{
		{ClientID: "a", AllowedOrigins: []string{}, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}},
		{ClientID: "b", AllowedOrigins: []string{"https://x.example.com"}, CrossOriginAuthentication: &CrossOriginAuth{Enabled: false}},
		{ClientID: "c", UserAccess: &UserAccess{Scopes: []string{"create:me:authentication_methods"}}},
	}}
	got := Warnings(d, nil, true)
	var fields []string
	for _, w := range got {
		fields = append(fields, w.Field)
	}
	wantFields := []string{"api.userAccessPolicy", "applications[0].crossOriginAuthentication", "applications[1].allowedOrigins", "applications[2].userAccess.scopes"}
	if !reflect.DeepEqual(fields, wantFields) {
		t.Fatalf("warnings = %v, want fields %v", got, wantFields)
	}
	if ws := Warnings(d, []string{"all-applications"}, true); len(ws) != 3 {
		t.Fatalf("with an MFA policy want 3 warnings, got %v", ws)
	}
}

func TestRequiredScopes(t *testing.T) {
	changes := []Change{
		{Resource: ResourceAPI, Action: ActionCreate},
		{Resource: "client/a", Action: ActionAdd},
		{Resource: "client/b", Action: ActionUpdate},
		{Resource: "grant/a", Action: ActionCreate},
		{Resource: "grant/b", Action: ActionConflict},
	}
	want := []string{"create:client_grants", "create:resource_servers", "update:clients"}
	if got := RequiredScopes(changes); !reflect.DeepEqual(got, want) {
		t.Fatalf("RequiredScopes = %v, want %v", got, want)
	}
	err := checkScopes(func() ([]string, bool) { return []string{"update:clients", "create:client_grants"}, true }, changes)
	if err == nil || !reflect.DeepEqual(err.(*MissingScopesError).Missing, []string{"create:resource_servers"}) {
		t.Fatalf("checkScopes = %v", err)
	}
	if err := checkScopes(func() ([]string, bool) { return nil, false }, changes); err != nil {
		t.Fatalf("unknown scopes must not block: %v", err)
	}
}

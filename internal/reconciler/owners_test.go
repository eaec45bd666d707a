package reconciler

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const (
	shareA, shareB = "https://a.example.com", "https://b.example.com"
	shareC         = "c005"
)

func mergeApp(origins ...string) Application {
	return Application{ClientID: shareC, AllowedOrigins: origins, OriginsMode: OriginsMerge}
}

func TestClaimConflict(t *testing.T) {
	read, create := []string{"read:me:authentication_methods"}, []string{"create:me:authentication_methods"}
	for _, tc := range []struct {
		name  string
		a, b  Application
		field string
	}{
		{"merge origins share", mergeApp(shareA), mergeApp(shareA, shareB), ""},
		{"exclusive against merge", Application{AllowedOrigins: []string{shareA}, OriginsMode: OriginsExclusive}, mergeApp(shareB), "allowedOrigins"},
		{"exclusive against exclusive, even the same list", Application{AllowedOrigins: []string{shareA}, OriginsMode: OriginsExclusive}, Application{AllowedOrigins: []string{shareA}, OriginsMode: OriginsExclusive}, "allowedOrigins"},
		{"exclusive allowed against web origins: different lists", Application{AllowedOrigins: []string{shareA}, OriginsMode: OriginsExclusive}, Application{WebOrigins: []string{shareA}, WebOriginsMode: OriginsMerge}, ""},
		{"exclusive web origins", Application{WebOrigins: []string{shareA}, WebOriginsMode: OriginsExclusive}, Application{WebOrigins: []string{shareA}}, "webOrigins"},
		{"same cross-origin setting", Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}}, Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}}, ""},
		{"different cross-origin setting", Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}}, Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: false}}, "crossOriginAuthentication"},
		{"different location", Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: shareA + "/co"}}, Application{CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}}, "crossOriginAuthentication"},
		{"same scopes in another order", Application{UserAccess: &UserAccess{Scopes: append(read, create...)}}, Application{UserAccess: &UserAccess{Scopes: append(create, read...)}}, ""},
		{"different scopes", Application{UserAccess: &UserAccess{Scopes: read}}, Application{UserAccess: &UserAccess{Scopes: create}}, "userAccess.scopes"},
		{"one declares a grant, the other origins", Application{UserAccess: &UserAccess{Scopes: read}}, mergeApp(shareA), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			field, detail := ClaimConflict(tc.a, tc.b)
			if field != tc.field {
				t.Fatalf("field %q (%s), want %q", field, detail, tc.field)
			}
			if back, _ := ClaimConflict(tc.b, tc.a); back != field {
				t.Errorf("not symmetric: %q against %q", back, field)
			}
		})
	}
}

func TestDecideOwners(t *testing.T) {
	excl := func(o ...string) []Application {
		return []Application{{ClientID: shareC, AllowedOrigins: o, OriginsMode: OriginsExclusive}}
	}
	owners := []Owner{
		{Name: "share-a", Apps: excl(shareA)},
		{Name: "share-b", Apps: excl(shareB)},                    // refused by share-a
		{Name: "share-c", Apps: []Application{mergeApp(shareB)}}, // refused by share-a, not by share-b
		{Name: "other", Apps: []Application{{ClientID: "c006", AllowedOrigins: []string{shareA}, OriginsMode: OriginsExclusive}}},
		{Name: "deleting"}, // declares nothing
	}
	got := DecideOwners(owners)
	if len(got) != 2 || got["share-b"] == nil || got["share-c"] == nil {
		t.Fatalf("refused %v, want share-b and share-c", got)
	}
	for _, name := range []string{"share-b", "share-c"} {
		e := got[name]
		if e.Other != "share-a" || e.Field != "allowedOrigins" || e.ClientID != shareC {
			t.Errorf("%s: %+v", name, e)
		}
		msg := e.Error()
		for _, want := range []string{name, "share-a", shareC, "makes no changes"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message %q lacks %q", name, msg, want)
			}
		}
	}
	// Precedence decides: the same two in the other order refuse the other.
	if got := DecideOwners([]Owner{owners[1], owners[0]}); got["share-a"] == nil || got["share-b"] != nil {
		t.Errorf("reversed: %v", got)
	}
}

func TestShareState(t *testing.T) {
	read := []string{"read:me:authentication_methods"}
	on := true
	off := false
	oldLoc, ourLoc := "https://old.example.com/co.html", "https://app.example.com/co.html"
	owner := func(app Application, st AppState) Owner {
		return Owner{Name: "other", Apps: []Application{app}, State: State{Apps: map[string]AppState{shareC: st}}}
	}
	releasing := func(st AppState) Owner {
		return Owner{Name: "other", State: State{Apps: map[string]AppState{shareC: st}}}
	}
	for _, tc := range []struct {
		name   string
		app    Application
		owned  AppState
		others []Owner
		want   AppState
	}{
		{
			name:   "no other owner: unchanged",
			app:    mergeApp(shareA),
			owned:  AppState{ManagedOrigins: []string{shareA}},
			others: []Owner{{Name: "elsewhere", Apps: []Application{{ClientID: "c9", AllowedOrigins: []string{shareA}}}}},
			want:   AppState{ManagedOrigins: []string{shareA}},
		},
		{
			name:   "an origin another owner added and we list is ours too",
			app:    mergeApp(shareA, shareB),
			others: []Owner{owner(mergeApp(shareA), AppState{ManagedOrigins: []string{shareA}})},
			want:   AppState{ManagedOrigins: []string{shareA}},
		},
		{
			name:   "an origin another owner lists but did not add stays foreign",
			app:    mergeApp(shareA),
			others: []Owner{owner(mergeApp(shareA), AppState{})},
			want:   AppState{},
		},
		{
			name:   "release: an origin the other still lists and owns is let go, not removed",
			app:    Application{ClientID: shareC},
			owned:  AppState{ManagedOrigins: []string{shareA, shareB}},
			others: []Owner{owner(mergeApp(shareA), AppState{ManagedOrigins: []string{shareA}})},
			want:   AppState{ManagedOrigins: []string{shareB}},
		},
		{
			name:   "release: the other owns it but lets go too: ours to remove",
			app:    Application{ClientID: shareC},
			owned:  AppState{ManagedOrigins: []string{shareA}},
			others: []Owner{releasing(AppState{ManagedOrigins: []string{shareA}})},
			want:   AppState{ManagedOrigins: []string{shareA}},
		},
		{
			name:   "release: the other lists it but never owned it: ours to remove",
			app:    Application{ClientID: shareC},
			owned:  AppState{ManagedWebOrigins: []string{shareA}},
			others: []Owner{owner(Application{ClientID: shareC, WebOrigins: []string{shareA}}, AppState{})},
			want:   AppState{ManagedWebOrigins: []string{shareA}},
		},
		{
			name:   "web origins follow the same rules",
			app:    Application{ClientID: shareC, WebOrigins: []string{shareB}},
			owned:  AppState{ManagedWebOrigins: []string{shareA, shareB}},
			others: []Owner{owner(Application{ClientID: shareC, WebOrigins: []string{shareA, shareB}}, AppState{ManagedWebOrigins: []string{shareA, shareB}})},
			want:   AppState{ManagedWebOrigins: []string{shareB}},
		},
		{
			name:   "same scopes: the grant is shared",
			app:    Application{ClientID: shareC, UserAccess: &UserAccess{Scopes: read}},
			others: []Owner{owner(Application{ClientID: shareC, UserAccess: &UserAccess{Scopes: read}}, AppState{GrantID: "cgr_1"})},
			want:   AppState{GrantID: "cgr_1"},
		},
		{
			name:   "release of a shared grant another owner still declares: let go, not deleted",
			app:    Application{ClientID: shareC},
			owned:  AppState{GrantID: "cgr_1"},
			others: []Owner{owner(Application{ClientID: shareC, UserAccess: &UserAccess{Scopes: read}}, AppState{GrantID: "cgr_1"})},
			want:   AppState{},
		},
		{
			name:   "release of the last owner's grant: deleted",
			app:    Application{ClientID: shareC},
			owned:  AppState{GrantID: "cgr_1"},
			others: []Owner{releasing(AppState{GrantID: "cgr_1"})},
			want:   AppState{GrantID: "cgr_1"},
		},
		{
			name:   "the same cross-origin setting: the prior value is shared",
			app:    Application{ClientID: shareC, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}},
			others: []Owner{owner(Application{ClientID: shareC, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}}, AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off, VerificationLocation: &oldLoc}})},
			want:   AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off, VerificationLocation: &oldLoc}},
		},
		{
			name:   "release of a shared cross-origin setting: nothing restored",
			app:    Application{ClientID: shareC},
			owned:  AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			others: []Owner{owner(Application{ClientID: shareC, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}}, AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}})},
			want:   AppState{},
		},
		{
			name:   "our location released while the other keeps it",
			app:    Application{ClientID: shareC, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true}},
			owned:  AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &on, VerificationLocation: &oldLoc}},
			others: []Owner{owner(Application{ClientID: shareC, CrossOriginAuthentication: &CrossOriginAuth{Enabled: true, VerificationLocation: ourLoc}}, AppState{PriorCrossOrigin: &PriorCrossOrigin{VerificationLocation: &oldLoc}})},
			want:   AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &on}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ShareState(tc.app, tc.owned, tc.others)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// BenchmarkSharing1000Objects is one operator reconcile's share of the
// rules at the scale: 1000 owners over 100 clients, each declaring
// one merge origin and the same scopes, and the API active.
func BenchmarkSharing1000Objects(b *testing.B) {
	owners := make([]Owner, 1000)
	for i := range owners {
		client := fmt.Sprintf("c%03d", i%100)
		app := Application{ClientID: client, AllowedOrigins: []string{fmt.Sprintf("https://app%d.example.com", i)}, OriginsMode: OriginsMerge,
			UserAccess: &UserAccess{Scopes: []string{"read:me:authentication_methods"}}}
		// Every owner asks for the API active, so each reconcile weighs
		// all 1000 (the operator passes the whole tenant then).
		d := Desired{API: APISpec{Enabled: true}, Applications: []Application{app}}
		owners[i] = OwnerOf(fmt.Sprintf("o%04d", i), &d,
			State{APIID: "rs1", APIOwned: i == 0, Apps: map[string]AppState{client: {ManagedOrigins: app.AllowedOrigins, GrantID: "cgr_" + client}}})
	}
	s := &Sharing{Self: owners[500].Name, Owners: owners}
	d := Desired{API: APISpec{Enabled: true}, Applications: owners[500].Apps}
	b.ResetTimer()
	for range b.N {
		others, conflict := s.decide(d, owners[500].State)
		if conflict != nil {
			b.Fatal(conflict)
		}
		ShareState(d.Applications[0], owners[500].State.Apps["c000"], others)
	}
}

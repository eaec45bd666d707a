package reconciler

import (
	"testing"
)

func TestInFlight(t *testing.T) {
	off, on := false, true
	oldLoc := "https://old.example.com/co.html"
	tests := []struct {
		name        string
		owned, next AppState
		want        AppState
	}{
		{"adding an origin owns it while in flight",
			AppState{ManagedOrigins: []string{"https://a.example.com"}},
			AppState{ManagedOrigins: []string{"https://a.example.com", "https://b.example.com"}},
			AppState{ManagedOrigins: []string{"https://a.example.com", "https://b.example.com"}}},
		{"removing an origin keeps it owned until the removal lands",
			AppState{ManagedWebOrigins: []string{"https://a.example.com"}},
			AppState{},
			AppState{ManagedWebOrigins: []string{"https://a.example.com"}}},
		{"the first cross-origin change records the prior value",
			AppState{},
			AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}}},
		{"a recorded prior value is never replaced",
			AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off}},
			AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &on, VerificationLocation: &oldLoc}},
			AppState{PriorCrossOrigin: &PriorCrossOrigin{Enabled: &off, VerificationLocation: &oldLoc}}},
		{"a release keeps the prior value until it lands",
			AppState{PriorCrossOrigin: &PriorCrossOrigin{VerificationLocation: &oldLoc}},
			AppState{},
			AppState{PriorCrossOrigin: &PriorCrossOrigin{VerificationLocation: &oldLoc}}},
		{"the grant stays", AppState{GrantID: "cgr_1", GrantIntent: false}, AppState{GrantID: "cgr_1"}, AppState{GrantID: "cgr_1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inFlight(tt.owned, tt.next); !sameOwnership(got, tt.want) {
				t.Errorf("inFlight = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestResolveGrantIntent(t *testing.T) {
	tests := []struct {
		name  string
		owned AppState
		obs   GrantObservation
		want  AppState
	}{
		{"intent and the grant present: ours", AppState{GrantIntent: true}, GrantObservation{Exists: true, ID: "cgr_1"}, AppState{GrantID: "cgr_1"}},
		{"intent and no grant: dropped", AppState{GrantIntent: true}, GrantObservation{}, AppState{}},
		{"no intent: a grant found stays foreign", AppState{}, GrantObservation{Exists: true, ID: "cgr_1"}, AppState{}},
		{"an owned id is kept", AppState{GrantID: "cgr_1", GrantIntent: true}, GrantObservation{Exists: true, ID: "cgr_2"}, AppState{GrantID: "cgr_1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ResolveGrantIntent(tt.owned, tt.obs); !sameOwnership(got, tt.want) {
				t.Errorf("ResolveGrantIntent = %+v, want %+v", got, tt.want)
			}
		})
	}
}

package auth0sim

import (
	"encoding/json"
	"testing"
)

// A list filtered to one client's user grant for an audience holds that
// grant alone, with its total (as recorded for a client_id filter in
// go-auth0's TestClientGrantManager_List), whatever the other grants.
func TestClientGrantListFiltersToOneClient(t *testing.T) {
	s := startSim(t, Options{})
	me, err := s.ActivateMyAccountAPI("")
	if err != nil {
		t.Fatal(err)
	}
	want := s.SeedGrant(ClientGrant{ClientID: "a", Audience: me.Identifier, SubjectType: "user"})
	s.SeedGrant(ClientGrant{ClientID: "a", Audience: me.Identifier, SubjectType: "client"})
	s.SeedGrant(ClientGrant{ClientID: "a", Audience: "https://other.example.com/", SubjectType: "user"})
	s.SeedGrant(ClientGrant{ClientID: "b", Audience: me.Identifier, SubjectType: "user"})
	code, _, b := raw(t, s, "GET", "/api/v2/client-grants?audience="+me.Identifier+"&client_id=a&subject_type=user&per_page=100&include_totals=true", nil)
	var got struct {
		Total        int `json:"total"`
		ClientGrants []struct {
			ID string `json:"id"`
		} `json:"client_grants"`
	}
	if err := json.Unmarshal(b, &got); code != 200 || err != nil {
		t.Fatalf("%d %s", code, b)
	}
	if got.Total != 1 || len(got.ClientGrants) != 1 || got.ClientGrants[0].ID != want {
		t.Errorf("filtered list = %s, want only %s", b, want)
	}
}

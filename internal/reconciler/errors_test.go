package reconciler

import (
	"errors"
	"fmt"
	"testing"
)

func TestFailedBeforeWrites(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"validation", ValidationErrors{{Field: "applications[0].allowedOrigins[0]", Value: "*", Fix: "list origins"}}, true},
		{"unknown client", &UnknownClientError{}, true},
		{"grant conflict", &GrantConflictError{ClientID: "c"}, true},
		{"missing scopes", &MissingScopesError{Missing: []string{"update:clients"}}, true},
		{"wrapped missing scopes", fmt.Errorf("apply: %w", &MissingScopesError{Missing: []string{"update:clients"}}), true},
		{"write failed", errors.New("patch client c: 503 Service Unavailable"), false},
		{"deleted while applying", fmt.Errorf("client %s was deleted while applying", "c"), false},
	}
	for _, tc := range cases {
		if got := FailedBeforeWrites(tc.err); got != tc.want {
			t.Errorf("%s: FailedBeforeWrites(%v) = %t, want %t", tc.name, tc.err, got, tc.want)
		}
	}
}

package auth0sim

import (
	"slices"
	"testing"
)

func TestNarrowScopes(t *testing.T) {
	held := []string{"read:clients", "update:clients"}
	cases := []struct {
		name      string
		requested []string
		want      []string
	}{
		{"none requested: all held", nil, held},
		{"a held one", []string{"update:clients"}, []string{"update:clients"}},
		{"held ones in request order", []string{"update:clients", "read:clients"}, []string{"update:clients", "read:clients"}},
		{"one not held is dropped", []string{"read:clients", "delete:clients"}, []string{"read:clients"}},
		{"none held: none", []string{"delete:clients"}, nil},
	}
	for _, c := range cases {
		if got := narrowScopes(held, c.requested); !slices.Equal(got, c.want) {
			t.Errorf("%s: narrowScopes(%v, %v) = %v, want %v", c.name, held, c.requested, got, c.want)
		}
	}
}

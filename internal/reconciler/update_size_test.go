package reconciler_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// manyOrigins returns n distinct origins of about 30 bytes each.
func manyOrigins(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://%s-%06d.example.com", prefix, i)
	}
	return out
}

// One update carries every list of the client: two lists that each fit
// Auth0's request limit may not fit it together, and the refusal names the
// larger list in the face's terms, before anything is written.
func TestCheckClientUpdateWeighsEveryListOfTheClient(t *testing.T) {
	blockOf := func(configName string) string { return "block(" + configName + ").origins" }
	const perList = 20000 // about 0.6 MB of JSON each: one fits 1 MiB, two do not
	for _, tc := range []struct {
		name          string
		allowed, web  int
		wantRefusedAt string // "" for accepted
	}{
		{"one list fits", perList, 0, ""},
		{"the other list fits", 0, perList, ""},
		{"both together do not", perList, perList + 100, "block(webOrigins).origins"},
		{"the larger is blamed", perList + 100, perList, "block(allowedOrigins).origins"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := reconciler.Application{ClientID: "spa"}
			if tc.allowed > 0 {
				reconciler.AllowedOrigins.SetDeclared(&app, manyOrigins("a", tc.allowed), reconciler.OriginsExclusive)
			}
			if tc.web > 0 {
				reconciler.WebOrigins.SetDeclared(&app, manyOrigins("w", tc.web), reconciler.OriginsExclusive)
			}
			err := reconciler.CheckClientUpdateAs(app, reconciler.AppState{}, reconciler.ClientSettings{}, blockOf)
			switch {
			case tc.wantRefusedAt == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.wantRefusedAt != "" && (err == nil || !strings.Contains(err.Error(), tc.wantRefusedAt) || !strings.Contains(err.Error(), "bytes")):
				t.Fatalf("err = %v; want a refusal naming %s and the size", err, tc.wantRefusedAt)
			}
		})
	}
}

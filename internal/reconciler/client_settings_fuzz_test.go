package reconciler

import (
	"slices"
	"strings"
	"testing"
)

// FuzzPlanClient fuzzes the patch builder with arbitrary desired, owned and
// observed origin lists and cross-origin settings. Whatever the input:
//   - applying the patch and planning again changes nothing (one PATCH
//     converges);
//   - in Merge mode an origin neither desired nor owned is never removed;
//   - a release (no setting desired) only removes what was owned.
func FuzzPlanClient(f *testing.F) {
	f.Add("https://a.example.com", "https://b.example.com", "https://a.example.com,https://legacy.example.com", false, true, "https://x.example.com/co.html", "")
	f.Add("", "https://gone.example.com", "https://gone.example.com", true, false, "", "https://old.example.com/co.html")
	f.Add("https://a.example.com,https://a.example.com", "", "", false, true, "", "")
	f.Fuzz(func(t *testing.T, desired, owned, observed string, exclusive, enabled bool, loc, observedLoc string) {
		list := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, ",")
		}
		mode := OriginsMerge
		if exclusive {
			mode = OriginsExclusive
		}
		app := Application{ClientID: "c", AllowedOrigins: list(desired), OriginsMode: mode,
			WebOrigins: list(desired), WebOriginsMode: mode,
			CrossOriginAuthentication: &CrossOriginAuth{Enabled: enabled, VerificationLocation: loc}}
		if desired == "" {
			app = Application{ClientID: "c"} // release
		}
		prev := AppState{ManagedOrigins: list(owned), ManagedWebOrigins: list(owned)}
		obs := ClientSettings{AllowedOrigins: list(observed), WebOrigins: list(observed),
			CrossOrigin: CrossOriginAuth{VerificationLocation: observedLoc}}

		patch, next, _ := PlanClient(app, prev, obs)
		after := patch.appliedTo(obs)
		patch2, _, changes2 := PlanClient(app, next, after)
		if !patch2.Empty() {
			t.Fatalf("a second plan after the patch is not empty: %v (patch %s, then %s)", changes2, describe(patch), describe(patch2))
		}
		for _, o := range obs.AllowedOrigins {
			kept := slices.Contains(after.AllowedOrigins, o)
			mine := slices.Contains(prev.ManagedOrigins, o) || slices.Contains(app.AllowedOrigins, o)
			if !kept && !mine && (mode == OriginsMerge || app.AllowedOrigins == nil) {
				t.Fatalf("origin %q, neither desired nor owned, was removed (mode %s)", o, mode)
			}
		}
	})
}

func describe(p ClientPatch) string {
	var parts []string
	for _, field := range []string{"allowed_origins", "web_origins"} {
		if l, ok := p.Lists[field]; ok {
			parts = append(parts, field+"="+strings.Join(l, ","))
		}
	}
	if p.CrossOriginEnabled != nil {
		parts = append(parts, "enabled")
	}
	if p.CrossOriginLocation != nil {
		parts = append(parts, "loc="+*p.CrossOriginLocation)
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// appliedTo is c as it is after the patch lands, as the tenant would hold it.
func (p ClientPatch) appliedTo(c ClientSettings) ClientSettings {
	c.Lists = cloneLists(c.Lists)
	for _, s := range clientSettings {
		if s.patched(p) {
			s.apply(p, &c)
		}
	}
	return c
}

func cloneLists(m map[string][]string) map[string][]string {
	if m == nil {
		return nil
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}

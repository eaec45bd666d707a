package reconciler

import (
	"slices"
	"testing"
)

func TestCrossOriginRestore(t *testing.T) {
	const a, b = "https://a.example.com/co.html", "https://b.example.com/co.html"
	type want struct {
		write   bool
		enabled bool
		loc     *string // the cross_origin_loc PatchClient sends; nil: not sent
		fields  []string
	}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name            string
		prior, observed CrossOriginAuth
		withLocation    bool
		want            want
	}{
		{name: "in sync", prior: CrossOriginAuth{Enabled: true, VerificationLocation: a}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: a}, withLocation: true},
		{name: "enabled back off, location kept", prior: CrossOriginAuth{VerificationLocation: a}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: a}, withLocation: true,
			want: want{write: true, enabled: false, loc: str(a), fields: []string{"cross_origin_authentication"}}},
		{name: "location back", prior: CrossOriginAuth{Enabled: true, VerificationLocation: a}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: b}, withLocation: true,
			want: want{write: true, enabled: true, loc: str(a), fields: []string{"cross_origin_loc"}}},
		{name: "location cleared when prior had none", prior: CrossOriginAuth{}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: a}, withLocation: true,
			want: want{write: true, enabled: false, loc: str(""), fields: []string{"cross_origin_authentication", "cross_origin_loc"}}},
		{name: "only the location to clear", prior: CrossOriginAuth{}, observed: CrossOriginAuth{VerificationLocation: a}, withLocation: true,
			want: want{write: true, enabled: false, loc: str(""), fields: []string{"cross_origin_loc"}}},
		{name: "unmanaged location: enabled only", prior: CrossOriginAuth{VerificationLocation: a}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: b}, withLocation: false,
			want: want{write: true, enabled: false, fields: []string{"cross_origin_authentication"}}},
		{name: "unmanaged location left alone", prior: CrossOriginAuth{}, observed: CrossOriginAuth{VerificationLocation: b}, withLocation: false},
		{name: "unmanaged location differs, enabled same", prior: CrossOriginAuth{Enabled: true, VerificationLocation: a}, observed: CrossOriginAuth{Enabled: true, VerificationLocation: b}, withLocation: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, changes := CrossOriginRestore("c1", tc.prior, tc.observed, tc.withLocation)
			var fields []string
			for _, c := range changes {
				if c.Resource != "client/c1" || c.Action != ActionUpdate {
					t.Errorf("change %v: want resource client/c1 and action update", c)
				}
				fields = append(fields, c.Field)
			}
			if !slices.Equal(fields, tc.want.fields) {
				t.Errorf("changed fields %v, want %v", fields, tc.want.fields)
			}
			if p.Empty() == tc.want.write || p.AllowedOrigins != nil {
				t.Fatalf("patch %+v: want a cross-origin write %t and no origins", p, tc.want.write)
			}
			if !tc.want.write {
				return
			}
			if p.CrossOrigin.Enabled != tc.want.enabled {
				t.Errorf("cross_origin_authentication %t, want %t", p.CrossOrigin.Enabled, tc.want.enabled)
			}
			// What PatchClient puts in the body for cross_origin_loc.
			var sent *string
			if p.CrossOrigin.VerificationLocation != "" || p.ExactLocation {
				sent = &p.CrossOrigin.VerificationLocation
			}
			if (sent == nil) != (tc.want.loc == nil) || (sent != nil && *sent != *tc.want.loc) {
				t.Errorf("cross_origin_loc sent %v, want %v", describeLoc(sent), describeLoc(tc.want.loc))
			}
		})
	}
}

func describeLoc(s *string) string {
	if s == nil {
		return "(not sent)"
	}
	return "\"" + *s + "\""
}

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

// Corrupt private state names the key and its content and says how to recover.
func TestGetPrivateCorrupt(t *testing.T) {
	var diags diag.Diagnostics
	var managed []string
	if getPrivate(context.Background(), fakePrivate{privateManagedOrigins: []byte(`{"x":1}`)}, privateManagedOrigins, &managed, &diags) {
		t.Fatal("corrupt private state reported as found")
	}
	if !diags.HasError() {
		t.Fatal("want an error")
	}
	detail := diags.Errors()[0].Detail()
	for _, want := range []string{`"managed_origins"`, `{\"x\":1}`, "terraform state rm", "terraform import"} {
		if !strings.Contains(detail, want) {
			t.Errorf("error %q does not contain %q", detail, want)
		}
	}
}

func TestPrivateRoundTrip(t *testing.T) {
	var diags diag.Diagnostics
	p := fakePrivate{}
	enabled, loc := true, "https://a.example.com/co.html"
	setPrivate(context.Background(), p, privatePriorCrossOrigin, priorCrossOrigin{Enabled: &enabled, VerificationLocation: &loc}, &diags)
	var got priorCrossOrigin
	if !getPrivate(context.Background(), p, privatePriorCrossOrigin, &got, &diags) || diags.HasError() {
		t.Fatalf("round trip: found=false or %v", diags)
	}
	if got.Enabled == nil || !*got.Enabled || got.VerificationLocation == nil || *got.VerificationLocation != loc {
		t.Errorf("round trip gave %+v", got)
	}
	if getPrivate(context.Background(), p, "absent", &got, &diags) {
		t.Error("an absent key reported as found")
	}
}

// TestAttrNameReadsAsHCL: an element of a set is named by its attribute, even
// when the element's value holds brackets (an IPv6 origin).
func TestAttrNameReadsAsHCL(t *testing.T) {
	cases := map[string]path.Path{
		"origins":              path.Root("origins").AtSetValue(types.StringValue("http://[::1]:3000")),
		"scopes":               path.Root("scopes").AtListIndex(2),
		"cross_origin.enabled": path.Root("cross_origin").AtName("enabled"),
	}
	for want, p := range cases {
		if got := attrName(p); got != want {
			t.Errorf("attrName(%s) = %q, want %q", p, got, want)
		}
	}
}

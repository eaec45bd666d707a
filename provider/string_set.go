package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stringSetType is a set of strings whose checks are linear. The
// framework's set type compares every pair of elements, when it validates
// a value and when it compares two, so a plan of 8,000 origins took minutes
// in the provider alone. Origin lists are the sets that grow.
type stringSetType struct{ basetypes.SetType }

var _ basetypes.SetTypable = stringSetType{}

func newStringSetType() stringSetType {
	return stringSetType{basetypes.SetType{ElemType: types.StringType}}
}

func (t stringSetType) Equal(o attr.Type) bool {
	other, ok := o.(stringSetType)
	return ok && t.SetType.Equal(other.SetType)
}

func (t stringSetType) String() string { return "provider.stringSetType" }

func (t stringSetType) ValueType(context.Context) attr.Value {
	return stringSetValue{types.SetNull(types.StringType)}
}

func (t stringSetType) ValueFromSet(_ context.Context, in basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return stringSetValue{in}, nil
}

func (t stringSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	set, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return stringSetValue{set}, nil
}

// Validate refuses a duplicate element, as the framework's does, with a
// map instead of comparing every pair.
func (t stringSetType) Validate(_ context.Context, in tftypes.Value, at path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if in.Type() == nil || !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(at, "Set Type Validation Error", err.Error())
		return diags
	}
	seen := make(map[string]bool, len(elems))
	for _, e := range elems {
		var s string
		if !e.IsFullyKnown() || e.IsNull() || e.As(&s) != nil {
			continue
		}
		if seen[s] {
			diags.AddAttributeError(at, "Duplicate Set Element", fmt.Sprintf("This attribute contains duplicate values of: %q", s))
		}
		seen[s] = true
	}
	return diags
}

// stringSetValue is a value of stringSetType.
type stringSetValue struct{ basetypes.SetValue }

var _ basetypes.SetValuable = stringSetValue{}

func (v stringSetValue) Type(context.Context) attr.Type { return newStringSetType() }

func (v stringSetValue) ToSetValue(context.Context) (basetypes.SetValue, diag.Diagnostics) {
	return v.SetValue, nil
}

// Equal compares the elements through a map, not pair by pair.
func (v stringSetValue) Equal(o attr.Value) bool {
	other, ok := o.(stringSetValue)
	if !ok {
		return false
	}
	a, aOK := plainStrings(v.SetValue)
	b, bOK := plainStrings(other.SetValue)
	if !aOK || !bOK || len(a) != len(b) {
		return v.SetValue.Equal(other.SetValue) // null, unknown or unknown elements: the framework's way
	}
	in := make(map[string]bool, len(a))
	for _, s := range a {
		in[s] = true
	}
	for _, s := range b {
		if !in[s] {
			return false
		}
	}
	return true
}

// plainStrings are a known set's elements when each is a known string.
func plainStrings(set basetypes.SetValue) ([]string, bool) {
	if set.IsNull() || set.IsUnknown() {
		return nil, false
	}
	out := make([]string, 0, len(set.Elements()))
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			return nil, false
		}
		out = append(out, s.ValueString())
	}
	return out, true
}

// stringSetOf is in as a stringSetValue, sorted and without duplicates.
func stringSetOf(in []string) stringSetValue { return stringSetValue{stringSet(in)} }

var _ basetypes.SetValuableWithSemanticEquals = stringSetValue{}

// SetSemanticEquals keeps the prior value when the elements are the same:
// said here, in one pass, the framework skips its own element-by-element
// search (which compares every pair).
func (v stringSetValue) SetSemanticEquals(_ context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	p, ok := prior.(stringSetValue)
	return ok && v.Equal(p), nil
}

// sameValue is a.Equal(b) without tftypes' pairwise search of set
// elements: a set of primitives is compared through a map.
func sameValue(a, b tftypes.Value) bool {
	if !a.Type().Equal(b.Type()) || a.IsKnown() != b.IsKnown() || a.IsNull() != b.IsNull() {
		return false
	}
	if !a.IsKnown() || a.IsNull() {
		return true
	}
	switch {
	case a.Type().Is(tftypes.Object{}), a.Type().Is(tftypes.Map{}):
		var am, bm map[string]tftypes.Value
		if a.As(&am) != nil || b.As(&bm) != nil || len(am) != len(bm) {
			return a.Equal(b)
		}
		for k, v := range am {
			if w, ok := bm[k]; !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case a.Type().Is(tftypes.Set{}):
		return samePrimitiveSet(a, b)
	}
	return a.Equal(b)
}

func samePrimitiveSet(a, b tftypes.Value) bool {
	var as, bs []tftypes.Value
	if a.As(&as) != nil || b.As(&bs) != nil || len(as) != len(bs) {
		return a.Equal(b)
	}
	seen := make(map[string]bool, len(as))
	for _, e := range as {
		var s string
		if !e.IsKnown() || e.IsNull() || !e.Type().Is(tftypes.String) || e.As(&s) != nil {
			return a.Equal(b)
		}
		seen[s] = true
	}
	for _, e := range bs {
		var s string
		if !e.IsKnown() || e.IsNull() || !e.Type().Is(tftypes.String) || e.As(&s) != nil {
			return a.Equal(b)
		}
		if !seen[s] {
			return false
		}
	}
	return true
}

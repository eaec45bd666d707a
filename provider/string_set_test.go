package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// sameValue agrees with tftypes' Equal on every kind of value the
// resources hold, only faster on sets.
func TestSameValueAgreesWithEqual(t *testing.T) {
	set := func(elems ...string) tftypes.Value {
		vals := make([]tftypes.Value, len(elems))
		for i, e := range elems {
			vals[i] = tftypes.NewValue(tftypes.String, e)
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
	}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"s": tftypes.Set{ElementType: tftypes.String}, "b": tftypes.Bool}}
	obj := func(s tftypes.Value, b bool) tftypes.Value {
		return tftypes.NewValue(objType, map[string]tftypes.Value{"s": s, "b": tftypes.NewValue(tftypes.Bool, b)})
	}
	unknown := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, tftypes.UnknownValue)
	null := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil)
	withUnknown := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	values := []tftypes.Value{
		set(), set("a"), set("a", "b"), set("b", "a"), set("a", "c"), unknown, null, withUnknown,
		obj(set("a", "b"), true), obj(set("b", "a"), true), obj(set("a", "b"), false), obj(set("a"), true),
	}
	for _, a := range values {
		for _, b := range values {
			if got, want := sameValue(a, b), a.Equal(b); got != want {
				t.Errorf("sameValue(%s, %s) = %t, Equal says %t", a, b, got, want)
			}
		}
	}
}

func TestStringSetValueEqualAgreesWithTheFramework(t *testing.T) {
	ctx := context.Background()
	sets := []stringSetValue{stringSetOf(nil), stringSetOf([]string{"a"}), stringSetOf([]string{"a", "b"}), stringSetOf([]string{"b", "a"}), stringSetOf([]string{"a", "c"})}
	for _, a := range sets {
		for _, b := range sets {
			if got, want := a.Equal(b), a.SetValue.Equal(b.SetValue); got != want {
				t.Errorf("%s.Equal(%s) = %t, the framework says %t", a, b, got, want)
			}
			if same, _ := a.SetSemanticEquals(ctx, b); same != a.Equal(b) {
				t.Errorf("SetSemanticEquals(%s, %s) = %t", a, b, same)
			}
		}
	}
}

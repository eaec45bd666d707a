package tftypes

import (
	"fmt"
	"testing"
)

// myaccount patch: Equal on sets of strings or bools, compared through a
// map, agrees with comparing every pair, and a set of 8,000 strings is
// compared in linear time.
func TestEqualKeyableSetsAgreeWithPairwise(t *testing.T) {
	str := func(s string) Value { return NewValue(String, s) }
	unknown, null := NewValue(String, UnknownValue), NewValue(String, nil)
	sets := [][]Value{
		{}, {str("a")}, {str("a"), str("b")}, {str("b"), str("a")}, {str("a"), str("c")},
		{unknown}, {null}, {str("a"), unknown}, {unknown, str("a")}, {str("a"), null},
		{str("a"), str("a"), str("b")}, {str("a"), str("b"), str("b")}, {str("a"), str("b"), str("c")},
	}
	setType := Set{ElementType: String}
	objType := Object{AttributeTypes: map[string]Type{"s": setType}}
	for _, a := range sets {
		for _, b := range sets {
			want := pairwiseSame(a, b)
			va, vb := NewValue(setType, a), NewValue(setType, b)
			if got := va.Equal(vb); got != want {
				t.Errorf("%s.Equal(%s) = %t, pairwise %t", va, vb, got, want)
			}
			oa := NewValue(objType, map[string]Value{"s": va})
			ob := NewValue(objType, map[string]Value{"s": vb})
			if got := oa.Equal(ob); got != want {
				t.Errorf("%s.Equal(%s) = %t, pairwise %t", oa, ob, got, want)
			}
		}
	}
	bools := NewValue(Set{ElementType: Bool}, []Value{NewValue(Bool, true), NewValue(Bool, false)})
	if !bools.Equal(NewValue(Set{ElementType: Bool}, []Value{NewValue(Bool, false), NewValue(Bool, true)})) {
		t.Error("sets of bools in another order differ")
	}
}

// pairwiseSame is the unpatched rule: as many elements, each element of a
// equal to one of b and each of b to one of a.
func pairwiseSame(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	in := func(v Value, set []Value) bool {
		for _, e := range set {
			if v.IsKnown() == e.IsKnown() && (!v.IsKnown() || v.IsNull() == e.IsNull() && (v.IsNull() || v.value == e.value)) {
				return true
			}
		}
		return false
	}
	for _, v := range a {
		if !in(v, b) {
			return false
		}
	}
	for _, v := range b {
		if !in(v, a) {
			return false
		}
	}
	return true
}

func BenchmarkEqualLongStringSet(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		elems := make([]Value, n)
		for i := range elems {
			elems[i] = NewValue(String, fmt.Sprintf("https://app%d.example.com", i))
		}
		set := NewValue(Set{ElementType: String}, elems)
		other := set.Copy()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				if !set.Equal(other) {
					b.Fatal("a copy differs")
				}
			}
		})
	}
}

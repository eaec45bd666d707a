package crd

import (
	"fmt"
	"reflect"
	"testing"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// The cache keeps OwnershipStatus of each object: whatever State reads
// from a status, every field filled, it must read the same from that part.
// A field added to State but not to OwnershipStatus fails here.
func TestOwnershipStatusKeepsWhatStateReads(t *testing.T) {
	var st v1.MyAccountConfigStatus
	fill(reflect.ValueOf(&st).Elem(), "v")
	if len(st.Applications) == 0 || st.Applications[0].PriorCrossOriginAuthentication == nil {
		t.Fatalf("the filler left the status's applications empty: %+v", st)
	}
	full, kept := State(&st), OwnershipStatus(st)
	if got := State(&kept); !reflect.DeepEqual(got, full) {
		t.Errorf("State of the kept part = %+v\nState of the whole status = %+v", got, full)
	}
}

// fill sets every exported field it can reach under v to a value that
// differs by path (slices get two elements, pointers a value).
func fill(v reflect.Value, at string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(at)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(len(at)))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), at)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), fmt.Sprintf("%s[%d]", at, i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && v.Field(i).CanSet() {
				fill(v.Field(i), at+"."+f.Name)
			}
		}
	}
}

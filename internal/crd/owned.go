package crd

import (
	"encoding/json"
	"fmt"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// OwnedAnnotation holds what a MyAccountConfig owns in the tenant: the
// core's persisted reconciler.State as compact JSON. The operator writes it
// before each write that adds to what the object owns, and after each run
// that changes it. Unlike status, it survives what keeps metadata and drops
// status: backup and restore, `kubectl get -o yaml | kubectl apply` into
// another cluster, migration. It is the record; status shows it.
const OwnedAnnotation = "myaccount.tenantcfg.io/owned"

// Owned is what obj owns: the ownership annotation, or, for an object
// written before the annotation existed, its status.
func Owned(obj *v1.MyAccountConfig) (reconciler.State, error) {
	raw, ok := obj.Annotations[OwnedAnnotation]
	if !ok {
		return State(&obj.Status), nil
	}
	var s reconciler.State
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return reconciler.State{}, fmt.Errorf("metadata.annotations[%s] is not the JSON the operator writes (%v): restore it from a backup of this object, or remove the annotation to fall back on status.applications (what is not recorded there is then left in the tenant)", OwnedAnnotation, err)
	}
	if s.Apps == nil {
		s.Apps = map[string]reconciler.AppState{}
	}
	return s, nil
}

// EncodeOwned is s as the ownership annotation's value.
func EncodeOwned(s reconciler.State) string {
	b, err := json.Marshal(s)
	if err != nil {
		// State holds only strings, bools and maps of them.
		panic(err)
	}
	return string(b)
}

package operator

import (
	"maps"

	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/predicate"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// ownedOf is what another object owns, for sharing decisions: its
// ownership annotation, or its status when the annotation is missing or
// unreadable (that object reports the latter itself).
func ownedOf(o *v1.MyAccountConfig) reconciler.State {
	s, err := crd.Owned(o)
	if err != nil {
		return crd.State(&o.Status)
	}
	return s
}

// annotationsChanged passes an update whose annotations changed other than
// the ownership annotation, which the operator writes itself during a
// reconcile and must not start another one.
func annotationsChanged() predicate.Funcs {
	return predicate.Funcs{UpdateFunc: func(e event.UpdateEvent) bool {
		if e.ObjectOld == nil || e.ObjectNew == nil {
			return false
		}
		old, cur := maps.Clone(e.ObjectOld.GetAnnotations()), maps.Clone(e.ObjectNew.GetAnnotations())
		delete(old, crd.OwnedAnnotation)
		delete(cur, crd.OwnedAnnotation)
		return !maps.Equal(old, cur)
	}}
}

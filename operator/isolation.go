package operator

import (
	"fmt"
	"time"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// invalidSpec checks what the CRD schema now refuses but an object stored
// before may still hold, as a validation error on that object alone.
func invalidSpec(obj *v1.MyAccountConfig) error {
	if obj.Spec.ResyncIntervalError() != nil {
		return reconciler.ValidationErrors{{Field: "spec.resyncInterval", Value: string(*obj.Spec.ResyncInterval),
			Fix: fmt.Sprintf("use a duration from %s to %s, such as 10m", v1.MinResyncInterval, v1.MaxResyncInterval)}}
	}
	return nil
}

// resyncInterval is how long until the object's next resync.
func (r *MyAccountConfigReconciler) resyncInterval(obj *v1.MyAccountConfig) time.Duration {
	d := obj.Spec.EffectiveResyncInterval()
	if r.resyncEvery > 0 && d == v1.DefaultResyncInterval {
		return r.resyncEvery
	}
	return d
}

package operator

import (
	"context"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestConformanceOperator runs the cross-face scenario table through a
// MyAccountConfig on a real kube-apiserver: create it, let the operator
// correct the dashboard edit on its resync, delete it to remove the
// configuration.
func TestConformanceOperator(t *testing.T) {
	requireEnv(t)
	for _, sc := range conformance.Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			f := newFixture(t, fixtureOpts{noStart: true})
			const id = "conformance_app"
			if err := sc.Seed(f.sim, id); err != nil {
				t.Fatal(err)
			}
			f.sim.ResetCounts()
			opts := Options{RootCAs: f.sim.RootCAs()}
			f.startOperator(opts)
			o := f.mac("cfg")
			o.Spec.API, o.Spec.Applications = specOf(sc.Config(f.sim.Domain(), id))
			o.Spec.MyOrganizationAPI = orgSpecOf(sc.Config(f.sim.Domain(), id))
			f.create(o)
			if sc.Second != nil {
				runTwoObjects(t, f, sc, id)
				return
			}
			if sc.WantError != "" {
				eventually(t, 30*time.Second, "the apply to be refused", func() (bool, string) {
					c := meta.FindStatusCondition(f.get("cfg").Status.Conditions, v1.ConditionReady)
					return c != nil && strings.Contains(c.Message, sc.WantError), ""
				})
			} else {
				f.waitReady("cfg")
			}
			if err := sc.EditTenant(f.sim, id); err != nil {
				t.Fatal(err)
			}
			if sc.Remove {
				if err := k8s.Delete(context.Background(), f.get("cfg")); err != nil {
					t.Fatal(err)
				}
				waitGone(t, f, "cfg")
			}
			// The resync corrects an edit within a second or two.
			var problem string
			eventually(t, 30*time.Second, "the tenant the scenario wants", func() (bool, string) {
				problem = sc.Check(f.sim, id)
				return problem == "", problem
			})
		})
	}
}

// specOf is d as a MyAccountConfig's api and applications.
func specOf(d reconciler.Desired) (*v1.APISpec, []v1.ApplicationSpec) {
	api := &v1.APISpec{Enabled: ptr.To(d.API.Enabled), UserAccessPolicy: v1.UserAccessPolicy(d.API.UserAccessPolicy), DeletionPolicy: v1.DeletionPolicy(d.API.DeletionPolicy)}
	if d.API.Unmanaged {
		api = nil
	}
	var apps []v1.ApplicationSpec
	for _, a := range d.Applications {
		app := v1.ApplicationSpec{ClientID: a.ClientID,
			AllowedOrigins: origins(a.AllowedOrigins...), OriginsMode: v1.OriginsMode(a.OriginsMode),
			WebOrigins: origins(a.WebOrigins...), WebOriginsMode: v1.OriginsMode(a.WebOriginsMode)}
		if a.AllowedOrigins == nil {
			app.AllowedOrigins = nil
		}
		if a.WebOrigins == nil {
			app.WebOrigins = nil
		}
		if c := a.CrossOriginAuthentication; c != nil {
			app.CrossOriginAuthentication = &v1.CrossOriginAuthentication{Enabled: c.Enabled, VerificationLocation: c.VerificationLocation}
		}
		if u := a.UserAccess; u != nil {
			app.UserAccess = &v1.UserAccess{Scopes: u.Scopes}
		}
		if p := a.RefreshTokenPolicy; p != nil {
			app.RefreshTokenPolicy = &v1.RefreshTokenPolicy{Scopes: p.Scopes}
		}
		if p := a.MyOrganizationRefreshTokenPolicy; p != nil {
			app.MyOrganizationRefreshTokenPolicy = &v1.RefreshTokenPolicy{Scopes: p.Scopes}
		}
		apps = append(apps, app)
	}
	return api, apps
}

// orgSpecOf is d's myOrganizationApi block; nil when d does not manage it.
func orgSpecOf(d reconciler.Desired) *v1.SystemAPISpec {
	o := d.MyOrganizationAPI
	if o == nil {
		return nil
	}
	return &v1.SystemAPISpec{Enabled: ptr.To(o.Enabled), UserAccessPolicy: v1.UserAccessPolicy(o.UserAccessPolicy), DeletionPolicy: v1.DeletionPolicy(o.DeletionPolicy)}
}

// runTwoObjects runs a shared-client scenario as two objects: "cfg" (just
// created) Ready, then "second"; "cfg" deleted, then "second".
func runTwoObjects(t *testing.T, f *fixture, sc conformance.Scenario, id string) {
	f.waitReady("cfg")
	o := f.mac("second")
	o.Spec.API, o.Spec.Applications = specOf(sc.SecondConfig(f.sim.Domain(), id))
	f.create(o)
	if sc.WantError != "" {
		got := f.waitCondition("second", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonConflict)
		if msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message; !strings.Contains(msg, sc.WantError) || !strings.Contains(msg, f.ns+"/cfg") {
			t.Errorf("Conflict message %q lacks %q or the first object", msg, sc.WantError)
		}
	} else {
		f.waitReady("second")
	}
	if sc.Remove {
		f.delete("cfg")
		waitGone(t, f, "cfg")
		eventually(t, 30*time.Second, "the tenant after the first object went", func() (bool, string) {
			p := conformance.CheckTenant(f.sim, id, sc.Want)
			return p == "", p
		})
	}
	if sc.WantLast != nil {
		f.delete("second")
		waitGone(t, f, "second")
	}
	eventually(t, 30*time.Second, "the tenant the scenario wants", func() (bool, string) {
		p := sc.Check(f.sim, id)
		return p == "", p
	})
}

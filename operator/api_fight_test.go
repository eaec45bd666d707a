package operator

import (
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// maxAPIWritesPerMinute caps the writes to the tenant's system APIs that
// objects disagreeing about them may cause: before the API became a shared
// tenant-level setting, 10 objects on one tenant switched it off and on
// about 120 times a minute (issue 17).
const maxAPIWritesPerMinute = 2

// TestObjectsThatDisagreeOnTheAPINeverFight: objects that disagree about
// the API on one tenant do not switch it back and forth. The later ones
// that would change it are refused, naming the first; those whose
// enabled: false would change nothing (not the owner, deletionPolicy
// Retain) are Ready beside it; the API is written once.
func TestObjectsThatDisagreeOnTheAPINeverFight(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.sim.SeedClient(auth0sim.Client{ClientID: "c100", Name: "Shared"})
	start := time.Now()
	on := f.mac("on", v1.ApplicationSpec{ClientID: "c100", UserAccess: &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}})
	f.create(on)
	f.waitReady("on")
	// Precedence is creation time, in whole seconds, then the name: let
	// "on" be the older whatever the others are called.
	time.Sleep(1100 * time.Millisecond)
	var quiet []string
	for _, name := range []string{"quiet-1", "quiet-2", "quiet-3"} {
		o := f.mac(name, v1.ApplicationSpec{ClientID: "c100", AllowedOrigins: origins("https://" + name + ".example.com")})
		o.Spec.API = &v1.APISpec{Enabled: ptr.To(false)}
		f.create(o)
		quiet = append(quiet, name)
	}
	off := f.mac("off", v1.ApplicationSpec{ClientID: "c100", AllowedOrigins: origins("https://off.example.com")})
	off.Spec.API = &v1.APISpec{Enabled: ptr.To(false), DeletionPolicy: "Delete"}
	f.create(off)
	open := f.mac("open", v1.ApplicationSpec{ClientID: "c100", AllowedOrigins: origins("https://open.example.com")})
	open.Spec.API = &v1.APISpec{UserAccessPolicy: "allow_all"}
	f.create(open)

	for name, field := range map[string]string{"off": "api.enabled false against true", "open": "api.userAccessPolicy allow_all against require_client_grant"} {
		got := f.waitCondition(name, v1.ConditionReady, metav1.ConditionFalse, v1.ReasonConflict)
		msg := meta.FindStatusCondition(got.Status.Conditions, v1.ConditionReady).Message
		for _, want := range []string{"MyAccountConfig " + f.ns + "/on", "the tenant's My Account API", field} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: Conflict message lacks %q: %s", name, want, msg)
			}
		}
	}
	for _, name := range quiet {
		f.waitReady(name)
	}
	time.Sleep(5 * time.Second) // resyncs and requeues of every object
	minutes := time.Since(start).Minutes()
	writes := f.apiWrites()
	t.Logf("%d writes to the API in %.2f minutes with 6 objects disagreeing", writes, minutes)
	if float64(writes) > maxAPIWritesPerMinute*max(minutes, 1) {
		t.Errorf("%d writes to the API in %.1f minutes: more than %d a minute (%v)", writes, minutes, maxAPIWritesPerMinute, f.sim.Counts())
	}
	if _, ok := f.sim.GetResourceServerByIdentifier("https://" + f.sim.Domain() + "/me/"); !ok {
		t.Error("the API was deactivated")
	}
	if st := f.get("quiet-1").Status; st.APIID != "" {
		t.Errorf("a disabled object that did not activate the API records it: %q", st.APIID)
	}
}

// apiWrites counts the writes to resource servers (the system APIs) so far.
func (f *fixture) apiWrites() int {
	n := 0
	for route, c := range f.sim.Counts() {
		if strings.Contains(route, "/resource-servers") && !strings.HasPrefix(route, "GET ") {
			n += c
		}
	}
	return n
}

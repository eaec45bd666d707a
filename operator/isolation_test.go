package operator

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// Issue 10: one object with resyncInterval "banana", stored before the
// schema checked it, failed the operator's list of every object: nothing in
// any namespace was reconciled, and after a restart the controller never
// started. Hostile objects now fail alone, reported on themselves, while the
// good ones next to them converge.
func TestHostileObjectsLeaveTheOthersConverging(t *testing.T) {
	f := newFixture(t, fixtureOpts{noStart: true})
	f.sim.SeedClient(auth0sim.Client{ClientID: "good-a", Name: "A"})
	f.sim.SeedClient(auth0sim.Client{ClientID: "good-b", Name: "B"})

	// A value the CRD now refuses, stored as an older CRD allowed.
	withResyncUnchecked(t, func() {
		bad := f.mac("banana", v1.ApplicationSpec{ClientID: "good-a", AllowedOrigins: origins("https://banana.example.com")})
		bad.Spec.ResyncInterval = ptr.To(v1.Duration("banana"))
		eventually(t, 20*time.Second, "the API server to store resyncInterval banana", func() (bool, string) {
			err := k8s.Create(context.Background(), bad)
			return err == nil, errString(err)
		})
	})
	// Permanent failures of other kinds.
	noSecret := f.mac("no-secret", v1.ApplicationSpec{ClientID: "good-a"})
	noSecret.Spec.CredentialsSecretRef = &v1.SecretReference{Name: "does-not-exist"}
	f.create(noSecret)
	f.create(f.mac("unknown-client", v1.ApplicationSpec{ClientID: "no-such-client", AllowedOrigins: origins("https://x.example.com")}))

	// The operator starts with the hostile objects already there.
	f.startOperator(Options{RootCAs: f.sim.RootCAs()})
	f.create(f.mac("good-a", v1.ApplicationSpec{ClientID: "good-a", AllowedOrigins: origins("https://a.example.com")}))
	f.create(f.mac("good-b", v1.ApplicationSpec{ClientID: "good-b", AllowedOrigins: origins("https://b.example.com")}))
	f.waitReady("good-a")
	f.waitReady("good-b")
	f.waitOrigins("good-b", func(o []string) bool { return len(o) == 1 && o[0] == "https://b.example.com" }, "good-b has its origin")

	o := f.waitCondition("banana", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonInvalidSpec)
	if msg := readyConditionMessage(o); !strings.Contains(msg, `spec.resyncInterval: invalid value "banana"`) || !strings.Contains(msg, "from 30s to 24h") {
		t.Errorf("banana's Ready message %q does not name the field, value and fix", msg)
	}
	if c := f.client("good-a"); slices.Contains(c.AllowedOrigins, "https://banana.example.com") {
		t.Errorf("the invalid object wrote to the tenant: %v", c.AllowedOrigins)
	}
	f.waitCondition("no-secret", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonSecretNotFound)
	f.waitCondition("unknown-client", v1.ConditionReady, metav1.ConditionFalse, v1.ReasonUnknownClient)
}

func readyConditionMessage(o *v1.MyAccountConfig) string {
	if c := meta.FindStatusCondition(o.Status.Conditions, v1.ConditionReady); c != nil {
		return c.Message
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

var crdGVK = schema.GroupVersionKind{Group: "apiextensions.k8s.io", Version: "v1", Kind: "CustomResourceDefinition"}

// withResyncUnchecked runs fn while the installed CRD does not check
// resyncInterval, as an older release's did, then restores the CRD.
func withResyncUnchecked(t *testing.T, fn func()) {
	t.Helper()
	ctx := context.Background()
	key := client.ObjectKey{Name: "myaccountconfigs." + v1.GroupVersion.Group}
	crd := &unstructured.Unstructured{}
	crd.SetGroupVersionKind(crdGVK)
	if err := k8s.Get(ctx, key, crd); err != nil {
		t.Fatal(err)
	}
	original := crd.DeepCopy()
	versions, _, _ := unstructured.NestedSlice(crd.Object, "spec", "versions")
	for i := range versions {
		v := versions[i].(map[string]any)
		unstructured.RemoveNestedField(v, "schema", "openAPIV3Schema", "properties", "spec", "properties", "resyncInterval", "pattern")
		unstructured.RemoveNestedField(v, "schema", "openAPIV3Schema", "properties", "spec", "properties", "resyncInterval", "x-kubernetes-validations")
	}
	if err := unstructured.SetNestedSlice(crd.Object, versions, "spec", "versions"); err != nil {
		t.Fatal(err)
	}
	if err := k8s.Update(ctx, crd); err != nil {
		t.Fatal(err)
	}
	defer func() {
		restored := &unstructured.Unstructured{}
		restored.SetGroupVersionKind(crdGVK)
		if err := k8s.Get(ctx, key, restored); err != nil {
			t.Fatal(err)
		}
		_ = unstructured.SetNestedField(restored.Object, original.Object["spec"], "spec")
		if err := k8s.Update(ctx, restored); err != nil {
			t.Fatalf("restore the CRD: %v", err)
		}
	}()
	fn()
}

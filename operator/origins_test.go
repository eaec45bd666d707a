package operator

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// The CRD's pattern and CEL rules and the reconciler's validator read one
// table of good and bad origins, and must agree on every row in both
// directions: what one accepts the other accepts, what one refuses the other
// refuses. The rows marked crdAdmits need data CEL does not have (the public
// suffix list, IDNA); the reconciler refuses them before any write.
func TestCRDAndReconcilerShareOneOriginTable(t *testing.T) {
	requireEnv(t)
	b, err := os.ReadFile("../internal/reconciler/syntax/testdata/origins.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab struct {
		Good []struct{ Origin string } `json:"good"`
		Bad  []struct {
			Origin    string
			CRDAdmits string `json:"crdAdmits"`
		} `json:"bad"`
	}
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatal(err)
	}
	ns := "origins"
	_ = k8s.Create(context.Background(), (&corev1Namespace{name: ns}).obj())
	crdAccepts := func(origin string) error {
		o := &v1.MyAccountConfig{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "origin-", Namespace: ns},
			Spec: v1.MyAccountConfigSpec{Domain: "t.eu.auth0.com", CredentialsSecretRef: &v1.SecretReference{Name: "s"},
				Applications: []v1.ApplicationSpec{{ClientID: "a", AllowedOrigins: origins(origin)}}},
		}
		err := k8s.Create(context.Background(), o)
		if err == nil {
			_ = k8s.Delete(context.Background(), o)
		}
		return err
	}
	for _, g := range tab.Good {
		if fix := syntax.ValidateOrigin(g.Origin); fix != "" {
			t.Errorf("reconciler refuses good origin %q: %s", g.Origin, fix)
		}
		if err := crdAccepts(g.Origin); err != nil {
			t.Errorf("CRD refuses good origin %q: %v", g.Origin, err)
		}
	}
	for _, bad := range tab.Bad {
		if syntax.ValidateOrigin(bad.Origin) == "" {
			t.Errorf("reconciler accepts bad origin %q", bad.Origin)
		}
		err := crdAccepts(bad.Origin)
		switch {
		case bad.CRDAdmits == "" && err == nil:
			t.Errorf("CRD accepts bad origin %q", bad.Origin)
		case bad.CRDAdmits != "" && err != nil:
			t.Errorf("CRD refuses %q, marked crdAdmits (%s): drop the mark: %v", bad.Origin, bad.CRDAdmits, err)
		}
	}
}

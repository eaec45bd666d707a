package cli

import (
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/crd"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// FuzzParseManifests feeds arbitrary bytes to the manifest parser: it must
// never panic, every config it returns has a name and a namespace, and the
// reconciler's static validation of what it returns never panics either.
func FuzzParseManifests(f *testing.F) {
	f.Add([]byte("apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: a}\nspec:\n  domain: t.example.com\n  api: {enabled: true}\n  applications:\n  - clientId: c\n    allowedOrigins: [\"https://App.example.com\", \"https://{organization_name}.example.com\"]\n    userAccess: {scopes: [read:me:authentication_methods]}\n"))
	f.Add([]byte("---\n---\nkind: MyAccountConfig\n"))
	f.Add([]byte("apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: a}\nspec: {domain: x, resyncInterval: banana}\n"))
	f.Add([]byte("apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: a}\nspec: {domain: x, applications: [{clientId: c, allowedOrigin: [x]}]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfgs, err := parseManifests("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, c := range cfgs {
			if c.Obj == nil || c.Obj.Name == "" || c.Obj.Namespace == "" {
				t.Fatalf("config without a name or namespace: %+v", c)
			}
			_ = reconciler.ValidateStatic(crd.Desired(&c.Obj.Spec))
		}
	})
}

package operator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// argoHealthScript is the Argo CD custom health check shipped for
// MyAccountConfig (config/argocd, charts/myaccount/README.md).
var argoHealthScript = filepath.Join("..", "config", "argocd", "health.lua")

// argoHealth runs the health check the way Argo CD does (its
// resource_customizations runner on gopher-lua): the object as the global
// table obj, the script's returned table read for status and message.
func argoHealth(t testing.TB, o *v1.MyAccountConfig) (status, message string) {
	t.Helper()
	script, err := os.ReadFile(argoHealthScript)
	if err != nil {
		t.Fatal(err)
	}
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(o)
	if err != nil {
		t.Fatal(err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: false})
	defer L.Close()
	L.SetGlobal("obj", toLua(L, u))
	if err := L.DoString(string(script)); err != nil {
		t.Fatalf("health.lua: %v", err)
	}
	ret, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		t.Fatalf("health.lua returned %s, want a table", L.Get(-1).Type())
	}
	return lua.LVAsString(ret.RawGetString("status")), lua.LVAsString(ret.RawGetString("message"))
}

// toLua converts decoded JSON the way Argo CD does: objects and arrays
// become tables (arrays 1-based), numbers LNumber.
func toLua(L *lua.LState, v any) lua.LValue {
	switch v := v.(type) {
	case map[string]any:
		t := L.NewTable()
		for k, e := range v {
			t.RawSetString(k, toLua(L, e))
		}
		return t
	case []any:
		t := L.NewTable()
		for i, e := range v {
			t.RawSetInt(i+1, toLua(L, e))
		}
		return t
	case string:
		return lua.LString(v)
	case bool:
		return lua.LBool(v)
	case int64:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case nil:
		return lua.LNil
	}
	panic(fmt.Sprintf("toLua: unexpected %T", v))
}

// TestArgoHealthTable checks the script on statuses decideSync writes; the
// envtest suite (TestGitOpsHealthOnRealObjects) checks it on live objects.
func TestArgoHealthTable(t *testing.T) {
	obj := func(gen int64, st v1.MyAccountConfigStatus) *v1.MyAccountConfig {
		o := &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Name: "cfg", Namespace: "default", Generation: gen}, Status: st}
		o.SetGroupVersionKind(v1.GroupVersion.WithKind("MyAccountConfig"))
		return o
	}
	ready, _ := decideSync(v1.MyAccountConfigStatus{}, success(1, 1))
	drifted, _ := decideSync(ready, report(success(1, 1)))
	missing, _ := decideSync(v1.MyAccountConfigStatus{}, failure(1, v1.ReasonSecretNotFound))
	limited, _ := decideSync(ready, failure(1, v1.ReasonRateLimited))
	fighting, _ := decideSync(ready, reverted(success(1, 1), ""))
	for _, tc := range []struct {
		name           string
		o              *v1.MyAccountConfig
		status, inText string
	}{
		{"no status yet", obj(1, v1.MyAccountConfigStatus{ObservedGeneration: -1}), "Progressing", "waiting"},
		{"ready", obj(1, ready), "Healthy", "configured"},
		{"a new generation not yet seen", obj(2, ready), "Progressing", "generation 2"},
		{"rate limited", obj(1, limited), "Progressing", v1.ReasonRateLimited},
		{"missing Secret", obj(1, missing), "Degraded", v1.ReasonSecretNotFound},
		{"drift under Report", obj(1, drifted), "Degraded", "allowed_origins"},
		{"writes being undone", obj(1, fighting), "Degraded", "keeps being changed back: client/spa allowed_origins"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, msg := argoHealth(t, tc.o)
			if status != tc.status || !strings.Contains(msg, tc.inText) {
				t.Errorf("health %s %q, want %s with %q", status, msg, tc.status, tc.inText)
			}
		})
	}
}

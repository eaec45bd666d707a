package charts_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestKustomizeOverlays renders the namespace-scope overlays: team
// namespaces get a RoleBinding each and a --namespace flag, cluster-wide
// binds the namespace role cluster-wide and watches everything.
func TestKustomizeOverlays(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("no kubectl: run `bash hack/tools.sh kube`")
	}
	render := func(dir string) (map[string]map[string]any, string) {
		out := run(t, nil, kubectl, "kustomize", "../config/overlays/"+dir)
		return objects(t, out), out
	}
	objs, out := render("team-namespaces")
	for _, ns := range []string{"team-a", "team-b"} {
		if objs["RoleBinding/"+ns+"/myaccount-operator"] == nil {
			t.Errorf("team-namespaces: no RoleBinding in %s", ns)
		}
	}
	if objs["RoleBinding/default/myaccount-operator"] != nil || !strings.Contains(out, "--namespace=team-a,team-b") || len(keysOf(objs, "ClusterRoleBinding/<nil>/myaccount-operator-namespaces")) != 0 {
		t.Errorf("team-namespaces: wrong bindings or flags:\n%v", keysOf(objs, ""))
	}
	objs, out = render("cluster-wide")
	if objs["ClusterRoleBinding/<nil>/myaccount-operator-namespaces"] == nil || strings.Contains(out, "- --namespace") || len(keysOf(objs, "RoleBinding/default/")) != 0 {
		t.Errorf("cluster-wide: wrong bindings or flags:\n%v", keysOf(objs, ""))
	}
}

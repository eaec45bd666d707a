package charts_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	"sigs.k8s.io/yaml"
)

// valueSets are the configurations helm lint, helm template and the dry run
// cover.
var valueSets = map[string][]string{
	"default":    nil,
	"namespaced": {"--set", "watchNamespaces={team-a,team-b}"},
	"metrics":    {"--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.renderMode=alwaysRender", "--set", "grafanaDashboard.enabled=true", "--set", "podDisruptionBudget.enabled=true", "--set", "replicaCount=2"},
	"crds-off":   {"--set", "crds.enabled=false"},
}

func helmBin(t *testing.T) string {
	t.Helper()
	h := os.Getenv("MYACCOUNT_HELM")
	if h == "" {
		t.Skip("MYACCOUNT_HELM is not set: run `eval \"$(bash hack/tools.sh env)\"` after `bash hack/tools.sh helm`")
	}
	return h
}

func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// objects splits rendered manifests into kind/namespace/name -> object.
func objects(t *testing.T, manifests string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, doc := range strings.Split(manifests, "\n---") {
		var o map[string]any
		if err := yaml.Unmarshal([]byte(doc), &o); err != nil {
			t.Fatalf("rendered YAML: %v\n%s", err, doc)
		}
		if o == nil {
			continue
		}
		md, _ := o["metadata"].(map[string]any)
		out[fmt.Sprintf("%s/%v/%v", o["kind"], md["namespace"], md["name"])] = o
	}
	return out
}

func keysOf(m map[string]map[string]any, prefix string) []string {
	var ks []string
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

func TestLintAndTemplate(t *testing.T) {
	helm := helmBin(t)
	for name, set := range valueSets {
		t.Run(name, func(t *testing.T) {
			run(t, nil, helm, append([]string{"lint", "--strict", chartDir}, set...)...)
			objs := objects(t, run(t, nil, helm, append([]string{"template", "myaccount", chartDir, "-n", "myaccount-system"}, set...)...))
			dep := objs["Deployment/myaccount-system/myaccount"]
			if dep == nil {
				t.Fatalf("no Deployment; rendered %v", keysOf(objs, ""))
			}
			args := fmt.Sprint(dep["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)["args"])
			if !strings.Contains(args, "--leader-elect") {
				t.Errorf("leader election off: %s", args)
			}
			crds := keysOf(objs, "CustomResourceDefinition/")
			switch name {
			case "crds-off":
				if len(crds) != 0 {
					t.Errorf("crds.enabled=false rendered %v", crds)
				}
			default:
				if len(crds) != 1 {
					t.Errorf("CRDs %v", crds)
				}
			}
			clusterRoles := keysOf(objs, "ClusterRole/")
			switch name {
			case "namespaced":
				if len(clusterRoles) != 0 {
					t.Errorf("namespaced install has cluster roles %v", clusterRoles)
				}
				for _, ns := range []string{"team-a", "team-b"} {
					if objs["Role/"+ns+"/myaccount"] == nil || objs["RoleBinding/"+ns+"/myaccount"] == nil {
						t.Errorf("no Role and RoleBinding in %s: %v", ns, keysOf(objs, "Role"))
					}
					if !strings.Contains(args, "--namespace="+ns) {
						t.Errorf("args %s do not watch %s", args, ns)
					}
				}
			default:
				if len(clusterRoles) != 1 {
					t.Errorf("cluster roles %v", clusterRoles)
				}
			}
			if name == "metrics" {
				for _, k := range []string{"ServiceMonitor/myaccount-system/myaccount", "ConfigMap/myaccount-system/myaccount-dashboard", "PodDisruptionBudget/myaccount-system/myaccount", "Service/myaccount-system/myaccount-metrics"} {
					if objs[k] == nil {
						t.Errorf("no %s", k)
					}
				}
			}
		})
	}
	// skipIfMissing leaves the ServiceMonitor out where the Prometheus
	// Operator is absent; failIfMissing says what to do.
	objs := objects(t, run(t, nil, helm, "template", "myaccount", chartDir, "--set", "serviceMonitor.enabled=true"))
	if k := keysOf(objs, "ServiceMonitor/"); len(k) != 0 {
		t.Errorf("skipIfMissing rendered %v without the CRD", k)
	}
	if k := keysOf(objects(t, run(t, nil, helm, "template", "myaccount", chartDir, "--set", "serviceMonitor.enabled=true", "--api-versions", "monitoring.coreos.com/v1/ServiceMonitor")), "ServiceMonitor/"); len(k) != 1 {
		t.Errorf("skipIfMissing with the CRD present rendered %v", k)
	}
	out, err := exec.Command(helm, "template", "myaccount", chartDir, "--set", "serviceMonitor.enabled=true", "--set", "serviceMonitor.renderMode=failIfMissing").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Prometheus Operator") {
		t.Errorf("failIfMissing without the CRD: %v %s", err, out)
	}
}

// TestRBACMatchesTheOperatorMarkers keeps the chart's rules in step with the
// kubebuilder markers (config/rbac/role.yaml).
func TestRBACMatchesTheOperatorMarkers(t *testing.T) {
	helm := helmBin(t)
	objs := objects(t, run(t, nil, helm, "template", "myaccount", chartDir, "-n", "myaccount-system"))
	rules := func(o map[string]any) []string {
		var out []string
		list, _ := o["rules"].([]any)
		for _, r := range list {
			r := r.(map[string]any)
			for _, g := range r["apiGroups"].([]any) {
				for _, res := range r["resources"].([]any) {
					for _, v := range r["verbs"].([]any) {
						out = append(out, fmt.Sprintf("%v/%v:%v", g, res, v))
					}
				}
			}
		}
		slices.Sort(out)
		return out
	}
	gen, err := os.ReadFile("../config/rbac/role.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := objects(t, string(gen))
	chart := rules(objs["ClusterRole/<nil>/myaccount"])
	if len(chart) == 0 {
		t.Fatalf("no ClusterRole rules in the chart: %v", keysOf(objs, ""))
	}
	for _, r := range rules(want["ClusterRole/<nil>/myaccount-operator"]) {
		if !slices.Contains(chart, r) {
			t.Errorf("the chart's ClusterRole lacks %s (config/rbac/role.yaml has it)", r)
		}
	}
	election := rules(objs["Role/myaccount-system/myaccount-leader-election"])
	for _, r := range rules(want["Role/myaccount-system/myaccount-operator"]) {
		if !slices.Contains(election, r) {
			t.Errorf("the chart's leader-election Role lacks %s", r)
		}
	}
}

// apiserver starts a kube-apiserver and etcd (envtest) and returns a
// kubeconfig file for helm and kubectl, and a client.
func apiserver(t *testing.T) (kubeconfig string, c client.Client) {
	t.Helper()
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		t.Skip("KUBEBUILDER_ASSETS is not set: run `eval \"$(bash hack/tools.sh env)\"` after `bash hack/tools.sh kube`")
	}
	env := &envtest.Environment{}
	cfg, err := env.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.Stop() })
	user, err := env.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kc, err := user.KubeConfig()
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig = filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(kubeconfig, kc, 0o600); err != nil {
		t.Fatal(err)
	}
	s := runtime.NewScheme()
	_ = clientgoscheme.AddToScheme(s)
	_ = apiextensionsv1.AddToScheme(s)
	c, err = client.New(cfg, client.Options{Scheme: s})
	if err != nil {
		t.Fatal(err)
	}
	return kubeconfig, c
}

func kubectlBin(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kubectl"); fileExists(p) {
		return p
	}
	p, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("no kubectl: run `bash hack/tools.sh kube`")
	}
	return p
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func TestHelmOnARealAPIServer(t *testing.T) {
	helm := helmBin(t)
	kubeconfig, c := apiserver(t)
	kubectl := kubectlBin(t)
	ctx := context.Background()
	env := []string{"KUBECONFIG=" + kubeconfig, "HELM_CACHE_HOME=" + t.TempDir(), "HELM_CONFIG_HOME=" + t.TempDir(), "HELM_DATA_HOME=" + t.TempDir()}
	for _, ns := range []string{"myaccount-system", "team-a", "team-b", "team-c"} {
		if err := c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("server-side dry run", func(t *testing.T) {
		for name, set := range valueSets {
			rendered := run(t, env, helm, append([]string{"template", "myaccount", chartDir, "-n", "myaccount-system"}, set...)...)
			f := filepath.Join(t.TempDir(), name+".yaml")
			if err := os.WriteFile(f, []byte(rendered), 0o644); err != nil {
				t.Fatal(err)
			}
			if name == "metrics" {
				continue // ServiceMonitor needs the Prometheus Operator's CRD; alwaysRender is for template only
			}
			run(t, env, kubectl, "apply", "--dry-run=server", "--server-side", "-f", f)
		}
	})

	sa := "system:serviceaccount:myaccount-system:myaccount"
	can := func(verb, resource, ns string) bool {
		out, _ := exec.Command(kubectl, "--kubeconfig", kubeconfig, "auth", "can-i", verb, resource, "-n", ns, "--as", sa).CombinedOutput()
		return strings.TrimSpace(string(out)) == "yes"
	}
	run(t, env, helm, "install", "myaccount", chartDir, "-n", "myaccount-system", "--set", "watchNamespaces={team-a,team-b}", "--set", "image.tag=test")

	dep := &appsv1.Deployment{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: "myaccount-system", Name: "myaccount"}, dep); err != nil {
		t.Fatal(err)
	}
	ctr := dep.Spec.Template.Spec.Containers[0]
	if ctr.Image != "ghcr.io/tenantcfg/myaccount:test" || !slices.Contains(ctr.Args, "--namespace=team-a") || !slices.Contains(ctr.Args, "--namespace=team-b") {
		t.Errorf("Deployment container: %s %v", ctr.Image, ctr.Args)
	}
	if sc := ctr.SecurityContext; sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem || sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("container securityContext not hardened: %+v", sc)
	}
	if psc := dep.Spec.Template.Spec.SecurityContext; psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("pod securityContext not hardened: %+v", psc)
	}
	for ns, want := range map[string]bool{"team-a": true, "team-b": true, "team-c": false, "default": false} {
		if got := can("get", "secrets", ns); got != want {
			t.Errorf("can the operator read Secrets in %s: %v, want %v", ns, got, want)
		}
		if got := can("patch", "myaccountconfigs.myaccount.tenantcfg.io/status", ns); got != want {
			t.Errorf("can the operator patch MyAccountConfig status in %s: %v, want %v", ns, got, want)
		}
	}
	if !can("create", "events", "myaccount-system") || !can("update", "leases.coordination.k8s.io", "myaccount-system") {
		t.Error("leader election lacks events or leases in the release namespace")
	}
	var crbs rbacv1.ClusterRoleBindingList
	if err := c.List(ctx, &crbs); err != nil {
		t.Fatal(err)
	}
	for _, b := range crbs.Items {
		if strings.HasPrefix(b.Name, "myaccount") {
			t.Errorf("namespaced install created ClusterRoleBinding %s", b.Name)
		}
	}

	// Upgrade to the whole cluster, two replicas and a PodDisruptionBudget.
	run(t, env, helm, "upgrade", "myaccount", chartDir, "-n", "myaccount-system", "--set", "replicaCount=2", "--set", "podDisruptionBudget.enabled=true", "--set", "image.tag=test")
	if err := c.Get(ctx, client.ObjectKey{Namespace: "myaccount-system", Name: "myaccount"}, dep); err != nil {
		t.Fatal(err)
	}
	if *dep.Spec.Replicas != 2 || slices.ContainsFunc(dep.Spec.Template.Spec.Containers[0].Args, func(a string) bool { return strings.HasPrefix(a, "--namespace") }) {
		t.Errorf("after upgrade: replicas %d args %v", *dep.Spec.Replicas, dep.Spec.Template.Spec.Containers[0].Args)
	}
	if !can("get", "secrets", "team-c") {
		t.Error("cluster-wide install cannot read Secrets in team-c")
	}
	if err := c.Get(ctx, client.ObjectKey{Namespace: "team-a", Name: "myaccount"}, &rbacv1.Role{}); !apierrors.IsNotFound(err) {
		t.Errorf("the team-a Role outlived the upgrade: %v", err)
	}

	run(t, env, helm, "uninstall", "myaccount", "-n", "myaccount-system", "--wait", "--timeout", "60s")
	crd := &apiextensionsv1.CustomResourceDefinition{}
	if err := c.Get(ctx, client.ObjectKey{Name: "myaccountconfigs.myaccount.tenantcfg.io"}, crd); err != nil {
		t.Errorf("helm uninstall removed the CRD despite crds.keep: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := c.Get(ctx, client.ObjectKey{Namespace: "myaccount-system", Name: "myaccount"}, &appsv1.Deployment{})
		if apierrors.IsNotFound(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Deployment still there after uninstall: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

package operator

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestEndToEndBinaryAndKubectl builds the myaccount binary, runs
// `myaccount operator` against the test API server and an emulated tenant,
// and drives it with kubectl: apply -k config/default, apply -f
// config/samples, wait for Ready, and read the printer columns.
func TestEndToEndBinaryAndKubectl(t *testing.T) {
	requireEnv(t)
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		if p := filepath.Join(os.Getenv("KUBEBUILDER_ASSETS"), "kubectl"); fileExists(p) {
			kubectl = p
		} else {
			t.Skip("kubectl not found: install Debian's kubernetes-client (bash hack/tools.sh kube does)")
		}
	}
	tmp := t.TempDir()
	bin, kubeconfig := operatorBinary(t, tmp)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(kubectl, append([]string{"--kubeconfig", kubeconfig}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("kubectl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	// The manifests install (the Deployment never runs: envtest has no kubelet).
	run("apply", "-k", filepath.Join("..", "config", "default"))
	// The RBAC is least privilege.
	sa := "--as=system:serviceaccount:myaccount-system:myaccount-operator"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "secrets", "-n", "default"}, "yes"},
		{[]string{"list", "secrets", "-n", "kube-system"}, "no"},
		{[]string{"create", "secrets", "-n", "default"}, "no"},
		{[]string{"patch", "myaccountconfigs.myaccount.tenantcfg.io/status", "-n", "default"}, "yes"},
		{[]string{"create", "leases.coordination.k8s.io", "-n", "myaccount-system"}, "yes"},
		{[]string{"create", "leases.coordination.k8s.io", "-n", "default"}, "no"},
		{[]string{"create", "events.events.k8s.io", "-n", "kube-system"}, "no"},
		{[]string{"delete", "namespaces"}, "no"},
	} {
		cmd := exec.Command(kubectl, append([]string{"--kubeconfig", kubeconfig, "auth", "can-i", sa}, c.args...)...)
		out, _ := cmd.Output()
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("can-i %v: %q, want %q", c.args, got, c.want)
		}
	}

	sim, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	sim.SeedClient(auth0sim.Client{ClientID: "my-spa-client-id", Name: "My SPA"})
	caFile := filepath.Join(tmp, "ca.pem")
	if err := sim.WriteCACert(caFile); err != nil {
		t.Fatal(err)
	}

	ns := fmt.Sprintf("e2e-%d", nsCounter.Add(1))
	run("create", "namespace", ns)
	metricsAddr, probeAddr := freeAddr(t), freeAddr(t)
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	op := exec.CommandContext(ctx, bin, "operator", "--namespace", ns, "--metrics-addr", metricsAddr, "--probe-addr", probeAddr,
		"--leader-elect", "--leader-election-namespace", ns)
	op.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "SSL_CERT_FILE="+caFile)
	op.Stdout, op.Stderr = &logs, &logs
	op.Cancel = func() error { return op.Process.Signal(os.Interrupt) }
	op.WaitDelay = 15 * time.Second
	if err := op.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = op.Wait()
		if t.Failed() {
			t.Logf("operator logs:\n%s", logs.String())
		}
	}()

	// The samples, pointed at the emulated tenant.
	samples := filepath.Join(tmp, "samples")
	if err := os.Mkdir(samples, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join("..", "config", "samples"))
	if err != nil {
		t.Fatal(err)
	}
	repl := strings.NewReplacer("my-tenant.eu.auth0.com", sim.Domain(),
		"REPLACE_WITH_CLIENT_ID", sim.ManagementClientID(), "REPLACE_WITH_CLIENT_SECRET", sim.ManagementClientSecret())
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("..", "config", "samples", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(samples, e.Name()), []byte(repl.Replace(string(b))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run("apply", "-n", ns, "-f", samples)
	run("wait", "-n", ns, "--for=condition=Ready", "myaccountconfig/my-tenant", "--timeout=60s")

	out := run("get", "mac", "-n", ns)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("kubectl get mac:\n%s", out)
	}
	header, row := strings.Fields(lines[0]), strings.Fields(lines[1])
	if strings.Join(header, " ") != "NAME DOMAIN READY REASON DRIFTED AUDIENCE AGE" {
		t.Errorf("columns: %q", lines[0])
	}
	want := []string{"my-tenant", sim.Domain(), "True", "Reconciled", "False", "https://" + sim.Domain() + "/me/"}
	if len(row) != 7 || strings.Join(row[:6], " ") != strings.Join(want, " ") {
		t.Errorf("row %q, want %q + AGE", lines[1], want)
	}
	if c, _ := sim.GetClient("my-spa-client-id"); len(c.AllowedOrigins) != 1 || c.AllowedOrigins[0] != "https://app.example.com" || !c.CrossOriginAuthentication {
		t.Errorf("tenant client: %+v", c)
	}

	// Probes and metrics.
	for _, path := range []string{"/healthz", "/readyz"} {
		if body, code := httpGet(t, "http://"+probeAddr+path); code != 200 {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
	metrics, _ := httpGet(t, "http://"+metricsAddr+"/metrics")
	for _, m := range []string{
		`myaccount_operator_reconciles_total{result="synced"}`,
		`myaccount_management_api_requests_total{code="200",domain="` + sim.Domain() + `"`,
	} {
		if !strings.Contains(metrics, m) {
			t.Errorf("metrics lack %s", m)
		}
	}
	for _, m := range dashboardMetrics(t) {
		if !strings.Contains(metrics, "\n"+m) {
			t.Errorf("the Grafana dashboard queries %s, which the operator does not export", m)
		}
	}

	// Deleting through kubectl cleans up (deletionPolicy Retain).
	run("delete", "-n", ns, "-f", samples, "--timeout=60s")
	if c, _ := sim.GetClient("my-spa-client-id"); len(c.AllowedOrigins) != 0 || c.CrossOriginAuthentication {
		t.Errorf("after kubectl delete: %+v", c)
	}
}

// dashboardMetrics are the metric names the chart's Grafana dashboard queries.
func dashboardMetrics(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("../charts/myaccount/dashboards/myaccount.json")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`\b(?:myaccount|workqueue)_[a-z_]+`).FindAllString(string(raw), -1)
	slices.Sort(names)
	return slices.Compact(names)
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func httpGet(t *testing.T, url string) (string, int) {
	t.Helper()
	var lastErr error
	for range 50 {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return string(b), resp.StatusCode
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("GET %s: %v", url, lastErr)
	return "", 0
}

// operatorBinary builds myaccount into dir as the container image does
// (-tags image) and writes there an admin kubeconfig for the test API server.
func operatorBinary(t *testing.T, dir string) (bin, kubeconfig string) {
	t.Helper()
	bin = filepath.Join(dir, "myaccount")
	build := exec.Command("go", "build", "-tags", "image", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	user, err := testEnv.AddUser(envtestAdmin(), nil)
	if err != nil {
		t.Fatal(err)
	}
	kcfg, err := user.KubeConfig()
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig = filepath.Join(dir, "kubeconfig")
	if err := os.WriteFile(kubeconfig, kcfg, 0o600); err != nil {
		t.Fatal(err)
	}
	return bin, kubeconfig
}

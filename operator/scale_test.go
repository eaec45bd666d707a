package operator

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// TestTenantScaleTable (opt-in: MYACCOUNT_SCALE_TEST=<objects>, 1000 for
// issue 16 §3's layout; MYACCOUNT_SCALE_PRESET=free for the emulator's Free
// plan) runs `myaccount operator` as a process against the test API server
// and one emulated tenant: <objects> objects in 10 namespaces (one Secret
// each) over <objects>/10 clients, 10 objects per client each merging one
// origin, the first object of each client also granting user access. It
// prints, per run, the Management API requests, the writes, the time and
// the operator's peak RSS (VmHWM, which counts the binary's mapped pages)
// and peak anonymous and file-backed RSS (sampled; heap and stacks, and the
// binary's pages):
//   - first convergence, the objects created before the operator starts;
//   - a spec edit of every object that changes nothing in the tenant
//     (spec.driftPolicy: Correct, the default made explicit);
//   - an in-sync resync round (every object synced once more; the objects
//     have spec.resyncInterval: 2m, the default 10m being long to wait);
//   - a restart, everything in sync;
//   - a restart with 5,000 unrelated Secrets in the watched namespaces.
//
// MYACCOUNT_SCALE_CREATE_WHILE_RUNNING=1 creates the objects once the
// operator runs instead. MYACCOUNT_SCALE_PPROF=<dir> saves a heap profile after each run (the
// operator's --pprof-addr), and the heap profile and memory statistics of
// each run's peak. MYACCOUNT_SCALE_ARGS adds operator flags, such as
// "--memory-limit=0".
func TestTenantScaleTable(t *testing.T) {
	requireEnv(t)
	n, _ := strconv.Atoi(os.Getenv("MYACCOUNT_SCALE_TEST"))
	if n <= 0 {
		t.Skip("set MYACCOUNT_SCALE_TEST=<objects> (1000 for issue 16 §3's layout) to run")
	}
	sc := newScaleRun(t, n)
	var rows []scaleRow
	var since time.Time
	mark := func() { since = sc.syncMark() }
	if os.Getenv("MYACCOUNT_SCALE_CREATE_WHILE_RUNNING") != "" {
		rows = append(rows, sc.measure("first convergence, objects created while it runs", func() { sc.start(); sc.createObjects() }, sc.allReady))
	} else {
		sc.createObjects()
		rows = append(rows, sc.measure("first convergence, objects existing before the operator starts", sc.start, sc.allReady))
	}
	rows = append(rows, sc.measure("a spec edit of every object, no tenant change", sc.editEveryObject, sc.allReady))
	rows = append(rows, sc.measure("an in-sync resync round", mark, func() bool { return sc.allSyncedSince(since) }))
	sc.stop()
	rows = append(rows, sc.measure("a restart, everything in sync", func() { mark(); sc.start() }, func() bool { return sc.allSyncedSince(since) }))
	sc.stop()
	sc.createUnrelatedSecrets(5000)
	rows = append(rows, sc.measure("a restart with 5,000 unrelated Secrets", func() { mark(); sc.start() }, func() bool { return sc.allSyncedSince(since) }))
	sc.stop()

	var b strings.Builder
	fmt.Fprintf(&b, "\n%d objects, %d namespaces, %d clients, emulator preset %q\n", n, scaleNamespaces, sc.clients, sc.preset)
	fmt.Fprintf(&b, "| run | requests | writes | 429s | time | peak RSS (anonymous, file-backed) |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %.1f MB (%.1f MB, %.1f MB) |\n", r.name, r.requests, r.writes, r.limited, r.elapsed.Round(100*time.Millisecond),
			float64(r.peakRSS)/1e6, float64(r.peakAnon)/1e6, float64(r.peakFile)/1e6)
	}
	t.Log(b.String())
}

const scaleNamespaces = 10

type scaleRow struct {
	name                        string
	requests, writes, limited   int
	elapsed                     time.Duration
	peakRSS, peakAnon, peakFile int64
}

type scaleRun struct {
	t                    *testing.T
	n, clients           int
	preset               string
	sim                  *auth0sim.Server
	bin, kubeconfig, tmp string
	namespaces           []string
	op                   *exec.Cmd
	logs                 bytes.Buffer
	pprofAddr, pprofDir  string
}

func newScaleRun(t *testing.T, n int) *scaleRun {
	sc := &scaleRun{t: t, n: n, clients: max(1, n/10), preset: os.Getenv("MYACCOUNT_SCALE_PRESET"), tmp: t.TempDir(),
		pprofDir: os.Getenv("MYACCOUNT_SCALE_PPROF")}
	sc.bin, sc.kubeconfig = operatorBinary(t, sc.tmp)
	opts := auth0sim.Options{}
	if sc.preset != "" {
		p, ok := auth0sim.PlanNamed(sc.preset)
		if !ok {
			t.Fatalf("MYACCOUNT_SCALE_PRESET=%q: no such emulator preset", sc.preset)
		}
		opts.RateLimit, opts.Burst, opts.PerRoute = p.RateLimit, p.Burst, p.PerRoute
	}
	sim, err := auth0sim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	sc.sim = sim
	seedScaleClients(sim, sc.clients)
	run := nsCounter.Add(1)
	for i := range scaleNamespaces {
		ns := fmt.Sprintf("scale%d-%d", run, i)
		sc.namespaces = append(sc.namespaces, ns)
		sc.mustCreate(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})
		sc.mustCreate((&corev1Secret{name: "auth0-credentials", ns: ns, id: sim.ManagementClientID(), secret: sim.ManagementClientSecret()}).obj())
	}
	if sc.pprofDir != "" {
		sc.pprofAddr = freeAddr(t)
	}
	return sc
}

// seedScaleClients seeds clients c000, c001, ... each holding one origin.
func seedScaleClients(sim *auth0sim.Server, n int) {
	for c := range n {
		sim.SeedClient(auth0sim.Client{ClientID: fmt.Sprintf("c%03d", c), Name: fmt.Sprintf("c%03d", c), AppType: "spa",
			AllowedOrigins: []string{"https://legacy.example.com"}})
	}
}

// scaleApp is object i's application: it merges one origin into client
// c<i%clients>, and the first object of each client grants user access (and
// manages the API: createObjects).
func scaleApp(i, clients int) v1.ApplicationSpec {
	app := v1.ApplicationSpec{ClientID: fmt.Sprintf("c%03d", i%clients), AllowedOrigins: origins(fmt.Sprintf("https://o%04d.example.com", i))}
	if i < clients {
		app.UserAccess = &v1.UserAccess{Scopes: []string{"read:me:authentication_methods"}}
	}
	return app
}

// operatorProcess starts `myaccount operator` serving namespaces, trusting
// the emulator's CA, its output in logs.
func operatorProcess(t testing.TB, bin, kubeconfig, caFile string, logs io.Writer, namespaces []string, extra ...string) *exec.Cmd {
	args := append([]string{"operator", "--namespace", strings.Join(namespaces, ","), "--metrics-addr", "0", "--probe-addr", "0", "--log-level", "warn"}, extra...)
	op := exec.Command(bin, args...)
	op.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "SSL_CERT_FILE="+caFile)
	op.Stdout, op.Stderr = logs, logs
	if err := op.Start(); err != nil {
		t.Fatal(err)
	}
	return op
}

func (sc *scaleRun) mustCreate(o client.Object) {
	sc.t.Helper()
	if err := k8s.Create(context.Background(), o); err != nil {
		sc.t.Fatalf("create %T %s: %v", o, o.GetName(), err)
	}
}

func (sc *scaleRun) createObjects() {
	for i := range sc.n {
		o := &v1.MyAccountConfig{
			ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("o%04d", i), Namespace: sc.namespaces[i%scaleNamespaces]},
			Spec: v1.MyAccountConfigSpec{Domain: sc.sim.Domain(), CredentialsSecretRef: &v1.SecretReference{Name: "auth0-credentials"},
				ResyncInterval: ptr.To(v1.Duration(scaleResync.String())), Applications: []v1.ApplicationSpec{scaleApp(i, sc.clients)}},
		}
		if o.Spec.Applications[0].UserAccess != nil {
			o.Spec.API = &v1.APISpec{} // these activate and share the API; the others only use it
		}
		sc.mustCreate(o)
	}
}

func (sc *scaleRun) start() {
	caFile := filepath.Join(sc.tmp, "ca.pem")
	if err := sc.sim.WriteCACert(caFile); err != nil {
		sc.t.Fatal(err)
	}
	extra := strings.Fields(os.Getenv("MYACCOUNT_SCALE_ARGS"))
	if sc.pprofAddr != "" {
		extra = append(extra, "--pprof-addr", sc.pprofAddr)
	}
	sc.op = operatorProcess(sc.t, sc.bin, sc.kubeconfig, caFile, &sc.logs, sc.namespaces, extra...)
	sc.t.Cleanup(sc.stop)
}

func (sc *scaleRun) stop() {
	if sc.op == nil || sc.op.Process == nil {
		return
	}
	_ = sc.op.Process.Signal(syscall.SIGTERM)
	_, _ = sc.op.Process.Wait()
	sc.op = nil
}

// measure runs act, then counts the tenant's requests from before act until
// done reports true.
func (sc *scaleRun) measure(name string, act func(), done func() bool) scaleRow {
	sc.t.Helper()
	sc.sim.ResetCounts()
	start := time.Now()
	act()
	deadline := start.Add(30 * time.Minute)
	var peakAnon, profiledAnon, peakFile int64
	for !done() {
		peakAnon = max(peakAnon, procStatus(sc.t, sc.op.Process.Pid, "RssAnon:"))
		peakFile = max(peakFile, procStatus(sc.t, sc.op.Process.Pid, "RssFile:"))
		if peakAnon > profiledAnon+2<<20 {
			profiledAnon = peakAnon
			sc.savePeakProfiles(name)
		}
		if time.Now().After(deadline) {
			sc.t.Fatalf("%s: not done after 30 minutes; operator log tail:\n%s", name, tail(sc.logs.String(), 4000))
		}
		time.Sleep(200 * time.Millisecond)
	}
	peakAnon = max(peakAnon, procStatus(sc.t, sc.op.Process.Pid, "RssAnon:"))
	peakFile = max(peakFile, procStatus(sc.t, sc.op.Process.Pid, "RssFile:"))
	row := scaleRow{name: name, requests: sc.sim.Total(), writes: sc.sim.Writes(), limited: sc.sim.RateLimited(),
		elapsed: time.Since(start), peakRSS: procStatus(sc.t, sc.op.Process.Pid, "VmHWM:"), peakAnon: peakAnon, peakFile: peakFile}
	sc.t.Logf("%s: %d requests (%d writes, %d 429s) in %s, peak RSS %.1f MB (anonymous %.1f MB, file-backed %.1f MB); by endpoint: %v", name, row.requests, row.writes, row.limited,
		row.elapsed.Round(100*time.Millisecond), float64(row.peakRSS)/1e6, float64(row.peakAnon)/1e6, float64(row.peakFile)/1e6, sc.sim.Counts())
	sc.saveHeapProfile(name)
	return row
}

// savePeakProfiles saves, while a run's anonymous RSS grows, a heap profile
// (in use and allocated; gc=1 makes "in use" current) and the runtime's
// memory statistics as text, overwriting the last ones: the profiles of
// the peak.
func (sc *scaleRun) savePeakProfiles(name string) {
	if sc.pprofAddr == "" {
		return
	}
	base := filepath.Join(sc.pprofDir, strings.NewReplacer(" ", "-", ",", "").Replace(name))
	for suffix, path := range map[string]string{".peak.heap.pb.gz": "/debug/pprof/heap?gc=1", ".peak.heap.txt": "/debug/pprof/heap?debug=1"} {
		resp, err := http.Get("http://" + sc.pprofAddr + path)
		if err != nil {
			continue // not listening yet
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			_ = os.WriteFile(base+suffix, body, 0o644)
		}
	}
}

func (sc *scaleRun) saveHeapProfile(name string) {
	if sc.pprofAddr == "" {
		return
	}
	body, code := httpGet(sc.t, "http://"+sc.pprofAddr+"/debug/pprof/heap")
	if code != 200 {
		sc.t.Logf("heap profile: HTTP %d", code)
		return
	}
	file := filepath.Join(sc.pprofDir, strings.NewReplacer(" ", "-", ",", "").Replace(name)+".heap.pb.gz")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		sc.t.Log(err)
	}
}

func (sc *scaleRun) list() []v1.MyAccountConfig {
	var all []v1.MyAccountConfig
	for _, ns := range sc.namespaces {
		var l v1.MyAccountConfigList
		if err := k8s.List(context.Background(), &l, client.InNamespace(ns)); err != nil {
			sc.t.Fatal(err)
		}
		all = append(all, l.Items...)
	}
	return all
}

func (sc *scaleRun) allReady() bool {
	ready := 0
	for _, o := range sc.list() {
		if c := meta.FindStatusCondition(o.Status.Conditions, v1.ConditionReady); c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == o.Generation {
			ready++
		}
	}
	return ready == sc.n
}

// syncMark is a time every later sync's lastSyncTime (whole seconds) is at
// or after.
func (sc *scaleRun) syncMark() time.Time {
	return time.Now().Truncate(time.Second).Add(time.Second)
}

func (sc *scaleRun) allSyncedSince(t time.Time) bool {
	synced := 0
	for _, o := range sc.list() {
		if st := o.Status.LastSyncTime; st != nil && !st.Time.Before(t) {
			synced++
		}
	}
	return synced == sc.n && sc.allReady()
}

// scaleResync is the objects' resync interval: a round is measured at it.
const scaleResync = 2 * time.Minute

// editEveryObject sets spec.driftPolicy to its default, which changes
// nothing in the tenant.
func (sc *scaleRun) editEveryObject() {
	for _, o := range sc.list() {
		patch := []byte(`{"spec":{"driftPolicy":"Correct"}}`)
		if err := k8s.Patch(context.Background(), &o, client.RawPatch("application/merge-patch+json", patch)); err != nil {
			sc.t.Fatal(err)
		}
	}
}

func (sc *scaleRun) createUnrelatedSecrets(count int) {
	filler := bytes.Repeat([]byte("x"), 2048)
	for i := range count {
		sc.mustCreate(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("unrelated-%04d", i), Namespace: sc.namespaces[i%scaleNamespaces]},
			Data: map[string][]byte{"filler": filler}})
	}
}

// procStatus is one of a process's memory figures in /proc/PID/status
// (VmHWM: its peak resident set; RssAnon: its heap and stacks now), in
// bytes.
func procStatus(t *testing.T, pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Log(err)
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

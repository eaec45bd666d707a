package e2e

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/cli"
)

// syncBuffer is a bytes.Buffer safe for the sim goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// simCommand is a `myaccount sim` run in-process, started by startSimCommand.
type simCommand struct {
	domain string
	vars   map[string]string // the env file it wrote
	pool   *x509.CertPool    // its CA
	out    *syncBuffer
	done   chan int // its exit code
	cancel context.CancelFunc
}

// startSimCommand runs `myaccount sim --addr 127.0.0.1:0 --env-file DIR/sim.env
// ARGS...` until the test ends, and waits until it is ready.
func startSimCommand(t *testing.T, dir string, args ...string) *simCommand {
	t.Helper()
	envFile := filepath.Join(dir, "sim.env")
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sc := &simCommand{out: &syncBuffer{}, done: make(chan int, 1), cancel: cancel}
	ready := make(chan string, 1)
	go func() {
		sc.done <- cli.Run(ctx, cli.Env{Stdout: sc.out, Stderr: sc.out, Ready: func(d string) { ready <- d }},
			append([]string{"sim", "--addr", "127.0.0.1:0", "--env-file", envFile}, args...))
	}()
	select {
	case sc.domain = <-ready:
	case code := <-sc.done:
		t.Fatalf("sim exited %d:\n%s", code, sc.out.String())
	case <-time.After(20 * time.Second):
		t.Fatal("sim did not start")
	}
	vars, err := readEnvFile(envFile)
	if err != nil {
		t.Fatal(err)
	}
	sc.vars = vars
	pem, err := os.ReadFile(vars["SSL_CERT_FILE"])
	if err != nil {
		t.Fatal(err)
	}
	sc.pool = x509.NewCertPool()
	if !sc.pool.AppendCertsFromPEM(pem) {
		t.Fatal("the CA file holds no certificate")
	}
	return sc
}

// TestSimCommand runs `myaccount sim` in-process with a seed file, then
// plans against it with the credentials and CA it wrote.
func TestSimCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.yaml")
	os.WriteFile(seed, []byte(`clients:
  - client_id: my_spa
    name: My SPA
    app_type: spa
    allowed_origins: [https://old.example.com]
custom_domains:
  - {domain: id.example.com, status: ready}
mfa_policies: [all-applications]
`), 0o644)
	sim := startSimCommand(t, dir, "--seed", seed, "--rate", "50", "--burst", "10")
	domain, vars, pool, out, done, cancel := sim.domain, sim.vars, sim.pool, sim.out, sim.done, sim.cancel
	contains(t, "sim output", out.String(), "AUTH0_DOMAIN="+domain, "AUTH0_CLIENT_SECRET=", "SSL_CERT_FILE=", "my_spa", "id.example.com (ready)")

	manifest := filepath.Join(dir, "c.yaml")
	os.WriteFile(manifest, []byte(`apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: c}
spec:
  domain: `+domain+`
  api: {enabled: true, audienceDomain: id.example.com}
  applications:
    - clientId: my_spa
      allowedOrigins: [https://new.example.com]
      userAccess: {scopes: [create:me:authentication_methods]}
`), 0o644)
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), cli.Env{
		Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] }, RootCAs: pool,
	}, []string{"apply", "-f", manifest, "--state", filepath.Join(dir, "state.json")})
	if code != 0 {
		t.Fatalf("apply against sim: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	contains(t, "apply", stdout.String(), "https://id.example.com/me/", "https://new.example.com")
	if strings.Contains(stdout.String(), "Warning") {
		t.Errorf("the seeded MFA policy should silence the MFA warning:\n%s", stdout.String())
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("sim exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop")
	}
}

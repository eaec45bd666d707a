package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBinary builds myaccount, starts `myaccount sim` as its own process, and
// drives the binary the way a user or a pipeline does: credentials from the
// env file the emulator writes, the emulator's CA trusted through
// SSL_CERT_FILE (no in-process trust), the real client-credentials flow.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGINT")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "myaccount")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "-ldflags", "-X github.com/tenantcfg/myaccount/internal/cli.Version=v0.0.0-e2e", "github.com/tenantcfg/myaccount")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// myaccount sim, in the background.
	envFile := filepath.Join(dir, "sim.env")
	var simOut bytes.Buffer
	sim := exec.CommandContext(ctx, bin, "sim", "--addr", "127.0.0.1:0", "--env-file", envFile, "--state-file", filepath.Join(dir, "tenant.json"))
	sim.Env = cleanEnv()
	sim.Stdout, sim.Stderr = &simOut, &simOut
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	simDone := make(chan error, 1)
	go func() { simDone <- sim.Wait() }()
	defer func() {
		if sim.ProcessState == nil {
			_ = sim.Process.Kill()
		}
	}()
	vars := waitForEnvFile(t, envFile, simDone, &simOut)
	for _, k := range []string{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "SSL_CERT_FILE"} {
		if vars[k] == "" {
			t.Fatalf("%s missing from the env file: %v", k, vars)
		}
	}
	if _, err := os.Stat(vars["SSL_CERT_FILE"]); err != nil {
		t.Fatalf("CA file: %v", err)
	}

	// The quickstart example as shipped, pointed at the emulator.
	example, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "quickstart", "myaccountconfig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "myaccountconfig.yaml")
	text := strings.Replace(string(example), "domain: my-tenant.eu.auth0.com", "domain: "+vars["AUTH0_DOMAIN"], 1)
	if err := os.WriteFile(manifest, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	env := cleanEnv()
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	run := func(want int, args ...string) string {
		t.Helper()
		name := bin
		if len(args) > 0 && args[0] == "bash" {
			name, args = args[0], args[1:]
		}
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env, cmd.Dir = env, dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != want {
			t.Fatalf("myaccount %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}

	out := run(0, "version")
	contains(t, "version", out, "myaccount v0.0.0-e2e")
	out = run(0, "plan", "-f", manifest)
	contains(t, "plan", out, "Plan: ", "https://app.example.com")
	run(2, "drift", "-f", manifest)
	out = run(0, "apply", "-f", manifest, "-v")
	contains(t, "apply", out, "Apply complete", "Management API requests:")
	if _, err := os.Stat(filepath.Join(dir, "myaccount.state.json")); err != nil {
		t.Errorf("apply did not write the default state file in the working directory: %v", err)
	}
	out = run(0, "drift", "-f", manifest, "-o", "json")
	contains(t, "drift", out, `"inSync": true`)
	out = run(0, "apply", "-f", manifest)
	contains(t, "second apply", out, "No changes.")

	// The pipeline example: in sync, then drift after the manifest changes.
	if _, err := exec.LookPath("jq"); err == nil {
		script := filepath.Join(repoRoot(t), "examples", "pipeline", "drift-check.sh")
		env = append(env, "MYACCOUNT="+bin)
		out = run(0, "bash", script, manifest)
		contains(t, "drift-check.sh", out, "default/quickstart on "+vars["AUTH0_DOMAIN"]+": in sync")
		more := filepath.Join(dir, "more.yaml")
		if err := os.WriteFile(more, []byte(strings.Replace(text, "- http://localhost:3000", "- http://localhost:3000\n        - https://new.example.com", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out = run(2, "bash", script, more)
		contains(t, "drift-check.sh", out, "DRIFT (1 differences)", "add\tclient/spa_demo_client\tallowed_origins\t -> https://new.example.com")
	} else {
		t.Log("jq not installed: skipping examples/pipeline/drift-check.sh")
	}

	// Without SSL_CERT_FILE the emulator's certificate is not trusted.
	var noCA []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "SSL_CERT_FILE=") {
			noCA = append(noCA, kv)
		}
	}
	env, noCA = noCA, env
	out = run(1, "drift", "-f", manifest)
	contains(t, "untrusted drift", out, "Error: default/quickstart", "is not trusted", "point SSL_CERT_FILE at its CA certificate")
	env = noCA

	// No arguments: the help (until the Terraform provider is served there).
	out = run(0, "help")
	contains(t, "help", out, "Usage:")
	out = run(0, "help", "drift")
	contains(t, "help drift", out, "Exit code: 0 in sync", "-state")
	// No arguments outside Terraform: the help, not go-plugin's message.
	out = run(0)
	contains(t, "no arguments", out, "Usage:", "Terraform provider")

	// Ctrl-C stops the emulator cleanly.
	if err := sim.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-simDone:
		if err != nil {
			t.Errorf("sim exited with %v\n%s", err, simOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop on SIGINT")
	}
	contains(t, "sim output", simOut.String(), "AUTH0_DOMAIN=", "SSL_CERT_FILE=", "spa_demo_client", "Stopping the emulator")
}

// cleanEnv is the test's environment without AUTH0_* and SSL_CERT_FILE.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AUTH0_") || strings.HasPrefix(kv, "SSL_CERT_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func waitForEnvFile(t *testing.T, path string, done <-chan error, out *bytes.Buffer) map[string]string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("sim exited early: %v\n%s", err, out.String())
		default:
		}
		if vars, err := readEnvFile(path); err == nil && len(vars) >= 4 {
			return vars
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("sim did not write %s\n%s", path, out.String())
	return nil
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// Package release checks the release configuration: .goreleaser.yml with
// the real goreleaser, and the archive names the Terraform and OpenTofu
// registries expect.
package release

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func goreleaser(t *testing.T) string {
	t.Helper()
	g := os.Getenv("MYACCOUNT_GORELEASER")
	if g == "" {
		t.Skip("MYACCOUNT_GORELEASER is not set: run `eval \"$(bash hack/tools.sh env)\"` after `bash hack/tools.sh goreleaser`")
	}
	return g
}

func TestRegistryManifest(t *testing.T) {
	b, err := os.ReadFile("../../terraform-registry-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Version != 1 || len(m.Metadata.ProtocolVersions) != 1 || m.Metadata.ProtocolVersions[0] != "6.0" {
		t.Errorf("terraform-registry-manifest.json: %+v %v", m, err)
	}
}

// TestGoreleaserSnapshotForOneTarget runs `goreleaser check`, then a
// snapshot release for this machine's platform only (every platform is the
// release job's business), and checks the files the registry wants.
func TestGoreleaserSnapshotForOneTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider")
	}
	g := goreleaser(t)
	root, _ := filepath.Abs("../..")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(g, args...)
		cmd.Dir = root
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("goreleaser %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		return out.String()
	}
	run("check")

	// The same configuration, narrowed to one target and a temporary dist.
	cfg, err := os.ReadFile(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dist := t.TempDir()
	one := regexp.MustCompile(`(?m)^    goos: .*\n    goarch: .*\n    ignore:\n(      - .*\n)+`).ReplaceAllString(string(cfg),
		"    goos: ["+runtime.GOOS+"]\n    goarch: ["+runtime.GOARCH+"]\n")
	if one == string(cfg) {
		t.Fatal("could not narrow .goreleaser.yml to one target: its goos/goarch/ignore block changed shape")
	}
	one = "dist: " + dist + "\n" + one
	narrowed := filepath.Join(t.TempDir(), "goreleaser.yml")
	if err := os.WriteFile(narrowed, []byte(one), 0o644); err != nil {
		t.Fatal(err)
	}
	run("release", "--snapshot", "--clean", "--skip=sign,publish", "--config", narrowed)

	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	version := `[0-9]+\.[0-9]+\.[0-9]+[^_]*`
	for _, want := range []string{
		`^terraform-provider-myaccount_` + version + `_` + runtime.GOOS + `_` + runtime.GOARCH + `\.zip$`,
		`^terraform-provider-myaccount_` + version + `_SHA256SUMS$`,
	} {
		re := regexp.MustCompile(want)
		found := false
		for _, n := range names {
			found = found || re.MatchString(n)
		}
		if !found {
			t.Errorf("no file matching %s in %v", want, names)
		}
	}
	// The checksums cover the zip and the registry manifest (which the
	// release uploads as terraform-provider-myaccount_{version}_manifest.json).
	sums, _ := filepath.Glob(filepath.Join(dist, "*_SHA256SUMS"))
	if len(sums) == 1 {
		b, _ := os.ReadFile(sums[0])
		if !regexp.MustCompile(`_manifest\.json\n`).Match(b) || !regexp.MustCompile(`_`+runtime.GOOS+`_`+runtime.GOARCH+`\.zip\n`).Match(b) {
			t.Errorf("SHA256SUMS lacks the zip or the manifest:\n%s", b)
		}
	}
}

package ociimage

import (
	"archive/tar"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// TestImageTarball builds the static binary with a stamped version, the
// image from it, saves the tarball and reads it back as `docker load` would:
// non-root user, entrypoint, labels with the version and the source, and
// /myaccount executable in the only layer.
func TestImageTarball(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "myaccount")
	// The release (make image) builds with CGO_ENABLED=0 -trimpath; the test
	// keeps the default flags so that it reuses the build cache.
	build := exec.Command("go", "build", "-ldflags", "-X github.com/tenantcfg/myaccount/internal/cli.Version=v9.8.7", "-o", bin, "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	img, err := Build(Options{Binary: bin, Version: "v9.8.7", Arch: runtime.GOARCH})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "image.tar")
	if err := Write(path, "ghcr.io/tenantcfg/myaccount:v9.8.7", img); err != nil {
		t.Fatal(err)
	}

	tag, _ := name.NewTag("ghcr.io/tenantcfg/myaccount:v9.8.7")
	got, err := tarball.ImageFromPath(path, &tag)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := got.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Config
	if c.User != "65532:65532" || strings.HasPrefix(c.User, "0") || c.User == "" {
		t.Errorf("user %q, want 65532:65532 (non-root)", c.User)
	}
	if !slices.Equal(c.Entrypoint, []string{"/myaccount"}) || !slices.Equal(c.Cmd, []string{"operator"}) {
		t.Errorf("entrypoint %v cmd %v", c.Entrypoint, c.Cmd)
	}
	if c.Labels["org.opencontainers.image.version"] != "v9.8.7" || c.Labels["org.opencontainers.image.source"] != Source {
		t.Errorf("labels %v", c.Labels)
	}
	if cf.OS != "linux" || cf.Architecture != runtime.GOARCH {
		t.Errorf("platform %s/%s", cf.OS, cf.Architecture)
	}
	layers, err := got.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("layers %d %v", len(layers), err)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	h, err := tr.Next()
	if err != nil || h.Name != "myaccount" || h.Mode&0o111 == 0 {
		t.Fatalf("layer entry %+v %v", h, err)
	}
	if _, err := tr.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("the layer holds more than /myaccount: %v", err)
	}
	// The stamped version is in the binary the image runs.
	if runtime.GOOS == "linux" {
		out, err := exec.Command(bin, "version").Output()
		if err != nil || !strings.Contains(string(out), "myaccount v9.8.7") {
			t.Errorf("myaccount version: %q %v", out, err)
		}
	}
}

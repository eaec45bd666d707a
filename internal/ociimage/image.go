// Package ociimage builds the operator's OCI image from a static myaccount
// binary, without a Docker engine or a registry: one layer holding
// /myaccount on an empty base, run as non-root, saved as a tarball that
// `docker load`, `podman load`, `crane push` and kind/k3d image import read.
package ociimage

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Source is the image's org.opencontainers.image.source label.
const Source = "https://github.com/tenantcfg/myaccount"

// NonRoot is the user the image runs as (distroless's nonroot).
const NonRoot = "65532:65532"

// Options describe the image.
type Options struct {
	Binary  string    // a static (CGO_ENABLED=0) linux myaccount binary
	Version string    // org.opencontainers.image.version
	Arch    string    // GOARCH of Binary, such as amd64
	Created time.Time // image creation time; zero means the Unix epoch (reproducible)
}

// Build returns the image.
func Build(o Options) (v1.Image, error) {
	bin, err := os.ReadFile(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("reading the binary: %w", err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.WriteHeader(&tar.Header{Name: "myaccount", Mode: 0o755, Size: int64(len(bin)), Typeflag: tar.TypeReg, ModTime: o.Created}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(bin); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(buf.Bytes())), nil }, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, err
	}
	img, err := mutate.AppendLayers(mutate.MediaType(empty.Image, types.OCIManifestSchema1), layer)
	if err != nil {
		return nil, err
	}
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", o.Arch
	cf.Created = v1.Time{Time: o.Created}
	cf.Config.User = NonRoot
	cf.Config.Entrypoint = []string{"/myaccount"}
	cf.Config.Cmd = []string{"operator"}
	cf.Config.Labels = map[string]string{
		"org.opencontainers.image.title":   "myaccount",
		"org.opencontainers.image.version": o.Version,
		"org.opencontainers.image.source":  Source,
	}
	return mutate.ConfigFile(img, cf)
}

// Write saves img as a tarball tagged ref (such as
// ghcr.io/tenantcfg/myaccount:v1.2.3).
func Write(path, ref string, img v1.Image) error {
	tag, err := name.NewTag(ref)
	if err != nil {
		return fmt.Errorf("image reference %q: %w", ref, err)
	}
	return tarball.WriteToFile(path, tag, img)
}

// Command testcluster runs a real kube-apiserver and etcd (the ones `make
// tools` builds, found through KUBEBUILDER_ASSETS) and writes a kubeconfig,
// so the operator and kubectl can be tried without a cluster. It runs until
// interrupted.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

func main() {
	// controller-runtime already registers -kubeconfig.
	out := flag.String("out", "kubeconfig", "where to write the kubeconfig")
	flag.Parse()
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		fmt.Fprintln(os.Stderr, `testcluster: KUBEBUILDER_ASSETS is not set: run make tools, then eval "$(bash hack/tools.sh env)"`)
		os.Exit(1)
	}
	env := &envtest.Environment{}
	cfg, err := env.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testcluster: starting kube-apiserver and etcd:", err)
		os.Exit(1)
	}
	defer env.Stop() //nolint:errcheck // best effort on the way out

	user, err := env.ControlPlane.AddUser(envtest.User{Name: "admin", Groups: []string{"system:masters"}}, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testcluster: creating an admin user:", err)
		os.Exit(1)
	}
	data, err := user.KubeConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testcluster: writing the kubeconfig:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "testcluster:", err)
		os.Exit(1)
	}
	fmt.Printf("kube-apiserver at %s\nexport KUBECONFIG=%s\n", cfg.Host, *out)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}

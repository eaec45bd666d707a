package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/tenantcfg/myaccount/operator"
)

func runOperator(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "operator", "operator [--metrics-addr ADDR] [--probe-addr ADDR] [--leader-elect] [--namespace NS]...\n\n"+
		"Runs the Kubernetes operator for MyAccountConfig objects until interrupted. The cluster comes\n"+
		"from KUBECONFIG, the in-cluster configuration or ~/.kube/config; each object's credentials\n"+
		"from the Secret named by spec.credentialsSecretRef.")
	metrics := fs.String("metrics-addr", ":8080", "Prometheus metrics listen `address`; 0 disables")
	probe := fs.String("probe-addr", ":8081", "/healthz and /readyz listen `address`; 0 disables")
	pprofAddr := fs.String("pprof-addr", "0", "net/http/pprof listen `address` (heap, CPU and block profiles); 0 disables")
	leader := fs.Bool("leader-elect", false, "elect a leader so only one replica reconciles")
	leaderNS := fs.String("leader-election-namespace", "", "`namespace` of the leader-election Lease (required outside a cluster)")
	var namespaces stringList
	fs.Var(&namespaces, "namespace", "watch only this `namespace` (repeatable or comma-separated); default all")
	workers := fs.Int("max-concurrent-reconciles", 0, "workers reconciling at once; 0 means 64 (they mostly wait on tenants' rate limiters)")
	tenantRate := fs.Float64("tenant-rate", 0, "cap on Management API requests per second per tenant, besides the pacing its rate-limit headers ask for; 0: no cap")
	tenantBurst := fs.Int("tenant-burst", 10, "requests a tenant may get at once under --tenant-rate")
	memoryLimit := fs.String("memory-limit", resource.NewQuantity(operator.DefaultMemoryLimit, resource.BinarySI).String(),
		"soft memory `limit` of the Go runtime (heap and stacks, not the binary), such as 32Mi: it collects garbage more often near it; 0: none; GOMEMLIMIT, when set, wins")
	logLevel := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(env.Stderr, "Error: --log-level %q: use debug, info, warn or error\n", *logLevel)
		return ExitUsage
	}
	limit, err := resource.ParseQuantity(*memoryLimit)
	if err != nil {
		fmt.Fprintf(env.Stderr, "Error: --memory-limit %q: use a size such as 32Mi, or 0\n", *memoryLimit)
		return ExitUsage
	}
	var ns []string
	for _, n := range namespaces {
		for _, p := range strings.Split(n, ",") {
			if p = strings.TrimSpace(p); p != "" {
				ns = append(ns, p)
			}
		}
	}
	err = operator.Run(ctx, operator.Options{
		MetricsAddr: *metrics, ProbeAddr: *probe, PprofAddr: *pprofAddr,
		LeaderElection: *leader, LeaderElectionNamespace: *leaderNS,
		WatchNamespaces: ns, RootCAs: env.RootCAs, MaxConcurrentReconciles: *workers,
		TenantRate: *tenantRate, TenantBurst: *tenantBurst, MemoryLimit: limit.Value(),
		Logger: slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level})),
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(env.Stderr, "Error: %v\n", err)
		return ExitError
	}
	return ExitOK
}

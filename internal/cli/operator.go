package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/tenantcfg/myaccount/operator"
)

func runOperator(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "operator", "operator [--metrics-addr ADDR] [--probe-addr ADDR] [--leader-elect] [--namespace NS]...\n\n"+
		"Runs the Kubernetes operator for MyAccountConfig objects until interrupted. The cluster comes\n"+
		"from KUBECONFIG, the in-cluster configuration or ~/.kube/config; each object's credentials\n"+
		"from the Secret named by spec.credentialsSecretRef.")
	metrics := fs.String("metrics-addr", ":8080", "Prometheus metrics listen `address`; 0 disables")
	probe := fs.String("probe-addr", ":8081", "/healthz and /readyz listen `address`; 0 disables")
	leader := fs.Bool("leader-elect", false, "elect a leader so only one replica reconciles")
	leaderNS := fs.String("leader-election-namespace", "", "`namespace` of the leader-election Lease (required outside a cluster)")
	var namespaces stringList
	fs.Var(&namespaces, "namespace", "watch only this `namespace` (repeatable or comma-separated); default all")
	workers := fs.Int("max-concurrent-reconciles", 0, "workers reconciling at once; 0 means 64 (they mostly wait on tenants' rate limiters)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	var ns []string
	for _, n := range namespaces {
		for _, p := range strings.Split(n, ",") {
			if p = strings.TrimSpace(p); p != "" {
				ns = append(ns, p)
			}
		}
	}
	err := operator.Run(ctx, operator.Options{
		MetricsAddr: *metrics, ProbeAddr: *probe,
		LeaderElection: *leader, LeaderElectionNamespace: *leaderNS,
		WatchNamespaces: ns, RootCAs: env.RootCAs, MaxConcurrentReconciles: *workers,
		Logger: slog.New(slog.NewTextHandler(env.Stderr, nil)),
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(env.Stderr, "Error: %v\n", err)
		return ExitError
	}
	return ExitOK
}

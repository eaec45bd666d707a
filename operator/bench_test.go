package operator

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// BenchmarkConverge200Objects10Tenants creates 200 MyAccountConfigs spread
// over 10 emulated tenants, each limited to 10 Management API requests per
// second (burst 10), and measures how long the operator takes to make all
// of them Ready, and how many Management API requests it made, against the
// lower bound the rate limit sets: each object needs at least 3 requests
// (read the API, read its client, patch its client) and each tenant one more
// to activate the API, so a tenant needs 20*3+1 = 61 requests, of which 10
// ride the burst: (61-10)/10 = 5.1 s.
//
//	go test ./operator -run '^$' -bench Converge200 -benchtime 1x
func BenchmarkConverge200Objects10Tenants(b *testing.B) {
	requireEnv(b)
	const (
		tenants       = 10
		perTenant     = 20
		rate          = 10.0
		burst         = 10
		minPerObject  = 3
		minPerTenant  = 1
		workers       = 0 // the default
		convergeLimit = 5 * time.Minute
	)
	for range b.N {
		b.StopTimer()
		sims := make([]*auth0sim.Server, tenants)
		for i := range sims {
			s, err := auth0sim.Start(auth0sim.Options{RateLimit: rate, Burst: burst})
			if err != nil {
				b.Fatal(err)
			}
			sims[i] = s
		}
		ns := fmt.Sprintf("bench-%d", nsCounter.Add(1))
		ctx, cancel := context.WithCancel(context.Background())
		if err := k8s.Create(ctx, (&corev1Namespace{name: ns}).obj()); err != nil {
			b.Fatal(err)
		}
		for i, s := range sims {
			if err := k8s.Create(ctx, (&corev1Secret{name: fmt.Sprintf("tenant-%d", i), ns: ns, id: s.ManagementClientID(), secret: s.ManagementClientSecret()}).obj()); err != nil {
				b.Fatal(err)
			}
			for j := range perTenant {
				s.SeedClient(auth0sim.Client{ClientID: fmt.Sprintf("client-%02d", j), Name: "app"})
			}
		}
		startOperator(b, ctx, Options{RootCAs: poolOf(sims...), MaxConcurrentReconciles: workers}, ns)

		limited0 := make([]float64, len(sims))
		for i, s := range sims {
			limited0[i] = counterValue(DefaultMetrics().RateLimited.WithLabelValues(s.Domain()))
		}
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		for i, s := range sims {
			for j := range perTenant {
				wg.Add(1)
				go func() {
					defer wg.Done()
					o := &v1.MyAccountConfig{
						ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("t%d-c%02d", i, j), Namespace: ns},
						Spec: v1.MyAccountConfigSpec{
							Domain:               s.Domain(),
							CredentialsSecretRef: &v1.SecretReference{Name: fmt.Sprintf("tenant-%d", i)},
							Applications: []v1.ApplicationSpec{{ClientID: fmt.Sprintf("client-%02d", j),
								AllowedOrigins: origins(fmt.Sprintf("https://app%02d.tenant%d.example.com", j, i))}},
						},
					}
					if err := k8s.Create(ctx, o); err != nil {
						b.Error(err)
					}
				}()
			}
		}
		wg.Wait()
		for {
			var list v1.MyAccountConfigList
			if err := k8s.List(ctx, &list, client.InNamespace(ns)); err != nil {
				b.Fatal(err)
			}
			ready := 0
			for _, o := range list.Items {
				if c := meta.FindStatusCondition(o.Status.Conditions, v1.ConditionReady); c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == o.Generation {
					ready++
				}
			}
			if ready == tenants*perTenant {
				break
			}
			if time.Since(start) > convergeLimit {
				b.Fatalf("only %d/%d Ready after %s", ready, tenants*perTenant, convergeLimit)
			}
			time.Sleep(50 * time.Millisecond)
		}
		elapsed := time.Since(start)
		b.StopTimer()

		total, tokens, limited := 0, 0, 0.0
		for i, s := range sims {
			total += s.Total()
			tokens += s.TokenRequests()
			limited += counterValue(DefaultMetrics().RateLimited.WithLabelValues(s.Domain())) - limited0[i]
		}
		minReqs := perTenant*minPerObject + minPerTenant
		lowerBound := time.Duration(float64(minReqs-burst) / rate * float64(time.Second))
		b.ReportMetric(elapsed.Seconds(), "s-to-converge")
		b.ReportMetric(lowerBound.Seconds(), "s-lower-bound")
		b.ReportMetric(float64(total), "mgmt-requests")
		b.ReportMetric(float64(tenants*minReqs), "mgmt-requests-min")
		b.ReportMetric(float64(tokens), "token-requests")
		b.ReportMetric(limited, "429s")
		b.Logf("200 objects on 10 tenants at %.0f rps: Ready in %s (lower bound %s), %d Management API requests (minimum %d), %d token requests, %.0f 429s, per-tenant counts of tenant 0: %v",
			rate, elapsed.Round(time.Millisecond), lowerBound, total, tenants*minReqs, tokens, limited, sims[0].Counts())
		cancel()
		for _, s := range sims {
			_ = s.Close()
		}
	}
}

func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return 0
	}
	return m.GetCounter().GetValue()
}

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// BenchmarkVerify reports what the chain check costs on top of a plan (what
// `myaccount verify` runs, and what spec.verify adds to an operator
// resync): Management API requests and CORS preflights, counted by the
// emulator, for 1, 10 and 100 single-page apps with two origins each, on a
// tenant where every link passes.
//
//	go test ./test/e2e -run '^$' -bench BenchmarkVerify -benchtime 5x
func BenchmarkVerify(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, chain := range []bool{false, true} {
			name := fmt.Sprintf("plan/apps=%d", n)
			if chain {
				name = fmt.Sprintf("verify/apps=%d", n)
			}
			b.Run(name, func(b *testing.B) { benchVerify(b, n, chain) })
		}
	}
}

func benchVerify(b *testing.B, n int, chain bool) {
	srv, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	for i := range n {
		id := fmt.Sprintf("bench_app_%03d", i)
		origins := []string{fmt.Sprintf("https://app%d.example.com", i), fmt.Sprintf("https://admin%d.example.com", i)}
		srv.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa"})
		d.Applications = append(d.Applications, reconciler.Application{
			ClientID: id, AllowedOrigins: origins, WebOrigins: origins,
			CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true},
			UserAccess:                &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
		})
	}
	ctx := context.Background()
	client := simClient(b, srv)
	eng := &reconciler.Engine{Management: client.Management}
	if _, err := eng.Apply(ctx, d, reconciler.State{}); err != nil {
		b.Fatal(err)
	}
	if chain {
		eng.Chain = &reconciler.ChainOptions{HTTP: client.TenantHTTP}
	}
	srv.ResetCounts()
	preflights := srv.Preflights()
	b.ResetTimer()
	for range b.N {
		res, err := eng.Plan(ctx, d, reconciler.State{})
		if err != nil {
			b.Fatal(err)
		}
		if chain && !res.Chain.Pass() {
			b.Fatalf("chain fails: %+v", res.Chain.Failures())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(srv.Total())/float64(b.N), "requests/op")
	b.ReportMetric(float64(srv.Preflights()-preflights)/float64(b.N), "preflights/op")
}

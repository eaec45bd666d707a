package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// BenchmarkReconcile reports the Management API requests (counted by the
// emulator) of one reconcile (Engine.Apply, what `myaccount apply` and the
// operator run) for 1, 10 and 100 applications:
//
//   - in-sync: the tenant already matches; this is the cost of every
//     resync and of `drift`.
//   - drifted: before each reconcile every application was edited out of
//     band (one managed origin removed, cross-origin authentication off).
//
// Each application has a managed origin in Merge mode (next to a foreign one),
// cross-origin authentication with a verification location, and a user grant.
// The token is fetched once and cached, so tokens/op is ~0.
//
//	go test ./test/e2e -run '^$' -bench BenchmarkReconcile -benchtime 20x
func BenchmarkReconcile(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, drifted := range []bool{false, true} {
			name := fmt.Sprintf("in-sync/apps=%d", n)
			if drifted {
				name = fmt.Sprintf("drifted/apps=%d", n)
			}
			b.Run(name, func(b *testing.B) { benchReconcile(b, n, drifted) })
		}
	}
}

func benchReconcile(b *testing.B, n int, drifted bool) {
	srv, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	srv.SetMFAPolicies([]string{"all-applications"})
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}}
	for i := range n {
		id := fmt.Sprintf("bench_app_%03d", i)
		srv.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa", AllowedOrigins: []string{"https://foreign.example.com"}})
		d.Applications = append(d.Applications, reconciler.Application{
			ClientID:                  id,
			AllowedOrigins:            []string{fmt.Sprintf("https://app%d.example.com", i)},
			OriginsMode:               reconciler.OriginsMerge,
			CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true, VerificationLocation: fmt.Sprintf("https://app%d.example.com/cross-auth.html", i)},
			UserAccess:                &reconciler.UserAccess{Scopes: []string{"read:me:authentication_methods"}},
		})
	}
	ctx := context.Background()
	client := simClient(b, srv)
	eng := &reconciler.Engine{Management: client.Management}
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		b.Fatal(err)
	}
	state := res.State

	drift := func() {
		for i, app := range d.Applications {
			if err := srv.EditClient(app.ClientID, func(c *auth0sim.Client) {
				c.AllowedOrigins = slices.DeleteFunc(c.AllowedOrigins, func(o string) bool { return o == d.Applications[i].AllowedOrigins[0] })
				c.CrossOriginAuthentication = false
			}); err != nil {
				b.Fatal(err)
			}
		}
	}

	srv.ResetCounts()
	b.ResetTimer()
	for range b.N {
		if drifted {
			b.StopTimer()
			drift()
			b.StartTimer()
		}
		res, err := eng.Apply(ctx, d, state)
		if err != nil {
			b.Fatal(err)
		}
		if got, want := len(res.Changes), 0; drifted {
			if got != 2*n {
				b.Fatalf("drifted reconcile made %d changes, want %d", got, 2*n)
			}
		} else if got != want {
			b.Fatalf("in-sync reconcile made %d changes: %v", got, res.Changes)
		}
		state = res.State
	}
	b.StopTimer()
	b.ReportMetric(float64(srv.Total())/float64(b.N), "requests/op")
	b.ReportMetric(float64(srv.Writes())/float64(b.N), "writes/op")
	b.ReportMetric(float64(srv.TokenRequests())/float64(b.N), "tokens/op")
}

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
)

// BenchmarkApplyFreePlan runs `myaccount apply` of 10 applications (origins,
// cross-origin authentication and a user grant each) against the emulator's
// free plan (burst 2, 2 requests a second), and reports its requests, its
// wall time and that time as a share of the floor the limit sets,
// (requests served - burst) / rate: 100% is as fast as the limit allows.
//
//	go test ./test/e2e -run '^$' -bench ApplyFreePlan -benchtime 1x
func BenchmarkApplyFreePlan(b *testing.B) {
	free, _ := auth0sim.PlanNamed("free")
	for range b.N {
		h := newHarnessOpts(b, auth0sim.Options{RateLimit: free.RateLimit, Burst: free.Burst})
		var apps strings.Builder
		for i := range 10 {
			id := fmt.Sprintf("free_app_%02d", i)
			h.srv.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa"})
			fmt.Fprintf(&apps, `
    - clientId: %s
      allowedOrigins: ["https://app%d.example.com"]
      crossOriginAuthentication: {enabled: true, verificationLocation: "https://app%d.example.com/cross-auth.html"}
      userAccess: {scopes: [read:me:authentication_methods]}`, id, i, i)
		}
		f := h.manifest("free.yaml", `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: free}
spec:
  domain: DOMAIN
  api: {enabled: true}
  applications:`+apps.String()+"\n")
		h.srv.ResetCounts()
		start := time.Now()
		h.run("apply", "-f", f).mustCode(b, cli.ExitOK)
		wall := time.Since(start)
		served := h.srv.Total() - h.srv.RateLimited()
		floor := time.Duration(float64(max(served-free.Burst, 0)) / free.RateLimit * float64(time.Second))
		b.ReportMetric(float64(h.srv.Total()), "requests")
		b.ReportMetric(float64(h.srv.RateLimited()), "429s")
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(wall.Seconds()/floor.Seconds()*100, "wall-%-of-floor")
		b.Logf("10 apps on the free plan: %d requests (%d writes, %d 429s), wall %s = %.0f%% of the %s floor",
			h.srv.Total(), h.srv.Writes(), h.srv.RateLimited(), wall.Round(10*time.Millisecond), wall.Seconds()/floor.Seconds()*100, floor.Round(10*time.Millisecond))
	}
}

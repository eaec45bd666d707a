package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// requiredProvider points a configuration at this provider (dev_overrides
// then serves the local build).
const requiredProvider = `terraform {
  required_providers {
    myaccount = { source = "tenantcfg/myaccount" }
  }
}
`

// BenchmarkTerraformRequests counts the Management API requests of a real
// `terraform apply` and of an in-sync `terraform plan` for 1, 10 and 100
// applications, each with allowed origins, web origins, cross-origin
// authentication and user access (4 resources per application, plus
// myaccount_api), at Terraform's default -parallelism=10 and at 1; and
// (layout=application) with the three client settings in one
// myaccount_application (2 resources per application). The
// emulator counts the requests, read over HTTP from GET /__sim/requests as
// any user of `myaccount sim` would; token requests are not included. It
// also reports the apply's wall time (a figure, never an assertion).
//
//	go test ./provider -run '^$' -bench TerraformRequests -benchtime 1x
//	go test ./provider -run '^$' -bench 'TerraformRequests/.*application' -benchtime 1x
//
// It fails when an in-sync plan costs more than N+2 requests (one read per
// client, one of the API, one grant list) or makes a write.
func BenchmarkTerraformRequests(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, parallelism := range []int{10, 1} {
			for _, from := range []string{"literal", "resource"} {
				b.Run(fmt.Sprintf("apps=%d/parallelism=%d/client_id=%s", n, parallelism, from), func(b *testing.B) {
					for range b.N {
						benchTerraformApply(b, n, parallelism, from == "resource", settingResourcesHCL)
					}
				})
			}
		}
	}
	// One myaccount_application per application holds its three client
	// settings, so each client is written once whatever order Terraform
	// walks in: 2 resources per application.
	for _, n := range []int{1, 10, 100} {
		for _, parallelism := range []int{10, 1} {
			for _, from := range []string{"literal", "resource"} {
				b.Run(fmt.Sprintf("layout=application/apps=%d/parallelism=%d/client_id=%s", n, parallelism, from), func(b *testing.B) {
					for range b.N {
						benchTerraformApply(b, n, parallelism, from == "resource", applicationHCL)
					}
				})
			}
		}
	}
}

// settingResourcesHCL is application i (client_id ref) as one resource per
// setting.
func settingResourcesHCL(i int, ref string) string {
	return fmt.Sprintf(`
resource "myaccount_allowed_origins" "a%[1]d" {
  client_id = %[2]s
  origins   = ["https://app%[1]d.example.com"]
}
resource "myaccount_web_origins" "a%[1]d" {
  client_id = %[2]s
  origins   = ["https://app%[1]d.example.com"]
}
resource "myaccount_cross_origin_auth" "a%[1]d" {
  client_id = %[2]s
  enabled   = true
}
`, i, ref) + userAccessHCL(i, ref)
}

// applicationHCL is application i as one myaccount_application.
func applicationHCL(i int, ref string) string {
	return fmt.Sprintf(`
resource "myaccount_application" "a%[1]d" {
  client_id         = %[2]s
  allowed_origins   = { origins = ["https://app%[1]d.example.com"] }
  web_origins       = { origins = ["https://app%[1]d.example.com"] }
  cross_origin_auth = { enabled = true }
}
`, i, ref) + userAccessHCL(i, ref)
}

func userAccessHCL(i int, ref string) string {
	return fmt.Sprintf(`resource "myaccount_user_access" "a%[1]d" {
  client_id = %[2]s
  audience  = myaccount_api.this.audience
  scopes    = ["read:me:authentication_methods"]
}
`, i, ref)
}

// benchTerraformApply applies n applications; with fromResource, each
// application's client_id comes from a resource created in the same apply
// (terraform_data standing for auth0_client, its create taking 200 ms as a
// request to Auth0 would), so Terraform starts an application's resources
// together, once that resource is created.
func benchTerraformApply(b *testing.B, n, parallelism int, fromResource bool, appHCL func(i int, ref string) string) {
	s, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var hcl strings.Builder
	hcl.WriteString(requiredProvider + "resource \"myaccount_api\" \"this\" {}\n")
	for i := range n {
		id := fmt.Sprintf("app_%03d", i)
		s.SeedClient(auth0sim.Client{ClientID: id, Name: id, AppType: "spa", AllowedOrigins: []string{"https://legacy.example.com"}})
		ref := fmt.Sprintf("%q", id)
		if fromResource {
			// Creating a client takes a round trip to Auth0: a short sleep.
			fmt.Fprintf(&hcl, "resource \"terraform_data\" \"a%d\" {\n  input = %q\n  provisioner \"local-exec\" {\n    command = \"sleep 0.2\"\n  }\n}\n", i, id)
			ref = fmt.Sprintf("terraform_data.a%d.output", i)
		}
		hcl.WriteString(appHCL(i, ref))
	}
	tf := terraformWorkspace(b, s, hcl.String())
	simRequests(b, s, http.MethodDelete)
	start := time.Now()
	if out, code := tf("apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)); code != 0 {
		b.Fatalf("terraform apply exited %d:\n%s", code, out)
	}
	took := time.Since(start)
	applied := simRequests(b, s, http.MethodGet)
	simRequests(b, s, http.MethodDelete)
	if out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
		b.Fatalf("in-sync plan exited %d:\n%s", code, out)
	}
	planned := simRequests(b, s, http.MethodGet)
	b.ReportMetric(float64(applied.Total), "apply-requests")
	b.ReportMetric(float64(applied.Writes), "apply-writes")
	b.ReportMetric(took.Seconds(), "apply-s")
	b.ReportMetric(float64(planned.Total), "plan-requests")
	b.Logf("%d apps, -parallelism=%d: first apply %d requests (%d writes, %d reads) in %.1f s; in-sync plan %d requests (%d writes)",
		n, parallelism, applied.Total, applied.Writes, applied.Total-applied.Writes, took.Seconds(), planned.Total, planned.Writes)
	if planned.Writes != 0 || planned.Total > n+2 {
		b.Errorf("in-sync plan: %d requests, %d writes; want at most %d and no writes", planned.Total, planned.Writes, n+2)
	}
}

// simRequests reads (GET) or resets (DELETE) the emulator's request counters
// through /__sim/requests.
func simRequests(tb testing.TB, s *auth0sim.Server, method string) auth0sim.RequestCounts {
	tb.Helper()
	req, err := http.NewRequest(method, s.URL()+"/__sim/requests", nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var rc auth0sim.RequestCounts
	if method == http.MethodGet {
		if err := json.NewDecoder(resp.Body).Decode(&rc); err != nil {
			tb.Fatal(err)
		}
	}
	if resp.StatusCode/100 != 2 {
		tb.Fatalf("%s /__sim/requests: %s", method, resp.Status)
	}
	return rc
}

// BenchmarkTerraformPlanLongOriginList times a real in-sync `terraform
// plan` of one myaccount_allowed_origins resource holding n origins: the
// provider's checks are linear in the list (stringSetType).
//
//	go test ./provider -run '^$' -bench TerraformPlanLongOriginList -benchtime 1x
func BenchmarkTerraformPlanLongOriginList(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprintf("origins=%d", n), func(b *testing.B) {
			s, err := auth0sim.Start(auth0sim.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.SeedClient(auth0sim.Client{ClientID: "spa", Name: "spa", AppType: "spa"})
			var list strings.Builder
			for i := range n {
				fmt.Fprintf(&list, "    \"https://app%d.example.com\",\n", i)
			}
			tf := terraformWorkspace(b, s, requiredProvider+"resource \"myaccount_allowed_origins\" \"spa\" {\n  client_id = \"spa\"\n  origins = [\n"+list.String()+"  ]\n}\n")
			if out, code := tf("apply", "-auto-approve", "-input=false", "-no-color"); code != 0 {
				b.Fatalf("terraform apply exited %d:\n%s", code, out)
			}
			b.ResetTimer()
			for range b.N {
				if out, code := tf("plan", "-detailed-exitcode", "-input=false", "-no-color"); code != 0 {
					b.Fatalf("in-sync plan exited %d:\n%s", code, out)
				}
			}
		})
	}
}

package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// sim is the emulated tenant every test in this package runs against.
var sim *auth0sim.Server

// protoV6 serves the provider in-process to the real Terraform CLI.
var protoV6 = map[string]func() (tfprotov6.ProviderServer, error){
	"myaccount": providerserver.NewProtocol6WithError(New("test")()),
}

// terraformPath is the Terraform CLI the acceptance tests run (hack/tools.sh).
func terraformPath() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	cache := os.Getenv("MYACCOUNT_TOOLS_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "myaccount-tools")
	}
	return filepath.Join(cache, "terraform-1.5.7", "terraform")
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	// Acceptance tests run by default: against the emulator they are fast and hermetic.
	if os.Getenv("TF_ACC") == "" {
		os.Setenv("TF_ACC", "1")
	}
	tf := terraformPath()
	if _, err := os.Stat(tf); err != nil {
		fmt.Fprintf(os.Stderr, "provider tests need Terraform CLI 1.5.7 at %s (%v): run `make tools` (or set TF_ACC_TERRAFORM_PATH)\n", tf, err)
		return 1
	}
	os.Setenv("TF_ACC_TERRAFORM_PATH", tf)
	os.Setenv("CHECKPOINT_DISABLE", "1")

	s, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start the tenant emulator:", err)
		return 1
	}
	defer s.Close()
	sim = s
	dir, err := os.MkdirTemp("", "myaccount-provider-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ca := filepath.Join(dir, "ca.pem")
	if err := s.WriteCACert(ca); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// The provider uses the system roots, which honour SSL_CERT_FILE; set it
	// before anything in this process loads them.
	os.Setenv("SSL_CERT_FILE", ca)
	os.Setenv("AUTH0_DOMAIN", s.Domain())
	os.Setenv("AUTH0_CLIENT_ID", s.ManagementClientID())
	os.Setenv("AUTH0_CLIENT_SECRET", s.ManagementClientSecret())
	for _, k := range []string{"AUTH0_API_TOKEN", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY", "AUTH0_CLIENT_ASSERTION_SIGNING_ALG"} {
		os.Unsetenv(k)
	}
	return m.Run()
}

// seedClient adds an application to the emulator for one test.
func seedClient(t *testing.T, name string, origins ...string) string {
	t.Helper()
	id := fmt.Sprintf("%s_%s", name, randSuffix())
	sim.SeedClient(auth0sim.Client{ClientID: id, Name: name, AppType: "spa", AllowedOrigins: origins})
	// The tests share one tenant: left behind, clients would push it past
	// one page of the client list and change what later tests count.
	t.Cleanup(func() { _ = sim.DeleteClient(id) })
	return id
}

var suffix int

func randSuffix() string {
	suffix++
	return fmt.Sprintf("%d", suffix)
}

func audience() string { return reconciler.AudienceFor(sim.Domain()) }

// deactivateAPI removes the My Account API out of band between tests.
func deactivateAPI(t *testing.T) {
	t.Helper()
	if _, ok := sim.GetResourceServerByIdentifier(audience()); ok {
		if err := sim.DeleteResourceServer(audience()); err != nil {
			t.Fatalf("deactivate the My Account API: %v", err)
		}
	}
}

// clientOrigins reads a client's origins from the emulator, sorted.
func clientOrigins(id string) []string {
	c, _ := sim.GetClient(id)
	o := slices.Clone(c.AllowedOrigins)
	slices.Sort(o)
	return o
}

func expectOrigins(id string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		slices.Sort(want)
		if got := clientOrigins(id); !slices.Equal(got, want) {
			return fmt.Errorf("client %s allowed_origins = %v, want %v", id, got, want)
		}
		return nil
	}
}

// badInput runs a config that must stop at plan with an error matching re,
// and checks the emulator saw no write.
func badInput(t *testing.T, config string, re *regexp.Regexp) {
	t.Helper()
	before := sim.Writes()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps:                    []resource.TestStep{{Config: config, ExpectError: re}},
	})
	if w := sim.Writes() - before; w != 0 {
		t.Errorf("the emulator saw %d writes; bad input must stop before any write", w)
	}
}

func TestProviderMissingDomain(t *testing.T) {
	expectMissingSetting(t, "AUTH0_DOMAIN", "domain")
}

func TestProviderMissingSecret(t *testing.T) {
	expectMissingSetting(t, "AUTH0_CLIENT_SECRET", "client_secret")
}

// expectMissingSetting empties env and expects the error to name both the
// provider attribute and env.
func expectMissingSetting(t *testing.T, env, attribute string) {
	t.Setenv(env, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6,
		Steps: []resource.TestStep{{
			Config:      `data "myaccount_api" "x" {}`,
			ExpectError: regexp.MustCompile(`(?s)"` + attribute + `".*` + env),
		}},
	})
}

// expectDrift is the plan check of a drift step: addr is updated and attr is
// the one known attribute that changes, from the value the tenant now holds
// (before) back to the configured one (after). Sets compare without order.
func expectDrift(addr, attr string, before, after any) plancheck.PlanCheck {
	return driftCheck{addr: addr, attr: attr, before: before, after: after}
}

type driftCheck struct {
	addr, attr    string
	before, after any
}

func (c driftCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		if !rc.Change.Actions.Update() {
			resp.Error = fmt.Errorf("%s: planned %v, want update", c.addr, rc.Change.Actions)
			return
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		var changed []string
		for k, v := range after {
			if v != nil && !reflect.DeepEqual(planValue(v), planValue(before[k])) {
				changed = append(changed, k)
			}
		}
		if !slices.Equal(changed, []string{c.attr}) {
			resp.Error = fmt.Errorf("%s: attributes %v change, want only %s", c.addr, changed, c.attr)
			return
		}
		if got, want := planValue(before[c.attr]), planValue(c.before); !reflect.DeepEqual(got, want) {
			resp.Error = fmt.Errorf("%s: %s observed as %v, want %v", c.addr, c.attr, got, want)
		} else if got, want := planValue(after[c.attr]), planValue(c.after); !reflect.DeepEqual(got, want) {
			resp.Error = fmt.Errorf("%s: %s planned as %v, want %v", c.addr, c.attr, got, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", c.addr)
}

// planValue turns a plan value or a []string into a sorted []string (sets),
// and leaves other values as they are.
func planValue(v any) any {
	var out []string
	switch l := v.(type) {
	case []string:
		out = slices.Clone(l)
	case []any:
		for _, e := range l {
			out = append(out, fmt.Sprint(e))
		}
	default:
		return v
	}
	slices.Sort(out)
	return out
}

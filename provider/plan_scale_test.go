package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
)

// inProcess is the provider served in-process, called the way Terraform
// calls it, without Terraform: it times and profiles the provider's own
// share of a plan.
type inProcess struct {
	tb     testing.TB
	server tfprotov6.ProviderServer
	types  map[string]tftypes.Type // resource type name to its object type
}

// startInProcess serves and configures a fresh provider, as a new
// `terraform plan` does; the tenant is the one TestMain's environment names.
func startInProcess(ctx context.Context, tb testing.TB) *inProcess {
	tb.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		tb.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	p := &inProcess{tb: tb, server: server, types: map[string]tftypes.Type{}}
	for name, s := range schemas.ResourceSchemas {
		p.types[name] = s.ValueType()
	}
	providerType := schemas.Provider.ValueType()
	config := p.dynamic(providerType, tftypes.NewValue(providerType, nullAttributes(providerType)))
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: config})
	p.check("ConfigureProvider", err, resp.Diagnostics)
	return p
}

func nullAttributes(t tftypes.Type) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for name, at := range t.(tftypes.Object).AttributeTypes {
		out[name] = tftypes.NewValue(at, nil)
	}
	return out
}

func (p *inProcess) dynamic(t tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	p.tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(t, v)
	if err != nil {
		p.tb.Fatal(err)
	}
	return &dv
}

func (p *inProcess) check(call string, err error, diags []*tfprotov6.Diagnostic) {
	p.tb.Helper()
	if err != nil {
		p.tb.Fatalf("%s: %v", call, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			p.tb.Fatalf("%s: %s: %s", call, d.Summary, d.Detail)
		}
	}
}

// originsState is a myaccount_allowed_origins resource's state as
// Terraform holds it between runs: its JSON and its private state.
type originsState struct {
	json    []byte
	private []byte
}

// originsConfig is the configuration of one myaccount_allowed_origins.
func (p *inProcess) originsConfig(clientID string, origins []string) tftypes.Value {
	t := p.types["myaccount_allowed_origins"]
	attrs := nullAttributes(t)
	attrs["client_id"] = tftypes.NewValue(tftypes.String, clientID)
	attrs["origins"] = stringSetTF(origins)
	return tftypes.NewValue(t, attrs)
}

func stringSetTF(in []string) tftypes.Value {
	elems := make([]tftypes.Value, len(in))
	for i, s := range in {
		elems[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

// createOrigins plans and applies the resource from nothing.
func (p *inProcess) createOrigins(ctx context.Context, config tftypes.Value) originsState {
	t := p.types["myaccount_allowed_origins"]
	cfg := p.dynamic(t, config)
	null := p.dynamic(t, tftypes.NewValue(t, nil))
	plan, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "myaccount_allowed_origins", PriorState: null, ProposedNewState: cfg, Config: cfg,
	})
	p.check("PlanResourceChange (create)", err, plan.Diagnostics)
	applied, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "myaccount_allowed_origins", PriorState: null, PlannedState: plan.PlannedState, Config: cfg, PlannedPrivate: plan.PlannedPrivate,
	})
	p.check("ApplyResourceChange (create)", err, applied.Diagnostics)
	state, err := applied.NewState.Unmarshal(t)
	if err != nil {
		p.tb.Fatal(err)
	}
	return originsState{json: stateJSON(p.tb, state), private: applied.Private}
}

// stateJSON is an object of strings, bools and string sets as Terraform
// writes it in its state file.
func stateJSON(tb testing.TB, v tftypes.Value) []byte {
	tb.Helper()
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		tb.Fatal(err)
	}
	out := map[string]any{}
	for name, a := range attrs {
		switch {
		case a.IsNull():
			out[name] = nil
		case a.Type().Is(tftypes.Bool):
			var b bool
			_ = a.As(&b)
			out[name] = b
		case a.Type().Is(tftypes.String):
			var s string
			_ = a.As(&s)
			out[name] = s
		default:
			var elems []tftypes.Value
			if err := a.As(&elems); err != nil {
				tb.Fatal(err)
			}
			list := make([]string, len(elems))
			for i, e := range elems {
				_ = e.As(&list[i])
			}
			out[name] = list
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// planPhases are the provider's calls of an in-sync `terraform plan` of
// one resource, each timed.
type planPhases struct{ validate, upgrade, read, plan time.Duration }

func (d planPhases) total() time.Duration { return d.validate + d.upgrade + d.read + d.plan }

// planInSync makes the calls Terraform makes for a plan of one resource
// whose configuration matches its state: validate the configuration,
// upgrade and refresh the state, plan. It fails if the plan changes
// anything.
func (p *inProcess) planInSync(ctx context.Context, config tftypes.Value, prior originsState) planPhases {
	const name = "myaccount_allowed_origins"
	t := p.types[name]
	var took planPhases
	cfg := p.dynamic(t, config)

	start := time.Now()
	validated, err := p.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: name, Config: cfg})
	p.check("ValidateResourceConfig", err, validated.Diagnostics)
	took.validate = time.Since(start)

	start = time.Now()
	upgraded, err := p.server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: name, RawState: &tfprotov6.RawState{JSON: prior.json}})
	p.check("UpgradeResourceState", err, upgraded.Diagnostics)
	took.upgrade = time.Since(start)

	start = time.Now()
	read, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: name, CurrentState: upgraded.UpgradedState, Private: prior.private})
	p.check("ReadResource", err, read.Diagnostics)
	took.read = time.Since(start)

	refreshed, err := read.NewState.Unmarshal(t)
	if err != nil {
		p.tb.Fatal(err)
	}
	proposed := proposedNew(p.tb, refreshed, config)
	start = time.Now()
	planned, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: name, PriorState: read.NewState, ProposedNewState: p.dynamic(t, proposed), Config: cfg, PriorPrivate: read.Private,
	})
	p.check("PlanResourceChange", err, planned.Diagnostics)
	took.plan = time.Since(start)
	if len(planned.RequiresReplace) > 0 {
		p.tb.Fatalf("in-sync plan replaces the resource: %v", planned.RequiresReplace)
	}
	after, err := planned.PlannedState.Unmarshal(t)
	if err != nil {
		p.tb.Fatal(err)
	}
	if !sameValue(after, refreshed) {
		p.tb.Fatalf("in-sync plan changes the resource:\n%s\n%s", after, refreshed)
	}
	return took
}

// proposedNew is Terraform's proposed new state for an object of
// attributes: the configuration's value, the prior one for a computed
// attribute the configuration leaves null.
func proposedNew(tb testing.TB, prior, config tftypes.Value) tftypes.Value {
	var p, c map[string]tftypes.Value
	if err := prior.As(&p); err != nil {
		tb.Fatal(err)
	}
	if err := config.As(&c); err != nil {
		tb.Fatal(err)
	}
	out := map[string]tftypes.Value{}
	for name, v := range c {
		out[name] = v
		if v.IsNull() {
			out[name] = p[name]
		}
	}
	return tftypes.NewValue(config.Type(), out)
}

func manyOrigins(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://app%d.example.com", i)
	}
	return out
}

// BenchmarkPlanPathLongOriginList times the provider's calls of an in-sync
// `terraform plan` of one myaccount_allowed_origins holding n origins
// (validate, upgrade, refresh, plan), served in-process against the
// emulator without Terraform, and reports each call's share. Profile it
// with -cpuprofile; the cost should grow with n, not n².
//
//	go test ./provider -run '^$' -bench PlanPathLongOriginList -benchtime 3x
func BenchmarkPlanPathLongOriginList(b *testing.B) {
	for _, n := range []int{1000, 4000, 8000} {
		b.Run(fmt.Sprintf("origins=%d", n), func(b *testing.B) {
			ctx := context.Background()
			clientID := fmt.Sprintf("long_%d_%s", n, randSuffix())
			sim.SeedClient(auth0sim.Client{ClientID: clientID, Name: clientID, AppType: "spa"})
			config := startInProcess(ctx, b).originsConfig(clientID, manyOrigins(n))
			state := startInProcess(ctx, b).createOrigins(ctx, config)
			var sum planPhases
			b.ResetTimer()
			for range b.N {
				took := startInProcess(ctx, b).planInSync(ctx, config, state)
				sum.validate += took.validate
				sum.upgrade += took.upgrade
				sum.read += took.read
				sum.plan += took.plan
			}
			per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N) }
			b.ReportMetric(per(sum.total()), "plan-path-ms")
			b.Logf("%d origins: validate %.0f ms, upgrade %.0f ms, read %.0f ms, plan %.0f ms; total %.0f ms",
				n, per(sum.validate), per(sum.upgrade), per(sum.read), per(sum.plan), per(sum.total()))
		})
	}
}

// TestTerraformPlanScale times a real `terraform apply` and in-sync
// `terraform plan` of one myaccount_allowed_origins holding 1,000, 4,000
// and 8,000 origins (MYACCOUNT_SCALE_ORIGINS=n,n,... to choose), and how
// long Terraform takes to exit after a Ctrl-C in the middle of that plan
// (SIGINT to its process group, as a terminal sends it, a third of the way
// through). Figures only, never assertions; opt-in, as it takes minutes:
//
//	MYACCOUNT_SCALE_TEST=1 go test ./provider -run TerraformPlanScale -v -timeout 60m
func TestTerraformPlanScale(t *testing.T) {
	if os.Getenv("MYACCOUNT_SCALE_TEST") == "" {
		t.Skip("set MYACCOUNT_SCALE_TEST=1 to time terraform plan of long origin lists")
	}
	sizes := []int{1000, 4000, 8000}
	if list := os.Getenv("MYACCOUNT_SCALE_ORIGINS"); list != "" {
		sizes = nil
		for _, f := range strings.Split(list, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				t.Fatalf("MYACCOUNT_SCALE_ORIGINS=%q: %q is not a number; write counts such as 1000,4000", list, f)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		t.Run(fmt.Sprintf("origins=%d", n), func(t *testing.T) { timeTerraformPlan(t, n) })
	}
}

func timeTerraformPlan(t *testing.T, n int) {
	s, err := auth0sim.Start(auth0sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SeedClient(auth0sim.Client{ClientID: "spa", Name: "spa", AppType: "spa"})
	var list strings.Builder
	for _, o := range manyOrigins(n) {
		fmt.Fprintf(&list, "    %q,\n", o)
	}
	command := cliCommand(t, s, requiredProvider+"resource \"myaccount_allowed_origins\" \"spa\" {\n  client_id = \"spa\"\n  origins = [\n"+list.String()+"  ]\n}\n", terraformPath())
	run := func(args ...string) (time.Duration, int, string) {
		cmd := command(args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		took := time.Since(start)
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
		}
		return took, cmd.ProcessState.ExitCode(), out.String()
	}
	applied, code, out := run("apply", "-auto-approve", "-input=false", "-no-color")
	if code != 0 {
		t.Fatalf("terraform apply exited %d:\n%s", code, out)
	}
	planned, code, out := run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if code != 0 {
		t.Fatalf("in-sync plan exited %d:\n%s", code, out)
	}
	t.Logf("%d origins: apply %.1f s, in-sync plan %.1f s", n, applied.Seconds(), planned.Seconds())

	// Ctrl-C a third of the way through the plan.
	cmd := command("plan", "-input=false", "-no-color")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var interrupted bytes.Buffer
	cmd.Stdout, cmd.Stderr = &interrupted, &interrupted
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	after := max(planned/3, time.Second)
	select {
	case <-exited:
		t.Logf("%d origins: the plan ended before the Ctrl-C due %.1f s into it", n, after.Seconds())
		return
	case <-time.After(after):
	}
	signalled := time.Now()
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		t.Logf("%d origins: Ctrl-C %.1f s into the plan; terraform exited %.1f s later (exit code %d)",
			n, after.Seconds(), time.Since(signalled).Seconds(), cmd.ProcessState.ExitCode())
	case <-time.After(5 * time.Minute):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		t.Logf("%d origins: terraform still running 5 minutes after Ctrl-C; killed. Output:\n%s", n, interrupted.String())
	}
}

// all_origins and managed_origins were sets before they were lists; a state
// written then (JSON arrays in a set's order) plans nothing.
func TestOriginsStateWrittenWithSetsPlansNothing(t *testing.T) {
	ctx := context.Background()
	clientID := seedClient(t, "origins_sets")
	config := startInProcess(ctx, t).originsConfig(clientID, []string{"https://b.example.com", "https://a.example.com"})
	created := startInProcess(ctx, t).createOrigins(ctx, config)
	older, err := json.Marshal(map[string]any{
		"id": clientID, "client_id": clientID, "exclusive": false,
		"origins":         []string{"https://b.example.com", "https://a.example.com"},
		"all_origins":     []string{"https://b.example.com", "https://a.example.com"},
		"managed_origins": []string{"https://b.example.com", "https://a.example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	startInProcess(ctx, t).planInSync(ctx, config, originsState{json: older, private: created.private})
}

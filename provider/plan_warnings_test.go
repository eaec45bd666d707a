package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Terraform's test harness does not show warnings, so these tests call
// ModifyPlan (and Delete) directly against the emulator.

// testProviderData is what Configure gives resources, for the emulator.
func testProviderData(t *testing.T) *providerData {
	t.Helper()
	c, err := mgmt.New(context.Background(), mgmt.Config{
		Domain:       sim.Domain(),
		ClientID:     sim.ManagementClientID(),
		ClientSecret: sim.ManagementClientSecret(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{M: c.Management, Domain: sim.Domain(), Session: newSession(c.Management, sim.Domain())}
}

type configurable interface {
	resource.ResourceWithConfigure
	resource.ResourceWithModifyPlan
}

// runModifyPlan plans r from state (nil: create) to plan (nil: destroy) and
// returns the diagnostics and the Management API requests it made.
func runModifyPlan[M any](t *testing.T, r configurable, state, plan *M) (diag.Diagnostics, int) {
	t.Helper()
	ctx := context.Background()
	var cr resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: testProviderData(t)}, &cr)
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	s := sr.Schema
	null := tftypes.NewValue(s.Type().TerraformType(ctx), nil)

	req := resource.ModifyPlanRequest{
		Plan:   tfsdk.Plan{Schema: s, Raw: null},
		Config: tfsdk.Config{Schema: s, Raw: null},
		State:  tfsdk.State{Schema: s, Raw: null},
	}
	if plan != nil {
		if d := req.Plan.Set(ctx, plan); d.HasError() {
			t.Fatalf("plan: %v", d)
		}
		req.Config.Raw = req.Plan.Raw
	}
	if state != nil {
		if d := req.State.Set(ctx, state); d.HasError() {
			t.Fatalf("state: %v", d)
		}
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	before := sim.Total()
	r.ModifyPlan(ctx, req, &resp)
	return resp.Diagnostics, sim.Total() - before
}

// warningsAbout returns the warning details whose summary is summary.
func warningsAbout(diags diag.Diagnostics, summary string) []string {
	var out []string
	for _, d := range diags.Warnings() {
		if d.Summary() == summary {
			out = append(out, d.Detail())
		}
	}
	return out
}

// planWarningCase is one ModifyPlan run from state (nil: create) to plan:
// whether it warns, and the Management API requests it may make.
type planWarningCase[M any] struct {
	name         string
	state, plan  *M
	warn         bool
	wantRequests int
}

// checkPlanWarnings runs each case on a new resource: no error, the warning
// with summary exactly once, on attribute at, its detail containing each of
// detail(plan), or not at all; and the expected number of requests.
func checkPlanWarnings[M any](t *testing.T, newResource func() resource.Resource, summary string, at path.Path, detail func(plan *M) []string, cases []planWarningCase[M]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			diags, requests := runModifyPlan(t, newResource().(configurable), c.state, c.plan)
			if diags.HasError() {
				t.Fatalf("errors: %v", diags)
			}
			got := warningsAbout(diags, summary)
			if c.warn != (len(got) == 1) || len(got) > 1 {
				t.Fatalf("warnings %q, want warning: %t (all diagnostics: %v)", got, c.warn, diags)
			}
			if c.warn {
				for _, d := range diags.Warnings() {
					if p, ok := d.(diag.DiagnosticWithPath); d.Summary() == summary && (!ok || !p.Path().Equal(at)) {
						t.Errorf("warning %q is not on attribute %s", summary, at)
					}
				}
				for _, want := range detail(c.plan) {
					if !strings.Contains(got[0], want) {
						t.Errorf("warning %q does not contain %q", got[0], want)
					}
				}
			}
			if requests != c.wantRequests {
				t.Errorf("ModifyPlan made %d Management API requests, want %d", requests, c.wantRequests)
			}
		})
	}
}

func coaModel(clientID string, enabled bool) *crossOriginAuthModel {
	return &crossOriginAuthModel{
		ID:       types.StringValue(clientID),
		ClientID: types.StringValue(clientID),
		crossOriginPart: crossOriginPart{
			Enabled:              types.BoolValue(enabled),
			VerificationLocation: types.StringNull(),
		},
	}
}

func TestCrossOriginAuthPlanWarnsWithoutOrigins(t *testing.T) {
	const summary = "No allowed origins"
	bare := seedClient(t, "coa_warn_bare")
	withOrigins := seedClient(t, "coa_warn_origins", "https://app.example.com")

	checkPlanWarnings(t, newCrossOriginAuthResource, summary, path.Root("enabled"),
		// The wording is the reconciler's, shared by every face.
		func(plan *crossOriginAuthModel) []string {
			return []string{"cross-origin authentication is on but no allowed origins are listed",
				plan.ClientID.ValueString(), "if a myaccount_allowed_origins resource in this configuration adds them, ignore this"}
		},
		[]planWarningCase[crossOriginAuthModel]{
			// Create reuses the read that checks client_id.
			{"create without origins", nil, coaModel(bare, true), true, 1},
			{"create with origins", nil, coaModel(withOrigins, true), false, 1},
			{"create disabled", nil, coaModel(bare, false), false, 1},
			// Turning it on reads the client once.
			{"turn on without origins", coaModel(bare, false), coaModel(bare, true), true, 1},
			{"turn on with origins", coaModel(withOrigins, false), coaModel(withOrigins, true), false, 1},
			// In sync (or an unrelated change): no request, no warning.
			{"in sync", coaModel(bare, true), coaModel(bare, true), false, 0},
			{"turn off", coaModel(bare, true), coaModel(bare, false), false, 0},
		})
}

func newOriginsModel(clientID string, origins ...string) *originsModel {
	return &originsModel{
		ID:       types.StringValue(clientID),
		ClientID: types.StringValue(clientID),
		originsPart: originsPart{
			Origins:    stringSetOf(origins),
			Exclusive:  types.BoolValue(false),
			AllOrigins: stringListOf(origins),
			Managed:    stringListOf(origins),
		},
	}
}

func TestAllowedOriginsPlanWarnsWhenCrossOriginOff(t *testing.T) {
	const summary = "Cross-origin authentication is off"
	const o1, o2 = "https://app.example.com", "http://localhost:3000"
	off := seedClient(t, "origins_warn_off")
	on := seedClient(t, "origins_warn_on")
	if err := sim.EditClient(on, func(c *auth0sim.Client) { c.CrossOriginAuthentication = true }); err != nil {
		t.Fatal(err)
	}

	checkPlanWarnings(t, newAllowedOriginsResource, summary, path.Root("origins"),
		func(plan *originsModel) []string {
			return []string{"origins are set while cross-origin authentication is off",
				plan.ClientID.ValueString(), "if a myaccount_cross_origin_auth resource in this configuration turns it on, ignore this"}
		},
		[]planWarningCase[originsModel]{
			{"create, off", nil, newOriginsModel(off, o1), true, 1},
			{"create, on", nil, newOriginsModel(on, o1), false, 1},
			{"origins change, off", newOriginsModel(off, o1), newOriginsModel(off, o1, o2), true, 1},
			{"origins change, on", newOriginsModel(on, o1), newOriginsModel(on, o1, o2), false, 1},
			{"in sync, off", newOriginsModel(off, o1), newOriginsModel(off, o1), false, 0},
		})
}

func apiState(policy string) *apiModel {
	return &apiModel{
		ID:               types.StringValue("rs_1"),
		AudienceDomain:   types.StringValue(sim.Domain()),
		UserAccessPolicy: types.StringValue("require_client_grant"),
		DeletionPolicy:   types.StringValue(policy),
		Audience:         types.StringValue(audience()),
		Name:             types.StringValue("Auth0 My Account API"),
		Scopes:           stringSet([]string{"read:me:authentication_methods"}),
	}
}

func TestAPIDestroyPlanWarnsUnderRetain(t *testing.T) {
	const summary = "The My Account API stays active"
	diags, requests := runModifyPlan[apiModel](t, newAPIResource().(configurable), apiState(deletionRetain), nil)
	got := warningsAbout(diags, summary)
	if diags.HasError() || len(got) != 1 {
		t.Fatalf("destroy plan under retain: want one %q warning, got %v", summary, diags)
	}
	for _, want := range []string{`deletion_policy is "retain"`, audience(), `deletion_policy = "delete"`} {
		if !strings.Contains(got[0], want) {
			t.Errorf("warning %q does not contain %q", got[0], want)
		}
	}
	if requests != 0 {
		t.Errorf("the destroy plan made %d Management API requests, want 0", requests)
	}

	diags, _ = runModifyPlan[apiModel](t, newAPIResource().(configurable), apiState(deletionDelete), nil)
	if len(diags) != 0 {
		t.Errorf("destroy plan under delete: want no diagnostics, got %v", diags)
	}
}

func TestAPIDeleteWarnsUnderRetain(t *testing.T) {
	ctx := context.Background()
	r := newAPIResource().(*apiResource)
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	req := resource.DeleteRequest{State: tfsdk.State{Schema: sr.Schema}}
	if d := req.State.Set(ctx, apiState(deletionRetain)); d.HasError() {
		t.Fatal(d)
	}
	var resp resource.DeleteResponse
	before := sim.Writes()
	r.Delete(ctx, req, &resp)
	got := warningsAbout(resp.Diagnostics, "The My Account API stays active")
	if resp.Diagnostics.HasError() || len(got) != 1 || !strings.Contains(got[0], "still active in the tenant") {
		t.Fatalf("destroy under retain: want one warning that the API is still active, got %v", resp.Diagnostics)
	}
	if w := sim.Writes() - before; w != 0 {
		t.Errorf("destroy under retain made %d writes", w)
	}
}

// An https import id that is not an audience says what to use, and sets nothing.
func TestAPIImportRejectsOtherURL(t *testing.T) {
	ctx := context.Background()
	r := newAPIResource().(*apiResource)
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	null := tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)
	resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: null}}
	const id = "https://my-tenant.eu.auth0.com/api/v2/"
	r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatalf("import %q: want an error, got %v", id, resp.Diagnostics)
	}
	for _, want := range []string{id, "https://{domain}/me/", "resource server id"} {
		if detail := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(detail, want) {
			t.Errorf("error %q does not contain %q", detail, want)
		}
	}
	if !resp.State.Raw.IsNull() {
		t.Errorf("import set state %v", resp.State.Raw)
	}
}

// Issue 17: the plan says, as the CLI does, when an origin is stored in
// another form, also in an in-sync plan, at no request cost.
func TestAllowedOriginsPlanWarnsAboutTheStoredForm(t *testing.T) {
	const upper = "https://App.Example.com"
	on := seedClient(t, "origins_warn_form")
	if err := sim.EditClient(on, func(c *auth0sim.Client) { c.CrossOriginAuthentication = true }); err != nil {
		t.Fatal(err)
	}
	checkPlanWarnings(t, newAllowedOriginsResource, "Check the origin", path.Root("origins"),
		func(*originsModel) []string {
			return []string{upper + " is written to Auth0 as https://app.example.com", "write it that way to silence this warning"}
		},
		[]planWarningCase[originsModel]{
			{"create", nil, newOriginsModel(on, upper), true, 1},
			{"in sync", newOriginsModel(on, upper), newOriginsModel(on, upper), true, 0},
			{"canonical", nil, newOriginsModel(on, "https://app.example.com"), false, 1},
		})
}

// Issue 17 §3: origins that would make the client's update larger than
// Auth0 accepts fail the plan, so no other resource of the run writes
// first; the message names the attribute and the limit.
func TestAllowedOriginsPlanRefusesAnUpdateOverTheRequestLimit(t *testing.T) {
	id := seedClient(t, "origins_too_many")
	origins := make([]string, 40000)
	for i := range origins {
		origins[i] = fmt.Sprintf("https://app%05d.example.com", i)
	}
	before := sim.Writes()
	diags, _ := runModifyPlan(t, newAllowedOriginsResource().(configurable), nil, newOriginsModel(id, origins...))
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), `origins: invalid value "40000 entries on the client"`) ||
		!strings.Contains(diags.Errors()[0].Detail(), "Auth0 takes at most 1048576 in a request") {
		t.Fatalf("diagnostics: %v", diags)
	}
	if w := sim.Writes() - before; w != 0 {
		t.Errorf("%d writes, want 0", w)
	}
	diags, _ = runModifyPlan(t, newAllowedOriginsResource().(configurable), nil, newOriginsModel(id, origins[:100]...))
	if diags.HasError() {
		t.Errorf("100 origins: %v", diags)
	}
}

package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// privatePriorCrossOrigin is the private state key holding, per field, the
// client's cross-origin settings before this resource first changed them.
const privatePriorCrossOrigin = "prior_cross_origin"

// priorCrossOrigin is reconciler.PriorCrossOrigin with the JSON names kept
// in private state; the two convert into each other. A null field was never
// changed here, so destroy leaves it alone.
type priorCrossOrigin struct {
	Enabled              *bool   `json:"enabled"`
	VerificationLocation *string `json:"verification_location"`
}

// owned is the prior as the core's ownership: nil when nothing was changed.
func (p priorCrossOrigin) owned() *reconciler.PriorCrossOrigin {
	if p.Enabled == nil && p.VerificationLocation == nil {
		return nil
	}
	core := reconciler.PriorCrossOrigin(p)
	return &core
}

func priorOf(st reconciler.AppState) priorCrossOrigin {
	if st.PriorCrossOrigin == nil {
		return priorCrossOrigin{}
	}
	return priorCrossOrigin(*st.PriorCrossOrigin)
}

// importedPrior: on import, the values now are what destroy restores.
func importedPrior(obs *reconciler.ClientObservation) priorCrossOrigin {
	p := priorCrossOrigin{Enabled: &obs.CrossOrigin.Enabled}
	if loc := obs.CrossOrigin.VerificationLocation; loc != "" {
		p.VerificationLocation = &loc
	}
	return p
}

type crossOriginAuthResource struct{ resourceBase }

func newCrossOriginAuthResource() resource.Resource {
	return &crossOriginAuthResource{resourceBase{name: "cross_origin_auth"}}
}

// crossOriginPart is what myaccount_cross_origin_auth manages beside
// client_id, and the cross_origin_auth block of myaccount_application.
type crossOriginPart struct {
	Enabled              types.Bool   `tfsdk:"enabled"`
	VerificationLocation types.String `tfsdk:"verification_location"`
	PriorEnabled         types.Bool   `tfsdk:"prior_enabled"`
	PriorLocation        types.String `tfsdk:"prior_verification_location"`
}

type crossOriginAuthModel struct {
	ID       types.String `tfsdk:"id"`
	ClientID types.String `tfsdk:"client_id"`
	crossOriginPart
}

// setPrior shows in state what destroy restores. Terraform replaces a
// create that failed after its write (it is tainted) without its private
// state, so Delete falls back on these.
func (m *crossOriginPart) setPrior(p priorCrossOrigin) {
	m.PriorEnabled, m.PriorLocation = types.BoolPointerValue(p.Enabled), types.StringPointerValue(p.VerificationLocation)
}

func (m crossOriginPart) prior() priorCrossOrigin {
	var p priorCrossOrigin
	if !m.PriorEnabled.IsNull() && !m.PriorEnabled.IsUnknown() {
		p.Enabled = m.PriorEnabled.ValueBoolPointer()
	}
	if !m.PriorLocation.IsNull() && !m.PriorLocation.IsUnknown() {
		p.VerificationLocation = m.PriorLocation.ValueStringPointer()
	}
	return p
}

// crossOriginDescription is what the resource and the application block say
// about destroy.
const crossOriginDescription = "Destroy restores the values observed before this resource first took over the client (on import: the values at import time)."

func (r *crossOriginAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := crossOriginAttributes()
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "The client ID.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["client_id"] = clientIDAttribute("whose cross-origin authentication is managed")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages an Auth0 application's cross-origin authentication (`cross_origin_authentication` and `cross_origin_loc`).\n\n" +
			crossOriginDescription + "\n\n" +
			"When the resource is created or `enabled` changes to `true`, the plan warns if the client has no allowed origins in the tenant.",
		Attributes: attrs,
	}
}

// crossOriginAttributes are the schema of a crossOriginPart.
func crossOriginAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"enabled": schema.BoolAttribute{
			Required:            true,
			MarkdownDescription: "Whether the application may authenticate cross-origin (`cross_origin_authentication`).",
		},
		"prior_enabled": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "The client's `cross_origin_authentication` before this resource first changed it, restored on destroy; null when this resource never changed it.",
		},
		"prior_verification_location": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The client's `cross_origin_loc` before this resource first changed it, restored on destroy; null when this resource never changed it.",
		},
		"verification_location": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "The URL of the page that verifies cross-origin authentication for browsers without third-party cookies " +
				"(`cross_origin_loc`). An https URL; http only for localhost. When unset, the client's value is left alone.",
			Validators: []validator.String{verificationLocationValidator},
		},
	}
}

func (r *crossOriginAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	read := checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	plan, _, state, ok := planModels[crossOriginAuthModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	if !plan.ClientID.IsUnknown() && plan.known() {
		clientID, want := plan.ClientID.ValueString(), plan.desired()
		r.data.Claims.claim(clientID, reconciler.Application{ClientID: clientID, CrossOriginAuthentication: &want}, path.Root("enabled"), &resp.Diagnostics)
	}
	var prior *crossOriginPart
	if state != nil && state.ClientID.Equal(plan.ClientID) {
		prior = &state.crossOriginPart
	}
	plan.noOriginsWarning(ctx, partCheck{data: r.data, at: path.Empty(), clientID: plan.ClientID, read: read}, prior, &resp.Diagnostics)
}

// known: the part's declaration is known at plan time.
func (m crossOriginPart) known() bool {
	return !m.Enabled.IsUnknown() && !m.VerificationLocation.IsUnknown()
}

// noOriginsWarning warns when enabled = true is planned for a client that has
// no allowed origins as observed. Only on create or when enabled changes, so
// an in-sync plan reads nothing more; prior is the part in state on the
// same client, nil on create.
func (m crossOriginPart) noOriginsWarning(ctx context.Context, c partCheck, prior *crossOriginPart, diags *diag.Diagnostics) {
	if c.clientID.IsUnknown() || m.Enabled.IsUnknown() || !m.Enabled.ValueBool() {
		return
	}
	if prior != nil && prior.Enabled.Equal(m.Enabled) {
		return
	}
	clientID := c.clientID.ValueString()
	obs := observeForAdvice(ctx, c.data, clientID, c.read)
	if obs == nil {
		return
	}
	app := reconciler.Application{
		ClientID:                  clientID,
		AllowedOrigins:            nonNil(obs.AllowedOrigins),
		CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true},
	}
	for _, w := range crossOriginWarnings(app, "crossOriginAuthentication") {
		diags.AddAttributeWarning(c.attr("enabled"), "No allowed origins",
			fmt.Sprintf("Client %s: %s. Add them with a myaccount_allowed_origins resource (or the allowed_origins block of myaccount_application); "+
				"if a myaccount_allowed_origins resource in this configuration adds them, ignore this.", clientID, w.Message))
	}
}

func (m crossOriginPart) desired() reconciler.CrossOriginAuth {
	return reconciler.CrossOriginAuth{Enabled: m.Enabled.ValueBool(), VerificationLocation: m.VerificationLocation.ValueString()}
}

// refresh sets the part from the client as observed; prior is what destroy
// restores. Only a managed location is refreshed, so an unset one never
// shows as "x -> null".
func (m *crossOriginPart) refresh(obs *reconciler.ClientObservation, prior priorCrossOrigin) {
	if !m.VerificationLocation.IsNull() {
		if obs.CrossOrigin.VerificationLocation == "" {
			m.VerificationLocation = types.StringNull()
		} else {
			m.VerificationLocation = types.StringValue(obs.CrossOrigin.VerificationLocation)
		}
	}
	m.Enabled = types.BoolValue(obs.CrossOrigin.Enabled)
	m.setPrior(prior)
}

// adopt is an import: the values now are managed, and what destroy restores.
func (m *crossOriginPart) adopt(obs *reconciler.ClientObservation) priorCrossOrigin {
	prior := importedPrior(obs)
	m.VerificationLocation = types.StringPointerValue(prior.VerificationLocation)
	return prior
}

// reconcile makes the client match plan through the core's lifecycle (nil
// plan: restore what prior records) and returns what the resource owns after.
func (r *crossOriginAuthResource) reconcile(ctx context.Context, clientID string, plan *crossOriginAuthModel, prior priorCrossOrigin, record func(priorCrossOrigin) error, diags *diag.Diagnostics) (priorCrossOrigin, bool) {
	app := reconciler.Application{ClientID: clientID}
	if plan != nil {
		want := plan.desired()
		app.CrossOriginAuthentication = &want
	}
	owned := reconciler.AppState{PriorCrossOrigin: prior.owned()}
	var intent reconciler.Intent
	if record != nil {
		intent = func(_ context.Context, st reconciler.AppState) error {
			if plan != nil {
				plan.setPrior(priorOf(st))
			}
			return record(priorOf(st))
		}
	}
	res, err := reconciler.ApplyClient(ctx, r.data.Session, app, owned, intent)
	if err != nil {
		diags.AddError("Cannot update cross-origin authentication", describe(err))
		return prior, false
	}
	if res.Client == nil && plan != nil {
		addUnknownClient(r.data, clientID, diags)
		return prior, false
	}
	return priorOf(res.State), true
}

func (r *crossOriginAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	saveOwned(ctx, r.data, privatePriorCrossOrigin, req.Plan, nil, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *crossOriginAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	saveOwned(ctx, r.data, privatePriorCrossOrigin, req.Plan, req.Private, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *crossOriginAuthResource) apply(ctx context.Context, plan *crossOriginAuthModel, owned priorCrossOrigin, record func(priorCrossOrigin) error, diags *diag.Diagnostics) (priorCrossOrigin, bool) {
	clientID := plan.ClientID.ValueString()
	plan.ID = types.StringValue(clientID)
	owned, ok := r.reconcile(ctx, clientID, plan, owned, record, diags)
	plan.setPrior(owned)
	return owned, ok
}

func (r *crossOriginAuthResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, obs, ok := loadAndReadClient(ctx, r.data, req, resp, func(m *crossOriginAuthModel) types.String { return m.ClientID })
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	var prior priorCrossOrigin
	if !getPrivate(ctx, req.Private, privatePriorCrossOrigin, &prior, &resp.Diagnostics) {
		prior = state.adopt(obs)
		setPrivate(ctx, resp.Private, privatePriorCrossOrigin, prior, &resp.Diagnostics)
	}
	state.ID = types.StringValue(clientID)
	state.refresh(obs, prior)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *crossOriginAuthResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := loadModel[crossOriginAuthModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	var prior priorCrossOrigin
	if !getPrivate(ctx, req.Private, privatePriorCrossOrigin, &prior, &resp.Diagnostics) {
		prior = state.prior() // the replacement of a failed create
		if prior.owned() == nil {
			return // nothing known to restore
		}
	}
	// The core restores only the fields this resource changed, so a location
	// it never managed, or one edited in the dashboard, is left alone.
	r.reconcile(ctx, state.ClientID.ValueString(), nil, prior, nil, &resp.Diagnostics)
}

// ImportState takes the client ID; the values at import time are what
// destroy restores.
func (r *crossOriginAuthResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByClientID(ctx, "myaccount_cross_origin_auth", req, resp)
}

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

type crossOriginAuthResource struct{ resourceBase }

func newCrossOriginAuthResource() resource.Resource {
	return &crossOriginAuthResource{resourceBase{name: "cross_origin_auth"}}
}

type crossOriginAuthModel struct {
	ID                   types.String `tfsdk:"id"`
	ClientID             types.String `tfsdk:"client_id"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	VerificationLocation types.String `tfsdk:"verification_location"`
	PriorEnabled         types.Bool   `tfsdk:"prior_enabled"`
	PriorLocation        types.String `tfsdk:"prior_verification_location"`
}

// setPrior shows in state what destroy restores. Terraform replaces a
// create that failed after its write (it is tainted) without its private
// state, so Delete falls back on these.
func (m *crossOriginAuthModel) setPrior(p priorCrossOrigin) {
	m.PriorEnabled, m.PriorLocation = types.BoolPointerValue(p.Enabled), types.StringPointerValue(p.VerificationLocation)
}

func (m crossOriginAuthModel) prior() priorCrossOrigin {
	var p priorCrossOrigin
	if !m.PriorEnabled.IsNull() && !m.PriorEnabled.IsUnknown() {
		p.Enabled = m.PriorEnabled.ValueBoolPointer()
	}
	if !m.PriorLocation.IsNull() && !m.PriorLocation.IsUnknown() {
		p.VerificationLocation = m.PriorLocation.ValueStringPointer()
	}
	return p
}

func (r *crossOriginAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages an Auth0 application's cross-origin authentication (`cross_origin_authentication` and `cross_origin_loc`).\n\n" +
			"Destroy restores the values observed before this resource first took over the client (on import: the values at import time).\n\n" +
			"When the resource is created or `enabled` changes to `true`, the plan warns if the client has no allowed origins in the tenant.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_id": clientIDAttribute("whose cross-origin authentication is managed"),
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
	if !plan.ClientID.IsUnknown() && !plan.Enabled.IsUnknown() && !plan.VerificationLocation.IsUnknown() {
		clientID, want := plan.ClientID.ValueString(), plan.desired()
		r.data.Claims.claim(clientID, reconciler.Application{ClientID: clientID, CrossOriginAuthentication: &want}, path.Root("enabled"), &resp.Diagnostics)
	}
	r.noOriginsWarning(ctx, plan, state, read, &resp.Diagnostics)
}

// noOriginsWarning warns when enabled = true is planned for a client that has
// no allowed origins as observed. Only on create or when enabled or client_id
// change, so an in-sync plan reads nothing more; read is the client when the
// plan already read it.
func (r *crossOriginAuthResource) noOriginsWarning(ctx context.Context, plan crossOriginAuthModel, state *crossOriginAuthModel, read *reconciler.ClientObservation, diags *diag.Diagnostics) {
	if plan.ClientID.IsUnknown() || plan.Enabled.IsUnknown() || !plan.Enabled.ValueBool() {
		return
	}
	if state != nil && state.ClientID.Equal(plan.ClientID) && state.Enabled.Equal(plan.Enabled) {
		return
	}
	clientID := plan.ClientID.ValueString()
	obs := observeForAdvice(ctx, r.data, clientID, read)
	if obs == nil {
		return
	}
	app := reconciler.Application{
		ClientID:                  clientID,
		AllowedOrigins:            nonNil(obs.AllowedOrigins),
		CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: true},
	}
	for _, w := range crossOriginWarnings(app, "crossOriginAuthentication") {
		diags.AddAttributeWarning(path.Root("enabled"), "No allowed origins",
			fmt.Sprintf("Client %s: %s. Add them with a myaccount_allowed_origins resource; "+
				"if a myaccount_allowed_origins resource in this configuration adds them, ignore this.", clientID, w.Message))
	}
}

func (m crossOriginAuthModel) desired() reconciler.CrossOriginAuth {
	return reconciler.CrossOriginAuth{Enabled: m.Enabled.ValueBool(), VerificationLocation: m.VerificationLocation.ValueString()}
}

// reconcile makes the client match plan through the core's lifecycle (nil
// plan: restore what prior records) and returns what the resource owns after.
func (r *crossOriginAuthResource) reconcile(ctx context.Context, clientID string, plan *crossOriginAuthModel, prior priorCrossOrigin, record func(priorCrossOrigin) error, diags *diag.Diagnostics) (priorCrossOrigin, bool) {
	app := reconciler.Application{ClientID: clientID}
	if plan != nil {
		want := plan.desired()
		app.CrossOriginAuthentication = &want
	}
	owned := reconciler.AppState{PriorCrossOrigin: (*reconciler.PriorCrossOrigin)(&prior)}
	if prior.Enabled == nil && prior.VerificationLocation == nil {
		owned.PriorCrossOrigin = nil
	}
	var intent reconciler.Intent
	if record != nil {
		intent = func(_ context.Context, st reconciler.AppState) error {
			var p priorCrossOrigin
			if st.PriorCrossOrigin != nil {
				p = priorCrossOrigin(*st.PriorCrossOrigin)
			}
			if plan != nil {
				plan.setPrior(p)
			}
			return record(p)
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
	if res.State.PriorCrossOrigin == nil {
		return priorCrossOrigin{}, true
	}
	return priorCrossOrigin(*res.State.PriorCrossOrigin), true
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
	state, ok := loadModel[crossOriginAuthModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	obs := readClient(ctx, r.data, clientID, resp)
	if obs == nil {
		return
	}
	var prior priorCrossOrigin
	if !getPrivate(ctx, req.Private, privatePriorCrossOrigin, &prior, &resp.Diagnostics) {
		// Import: the values now are what destroy restores.
		prior = priorCrossOrigin{Enabled: &obs.CrossOrigin.Enabled}
		if loc := obs.CrossOrigin.VerificationLocation; loc != "" {
			prior.VerificationLocation = &loc
			state.VerificationLocation = types.StringValue(loc)
		}
		setPrivate(ctx, resp.Private, privatePriorCrossOrigin, prior, &resp.Diagnostics)
	} else if !state.VerificationLocation.IsNull() {
		// Only a managed location is refreshed, so an unset one never shows as "x -> null".
		if obs.CrossOrigin.VerificationLocation == "" {
			state.VerificationLocation = types.StringNull()
		} else {
			state.VerificationLocation = types.StringValue(obs.CrossOrigin.VerificationLocation)
		}
	}
	state.ID = types.StringValue(clientID)
	state.Enabled = types.BoolValue(obs.CrossOrigin.Enabled)
	state.setPrior(prior)
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
		if prior.Enabled == nil && prior.VerificationLocation == nil {
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

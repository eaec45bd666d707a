package provider

import (
	"context"
	"strings"

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

// privatePriorCrossOrigin is the private state key holding the client's
// cross-origin settings observed before this resource first changed them.
const privatePriorCrossOrigin = "prior_cross_origin"

type priorCrossOrigin struct {
	Enabled              bool   `json:"enabled"`
	VerificationLocation string `json:"verification_location"`
}

type crossOriginAuthResource struct{ data *providerData }

var (
	_ resource.ResourceWithConfigure   = (*crossOriginAuthResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*crossOriginAuthResource)(nil)
	_ resource.ResourceWithImportState = (*crossOriginAuthResource)(nil)
)

func newCrossOriginAuthResource() resource.Resource { return &crossOriginAuthResource{} }

type crossOriginAuthModel struct {
	ID                   types.String `tfsdk:"id"`
	ClientID             types.String `tfsdk:"client_id"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	VerificationLocation types.String `tfsdk:"verification_location"`
}

func (r *crossOriginAuthResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cross_origin_auth"
}

func (r *crossOriginAuthResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages an Auth0 application's cross-origin authentication (`cross_origin_authentication` and `cross_origin_loc`).\n\n" +
			"Destroy restores the values observed before this resource first took over the client (on import: the values at import time).",
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
			"verification_location": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The URL of the page that verifies cross-origin authentication for browsers without third-party cookies " +
					"(`cross_origin_loc`). An https URL; http only for localhost. When unset, the client's value is left alone.",
				Validators: []validator.String{verificationLocationValidator{}},
			},
		},
	}
}

func (r *crossOriginAuthResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *crossOriginAuthResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkClientExists(ctx, r.data, req, &resp.Diagnostics)
}

func (m crossOriginAuthModel) desired() reconciler.CrossOriginAuth {
	return reconciler.CrossOriginAuth{Enabled: m.Enabled.ValueBool(), VerificationLocation: m.VerificationLocation.ValueString()}
}

// reconcile makes the client match plan; it returns the observation before
// the change (nil on error).
func (r *crossOriginAuthResource) reconcile(ctx context.Context, plan *crossOriginAuthModel, diags *diag.Diagnostics) *reconciler.ClientObservation {
	clientID := plan.ClientID.ValueString()
	unlock := r.data.Locks.Lock(r.data.Domain, clientID)
	defer unlock()
	obs := observeClient(ctx, r.data, clientID, diags)
	if obs == nil {
		return nil
	}
	want := plan.desired()
	if len(reconciler.DiffCrossOrigin(clientID, want, obs.CrossOrigin)) > 0 {
		if err := reconciler.PatchClient(ctx, r.data.M, clientID, reconciler.ClientPatch{CrossOrigin: &want}); err != nil {
			diags.AddError("Cannot update cross-origin authentication", err.Error())
			return nil
		}
	}
	plan.ID = types.StringValue(clientID)
	return obs
}

func (r *crossOriginAuthResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var plan crossOriginAuthModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	before := r.reconcile(ctx, &plan, &resp.Diagnostics)
	if before == nil {
		return
	}
	prior := priorCrossOrigin{Enabled: before.CrossOrigin.Enabled, VerificationLocation: before.CrossOrigin.VerificationLocation}
	setPrivate(ctx, resp.Private, privatePriorCrossOrigin, prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *crossOriginAuthResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var plan crossOriginAuthModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.reconcile(ctx, &plan, &resp.Diagnostics) == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *crossOriginAuthResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var state crossOriginAuthModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID := state.ClientID.ValueString()
	obs, err := reconciler.ObserveClient(ctx, r.data.M, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the client", err.Error())
		return
	}
	if obs == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	var prior priorCrossOrigin
	if !getPrivate(ctx, req.Private, privatePriorCrossOrigin, &prior, &resp.Diagnostics) {
		// Import: the values now are what destroy restores.
		prior = priorCrossOrigin{Enabled: obs.CrossOrigin.Enabled, VerificationLocation: obs.CrossOrigin.VerificationLocation}
		setPrivate(ctx, resp.Private, privatePriorCrossOrigin, prior, &resp.Diagnostics)
		if obs.CrossOrigin.VerificationLocation != "" {
			state.VerificationLocation = types.StringValue(obs.CrossOrigin.VerificationLocation)
		}
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
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *crossOriginAuthResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var state crossOriginAuthModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var prior priorCrossOrigin
	if !getPrivate(ctx, req.Private, privatePriorCrossOrigin, &prior, &resp.Diagnostics) {
		return // nothing known to restore
	}
	clientID := state.ClientID.ValueString()
	unlock := r.data.Locks.Lock(r.data.Domain, clientID)
	defer unlock()
	obs, err := reconciler.ObserveClient(ctx, r.data.M, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the client", err.Error())
		return
	}
	if obs == nil {
		return
	}
	restore := reconciler.CrossOriginAuth{Enabled: prior.Enabled, VerificationLocation: prior.VerificationLocation}
	// The location is restored (or cleared) only when this resource managed it.
	managedLoc := !state.VerificationLocation.IsNull()
	if _, err := reconciler.RestoreCrossOrigin(ctx, r.data.M, clientID, restore, obs.CrossOrigin, managedLoc); err != nil {
		resp.Diagnostics.AddError("Cannot restore cross-origin authentication", err.Error())
	}
}

// ImportState takes the client ID; the values at import time are what
// destroy restores.
func (r *crossOriginAuthResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" {
		resp.Diagnostics.AddError("Missing import id", "Import myaccount_cross_origin_auth by the application's client ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

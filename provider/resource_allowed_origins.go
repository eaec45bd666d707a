package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// privateManagedOrigins is the private state key holding the origins this
// resource added to the client (and so may remove).
const privateManagedOrigins = "managed_origins"

type allowedOriginsResource struct{ data *providerData }

var (
	_ resource.ResourceWithConfigure   = (*allowedOriginsResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*allowedOriginsResource)(nil)
	_ resource.ResourceWithImportState = (*allowedOriginsResource)(nil)
)

func newAllowedOriginsResource() resource.Resource { return &allowedOriginsResource{} }

type allowedOriginsModel struct {
	ID         types.String `tfsdk:"id"`
	ClientID   types.String `tfsdk:"client_id"`
	Origins    types.Set    `tfsdk:"origins"`
	Exclusive  types.Bool   `tfsdk:"exclusive"`
	AllOrigins types.Set    `tfsdk:"all_origins"`
}

func (r *allowedOriginsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_allowed_origins"
}

func clientIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The Client ID of the Auth0 application " + what + ". It must exist in the tenant; " +
			"an unknown client stops the plan. Changing it replaces the resource.",
		Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

func (r *allowedOriginsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages allowed origins (`allowed_origins`, the CORS origins) of an Auth0 application, which a single-page app " +
			"needs to call the My Account API from the browser.\n\n" +
			"In merge mode (`exclusive = false`, the default) the resource adds its origins and never touches the others on the client; " +
			"when an origin leaves `origins`, or on destroy, it removes only the origins it added itself. " +
			"With `exclusive = true` the list is the whole truth: other origins are removed.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_id": clientIDAttribute("whose origins are managed"),
			"origins": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The origins, each `scheme://host[:port]` with no path, query or trailing slash, such as `https://app.example.com` " +
					"or `http://localhost:3000`. A wildcard may only be the whole leftmost subdomain label, as in `https://*.example.com`; a bare `*` is rejected.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(originValidator{}),
				},
			},
			"exclusive": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "`false` (the default) merges `origins` into the client's list and leaves foreign origins alone; " +
					"`true` makes `origins` the client's whole list.",
			},
			"all_origins": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Every origin on the client, including those not managed here.",
			},
		},
	}
}

func (r *allowedOriginsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// checkClientExists is the plan-time check of client_id shared by the
// client-scoped resources: one read, only when the client is new to the plan.
func checkClientExists(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if data == nil || req.Plan.Raw.IsNull() {
		return
	}
	var planID, stateID types.String
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("client_id"), &planID)...)
	if planID.IsUnknown() || planID.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, path.Root("client_id"), &stateID)...)
		if stateID.ValueString() == planID.ValueString() {
			return // the refresh just read it
		}
	}
	obs, err := reconciler.ObserveClient(ctx, data.M, planID.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("client_id"), "Cannot check the client", err.Error())
		return
	}
	if obs == nil {
		e := &reconciler.UnknownClientError{Field: "client_id", ClientID: planID.ValueString(), Domain: data.Domain}
		diags.AddAttributeError(path.Root("client_id"), "Unknown client", e.Error())
	}
}

func (r *allowedOriginsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	checkClientExists(ctx, r.data, req, &resp.Diagnostics)
}

func (m allowedOriginsModel) mode() reconciler.OriginsMode {
	if m.Exclusive.ValueBool() {
		return reconciler.OriginsExclusive
	}
	return reconciler.OriginsMerge
}

// observe reads the client; a missing client is an error naming client_id.
func observeClient(ctx context.Context, data *providerData, clientID string, diags *diag.Diagnostics) *reconciler.ClientObservation {
	obs, err := reconciler.ObserveClient(ctx, data.M, clientID)
	if err != nil {
		diags.AddError("Cannot read the client", err.Error())
		return nil
	}
	if obs == nil {
		e := &reconciler.UnknownClientError{Field: "client_id", ClientID: clientID, Domain: data.Domain}
		diags.AddAttributeError(path.Root("client_id"), "Unknown client", e.Error())
	}
	return obs
}

// reconcile applies plan to the client and returns the managed origins.
func (r *allowedOriginsResource) reconcile(ctx context.Context, plan *allowedOriginsModel, managed []string, diags *diag.Diagnostics) []string {
	clientID := plan.ClientID.ValueString()
	unlock := r.data.Locks.Lock(r.data.Domain, clientID)
	defer unlock()
	obs := observeClient(ctx, r.data, clientID, diags)
	if obs == nil {
		return nil
	}
	desired := setStrings(ctx, plan.Origins, diags)
	d := reconciler.DiffOrigins(clientID, desired, plan.mode(), managed, obs.AllowedOrigins)
	if d.NeedsWrite() {
		target := d.Target
		if err := reconciler.PatchClient(ctx, r.data.M, clientID, reconciler.ClientPatch{AllowedOrigins: &target}); err != nil {
			diags.AddError("Cannot update allowed origins", err.Error())
			return nil
		}
	}
	plan.ID = types.StringValue(clientID)
	plan.AllOrigins = stringSet(d.Target)
	return d.Managed
}

func (r *allowedOriginsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var plan allowedOriginsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	managed := r.reconcile(ctx, &plan, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setPrivate(ctx, resp.Private, privateManagedOrigins, nonNil(managed), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *allowedOriginsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var plan allowedOriginsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var managed []string
	getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics)
	managed = r.reconcile(ctx, &plan, managed, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setPrivate(ctx, resp.Private, privateManagedOrigins, nonNil(managed), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *allowedOriginsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var state allowedOriginsModel
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
	var managed []string
	if !getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics) {
		// Import: adopt every current origin as managed, in merge mode.
		managed = slices.Clone(obs.AllowedOrigins)
		state.Origins = stringSet(obs.AllowedOrigins)
		state.Exclusive = types.BoolValue(false)
		setPrivate(ctx, resp.Private, privateManagedOrigins, nonNil(managed), &resp.Diagnostics)
	}
	if state.Exclusive.ValueBool() {
		state.Origins = stringSet(obs.AllowedOrigins)
	} else {
		// Show exactly which of our origins disappeared from the client.
		var still []string
		for _, o := range setStrings(ctx, state.Origins, &resp.Diagnostics) {
			if slices.Contains(obs.AllowedOrigins, o) {
				still = append(still, o)
			}
		}
		state.Origins = stringSet(still)
	}
	state.ID = types.StringValue(clientID)
	state.AllOrigins = stringSet(obs.AllowedOrigins)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *allowedOriginsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	var state allowedOriginsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var managed []string
	getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics)
	clientID := state.ClientID.ValueString()
	unlock := r.data.Locks.Lock(r.data.Domain, clientID)
	defer unlock()
	obs, err := reconciler.ObserveClient(ctx, r.data.M, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the client", err.Error())
		return
	}
	if obs == nil {
		return // the client is gone, and its origins with it
	}
	d := reconciler.DiffOriginsOnDelete(clientID, managed, obs.AllowedOrigins)
	if !d.NeedsWrite() {
		return
	}
	target := d.Target
	if err := reconciler.PatchClient(ctx, r.data.M, clientID, reconciler.ClientPatch{AllowedOrigins: &target}); err != nil {
		resp.Diagnostics.AddError("Cannot remove allowed origins", err.Error())
	}
}

// ImportState takes the client ID and adopts the client's current origins
// as managed, in merge mode.
func (r *allowedOriginsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" {
		resp.Diagnostics.AddError("Missing import id", "Import myaccount_allowed_origins by the application's client ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("exclusive"), false)...)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

var _ = fmt.Sprintf

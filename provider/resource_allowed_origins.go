package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// privateManagedOrigins is the private state key holding the origins this
// resource added to the client (and so may remove).
const privateManagedOrigins = "managed_origins"

type allowedOriginsResource struct{ resourceBase }

func newAllowedOriginsResource() resource.Resource {
	return &allowedOriginsResource{resourceBase{name: "allowed_origins"}}
}

type allowedOriginsModel struct {
	ID         types.String `tfsdk:"id"`
	ClientID   types.String `tfsdk:"client_id"`
	Origins    types.Set    `tfsdk:"origins"`
	Exclusive  types.Bool   `tfsdk:"exclusive"`
	AllOrigins types.Set    `tfsdk:"all_origins"`
}

func (r *allowedOriginsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages allowed origins (`allowed_origins`, the CORS origins) of an Auth0 application, which a single-page app " +
			"needs to call the My Account API from the browser.\n\n" +
			"In merge mode (`exclusive = false`, the default) the resource adds its origins and never touches the others on the client; " +
			"when an origin leaves `origins`, or on destroy, it removes only the origins it added itself. " +
			"With `exclusive = true` the list is the whole truth: other origins are removed.\n\n" +
			"When the resource is created or `origins` change, the plan warns if the client's cross-origin authentication is off in the tenant.",
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
					setvalidator.ValueStringsAre(originValidator),
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

func (r *allowedOriginsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	read := checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	plan, _, state, ok := planModels[allowedOriginsModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	r.crossOriginOffWarning(ctx, plan, state, read, &resp.Diagnostics)
}

// crossOriginOffWarning warns when origins are planned for a client whose
// cross_origin_authentication is off as observed. Only on create or when
// origins or client_id change, so an in-sync plan reads nothing more; read is
// the client when the plan already read it.
func (r *allowedOriginsResource) crossOriginOffWarning(ctx context.Context, plan allowedOriginsModel, state *allowedOriginsModel, read *reconciler.ClientObservation, diags *diag.Diagnostics) {
	if plan.ClientID.IsUnknown() || plan.Origins.IsUnknown() || plan.Origins.IsNull() || len(plan.Origins.Elements()) == 0 {
		return
	}
	if state != nil && state.ClientID.Equal(plan.ClientID) && state.Origins.Equal(plan.Origins) {
		return
	}
	clientID := plan.ClientID.ValueString()
	obs := observeForAdvice(ctx, r.data, clientID, read)
	if obs == nil {
		return
	}
	// Only whether the list is empty matters; an origin known after apply counts.
	origins := make([]string, 0, len(plan.Origins.Elements()))
	for _, v := range plan.Origins.Elements() {
		if s, ok := v.(types.String); ok {
			origins = append(origins, s.ValueString())
		}
	}
	app := reconciler.Application{
		ClientID:                  clientID,
		AllowedOrigins:            origins,
		CrossOriginAuthentication: &reconciler.CrossOriginAuth{Enabled: obs.CrossOrigin.Enabled},
	}
	for _, w := range crossOriginWarnings(app, "allowedOrigins") {
		diags.AddAttributeWarning(path.Root("origins"), "Cross-origin authentication is off",
			fmt.Sprintf("Client %s: %s. Turn it on with a myaccount_cross_origin_auth resource; "+
				"if a myaccount_cross_origin_auth resource in this configuration turns it on, ignore this.", clientID, w.Message))
	}
}

func (m allowedOriginsModel) mode() reconciler.OriginsMode {
	if m.Exclusive.ValueBool() {
		return reconciler.OriginsExclusive
	}
	return reconciler.OriginsMerge
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
	r.save(ctx, req.Plan, nil, resp.Private, &resp.State, &resp.Diagnostics)
}

func (r *allowedOriginsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.save(ctx, req.Plan, req.Private, resp.Private, &resp.State, &resp.Diagnostics)
}

// save is Create and Update: the origins managed so far come from prior
// (nil on create) and the new ones go to private.
func (r *allowedOriginsResource) save(ctx context.Context, src tfsdk.Plan, prior, private privateState, state *tfsdk.State, diags *diag.Diagnostics) {
	plan, ok := loadModel[allowedOriginsModel](ctx, r.data, src, diags)
	if !ok {
		return
	}
	var managed []string
	getPrivate(ctx, prior, privateManagedOrigins, &managed, diags)
	managed = r.reconcile(ctx, &plan, managed, diags)
	if diags.HasError() {
		return
	}
	setPrivate(ctx, private, privateManagedOrigins, nonNil(managed), diags)
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *allowedOriginsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := loadModel[allowedOriginsModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	obs := readClient(ctx, r.data, clientID, resp)
	if obs == nil {
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
	state, ok := loadModel[allowedOriginsModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	var managed []string
	getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics)
	clientID := state.ClientID.ValueString()
	unlock := r.data.Locks.Lock(r.data.Domain, clientID)
	defer unlock()
	obs, ok := findClient(ctx, r.data, clientID, &resp.Diagnostics)
	if !ok || obs == nil {
		return // a client that is gone took its origins with it
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
	if importByClientID(ctx, "myaccount_allowed_origins", req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("exclusive"), false)...)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

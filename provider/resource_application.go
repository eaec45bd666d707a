package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// privateOwned is the private state key holding what a myaccount_application
// owns on its client, in the core's persisted form.
const privateOwned = "owned"

// applicationResource is myaccount_application: every per-client setting of
// one application in one resource, so one apply writes the client once
// (one reconciler.ApplyClient), whatever order Terraform walks in.
type applicationResource struct{ resourceBase }

func newApplicationResource() resource.Resource {
	return &applicationResource{resourceBase{name: "application"}}
}

type applicationModel struct {
	ID              types.String     `tfsdk:"id"`
	ClientID        types.String     `tfsdk:"client_id"`
	AllowedOrigins  *originsPart     `tfsdk:"allowed_origins"`
	WebOrigins      *originsPart     `tfsdk:"web_origins"`
	CrossOriginAuth *crossOriginPart `tfsdk:"cross_origin_auth"`
}

// applicationList is a list setting as a block of myaccount_application:
// the single resource's descriptor and where its part sits in the model.
type applicationList struct {
	originsSetting
	part func(*applicationModel) **originsPart
}

// applicationLists are the list blocks; each is named as its single resource.
var applicationLists = []applicationList{
	{allowedOriginsSetting, func(m *applicationModel) **originsPart { return &m.AllowedOrigins }},
	{webOriginsSetting, func(m *applicationModel) **originsPart { return &m.WebOrigins }},
}

const crossOriginBlock = "cross_origin_auth"

// applicationBlockNames are the blocks' names, cross_origin_auth first.
func applicationBlockNames() []string {
	names := []string{crossOriginBlock}
	for _, l := range applicationLists {
		names = append(names, l.name)
	}
	return names
}

func (r *applicationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	blocks := applicationBlockNames()
	atLeastOne := objectvalidator.AtLeastOneOf(path.MatchRoot(blocks[1]), path.MatchRoot(blocks[2]))
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The client ID.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"client_id": clientIDAttribute("whose settings are managed"),
		crossOriginBlock: schema.SingleNestedAttribute{
			Optional:   true,
			Attributes: crossOriginAttributes(),
			MarkdownDescription: "The application's cross-origin authentication, as `myaccount_cross_origin_auth` manages it. " +
				crossOriginDescription + " Removing the block restores them as destroying that resource would.",
			Validators: []validator.Object{atLeastOne},
		},
	}
	for _, l := range applicationLists {
		attrs[l.name] = schema.SingleNestedAttribute{
			Optional:   true,
			Attributes: l.attributes(),
			MarkdownDescription: "The application's `" + l.list.Field + "`, as `myaccount_" + l.name + "` manages them. " + modeDescription +
				" Removing the block removes the origins it added, as destroying that resource would.",
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages every per-application setting of an Auth0 application in one resource: allowed origins, web origins " +
			"and cross-origin authentication, each a block with the attributes and rules of its single-setting resource. " +
			"A create or update writes the client once, in one request, as the official provider's `auth0_client` does.\n\n" +
			"At least one block is required. A block next to a single-setting resource of the same setting on the same client " +
			"follows the same rules as two such resources: two merge-mode lists share the client; an exclusive list next to any other fails the plan, naming both.",
		Attributes: attrs,
	}
}

func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	read := checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() || blockUnknown(ctx, req.Plan, &resp.Diagnostics) {
		return
	}
	plan, _, state, ok := planModels[applicationModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	if state != nil && !state.ClientID.Equal(plan.ClientID) {
		state = nil // a new client: every check runs as on create
	}
	if !plan.ClientID.IsUnknown() {
		r.claim(ctx, plan, &resp.Diagnostics)
	}
	co := plan.CrossOriginAuth
	for _, l := range applicationLists {
		part := *l.part(&plan)
		if part == nil {
			continue
		}
		var prior *originsPart
		if state != nil {
			prior = *l.part(state)
		}
		// The block's own cross_origin_auth turning it on silences the warning.
		check := partCheck{data: r.data, at: path.Root(l.name), clientID: plan.ClientID, read: read, sizeCheckedWhole: true,
			warnCrossOriginOff: co == nil || co.Enabled.IsUnknown() || !co.Enabled.ValueBool()}
		l.checkPlan(ctx, check, *part, prior, &resp.Diagnostics)
	}
	r.checkUpdateSize(ctx, plan, state, read, &resp.Diagnostics)
	if co != nil && plan.AllowedOrigins == nil {
		var prior *crossOriginPart
		if state != nil {
			prior = state.CrossOriginAuth
		}
		co.noOriginsWarning(ctx, partCheck{data: r.data, at: path.Root(crossOriginBlock), clientID: plan.ClientID, read: read}, prior, &resp.Diagnostics)
	}
}

// blockUnknown reports whether a whole block of the plan is known only
// after apply (from another resource's output): the model cannot hold it,
// and the plan-time checks wait for apply, as for an unknown client_id.
func blockUnknown(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) bool {
	for _, name := range applicationBlockNames() {
		var block types.Object
		diags.Append(plan.GetAttribute(ctx, path.Root(name), &block)...)
		if block.IsUnknown() {
			return true
		}
	}
	return false
}

// checkUpdateSize refuses at plan time blocks whose one update of the
// client would be larger than Auth0 accepts: the lists of every block share
// that request, so they are checked together, and before any resource of
// the apply writes. Only when a list changes; the client is the refresh's
// or the plan's read.
func (r *applicationResource) checkUpdateSize(ctx context.Context, plan applicationModel, state *applicationModel, read *reconciler.ClientObservation, diags *diag.Diagnostics) {
	if plan.ClientID.IsUnknown() || !listsChanged(plan, state) {
		return
	}
	obs := observeForAdvice(ctx, r.data, plan.ClientID.ValueString(), read)
	if obs == nil {
		return
	}
	owned := reconciler.AppState{}
	if state != nil {
		owned = ownedInState(ctx, *state, diags)
	}
	blamed := path.Root(applicationLists[0].name)
	err := reconciler.CheckClientUpdateAs(r.declare(ctx, plan, diags), owned, obs.ClientSettings, func(configName string) string {
		for _, l := range applicationLists {
			if l.list.ConfigName == configName {
				blamed = path.Root(l.name)
			}
		}
		return attrName(blamed.AtName("origins"))
	})
	if err != nil {
		diags.AddAttributeError(blamed.AtName("origins"), "Too many origins", err.Error())
	}
}

// listsChanged reports whether a list block of plan differs from state's.
func listsChanged(plan applicationModel, state *applicationModel) bool {
	for _, l := range applicationLists {
		part := *l.part(&plan)
		if part == nil || part.Origins.IsUnknown() {
			continue
		}
		if state == nil || *l.part(state) == nil || !(*l.part(state)).Origins.Equal(part.Origins) {
			return true
		}
	}
	return false
}

// claim records what the plan declares on the client, every known block in
// one claim, under the rules of the single-setting resources.
func (r *applicationResource) claim(ctx context.Context, plan applicationModel, diags *diag.Diagnostics) {
	app := r.declare(ctx, plan, diags)
	if len(settingClaims(app)) > 0 {
		r.data.Claims.claimAs(applicationClaimName(app), app.ClientID, app, path.Root("client_id"), diags)
	}
}

// declare is the application the plan declares: a block left out is not
// managed, so what it owned is released. A block known only after apply
// (at plan time) is left out too; at apply every block is known.
func (r *applicationResource) declare(ctx context.Context, plan applicationModel, diags *diag.Diagnostics) reconciler.Application {
	app := reconciler.Application{ClientID: plan.ClientID.ValueString()}
	for _, l := range applicationLists {
		if part := *l.part(&plan); part != nil && part.known() {
			l.declare(ctx, &app, *part, diags)
		}
	}
	if co := plan.CrossOriginAuth; co != nil && co.known() {
		want := co.desired()
		app.CrossOriginAuthentication = &want
	}
	return app
}

// showOwned puts in each block of m what st says the resource owns.
func (r *applicationResource) showOwned(m *applicationModel, st reconciler.AppState) {
	for _, l := range applicationLists {
		if part := *l.part(m); part != nil {
			l.showOwned(part, st)
		}
	}
	if m.CrossOriginAuth != nil {
		m.CrossOriginAuth.setPrior(priorOf(st))
	}
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	saveOwned(ctx, r.data, privateOwned, req.Plan, nil, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	saveOwned(ctx, r.data, privateOwned, req.Plan, req.Private, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

// apply writes every block to the client in one ApplyClient, so in one
// PATCH, and returns what the resource owns after.
func (r *applicationResource) apply(ctx context.Context, plan *applicationModel, owned reconciler.AppState, record func(reconciler.AppState) error, diags *diag.Diagnostics) (reconciler.AppState, bool) {
	clientID := plan.ClientID.ValueString()
	app := r.declare(ctx, *plan, diags)
	// Set before the write: record (the intent) saves the plan as state.
	plan.ID = types.StringValue(clientID)
	intent := func(_ context.Context, st reconciler.AppState) error {
		r.showOwned(plan, st)
		return record(st)
	}
	res, err := reconciler.ApplyClient(ctx, r.data.Session, app, owned, intent)
	if err != nil {
		diags.AddError("Cannot update the application", describe(err))
		return owned, false
	}
	if res.Client == nil {
		addUnknownClient(r.data, clientID, diags)
		return owned, false
	}
	for _, l := range applicationLists {
		if part := *l.part(plan); part != nil {
			l.showWritten(part, res)
		}
	}
	r.showOwned(plan, res.State)
	return res.State, true
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, obs, ok := loadAndReadClient(ctx, r.data, req, resp, func(m *applicationModel) types.String { return m.ClientID })
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	var owned reconciler.AppState
	if !getPrivate(ctx, req.Private, privateOwned, &owned, &resp.Diagnostics) {
		owned = r.adopt(&state, obs)
		setPrivate(ctx, resp.Private, privateOwned, owned, &resp.Diagnostics)
	}
	for _, l := range applicationLists {
		if part := *l.part(&state); part != nil && !l.refresh(ctx, part, obs, nonNil(l.list.Owned(owned)), &resp.Diagnostics) {
			return
		}
	}
	if state.CrossOriginAuth != nil {
		state.CrossOriginAuth.refresh(obs, priorOf(owned))
	}
	state.ID = types.StringValue(clientID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// adopt is an import: each list the client has becomes a block in merge
// mode, its entries managed; cross-origin authentication becomes a block,
// its values now what destroy restores. It returns what the resource owns.
func (r *applicationResource) adopt(m *applicationModel, obs *reconciler.ClientObservation) reconciler.AppState {
	var owned reconciler.AppState
	for _, l := range applicationLists {
		if len(l.list.Observed(obs.ClientSettings)) == 0 {
			continue // an empty block is not valid configuration
		}
		part := &originsPart{}
		owned = l.list.WithOwned(owned, l.adopt(part, obs))
		*l.part(m) = part
	}
	m.CrossOriginAuth = &crossOriginPart{}
	owned.PriorCrossOrigin = m.CrossOriginAuth.adopt(obs).owned()
	return owned
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := loadModel[applicationModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	var owned reconciler.AppState
	if !getPrivate(ctx, req.Private, privateOwned, &owned, &resp.Diagnostics) {
		// Terraform replaces a create that failed after its write (it is
		// tainted) without its private state: the state still says.
		owned = ownedInState(ctx, state, &resp.Diagnostics)
	}
	if !owned.Owns() {
		return // nothing to remove or restore
	}
	// One write releases every block; a client that is gone took them with it.
	if _, err := reconciler.ApplyClient(ctx, r.data.Session, reconciler.Application{ClientID: state.ClientID.ValueString()}, owned, nil); err != nil {
		resp.Diagnostics.AddError("Cannot release the application's settings", describe(err))
	}
}

// ownedInState is what the blocks in state say the resource owns.
func ownedInState(ctx context.Context, m applicationModel, diags *diag.Diagnostics) reconciler.AppState {
	var owned reconciler.AppState
	for _, l := range applicationLists {
		if part := *l.part(&m); part != nil {
			owned = l.list.WithOwned(owned, listStrings(ctx, part.Managed, diags))
		}
	}
	if m.CrossOriginAuth != nil {
		owned.PriorCrossOrigin = m.CrossOriginAuth.prior().owned()
	}
	return owned
}

// ImportState takes the client ID; Read adopts the client's current
// settings.
func (r *applicationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByClientID(ctx, "myaccount_application", req, resp)
}

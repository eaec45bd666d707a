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
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// originsSetting is one of the core's list settings offered as a resource:
// myaccount_allowed_origins or myaccount_web_origins. The core's descriptor
// knows the list; this adds only the resource's name and description.
type originsSetting struct {
	name        string // resource type suffix
	description string
	list        *reconciler.ListSetting
}

// entryValidator checks one entry of the list with the core's grammar.
func (s originsSetting) entryValidator() reconcilerRule {
	g := s.list.Grammar
	if g.Noun == reconciler.OriginGrammar.Noun {
		return originValidator
	}
	return reconcilerRule{description: "each entry is a valid " + g.Noun, summary: "Invalid " + g.Noun,
		fix: func(v string) string { _, fix := g.Canonical(v); return fix }}
}

// privateManagedOrigins is the private state key holding the origins this
// resource added to the client (and so may remove).
const privateManagedOrigins = "managed_origins"

type originsResource struct {
	resourceBase
	setting originsSetting
}

type originsModel struct {
	ID         types.String   `tfsdk:"id"`
	ClientID   types.String   `tfsdk:"client_id"`
	Origins    stringSetValue `tfsdk:"origins"`
	Exclusive  types.Bool     `tfsdk:"exclusive"`
	AllOrigins types.List     `tfsdk:"all_origins"`
	Managed    types.List     `tfsdk:"managed_origins"`
}

func (r *originsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: r.setting.description + "\n\n" +
			"In merge mode (`exclusive = false`, the default) the resource adds its origins and never touches the others on the client; " +
			"when an origin leaves `origins`, or on destroy, it removes only the origins it added itself. " +
			"With `exclusive = true` the list is the whole truth: other origins are removed. " +
			"Two resources of this type on one client may both merge; one with `exclusive = true` next to any other fails the plan, naming both.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_id": clientIDAttribute("whose `" + r.setting.list.Field + "` are managed"),
			"origins": schema.SetAttribute{
				CustomType:  newStringSetType(),
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The origins, each `scheme://host[:port]` with no path, query or trailing slash, such as `https://app.example.com` " +
					"or `http://localhost:3000`. A wildcard may only be the whole leftmost subdomain label, as in `https://*.example.com`; a bare `*` is rejected.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					entriesValidator{r.setting.entryValidator()},
					duplicatesValidator{list: r.setting.list},
				},
			},
			"exclusive": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "`false` (the default) merges `origins` into the client's list and leaves foreign origins alone; " +
					"`true` makes `origins` the client's whole list.",
			},
			// The computed lists are lists, sorted, not sets: Terraform checks
			// every refresh against the prior state comparing every pair of
			// a set's elements, which took most of a plan of 4,000 origins.
			"managed_origins": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The origins this resource added to the client, and so removes when they leave `origins` and on destroy; sorted. " +
					"Kept in state so that it survives a create that failed after its write: Terraform replaces such a resource without its private state.",
			},
			"all_origins": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Every origin in the client's `" + r.setting.list.Field + "`, including those not managed here, sorted.",
			},
		},
	}
}

func (r *originsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	read := checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	plan, _, state, ok := planModels[originsModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	if !plan.ClientID.IsUnknown() && !plan.Origins.IsUnknown() && !plan.Exclusive.IsUnknown() {
		clientID, list := plan.ClientID.ValueString(), setStrings(ctx, plan.Origins.SetValue, &resp.Diagnostics)
		r.data.Claims.claim(clientID, r.setting.list.Declare(clientID, list, plan.mode()), path.Root("exclusive"), &resp.Diagnostics)
	}
	if r.setting.list == reconciler.AllowedOrigins {
		r.crossOriginOffWarning(ctx, plan, state, read, &resp.Diagnostics)
	}
	r.checkUpdateSize(ctx, plan, state, read, &resp.Diagnostics)
	warnings, err := r.setting.list.EntryWarnings(ctx, knownStrings(plan.Origins.SetValue))
	for _, w := range warnings {
		resp.Diagnostics.AddAttributeWarning(path.Root("origins"), "Check the "+r.setting.list.Grammar.Noun, w)
	}
	addInterrupted(&resp.Diagnostics, "checking origins", err)
}

// checkUpdateSize refuses at plan time origins that would make the client's
// update larger than Auth0 accepts, so that no other resource writes first.
// Only when origins change; the client is the refresh's or the plan's read.
func (r *originsResource) checkUpdateSize(ctx context.Context, plan originsModel, state *originsModel, read *reconciler.ClientObservation, diags *diag.Diagnostics) {
	if plan.ClientID.IsUnknown() || plan.Origins.IsUnknown() || (state != nil && state.Origins.Equal(plan.Origins)) {
		return
	}
	clientID := plan.ClientID.ValueString()
	obs := observeForAdvice(ctx, r.data, clientID, read)
	if obs == nil {
		return
	}
	owned := reconciler.AppState{}
	if state != nil {
		owned = r.setting.list.WithOwned(owned, listStrings(ctx, state.Managed, diags))
	}
	app := r.setting.list.Declare(clientID, knownStrings(plan.Origins.SetValue), plan.mode())
	if err := reconciler.CheckClientUpdate(app, owned, obs.ClientSettings, "origins"); err != nil {
		diags.AddAttributeError(path.Root("origins"), "Too many origins", err.Error())
	}
}

// crossOriginOffWarning warns when origins are planned for a client whose
// cross_origin_authentication is off as observed. Only on create or when
// origins or client_id change, so an in-sync plan reads nothing more; read is
// the client when the plan already read it.
func (r *originsResource) crossOriginOffWarning(ctx context.Context, plan originsModel, state *originsModel, read *reconciler.ClientObservation, diags *diag.Diagnostics) {
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

func (m originsModel) mode() reconciler.OriginsMode {
	if m.Exclusive.ValueBool() {
		return reconciler.OriginsExclusive
	}
	return reconciler.OriginsMerge
}

// reconcile applies plan to the client through the core's lifecycle and
// returns the managed origins.
func (r *originsResource) reconcile(ctx context.Context, plan *originsModel, managed []string, record func([]string) error, diags *diag.Diagnostics) []string {
	clientID := plan.ClientID.ValueString()
	app := r.setting.list.Declare(clientID, setStrings(ctx, plan.Origins.SetValue, diags), plan.mode())
	owned := r.setting.list.WithOwned(reconciler.AppState{}, managed)
	// Set before the write: record (the intent) saves the plan as state.
	plan.ID = types.StringValue(clientID)
	intent := func(ctx context.Context, st reconciler.AppState) error {
		owned := nonNil(r.setting.list.Owned(st))
		plan.Managed = stringListOf(owned)
		return record(owned)
	}
	// The core checks that the list held against a concurrent writer, and
	// puts back what this resource owns.
	res, err := reconciler.ApplyClient(ctx, r.data.Session, app, owned, intent)
	if err != nil {
		diags.AddError("Cannot update "+r.setting.list.Field, describe(err))
		return nil
	}
	if res.Client == nil {
		addUnknownClient(r.data, clientID, diags)
		return nil
	}
	plan.AllOrigins = stringListOf(r.setting.list.Observed(res.Client.ClientSettings))
	plan.Managed = stringListOf(r.setting.list.Owned(res.State))
	return r.setting.list.Owned(res.State)
}

func (r *originsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	saveOwned(ctx, r.data, privateManagedOrigins, req.Plan, nil, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *originsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	saveOwned(ctx, r.data, privateManagedOrigins, req.Plan, req.Private, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *originsResource) apply(ctx context.Context, plan *originsModel, managed []string, record func([]string) error, diags *diag.Diagnostics) ([]string, bool) {
	managed = r.reconcile(ctx, plan, managed, record, diags)
	return nonNil(managed), !diags.HasError()
}

func (r *originsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := loadModel[originsModel](ctx, r.data, req.State, &resp.Diagnostics)
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
		managed = slices.Clone(r.setting.list.Observed(obs.ClientSettings))
		state.Origins = stringSetOf(managed)
		state.Exclusive = types.BoolValue(false)
		setPrivate(ctx, resp.Private, privateManagedOrigins, nonNil(managed), &resp.Diagnostics)
	}
	observed := r.setting.list.Observed(obs.ClientSettings)
	// State keeps the configured spelling of what the tenant holds (Auth0
	// stores https://App.Example.com as https://app.example.com), so that an
	// in-sync plan is empty.
	configured := setStrings(ctx, state.Origins.SetValue, &resp.Diagnostics)
	inTenant, err := r.setting.list.InTenantForm(ctx, observed, configured)
	if err != nil {
		addInterrupted(&resp.Diagnostics, "reading origins", err)
		return
	}
	if !state.Exclusive.ValueBool() {
		// Show exactly which of our origins disappeared from the client.
		ours := make(map[string]bool, len(configured))
		for _, o := range configured {
			ours[o] = true
		}
		inTenant = slices.DeleteFunc(inTenant, func(o string) bool { return !ours[o] })
	}
	state.Origins = stringSetOf(inTenant)
	state.ID = types.StringValue(clientID)
	state.AllOrigins = stringListOf(observed)
	state.Managed = stringListOf(managed)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *originsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := loadModel[originsModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	var managed []string
	if !getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics) {
		// Terraform replaces a create that failed after its write (it is
		// tainted) without its private state: the state still says.
		managed = listStrings(ctx, state.Managed, &resp.Diagnostics)
	}
	owned := r.setting.list.WithOwned(reconciler.AppState{}, managed)
	// A client that is gone took its origins with it.
	if _, err := reconciler.ApplyClient(ctx, r.data.Session, reconciler.Application{ClientID: state.ClientID.ValueString()}, owned, nil); err != nil {
		resp.Diagnostics.AddError("Cannot remove "+r.setting.list.Field, describe(err))
	}
}

// ImportState takes the client ID and adopts the client's current origins
// as managed, in merge mode.
func (r *originsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importByClientID(ctx, "myaccount_"+r.setting.name, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("exclusive"), false)...)
	}
}

// duplicatesValidator refuses entries that are the same once canonical,
// such as https://a.example.com beside https://A.example.com: Terraform's
// set keeps both, the tenant would hold one.
type duplicatesValidator struct{ list *reconciler.ListSetting }

func (v duplicatesValidator) Description(context.Context) string {
	return "no two " + v.list.Grammar.Noun + "s are the same once canonical"
}

func (v duplicatesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v duplicatesValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	dups, err := v.list.Duplicates(ctx, "", knownStrings(req.ConfigValue))
	for _, fe := range dups {
		fe.Field = attrName(req.Path)
		resp.Diagnostics.AddAttributeError(req.Path, "Duplicate "+v.list.Grammar.Noun, fe.Error())
	}
	addInterrupted(&resp.Diagnostics, "checking for duplicates", err)
}

// entriesValidator checks each entry of a set with rule, as
// setvalidator.ValueStringsAre does, and stops when the plan is
// interrupted.
type entriesValidator struct{ rule reconcilerRule }

func (v entriesValidator) Description(ctx context.Context) string { return v.rule.Description(ctx) }

func (v entriesValidator) MarkdownDescription(ctx context.Context) string {
	return v.rule.MarkdownDescription(ctx)
}

func (v entriesValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for i, e := range req.ConfigValue.Elements() {
		if err := reconciler.Interrupted(ctx, i); err != nil {
			addInterrupted(&resp.Diagnostics, "checking origins", err)
			return
		}
		s, ok := e.(types.String)
		if !ok {
			continue
		}
		entry := validator.StringRequest{Path: req.Path.AtSetValue(e), PathExpression: req.PathExpression.AtSetValue(e), ConfigValue: s, Config: req.Config}
		var out validator.StringResponse
		v.rule.ValidateString(ctx, entry, &out)
		resp.Diagnostics.Append(out.Diagnostics...)
	}
}

// addInterrupted reports a plan or read stopped by an interrupt (Terraform
// stops the provider on Ctrl-C, which ends the calls' contexts).
func addInterrupted(diags *diag.Diagnostics, doing string, err error) {
	if err == nil {
		return
	}
	diags.AddError("Interrupted", fmt.Sprintf("Stopped while %s: %v. Run the command again to finish it.", doing, err))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

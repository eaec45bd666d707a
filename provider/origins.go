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

// originsPart is what a list setting's resource manages on a client: the
// attributes of myaccount_allowed_origins beside client_id, and the
// allowed_origins block of myaccount_application.
type originsPart struct {
	Origins    stringSetValue `tfsdk:"origins"`
	Exclusive  types.Bool     `tfsdk:"exclusive"`
	AllOrigins types.List     `tfsdk:"all_origins"`
	Managed    types.List     `tfsdk:"managed_origins"`
}

type originsModel struct {
	ID       types.String `tfsdk:"id"`
	ClientID types.String `tfsdk:"client_id"`
	originsPart
}

// modeDescription is what the resource and the application block say about
// merge and exclusive mode.
const modeDescription = "In merge mode (`exclusive = false`, the default) the resource adds its origins and never touches the others on the client; " +
	"when an origin leaves `origins`, or on destroy, it removes only the origins it added itself. " +
	"With `exclusive = true` the list is the whole truth: other origins are removed. " +
	"Two resources of this type on one client may both merge; one with `exclusive = true` next to any other fails the plan, naming both."

func (r *originsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := r.setting.attributes()
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "The client ID.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["client_id"] = clientIDAttribute("whose `" + r.setting.list.Field + "` are managed")
	resp.Schema = schema.Schema{MarkdownDescription: r.setting.description + "\n\n" + modeDescription, Attributes: attrs}
}

// attributes are the schema of an originsPart.
func (s originsSetting) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"origins": schema.SetAttribute{
			CustomType:  newStringSetType(),
			Required:    true,
			ElementType: types.StringType,
			MarkdownDescription: "The origins, each `scheme://host[:port]` with no path, query or trailing slash, such as `https://app.example.com` " +
				"or `http://localhost:3000`. A wildcard may only be the whole leftmost subdomain label, as in `https://*.example.com`; a bare `*` is rejected.",
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				entriesValidator{s.entryValidator()},
				duplicatesValidator{list: s.list},
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
			MarkdownDescription: "Every origin in the client's `" + s.list.Field + "`, including those not managed here, sorted.",
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
	if !plan.ClientID.IsUnknown() && plan.known() {
		clientID := plan.ClientID.ValueString()
		r.data.Claims.claim(clientID, r.setting.list.Declare(clientID, setStrings(ctx, plan.Origins.SetValue, &resp.Diagnostics), plan.mode()), path.Root("exclusive"), &resp.Diagnostics)
	}
	var prior *originsPart
	if state != nil && state.ClientID.Equal(plan.ClientID) {
		prior = &state.originsPart
	}
	check := partCheck{data: r.data, at: path.Empty(), clientID: plan.ClientID, read: read, warnCrossOriginOff: true}
	r.setting.checkPlan(ctx, check, plan.originsPart, prior, &resp.Diagnostics)
}

// partCheck is where and on which client a part is checked at plan time.
type partCheck struct {
	data     *providerData
	at       path.Path // the part's attributes are under it
	clientID types.String
	read     *reconciler.ClientObservation // the plan's read of the client, if any
	// warnCrossOriginOff: the plan does not itself turn cross-origin
	// authentication on, so allowed origins warn when it is off.
	warnCrossOriginOff bool
	// sizeCheckedWhole: the resource checks the size of its whole update,
	// every list it declares, so the part does not check its own.
	sizeCheckedWhole bool
}

// attr is the path of one of the part's attributes.
func (c partCheck) attr(name string) path.Path { return c.at.AtName(name) }

// checkPlan is the plan-time advice and limits of one part; prior is the
// part in state on the same client, nil on create.
func (s originsSetting) checkPlan(ctx context.Context, c partCheck, plan originsPart, prior *originsPart, diags *diag.Diagnostics) {
	if s.list == reconciler.AllowedOrigins && c.warnCrossOriginOff {
		s.crossOriginOffWarning(ctx, c, plan, prior, diags)
	}
	if !c.sizeCheckedWhole {
		s.checkUpdateSize(ctx, c, plan, prior, diags)
	}
	warnings, err := s.list.EntryWarnings(ctx, knownStrings(plan.Origins.SetValue))
	for _, w := range warnings {
		diags.AddAttributeWarning(c.attr("origins"), "Check the "+s.list.Grammar.Noun, w)
	}
	addInterrupted(diags, "checking origins", err)
}

// checkUpdateSize refuses at plan time origins that would make the client's
// update larger than Auth0 accepts, so that no other resource writes first.
// Only when origins change; the client is the refresh's or the plan's read.
func (s originsSetting) checkUpdateSize(ctx context.Context, c partCheck, plan originsPart, prior *originsPart, diags *diag.Diagnostics) {
	if c.clientID.IsUnknown() || plan.Origins.IsUnknown() || (prior != nil && prior.Origins.Equal(plan.Origins)) {
		return
	}
	clientID := c.clientID.ValueString()
	obs := observeForAdvice(ctx, c.data, clientID, c.read)
	if obs == nil {
		return
	}
	owned := reconciler.AppState{}
	if prior != nil {
		owned = s.list.WithOwned(owned, listStrings(ctx, prior.Managed, diags))
	}
	app := s.list.Declare(clientID, knownStrings(plan.Origins.SetValue), plan.mode())
	if err := reconciler.CheckClientUpdate(app, owned, obs.ClientSettings, attrName(c.attr("origins"))); err != nil {
		diags.AddAttributeError(c.attr("origins"), "Too many origins", err.Error())
	}
}

// crossOriginOffWarning warns when origins are planned for a client whose
// cross_origin_authentication is off as observed. Only on create or when
// origins change, so an in-sync plan reads nothing more.
func (s originsSetting) crossOriginOffWarning(ctx context.Context, c partCheck, plan originsPart, prior *originsPart, diags *diag.Diagnostics) {
	if c.clientID.IsUnknown() || plan.Origins.IsUnknown() || plan.Origins.IsNull() || len(plan.Origins.Elements()) == 0 {
		return
	}
	if prior != nil && prior.Origins.Equal(plan.Origins) {
		return
	}
	clientID := c.clientID.ValueString()
	obs := observeForAdvice(ctx, c.data, clientID, c.read)
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
		diags.AddAttributeWarning(c.attr("origins"), "Cross-origin authentication is off",
			fmt.Sprintf("Client %s: %s. Turn it on with a myaccount_cross_origin_auth resource (or the cross_origin_auth block of myaccount_application); "+
				"if a myaccount_cross_origin_auth resource in this configuration turns it on, ignore this.", clientID, w.Message))
	}
}

func (p originsPart) mode() reconciler.OriginsMode {
	if p.Exclusive.ValueBool() {
		return reconciler.OriginsExclusive
	}
	return reconciler.OriginsMerge
}

// known: the part's declaration is known at plan time.
func (p originsPart) known() bool { return !p.Origins.IsUnknown() && !p.Exclusive.IsUnknown() }

// declare adds the part's list to app.
func (s originsSetting) declare(ctx context.Context, app *reconciler.Application, p originsPart, diags *diag.Diagnostics) {
	s.list.SetDeclared(app, setStrings(ctx, p.Origins.SetValue, diags), p.mode())
}

// showOwned puts in the part what st says the resource owns of the list.
func (s originsSetting) showOwned(p *originsPart, st reconciler.AppState) {
	p.Managed = stringListOf(s.list.Owned(st))
}

// showWritten puts in the part the list as written and what it owns after.
func (s originsSetting) showWritten(p *originsPart, res reconciler.ClientResult) {
	p.AllOrigins = stringListOf(s.list.Observed(res.Client.ClientSettings))
	s.showOwned(p, res.State)
}

// reconcile applies plan to the client through the core's lifecycle and
// returns the managed origins.
func (r *originsResource) reconcile(ctx context.Context, plan *originsModel, managed []string, record func([]string) error, diags *diag.Diagnostics) []string {
	clientID := plan.ClientID.ValueString()
	app := reconciler.Application{ClientID: clientID}
	r.setting.declare(ctx, &app, plan.originsPart, diags)
	owned := r.setting.list.WithOwned(reconciler.AppState{}, managed)
	// Set before the write: record (the intent) saves the plan as state.
	plan.ID = types.StringValue(clientID)
	intent := func(ctx context.Context, st reconciler.AppState) error {
		r.setting.showOwned(&plan.originsPart, st)
		return record(nonNil(r.setting.list.Owned(st)))
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
	r.setting.showWritten(&plan.originsPart, res)
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
	state, obs, ok := loadAndReadClient(ctx, r.data, req, resp, func(m *originsModel) types.String { return m.ClientID })
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	var managed []string
	if !getPrivate(ctx, req.Private, privateManagedOrigins, &managed, &resp.Diagnostics) {
		managed = r.setting.adopt(&state.originsPart, obs)
		setPrivate(ctx, resp.Private, privateManagedOrigins, nonNil(managed), &resp.Diagnostics)
	}
	if !r.setting.refresh(ctx, &state.originsPart, obs, managed, &resp.Diagnostics) {
		return
	}
	state.ID = types.StringValue(clientID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// adopt is an import: every current entry becomes managed, in merge mode.
// It returns the managed entries.
func (s originsSetting) adopt(p *originsPart, obs *reconciler.ClientObservation) []string {
	managed := slices.Clone(s.list.Observed(obs.ClientSettings))
	p.Origins = stringSetOf(managed)
	p.Exclusive = types.BoolValue(false)
	return managed
}

// refresh sets the part from the client as observed; false when the read
// was interrupted.
func (s originsSetting) refresh(ctx context.Context, p *originsPart, obs *reconciler.ClientObservation, managed []string, diags *diag.Diagnostics) bool {
	observed := s.list.Observed(obs.ClientSettings)
	// State keeps the configured spelling of what the tenant holds (Auth0
	// stores https://App.Example.com as https://app.example.com), so that an
	// in-sync plan is empty.
	configured := setStrings(ctx, p.Origins.SetValue, diags)
	inTenant, err := s.list.InTenantForm(ctx, observed, configured)
	if err != nil {
		addInterrupted(diags, "reading origins", err)
		return false
	}
	if !p.Exclusive.ValueBool() {
		// Show exactly which of our origins disappeared from the client.
		ours := make(map[string]bool, len(configured))
		for _, o := range configured {
			ours[o] = true
		}
		inTenant = slices.DeleteFunc(inTenant, func(o string) bool { return !ours[o] })
	}
	p.Origins = stringSetOf(inTenant)
	p.AllOrigins = stringListOf(observed)
	p.Managed = stringListOf(managed)
	return true
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

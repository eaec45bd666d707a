package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

type userAccessResource struct{ resourceBase }

func newUserAccessResource() resource.Resource {
	return &userAccessResource{resourceBase{name: "user_access"}}
}

type userAccessModel struct {
	ID        types.String `tfsdk:"id"`
	SystemAPI types.String `tfsdk:"system_api"`
	ClientID  types.String `tfsdk:"client_id"`
	Scopes    types.Set    `tfsdk:"scopes"`
	Audience  types.String `tfsdk:"audience"`
}

func (r *userAccessResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lets an application get My Account API tokens for its users: the one client grant with `subject_type = user` " +
			"for the client and the My Account API audience; with `system_api = \"my_organization\"`, the same for the My Organization API.\n\n" +
			"The scopes are checked at plan time against the scopes the tenant's API offers. " +
			"A grant that already exists and was not created by this resource is reported, never silently adopted: import it instead.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client grant id.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"system_api": systemAPIAttribute("the grant is for"),
			"client_id":  clientIDAttribute("that gets user access"),
			"scopes": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The scopes to grant, such as `read:me:authentication_methods` (`read:my_org:details` for the My Organization API). " +
					"Each must be offered by the tenant's API (see the `scopes` of `myaccount_api`).",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
			},
			"audience": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The audience of the API the grant is for. Defaults to `https://{domain}/me/` (`/my-org/` for `my_organization`) for the provider's domain; " +
					"set it to `myaccount_api.<name>.audience` to follow a custom audience domain (and to order the grant after the activation).",
			},
		},
	}
}

// addScopeErrors reports each scope the system API a does not offer on p.
func addScopeErrors(a reconciler.SystemAPI, scopes, offered []string, p path.Path, diags *diag.Diagnostics) {
	for _, e := range reconciler.ValidateScopesFor(a, "scopes", scopes, offered) {
		diags.AddAttributeError(p, "Unknown scope", e.Error())
	}
}

func (r *userAccessResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	plan, config, state, ok := planModels[userAccessModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	sys := systemAPI(plan.SystemAPI)
	if config.Audience.IsNull() {
		plan.Audience = types.StringValue(sys.Audience(r.data.Domain))
	}
	if state != nil && !plan.Audience.Equal(state.Audience) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("audience"))
		plan.ID = types.StringUnknown()
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)

	checkUserAccessAudience(ctx, r.data, sys, plan.Audience, &resp.Diagnostics)
	checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	// Scopes: checked against the tenant whenever they (or the audience) change.
	if plan.Scopes.IsUnknown() || slices.ContainsFunc(plan.Scopes.Elements(), func(v attr.Value) bool { return v.IsUnknown() }) {
		return
	}
	scopes := setStrings(ctx, plan.Scopes, &resp.Diagnostics)
	if !plan.ClientID.IsUnknown() && !plan.Audience.IsUnknown() {
		clientID := plan.ClientID.ValueString()
		r.data.Claims.claim(grantKey(clientID, plan.Audience.ValueString()), reconciler.Application{ClientID: clientID, UserAccess: &reconciler.UserAccess{Scopes: scopes}}, path.Root("scopes"), &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if state != nil && plan.Scopes.Equal(state.Scopes) && plan.Audience.Equal(state.Audience) {
		return
	}
	offered := slices.Clone(sys.Scopes)
	if !plan.Audience.IsUnknown() {
		obs, err := r.data.Session.API(ctx, plan.Audience.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("scopes"), "Cannot read the "+sys.Name+" scopes", describe(err))
			return
		}
		offered = reconciler.OfferedScopes(obs)
	}
	addScopeErrors(sys, scopes, offered, path.Root("scopes"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.mfaWarning(ctx, scopes, &resp.Diagnostics)
	if state != nil || plan.ClientID.IsUnknown() || plan.Audience.IsUnknown() {
		return
	}
	// Create: a grant someone else made is reported now, not adopted at apply.
	clientID := plan.ClientID.ValueString()
	g, err := r.grants().Observe(ctx, clientID, plan.Audience.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "Cannot read the client's user grants", describe(err))
		return
	}
	// The replacement of this resource's own tainted create (see Read) is
	// not refused: the destroy of the tainted object deletes the grant
	// before this create, and with create_before_destroy the create still
	// meets the grant and refuses it at apply.
	if g.Exists && !r.data.Claims.takeReplaced(grantKey(clientID, plan.Audience.ValueString()), g.ID) {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "User grant already exists", existingGrant(clientID, plan.Audience.ValueString(), g, scopes).Error())
	}
}

// grantKey is how claims name a client's user grant for an audience.
func grantKey(clientID, audience string) string { return clientID + " " + audience }

// mfaWarning warns when authentication-method write scopes are granted while
// the tenant has no MFA policy. It is advice: a failed read (for example a
// token without read:mfa_policies) only skips it.
func (r *userAccessResource) mfaWarning(ctx context.Context, scopes []string, diags *diag.Diagnostics) {
	d := reconciler.Desired{API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{{UserAccess: &reconciler.UserAccess{Scopes: scopes}}}}
	if !reconciler.NeedsMFACheck(d) {
		return
	}
	policies, err := reconciler.MFAPolicies(ctx, r.data.M)
	if err != nil {
		return
	}
	for _, w := range reconciler.Warnings(d, policies, true) {
		diags.AddAttributeWarning(path.Root("scopes"), "No MFA policy", w.Message)
	}
}

// grantConflictIn is a grant conflict worded with Terraform's remedy; it
// still unwraps to the core's error.
type grantConflictIn struct {
	*reconciler.GrantConflictError
	takeOver string // the fix, in Terraform's terms
}

func (e grantConflictIn) Error() string { return e.WithFix(e.takeOver) }

func (e grantConflictIn) Unwrap() error { return e.GrantConflictError }

// existingGrant explains a grant this resource does not own.
func existingGrant(clientID, audience string, g reconciler.GrantObservation, desired []string) error {
	conflict := &reconciler.GrantConflictError{Audience: audience, ClientID: clientID, GrantID: g.ID, Observed: g.Scopes, Desired: desired}
	return grantConflictIn{conflict, fmt.Sprintf("to manage it here, import it (terraform import <address> %s,%s), or delete it in %s, then apply again", clientID, audience, conflict.GrantsDashboard())}
}

func (r *userAccessResource) grants() reconciler.UserAccessReconciler {
	return reconciler.UserAccessReconciler{Session: r.data.Session}
}

// observeGrant reads the user grant of m's client and audience.
func (r *userAccessResource) observeGrant(ctx context.Context, m userAccessModel, diags *diag.Diagnostics) (reconciler.GrantObservation, bool) {
	obs, err := r.grants().Observe(ctx, m.ClientID.ValueString(), m.Audience.ValueString())
	if err != nil {
		diags.AddError("Cannot read the client's user grants", describe(err))
		return obs, false
	}
	return obs, true
}

func (r *userAccessResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ok := loadModel[userAccessModel](ctx, r.data, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID, audience := plan.ClientID.ValueString(), plan.Audience.ValueString()
	scopes := setStrings(ctx, plan.Scopes, &resp.Diagnostics)
	grants := r.grants()
	// Before the POST: a state without an id, and the intent in private
	// state. Should the answer (with the new grant's id) be lost, Terraform
	// keeps both with the error, and the next refresh takes the client's
	// grant as this resource's (see Read). See saveOwned for what Terraform
	// can and cannot keep.
	grants.Intent = func(ctx context.Context) error {
		var d diag.Diagnostics
		intent := plan
		intent.ID = types.StringValue("")
		setPrivate(ctx, resp.Private, privateGrantIntent, true, &d)
		recordState(ctx, &resp.State, &intent, &d)
		if d.HasError() {
			return fmt.Errorf("record the grant about to be created in Terraform's private state: %v", d.Errors())
		}
		return nil
	}
	out, err := grants.Create(ctx, clientID, audience, reconciler.UserAccess{Scopes: scopes})
	var conflict *reconciler.GrantConflictError
	if errors.As(err, &conflict) {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "User grant already exists", existingGrant(clientID, audience, out, scopes).Error())
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot grant user access", describe(err))
		return
	}
	plan.ID = types.StringValue(out.ID)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateGrantIntent, nil)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// privateGrantIntent, true, says the resource was about to create its
// grant and never learned the id.
const privateGrantIntent = "grant_intent"

func (r *userAccessResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := loadModel[userAccessModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if state.Audience.IsNull() || state.Audience.ValueString() == "" {
		state.Audience = types.StringValue(systemAPI(state.SystemAPI).Audience(r.data.Domain))
	}
	state.SystemAPI = keyOf(state.SystemAPI, state.Audience.ValueString())
	obs, ok := r.observeGrant(ctx, state, &resp.Diagnostics)
	if !ok {
		return
	}
	// An import, or a create whose answer was lost (the grant intent): the
	// client's grant, if there is one, is this resource's; none means the
	// create never landed.
	importing := state.ID.IsNull() || state.ID.ValueString() == ""
	if !obs.Exists || (!importing && obs.ID != state.ID.ValueString()) {
		resp.State.RemoveResource(ctx)
		return
	}
	var intent bool
	if getPrivate(ctx, req.Private, privateGrantIntent, &intent, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateGrantIntent, nil)...)
		// That create failed, so Terraform keeps this object as tainted and
		// plans its replacement next, in this process.
		r.data.Claims.holdForReplacement(grantKey(state.ClientID.ValueString(), state.Audience.ValueString()), obs.ID)
	}
	state.ID = types.StringValue(obs.ID)
	state.Scopes = stringSet(obs.Scopes)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *userAccessResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, ok := loadModel[userAccessModel](ctx, r.data, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	state, ok := loadModel[userAccessModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID, audience := plan.ClientID.ValueString(), plan.Audience.ValueString()
	out, _, err := r.grants().Reconcile(ctx, clientID, audience, &reconciler.UserAccess{Scopes: setStrings(ctx, plan.Scopes, &resp.Diagnostics)}, state.ID.ValueString())
	var conflict *reconciler.GrantConflictError
	if errors.As(err, &conflict) {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "User grant not owned by this resource", describe(err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot update user access", describe(err))
		return
	}
	plan.ID = types.StringValue(out.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *userAccessResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := loadModel[userAccessModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if _, _, err := r.grants().Reconcile(ctx, state.ClientID.ValueString(), state.Audience.ValueString(), nil, state.ID.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot remove user access", describe(err))
	}
}

// ImportState takes "<client_id>" (the provider domain's My Account API) or
// "<client_id>,<audience>" (the audience says which system API).
func (r *userAccessResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	clientID, audience, _ := strings.Cut(strings.TrimSpace(req.ID), ",")
	clientID, audience = strings.TrimSpace(clientID), strings.TrimSpace(audience)
	if clientID == "" {
		resp.Diagnostics.AddError("Missing import id", "Import myaccount_user_access by \"<client_id>\" or \"<client_id>,<audience>\".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), clientID)...)
	if audience != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("audience"), audience)...)
	}
}

package provider

import (
	"context"
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

// privateRefreshPolicy is the private state key holding the core's record
// of the policy entry this resource wrote (reconciler.OwnedRefreshPolicy):
// the entry before its first change is what destroy restores.
const privateRefreshPolicy = "refresh_token_policy"

type refreshTokenPolicyResource struct{ resourceBase }

func newRefreshTokenPolicyResource() resource.Resource {
	return &refreshTokenPolicyResource{resourceBase{name: "refresh_token_policy"}}
}

type refreshTokenPolicyModel struct {
	ID          types.String `tfsdk:"id"`
	ClientID    types.String `tfsdk:"client_id"`
	Scopes      types.Set    `tfsdk:"scopes"`
	Audience    types.String `tfsdk:"audience"`
	PriorScopes types.Set    `tfsdk:"prior_scopes"`
	SystemAPI   types.String `tfsdk:"system_api"`
}

func (r *refreshTokenPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lets an application that keeps its session with refresh tokens (auth0-spa-js `useRefreshTokens: true`, " +
			"as browsers that block third-party cookies need) get My Account API tokens: the client's `refresh_token.policies` entry " +
			"for the My Account API audience (Multi-Resource Refresh Token); with `system_api = \"my_organization\"`, the entry for the My Organization API.\n\n" +
			"Only that entry is managed: entries for other APIs and every other `refresh_token` setting (rotation, lifetimes) are kept as they are. " +
			"Destroy restores the entry the client had before this resource first changed it, or removes it when there was none " +
			"(on import: the entry at import time).\n\n" +
			"Auth0 ignores a policy for an API that is not active: set `audience = myaccount_api.<name>.audience`, so that Terraform " +
			"activates the API first (and, on destroy, removes the entry before it deactivates the API), as for `myaccount_user_access`. " +
			"The client must be first-party. The scopes are checked at plan time against the scopes the API offers, " +
			"and the plan warns about scopes the client's user grant for the API (`myaccount_user_access` with the same `system_api`) does not cover, which a refreshed token will not carry.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_id":  clientIDAttribute("whose refresh-token policy entry is managed"),
			"system_api": systemAPIAttribute("the entry is for"),
			"scopes": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The API's scopes a refreshed token may carry, such as `read:me:authentication_methods` (My Account) or `read:my_org:details` (My Organization). " +
					"Each must be offered by the tenant's API (see the `scopes` of `myaccount_api`).",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
			},
			"audience": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The system API audience of the entry. Defaults to `https://{domain}/me/` (My Account) or `https://{domain}/my-org/` (My Organization) for the provider's domain; " +
					"set it to `myaccount_api.<name>.audience` to follow a custom audience domain and to order the entry after the activation. " +
					"Changing it replaces the resource.",
			},
			"prior_scopes": schema.SetAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The scopes of the client's entry for the audience before this resource first changed it, restored on destroy; " +
					"null when there was no entry (destroy removes it).",
			},
		},
	}
}

func (r *refreshTokenPolicyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	plan, config, state, ok := planModels[refreshTokenPolicyModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	sys := systemAPI(plan.SystemAPI)
	if config.Audience.IsNull() {
		plan.Audience = types.StringValue(sys.Audience(r.data.Domain))
	}
	if state != nil && !plan.Audience.Equal(state.Audience) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("audience"))
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	r.checkAudience(sys, plan.Audience, &resp.Diagnostics)
	read := checkClientExists(ctx, r.data, req, &resp.Diagnostics)
	if fe := reconciler.CheckPolicyClient("client_id", &reconciler.RefreshTokenPolicy{}, read); fe != nil {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "Third-party application", fe.Error())
	}
	if resp.Diagnostics.HasError() || plan.ClientID.IsUnknown() || plan.Audience.IsUnknown() ||
		plan.Scopes.IsUnknown() || slices.ContainsFunc(plan.Scopes.Elements(), func(v attr.Value) bool { return v.IsUnknown() }) {
		return
	}
	app := plan.declared(ctx, &resp.Diagnostics)
	r.data.Claims.claim(policyKey(sys, app), app, path.Root("scopes"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() || (state != nil && plan.Scopes.Equal(state.Scopes) && plan.Audience.Equal(state.Audience)) {
		return // in sync: nothing more to read
	}
	r.checkScopes(ctx, sys, app, &resp.Diagnostics)
}

// checkAudience accepts an audience of the system API sys (system_api),
// and says why the Management API can never be one.
func (r *refreshTokenPolicyResource) checkAudience(sys reconciler.SystemAPI, audience types.String, diags *diag.Diagnostics) {
	if audience.IsUnknown() || audience.IsNull() {
		return
	}
	aud := audience.ValueString()
	fe := reconciler.ValidatePolicyAudience(sys, "audience", aud)
	if _, ok := sys.DomainOf(aud); fe == nil && !ok {
		fix := fmt.Sprintf("this resource manages the entry for the %s: use https://{domain}%s, such as %s, or myaccount_api.<name>.audience", sys.Name, sys.Path, sys.Audience(r.data.Domain))
		if other, isOther := systemAPIOfAudience(aud); isOther {
			fix = fmt.Sprintf("it is the %s's audience, and system_api is %q: set system_api = %q", other.Name, sys.Key, other.Key)
		}
		fe = &reconciler.FieldError{Field: "audience", Value: aud, Fix: fix}
	}
	if fe != nil {
		diags.AddAttributeError(path.Root("audience"), "Not a "+sys.Name+" audience", fe.Error())
	}
}

// policyKey is how claims name a client's policy entry for an audience.
func policyKey(sys reconciler.SystemAPI, app reconciler.Application) string {
	return app.ClientID + " refresh_token " + sys.PolicyOf(app).Audience
}

// declared is the core's model of the resource: one application with
// only its policy, for the system API the resource names.
func (m refreshTokenPolicyModel) declared(ctx context.Context, diags *diag.Diagnostics) reconciler.Application {
	return systemAPI(m.SystemAPI).WithPolicy(reconciler.Application{ClientID: m.ClientID.ValueString()}, &reconciler.RefreshTokenPolicy{
		Scopes: setStrings(ctx, m.Scopes, diags), Audience: m.Audience.ValueString()})
}

// checkScopes refuses scopes the API does not offer, and warns about
// those the client's user grant does not cover (advice: a failed grant
// read skips it).
func (r *refreshTokenPolicyResource) checkScopes(ctx context.Context, sys reconciler.SystemAPI, app reconciler.Application, diags *diag.Diagnostics) {
	p := sys.PolicyOf(app)
	obs, err := r.data.Session.API(ctx, p.Audience)
	if err != nil {
		diags.AddAttributeError(path.Root("scopes"), "Cannot read the "+sys.Name+" scopes", describe(err))
		return
	}
	for _, e := range reconciler.ValidatePolicyScopes(sys, "scopes", p.Scopes, reconciler.OfferedScopes(obs)) {
		diags.AddAttributeError(path.Root("scopes"), "Unknown scope", e.Error())
	}
	if diags.HasError() {
		return
	}
	g, err := (reconciler.UserAccessReconciler{Session: r.data.Session}).Observe(ctx, app.ClientID, p.Audience)
	if err != nil {
		return
	}
	grant := fmt.Sprintf("a myaccount_user_access resource for the client with system_api = %q", sys.Key)
	if w := reconciler.PolicyGrantWarning(sys, "scopes", p, g.Scopes, g.Exists, grant); w != nil {
		diags.AddAttributeWarning(path.Root("scopes"), "Scopes the user grant does not cover",
			w.Message+". If a myaccount_user_access resource in this configuration grants them, ignore this.")
	}
}

// reconcile makes the client match plan through the core's lifecycle (nil
// plan: release what owned records) and returns what the resource owns after.
func (r *refreshTokenPolicyResource) reconcile(ctx context.Context, sys reconciler.SystemAPI, clientID string, plan *refreshTokenPolicyModel, owned *reconciler.OwnedRefreshPolicy, record func(*reconciler.OwnedRefreshPolicy) error, diags *diag.Diagnostics) (*reconciler.OwnedRefreshPolicy, bool) {
	app := reconciler.Application{ClientID: clientID}
	if plan != nil {
		app = plan.declared(ctx, diags)
	}
	var intent reconciler.Intent
	if record != nil {
		intent = func(_ context.Context, st reconciler.AppState) error {
			if plan != nil {
				plan.setPrior(sys.OwnedPolicyOf(st))
			}
			return record(sys.OwnedPolicyOf(st))
		}
	}
	res, err := reconciler.ApplyClient(ctx, r.data.Session, app, sys.WithOwnedPolicy(reconciler.AppState{}, owned), intent)
	if err != nil {
		diags.AddError("Cannot update the refresh-token policy", describe(err))
		return owned, false
	}
	if res.Client == nil && plan != nil {
		addUnknownClient(r.data, clientID, diags)
		return owned, false
	}
	return sys.OwnedPolicyOf(res.State), true
}

// setPrior shows in state what destroy restores: Terraform replaces a
// create that failed after its write (it is tainted) without its private
// state, so Delete falls back on it.
func (m *refreshTokenPolicyModel) setPrior(owned *reconciler.OwnedRefreshPolicy) {
	m.PriorScopes = types.SetNull(types.StringType)
	if owned != nil && owned.Prior != nil {
		m.PriorScopes = stringSet(*owned.Prior)
	}
}

func (r *refreshTokenPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	saveOwned(ctx, r.data, privateRefreshPolicy, req.Plan, nil, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *refreshTokenPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	saveOwned(ctx, r.data, privateRefreshPolicy, req.Plan, req.Private, resp.Private, &resp.State, &resp.Diagnostics, r.apply)
}

func (r *refreshTokenPolicyResource) apply(ctx context.Context, plan *refreshTokenPolicyModel, owned *reconciler.OwnedRefreshPolicy, record func(*reconciler.OwnedRefreshPolicy) error, diags *diag.Diagnostics) (*reconciler.OwnedRefreshPolicy, bool) {
	clientID := plan.ClientID.ValueString()
	plan.ID = types.StringValue(clientID)
	owned, ok := r.reconcile(ctx, systemAPI(plan.SystemAPI), clientID, plan, owned, record, diags)
	if ok && owned == nil {
		// The entry was already as declared: from now on it is this
		// resource's, and destroy leaves it as it found it.
		scopes := setStrings(ctx, plan.Scopes, diags)
		owned = &reconciler.OwnedRefreshPolicy{Audience: plan.Audience.ValueString(), Scopes: scopes, Prior: &scopes}
	}
	plan.setPrior(owned)
	return owned, ok
}

func (r *refreshTokenPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := loadModel[refreshTokenPolicyModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID := state.ClientID.ValueString()
	if state.Audience.IsNull() || state.Audience.ValueString() == "" {
		state.Audience = types.StringValue(systemAPI(state.SystemAPI).Audience(r.data.Domain))
	}
	state.SystemAPI = keyOf(state.SystemAPI, state.Audience.ValueString())
	sys := systemAPI(state.SystemAPI)
	obs := readClient(ctx, r.data, clientID, resp)
	if obs == nil {
		return
	}
	var owned *reconciler.OwnedRefreshPolicy
	scopes := reconciler.PolicyScopesOn(sys, obs.ClientSettings, state.Audience.ValueString(), reconciler.AppState{})
	if !getPrivate(ctx, req.Private, privateRefreshPolicy, &owned, &resp.Diagnostics) {
		// Import: the entry now is what destroy restores.
		owned = &reconciler.OwnedRefreshPolicy{Audience: state.Audience.ValueString(), Scopes: scopes}
		if scopes != nil {
			owned.Prior = &scopes
		}
		setPrivate(ctx, resp.Private, privateRefreshPolicy, owned, &resp.Diagnostics)
	}
	state.ID = types.StringValue(clientID)
	state.Scopes = stringSet(scopes)
	state.setPrior(owned)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *refreshTokenPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := loadModel[refreshTokenPolicyModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	var owned *reconciler.OwnedRefreshPolicy
	if !getPrivate(ctx, req.Private, privateRefreshPolicy, &owned, &resp.Diagnostics) {
		// The replacement of a failed create: what state shows.
		owned = &reconciler.OwnedRefreshPolicy{Audience: state.Audience.ValueString()}
		if !state.PriorScopes.IsNull() && !state.PriorScopes.IsUnknown() {
			prior := setStrings(ctx, state.PriorScopes, &resp.Diagnostics)
			owned.Prior = &prior
		}
	}
	if owned == nil || owned.Audience == "" {
		return // nothing known to restore
	}
	r.reconcile(ctx, systemAPI(keyOf(state.SystemAPI, owned.Audience)), state.ClientID.ValueString(), nil, owned, nil, &resp.Diagnostics)
}

// ImportState takes "<client_id>" (the My Account entry) or
// "<client_id>,<audience>" (the audience says which system API, as for
// myaccount_user_access); the entry at import time is what destroy restores.
func (r *refreshTokenPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	clientID, audience, _ := strings.Cut(req.ID, ",")
	req.ID = clientID
	if importByClientID(ctx, "myaccount_refresh_token_policy", req, resp) && strings.TrimSpace(audience) != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("audience"), strings.TrimSpace(audience))...)
	}
}

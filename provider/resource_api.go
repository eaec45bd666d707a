package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

const (
	deletionRetain = "retain"
	deletionDelete = "delete"
)

type apiResource struct{ resourceBase }

func newAPIResource() resource.Resource { return &apiResource{resourceBase{name: "api"}} }

type apiModel struct {
	ID               types.String `tfsdk:"id"`
	SystemAPI        types.String `tfsdk:"system_api"`
	AudienceDomain   types.String `tfsdk:"audience_domain"`
	UserAccessPolicy types.String `tfsdk:"user_access_policy"`
	DeletionPolicy   types.String `tfsdk:"deletion_policy"`
	Audience         types.String `tfsdk:"audience"`
	Name             types.String `tfsdk:"name"`
	Scopes           types.Set    `tfsdk:"scopes"`
}

func (r *apiResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Activates the Auth0 **My Account API** (the system API with the identifier `https://{audience_domain}/me/`), " +
			"or with `system_api = \"my_organization\"` the **My Organization API** (`https://{audience_domain}/my-org/`, Early Access), " +
			"and sets its user access policy.\n\n" +
			"The API is found by identifier and `is_system`, never by name, and is created with its identifier only: Auth0 names it " +
			"(\"Auth0 My Account API\", \"Auth0 My Organization API\") and fixes its scopes. With `deletion_policy = \"retain\"` (the default) `terraform destroy` leaves the " +
			"API active and says so in a warning; with `\"delete\"` it deactivates the API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The resource server id of the API.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"system_api": systemAPIAttribute("to activate"),
			"audience_domain": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The domain of the API's audience: the tenant's canonical domain (the default, the provider's `domain`) " +
					"or one of its custom domains whose status is `ready`. Changing it activates the API for the new audience (replacement).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), audienceDomainValidator},
			},
			"user_access_policy": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(string(reconciler.UserAccessRequireClientGrant)),
				MarkdownDescription: "Who may get tokens of the API for users (`subject_type_authorization.user.policy`): " +
					"`require_client_grant` (the default; only applications with a `myaccount_user_access` grant), `allow_all` or `deny_all`.",
				Validators: []validator.String{stringvalidator.OneOf(
					string(reconciler.UserAccessRequireClientGrant), string(reconciler.UserAccessAllowAll), string(reconciler.UserAccessDenyAll))},
			},
			"deletion_policy": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(deletionRetain),
				MarkdownDescription: "What `terraform destroy` does: `retain` (the default) leaves the API active and warns; " +
					"`delete` deactivates it.",
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(deletionRetain, deletionDelete)},
			},
			"audience": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The API identifier and token audience, `https://{audience_domain}/me/` (`/my-org/` for the My Organization API).",
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The name Auth0 gives the API (\"Auth0 My Account API\", \"Auth0 My Organization API\").",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"scopes": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The scopes the API offers, which `myaccount_user_access` may grant.",
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *apiResource) reconciler() reconciler.APIReconciler {
	return reconciler.APIReconciler{Session: r.data.Session}
}

func (r *apiResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		// Destroy.
		var state apiModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !strings.EqualFold(state.DeletionPolicy.ValueString(), deletionDelete) {
			name := systemAPI(state.SystemAPI).Name
			resp.Diagnostics.AddWarning("The "+name+" stays active",
				fmt.Sprintf("deletion_policy is %q: destroying myaccount_api leaves the %s %s active in the tenant. Set deletion_policy = \"delete\" and apply first to deactivate it.",
					deletionRetain, name, state.Audience.ValueString()))
		}
		return
	}
	if r.data == nil {
		return
	}
	plan, config, state, ok := planModels[apiModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}

	if config.AudienceDomain.IsNull() {
		plan.AudienceDomain = types.StringValue(r.data.Domain)
	}
	if plan.AudienceDomain.IsUnknown() {
		plan.Audience = types.StringUnknown()
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	domain := plan.AudienceDomain.ValueString()
	plan.Audience = types.StringValue(systemAPI(plan.SystemAPI).Audience(domain))

	changedDomain := state == nil || !strings.EqualFold(state.AudienceDomain.ValueString(), domain) || !plan.Audience.Equal(state.Audience)
	if state != nil && changedDomain {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("audience_domain"))
		plan.ID, plan.Name, plan.Scopes = types.StringUnknown(), types.StringUnknown(), types.SetUnknown(types.StringType)
	}
	if changedDomain && !strings.EqualFold(domain, r.data.Domain) {
		custom, err := reconciler.ListCustomDomains(ctx, r.data.M)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("audience_domain"), "Cannot check the audience domain", describe(err))
			return
		}
		if fe := reconciler.ValidateAudienceDomain(domain, r.data.Domain, custom); fe != nil {
			resp.Diagnostics.AddAttributeError(path.Root("audience_domain"), "Audience domain not usable", fe.ErrorAs("audience_domain"))
			return
		}
	}
	if changedDomain {
		if r.checkActivation(ctx, plan.Audience.ValueString(), &resp.Diagnostics); resp.Diagnostics.HasError() {
			return
		}
	}
	if r.data.Claims.claimAPI(systemAPI(plan.SystemAPI), r.spec(plan), path.Root("user_access_policy"), &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	if plan.UserAccessPolicy.ValueString() == string(reconciler.UserAccessAllowAll) &&
		(state == nil || state.UserAccessPolicy.ValueString() != plan.UserAccessPolicy.ValueString()) {
		allowAll := reconciler.APISpec{Enabled: true, UserAccessPolicy: reconciler.UserAccessAllowAll}
		for _, w := range reconciler.Warnings(reconciler.Desired{API: allowAll, MyOrganizationAPI: &allowAll}, nil, false) {
			if !strings.HasPrefix(w.Field, systemAPI(plan.SystemAPI).ConfigName+".") {
				continue
			}
			resp.Diagnostics.AddAttributeWarning(path.Root("user_access_policy"), "Every application gets user access", w.Message)
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *apiResource) spec(m apiModel) reconciler.APISpec {
	return reconciler.APISpec{
		Enabled:          true,
		AudienceDomain:   m.AudienceDomain.ValueString(),
		UserAccessPolicy: reconciler.UserAccessPolicy(m.UserAccessPolicy.ValueString()),
		DeletionPolicy:   deletionPolicy(m.DeletionPolicy.ValueString()),
	}
}

func deletionPolicy(s string) reconciler.DeletionPolicy {
	if strings.EqualFold(s, deletionDelete) {
		return reconciler.DeletionDelete
	}
	return reconciler.DeletionRetain
}

// fill copies an observation into the model.
func (m *apiModel) fill(obs reconciler.APIObservation) {
	m.ID = types.StringValue(obs.ID)
	m.Audience = types.StringValue(obs.Audience)
	m.SystemAPI = keyOf(m.SystemAPI, obs.Audience)
	m.Name = types.StringValue(obs.Name)
	m.Scopes = stringSet(obs.Scopes)
	if obs.UserPolicy != "" {
		m.UserAccessPolicy = types.StringValue(string(obs.UserPolicy))
	}
	if m.AudienceDomain.IsNull() || m.AudienceDomain.IsUnknown() {
		if domain, ok := systemAPI(m.SystemAPI).DomainOf(obs.Audience); ok {
			m.AudienceDomain = types.StringValue(domain)
		}
	}
}

func (r *apiResource) apply(ctx context.Context, plan *apiModel) error {
	audience := plan.Audience.ValueString()
	out, err := r.reconciler().Apply(ctx, r.spec(*plan), audience)
	if err != nil {
		return apiElsewhereField(err)
	}
	if !out.Active || out.ID == "" {
		return fmt.Errorf("the %s %s is not active after activation; check the tenant's logs", systemAPI(plan.SystemAPI).Name, audience)
	}
	plan.fill(out)
	return nil
}

func (r *apiResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.save(ctx, req.Plan, &resp.State, "Cannot activate the %s", &resp.Diagnostics)
}

func (r *apiResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.save(ctx, req.Plan, &resp.State, "Cannot update the %s", &resp.Diagnostics)
}

// save is Create and Update; failure is the summary of an error from apply,
// with the API's name for %s.
func (r *apiResource) save(ctx context.Context, src tfsdk.Plan, state *tfsdk.State, failure string, diags *diag.Diagnostics) {
	plan, ok := loadModel[apiModel](ctx, r.data, src, diags)
	if !ok {
		return
	}
	if err := r.apply(ctx, &plan); err != nil {
		diags.AddError(fmt.Sprintf(failure, systemAPI(plan.SystemAPI).Name), describe(err))
		return
	}
	diags.Append(state.Set(ctx, &plan)...)
}

func (r *apiResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := loadModel[apiModel](ctx, r.data, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	rec := r.reconciler()
	var obs reconciler.APIObservation
	var err error
	if state.Audience.IsNull() || state.Audience.ValueString() == "" {
		obs, err = rec.ObserveByID(ctx, state.ID.ValueString()) // import by id
	} else {
		obs, err = rec.Observe(ctx, state.Audience.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the "+systemAPI(state.SystemAPI).Name, describe(err))
		return
	}
	if !obs.Active {
		resp.State.RemoveResource(ctx)
		return
	}
	state.fill(obs)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *apiResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state apiModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := systemAPI(state.SystemAPI).Name
	if !strings.EqualFold(state.DeletionPolicy.ValueString(), deletionDelete) {
		resp.Diagnostics.AddWarning("The "+name+" stays active",
			fmt.Sprintf("deletion_policy is %q: the %s %s was removed from Terraform state but is still active in the tenant.",
				deletionRetain, name, state.Audience.ValueString()))
		return
	}
	if r.data == nil {
		notConfigured(&resp.Diagnostics)
		return
	}
	if err := r.reconciler().Delete(ctx, reconciler.DeletionDelete, state.Audience.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot deactivate the "+name, describe(err))
	}
}

// ImportState accepts the resource server id or the audience
// (https://{domain}/me/, https://{domain}/my-org/).
func (r *apiResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" {
		resp.Diagnostics.AddError("Missing import id", "Import myaccount_api by its resource server id or by its audience, such as https://my-tenant.eu.auth0.com/me/.")
		return
	}
	if strings.HasPrefix(id, "https://") {
		sys, ok := systemAPIOfAudience(id)
		if !ok {
			resp.Diagnostics.AddError("Invalid import id",
				fmt.Sprintf("import id %q starts with https:// but is not a My Account API audience: use https://{domain}/me/, such as %s (https://{domain}/my-org/ for the My Organization API), or the resource server id.", id, reconciler.AudienceFor("my-tenant.eu.auth0.com")))
			return
		}
		domain, _ := sys.DomainOf(id)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("system_api"), sys.Key)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("audience"), id)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("audience_domain"), domain)...)
	} else {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_policy"), deletionRetain)...)
}

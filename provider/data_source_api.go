package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

type apiDataSource struct{ dataSourceBase }

func newAPIDataSource() datasource.DataSource { return &apiDataSource{dataSourceBase{name: "api"}} }

type apiDataModel struct {
	SystemAPI        types.String `tfsdk:"system_api"`
	AudienceDomain   types.String `tfsdk:"audience_domain"`
	Active           types.Bool   `tfsdk:"active"`
	ID               types.String `tfsdk:"id"`
	Audience         types.String `tfsdk:"audience"`
	Name             types.String `tfsdk:"name"`
	UserAccessPolicy types.String `tfsdk:"user_access_policy"`
	Scopes           types.Set    `tfsdk:"scopes"`
}

func (d *apiDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the activation status, audience and scopes of the Auth0 My Account API (or, with `system_api = \"my_organization\"`, the My Organization API) without managing it.",
		Attributes: map[string]schema.Attribute{
			"system_api": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The system API to read: `my_account` (the default) or `my_organization`.",
				Validators:          []validator.String{systemAPIValidator},
			},
			"audience_domain": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The domain of the audience to look up; defaults to the provider's `domain`.",
			},
			"active": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the API is active for this audience.",
			},
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The resource server id; empty when the API is not active.",
			},
			"audience": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The API identifier and token audience, `https://{audience_domain}/me/` (`/my-org/` for the My Organization API).",
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The API's name; empty when not active.",
			},
			"user_access_policy": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The user access policy (`require_client_grant`, `allow_all` or `deny_all`); empty when not active.",
			},
			"scopes": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The scopes the API offers (before activation: the scopes Auth0 will offer).",
			},
		},
	}
}

func (d *apiDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	m, ok := loadModel[apiDataModel](ctx, d.data, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	if m.AudienceDomain.IsNull() || m.AudienceDomain.ValueString() == "" {
		m.AudienceDomain = types.StringValue(d.data.Domain)
	}
	sys := systemAPI(m.SystemAPI)
	m.SystemAPI = types.StringValue(sys.Key)
	audience := sys.Audience(m.AudienceDomain.ValueString())
	obs, err := d.data.Session.API(ctx, audience)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the "+sys.Name, describe(err))
		return
	}
	m.Active = types.BoolValue(obs.Active)
	m.ID = types.StringValue(obs.ID)
	m.Audience = types.StringValue(audience)
	m.Name = types.StringValue(obs.Name)
	m.UserAccessPolicy = types.StringValue(string(obs.UserPolicy))
	m.Scopes = stringSet(reconciler.OfferedScopes(obs))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

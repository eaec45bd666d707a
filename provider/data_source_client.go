package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type clientDataSource struct{ dataSourceBase }

func newClientDataSource() datasource.DataSource {
	return &clientDataSource{dataSourceBase{name: "client"}}
}

type clientDataModel struct {
	ClientID                  types.String `tfsdk:"client_id"`
	Name                      types.String `tfsdk:"name"`
	AllowedOrigins            types.Set    `tfsdk:"allowed_origins"`
	CrossOriginAuthentication types.Bool   `tfsdk:"cross_origin_authentication"`
	VerificationLocation      types.String `tfsdk:"verification_location"`
}

func (d *clientDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Auth0 application's observed allowed origins and cross-origin authentication settings.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The application's Client ID. An unknown client is an error.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The application's name.",
			},
			"allowed_origins": schema.SetAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Every allowed origin (`allowed_origins`) on the client.",
			},
			"cross_origin_authentication": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether cross-origin authentication is enabled.",
			},
			"verification_location": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The cross-origin verification location (`cross_origin_loc`); empty when unset.",
			},
		},
	}
}

func (d *clientDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	m, ok := loadModel[clientDataModel](ctx, d.data, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	obs := observeClient(ctx, d.data, m.ClientID.ValueString(), &resp.Diagnostics)
	if obs == nil {
		return
	}
	m.Name = types.StringValue(obs.Name)
	m.AllowedOrigins = stringSet(obs.AllowedOrigins)
	m.CrossOriginAuthentication = types.BoolValue(obs.CrossOrigin.Enabled)
	m.VerificationLocation = types.StringValue(obs.CrossOrigin.VerificationLocation)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Every resource plans, imports and gets the provider data; every data
// source gets the provider data.
var (
	_ = []interface {
		resource.ResourceWithConfigure
		resource.ResourceWithModifyPlan
		resource.ResourceWithImportState
	}{(*apiResource)(nil), (*originsResource)(nil), (*crossOriginAuthResource)(nil), (*userAccessResource)(nil), (*refreshTokenPolicyResource)(nil), (*applicationResource)(nil)}
	_ = []datasource.DataSourceWithConfigure{(*apiDataSource)(nil), (*clientDataSource)(nil)}
)

// resourceBase gives every resource its type name and the provider data.
type resourceBase struct {
	name string // the type name after "myaccount_"
	data *providerData
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBase is resourceBase for data sources.
type dataSourceBase struct {
	name string // the type name after "myaccount_"
	data *providerData
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// modelSource is a plan, state or config.
type modelSource interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// loadModel opens a CRUD call: the provider must be configured and src must
// decode into M. ok is false when either fails.
func loadModel[M any](ctx context.Context, data *providerData, src modelSource, diags *diag.Diagnostics) (m M, ok bool) {
	if data == nil {
		notConfigured(diags)
		return m, false
	}
	diags.Append(src.Get(ctx, &m)...)
	return m, !diags.HasError()
}

// planModels decodes what ModifyPlan compares: plan, config and, unless the
// resource is new, the prior state. ok is false when plan or config fail.
func planModels[M any](ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) (plan, config M, state *M, ok bool) {
	diags.Append(req.Plan.Get(ctx, &plan)...)
	diags.Append(req.Config.Get(ctx, &config)...)
	if diags.HasError() {
		return plan, config, nil, false
	}
	if !req.State.Raw.IsNull() {
		state = new(M)
		diags.Append(req.State.Get(ctx, state)...)
	}
	return plan, config, state, true
}

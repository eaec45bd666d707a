package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// A state written before system_api existed holds null; refresh fills in
// the value the plan defaults to, so an upgrade plans nothing.
func TestReadFillsSystemAPIOfAnOlderState(t *testing.T) {
	ctx := context.Background()
	if _, ok := sim.GetResourceServerByIdentifier(audience()); !ok {
		if _, err := sim.ActivateMyAccountAPI(""); err != nil {
			t.Fatal(err)
		}
	}
	r := newAPIResource().(*apiResource)
	var cr resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: testProviderData(t)}, &cr)
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	old := apiModel{ID: types.StringUnknown(), SystemAPI: types.StringNull(), AudienceDomain: types.StringValue(sim.Domain()),
		UserAccessPolicy: types.StringValue("require_client_grant"), DeletionPolicy: types.StringValue("retain"),
		Audience: types.StringValue(audience()), Name: types.StringNull(), Scopes: types.SetNull(types.StringType)}
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
	if d := state.Set(ctx, &old); d.HasError() {
		t.Fatal(d)
	}
	resp := resource.ReadResponse{State: state}
	r.Read(ctx, resource.ReadRequest{State: state}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var got apiModel
	resp.Diagnostics.Append(resp.State.Get(ctx, &got)...)
	if got.SystemAPI.ValueString() != reconciler.MyAccount.Key {
		t.Errorf("system_api after refresh %s, want %q (the plan's default)", got.SystemAPI, reconciler.MyAccount.Key)
	}
}

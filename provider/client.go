package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

// Helpers of the resources and data sources scoped to one Auth0 client.

func clientIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: true,
		MarkdownDescription: "The Client ID of the Auth0 application " + what + ". It must exist in the tenant; " +
			"an unknown client stops the plan. Changing it replaces the resource.",
		Validators:    []validator.String{stringvalidator.LengthBetween(1, reconciler.MaxClientIDLength)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

func addUnknownClient(data *providerData, clientID string, diags *diag.Diagnostics) {
	e := &reconciler.UnknownClientError{Field: "client_id", ClientID: clientID, Domain: data.Domain}
	diags.AddAttributeError(path.Root("client_id"), "Unknown client", e.Error())
}

// checkClientExists is the plan-time check of client_id shared by the
// client-scoped resources: one read, only when the client is new to the plan.
// It returns that observation (nil when it did not read, or on an error), so
// plan-time advice about the client reuses the read.
func checkClientExists(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, diags *diag.Diagnostics) *reconciler.ClientObservation {
	if data == nil || req.Plan.Raw.IsNull() {
		return nil
	}
	var planID, stateID types.String
	diags.Append(req.Plan.GetAttribute(ctx, path.Root("client_id"), &planID)...)
	if planID.IsUnknown() || planID.IsNull() {
		return nil
	}
	if !req.State.Raw.IsNull() {
		diags.Append(req.State.GetAttribute(ctx, path.Root("client_id"), &stateID)...)
		if stateID.ValueString() == planID.ValueString() {
			return nil // the refresh just read it
		}
	}
	obs, err := data.Session.Client(ctx, planID.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("client_id"), "Cannot check the client", describe(err))
		return nil
	}
	if obs == nil {
		addUnknownClient(data, planID.ValueString(), diags)
	}
	return obs
}

// observeForAdvice is the client as observed for a plan-time warning: the
// observation checkClientExists already made (read), or else one read. The
// warning is advice, so a failed read returns nil and only skips it.
func observeForAdvice(ctx context.Context, data *providerData, clientID string, read *reconciler.ClientObservation) *reconciler.ClientObservation {
	if read != nil {
		return read
	}
	obs, err := data.Session.Client(ctx, clientID)
	if err != nil {
		return nil
	}
	return obs
}

// crossOriginWarnings are reconciler.Warnings for one application, so the
// provider words them as every other face does; field keeps those of one
// setting ("crossOriginAuthentication" or "allowedOrigins").
func crossOriginWarnings(app reconciler.Application, field string) []reconciler.Warning {
	var out []reconciler.Warning
	for _, w := range reconciler.Warnings(reconciler.Desired{Applications: []reconciler.Application{app}}, nil, false) {
		if strings.HasSuffix(w.Field, "."+field) {
			out = append(out, w)
		}
	}
	return out
}

// findClient reads the client; a client that is gone is (nil, true), which
// Read and Delete accept.
func findClient(ctx context.Context, data *providerData, clientID string, diags *diag.Diagnostics) (*reconciler.ClientObservation, bool) {
	obs, err := data.Session.Client(ctx, clientID)
	if err != nil {
		diags.AddError("Cannot read the client", describe(err))
		return nil, false
	}
	return obs, true
}

// readClient reads the client for Read; a client that is gone takes the
// resource out of state, and both failure and absence return nil.
func readClient(ctx context.Context, data *providerData, clientID string, resp *resource.ReadResponse) *reconciler.ClientObservation {
	obs, ok := findClient(ctx, data, clientID, &resp.Diagnostics)
	if ok && obs == nil {
		resp.State.RemoveResource(ctx)
	}
	return obs
}

// loadAndReadClient loads a resource's state and reads the client it is on
// (clientID finds it in the model); ok is false when either failed or the
// client is gone, which removes the resource from state.
func loadAndReadClient[M any](ctx context.Context, data *providerData, req resource.ReadRequest, resp *resource.ReadResponse, clientID func(*M) types.String) (M, *reconciler.ClientObservation, bool) {
	state, ok := loadModel[M](ctx, data, req.State, &resp.Diagnostics)
	if !ok {
		return state, nil, false
	}
	obs := readClient(ctx, data, clientID(&state).ValueString(), resp)
	return state, obs, obs != nil
}

// observeClient reads the client; a missing client is an error naming client_id.
func observeClient(ctx context.Context, data *providerData, clientID string, diags *diag.Diagnostics) *reconciler.ClientObservation {
	obs, ok := findClient(ctx, data, clientID, diags)
	if ok && obs == nil {
		addUnknownClient(data, clientID, diags)
	}
	return obs
}

// importByClientID sets client_id and id from an import id that is a client
// ID; false when it is empty.
func importByClientID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	id := strings.TrimSpace(req.ID)
	if id == "" {
		resp.Diagnostics.AddError("Missing import id", "Import "+typeName+" by the application's client ID.")
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	return true
}

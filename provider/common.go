package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tenantcfg/myaccount/internal/reconciler"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// dataFrom turns the provider's Configure output into *providerData.
// It returns nil (and no error) before the provider is configured.
func dataFrom(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	d, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", v))
		return nil
	}
	return d
}

// notConfigured reports a missing provider configuration.
func notConfigured(diags *diag.Diagnostics) {
	diags.AddError("Provider not configured",
		"The myaccount provider has no Management API client: its configuration depends on values not yet known. Apply those first, then run again.")
}

// stringSet builds a set value from strings (sorted, without duplicates).
func stringSet(in []string) types.Set {
	vals := make([]attr.Value, 0, len(in))
	s := slices.Clone(in)
	slices.Sort(s)
	for _, v := range slices.Compact(s) {
		vals = append(vals, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, vals)
}

// stringListOf is in as a list, sorted and without duplicates.
func stringListOf(in []string) types.List {
	s := slices.Clone(in)
	slices.Sort(s)
	vals := make([]attr.Value, 0, len(s))
	for _, v := range slices.Compact(s) {
		vals = append(vals, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, vals)
}

// listStrings reads a known list of strings, sorted.
func listStrings(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	return sortedStrings(ctx, l, diags)
}

// setStrings reads a known set of strings, sorted.
func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	return sortedStrings(ctx, s, diags)
}

// stringCollection is a list or a set of strings.
type stringCollection interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(ctx context.Context, target any, allowUnhandled bool) diag.Diagnostics
}

// sortedStrings reads a known list or set of strings, sorted; nil when
// null or unknown.
func sortedStrings(ctx context.Context, c stringCollection, diags *diag.Diagnostics) []string {
	if c.IsNull() || c.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(c.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

// knownStrings are the set's elements that are known, sorted: what a
// validator or a plan warning can look at before apply.
func knownStrings(s types.Set) []string {
	var out []string
	for _, v := range s.Elements() {
		if str, ok := v.(types.String); ok && !str.IsUnknown() && !str.IsNull() {
			out = append(out, str.ValueString())
		}
	}
	slices.Sort(out)
	return out
}

// privateState is the part of resource private state these resources use.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// getPrivate decodes a JSON private state key; found is false when absent.
func getPrivate(ctx context.Context, p privateState, key string, v any, diags *diag.Diagnostics) (found bool) {
	if p == nil {
		return false
	}
	b, d := p.GetKey(ctx, key)
	diags.Append(d...)
	if len(b) == 0 {
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		diags.AddError("Corrupt private state", fmt.Sprintf("private state %q holds %q, which is not what this provider writes (%v). "+
			"Run `terraform state rm <address>` and then `terraform import <address> <client_id>` to take the client over again.", key, b, err))
		return false
	}
	return true
}

// saveOwned is Create and Update of a resource that owns part of a client:
// what it owned comes from prior private state (nil on create), apply runs
// the plan through the core's lifecycle, and what it owns after goes to
// private state with the new state.
//
// Before a write that adds to what the resource owns, the core hands apply
// the ownership to record, and apply calls record with it. Terraform saves
// state only when this call returns, so a provider cannot persist in the
// middle of it: record puts the ownership in the response's private state,
// with the planned state, so that any failure that returns (a dropped
// connection, a timeout, an interrupt) hands it to Terraform along with the
// error, and Terraform keeps it (a failed create is kept as tainted). The
// next run's refresh reads it against the tenant. A provider process killed
// in the middle of a write returns nothing, and leaves no record.
func saveOwned[M, O any](ctx context.Context, data *providerData, key string, src tfsdk.Plan, prior, private privateState, state *tfsdk.State, diags *diag.Diagnostics,
	apply func(ctx context.Context, plan *M, owned O, record func(O) error, diags *diag.Diagnostics) (O, bool)) {
	plan, ok := loadModel[M](ctx, data, src, diags)
	if !ok {
		return
	}
	var owned O
	getPrivate(ctx, prior, key, &owned, diags)
	record := func(o O) error {
		var d diag.Diagnostics
		setPrivate(ctx, private, key, o, &d)
		recordState(ctx, state, &plan, &d)
		if d.HasError() {
			return fmt.Errorf("record what this resource is about to own in Terraform's private state: %v", d.Errors())
		}
		return nil
	}
	if owned, ok = apply(ctx, &plan, owned, record, diags); !ok {
		return
	}
	setPrivate(ctx, private, key, owned, diags)
	diags.Append(state.Set(ctx, &plan)...)
}

// recordState sets state to the plan for a response that may fail after
// it: values known only after apply become null, as Terraform cannot save
// an unknown value.
func recordState[M any](ctx context.Context, state *tfsdk.State, plan *M, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, plan)...)
	if diags.HasError() {
		return
	}
	raw, err := tftypes.Transform(state.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Cannot record the planned state", err.Error())
		return
	}
	state.Raw = raw
}

func setPrivate(ctx context.Context, p privateState, key string, v any, diags *diag.Diagnostics) {
	if p == nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		diags.AddError("Cannot encode private state", err.Error())
		return
	}
	diags.Append(p.SetKey(ctx, key, b)...)
}

// reconcilerRule validates a string with one of the reconciler's checks, so
// a value the reconciler would refuse stops the plan.
type reconcilerRule struct {
	description string
	summary     string
	fix         func(value string) string // "" when valid
}

var (
	originValidator = reconcilerRule{
		description: "each origin is scheme://host[:port] without path, query or trailing slash; a wildcard only as the leftmost subdomain label",
		summary:     "Invalid origin",
		fix:         syntax.ValidateOrigin,
	}
	verificationLocationValidator = reconcilerRule{
		description: "an https URL; http only for localhost",
		summary:     "Invalid verification_location",
		fix:         syntax.ValidateVerificationLocation,
	}
)

func (v reconcilerRule) Description(context.Context) string { return v.description }

func (v reconcilerRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v reconcilerRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if fix := v.fix(value); fix != "" {
		fe := &reconciler.FieldError{Field: attrName(req.Path), Value: value, Fix: fix}
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fe.Error())
	}
}

// attrName is an attribute path as the user writes it in HCL, for
// messages: its attribute names without element keys, so an element of a
// set reads "origins", not origins[Value("http://[::1]")].
func attrName(p path.Path) string {
	var names []string
	for _, step := range p.Steps() {
		if name, ok := step.(path.PathStepAttributeName); ok {
			names = append(names, string(name))
		}
	}
	return strings.Join(names, ".")
}

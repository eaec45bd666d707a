package provider

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The origin attributes validate with the reconciler's grammar: every good
// origin of the shared table (including prefix-*-suffix and
// {organization_name}) passes at plan time, every bad one is an error.
func TestOriginValidatorFollowsTheSharedTable(t *testing.T) {
	b, err := os.ReadFile("../internal/reconciler/syntax/testdata/origins.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab struct {
		Good []struct{ Origin string } `json:"good"`
		Bad  []struct{ Origin string } `json:"bad"`
	}
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatal(err)
	}
	check := func(origin string) bool {
		resp := &validator.StringResponse{}
		originValidator.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("origins"), ConfigValue: types.StringValue(origin)}, resp)
		return !resp.Diagnostics.HasError()
	}
	for _, g := range tab.Good {
		if !check(g.Origin) {
			t.Errorf("refused good origin %q", g.Origin)
		}
	}
	for _, bad := range tab.Bad {
		if check(bad.Origin) {
			t.Errorf("accepted bad origin %q", bad.Origin)
		}
	}
}

// Ctrl-C during a plan: Terraform stops the provider, which ends the
// calls' contexts; the checks of a long origin list then stop with an
// error that says so, rather than going through every origin first.
func TestOriginChecksStopWhenThePlanIsInterrupted(t *testing.T) {
	origins := make([]attr.Value, 0, 4000)
	for _, o := range manyOrigins(cap(origins)) {
		origins = append(origins, types.StringValue(o))
	}
	set := types.SetValueMust(types.StringType, origins)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	validators := map[string]validator.Set{
		"entries":    entriesValidator{originValidator},
		"duplicates": duplicatesValidator{list: reconciler.AllowedOrigins},
	}
	for name, v := range validators {
		var resp validator.SetResponse
		v.ValidateSet(ctx, validator.SetRequest{Path: path.Root("origins"), ConfigValue: set}, &resp)
		if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), context.Canceled.Error()) {
			t.Errorf("%s validator after the context ended: %v, want an error naming %q", name, resp.Diagnostics, context.Canceled)
		}
		resp = validator.SetResponse{}
		v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("origins"), ConfigValue: set}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s validator, not interrupted: %v", name, resp.Diagnostics)
		}
	}
}

package provider

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

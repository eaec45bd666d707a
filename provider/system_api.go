package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// The system APIs are one lifecycle in the core (reconciler.SystemAPI);
// Terraform names the one a resource manages with the attribute system_api,
// my_account by default, so every configuration written before it stays
// as it was.

// systemAPIAttribute is the system_api attribute; what says what the
// resource does with the API.
func systemAPIAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		Computed: true,
		Default:  stringdefault.StaticString(reconciler.MyAccount.Key),
		MarkdownDescription: "The system API " + what + ": `" + reconciler.MyAccount.Key + "` (the default, the My Account API, `https://{domain}/me/`) or `" +
			reconciler.MyOrganization.Key + "` (the My Organization API, Early Access, `https://{domain}/my-org/`). Changing it replaces the resource.",
		Validators: []validator.String{systemAPIValidator},
		// A state written before the attribute existed holds null, and Read
		// fills it in: only a value changed from a known one replaces.
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull() && !req.StateValue.Equal(req.PlanValue)
		}, "Changing the system API replaces the resource.", "Changing the system API replaces the resource.")},
	}
}

var systemAPIValidator = reconcilerRule{
	description: "my_account or my_organization",
	summary:     "Unknown system API",
	fix: func(v string) string {
		if _, ok := reconciler.SystemAPIByKey(v); ok {
			return ""
		}
		var choices []string
		for _, a := range reconciler.SystemAPIs() {
			choices = append(choices, fmt.Sprintf("%q (the %s, https://{domain}%s)", a.Key, a.Name, a.Path))
		}
		return "use " + strings.Join(choices, " or ")
	},
}

// systemAPI is the system API a system_api value names; My Account when it
// is null or unknown (the default, and a state from before the attribute).
func systemAPI(v types.String) reconciler.SystemAPI {
	if a, ok := reconciler.SystemAPIByKey(v.ValueString()); ok {
		return a
	}
	return reconciler.MyAccount
}

// systemAPIOfAudience is the system API whose audience aud is, if any.
func systemAPIOfAudience(aud string) (reconciler.SystemAPI, bool) {
	for _, a := range reconciler.SystemAPIs() {
		if _, ok := a.DomainOf(aud); ok {
			return a, true
		}
	}
	return reconciler.SystemAPI{}, false
}

// keyOf fills a null system_api (a state from before the attribute, or an
// import) from the audience.
func keyOf(v types.String, audience string) types.String {
	if !v.IsNull() && !v.IsUnknown() {
		return v
	}
	if a, ok := systemAPIOfAudience(audience); ok {
		return types.StringValue(a.Key)
	}
	return types.StringValue(reconciler.MyAccount.Key)
}

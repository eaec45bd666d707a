package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/reconciler"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// checkUserAccessAudience accepts only an audience of the system API sys
// (system_api) of this tenant: https://{domain}/me/ for My Account, for
// its canonical domain or a ready custom domain. Issue 10: the Management
// API audience got a *user* grant, and not-a-url failed only at apply with
// a raw 404.
func checkUserAccessAudience(ctx context.Context, data *providerData, sys reconciler.SystemAPI, audience types.String, diags *diag.Diagnostics) {
	if audience.IsNull() || audience.IsUnknown() {
		return
	}
	aud := audience.ValueString()
	fail := func(fix string) {
		fe := &reconciler.FieldError{Field: "audience", Value: aud, Fix: fix}
		diags.AddAttributeError(path.Root("audience"), "Not a "+sys.Name+" audience", fe.Error())
	}
	domain, ok := sys.DomainOf(aud)
	if other, isOther := systemAPIOfAudience(aud); !ok && isOther {
		fail(fmt.Sprintf("it is the %s's audience, and system_api is %q: set system_api = %q", other.Name, sys.Key, other.Key))
		return
	}
	if !ok || syntax.AudienceDomain(domain) != "" {
		fail(fmt.Sprintf("user access is granted on the %s only: use https://{domain}%s, such as %s, or myaccount_api.<name>.audience", sys.Name, sys.Path, sys.Audience(data.Domain)))
		return
	}
	if strings.EqualFold(domain, data.Domain) {
		return
	}
	custom, err := reconciler.ListCustomDomains(ctx, data.M)
	if err != nil {
		diags.AddAttributeError(path.Root("audience"), "Cannot check the audience", describe(err))
		return
	}
	if fe := reconciler.ValidateAudienceDomain(domain, data.Domain, custom); fe != nil {
		fail("its domain " + domain + ": " + fe.Fix)
	}
}

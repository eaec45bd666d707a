package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/tenantcfg/myaccount/internal/reconciler"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// checkActivation refuses at plan time an activation the tenant cannot
// take: the My Account API already active under the tenant's other domain
// (canonical against custom). Apply would refuse it too, after Terraform
// had promised a create.
func (r *apiResource) checkActivation(ctx context.Context, audience string, diags *diag.Diagnostics) {
	obs, err := r.reconciler().Observe(ctx, audience)
	if err != nil {
		diags.AddError("Cannot read the API", describe(err))
		return
	}
	if obs.Active || obs.ActiveElsewhere == "" {
		return
	}
	fe := &reconciler.APIActiveElsewhereError{Field: "audience_domain", Audience: audience, Active: obs.ActiveElsewhere}
	diags.AddAttributeError(path.Root("audience_domain"), "The API is active under another domain", fe.Error())
}

// apiElsewhereField renames the field of an APIActiveElsewhereError in err to
// Terraform's attribute name.
func apiElsewhereField(err error) error {
	var ae *reconciler.APIActiveElsewhereError
	if errors.As(err, &ae) {
		ae.Field = "audience_domain"
	}
	return err
}

// audienceDomainValidator refuses a URL or a path where a domain belongs.
var audienceDomainValidator = reconcilerRule{
	description: "a domain only, such as login.example.com: no https:// and no path",
	summary:     "Invalid audience_domain",
	fix:         syntax.AudienceDomain,
}

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func newAllowedOriginsResource() resource.Resource {
	return &originsResource{resourceBase{name: "allowed_origins"}, allowedOriginsSetting}
}

// allowedOriginsSetting is also the allowed_origins block of myaccount_application.
var allowedOriginsSetting = originsSetting{
	name: "allowed_origins",
	description: "Manages allowed origins (`allowed_origins`, the CORS origins) of an Auth0 application, which a single-page app " +
		"needs to call the My Account API from the browser.\n\n" +
		"When the resource is created or `origins` change, the plan warns if the client's cross-origin authentication is off in the tenant.",
	list: reconciler.AllowedOrigins,
}

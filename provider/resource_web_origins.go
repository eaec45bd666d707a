package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func newWebOriginsResource() resource.Resource {
	return &originsResource{resourceBase{name: "web_origins"}, webOriginsSetting}
}

// webOriginsSetting is also the web_origins block of myaccount_application.
var webOriginsSetting = originsSetting{
	name: "web_origins",
	description: "Manages Allowed Web Origins (`web_origins`) of an Auth0 application. Auth0 uses them for cross-origin authentication, " +
		"`response_mode=web_message` responses and silent token renewal in an iframe, which a single-page app calling the " +
		"My Account API relies on to keep its token fresh.",
	list: reconciler.WebOrigins,
}

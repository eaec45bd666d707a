// Package provider is the Terraform provider `myaccount`
// (registry.terraform.io/tenantcfg/myaccount), a thin terraform-plugin-framework
// adapter over the shared reconcilers in internal/reconciler. No resource
// calls the Management API directly: every read and write goes through the
// reconcilers.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/tenantcfg/myaccount"

// Serve serves the provider over the plugin protocol 6 until Terraform stops
// it. With debug, it prints a TF_REATTACH_PROVIDERS line for debuggers.
func Serve(ctx context.Context, version string, debug bool) error {
	return providerserver.Serve(ctx, New(version), providerserver.ServeOpts{
		Address:         Address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
}

// New returns the provider factory for a version string.
func New(version string) func() fwprovider.Provider {
	return func() fwprovider.Provider { return &myAccountProvider{version: version} }
}

type myAccountProvider struct {
	version string
}

var _ fwprovider.Provider = (*myAccountProvider)(nil)

// clientLocks serializes read-modify-write cycles on one Auth0 client across
// every resource of this process, whichever provider configuration they use.
var clientLocks = &reconciler.ClientLocks{}

// writeWindow is how long a resource's write of a client waits for the
// other resources of the client to join its PATCH (reconciler.Session.
// Coalesce), so that one apply writes each client once. The environment
// variable MYACCOUNT_WRITE_WINDOW (a duration such as 300ms; 0 turns it
// off) overrides it.
const writeWindow = time.Second

// newSession is the process's one view of the tenant. Terraform never says
// how many resources it will read, so single-client reads go through the
// tenant's client list when that is cheaper (reconciler.Session.ListReads).
func newSession(m *management.Management, domain string) *reconciler.Session {
	s := reconciler.NewSession(m, domain, clientLocks)
	s.ListReads = true
	s.Coalesce = writeWindow
	if d, err := time.ParseDuration(os.Getenv("MYACCOUNT_WRITE_WINDOW")); err == nil {
		s.Coalesce = d
	}
	s.InFlight = func() int { return int(callsInFlight.Load()) }
	return s
}

// providerData is what every resource and data source gets from Configure:
// one Management API client per configured provider, and one session over
// the tenant for the life of the process, so that resources sharing a
// client, the API or the grant list read it once.
type providerData struct {
	M       *management.Management
	Domain  string
	Session *reconciler.Session
	// GrantedScopes reports the token's Management API scopes, known once a
	// request carried it.
	GrantedScopes func() ([]string, bool)
	// Claims are what the resources planned through this configuration
	// claim on each client.
	Claims *claimRegistry
}

type providerModel struct {
	Domain                    types.String `tfsdk:"domain"`
	ClientID                  types.String `tfsdk:"client_id"`
	ClientSecret              types.String `tfsdk:"client_secret"`
	APIToken                  types.String `tfsdk:"api_token"`
	ClientAssertionPrivateKey types.String `tfsdk:"client_assertion_private_key"`
	ClientAssertionSigningAlg types.String `tfsdk:"client_assertion_signing_alg"`
}

func (p *myAccountProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "myaccount"
	resp.Version = p.version
}

func (p *myAccountProvider) Schema(_ context.Context, _ fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Activates the Auth0 **My Account API** and configures applications to use it " +
			"(allowed origins, cross-origin authentication and user access grants) through the Auth0 Management API.\n\n" +
			"Every setting falls back to the environment variable of the official Auth0 provider. " +
			"Authenticate with client credentials (`client_id` + `client_secret`), private-key JWT " +
			"(`client_id` + `client_assertion_private_key`) or a static `api_token`.",
		Attributes: map[string]schema.Attribute{
			"domain": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The tenant's canonical domain, such as `my-tenant.eu.auth0.com`. Falls back to `AUTH0_DOMAIN`.",
			},
			"client_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Client ID of the Machine to Machine application authorized for the Management API. Falls back to `AUTH0_CLIENT_ID`.",
			},
			"client_secret": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Client secret of that application (client-credentials flow). Falls back to `AUTH0_CLIENT_SECRET`.",
			},
			"api_token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "A static Management API token, used instead of client credentials. Falls back to `AUTH0_API_TOKEN`.",
			},
			"client_assertion_private_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "PEM private key for private-key JWT authentication, used instead of `client_secret`. Falls back to `AUTH0_CLIENT_ASSERTION_PRIVATE_KEY`.",
			},
			"client_assertion_signing_alg": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Signing algorithm of the client assertion (`RS256`, the default, `RS384`, `RS512`, `PS256`, `PS384`, `PS512`, `ES256`, `ES384` or `ES512`). Falls back to `AUTH0_CLIENT_ASSERTION_SIGNING_ALG`.",
			},
		},
	}
}

// setting is one provider attribute and its environment fallback.
type setting struct {
	attr, env string
	val       types.String
}

func (s setting) value() string {
	if !s.val.IsNull() && !s.val.IsUnknown() {
		return strings.TrimSpace(s.val.ValueString())
	}
	return strings.TrimSpace(os.Getenv(s.env))
}

func (s setting) missing() string {
	return fmt.Sprintf("set the provider's %q attribute or the %s environment variable", s.attr, s.env)
}

// name is how messages name the setting: the attribute and its variable.
func (s setting) name() string { return fmt.Sprintf("%q (or %s)", s.attr, s.env) }

func (p *myAccountProvider) Configure(ctx context.Context, req fwprovider.ConfigureRequest, resp *fwprovider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all := []setting{
		{"domain", mgmt.EnvDomain, cfg.Domain},
		{"client_id", mgmt.EnvClientID, cfg.ClientID},
		{"client_secret", mgmt.EnvClientSecret, cfg.ClientSecret},
		{"api_token", mgmt.EnvAPIToken, cfg.APIToken},
		{"client_assertion_private_key", mgmt.EnvClientAssertionPrivateKey, cfg.ClientAssertionPrivateKey},
		{"client_assertion_signing_alg", mgmt.EnvClientAssertionSigningAlg, cfg.ClientAssertionSigningAlg},
	}
	for _, s := range all {
		if s.val.IsUnknown() {
			// Known only after apply (e.g. from another resource): Terraform
			// configures the provider again once it is known.
			resp.Diagnostics.AddAttributeWarning(path.Root(s.attr), "Provider setting not yet known",
				fmt.Sprintf("%q depends on a value known only after apply; myaccount resources cannot be planned until it is known.", s.attr))
			return
		}
	}
	domain, id, secret, token, key, alg := all[0], all[1], all[2], all[3], all[4], all[5]

	if domain.value() == "" {
		resp.Diagnostics.AddAttributeError(path.Root("domain"), "Missing domain",
			"The tenant domain is not set: "+domain.missing()+", for example my-tenant.eu.auth0.com.")
	}
	mc := mgmt.Config{
		Domain:                    domain.value(),
		ClientID:                  id.value(),
		ClientSecret:              secret.value(),
		APIToken:                  token.value(),
		ClientAssertionPrivateKey: key.value(),
		ClientAssertionSigningAlg: alg.value(),
		UserAgent:                 "terraform-provider-myaccount/" + p.version,
	}
	// The credentials rules are mgmt's, worded with this face's names.
	names := mgmt.CredentialNames{ClientID: id.name(), ClientSecret: secret.name(), APIToken: token.name(), PrivateKey: key.name()}
	if ce := mc.CredentialsError(names); ce != nil {
		resp.Diagnostics.AddAttributeError(path.Root(ce.Setting), "Invalid Management API credentials", ce.Error()+".")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if err := mc.Validate(); err != nil {
		resp.Diagnostics.AddError("Invalid provider configuration", err.Error()+
			"\n\nEach AUTH0_* variable can also be set with the provider attribute of the same name in lower case (AUTH0_CLIENT_ID is client_id).")
		return
	}
	canonical, err := mgmt.NormalizeDomain(mc.Domain)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("domain"), "Invalid domain", "domain (or AUTH0_DOMAIN) "+err.Error())
		return
	}
	// The token source keeps this context for refreshes: it must outlive
	// Configure (whose ctx ends when the RPC returns).
	client, err := mgmt.New(context.WithoutCancel(ctx), mc)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the Management API client", err.Error())
		return
	}
	data := &providerData{M: client.Management, Domain: canonical, Session: newSession(client.Management, canonical), GrantedScopes: client.GrantedScopes, Claims: &claimRegistry{}}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func (p *myAccountProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		withGuards("api", newAPIResource),
		withGuards("allowed_origins", newAllowedOriginsResource),
		withGuards("web_origins", newWebOriginsResource),
		withGuards("cross_origin_auth", newCrossOriginAuthResource),
		withGuards("user_access", newUserAccessResource),
		withGuards("refresh_token_policy", newRefreshTokenPolicyResource),
		withGuards("application", newApplicationResource),
	}
}

func (p *myAccountProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newAPIDataSource,
		newClientDataSource,
	}
}

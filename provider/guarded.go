package provider

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// fullResource is every interface the resources implement (base.go checks
// them). A method added to a resource outside these is hidden by guarded:
// add its interface here.
type fullResource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithModifyPlan
	resource.ResourceWithImportState
}

// guarded wraps a resource with what every resource does the same way:
// each call has a Management API request budget (a circuit breaker against
// a loop), a plan whose writes the token's Management API scopes cannot make fails
// at plan time (the CLI's check, so Terraform writes nothing), and an
// import of an object that does not exist says so, with the id to use.
type guarded struct {
	fullResource
	kind string // the type name after "myaccount_"
	data *providerData
}

func withGuards(kind string, newResource func() resource.Resource) func() resource.Resource {
	return func() resource.Resource {
		return &guarded{fullResource: newResource().(fullResource), kind: kind}
	}
}

func (g *guarded) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	g.fullResource.Configure(ctx, req, resp)
	g.data, _ = req.ProviderData.(*providerData)
}

// callBudget is the Management API requests one call on one resource may
// send: several times what the busiest call needs (an origins write with its
// verification and bounded repairs, or an activation that scans the APIs).
const callBudget = 40

func (g *guarded) budgeted(ctx context.Context, call string) context.Context {
	return mgmt.WithRequestBudget(ctx, mgmt.NewRequestBudget(callBudget, "terraform "+call+" of myaccount_"+g.kind))
}

// callsInFlight counts this process's resource calls in progress: a write
// waiting for others of its client to join stops waiting once every call in
// flight is such a write (reconciler.Session.InFlight).
var callsInFlight atomic.Int64

func inFlight() (done func()) {
	callsInFlight.Add(1)
	return func() { callsInFlight.Add(-1) }
}

func (g *guarded) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer inFlight()()
	g.fullResource.Create(g.budgeted(ctx, "create"), req, resp)
}

func (g *guarded) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer inFlight()()
	g.fullResource.Update(g.budgeted(ctx, "update"), req, resp)
}

func (g *guarded) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	defer inFlight()()
	g.fullResource.Delete(g.budgeted(ctx, "delete"), req, resp)
}

func (g *guarded) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	defer inFlight()()
	ctx = g.budgeted(ctx, "plan")
	g.fullResource.ModifyPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() || g.data == nil || g.data.GrantedScopes == nil {
		return
	}
	changes := g.plannedWrites(ctx, req, resp)
	if len(changes) == 0 {
		return
	}
	if _, known := g.data.GrantedScopes(); !known {
		// The scopes are known once a request carried the token; the API
		// read is shared with the other resources of this run.
		if _, err := g.data.Session.API(ctx, reconciler.AudienceFor(g.data.Domain)); err != nil {
			resp.Diagnostics.AddError("Cannot read the My Account API", describe(err))
			return
		}
	}
	if err := reconciler.CheckScopes(g.data.GrantedScopes, changes); err != nil {
		resp.Diagnostics.AddError("Missing Management API scope", err.Error())
	}
}

// plannedWrites are the kinds of write the plan makes on this resource, as
// the core's changes, for reconciler.RequiredScopes.
func (g *guarded) plannedWrites(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) []reconciler.Change {
	create, destroy := req.State.Raw.IsNull(), req.Plan.Raw.IsNull()
	if !create && !destroy && sameValue(resp.Plan.Raw, req.State.Raw) {
		return nil
	}
	action := reconciler.ActionUpdate
	switch {
	case create:
		action = reconciler.ActionCreate
	case destroy:
		action = reconciler.ActionDelete
	}
	switch g.kind {
	case "api":
		if destroy {
			var policy types.String
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("deletion_policy"), &policy)...)
			if !strings.EqualFold(policy.ValueString(), deletionDelete) {
				return nil // retain: destroy writes nothing
			}
		}
		return []reconciler.Change{{Resource: reconciler.ResourceAPI, Action: action}}
	case "user_access":
		return []reconciler.Change{{Resource: "grant/", Action: action}}
	default: // the client settings: origins, web origins, cross-origin authentication
		return []reconciler.Change{{Resource: "client/", Action: reconciler.ActionUpdate}}
	}
}

// importKey marks, in private state, a resource being imported, so that
// Read can tell a missing object from one deleted since the last run.
const importKey = "myaccount_import"

func (g *guarded) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g.fullResource.ImportState(ctx, req, resp)
	if !resp.Diagnostics.HasError() && resp.Private != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importKey, []byte(fmt.Sprintf("%q", req.ID)))...)
	}
}

func (g *guarded) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer inFlight()()
	g.fullResource.Read(g.budgeted(ctx, "read"), req, resp)
	if req.Private == nil {
		return
	}
	id, diags := req.Private.GetKey(ctx, importKey)
	resp.Diagnostics.Append(diags...)
	if len(id) == 0 {
		return
	}
	if resp.Private != nil {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importKey, nil)...)
	}
	if resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
		return
	}
	domain := "the tenant"
	if g.data != nil {
		domain = g.data.Domain
	}
	what := "no application with this client ID exists in " + domain + "; copy the Client ID from Auth0 Dashboard > Applications"
	if g.kind == "api" {
		what = "no active My Account API has this id or audience in " + domain + "; import it by its audience, such as " + reconciler.AudienceFor(domain) + ", or its id from Auth0 Dashboard > Applications > APIs, after activating it"
	}
	resp.Diagnostics.AddError("Cannot import myaccount_"+g.kind, fmt.Sprintf("import id %s: %s.", id, what))
}

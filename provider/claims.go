package provider

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// claimRegistry is what the resources planned by this provider
// configuration claim on each client, so that two resources that claim the
// same setting differently (two Exclusive lists, an Exclusive list and a
// merge one, two cross-origin settings, two scope sets for one grant) fail
// the plan instead of undoing each other on every apply. The rules are the
// core's (reconciler.ClaimConflict). Terraform tells a resource neither its
// address nor the others', so a claim is named by its type and content, and
// the plan fails on whichever of the two it reaches second.
type claimRegistry struct {
	mu     sync.Mutex
	claims map[string][]resourceClaim // by client id (and audience, for grants)
	// replaced are the user grants, by client id and audience, that this
	// run's refresh gave to a create whose answer was lost (see
	// holdForReplacement).
	replaced map[string]string
}

type resourceClaim struct {
	name string
	app  reconciler.Application
	api  reconciler.APISpec // for a myaccount_api claim
}

// claimAPI records the claim of a myaccount_api resource, whose spec is
// spec, on the system API sys, and adds an error on p, naming both, when
// an earlier myaccount_api claims it differently: a tenant has one of each
// system API, so two resources for it must agree.
func (c *claimRegistry) claimAPI(sys reconciler.SystemAPI, spec reconciler.APISpec, p path.Path, diags *diag.Diagnostics) {
	name := fmt.Sprintf("myaccount_api for the %s (audience_domain = %q, user_access_policy = %q)", sys.Name, spec.AudienceDomain, spec.UserAccessPolicy)
	c.record("api/"+sys.Key, resourceClaim{name: name, api: spec}, func(other resourceClaim) string {
		field, detail := sys.SpecConflict(other.api, spec)
		if field == "" {
			return ""
		}
		return fmt.Sprintf("This %s conflicts with %s in the same configuration: %s %s. "+
			"They would undo each other on every apply, so nothing is changed: keep one myaccount_api per system API.",
			name, other.name, tfAttr(field), detail)
	}, "Conflicting resources on one system API", p, diags)
}

// record adds mine to the claims on key unless an earlier claim of another
// resource conflicts with it: conflict words the error, "" when none. A
// claim named as mine is the same resource planned again, or an identical
// twin: nothing to fight over.
func (c *claimRegistry) record(key string, mine resourceClaim, conflict func(other resourceClaim) string, summary string, p path.Path, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claims == nil {
		c.claims = map[string][]resourceClaim{}
	}
	for _, other := range c.claims[key] {
		if other.name == mine.name {
			return
		}
		if msg := conflict(other); msg != "" {
			diags.AddAttributeError(p, summary, msg)
			return
		}
	}
	c.claims[key] = append(c.claims[key], mine)
}

// tfAttr is a field of a system API's block as Terraform names it:
// api.userAccessPolicy is user_access_policy.
func tfAttr(field string) string {
	_, name, _ := strings.Cut(field, ".")
	var b strings.Builder
	for _, r := range name {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// claim records the claim of app, the one setting a resource manages, on
// key and adds an error on p, naming both, when an earlier claim of another
// resource conflicts with it.
func (c *claimRegistry) claim(key string, app reconciler.Application, p path.Path, diags *diag.Diagnostics) {
	c.claimAs(claimName(app), key, app, p, diags)
}

// claimAs is claim for a resource named name in messages.
func (c *claimRegistry) claimAs(name, key string, app reconciler.Application, p path.Path, diags *diag.Diagnostics) {
	c.record(key, resourceClaim{name: name, app: app}, func(other resourceClaim) string {
		field, detail := reconciler.ClaimConflict(other.app, app)
		if field == "" {
			return ""
		}
		return fmt.Sprintf("This %s conflicts with %s in the same configuration on client %s: %s (%s). "+
			"They would undo each other on every apply, so nothing is changed: make the two agree, or remove one of them.",
			name, other.name, app.ClientID, detail, field)
	}, "Conflicting resources on one client", p, diags)
}

// holdForReplacement records that the refresh gave grantID, the user grant
// of key, to the state of a create whose answer was lost. Terraform kept
// that create as tainted and plans its replacement (without the state), so
// the replacement's create finds the grant in the tenant: it is not a
// foreign grant, and the destroy of the tainted object deletes it first.
func (c *claimRegistry) holdForReplacement(key, grantID string) {
	if c == nil || grantID == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.replaced == nil {
		c.replaced = map[string]string{}
	}
	c.replaced[key] = grantID
}

// takeReplaced says whether grantID is the grant of key held for a
// replacement, and lets it go: one create plan accepts it, a second resource
// on the same client finds it foreign.
func (c *claimRegistry) takeReplaced(key, grantID string) bool {
	if c == nil || grantID == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.replaced[key] != grantID {
		return false
	}
	delete(c.replaced, key)
	return true
}

// claimName names a resource in a conflict error by its type and content,
// such as "myaccount_allowed_origins for client X (Merge [https://a])", as
// Terraform does not tell it its address. app holds the one setting the
// resource manages.
func claimName(app reconciler.Application) string {
	var kind, content string
	if parts := settingClaims(app); len(parts) > 0 {
		kind, content = parts[0].kind, parts[0].content
	}
	return fmt.Sprintf("myaccount_%s for client %s (%s)", kind, app.ClientID, content)
}

// applicationClaimName names a myaccount_application in a conflict error:
// its type and each setting it declares.
func applicationClaimName(app reconciler.Application) string {
	var parts []string
	for _, p := range settingClaims(app) {
		parts = append(parts, p.kind+" "+p.content)
	}
	return fmt.Sprintf("myaccount_application for client %s (%s)", app.ClientID, strings.Join(parts, "; "))
}

// settingClaim is one setting an application declares, as a conflict
// error names it: the resource type suffix and its content.
type settingClaim struct{ kind, content string }

// settingClaims are the settings app declares, in the core's order.
func settingClaims(app reconciler.Application) []settingClaim {
	var out []settingClaim
	for _, l := range reconciler.ListSettings() {
		if list, mode := l.Declared(app); list != nil {
			out = append(out, settingClaim{l.Field, fmt.Sprintf("%s [%s]", mode, strings.Join(list, " "))})
		}
	}
	if co := app.CrossOriginAuthentication; co != nil {
		out = append(out, settingClaim{"cross_origin_auth", fmt.Sprintf("enabled = %t, verification_location = %q", co.Enabled, co.VerificationLocation)})
	}
	if app.UserAccess != nil {
		out = append(out, settingClaim{"user_access", fmt.Sprintf("scopes [%s]", strings.Join(app.UserAccess.Scopes, " "))})
	}
	for _, a := range reconciler.SystemAPIs() {
		if p := a.PolicyOf(app); p != nil {
			out = append(out, settingClaim{"refresh_token_policy", fmt.Sprintf("scopes [%s]", strings.Join(p.Scopes, " "))})
		}
	}
	return out
}

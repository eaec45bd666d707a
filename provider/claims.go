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
}

type resourceClaim struct {
	name string
	app  reconciler.Application
}

// claim records name's claim on key and adds an error on p, naming both,
// when an earlier claim of another resource conflicts with it.
func (c *claimRegistry) claim(key, name string, app reconciler.Application, p path.Path, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claims == nil {
		c.claims = map[string][]resourceClaim{}
	}
	for _, other := range c.claims[key] {
		if other.name == name {
			return // planned again, or an identical twin: nothing to fight over
		}
		if field, detail := reconciler.ClaimConflict(other.app, app); field != "" {
			diags.AddAttributeError(p, "Conflicting resources on one client",
				fmt.Sprintf("This %s conflicts with %s in the same configuration on client %s: %s (%s). "+
					"They would undo each other on every apply, so nothing is changed: make the two agree, or remove one of them.",
					name, other.name, app.ClientID, detail, field))
			return
		}
	}
	c.claims[key] = append(c.claims[key], resourceClaim{name: name, app: app})
}

// originsClaim names an origins resource by its content.
func originsClaim(resourceType, clientID string, origins []string, mode reconciler.OriginsMode) string {
	return fmt.Sprintf("%s for client %s (%s [%s])", resourceType, clientID, mode, strings.Join(origins, " "))
}

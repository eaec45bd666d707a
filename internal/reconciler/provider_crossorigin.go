package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"
)

// RestoreCrossOrigin is for callers that undo their cross-origin change (the
// Terraform provider's destroy). Unlike PatchClient it writes
// cross_origin_loc even when prior has none, sending "" to clear it (Auth0
// validates the field as absolute-uri-or-empty), so a location this config set
// does not outlive it. With withLocation false only cross_origin_authentication
// is written. It reports whether a write was needed.
func RestoreCrossOrigin(ctx context.Context, m *management.Management, clientID string, prior, observed CrossOriginAuth, withLocation bool) (bool, error) {
	body := &management.Client{}
	changed := false
	if prior.Enabled != observed.Enabled {
		enabled := prior.Enabled
		body.CrossOriginAuth = &enabled
		changed = true
	}
	if withLocation && prior.VerificationLocation != observed.VerificationLocation {
		loc := prior.VerificationLocation
		body.CrossOriginLocation = &loc
		changed = true
	}
	if !changed {
		return false, nil
	}
	if err := m.Client.Update(ctx, clientID, body); err != nil {
		return false, fmt.Errorf("restore cross-origin authentication of client %s: %w", clientID, err)
	}
	return true, nil
}

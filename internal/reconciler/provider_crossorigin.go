package reconciler

// CrossOriginRestore is what undoing a cross-origin change writes (the
// Terraform provider's destroy): the patch that puts prior, the settings
// observed before the caller first changed them, back over observed, and the
// changes it makes. Pure; an empty patch means nothing to restore.
//
// With withLocation the location is restored exactly: a location the client
// has now but prior had none is cleared, sent as "" (Auth0 validates
// cross_origin_loc as absolute-uri-or-empty), so a location the caller set
// does not outlive it. Without it only cross_origin_authentication is
// compared and written; cross_origin_loc is left alone.
func CrossOriginRestore(clientID string, prior, observed CrossOriginAuth, withLocation bool) (ClientPatch, []Change) {
	want := CrossOriginAuth{Enabled: prior.Enabled}
	if withLocation {
		want.VerificationLocation = prior.VerificationLocation
	}
	changes := DiffCrossOrigin(clientID, want, observed)
	if withLocation && want.VerificationLocation == "" && observed.VerificationLocation != "" {
		changes = append(changes, Change{Resource: clientResource(clientID), Field: "cross_origin_loc",
			Observed: observed.VerificationLocation, Action: ActionUpdate})
	}
	if len(changes) == 0 {
		return ClientPatch{}, nil
	}
	return ClientPatch{CrossOrigin: &want, ExactLocation: withLocation}, changes
}

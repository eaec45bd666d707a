package reconciler

// DeactivationWarnings says, when the config turns the My Account API off,
// whether the run deactivates it and why, or why it leaves it active. Pure.
func DeactivationWarnings(spec APISpec, obs APIObservation) []Warning {
	if spec.Enabled || !obs.Active {
		return nil
	}
	if ok, why := spec.mayDeactivate(obs); ok {
		return []Warning{{Field: "api.enabled", Message: "false deactivates the My Account API " + obs.Audience + " because " + why + "; every application loses My Account API access"}}
	}
	return []Warning{{Field: "api.enabled", Message: "false leaves the My Account API " + obs.Audience + " active: this config did not activate it (its state does not record it) and deletionPolicy is Retain; set api.deletionPolicy: Delete to deactivate it"}}
}

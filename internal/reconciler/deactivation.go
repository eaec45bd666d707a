package reconciler

// DeactivationWarnings says, when the config turns a system API off (the
// observation's audience says which), whether the run deactivates it and
// why, or why it leaves it active. Pure.
func DeactivationWarnings(spec APISpec, obs APIObservation) []Warning {
	if spec.Enabled || !obs.Active {
		return nil
	}
	a := systemAPIOf(obs.Audience)
	if ok, why := spec.mayDeactivate(obs); ok {
		return []Warning{{Field: a.field("enabled"), Message: "false deactivates the " + a.Name + " " + obs.Audience + " because " + why + "; every application loses " + a.Name + " access"}}
	}
	return []Warning{{Field: a.field("enabled"), Message: "false leaves the " + a.Name + " " + obs.Audience + " active: this config did not activate it (its state does not record it as owned) and deletionPolicy is Retain; set " + a.field("deletionPolicy") + ": Delete to deactivate it"}}
}

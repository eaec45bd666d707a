package v1alpha1

import (
	"time"
)

// DefaultResyncInterval is the resync interval when the spec leaves it unset
// (the CRD default, +kubebuilder:default="10m" on resyncInterval, says the same).
const DefaultResyncInterval = 10 * time.Minute

// EffectiveResyncInterval returns how often the tenant is checked:
// DefaultResyncInterval when unset or not positive, and at least a second.
func (s *MyAccountConfigSpec) EffectiveResyncInterval() time.Duration {
	if ri := s.ResyncInterval; ri != nil && ri.Duration > 0 {
		return max(ri.Duration, time.Second)
	}
	return DefaultResyncInterval
}

// APIEnabled reports whether the spec activates the My Account API; it
// defaults to true when api or api.enabled is omitted.
func (s *MyAccountConfigSpec) APIEnabled() bool {
	return s.API == nil || s.API.Enabled == nil || *s.API.Enabled
}

// EffectiveDeletionPolicy returns the API's deletion policy, Retain by default.
func (s *MyAccountConfigSpec) EffectiveDeletionPolicy() DeletionPolicy {
	if s.API == nil || s.API.DeletionPolicy == "" {
		return DeletionRetain
	}
	return s.API.DeletionPolicy
}

// EffectiveDriftPolicy returns the drift policy, Correct by default.
func (s *MyAccountConfigSpec) EffectiveDriftPolicy() DriftPolicy {
	if s.DriftPolicy == "" {
		return DriftCorrect
	}
	return s.DriftPolicy
}

package v1alpha1

import (
	"fmt"
	"strings"
	"time"
)

// DefaultResyncInterval is the resync interval when the spec leaves it unset
// (the CRD default, +kubebuilder:default="10m" on resyncInterval, says the same).
const DefaultResyncInterval = 10 * time.Minute

// The bounds of resyncInterval, which the CRD schema enforces: a pattern,
// and a CEL rule that skips what the pattern refuses, so that an object
// stored before either existed can still be updated (finalizer, status).
const (
	MinResyncInterval = 30 * time.Second
	MaxResyncInterval = 24 * time.Hour
)

// Duration is a Go duration string ("10m"). It is a string, not a
// metav1.Duration, so that a value the API server stored before its schema
// checked it (such as "banana") still decodes: the one object then reports
// the error instead of failing the list of every object.
type Duration string

// Parse returns the duration, or an error naming the value and the fix.
func (d Duration) Parse() (time.Duration, error) {
	v, err := time.ParseDuration(string(d))
	if err != nil || v < MinResyncInterval || v > MaxResyncInterval {
		return 0, fmt.Errorf("invalid value %q: use a duration from %s to %s, such as 10m", string(d), MinResyncInterval, MaxResyncInterval)
	}
	return v, nil
}

// ResyncIntervalError is the error of an unusable spec.resyncInterval, nil
// when it is unset or valid.
func (s *MyAccountConfigSpec) ResyncIntervalError() error {
	if s.ResyncInterval == nil {
		return nil
	}
	if _, err := s.ResyncInterval.Parse(); err != nil {
		return fmt.Errorf("spec.resyncInterval: %w", err)
	}
	return nil
}

// EffectiveResyncInterval returns how often the tenant is checked:
// DefaultResyncInterval when unset or invalid (ResyncIntervalError says so).
func (s *MyAccountConfigSpec) EffectiveResyncInterval() time.Duration {
	if s.ResyncInterval != nil {
		if v, err := s.ResyncInterval.Parse(); err == nil {
			return v
		}
	}
	return DefaultResyncInterval
}

// APIEnabled reports whether the spec activates the My Account API: api
// is present and api.enabled is true or omitted (its default).
func (s *MyAccountConfigSpec) APIEnabled() bool {
	return s.API != nil && (s.API.Enabled == nil || *s.API.Enabled)
}

// EffectiveDeletionPolicy returns the API's deletion policy, Retain by default.
func (s *MyAccountConfigSpec) EffectiveDeletionPolicy() DeletionPolicy {
	if s.API == nil {
		return DeletionRetain
	}
	return effectiveDeletionPolicy(s.API.DeletionPolicy)
}

// EffectiveMyOrganizationDeletionPolicy is EffectiveDeletionPolicy for the
// My Organization API.
func (s *MyAccountConfigSpec) EffectiveMyOrganizationDeletionPolicy() DeletionPolicy {
	if s.MyOrganizationAPI == nil {
		return DeletionRetain
	}
	return effectiveDeletionPolicy(s.MyOrganizationAPI.DeletionPolicy)
}

func effectiveDeletionPolicy(p DeletionPolicy) DeletionPolicy {
	if strings.EqualFold(string(p), string(DeletionDelete)) {
		return DeletionDelete // "delete", as Terraform writes it
	}
	return DeletionRetain
}

// EffectiveDriftPolicy returns the drift policy, Correct by default.
func (s *MyAccountConfigSpec) EffectiveDriftPolicy() DriftPolicy {
	if s.DriftPolicy == "" {
		return DriftCorrect
	}
	return s.DriftPolicy
}

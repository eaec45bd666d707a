package reconciler

import (
	"fmt"
	"strconv"

	"github.com/auth0/go-auth0/management"
	"github.com/tenantcfg/myaccount/internal/reconciler/syntax"
)

// crossOriginSetting is cross_origin_authentication and cross_origin_loc.
// It records each field's value before its first change, and on release
// restores only the fields it changed. Owners that ask for the same value
// share it, and the last to let go restores the value before the first
// change.
type crossOriginSetting struct{}

func (crossOriginSetting) configName() string { return "crossOriginAuthentication" }

func priorOf(s AppState) PriorCrossOrigin {
	if s.PriorCrossOrigin == nil {
		return PriorCrossOrigin{}
	}
	return *s.PriorCrossOrigin
}

// wanted is the value the run aims for, field by field; nil leaves a field.
// A config that stops managing a field restores the value before its change.
func (crossOriginSetting) wanted(app Application, prior PriorCrossOrigin) (enabled *bool, loc *string) {
	coa := app.CrossOriginAuthentication
	if coa == nil {
		return prior.Enabled, prior.VerificationLocation
	}
	if coa.VerificationLocation != "" {
		return &coa.Enabled, &coa.VerificationLocation
	}
	return &coa.Enabled, prior.VerificationLocation
}

func (s crossOriginSetting) plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change {
	res := clientResource(app.ClientID)
	prior := priorOf(owned)
	have := obs.CrossOrigin
	wantEnabled, wantLoc := s.wanted(app, prior)
	var changes []Change
	if wantEnabled != nil && *wantEnabled != have.Enabled {
		changes = append(changes, Change{Resource: res, Field: "cross_origin_authentication",
			Observed: strconv.FormatBool(have.Enabled), Desired: strconv.FormatBool(*wantEnabled), Action: ActionUpdate})
		patch.CrossOriginEnabled = ptr(*wantEnabled)
		if prior.Enabled == nil {
			prior.Enabled = ptr(have.Enabled)
		}
	}
	if wantLoc != nil && *wantLoc != have.VerificationLocation {
		changes = append(changes, Change{Resource: res, Field: "cross_origin_loc",
			Observed: have.VerificationLocation, Desired: *wantLoc, Action: ActionUpdate})
		patch.CrossOriginLocation = ptr(*wantLoc)
		if prior.VerificationLocation == nil {
			prior.VerificationLocation = ptr(have.VerificationLocation)
		}
	}
	next.PriorCrossOrigin = stillOwned(app, prior)
	return changes
}

// stillOwned is what stays owned after a plan: a managed field keeps its
// prior value until release.
func stillOwned(app Application, prior PriorCrossOrigin) *PriorCrossOrigin {
	if app.CrossOriginAuthentication == nil {
		return nil
	}
	if app.CrossOriginAuthentication.VerificationLocation == "" {
		prior.VerificationLocation = nil
	}
	return priorOrNil(prior)
}

func priorOrNil(p PriorCrossOrigin) *PriorCrossOrigin {
	if p.Enabled == nil && p.VerificationLocation == nil {
		return nil
	}
	return &p
}

func (crossOriginSetting) owns(s AppState) bool { return s.PriorCrossOrigin != nil }

// inFlight: a recorded prior value is never replaced, since it is the one
// before this config's first change.
func (crossOriginSetting) inFlight(owned, next AppState, out *AppState) {
	if next.PriorCrossOrigin == nil {
		return
	}
	prior := *next.PriorCrossOrigin
	if was := owned.PriorCrossOrigin; was != nil {
		if was.Enabled != nil {
			prior.Enabled = was.Enabled
		}
		if was.VerificationLocation != nil {
			prior.VerificationLocation = was.VerificationLocation
		}
	}
	out.PriorCrossOrigin = &prior
}

func (crossOriginSetting) normalize(*AppState) {}

func (crossOriginSetting) conflict(a, b Application) string {
	ca, cb := a.CrossOriginAuthentication, b.CrossOriginAuthentication
	if ca == nil || cb == nil || *ca == *cb {
		return ""
	}
	return fmt.Sprintf("%s against %s: a client has one setting", describeCrossOrigin(*ca), describeCrossOrigin(*cb))
}

func describeCrossOrigin(c CrossOriginAuth) string {
	s := fmt.Sprintf("enabled=%t", c.Enabled)
	if c.VerificationLocation != "" {
		s += " location=" + c.VerificationLocation
	}
	return s
}

// share: field by field, the value before the first change passes to
// whoever still declares the same setting.
func (crossOriginSetting) share(app Application, owned AppState, claims []claim, next *AppState) {
	prior := priorOf(owned)
	coa := app.CrossOriginAuthentication
	claimsEnabled := func(a Application) bool { return a.CrossOriginAuthentication != nil }
	claimsLoc := func(a Application) bool {
		return a.CrossOriginAuthentication != nil && a.CrossOriginAuthentication.VerificationLocation != ""
	}
	for _, c := range claims {
		theirs := c.owned.PriorCrossOrigin
		if theirs == nil {
			continue
		}
		sameSetting := coa != nil && c.app.CrossOriginAuthentication != nil && *coa == *c.app.CrossOriginAuthentication
		if theirs.Enabled != nil && claimsEnabled(c.app) {
			if sameSetting && prior.Enabled == nil {
				prior.Enabled = ptr(*theirs.Enabled)
			} else if !claimsEnabled(app) {
				prior.Enabled = nil
			}
		}
		if theirs.VerificationLocation != nil && claimsLoc(c.app) {
			if sameSetting && claimsLoc(app) && prior.VerificationLocation == nil {
				prior.VerificationLocation = ptr(*theirs.VerificationLocation)
			} else if !claimsLoc(app) {
				prior.VerificationLocation = nil
			}
		}
	}
	next.PriorCrossOrigin = priorOrNil(prior)
}

func (crossOriginSetting) validate(prefix string, app Application) ValidationErrors {
	coa := app.CrossOriginAuthentication
	if coa == nil {
		return nil
	}
	if fix := syntax.ValidateVerificationLocation(coa.VerificationLocation); fix != "" {
		return ValidationErrors{{Field: prefix + ".crossOriginAuthentication.verificationLocation", Value: coa.VerificationLocation, Fix: fix}}
	}
	return nil
}

func (crossOriginSetting) withDefault(*Application) {}

func (crossOriginSetting) fields() []string {
	return []string{"cross_origin_authentication", "cross_origin_loc"}
}

func (crossOriginSetting) observe(c *management.Client, s *ClientSettings) {
	s.CrossOrigin = CrossOriginAuth{Enabled: c.GetCrossOriginAuth(), VerificationLocation: c.GetCrossOriginLocation()}
}

func (crossOriginSetting) writeTo(p ClientPatch, body *management.Client) {
	body.CrossOriginAuth = p.CrossOriginEnabled
	body.CrossOriginLocation = p.CrossOriginLocation
}

func (crossOriginSetting) patched(p ClientPatch) bool {
	return p.CrossOriginEnabled != nil || p.CrossOriginLocation != nil
}

func (crossOriginSetting) apply(p ClientPatch, s *ClientSettings) {
	if p.CrossOriginEnabled != nil {
		s.CrossOrigin.Enabled = *p.CrossOriginEnabled
	}
	if p.CrossOriginLocation != nil {
		s.CrossOrigin.VerificationLocation = *p.CrossOriginLocation
	}
}

func (s crossOriginSetting) held(p ClientPatch, after ClientSettings) bool {
	want := after
	s.apply(p, &want)
	return want.CrossOrigin == after.CrossOrigin
}

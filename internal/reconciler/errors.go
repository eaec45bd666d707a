package reconciler

import (
	"errors"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Reason is why a run failed, the one classification every face renders in
// its own words (a condition reason, an exit message, a diagnostic). This is
// the table of reasons: the CRD's condition reasons of the same names follow
// it, and each face's tests check that they render every one (Reasons).
type Reason string

const (
	ReasonInvalidInput       Reason = "InvalidSpec"
	ReasonUnknownClient      Reason = "UnknownClient"
	ReasonGrantConflict      Reason = "GrantConflict"
	ReasonConflict           Reason = "Conflict"
	ReasonMissingScope       Reason = "MissingScope"
	ReasonAPIActiveElsewhere Reason = "APIActiveElsewhere"
	ReasonInvalidCredentials Reason = "InvalidCredentials"
	ReasonRateLimited        Reason = "RateLimited"
	ReasonTenantUnavailable  Reason = "TenantUnavailable"
	ReasonManagementAPIError Reason = "ManagementAPIError"
)

// Reasons lists every Reason that Classify returns, so that a face's tests
// can check that it renders each one.
func Reasons() []Reason {
	return []Reason{
		ReasonInvalidInput, ReasonUnknownClient, ReasonGrantConflict, ReasonConflict, ReasonMissingScope,
		ReasonAPIActiveElsewhere, ReasonInvalidCredentials, ReasonRateLimited, ReasonTenantUnavailable, ReasonManagementAPIError,
	}
}

// Classify returns why err happened, and whether the engine refused before
// its first write (bad input, an unknown client, a grant it will not take
// over, a conflict with another configuration, missing Management API scopes, the API active under the other
// domain), so that the tenant and the persisted state are as they were.
func Classify(err error) (reason Reason, beforeWrites bool) {
	var ve ValidationErrors
	var ue *UnknownClientError
	var ce *GrantConflictError
	var se *MissingScopesError
	var ae *APIActiveElsewhereError
	var oe *OwnerConflictError
	switch {
	case errors.As(err, &oe):
		return ReasonConflict, true
	case errors.As(err, &se):
		return ReasonMissingScope, true
	case errors.As(err, &ve):
		return ReasonInvalidInput, true
	case errors.As(err, &ue):
		return ReasonUnknownClient, true
	case errors.As(err, &ce):
		return ReasonGrantConflict, true
	case errors.As(err, &ae):
		return ReasonAPIActiveElsewhere, true
	}
	if me := mgmt.Classify(err); me != nil {
		switch me.Class {
		case mgmt.Unauthorized:
			return ReasonInvalidCredentials, false
		case mgmt.Forbidden:
			return ReasonMissingScope, false
		case mgmt.RateLimited:
			return ReasonRateLimited, false
		case mgmt.Unavailable:
			return ReasonTenantUnavailable, false
		case mgmt.Validation:
			return ReasonInvalidInput, false
		}
	}
	return ReasonManagementAPIError, false
}

// FailedBeforeWrites reports whether err from Engine.Apply came before its
// first write (see Classify). For any other error some writes may have
// landed, and the Result that Apply returns with it must be persisted.
func FailedBeforeWrites(err error) bool {
	_, before := Classify(err)
	return before
}

package reconciler

import "errors"

// FailedBeforeWrites reports whether err from Engine.Apply is one the engine
// returns before its first write (bad input, an unknown client, a grant it
// will not take over, missing Management API scopes, the API active under
// the other domain), so the tenant and the
// persisted state are as they were. For any other error some writes may have
// landed, and the Result that Apply returns with it must be persisted.
func FailedBeforeWrites(err error) bool {
	var ve ValidationErrors
	var ue *UnknownClientError
	var ce *GrantConflictError
	var se *MissingScopesError
	var ae *APIActiveElsewhereError
	return errors.As(err, &ve) || errors.As(err, &ue) || errors.As(err, &ce) || errors.As(err, &se) || errors.As(err, &ae)
}

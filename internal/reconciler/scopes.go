package reconciler

import (
	"fmt"
	"slices"
	"strings"
)

// RequiredScopes lists the Management API scopes that applying changes needs. Pure.
func RequiredScopes(changes []Change) []string {
	var need []string
	for _, c := range changes {
		switch {
		case c.Action == ActionConflict:
		case isAPIResource(c.Resource):
			switch c.Action {
			case ActionCreate:
				need = append(need, "create:resource_servers")
			case ActionDelete:
				need = append(need, "delete:resource_servers")
			default:
				need = append(need, "update:resource_servers")
			}
		case strings.HasPrefix(c.Resource, "client/"):
			need = append(need, "update:clients")
		case isGrantResource(c.Resource):
			need = append(need, string(c.Action)+":client_grants")
		}
	}
	return sortedUnique(need)
}

// MissingScopesError says the Management API token cannot make the planned
// writes. It is returned before the first write.
type MissingScopesError struct {
	Missing []string
}

func (e *MissingScopesError) Error() string {
	return fmt.Sprintf("the Management API client lacks the scope(s) %s needed for these changes; nothing was changed: grant them in Auth0 Dashboard > Applications > APIs > Auth0 Management API > Machine To Machine Applications, then run again",
		strings.Join(e.Missing, ", "))
}

// checkScopes fails when the token's scopes are known and lack one that the
// changes need.
func checkScopes(granted func() ([]string, bool), changes []Change) error {
	if granted == nil {
		return nil
	}
	have, known := granted()
	if !known {
		return nil
	}
	var missing []string
	for _, s := range RequiredScopes(changes) {
		if !slices.Contains(have, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		return &MissingScopesError{Missing: missing}
	}
	return nil
}

// CheckScopes fails, with a MissingScopesError, when the token's scopes are
// known and lack one that the changes need: the check every face makes
// before its first write.
func CheckScopes(granted func() ([]string, bool), changes []Change) error {
	return checkScopes(granted, changes)
}

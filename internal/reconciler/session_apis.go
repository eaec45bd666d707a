package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"
)

// PrefetchAPIs reads the system APIs at audiences that this session has not
// read yet, by whichever costs fewer requests: one read by identifier each
// (two when the API is not active: the read, then the list that finds it
// under another domain), or the first page of the tenant's APIs, which
// answers all of them, active or not, when the tenant has at most 100 APIs.
// One audience is always read by identifier, and a tenant whose APIs fill
// more than the page leaves them to their reads by identifier.
func (s *Session) PrefetchAPIs(ctx context.Context, audiences []string) error {
	var want []string
	for _, a := range audiences {
		if !s.holdsAPI(a) {
			want = append(want, a)
		}
	}
	if len(want) < 2 {
		return nil
	}
	// GET /resource-servers declares include_fields but no fields: list whole APIs.
	list, err := s.M.ResourceServer.List(ctx, management.PerPage(100), management.Page(0), management.IncludeTotals(true))
	if err != nil {
		return fmt.Errorf("list resource servers: %w", err)
	}
	if list.HasNext() {
		return nil
	}
	for _, audience := range want {
		if obs, ok := apiOnPage(list.ResourceServers, audience); ok {
			// As API's own read stores it: nothing is assumed of the
			// audience's grants.
			store(s, s.apis, audience, obs, 0)
		}
	}
	return nil
}

// apiOnPage is the observation of the system API at audience from the
// tenant's whole list of APIs. A resource server with the identifier that
// is not the system API is left to the read by identifier, which names it.
func apiOnPage(page []*management.ResourceServer, audience string) (APIObservation, bool) {
	for _, rs := range page {
		if rs.GetIdentifier() == audience {
			obs, err := observeAPI(rs, audience)
			return obs, err == nil
		}
	}
	return inactiveAPI(audience, activeOnPage(page, systemAPIOf(audience))), true
}

func (s *Session) holdsAPI(audience string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.apis[audience]
	return ok
}

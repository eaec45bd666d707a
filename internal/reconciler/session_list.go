package reconciler

import (
	"context"
	"fmt"

	"github.com/auth0/go-auth0/management"
)

// clientsPerPage is the largest page of GET /api/v2/clients (per_page is at
// most 100: auth0-management-api-facts.md).
const clientsPerPage = 100

// Prefetch reads the clients among ids that this session has not read yet,
// by whichever costs fewer requests: one read by id each, or the tenant's
// client list at 100 a page. The list's first page tells the tenant's size
// (total); it is the only request spent finding out, and the clients it
// holds are read with it. A client the list does not show is left to a read
// by id, which tells a missing client from one created while listing.
func (s *Session) Prefetch(ctx context.Context, ids []string) error {
	want := s.unread(ids)
	if len(want) < 2 {
		return nil // one read by id is never dearer than a list page
	}
	total, err := s.listClientsPage(ctx, 0, want)
	if err != nil {
		return err
	}
	pages := (total + clientsPerPage - 1) / clientsPerPage
	if len(want) <= pages-1 {
		return nil // the rest by id is cheaper than the other pages
	}
	// Bounded by the total the first page gave, and by the request budget.
	for page := 1; page < pages && len(want) > 0; page++ {
		if _, err := s.listClientsPage(ctx, page, want); err != nil {
			return err
		}
	}
	return nil
}

// unread is ids without those this session holds or is reading, each once,
// with the write generation each has now.
func (s *Session) unread(ids []string) map[string]uint64 {
	want := map[string]uint64{}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if _, held := s.clients[id]; !held && id != "" {
			want[id] = 0
		}
	}
	for id := range want {
		want[id] = s.locks.generation(s.Domain, id)
	}
	return want
}

// listClientsPage reads one page of the client list, keeps the clients of
// want it holds (and drops them from want), and returns the tenant's total.
func (s *Session) listClientsPage(ctx context.Context, page int, want map[string]uint64) (int, error) {
	list, err := s.M.Client.List(ctx, management.Page(page), management.PerPage(clientsPerPage),
		management.IncludeTotals(true), management.IncludeFields(clientFields()...))
	if err != nil {
		return 0, fmt.Errorf("list clients (page %d): %w", page, err)
	}
	for _, c := range list.Clients {
		gen, ok := want[c.GetClientID()]
		if !ok {
			continue
		}
		s.mu.Lock()
		_, held := s.clients[c.GetClientID()]
		s.mu.Unlock()
		if !held { // a read by id that started meanwhile wins
			store(s, s.clients, c.GetClientID(), clientObservation(c), gen)
		}
		delete(want, c.GetClientID())
	}
	return list.Total, nil
}

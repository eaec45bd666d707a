package reconciler

import (
	"context"
	"fmt"
	"strconv"
	"time"

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
// by id, which tells a missing client from one created while listing. ids
// are also the clients whose grants the run may read (Session.expect).
func (s *Session) Prefetch(ctx context.Context, ids []string) error {
	s.expect(ids)
	want := map[string]bool{}
	for _, id := range ids {
		if id != "" && !s.holds(id) {
			want[id] = true
		}
	}
	if len(want) < 2 {
		return nil // one read by id is never dearer than a list page
	}
	total, err := s.listPage(ctx, 0)
	if err != nil {
		return err
	}
	want = unread(s, want)
	pages := pageCount(total)
	if len(want) <= pages-1 {
		return nil // the rest by id is cheaper than the other pages
	}
	// Bounded by the total the first page gave, and by the request budget.
	for page := 1; page < pages && len(want) > 0; page++ {
		if _, err := s.listPage(ctx, page); err != nil {
			return err
		}
		want = unread(s, want)
	}
	return nil
}

// readThroughList is a single client's read for a session that cannot know
// how many clients it will read (a Terraform process): the first read lists
// the first page, and once the reads by id that missed it reach the pages
// left, the rest of the list is read. So K reads on a tenant of N clients
// cost at most 1 + 2·min(K, ⌈N/100⌉−1) requests, and 1 when N ≤ 100.
func (s *Session) readThroughList(ctx context.Context, clientID string) error {
	if s.holds(clientID) {
		return nil
	}
	total, err := s.listPage(ctx, 0)
	if err != nil || s.holds(clientID) {
		return err
	}
	pages := pageCount(total)
	s.mu.Lock()
	s.listMisses++
	misses := s.listMisses
	s.mu.Unlock()
	if misses < pages-1 {
		return nil // by id: cheaper so far than the pages left
	}
	for page := 1; page < pages && !s.holds(clientID); page++ {
		if _, err := s.listPage(ctx, page); err != nil {
			return err
		}
	}
	return nil
}

func pageCount(total int) int { return (total + clientsPerPage - 1) / clientsPerPage }

// unread is ids less those this session holds or is reading.
func unread(s *Session, ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for id := range ids {
		if !s.holds(id) {
			out[id] = true
		}
	}
	return out
}

func (s *Session) holds(clientID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.clients[clientID]
	return ok
}

// listPage reads one page of the client list once per session, keeps every
// client on it that the session does not hold, and returns the tenant's
// total.
func (s *Session) listPage(ctx context.Context, page int) (int, error) {
	total, _, err := load(ctx, s, s.pages, strconv.Itoa(page), 0, func(ctx context.Context) (int, error) {
		return s.fetchPage(ctx, page)
	})
	return total, err
}

func (s *Session) fetchPage(ctx context.Context, page int) (int, error) {
	writes := s.locks.domainWrites(s.Domain)
	list, err := s.M.Client.List(ctx, management.Page(page), management.PerPage(clientsPerPage),
		management.IncludeTotals(true), management.IncludeFields(clientFields()...))
	if err != nil {
		return 0, fmt.Errorf("list clients (page %d): %w", page, err)
	}
	if s.locks.domainWrites(s.Domain) != writes {
		// This process wrote a client while the page was read: which one's
		// entry is older than the write is unknown, so each is read by id.
		return list.Total, nil
	}
	s.notePage(list.Clients, page)
	for _, c := range list.Clients {
		id := c.GetClientID()
		if !s.holds(id) { // a read by id that started meanwhile wins
			store(s, s.clients, id, clientObservation(c), s.locks.generation(s.Domain, id))
		}
	}
	return list.Total, nil
}

// reread reads clientID afresh: a write that must not start from an old
// read (WriteAge), or the check that a write held. When the session saw
// the client on a page of the client list, it reads that page: the same one
// request as the client's read, and it refreshes the page's other clients,
// so the writes and checks of those that follow within WriteAge read
// nothing more. A client the page no longer shows (deleted, or moved to
// another page) is read by id. Call it with the client locked.
func (s *Session) reread(ctx context.Context, clientID string) (*ClientObservation, error) {
	s.noteReread(clientID, time.Now())
	if page, ok := s.listedOn(clientID); ok {
		if shown, err := s.refreshPage(ctx, page); err == nil && shown[clientID] {
			return s.Client(ctx, clientID)
		}
	}
	s.forgetClient(clientID)
	return s.Client(ctx, clientID)
}

// listedOn is the page of the client list that showed clientID; on a tenant
// whose list is one page, that page, whichever way the client was read.
func (s *Session) listedOn(clientID string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if page, ok := s.pageOf[clientID]; ok {
		return page, true
	}
	r, ok := s.pages["0"]
	return 0, ok && isDone(r) && r.err == nil && pageCount(r.val) == 1
}

// notePage records the page of the client list that showed each client.
func (s *Session) notePage(clients []*management.Client, page int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pageOf == nil {
		s.pageOf = map[string]int{}
	}
	for _, c := range clients {
		s.pageOf[c.GetClientID()] = page
	}
}

// refreshPage reads one page of the client list again and keeps each
// client on it, under the write generation it had when the page was asked
// for: a client this process writes meanwhile reads as older than that
// write (freshClient reads it again), and an answer stored meanwhile is
// not replaced. It returns the clients the page showed.
func (s *Session) refreshPage(ctx context.Context, page int) (map[string]bool, error) {
	gens := s.locks.generations(s.Domain)
	asked := time.Now()
	list, err := s.M.Client.List(ctx, management.Page(page), management.PerPage(clientsPerPage),
		management.IncludeTotals(true), management.IncludeFields(clientFields()...))
	if err != nil {
		return nil, fmt.Errorf("list clients (page %d): %w", page, err)
	}
	s.notePage(list.Clients, page)
	shown := make(map[string]bool, len(list.Clients))
	for _, c := range list.Clients {
		id := c.GetClientID()
		shown[id] = true
		if s.storeIfOlder(id, clientObservation(c), gens[id], asked) {
			s.noteReread(id, asked)
		}
	}
	return shown, nil
}

// storeIfOlder stores obs, read at generation gen from a request sent at
// asked, unless the session holds an answer that came after it was sent
// (or one still coming); it reports whether it stored.
func (s *Session) storeIfOlder(clientID string, obs *ClientObservation, gen uint64, asked time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.clients[clientID]; ok && (!isDone(r) || r.at.After(asked)) {
		return false
	}
	r := &read[*ClientObservation]{done: make(chan struct{}), val: obs, gen: gen, at: time.Now()}
	close(r.done)
	s.clients[clientID] = r
	return true
}

// noteReread records that clientID was read afresh by a request sent at
// sent.
func (s *Session) noteReread(clientID string, sent time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rereads == nil {
		s.rereads = map[string]time.Time{}
	}
	if sent.After(s.rereads[clientID]) {
		s.rereads[clientID] = sent
	}
}

// readSince reports whether clientID was read afresh, alone or with the
// list page, by a request sent after t.
func (s *Session) readSince(clientID string, t time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rereads[clientID].After(t)
}

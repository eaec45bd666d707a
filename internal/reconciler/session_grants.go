package reconciler

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// The user grants of an audience are read the way clients are
// (session_list.go): by whichever costs fewer requests, K filtered reads of
// one client's grant each, or the audience's grant list at 100 a page. The
// list's first page tells the number of grants G (include_totals) and is
// the only request spent finding out; the clients it holds are answered by
// it. GET /api/v2/client-grants filters on audience, client_id and
// subject_type (auth0-management-api-facts.md; a client_id filter is
// recorded in go-auth0 v1.45.0 test/data/recordings/
// TestClientGrantManager_List.yaml), and a client has at most one user
// grant per audience, so one client's read is one request.

// grantsPerPage is the largest page of GET /api/v2/client-grants.
const grantsPerPage = 100

// grantPage is one page of an audience's user grant list.
type grantPage struct {
	total  int                         // the audience's user grants, all pages
	grants map[string]GrantObservation // this page's, by client id
}

// grantReadWay is how to read a client's grant the session does not hold.
type grantReadWay int

const (
	grantFromList grantReadWay = iota // the list: its first page, then the pages left
	grantByClient                     // one read filtered to the client
)

// grantCost is what the choice of a grantReadWay depends on.
type grantCost struct {
	Probed bool // the first page was read, so Total is known
	Total  int  // the audience's user grants, from the first page
	// Wanted is the clients whose grants are still to read, this one
	// included, when the run said which (the CLI, the operator); 0 when
	// it cannot know (a Terraform process).
	Wanted int
	// Misses is the clients so far that the first page did not answer,
	// this one included.
	Misses int
}

// chooseGrantRead decides how to read a client's grant. Pure.
//
// Before the first page: one wanted grant is read alone, as a page is never
// cheaper than one read; otherwise the first page is read. After it, the
// grants it did not answer are read alone when that costs no more than the
// pages left. A run that does not know how many it will read (Wanted 0)
// reads alone until its misses reach the pages left, then lists them, so
// its cost is at most 1 + 2·min(K, pages−1).
func chooseGrantRead(c grantCost) grantReadWay {
	if !c.Probed {
		if c.Wanted == 1 {
			return grantByClient
		}
		return grantFromList
	}
	left := pageCount(c.Total) - 1
	switch {
	case left <= 0:
		return grantFromList // the first page is the whole list
	case left >= maxGrantPages:
		return grantByClient // a list longer than a run reads
	case c.Wanted > 0:
		return wayIf(c.Wanted <= left)
	default:
		return wayIf(c.Misses < left)
	}
}

func wayIf(byClient bool) grantReadWay {
	if byClient {
		return grantByClient
	}
	return grantFromList
}

// UserGrant returns the client's user grant for audience, read once per
// session and shared. An API that is not active has no grants, and costs no
// read.
func (s *Session) UserGrant(ctx context.Context, clientID, audience string) (GrantObservation, error) {
	api, err := s.API(ctx, audience)
	if err != nil || !api.Active {
		return GrantObservation{}, err
	}
	g, _, err := load(ctx, s, s.grantReads, grantKey(audience, clientID), 0, func(ctx context.Context) (GrantObservation, error) {
		return s.findUserGrant(ctx, clientID, audience)
	})
	return g, err
}

// findUserGrant reads the client's grant by the cheaper way (chooseGrantRead).
func (s *Session) findUserGrant(ctx context.Context, clientID, audience string) (GrantObservation, error) {
	if !s.probed(audience) && chooseGrantRead(s.grantCost(audience, clientID, nil)) == grantByClient {
		return readUserGrant(ctx, s.M, clientID, audience)
	}
	first, err := s.grantPage(ctx, audience, 0)
	if err != nil {
		return GrantObservation{}, err
	}
	if g, ok := first.grants[clientID]; ok || pageCount(first.total) <= 1 {
		return g, nil
	}
	if s.wayPastFirstPage(audience, clientID, first) == grantByClient {
		return readUserGrant(ctx, s.M, clientID, audience)
	}
	for page := 1; page < pageCount(first.total); page++ {
		p, err := s.grantPage(ctx, audience, page)
		if err != nil {
			return GrantObservation{}, err
		}
		if g, ok := p.grants[clientID]; ok {
			return g, nil
		}
	}
	return GrantObservation{}, nil // on no page: the client has none
}

// probed reports whether the audience's first page is read or being read.
func (s *Session) probed(audience string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.grantPages[grantKey(audience, "0")]
	return ok
}

// wayPastFirstPage is how to read a grant the first page did not answer.
// When the run said its clients, it is decided once per audience, so that
// no run both reads alone and lists: the grants left alone, or the pages
// left. Otherwise each miss decides (chooseGrantRead).
func (s *Session) wayPastFirstPage(audience, clientID string, first grantPage) grantReadWay {
	c := s.grantCost(audience, clientID, &first)
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Wanted == 0 {
		return chooseGrantRead(c)
	}
	way, ok := s.grantWay[audience]
	if !ok {
		way = chooseGrantRead(c)
		if s.grantWay == nil {
			s.grantWay = map[string]grantReadWay{}
		}
		s.grantWay[audience] = way
	}
	return way
}

// grantCost is what chooseGrantRead needs to know about the client's read,
// with the first page when it was read (then counting one more miss).
func (s *Session) grantCost(audience, clientID string, first *grantPage) grantCost {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := grantCost{}
	var listed map[string]GrantObservation
	if first != nil {
		c.Probed, c.Total, listed = true, first.total, first.grants
		if s.grantMiss == nil {
			s.grantMiss = map[string]int{}
		}
		s.grantMiss[audience]++
		c.Misses = s.grantMiss[audience]
	}
	if len(s.expected) == 0 {
		return c
	}
	// The run's clients bound K from above: some of them need no grant.
	c.Wanted = 1 // this client, expected or not
	for id := range s.expected {
		_, held := s.grantReads[grantKey(audience, id)]
		_, onFirst := listed[id]
		if id != clientID && !held && !onFirst {
			c.Wanted++
		}
	}
	return c
}

// UserGrants returns every user grant for audience, keyed by client id: the
// whole list, as this session last knew each grant.
func (s *Session) UserGrants(ctx context.Context, audience string) (map[string]GrantObservation, error) {
	api, err := s.API(ctx, audience)
	if err != nil || !api.Active {
		return map[string]GrantObservation{}, err
	}
	first, err := s.grantPage(ctx, audience, 0)
	if err != nil {
		return nil, err
	}
	if pageCount(first.total) > maxGrantPages {
		return nil, errTooManyGrants(audience)
	}
	all := map[string]GrantObservation{}
	for page := 0; page < pageCount(first.total); page++ {
		p, err := s.grantPage(ctx, audience, page)
		if err != nil {
			return nil, err
		}
		for id, g := range p.grants {
			all[id] = g
		}
	}
	s.overlayHeldGrants(audience, all)
	return all, nil
}

// overlayHeldGrants puts into all the grants this session read alone or
// wrote, which are at least as new as the pages.
func (s *Session) overlayHeldGrants(audience string, all map[string]GrantObservation) {
	prefix := grantKey(audience, "")
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, r := range s.grantReads {
		if !strings.HasPrefix(key, prefix) || !isDone(r) || r.err != nil {
			continue
		}
		if id := key[len(prefix):]; r.val.Exists {
			all[id] = r.val
		} else {
			delete(all, id)
		}
	}
}

func isDone[T any](r *read[T]) bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// grantPage reads one page of the audience's user grants once per session.
func (s *Session) grantPage(ctx context.Context, audience string, page int) (grantPage, error) {
	p, _, err := load(ctx, s, s.grantPages, grantKey(audience, strconv.Itoa(page)), 0, func(ctx context.Context) (grantPage, error) {
		return listUserGrantPage(ctx, s.M, audience, page)
	})
	return p, err
}

// storeGrant records what a write left of the client's grant.
func (s *Session) storeGrant(clientID, audience string, g GrantObservation) {
	store(s, s.grantReads, grantKey(audience, clientID), g, 0)
}

// forgetGrants drops every grant read for audience, so the next reads read
// again.
func (s *Session) forgetGrants(audience string) {
	prefix := grantKey(audience, "")
	s.mu.Lock()
	defer s.mu.Unlock()
	for key := range s.grantPages {
		if strings.HasPrefix(key, prefix) {
			delete(s.grantPages, key)
		}
	}
	for key := range s.grantReads {
		if strings.HasPrefix(key, prefix) {
			delete(s.grantReads, key)
		}
	}
	delete(s.grantMiss, audience)
	delete(s.grantWay, audience)
}

// expect adds ids to the clients the session's runs will read, which makes
// the grant reads' choice exact (grantCost.Wanted). It adds, never
// replaces: a view shared by many runs (the operator's round) is told the
// tenant's clients once, then each run's own.
func (s *Session) expect(ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.expected == nil {
		s.expected = map[string]bool{}
	}
	for _, id := range ids {
		if id != "" {
			s.expected[id] = true
		}
	}
}

// grantKey keys an audience's page or client; an audience is a URL, so it
// never holds a newline.
func grantKey(audience, item string) string { return audience + "\n" + item }

// listUserGrantPage reads one page of 100 of the audience's user grants.
func listUserGrantPage(ctx context.Context, m *management.Management, audience string, page int) (grantPage, error) {
	list, err := m.ClientGrant.List(ctx,
		management.Parameter("audience", audience),
		management.Parameter("subject_type", subjectTypeUser),
		management.PerPage(grantsPerPage), management.Page(page), management.IncludeTotals(true),
	)
	if err != nil {
		return grantPage{}, fmt.Errorf("list user grants for %s (page %d): %w", audience, page, err)
	}
	out := grantPage{total: list.Total, grants: map[string]GrantObservation{}}
	for _, g := range list.ClientGrants {
		if isUserGrantFor(g, audience) {
			out.grants[g.GetClientID()] = grantObservation(g)
		}
	}
	return out, nil
}

// readUserGrant reads the client's user grant for audience alone.
func readUserGrant(ctx context.Context, m *management.Management, clientID, audience string) (GrantObservation, error) {
	list, err := m.ClientGrant.List(ctx,
		management.Parameter("audience", audience),
		management.Parameter("client_id", clientID),
		management.Parameter("subject_type", subjectTypeUser),
		management.PerPage(grantsPerPage), management.IncludeTotals(true),
	)
	if err != nil {
		return GrantObservation{}, fmt.Errorf("read the user grant of client %s for %s: %w", clientID, audience, err)
	}
	for _, g := range list.ClientGrants {
		if isUserGrantFor(g, audience) && g.GetClientID() == clientID {
			return grantObservation(g), nil
		}
	}
	return GrantObservation{}, nil
}

func grantObservation(g *management.ClientGrant) GrantObservation {
	return GrantObservation{Exists: true, ID: g.GetID(), Scopes: g.GetScope()}
}

func errTooManyGrants(audience string) error {
	return fmt.Errorf("list user grants for %s: more than %d pages of 100 user grants, more than myaccount reads in one run, so it stopped before changing any grant: remove unused user grants in %s, then apply again", audience, maxGrantPages, systemAPIOf(audience).GrantsDashboard())
}

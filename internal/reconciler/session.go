package reconciler

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/auth0/go-auth0/management"
)

// Session is one operation's view of a tenant: a plan, an apply, an operator
// reconcile, or the lifetime of one Terraform provider process. Each client,
// the My Account API and each client's user grant are read once and
// shared; concurrent reads of the same object wait for one request; a write
// replaces what was read with what the tenant answered, so the view is never
// staler than this process's own writes.
type Session struct {
	M      *management.Management
	Domain string
	// Settle is the wait before re-reading a client whose origin lists were
	// written (VerifyLists): 0 means DefaultSettle, negative skips it.
	Settle time.Duration
	locks  *ClientLocks

	// ListReads sends single-client reads through the tenant's client list
	// when that is cheaper (readThroughList): for a session that never
	// knows how many clients it will read, as a Terraform process.
	ListReads bool
	// Coalesce, when positive, is the longest the first write of a client
	// waits for other writes of the same client to join its PATCH; it
	// stops once a quarter of that passes with none joining (see
	// coalesce.go). For a session whose callers each write one setting of
	// a client, as Terraform resources do.
	Coalesce time.Duration
	// InFlight, when set, counts the face's calls in progress in this
	// process (Terraform resource calls), so that a batch stops waiting
	// once every one of them is a write waiting in a batch.
	InFlight func() int

	// WriteAge, when above zero, is how old a client's read may be for a
	// write to start from it; an older one is read again under the
	// client's lock. For a view shared by many runs over a while (the
	// operator's round), so that a write never undoes a change made in the
	// tenant since the view read the client.
	WriteAge time.Duration

	mu         sync.Mutex
	clients    map[string]*read[*ClientObservation]
	pages      map[string]*read[int] // the client list's pages read: their total
	listMisses int                   // reads by id that the list's first page did not answer
	rereads    map[string]time.Time  // per client: when the last read afresh was sent
	pageOf     map[string]int        // per client: the client list's page it was last seen on
	apis       map[string]*read[APIObservation]
	batches    map[string]*clientBatch // per client: the PATCH still taking joiners

	// The user grants, read by whichever way costs fewer requests
	// (session_grants.go).
	grantPages map[string]*read[grantPage]        // by audience and page (grantKey)
	grantReads map[string]*read[GrantObservation] // by audience and client: read alone, from a page, or written
	grantMiss  map[string]int                     // per audience: clients the first page did not answer
	grantWay   map[string]grantReadWay            // per audience: how a run that said its clients reads past the first page
	expected   map[string]bool                    // the run's clients, when it said so (Prefetch)
}

// NewSession starts a view of the tenant at domain. locks is shared by every
// session of the process that may write the same clients; nil gives this
// session its own.
func NewSession(m *management.Management, domain string, locks *ClientLocks) *Session {
	if locks == nil {
		locks = &ClientLocks{}
	}
	return &Session{M: m, Domain: domain, locks: locks,
		clients:    map[string]*read[*ClientObservation]{},
		pages:      map[string]*read[int]{},
		apis:       map[string]*read[APIObservation]{},
		grantPages: map[string]*read[grantPage]{},
		grantReads: map[string]*read[GrantObservation]{},
	}
}

// read is one object read, shared by everyone who asks while it runs and
// after; gen is the client's write generation when the read started.
type read[T any] struct {
	done chan struct{}
	val  T
	err  error
	gen  uint64
	at   time.Time // when the answer came; set before done closes
}

// load returns the cached read of key or starts it. A failed read is not
// kept, so the next caller tries again.
func load[T any](ctx context.Context, s *Session, cache map[string]*read[T], key string, gen uint64, fetch func(context.Context) (T, error)) (T, uint64, error) {
	s.mu.Lock()
	r, ok := cache[key]
	if !ok {
		r = &read[T]{done: make(chan struct{}), gen: gen}
		cache[key] = r
		s.mu.Unlock()
		r.val, r.err = fetch(ctx)
		r.at = time.Now()
		if r.err != nil {
			s.mu.Lock()
			if cache[key] == r { // not a newer read started once this one was dropped
				delete(cache, key)
			}
			s.mu.Unlock()
		}
		close(r.done)
		return r.val, r.gen, r.err
	}
	s.mu.Unlock()
	select {
	case <-r.done:
		return r.val, r.gen, r.err
	case <-ctx.Done():
		var zero T
		return zero, 0, ctx.Err()
	}
}

func store[T any](s *Session, cache map[string]*read[T], key string, val T, gen uint64) {
	r := &read[T]{done: make(chan struct{}), val: val, gen: gen, at: time.Now()}
	close(r.done)
	s.mu.Lock()
	cache[key] = r
	s.mu.Unlock()
}

// Client returns the client, nil when it does not exist.
func (s *Session) Client(ctx context.Context, clientID string) (*ClientObservation, error) {
	c, _, err := s.client(ctx, clientID)
	return c, err
}

func (s *Session) client(ctx context.Context, clientID string) (*ClientObservation, uint64, error) {
	if s.ListReads {
		if err := s.readThroughList(ctx, clientID); err != nil {
			return nil, 0, err
		}
	}
	return load(ctx, s, s.clients, clientID, s.locks.generation(s.Domain, clientID), func(ctx context.Context) (*ClientObservation, error) {
		return readClient(ctx, s.M, clientID)
	})
}

// freshClient is the client as this process last knew it: the cached read
// unless another session of the process wrote the client since. Call it with
// the client locked.
func (s *Session) freshClient(ctx context.Context, clientID string) (*ClientObservation, error) {
	c, gen, err := s.client(ctx, clientID)
	if err != nil || gen == s.locks.generation(s.Domain, clientID) && !s.tooOldToWrite(clientID) {
		return c, err
	}
	return s.reread(ctx, clientID)
}

// tooOldToWrite reports whether the client's read is older than WriteAge.
func (s *Session) tooOldToWrite(clientID string) bool {
	if s.WriteAge <= 0 {
		return false
	}
	s.mu.Lock()
	r, ok := s.clients[clientID]
	s.mu.Unlock()
	if !ok {
		return false
	}
	select {
	case <-r.done:
		return time.Since(r.at) > s.WriteAge
	default:
		return false // a read still in flight is fresh
	}
}

func (s *Session) forgetClient(clientID string) {
	s.mu.Lock()
	delete(s.clients, clientID)
	s.mu.Unlock()
}

// API returns the My Account API at audience.
func (s *Session) API(ctx context.Context, audience string) (APIObservation, error) {
	api, _, err := load(ctx, s, s.apis, audience, 0, func(ctx context.Context) (APIObservation, error) {
		return observeAPIAt(ctx, s.M, audience)
	})
	return api, err
}

func (s *Session) storeAPI(audience string, api APIObservation) {
	store(s, s.apis, audience, api, 0)
	if !api.Active {
		s.forgetGrants(audience)
		store(s, s.grantPages, grantKey(audience, "0"), grantPage{grants: map[string]GrantObservation{}}, 0)
	}
}

// ClientLocks serializes read-modify-write cycles on one Auth0 client within
// a process, the one scheme every face uses. Each write bumps the client's
// generation, so a session whose read is older reads again under the lock.
type ClientLocks struct {
	mu      sync.Mutex
	clients map[string]*clientLock
	writes  map[string]uint64 // per domain: a client list read across a write is not trusted
}

type clientLock struct {
	sync.Mutex
	gen uint64
}

func (l *ClientLocks) entry(domain, clientID string) *clientLock {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.clients == nil {
		l.clients = map[string]*clientLock{}
	}
	key := domain + "/" + clientID
	c, ok := l.clients[key]
	if !ok {
		c = &clientLock{}
		l.clients[key] = c
	}
	return c
}

// lock locks the client and returns a function that unlocks it, bumping the
// generation when wrote is set.
func (l *ClientLocks) lock(domain, clientID string) (unlock func(wrote bool)) {
	c := l.entry(domain, clientID)
	c.Lock()
	return func(wrote bool) {
		if wrote {
			l.mu.Lock()
			c.gen++
			if l.writes == nil {
				l.writes = map[string]uint64{}
			}
			l.writes[domain]++
			l.mu.Unlock()
		}
		c.Unlock()
	}
}

func (l *ClientLocks) generation(domain, clientID string) uint64 {
	c := l.entry(domain, clientID)
	l.mu.Lock()
	defer l.mu.Unlock()
	return c.gen
}

// generations are the write generations of the domain's clients that this
// process has locked, by client id (0 for the others).
func (l *ClientLocks) generations(domain string) map[string]uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]uint64{}
	prefix := domain + "/"
	for key, c := range l.clients {
		if id, ok := strings.CutPrefix(key, prefix); ok {
			out[id] = c.gen
		}
	}
	return out
}

func (l *ClientLocks) domainWrites(domain string) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writes[domain]
}

// TryLock takes a named lock if nobody holds it; ok is false otherwise. The
// operator uses it to let one object at a time activate a tenant's API.
func (l *ClientLocks) TryLock(domain, name string) (unlock func(), ok bool) {
	c := l.entry(domain, name)
	if !c.TryLock() {
		return nil, false
	}
	return c.Unlock, true
}

// errClientGone says a client disappeared between the plan and the write.
func errClientGone(clientID string) error {
	return fmt.Errorf("client %s was deleted from the tenant while applying: restore it, or remove it from the configuration, then apply again", clientID)
}

package auth0sim

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"sync"
)

// A test fault: the tenant commits a write and the answer never arrives.
// With Auth0 this happens when a connection breaks, a proxy times out or the
// caller's process dies after the request was sent; the caller cannot tell
// whether its write landed. Tests arm it to check that a face records what it
// is about to own before it writes (see DropAfterCommit).

// commitDrop is the armed commit-then-drop fault.
type commitDrop struct {
	mu      sync.Mutex
	toGo    int // writes left before the one that is dropped; 0 = disarmed
	outage  int // requests to drop after it, without serving them
	dropped int // writes dropped so far
}

// DropAfterCommit arms the commit-then-drop fault: the nth write from now
// (POST, PATCH, PUT or DELETE on /api/v2 that the tenant accepts) is
// committed, and then the connection is closed without an answer. The next
// outage /api/v2 requests after it are dropped too, without being served,
// as if the tenant were unreachable (so a client's retries of the lost
// write fail as well). n <= 0 disarms it. It fires once.
func (s *Server) DropAfterCommit(n, outage int) {
	s.drop.mu.Lock()
	defer s.drop.mu.Unlock()
	if n <= 0 {
		s.drop.toGo, s.drop.outage = 0, 0
		return
	}
	s.drop.toGo, s.drop.outage = n, outage
}

// DroppedWrites is the number of writes the commit-then-drop fault committed
// without answering.
func (s *Server) DroppedWrites() int {
	s.drop.mu.Lock()
	defer s.drop.mu.Unlock()
	return s.drop.dropped
}

// serveWrite dispatches the request; when it is the write the armed
// commit-then-drop fault waits for and the tenant accepts it, the answer is
// thrown away and the connection closed. When the armed list-undo fault
// applies, its origin is removed before the answer leaves. It returns the
// status the tenant decided on, and whether the request was served at all
// (false during an outage).
func (s *Server) serveWrite(w http.ResponseWriter, r *http.Request, rt route) (status int, served bool) {
	s.drop.mu.Lock()
	if s.drop.toGo == 0 && s.drop.outage > 0 {
		s.drop.outage--
		s.drop.mu.Unlock()
		dropConnection(w)
		return 0, false
	}
	armed := s.drop.toGo > 0 && isWriteMethod(r.Method)
	s.drop.mu.Unlock()
	undo := s.undo.appliesTo(r, rt)
	if !armed && !undo {
		rec := &statusRecorder{ResponseWriter: w}
		s.dispatch(rec, r, rt)
		return rec.status, true
	}
	buf := &bufferedResponse{header: http.Header{}}
	s.dispatch(buf, r, rt)
	accepted := buf.status >= 200 && buf.status < 300
	if undo && accepted {
		s.undoListWrite()
	}
	if armed && accepted && s.drop.commitAccepted() {
		dropConnection(w)
		return buf.status, true
	}
	buf.copyTo(w)
	return buf.status, true
}

// commitAccepted counts an accepted write and reports whether it is the one
// whose answer the fault drops.
func (d *commitDrop) commitAccepted() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.toGo == 0 {
		return false
	}
	d.toGo--
	if d.toGo > 0 {
		return false
	}
	d.dropped++
	return true
}

// A test fault: another writer keeps taking back an origin this one adds.
// Auth0 has no ETag or If-Match on clients, so a writer that read a client
// before another's PATCH and writes the whole list after it removes what the
// other added. Tests arm it to check that a face gives up after a bounded
// number of rewrites (see UndoOriginAfterWrites).

// listUndo is the armed list-undo fault.
type listUndo struct {
	mu       sync.Mutex
	clientID string // "" = disarmed
	list     string // "allowed_origins" or "web_origins"
	origin   string
	removed  int // times the origin was removed
}

// UndoOriginAfterWrites arms the list-undo fault: after every accepted PATCH
// of client clientID whose body sets list ("allowed_origins" or
// "web_origins"), origin is removed from that list before the answer is
// sent, as a concurrent writer would. The answer still shows the list as
// written. It fires on every such write until an empty clientID disarms it.
func (s *Server) UndoOriginAfterWrites(clientID, list, origin string) {
	s.undo.mu.Lock()
	defer s.undo.mu.Unlock()
	s.undo.clientID, s.undo.list, s.undo.origin = clientID, list, origin
}

// UndoneOrigins is the number of times the list-undo fault removed its
// origin.
func (s *Server) UndoneOrigins() int {
	s.undo.mu.Lock()
	defer s.undo.mu.Unlock()
	return s.undo.removed
}

// appliesTo reports whether r is a PATCH of the armed fault's client whose
// body sets its list. It leaves r.Body to be read again.
func (u *listUndo) appliesTo(r *http.Request, rt route) bool {
	u.mu.Lock()
	clientID, list := u.clientID, u.list
	u.mu.Unlock()
	if clientID == "" || r.Method != http.MethodPatch || rt.pattern != "clients/{id}" || unescapeSeg(rt.id) != clientID {
		return false
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBodySize+1))
	r.Body = io.NopCloser(bytes.NewReader(b))
	if err != nil {
		return false
	}
	obj, err := parseOrdered(b)
	return err == nil && slices.ContainsFunc(obj, func(f kv) bool { return f.Key == list })
}

// undoListWrite removes the armed fault's origin from its client's list, out
// of band, as EditClient does.
func (s *Server) undoListWrite() {
	s.undo.mu.Lock()
	clientID, list, origin := s.undo.clientID, s.undo.list, s.undo.origin
	s.undo.mu.Unlock()
	removed := false
	_ = s.EditClient(clientID, func(c *Client) {
		l := &c.AllowedOrigins
		if list == "web_origins" {
			l = &c.WebOrigins
		}
		removed = slices.Contains(*l, origin)
		*l = slices.DeleteFunc(*l, func(o string) bool { return o == origin })
	})
	if removed {
		s.undo.mu.Lock()
		s.undo.removed++
		s.undo.mu.Unlock()
	}
}

// bufferedResponse holds an answer until the fault decides whether to send it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}

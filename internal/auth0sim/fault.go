package auth0sim

import (
	"bytes"
	"net/http"
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
// thrown away and the connection closed. It returns the status the tenant
// decided on, and whether the request was served at all (false during an
// outage).
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
	if !armed {
		rec := &statusRecorder{ResponseWriter: w}
		s.dispatch(rec, r, rt)
		return rec.status, true
	}
	buf := &bufferedResponse{header: http.Header{}}
	s.dispatch(buf, r, rt)
	if buf.status >= 200 && buf.status < 300 {
		s.drop.mu.Lock()
		s.drop.toGo--
		fire := s.drop.toGo == 0
		if fire {
			s.drop.dropped++
		}
		s.drop.mu.Unlock()
		if fire {
			dropConnection(w)
			return buf.status, true
		}
	}
	buf.copyTo(w)
	return buf.status, true
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

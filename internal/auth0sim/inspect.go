package auth0sim

import "encoding/json"

// ClientProperty is one property of a client as the Management API would
// answer it (allowed_origins, callbacks, or one the emulator only stores),
// read out of band for tests that check any client field by name.
func (s *Server) ClientProperty(id, property string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cr := s.findClientLocked(id)
	if cr == nil {
		return nil, false
	}
	v, ok := s.clientJSON(cr)[property]
	if !ok {
		return nil, false
	}
	b, err := json.Marshal(v)
	return b, err == nil
}

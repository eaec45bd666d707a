package mgmt

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"sync"
)

// grantedScopes remembers the scopes of the access token the client last
// sent, so callers can check write scopes before the first write.
type grantedScopes struct {
	mu     sync.Mutex
	header string
	scopes []string
	known  bool
}

// observe reads the scope claim of a bearer JWT. The token is our own, fresh
// from the token endpoint; the claim is used only to fail early, never to
// authorize, so the signature is not checked here.
func (g *grantedScopes) observe(authorization string) {
	if g == nil || authorization == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if authorization == g.header {
		return
	}
	g.header = authorization
	g.scopes, g.known = scopesOf(strings.TrimPrefix(authorization, "Bearer "))
}

func scopesOf(token string) ([]string, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, false // opaque token: unknown
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, false
	}
	var claims struct {
		Scope *string `json:"scope"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Scope == nil {
		return nil, false
	}
	return strings.Fields(*claims.Scope), true
}

// GrantedScopes returns the Management API scopes of the current access token.
// known is false before the first request or for tokens without a scope claim.
func (c *Client) GrantedScopes() (scopes []string, known bool) {
	if c.scopes == nil {
		return nil, false
	}
	c.scopes.mu.Lock()
	defer c.scopes.mu.Unlock()
	return append([]string(nil), c.scopes.scopes...), c.scopes.known
}

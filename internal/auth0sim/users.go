package auth0sim

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"time"
)

// The seeded test user, who logs in on /authorize's login page (or
// automatically with Options.AutoLogin). The password is a fixed, published
// test credential, not a secret; the emulator keeps only its SHA-256.
const (
	TestUserEmail    = "user@auth0sim.test"
	TestUserPassword = "auth0sim-Passw0rd"
	TestUserName     = "Test User"
)

// userRec is a database user of the tenant.
type userRec struct {
	ID           string          `json:"user_id"`
	Email        string          `json:"email"`
	Name         string          `json:"name"`
	PasswordHash string          `json:"password_sha256"`
	Methods      []authMethodRec `json:"authentication_methods"`
}

// authMethodRec is one of a user's authentication methods, as the My
// Account API lists it. Published: identity_user_id and connection (the
// enrolment body of the My Account API doc). Inference (no recording): the
// fields id ("{type}|..."), type, created_at and usage, and that the seeded
// user lists its password as a method.
type authMethodRec struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	CreatedAt      time.Time `json:"created_at"`
	IdentityUserID string    `json:"identity_user_id,omitempty"`
	Connection     string    `json:"connection,omitempty"`
	Usage          []string  `json:"usage,omitempty"`
}

// AuthenticationMethod is a user's authentication method, for tests.
type AuthenticationMethod struct {
	ID   string
	Type string
}

func passwordHash(p string) string {
	sum := sha256.Sum256([]byte(p))
	return hex.EncodeToString(sum[:])
}

// newTestUser is the seeded user: a database user with a password.
func newTestUser() *userRec {
	id := randHex(12)
	return &userRec{
		ID:           "auth0|" + id,
		Email:        TestUserEmail,
		Name:         TestUserName,
		PasswordHash: passwordHash(TestUserPassword),
		Methods: []authMethodRec{{
			ID: "password|" + id, Type: "password", CreatedAt: time.Now().UTC().Truncate(time.Second),
			IdentityUserID: id, Connection: "Username-Password-Authentication", Usage: []string{"primary"},
		}},
	}
}

// checkPasswordLocked returns the user with this email and password, or nil.
func (s *Server) checkPasswordLocked(email, password string) *userRec {
	for _, u := range s.st.Users {
		if u.Email == email && subtle.ConstantTimeCompare([]byte(u.PasswordHash), []byte(passwordHash(password))) == 1 {
			return u
		}
	}
	return nil
}

func (s *Server) findUserLocked(id string) *userRec {
	for _, u := range s.st.Users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// TestUserID is the user_id of the seeded test user.
func (s *Server) TestUserID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Users[0].ID
}

// AuthenticationMethods lists the test user's authentication methods.
func (s *Server) AuthenticationMethods() []AuthenticationMethod {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []AuthenticationMethod
	for _, m := range s.st.Users[0].Methods {
		out = append(out, AuthenticationMethod{ID: m.ID, Type: m.Type})
	}
	return out
}

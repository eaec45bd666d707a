package auth0sim

import (
	"encoding/json"
	"slices"
	"testing"
)

// The list-undo fault takes the origin back after each PATCH of the armed
// client's list, and only then: the answer still shows what was written,
// other lists and other bodies are left alone, and disarming stops it.
func TestUndoOriginAfterWrites(t *testing.T) {
	s := startSim(t, Options{})
	seedTwo(s)
	const ours = "https://ours.example.com"
	both := []string{"https://foreign.example.com", ours}
	s.UndoOriginAfterWrites("app1", "allowed_origins", ours)

	code, _, body := raw(t, s, "PATCH", "/api/v2/clients/app1", map[string]any{"allowed_origins": both, "web_origins": both})
	if code != 200 {
		t.Fatalf("PATCH: %d %s", code, body)
	}
	var answer struct {
		AllowedOrigins []string `json:"allowed_origins"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || !slices.Equal(answer.AllowedOrigins, both) {
		t.Fatalf("answer allowed_origins = %v (%v), want the list as written %v", answer.AllowedOrigins, err, both)
	}
	c, _ := s.GetClient("app1")
	if slices.Contains(c.AllowedOrigins, ours) || !slices.Equal(c.WebOrigins, both) || s.UndoneOrigins() != 1 {
		t.Fatalf("after the write: allowed_origins %v, web_origins %v, undone %d; want %s removed from allowed_origins only, once",
			c.AllowedOrigins, c.WebOrigins, s.UndoneOrigins(), ours)
	}

	// A PATCH that does not set the list leaves it alone.
	if err := s.EditClient("app1", func(c *Client) { c.AllowedOrigins = both }); err != nil {
		t.Fatal(err)
	}
	if code, _, body := raw(t, s, "PATCH", "/api/v2/clients/app1", map[string]any{"name": "renamed"}); code != 200 {
		t.Fatalf("PATCH name: %d %s", code, body)
	}
	if c, _ := s.GetClient("app1"); !slices.Contains(c.AllowedOrigins, ours) || s.UndoneOrigins() != 1 {
		t.Fatalf("a PATCH without the list: allowed_origins %v, undone %d; want it untouched", c.AllowedOrigins, s.UndoneOrigins())
	}

	// Disarmed, the write holds.
	s.UndoOriginAfterWrites("", "", "")
	if code, _, body := raw(t, s, "PATCH", "/api/v2/clients/app1", map[string]any{"allowed_origins": both}); code != 200 {
		t.Fatalf("PATCH: %d %s", code, body)
	}
	if c, _ := s.GetClient("app1"); !slices.Contains(c.AllowedOrigins, ours) || s.UndoneOrigins() != 1 {
		t.Fatalf("disarmed: allowed_origins %v, undone %d; want the write kept", c.AllowedOrigins, s.UndoneOrigins())
	}
}

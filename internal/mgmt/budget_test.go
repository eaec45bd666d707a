package mgmt

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

func TestRequestBudgetStopsARun(t *testing.T) {
	t.Parallel()
	s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, clientJSON("abc")) })
	c := staticClient(t, s, fastPolicy, nil)
	b := NewRequestBudget(3, "apply of default/loop")
	ctx := WithRequestBudget(context.Background(), b)
	var err error
	for i := 0; i < 10 && err == nil; i++ {
		_, err = c.Client.Read(ctx, "abc")
	}
	e := Classify(err)
	if e == nil || e.Class != OverBudget {
		t.Fatalf("Classify = %#v, want class %s", e, OverBudget)
	}
	if s.count() != 3 {
		t.Errorf("tenant saw %d requests, want the budget of 3", s.count())
	}
	wantInError(t, err, "GET /api/v2/clients/abc", "the apply of default/loop stopped after 3 Management API requests", "nothing more was sent")
	// Another run, with its own budget, is not affected.
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
}

func TestRequestBudgetCountsRequestsNotRetries(t *testing.T) {
	t.Parallel()
	s := failingTenant(t, 2, func(w http.ResponseWriter) { auth0Error(w, 503, "down", "") })
	c := staticClient(t, s, fastPolicy, nil)
	ctx := WithRequestBudget(context.Background(), NewRequestBudget(1, "plan"))
	if _, err := c.Client.Read(ctx, "abc"); err != nil {
		t.Fatalf("one request retried twice, budget 1: %v", err)
	}
	_, err := c.Client.Read(ctx, "abc")
	var e *Error
	if !errors.As(err, &e) || e.Class != OverBudget {
		t.Fatalf("second request: %v, want over budget", err)
	}
}

package reconciler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCallWithTokenCancelledIsAnError: a run cancelled during the token
// call says nothing of the tenant, so it is an error, not a failing link
// with a fix about the audience domain. An answer is an observation.
func TestCallWithTokenCancelledIsAnError(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"title":"Unauthorized","detail":"bad token"}`))
	}))
	defer srv.Close()
	domain := strings.TrimPrefix(srv.URL, "https://")

	tc, err := callWithToken(context.Background(), srv.Client(), domain, "a.b.c")
	if err != nil || tc.Outcome != OutcomeFail || tc.Status != http.StatusUnauthorized || !strings.Contains(tc.Fix, "fresh token") {
		t.Fatalf("answered 401: got %+v, %v; want a failing call with the 401 fix", tc, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if tc, err := callWithToken(ctx, srv.Client(), domain, "a.b.c"); err == nil {
		t.Errorf("cancelled run: got %+v and no error; want the cancellation as an error", tc)
	}
}

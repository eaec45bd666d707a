package mgmt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

func TestClassifyManagementAPIErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		status    int
		message   string
		code      string
		rawBody   string // instead of an Auth0 envelope
		class     Class
		scopes    []string
		wantInErr []string
	}{
		{name: "not found", status: 404, message: "The client does not exist", code: "inexistent_client", class: NotFound,
			wantInErr: []string{"GET /api/v2/clients/abc: not found (404 inexistent_client): The client does not exist"}},
		{name: "one missing scope", status: 403, message: "Insufficient scope, expected any of: read:clients", code: "insufficient_scope", class: Forbidden,
			scopes:    []string{"read:clients"},
			wantInErr: []string{"the Management API client lacks scope read:clients: grant it to the application in Auth0 Dashboard > Applications > APIs > Auth0 Management API"}},
		{name: "any of several scopes", status: 403, message: "Insufficient scope, expected any of: read:clients,update:clients", code: "insufficient_scope", class: Forbidden,
			scopes:    []string{"read:clients", "update:clients"},
			wantInErr: []string{"lacks scope read:clients or update:clients", "Auth0 Management API"}},
		{name: "other forbidden", status: 403, message: "Tenant is frozen", class: Forbidden,
			wantInErr: []string{"forbidden (403 Forbidden): Tenant is frozen"}},
		{name: "validation", status: 400, message: "Payload validation error: 'Additional properties not allowed: token_dialect'.", code: "invalid_body", class: Validation,
			wantInErr: []string{"rejected as invalid (400 invalid_body): Payload validation error: 'Additional properties not allowed: token_dialect'."}},
		{name: "conflict without errorCode", status: 409, message: "A client grant already exists between abc and https://t/me/", class: Conflict,
			wantInErr: []string{"conflict (409 Conflict): A client grant already exists"}},
		{name: "unauthorized", status: 401, message: "Invalid token", class: Unauthorized,
			wantInErr: []string{"rejected the access token", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN"}},
		{name: "teapot", status: 418, message: "short and stout", class: Unknown, wantInErr: []string{"GET /api/v2/clients/abc: unexpected response (418 I'm a teapot): short and stout"}},
		{name: "non-JSON body", status: 404, rawBody: "<html>nginx</html>", class: NotFound, wantInErr: []string{"not found (404 Not Found): Not Found"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if tc.rawBody != "" {
					w.WriteHeader(tc.status)
					io.WriteString(w, tc.rawBody)
					return
				}
				auth0Error(w, tc.status, tc.message, tc.code)
			})
			c := staticClient(t, s, fastPolicy, nil)
			_, err := c.Client.Read(context.Background(), "abc")
			if err == nil {
				t.Fatal("no error")
			}
			e := Classify(err)
			if e.Class != tc.class || e.Status != tc.status || e.ErrorCode != tc.code || e.Method != "GET" || e.Path != "/api/v2/clients/abc" {
				t.Fatalf("Classify = %#v", e)
			}
			if tc.message != "" && e.Message != tc.message {
				t.Fatalf("message %q, want %q", e.Message, tc.message)
			}
			if !reflect.DeepEqual(e.MissingScopes, tc.scopes) {
				t.Fatalf("missing scopes %q, want %q", e.MissingScopes, tc.scopes)
			}
			for _, w := range tc.wantInErr {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("error %q\nlacks %q", e.Error(), w)
				}
			}
			if !errors.Is(e, err) && e.Unwrap() != err {
				t.Errorf("Unwrap does not lead to the original error")
			}
			// go-auth0's own error still carries Auth0's message.
			if tc.message != "" && !strings.Contains(err.Error(), tc.message) {
				t.Errorf("go-auth0 error %q lost the message", err)
			}
			if ClassOf(err) != tc.class || IsNotFound(err) != (tc.class == NotFound) || IsConflict(err) != (tc.class == Conflict) {
				t.Errorf("helpers disagree with Classify")
			}
		})
	}
}

func TestClassifyExhaustedRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		class  Class
		want   string
	}{
		{503, Unavailable, "gave up after 2 attempts over"},
		{503, Unavailable, "last response 503 Service Unavailable: Global limit has been reached; the Management API did not recover: retry later"},
		{429, RateLimited, "last response 429 Too Many Requests: Global limit has been reached (too_many_requests)"},
	} {
		s := newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
			auth0Error(w, tc.status, "Global limit has been reached", map[int]string{429: "too_many_requests"}[tc.status])
		})
		p := fastPolicy
		p.MaxAttempts = 2
		c := staticClient(t, s, p, nil)
		_, err := c.Client.Read(context.Background(), "abc")
		e := Classify(err)
		if e.Class != tc.class || e.Attempts != 2 || !strings.Contains(e.Error(), tc.want) {
			t.Fatalf("%d: %v (%#v)", tc.status, e, e)
		}
	}
}

func TestClassifyPlainErrors(t *testing.T) {
	if Classify(nil) != nil || ClassOf(nil) != "" || Explain(nil) != nil || IsNotFound(nil) {
		t.Fatal("nil must classify as nil")
	}
	urlErr := func(err error) error {
		return fmt.Errorf("failed to send the request: %w", &url.Error{Op: "Get", URL: "https://t.auth0.com/api/v2/clients/x?fields=a", Err: err})
	}
	cases := []struct {
		err   error
		class Class
		want  string
	}{
		{errors.New("boom"), Unknown, "boom"},
		{context.Canceled, Unknown, "canceled"},
		{urlErr(context.DeadlineExceeded), Unavailable, "GET /api/v2/clients/x: timed out talking to t.auth0.com"},
		{urlErr(io.EOF), Unavailable, "EOF"},
		{urlErr(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), Unavailable, "connection reset"},
		{urlErr(syscall.ECONNREFUSED), Unavailable, "refused"},
		{urlErr(&net.DNSError{Err: "no such host", Name: "t.auth0.com", IsNotFound: true}), Unavailable, "cannot resolve the host t.auth0.com: check AUTH0_DOMAIN"},
		{urlErr(errors.New("failed to create client assertion")), Unknown, "client assertion"},
	}
	for _, tc := range cases {
		e := Classify(tc.err)
		if e.Class != tc.class || !strings.Contains(e.Error(), tc.want) {
			t.Errorf("Classify(%v) = %s %q, want %s containing %q", tc.err, e.Class, e.Error(), tc.class, tc.want)
		}
		if !errors.Is(e, tc.err) && !errors.Is(tc.err, e.Err) {
			t.Errorf("Classify(%v) lost the cause", tc.err)
		}
	}
	// An *Error in the chain is returned as is.
	ours := &Error{Class: Conflict, Status: 409}
	if Classify(fmt.Errorf("wrapped: %w", ours)) != ours {
		t.Fatal("existing *Error not returned")
	}
}

func TestSplitTrailer(t *testing.T) {
	msg, code, method, path := splitTrailer("Insufficient scope, expected any of: read:clients [insufficient_scope; GET /api/v2/clients]")
	if msg != "Insufficient scope, expected any of: read:clients" || code != "insufficient_scope" || method != "GET" || path != "/api/v2/clients" {
		t.Fatalf("%q %q %q %q", msg, code, method, path)
	}
	msg, code, method, path = splitTrailer("A grant exists [POST /api/v2/client-grants]")
	if msg != "A grant exists" || code != "" || method != "POST" || path != "/api/v2/client-grants" {
		t.Fatalf("%q %q %q %q", msg, code, method, path)
	}
	if msg, _, _, _ := splitTrailer("plain [message]"); msg != "plain [message]" {
		t.Fatalf("%q", msg)
	}
}

package mgmt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// Class is the kind of a Management API failure.
type Class string

// Error classes.
const (
	NotFound     Class = "not_found"
	Unauthorized Class = "unauthorized"
	Forbidden    Class = "forbidden"
	Validation   Class = "validation"
	Conflict     Class = "conflict"
	RateLimited  Class = "rate_limited"
	Unavailable  Class = "unavailable"
	Unknown      Class = "unknown"
)

// Error is a classified Management API failure. Obtain one with Classify.
type Error struct {
	Class         Class
	Status        int      // HTTP status; 0 for a network error
	Message       string   // Auth0's message (without our annotations)
	ErrorCode     string   // Auth0's errorCode, e.g. "inexistent_client", or the OAuth error of the token endpoint
	MissingScopes []string // for Forbidden: the scopes Auth0 expected (any one of them suffices)
	Method, Path  string   // the failing request; Path is escaped, without the query
	Attempts      int      // attempts made, when retries were exhausted
	Elapsed       time.Duration
	Err           error // the underlying error

	exhausted bool   // retries ran out
	note      string // why retrying stopped early
	host      string
	kind      string // "token", "tls", "dns", "timeout" or ""
}

// Error returns a human, actionable description.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Method != "" && e.Path != "" {
		b.WriteString(e.Method + " " + e.Path + ": ")
	}
	b.WriteString(e.describe())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// statusText is "404 inexistent_client" or "503 Service Unavailable".
func (e *Error) statusText() string {
	if e.Status == 0 {
		if e.ErrorCode != "" {
			return e.ErrorCode
		}
		return "no response"
	}
	if e.ErrorCode != "" {
		return fmt.Sprintf("%d %s", e.Status, e.ErrorCode)
	}
	return fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
}

// detail is "(status): message".
func (e *Error) detail() string {
	if e.Message == "" {
		if e.Err != nil && e.Status == 0 {
			return "(" + e.Err.Error() + ")"
		}
		return "(" + e.statusText() + ")"
	}
	return "(" + e.statusText() + "): " + e.Message
}

const m2mPath = "Auth0 Dashboard > Applications > APIs > Auth0 Management API"

// describe is what failed and what to do, by the error's class.
func (e *Error) describe() string {
	if e.exhausted {
		return e.describeExhausted()
	}
	switch e.Class {
	case OverBudget:
		return "refused: " + e.note
	case NotFound:
		return "not found " + e.detail()
	case Unauthorized:
		return e.describeUnauthorized()
	case Forbidden:
		return e.describeForbidden()
	case Validation:
		return "rejected as invalid " + e.detail()
	case Conflict:
		return "conflict " + e.detail()
	case RateLimited:
		return "rate limited " + e.detail() + ": retry later or lower the request rate"
	case Unavailable:
		return e.describeUnavailable()
	}
	if e.kind == "tls" {
		return fmt.Sprintf("the TLS certificate of %s is not trusted (%v): use the tenant's real domain, or for a local emulator point SSL_CERT_FILE at its CA certificate", hostOr(e.host), e.Err)
	}
	if e.Message != "" {
		if e.Status > 0 {
			return "unexpected response " + e.detail()
		}
		return e.Message
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return "unknown error"
}

// describeExhausted describes a request whose retries ran out: how many
// attempts over how long, what the last one returned, and what to do.
func (e *Error) describeExhausted() string {
	n := "attempts"
	if e.Attempts == 1 {
		n = "attempt"
	}
	s := fmt.Sprintf("gave up after %d %s over %s", e.Attempts, n, roundDuration(e.Elapsed))
	switch {
	case e.Status > 0:
		s += fmt.Sprintf(": last response %d %s", e.Status, http.StatusText(e.Status))
		if e.Message != "" {
			s += ": " + e.Message
		}
		if e.ErrorCode != "" {
			s += " (" + e.ErrorCode + ")"
		}
	case e.Err != nil:
		s += ": last error: " + e.Err.Error()
	}
	if e.note != "" {
		s += " (" + e.note + ")"
	}
	switch e.Class {
	case RateLimited:
		s += "; the tenant's Management API rate limit is exhausted: retry later or lower the request rate"
	case Unavailable:
		s += "; the Management API did not recover: retry later"
	}
	return s
}

// describeUnauthorized says which credentials to check: those of the token
// request, or the access token.
func (e *Error) describeUnauthorized() string {
	if e.kind == "token" {
		return fmt.Sprintf("could not get a Management API access token from %s %s: check the client ID and secret or private key (%s and %s or %s; for the operator, the credentials Secret) and that the application belongs to this tenant",
			e.tokenURL(), e.detail(), EnvClientID, EnvClientSecret, EnvClientAssertionPrivateKey)
	}
	return fmt.Sprintf("the Management API rejected the access token %s: check %s/%s, or %s if you use a static token (it may have expired)",
		e.detail(), EnvClientID, EnvClientSecret, EnvAPIToken)
}

// describeForbidden names the missing scopes, or the missing authorization
// of the application.
func (e *Error) describeForbidden() string {
	switch {
	case len(e.MissingScopes) == 1:
		return fmt.Sprintf("the Management API client lacks scope %s: grant it to the application in %s (Machine To Machine Applications tab)", e.MissingScopes[0], m2mPath)
	case len(e.MissingScopes) > 1:
		return fmt.Sprintf("the Management API client lacks scope %s (any one of them): grant it to the application in %s (Machine To Machine Applications tab)", strings.Join(e.MissingScopes, " or "), m2mPath)
	case e.kind == "token":
		return fmt.Sprintf("the application whose client ID was given is not authorized to call the Management API %s: authorize it in %s > Machine To Machine Applications", e.detail(), m2mPath)
	}
	return "forbidden " + e.detail()
}

// describeUnavailable tells a timeout, an unknown host, a failing API and an
// unreachable one apart.
func (e *Error) describeUnavailable() string {
	switch {
	case e.kind == "timeout":
		return fmt.Sprintf("timed out talking to %s (%v)", hostOr(e.host), e.Err)
	case e.kind == "dns":
		return fmt.Sprintf("cannot resolve the host %s: check %s (%v)", e.host, EnvDomain, e.Err)
	case e.Status > 0:
		return "the Management API is unavailable " + e.detail()
	case e.Err != nil:
		return fmt.Sprintf("cannot reach %s: %v", hostOr(e.host), e.Err)
	}
	return "the Management API is unavailable"
}

func (e *Error) tokenURL() string {
	if e.host != "" {
		return "https://" + e.host + e.Path
	}
	return "the token endpoint"
}

func hostOr(h string) string {
	if h == "" {
		return "the Management API"
	}
	return h
}

// go-auth0's error string: "%d %s: %s".
var managementErrorRE = regexp.MustCompile(`(?s)^(\d{3}) ([^:]*): (.*)$`)

var insufficientScopeRE = regexp.MustCompile(`(?is)insufficient scope[^:]*:\s*(.+)$`)

// Classify turns any error from a Management API call into an *Error (nil
// for nil). It understands go-auth0 errors (management.Error), our own
// retry-exhaustion errors, token endpoint failures (oauth2.RetrieveError),
// TLS, DNS and other network errors, whether wrapped in *url.Error or not.
// An *Error already in the chain is returned as is.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	method, path, host := requestOf(err)
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return fromRetrieveError(re, err)
	}
	var me management.Error
	if errors.As(err, &me) {
		return fromManagementError(me, err, method, path, host)
	}
	return fromTransportError(err, method, path, host)
}

// Explain returns Classify(err) as an error, or nil for nil. Use it to turn
// go-auth0's errors into actionable ones before showing them to a user.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	return Classify(err)
}

// ClassOf returns Classify(err).Class, or "" for nil.
func ClassOf(err error) Class {
	if c := Classify(err); c != nil {
		return c.Class
	}
	return ""
}

// IsNotFound reports whether err is a 404 from the Management API.
func IsNotFound(err error) bool { return ClassOf(err) == NotFound }

// IsConflict reports whether err is a 409 from the Management API.
func IsConflict(err error) bool { return ClassOf(err) == Conflict }

// requestOf finds the innermost *url.Error, which names the request that
// actually failed (e.g. the token request under an API request).
func requestOf(err error) (method, path, host string) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if ue, ok := e.(*url.Error); ok {
			method = strings.ToUpper(ue.Op)
			if u, perr := url.Parse(ue.URL); perr == nil {
				path, host = u.EscapedPath(), u.Host
			}
		}
	}
	return method, path, host
}

func classForStatus(status int) Class {
	switch {
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return Validation
	case status == http.StatusUnauthorized:
		return Unauthorized
	case status == http.StatusForbidden:
		return Forbidden
	case status == http.StatusNotFound:
		return NotFound
	case status == http.StatusConflict:
		return Conflict
	case status == http.StatusTooManyRequests:
		return RateLimited
	case status >= 500:
		return Unavailable
	}
	return Unknown
}

func fromManagementError(me management.Error, err error, method, path, host string) *Error {
	status := me.Status()
	msg := me.Error()
	if m := managementErrorRE.FindStringSubmatch(msg); m != nil {
		msg = m[3]
	}
	msg, code, tm, tp := splitTrailer(msg)
	if tm != "" {
		method, path = tm, tp
	}
	e := &Error{Class: classForStatus(status), Status: status, Message: msg, ErrorCode: code, Method: method, Path: path, Err: err, host: host}
	if e.Class == Forbidden || code == "insufficient_scope" {
		e.MissingScopes = parseScopes(msg)
	}
	return e
}

func parseScopes(msg string) []string {
	m := insufficientScopeRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if s = strings.TrimRight(s, "."); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func fromRetrieveError(re *oauth2.RetrieveError, err error) *Error {
	e := &Error{Class: Unauthorized, Method: http.MethodPost, Path: "/oauth/token", ErrorCode: re.ErrorCode, Message: re.ErrorDescription, Err: err, kind: "token"}
	if r := re.Response; r != nil {
		e.Status = r.StatusCode
		if r.Request != nil && r.Request.URL != nil {
			e.Method, e.Path, e.host = r.Request.Method, r.Request.URL.EscapedPath(), r.Request.URL.Host
		}
	}
	if e.Message == "" && e.ErrorCode == "" {
		if s := strings.TrimSpace(string(re.Body)); s != "" && len(s) <= 200 && !strings.HasPrefix(s, "<") {
			e.Message = s
		}
	}
	switch {
	case e.Status == http.StatusForbidden:
		e.Class = Forbidden
	case e.Status == http.StatusTooManyRequests:
		e.Class = RateLimited
	case e.Status >= 500:
		e.Class = Unavailable
	}
	return e
}

func fromTransportError(err error, method, path, host string) *Error {
	e := &Error{Class: Unknown, Method: method, Path: path, Err: err, host: host}
	var dns *net.DNSError
	var netErr net.Error
	var opErr *net.OpError
	switch {
	case errors.Is(err, context.Canceled):
		e.Message = "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		e.Class, e.kind = Unavailable, "timeout"
	case isTLSTrustError(err):
		e.kind = "tls"
	case errors.As(err, &dns):
		e.Class = Unavailable
		if dns.IsNotFound {
			e.kind = "dns"
			if e.host == "" {
				e.host = dns.Name
			}
		}
	case errors.As(err, &opErr), errors.As(err, &netErr) && netErr.Timeout(),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE):
		e.Class = Unavailable
	}
	return e
}

package mgmt

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tokenTenant serves /oauth/token via tokenHandler and the API via api,
// which sees only requests carrying the issued token.
func tokenTenant(t *testing.T, tokenHandler func(w http.ResponseWriter, r *http.Request), api func(w http.ResponseWriter, r *http.Request)) *tenant {
	return newTenant(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			tokenHandler(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bearer issued-token" {
			auth0Error(w, 401, "Invalid token", "")
			return
		}
		api(w, r)
	})
}

func issueToken(w http.ResponseWriter) {
	writeJSON(w, 200, map[string]any{"access_token": "issued-token", "token_type": "Bearer", "expires_in": 86400})
}

func TestClientCredentialsFlowOverTLS(t *testing.T) {
	t.Parallel()
	var tokens atomic.Int32
	var domain string
	s := tokenTenant(t, func(w http.ResponseWriter, r *http.Request) {
		tokens.Add(1)
		_ = r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		if r.PostForm.Get("grant_type") != "client_credentials" || id != "cid" || secret != "csecret" ||
			r.PostForm.Get("audience") != "https://"+domain+"/api/v2/" {
			writeJSON(w, 401, map[string]string{"error": "access_denied", "error_description": "Unauthorized"})
			return
		}
		issueToken(w)
	}, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, clientJSON("abc"))
	})
	domain = s.domain()
	obs := &recordingObserver{}
	c, err := New(context.Background(), Config{Domain: "https://" + domain + "/", ClientID: "cid", ClientSecret: "csecret",
		RootCAs: s.roots(), Retry: fastPolicy, Limiter: NewLimiter(), Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	if c.Domain != domain {
		t.Fatalf("domain %q", c.Domain)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
			t.Fatal(Explain(err))
		}
	}
	if tokens.Load() != 1 {
		t.Fatalf("%d token requests, want 1 (token reused)", tokens.Load())
	}
	// The token request is observed but does not count against the
	// Management API limiter.
	if st := c.Limiter.Stats(); st.Requests != 3 {
		t.Fatalf("limiter saw %d requests, want the 3 API calls", st.Requests)
	}
	if o := obs.all(); len(o) != 4 || o[0].Route != "/oauth/token" || o[0].Method != "POST" || o[1].Route != "/api/v2/clients/{id}" {
		t.Fatalf("observations %+v", o)
	}
}

func TestPrivateKeyJWTFlow(t *testing.T) {
	t.Parallel()
	keyPEM, key := testPEM(t)
	var domain string
	s := tokenTenant(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.PostForm.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
			writeJSON(w, 400, map[string]string{"error": "invalid_request", "error_description": "no assertion"})
			return
		}
		claims, err := verifyRS256(r.PostForm.Get("client_assertion"), &key.PublicKey)
		if err != nil || claims["sub"] != "cid" || claims["iss"] != "cid" || claims["aud"] != "https://"+domain+"/" {
			writeJSON(w, 401, map[string]string{"error": "invalid_client", "error_description": "bad assertion"})
			return
		}
		issueToken(w)
	}, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, clientJSON("abc"))
	})
	domain = s.domain()
	c, err := New(context.Background(), Config{Domain: domain, ClientID: "cid", ClientAssertionPrivateKey: strings.ReplaceAll(keyPEM, "\n", `\n`),
		RootCAs: s.roots(), Retry: fastPolicy, Limiter: NewLimiter()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Client.Read(context.Background(), "abc"); err != nil {
		t.Fatal(Explain(err))
	}
}

// verifyRS256 checks a compact JWS and returns its claims.
func verifyRS256(token string, pub *rsa.PublicKey) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errBadJWT
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
		return nil, err
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	return claims, json.Unmarshal(raw, &claims)
}

var errBadJWT = &Error{Class: Unknown, Message: "malformed JWT"}

func TestTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status int
		body   map[string]string
		class  Class
		want   []string
	}{
		{"bad secret", 401, map[string]string{"error": "access_denied", "error_description": "Unauthorized"}, Unauthorized,
			[]string{"POST /oauth/token: could not get a Management API access token", "401 access_denied", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"}},
		{"no client grant", 403, map[string]string{"error": "access_denied", "error_description": "Client is not authorized to access \"https://t/api/v2/\". You need to create a \"client-grant\" associated to this API."}, Forbidden,
			[]string{"not authorized to call the Management API", "Machine To Machine Applications"}},
		{"token endpoint down", 503, map[string]string{"error": "temporarily_unavailable"}, Unavailable,
			[]string{"POST /oauth/token: gave up after 2 attempts", "503 Service Unavailable"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tokenTenant(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tc.status, tc.body)
			}, func(w http.ResponseWriter, r *http.Request) {
				t.Error("API called without a token")
			})
			p := fastPolicy
			p.MaxAttempts = 2
			c, err := New(context.Background(), Config{Domain: s.domain(), ClientID: "cid", ClientSecret: "wrong-secret-value",
				RootCAs: s.roots(), Retry: p, Limiter: NewLimiter()})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Client.Read(context.Background(), "abc")
			e := Classify(err)
			if e == nil || e.Class != tc.class {
				t.Fatalf("Classify = %v (%#v)", e, e)
			}
			for _, w := range tc.want {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("error %q\nlacks %q", e.Error(), w)
				}
			}
			if strings.Contains(e.Error(), "wrong-secret-value") {
				t.Fatal("error leaks the client secret")
			}
		})
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	_, err := New(context.Background(), Config{Domain: "t.auth0.com"})
	if err == nil || !strings.Contains(err.Error(), "AUTH0_CLIENT_ID") {
		t.Fatalf("New = %v", err)
	}
}

func TestNewUsesRegistryLimiter(t *testing.T) {
	c, err := New(context.Background(), Config{Domain: "Registry-Test.example.com", APIToken: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Limiter != LimiterFor("registry-test.example.com") {
		t.Fatal("client does not use the process-wide limiter of its domain")
	}
}

// The token source keeps New's context for refreshes; cancelling it makes
// later token fetches fail instead of hanging.
func TestTokenContextCancelled(t *testing.T) {
	t.Parallel()
	s := tokenTenant(t, func(w http.ResponseWriter, r *http.Request) { issueToken(w) },
		func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, clientJSON("abc")) })
	ctx, cancel := context.WithCancel(context.Background())
	c, err := New(ctx, Config{Domain: s.domain(), ClientID: "cid", ClientSecret: "s", RootCAs: s.roots(), Retry: fastPolicy, Limiter: NewLimiter()})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	done := make(chan error, 1)
	go func() { _, err := c.Client.Read(context.Background(), "abc"); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("token fetched with a cancelled context")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("hung")
	}
}

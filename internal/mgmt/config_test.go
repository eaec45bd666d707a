package mgmt

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func testPEM(t *testing.T) (string, *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), key
}

func TestValidate(t *testing.T) {
	key, _ := testPEM(t)
	cases := []struct {
		name string
		cfg  Config
		want []string // substrings of the error; nil = valid
	}{
		{"client credentials", Config{Domain: "t.eu.auth0.com", ClientID: "id", ClientSecret: "s"}, nil},
		{"private key", Config{Domain: "t.eu.auth0.com", ClientID: "id", ClientAssertionPrivateKey: key}, nil},
		{"private key escaped newlines", Config{Domain: "t.eu.auth0.com", ClientID: "id", ClientAssertionPrivateKey: strings.ReplaceAll(key, "\n", `\n`), ClientAssertionSigningAlg: "rs384"}, nil},
		{"api token", Config{Domain: "localhost:8443", APIToken: "tok"}, nil},
		{"https domain accepted", Config{Domain: "https://T.eu.auth0.com/", APIToken: "tok"}, nil},
		{"missing domain", Config{APIToken: "tok"},
			[]string{"AUTH0_DOMAIN is not set: set the tenant domain (e.g. my-tenant.eu.auth0.com)"}},
		{"http domain", Config{Domain: "http://t.auth0.com", APIToken: "tok"}, []string{"AUTH0_DOMAIN", "https"}},
		{"domain with path", Config{Domain: "t.auth0.com/api/v2", APIToken: "tok"}, []string{"AUTH0_DOMAIN", "without a path"}},
		{"no credentials", Config{Domain: "t.auth0.com"},
			[]string{"AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY", "AUTH0_API_TOKEN"}},
		{"secret without id", Config{Domain: "t.auth0.com", ClientSecret: "s"}, []string{"AUTH0_CLIENT_ID is not set but AUTH0_CLIENT_SECRET is"}},
		{"key without id", Config{Domain: "t.auth0.com", ClientAssertionPrivateKey: key}, []string{"AUTH0_CLIENT_ID is not set but AUTH0_CLIENT_ASSERTION_PRIVATE_KEY is"}},
		{"id alone", Config{Domain: "t.auth0.com", ClientID: "id"}, []string{"AUTH0_CLIENT_ID is set but neither AUTH0_CLIENT_SECRET nor AUTH0_CLIENT_ASSERTION_PRIVATE_KEY"}},
		{"secret and key", Config{Domain: "t.auth0.com", ClientID: "id", ClientSecret: "s", ClientAssertionPrivateKey: key},
			[]string{"AUTH0_CLIENT_SECRET and AUTH0_CLIENT_ASSERTION_PRIVATE_KEY are both set"}},
		{"token and client", Config{Domain: "t.auth0.com", APIToken: "tok", ClientID: "id", ClientSecret: "s"},
			[]string{"AUTH0_API_TOKEN is set together with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET"}},
		{"bad pem", Config{Domain: "t.auth0.com", ClientID: "id", ClientAssertionPrivateKey: "not a key"},
			[]string{"AUTH0_CLIENT_ASSERTION_PRIVATE_KEY is not a PEM-encoded private key"}},
		{"bad alg", Config{Domain: "t.auth0.com", ClientID: "id", ClientAssertionPrivateKey: key, ClientAssertionSigningAlg: "HS256"},
			[]string{`AUTH0_CLIENT_ASSERTION_SIGNING_ALG "HS256" is not supported`, "RS256"}},
		{"scheme without host", Config{Domain: "https://", APIToken: "tok"},
			[]string{"AUTH0_DOMAIN is not set: set the tenant domain (e.g. my-tenant.eu.auth0.com)"}},
		{"negative retry values", Config{Domain: "t.auth0.com", APIToken: "tok", Retry: RetryPolicy{MaxAttempts: -1, Max429Wait: -time.Second}},
			[]string{"retry policy has a negative value: MaxAttempts is -1 (use 0 for the default 6), Max429Wait is -1s (use 0 for the default 30s)"}},
		{"every problem at once", Config{ClientSecret: "s", Retry: RetryPolicy{MaxAttempts: -1}},
			[]string{"AUTH0_DOMAIN is not set", "AUTH0_CLIENT_ID is not set", "negative"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want error containing %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), key[40:80]) {
				t.Errorf("error leaks the private key: %v", err)
			}
		})
	}
}

func TestConfigFromEnv(t *testing.T) {
	key, _ := testPEM(t)
	t.Setenv(EnvDomain, " tenant.eu.auth0.com ")
	t.Setenv(EnvClientID, "cid")
	t.Setenv(EnvClientSecret, "")
	t.Setenv(EnvAPIToken, "")
	t.Setenv(EnvClientAssertionPrivateKey, strings.ReplaceAll(strings.TrimSpace(key), "\n", `\n`))
	t.Setenv(EnvClientAssertionSigningAlg, "")
	c := ConfigFromEnv()
	if c.Domain != "tenant.eu.auth0.com" || c.ClientID != "cid" {
		t.Fatalf("got %v", c)
	}
	if c.ClientAssertionPrivateKey != strings.TrimSpace(key) {
		t.Fatalf("private key not un-escaped")
	}
	if c.AuthMethod() != AuthPrivateKeyJWT || c.signingAlg() != "RS256" {
		t.Fatalf("auth %s alg %s", c.AuthMethod(), c.signingAlg())
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestRedaction(t *testing.T) {
	key, _ := testPEM(t)
	secrets := []string{"sup3r-s3cret-value", "api-t0ken-value", "PRIVATE KEY", key[40:80]}
	cfgs := []Config{
		{Domain: "t.eu.auth0.com", ClientID: "cid", ClientSecret: secrets[0]},
		{Domain: "t.eu.auth0.com", APIToken: secrets[1]},
		{Domain: "t.eu.auth0.com", ClientID: "cid", ClientAssertionPrivateKey: key},
	}
	for _, c := range cfgs {
		var outs []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			outs = append(outs, fmt.Sprintf(verb, c), fmt.Sprintf(verb, &c))
		}
		outs = append(outs, c.Redacted(), c.String(), fmt.Sprint([]Config{c}), fmt.Sprintf("%+v", struct{ C Config }{c}))
		j, _ := json.Marshal(c)
		outs = append(outs, string(j))
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("cfg", "config", c)
		outs = append(outs, buf.String())
		for _, out := range outs {
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Fatalf("output leaks %q: %s", s, out)
				}
			}
		}
		r := c.Redacted()
		if !strings.Contains(r, `domain="t.eu.auth0.com"`) || !strings.Contains(r, "auth="+string(c.AuthMethod())) {
			t.Errorf("redacted form lacks domain/auth: %s", r)
		}
		if c.ClientSecret != "" && !strings.Contains(r, "client_secret=[redacted]") {
			t.Errorf("redacted form should show that a secret is set: %s", r)
		}
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	if got := (RetryPolicy{}).withDefaults(); got != DefaultRetryPolicy {
		t.Fatalf("zero policy = %+v", got)
	}
	got := RetryPolicy{MaxAttempts: 2, BaseDelay: time.Second, MaxDelay: time.Millisecond}.withDefaults()
	if got.MaxAttempts != 2 || got.MaxElapsed != DefaultRetryPolicy.MaxElapsed || got.MaxDelay != time.Second {
		t.Fatalf("partial policy = %+v", got)
	}
}

func TestNormalizeDomain(t *testing.T) {
	for in, want := range map[string]string{
		"Tenant.EU.auth0.com":        "tenant.eu.auth0.com",
		"https://tenant.auth0.com/":  "tenant.auth0.com",
		"HTTPS://localhost:8443":     "localhost:8443",
		"  127.0.0.1:9999 ":          "127.0.0.1:9999",
		"my-tenant.us.auth0.com":     "my-tenant.us.auth0.com",
		"https://login.example.com/": "login.example.com",
	} {
		got, err := NormalizeDomain(in)
		if err != nil || got != want {
			t.Errorf("NormalizeDomain(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

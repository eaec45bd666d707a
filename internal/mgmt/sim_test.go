package mgmt_test

// Tests against the in-process tenant emulator (internal/auth0sim): the real
// client-credentials and private-key JWT flows over TLS, Auth0's error
// envelope, rate-limit headers and injected faults.

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

var fast = mgmt.RetryPolicy{MaxAttempts: 8, MaxElapsed: 10 * time.Second, BaseDelay: 5 * time.Millisecond, MaxDelay: 20 * time.Millisecond, Max429Wait: 3 * time.Second}

func startSim(t *testing.T, opts auth0sim.Options) *auth0sim.Server {
	t.Helper()
	s, err := auth0sim.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func simClient(t *testing.T, s *auth0sim.Server, id, secret string) *mgmt.Client {
	t.Helper()
	c, err := mgmt.New(context.Background(), mgmt.Config{
		Domain: s.Domain(), ClientID: id, ClientSecret: secret,
		RootCAs: s.RootCAs(), Retry: fast, Limiter: mgmt.NewLimiter(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func listClients(c *mgmt.Client) error {
	_, err := c.Client.List(context.Background(), management.IncludeFields("client_id"))
	return err
}

func TestEmulator(t *testing.T) {
	t.Parallel()
	s := startSim(t, auth0sim.Options{})
	ctx := context.Background()

	t.Run("client credentials", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		if err := listClients(c); err != nil {
			t.Fatal(mgmt.Explain(err))
		}
	})

	t.Run("five 503s then success", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		s.InjectFault(auth0sim.Fault{Status: 503, Count: 5, PathPrefix: "/api/v2/clients"})
		if err := listClients(c); err != nil {
			t.Fatal(mgmt.Explain(err))
		}
		if st := c.Limiter.Stats(); st.Retries != 5 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("429 with reset is waited out", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		s.InjectFault(auth0sim.Fault{Status: 429, Count: 2, PathPrefix: "/api/v2/clients", ResetAfter: 300 * time.Millisecond})
		if err := listClients(c); err != nil {
			t.Fatal(mgmt.Explain(err))
		}
		if st := c.Limiter.Stats(); st.RateLimited != 2 || st.Retries != 2 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("dropped connections", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		s.InjectFault(auth0sim.Fault{DropConnection: true, Count: 2, PathPrefix: "/api/v2/clients"})
		if err := listClients(c); err != nil {
			t.Fatal(mgmt.Explain(err))
		}
	})

	t.Run("persistent 503 gives up", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		s.InjectFault(auth0sim.Fault{Status: 503, Count: -1, PathPrefix: "/api/v2/clients"})
		defer s.ClearFaults()
		e := mgmt.Classify(listClients(c))
		if e == nil || e.Class != mgmt.Unavailable || e.Attempts != fast.MaxAttempts {
			t.Fatalf("got %v", e)
		}
	})

	t.Run("missing scope", func(t *testing.T) {
		id, secret := s.AddManagementClient([]string{"read:resource_servers"})
		c := simClient(t, s, id, secret)
		e := mgmt.Classify(listClients(c))
		if e == nil || e.Class != mgmt.Forbidden || !slices.Contains(e.MissingScopes, "read:clients") || e.ErrorCode != "insufficient_scope" {
			t.Fatalf("got %#v", e)
		}
		t.Log(e)
	})

	t.Run("not found", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), s.ManagementClientSecret())
		_, err := c.Client.Read(ctx, "doesnotexist")
		if !mgmt.IsNotFound(err) {
			t.Fatalf("got %v", mgmt.Explain(err))
		}
		t.Log(mgmt.Explain(err))
	})

	t.Run("wrong secret", func(t *testing.T) {
		c := simClient(t, s, s.ManagementClientID(), "wrong")
		e := mgmt.Classify(listClients(c))
		if e == nil || e.Class != mgmt.Unauthorized {
			t.Fatalf("got %#v", e)
		}
		t.Log(e)
	})

	t.Run("private key JWT", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		der, _ := x509.MarshalPKCS8PrivateKey(key)
		pub, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
		id := s.AddManagementClientWithKey(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), auth0sim.ManagementScopes())
		c, err := mgmt.New(ctx, mgmt.Config{Domain: s.Domain(), ClientID: id,
			ClientAssertionPrivateKey: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
			RootCAs:                   s.RootCAs(), Retry: fast, Limiter: mgmt.NewLimiter()})
		if err != nil {
			t.Fatal(err)
		}
		if err := listClients(c); err != nil {
			t.Fatal(mgmt.Explain(err))
		}
	})
}

// Many goroutines share one limiter against a rate-limited tenant: every call
// succeeds, and the limiter keeps 429s rare.
func TestEmulatorRateLimitShared(t *testing.T) {
	t.Parallel()
	s := startSim(t, auth0sim.Options{RateLimit: 40, Burst: 10})
	lim := mgmt.NewLimiter()
	var clients []*mgmt.Client
	for i := 0; i < 3; i++ { // three clients, as three reconcilers would have
		c, err := mgmt.New(context.Background(), mgmt.Config{Domain: s.Domain(), ClientID: s.ManagementClientID(), ClientSecret: s.ManagementClientSecret(),
			RootCAs: s.RootCAs(), Retry: fast, Limiter: lim})
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	const perWorker = 8
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	start := time.Now()
	for w := 0; w < 9; w++ {
		c := clients[w%len(clients)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				if err := listClients(c); err != nil {
					errs <- mgmt.Explain(err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := lim.Stats()
	t.Logf("72 calls in %s: %+v", time.Since(start).Round(time.Millisecond), st)
	if st.Requests-st.Retries != 72 {
		t.Fatalf("stats %+v", st)
	}
	if st.RateLimited > 20 {
		t.Errorf("%d 429s for 72 calls: pacing is not working", st.RateLimited)
	}
}

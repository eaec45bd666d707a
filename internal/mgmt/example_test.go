package mgmt_test

import (
	"context"
	"fmt"
	"log"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Build a client from the AUTH0_* environment variables and turn failures
// into actionable messages.
func Example() {
	cfg := mgmt.ConfigFromEnv()
	if err := cfg.Validate(); err != nil {
		log.Fatal(err) // names each missing variable
	}
	log.Printf("connecting with %v", cfg) // secrets are redacted

	// The context must outlive the client: it is used for token refreshes.
	c, err := mgmt.New(context.Background(), cfg)
	if err != nil {
		log.Fatal(err)
	}
	cl, err := c.Client.Read(context.Background(), "some-client-id", management.IncludeFields("client_id", "allowed_origins"))
	switch {
	case mgmt.IsNotFound(err):
		fmt.Println("no such client")
	case err != nil:
		e := mgmt.Classify(err)
		if e.Class == mgmt.Forbidden {
			fmt.Println("missing scopes:", e.MissingScopes)
		}
		log.Fatal(e) // e.g. "GET /api/v2/clients/x: gave up after 6 attempts over 31s: last response 503 Service Unavailable"
	default:
		fmt.Println(cl.GetAllowedOrigins())
	}
	fmt.Printf("%+v\n", c.Limiter.Stats())
}

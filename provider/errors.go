package provider

import "github.com/tenantcfg/myaccount/internal/mgmt"

// describe is the message for an error from the tenant: Management API,
// token and TLS failures in the words the CLI uses, with their fix
// (credentials, scopes, CA, rate limit); anything else as it is.
func describe(err error) string {
	if c := mgmt.Classify(err); c != nil {
		return c.Error()
	}
	return err.Error()
}

// Package e2e holds the end-to-end tests of the myaccount CLI: plan, apply,
// drift, sim and demo against the Auth0 tenant emulator (internal/auth0sim)
// over TLS, authenticating with the real client-credentials flow, and
// BenchmarkReconcile, which reports the Management API requests of an
// in-sync and of a drifted reconcile.
package e2e

package auth0sim

import "testing"

func TestParseMeRoute(t *testing.T) {
	cases := []struct {
		method, path       string
		pattern, id, scope string
		status             int // 0: a known route
	}{
		{"GET", "/me/v1/authentication-methods", "authentication-methods", "", "read:me:authentication_methods", 0},
		{"GET", "/me/v1/authentication-methods/", "authentication-methods", "", "read:me:authentication_methods", 0},
		{"POST", "/me/v1/authentication-methods", "authentication-methods", "", "create:me:authentication_methods", 0},
		{"DELETE", "/me/v1/authentication-methods/passkey%7Cdev_1", "authentication-methods/{id}", "passkey%7Cdev_1", "delete:me:authentication_methods", 0},
		{"PATCH", "/me/v1/authentication-methods/x", "authentication-methods/{id}", "x", "", 501},
		{"GET", "/me/v1/factors", "factors", "", "", 404},
		{"GET", "/me/v1/authentication-methods/x/verify", "authentication-methods/x/verify", "", "", 404},
	}
	for _, c := range cases {
		pattern, id, scope, e := parseMeRoute(c.method, c.path)
		status := 0
		if e != nil {
			status = e.Status
		}
		if pattern != c.pattern || id != c.id || scope != c.scope || status != c.status {
			t.Errorf("parseMeRoute(%s %s) = %q, %q, %q, %d; want %q, %q, %q, %d", c.method, c.path, pattern, id, scope, status, c.pattern, c.id, c.scope, c.status)
		}
	}
}

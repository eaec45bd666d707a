package v1alpha1

import (
	"testing"
	"time"

	"encoding/json"
	"strings"
)

func TestEffectiveResyncInterval(t *testing.T) {
	for _, tc := range []struct {
		in    *Duration
		want  time.Duration
		valid bool
	}{
		{nil, DefaultResyncInterval, true},
		{ptr(Duration("90s")), 90 * time.Second, true},
		{ptr(Duration("1h30m")), 90 * time.Minute, true},
		{ptr(Duration("30s")), 30 * time.Second, true},
		{ptr(Duration("24h")), 24 * time.Hour, true},
		// Values stored before the schema checked them: the default, and an error.
		{ptr(Duration("banana")), DefaultResyncInterval, false},
		{ptr(Duration("")), DefaultResyncInterval, false},
		{ptr(Duration("1s")), DefaultResyncInterval, false},
		{ptr(Duration("0s")), DefaultResyncInterval, false},
		{ptr(Duration("-5m")), DefaultResyncInterval, false},
		{ptr(Duration("25h")), DefaultResyncInterval, false},
	} {
		s := MyAccountConfigSpec{ResyncInterval: tc.in}
		if got := s.EffectiveResyncInterval(); got != tc.want {
			t.Errorf("resyncInterval %v: got %s, want %s", tc.in, got, tc.want)
		}
		err := s.ResyncIntervalError()
		if (err == nil) != tc.valid {
			t.Errorf("resyncInterval %v: error %v, want valid %t", tc.in, err, tc.valid)
		}
		if err != nil && !strings.Contains(err.Error(), "spec.resyncInterval: invalid value") {
			t.Errorf("error %q does not name the field and value", err)
		}
	}
}

// A value stored before the schema checked it decodes, so that one object
// cannot fail the list of all.
func TestBadResyncIntervalDecodes(t *testing.T) {
	var o MyAccountConfig
	if err := json.Unmarshal([]byte(`{"spec":{"domain":"t.eu.auth0.com","resyncInterval":"banana"}}`), &o); err != nil {
		t.Fatal(err)
	}
	if o.Spec.ResyncIntervalError() == nil {
		t.Error("banana accepted")
	}
}

func ptr[T any](v T) *T { return &v }

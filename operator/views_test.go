package operator

import (
	"testing"
	"time"

	"github.com/tenantcfg/myaccount/internal/mgmt"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// TestTenantViewRounds: runs of one tenant share a view while they keep
// coming, up to half their resync interval; a pause, other credentials or
// another tenant start a new one.
func TestTenantViewRounds(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tenantA, tenantB := &mgmt.Client{Domain: "a.example.com"}, &mgmt.Client{Domain: "b.example.com"}
	type run struct {
		at       time.Duration // since t0
		m        *mgmt.Client
		identity string
		maxAge   time.Duration
		shares   bool // the view of the run before
	}
	tests := []struct {
		name string
		runs []run
	}{
		{"a round of runs close together", []run{{0, tenantA, "k", 5 * time.Minute, false}, {time.Second, tenantA, "k", 5 * time.Minute, true}, {4 * time.Second, tenantA, "k", 5 * time.Minute, true}}},
		{"a pause ends the round", []run{{0, tenantA, "k", 5 * time.Minute, false}, {viewIdle + time.Second, tenantA, "k", 5 * time.Minute, false}}},
		{"half the resync interval ends it", []run{{0, tenantA, "k", time.Second, false}, {500 * time.Millisecond, tenantA, "k", time.Second, true}, {time.Second, tenantA, "k", time.Second, false}}},
		{"other credentials, another view", []run{{0, tenantA, "k", 5 * time.Minute, false}, {0, tenantA, "other", 5 * time.Minute, false}}},
		{"another tenant, another view", []run{{0, tenantA, "k", 5 * time.Minute, false}, {0, tenantB, "k", 5 * time.Minute, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := t0
			v := newTenantViews(&reconciler.ClientLocks{})
			v.now = func() time.Time { return now }
			var prev *reconciler.Session
			for i, r := range tt.runs {
				now = t0.Add(r.at)
				s := v.session(r.m, r.identity, r.maxAge)
				if i > 0 && (s == prev) != r.shares {
					t.Errorf("run %d at %s: shares the previous view %v, want %v", i, r.at, s == prev, r.shares)
				}
				prev = s
			}
		})
	}
}

func TestTenantJitterKeepsATenantTogether(t *testing.T) {
	d := 10 * time.Minute
	a, b := tenantJitter("a.example.com", d), tenantJitter("a.example.com", d)
	if a != b || a < d || a > d+d/10 {
		t.Errorf("jitter %s and %s for one tenant, want one value in [%s, %s]", a, b, d, d+d/10)
	}
}

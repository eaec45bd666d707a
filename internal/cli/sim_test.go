//go:build !image

package cli

import (
	"strings"
	"testing"
)

func TestSimEmulatorOptions(t *testing.T) {
	cases := []struct {
		name     string
		o        simOptions
		wantErr  string // a part of the error; "" for none
		rate     float64
		burst    int
		perRoute bool
	}{
		{"rate and burst as given", simOptions{rate: 3, burst: 4, myAccountRate: 25}, "", 3, 4, false},
		{"no My Account API limit", simOptions{myAccountRate: -1}, "", 0, 0, false},
		{"a My Account API rate of 0", simOptions{myAccountRate: 0}, "--my-account-rate 0", 0, 0, false},
		{"a plan", simOptions{plan: "free", myAccountRate: 25}, "", 2, 2, false},
		{"a per-route plan", simOptions{plan: "essentials", myAccountRate: 25}, "", 100.0 / 60, 5, true},
		{"an unknown plan", simOptions{plan: "gold", myAccountRate: 25}, `--plan "gold"`, 0, 0, false},
		{"a plan with --rate", simOptions{plan: "free", rate: 1, myAccountRate: 25}, "drop --rate and --burst", 0, 0, false},
	}
	for _, c := range cases {
		opts, err := c.o.emulatorOptions()
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: error %v, want one with %q", c.name, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if opts.RateLimit != c.rate || opts.Burst != c.burst || opts.PerRoute != c.perRoute {
			t.Errorf("%s: rate %v, burst %d, per route %v; want %v, %d, %v", c.name, opts.RateLimit, opts.Burst, opts.PerRoute, c.rate, c.burst, c.perRoute)
		}
	}
}

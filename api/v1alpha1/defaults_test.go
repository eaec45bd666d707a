package v1alpha1

import (
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestEffectiveResyncInterval(t *testing.T) {
	for _, tc := range []struct {
		in   *metav1.Duration
		want time.Duration
	}{
		{nil, DefaultResyncInterval},
		{&metav1.Duration{}, DefaultResyncInterval},
		{&metav1.Duration{Duration: -time.Minute}, DefaultResyncInterval},
		{&metav1.Duration{Duration: time.Millisecond}, time.Second},
		{&metav1.Duration{Duration: 90 * time.Second}, 90 * time.Second},
	} {
		s := MyAccountConfigSpec{ResyncInterval: tc.in}
		if got := s.EffectiveResyncInterval(); got != tc.want {
			t.Errorf("resyncInterval %v: got %s, want %s", tc.in, got, tc.want)
		}
	}
}

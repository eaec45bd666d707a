package operator

import (
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
)

// Metrics are the operator's Prometheus metrics, registered once in the
// controller-runtime registry (served on Options.MetricsAddr).
type Metrics struct {
	Reconciles      *prometheus.CounterVec
	DriftDetected   *prometheus.CounterVec
	Requests        *prometheus.CounterVec
	RateLimited     *prometheus.CounterVec
	RequestDuration *prometheus.HistogramVec
}

var (
	metricsOnce sync.Once
	metrics     *Metrics
)

// DefaultMetrics returns the process-wide metrics, registering them on first use.
func DefaultMetrics() *Metrics {
	metricsOnce.Do(func() {
		metrics = &Metrics{
			Reconciles: prometheus.NewCounterVec(prometheus.CounterOpts{
				Name: "myaccount_operator_reconciles_total",
				Help: "MyAccountConfig reconciles by result (synced, in_sync, drift_corrected, drift_reported, deleted, error).",
			}, []string{"result"}),
			DriftDetected: prometheus.NewCounterVec(prometheus.CounterOpts{
				Name: "myaccount_operator_drift_detected_total",
				Help: "Resyncs that found the tenant edited outside the operator, by drift policy.",
			}, []string{"domain", "policy"}),
			Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
				Name: "myaccount_management_api_requests_total",
				Help: "Auth0 Management API HTTP attempts (retries included) by tenant, method, route and status code (0: network error).",
			}, []string{"domain", "method", "route", "code"}),
			RateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
				Name: "myaccount_management_api_rate_limited_total",
				Help: "Auth0 Management API responses with status 429, by tenant.",
			}, []string{"domain"}),
			RequestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
				Name:    "myaccount_management_api_request_duration_seconds",
				Help:    "Auth0 Management API HTTP attempt latency by tenant.",
				Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
			}, []string{"domain"}),
		}
		for _, result := range []string{"synced", "in_sync", "drift_corrected", "drift_reported", "deleted", "error"} {
			metrics.Reconciles.WithLabelValues(result)
		}
		ctrlmetrics.Registry.MustRegister(metrics.Reconciles, metrics.DriftDetected, metrics.Requests, metrics.RateLimited, metrics.RequestDuration)
	})
	return metrics
}

// initTenant creates a tenant's counters at zero, so that rate() and alerts
// on them work before the first 429 or drift.
func (m *Metrics) initTenant(domain string, policy v1.DriftPolicy) {
	m.RateLimited.WithLabelValues(domain)
	m.DriftDetected.WithLabelValues(domain, string(policy))
}

// ObserveRequest implements mgmt.RequestObserver.
func (m *Metrics) ObserveRequest(domain, method, route string, status int, d time.Duration) {
	m.Requests.WithLabelValues(domain, method, route, strconv.Itoa(status)).Inc()
	if status == 429 {
		m.RateLimited.WithLabelValues(domain).Inc()
	}
	m.RequestDuration.WithLabelValues(domain).Observe(d.Seconds())
}

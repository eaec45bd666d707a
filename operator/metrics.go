package operator

import (
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/mgmt"
)

// Metrics are the operator's Prometheus metrics, registered once in the
// controller-runtime registry (served on Options.MetricsAddr).
type Metrics struct {
	Reconciles      *prometheus.CounterVec
	DriftDetected   *prometheus.CounterVec
	WritesReverted  *prometheus.CounterVec
	Requests        *prometheus.CounterVec
	RateLimited     *prometheus.CounterVec
	RequestDuration *prometheus.HistogramVec

	limiters sync.Map // domain -> *mgmt.Limiter, for the backlog gauge
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
			WritesReverted: prometheus.NewCounterVec(prometheus.CounterOpts{
				Name: "myaccount_operator_writes_reverted_total",
				Help: "Objects found with their writes being undone by another writer (reason WritesReverted), counted once as each fight starts, by tenant.",
			}, []string{"domain"}),
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
		ctrlmetrics.Registry.MustRegister(limiterBacklog{limiters: &metrics.limiters, desc: prometheus.NewDesc(
			"myaccount_management_api_limiter_wait_seconds",
			"How long a new Management API request to the tenant would wait in its rate limiter now.",
			[]string{"domain"}, nil)})
		ctrlmetrics.Registry.MustRegister(metrics.Reconciles, metrics.DriftDetected, metrics.WritesReverted, metrics.Requests, metrics.RateLimited, metrics.RequestDuration)
	})
	return metrics
}

// initTenant creates a tenant's counters at zero, so that rate() and alerts
// on them work before the first 429 or drift, and exports its limiter.
func (m *Metrics) initTenant(domain string, policy v1.DriftPolicy, l *mgmt.Limiter) {
	m.RateLimited.WithLabelValues(domain)
	m.DriftDetected.WithLabelValues(domain, string(policy))
	m.WritesReverted.WithLabelValues(domain)
	if l != nil {
		m.limiters.Store(domain, l)
	}
}

// limiterBacklog reports, at scrape time, how long a new request to each
// tenant would wait in its rate limiter.
type limiterBacklog struct {
	limiters *sync.Map // domain -> *mgmt.Limiter
	desc     *prometheus.Desc
}

func (c limiterBacklog) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c limiterBacklog) Collect(ch chan<- prometheus.Metric) {
	c.limiters.Range(func(k, v any) bool {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, v.(*mgmt.Limiter).Backlog().Seconds(), k.(string))
		return true
	})
}

// ObserveRequest implements mgmt.RequestObserver.
func (m *Metrics) ObserveRequest(domain, method, route string, status int, d time.Duration) {
	m.Requests.WithLabelValues(domain, method, route, strconv.Itoa(status)).Inc()
	if status == 429 {
		m.RateLimited.WithLabelValues(domain).Inc()
	}
	m.RequestDuration.WithLabelValues(domain).Observe(d.Seconds())
}

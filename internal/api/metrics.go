package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/readout/readout/internal/search"
)

// metrics are searchd's Prometheus metrics, in a registry of their own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	rejected *prometheus.CounterVec

	exports    *prometheus.CounterVec // by outcome (export.go)
	exportRows prometheus.Counter

	// partitioned serving: each try of a request to a shard's replicas
	shardRequests *prometheus.CounterVec
	shardLatency  *prometheus.HistogramVec
}

// Reasons of readout_search_rejected_total.
const (
	reasonCost = "cost" // 400: prefix and fuzzy terms over the budget
	reasonBusy = "busy" // 429: no slot for an expensive search
)

func newMetrics(e *search.Engine) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "readout", Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests by route template, method and status code.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "readout", Subsystem: "http", Name: "request_duration_seconds",
			Help:    "HTTP request latency by route template, method and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "status"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "readout", Subsystem: "search", Name: "rejected_total",
			Help: "Searches refused for their cost: reason cost (400, over the expansion budget) or busy (429, no slot for an expensive search).",
		}, []string{"reason"}),
		exports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "readout", Name: "exports_total",
			Help: "Exports by outcome: complete, or cut short (and aborted) by timeout, stalled client, gone client, shutdown or error.",
		}, []string{"outcome"}),
		exportRows: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "readout", Name: "export_rows_total",
			Help: "Rows written by exports, complete or not.",
		}),
		shardRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "readout", Subsystem: "shard", Name: "requests_total",
			Help: "Partitioned serving: tries of requests to a shard's replicas over NATS, by shard and outcome (ok, error, timeout: tried again or given up, no_responders: no live replica).",
		}, []string{"shard", "outcome"}),
		shardLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "readout", Subsystem: "shard", Name: "request_duration_seconds",
			Help:    "Partitioned serving: latency of each try of a request to a shard's replicas, by outcome.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"outcome"}),
	}
	// Exported at 0 from the start.
	for _, r := range []string{reasonCost, reasonBusy} {
		m.rejected.WithLabelValues(r)
	}
	for _, o := range exportOutcomes {
		m.exports.WithLabelValues(o)
	}
	m.reg.MustRegister(m.requests, m.latency, m.rejected, m.exports, m.exportRows, m.shardRequests, m.shardLatency, &indexCollector{engine: e},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.latency.WithLabelValues(route, method, code).Observe(d.Seconds())
}

// reject counts a search refused for its cost.
func (m *metrics) reject(reason string) { m.rejected.WithLabelValues(reason).Inc() }

// exported counts an export that ended with outcome after writing rows.
func (m *metrics) exported(outcome string, rows int) {
	m.exports.WithLabelValues(outcome).Inc()
	m.exportRows.Add(float64(rows))
}

// ObserveShard counts one try of a request to shard's replicas
// (partitioned serving: cluster.ShardOptions.Observe) that ended with
// outcome after d.
func (s *Server) ObserveShard(shard int, outcome string, d time.Duration) {
	s.metrics.shardRequests.WithLabelValues(strconv.Itoa(shard), outcome).Inc()
	s.metrics.shardLatency.WithLabelValues(outcome).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// indexCollector reports the served generation at scrape time.
type indexCollector struct{ engine *search.Engine }

var (
	descGeneration = prometheus.NewDesc("readout_index_generation_info",
		"The served index generation (value 1), labelled by name.", []string{"generation"}, nil)
	descDocuments = prometheus.NewDesc("readout_index_documents",
		"Documents in the served generation when it was built, by type.", []string{"type"}, nil)
	descReady = prometheus.NewDesc("readout_index_ready",
		"1 when a generation is loaded and searches can be served.", nil, nil)
	descBuilt = prometheus.NewDesc("readout_index_built_timestamp_seconds",
		"Build time of the served generation.", nil, nil)
)

func (c *indexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descGeneration
	ch <- descDocuments
	ch <- descReady
	ch <- descBuilt
}

func (c *indexCollector) Collect(ch chan<- prometheus.Metric) {
	name, meta, ok := c.engine.Current()
	if !ok {
		ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(descGeneration, prometheus.GaugeValue, 1, name)
	ch <- prometheus.MustNewConstMetric(descDocuments, prometheus.GaugeValue, float64(meta.Articles), "article")
	ch <- prometheus.MustNewConstMetric(descDocuments, prometheus.GaugeValue, float64(meta.Quotes), "quote")
	if !meta.BuiltAt.IsZero() {
		ch <- prometheus.MustNewConstMetric(descBuilt, prometheus.GaugeValue, float64(meta.BuiltAt.Unix()))
	}
}

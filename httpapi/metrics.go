package httpapi

import (
	"bufio"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the latency histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// histogram is a Prometheus histogram: cumulative bucket counts are
// computed when written.
type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

func newHistogram() *histogram { return &histogram{counts: make([]uint64, len(latencyBuckets)+1)} }

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(latencyBuckets, v)
	h.counts[i]++
	h.sum += v
	h.n++
}

func (h *histogram) write(w *bufio.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, ub := range latencyBuckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, strconv.FormatFloat(ub, 'g', -1, 64), cum)
	}
	cum += h.counts[len(latencyBuckets)]
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, cum)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", name, labels, strconv.FormatFloat(h.sum, 'g', -1, 64), name, labels, h.n)
}

// metrics are the server's counters, written by hand in the Prometheus
// text exposition format (no client library).
type metrics struct {
	mu        sync.Mutex
	requests  map[[2]string]uint64 // route, status code
	durations map[string]*histogram
	docs      uint64 // documents stored through the API
	events    uint64 // events coded from them
	coding    *histogram
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, durations: map[string]*histogram{}, coding: newHistogram()}
}

func (m *metrics) observeRequest(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, strconv.Itoa(code)}]++
	h := m.durations[route]
	if h == nil {
		h = newHistogram()
		m.durations[route] = h
	}
	h.observe(d.Seconds())
}

func (m *metrics) observeCoding(docs, events int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs += uint64(docs)
	m.events += uint64(events)
	m.coding.observe(d.Seconds())
}

// labelValue escapes a label value as the text format wants.
func labelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	counts, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		return fmt.Errorf("metrics: counts: %w", err)
	}
	var firing, pending int
	if s.cfg.Alerts != nil {
		alerts, err := s.cfg.Alerts.List(r.Context())
		if err != nil {
			return fmt.Errorf("metrics: alerts: %w", err)
		}
		for _, a := range alerts {
			switch a.State {
			case "firing":
				firing++
			case "pending":
				pending++
			}
		}
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	bw := bufio.NewWriter(w)
	m := s.metrics
	m.mu.Lock()
	fmt.Fprintf(bw, "# HELP faultline_documents_ingested_total Documents stored through the API by this process.\n# TYPE faultline_documents_ingested_total counter\nfaultline_documents_ingested_total %d\n", m.docs)
	fmt.Fprintf(bw, "# HELP faultline_events_coded_total Events coded from documents posted to this process.\n# TYPE faultline_events_coded_total counter\nfaultline_events_coded_total %d\n", m.events)
	fmt.Fprintf(bw, "# HELP faultline_coding_duration_seconds Time to code and store one posted batch.\n# TYPE faultline_coding_duration_seconds histogram\n")
	m.coding.write(bw, "faultline_coding_duration_seconds", "")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	fmt.Fprintf(bw, "# HELP faultline_http_requests_total API requests by route and status.\n# TYPE faultline_http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(bw, "faultline_http_requests_total{route=\"%s\",code=\"%s\"} %d\n", labelValue(k[0]), k[1], m.requests[k])
	}
	routes := make([]string, 0, len(m.durations))
	for r := range m.durations {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintf(bw, "# HELP faultline_http_request_duration_seconds API request latency by route.\n# TYPE faultline_http_request_duration_seconds histogram\n")
	for _, r := range routes {
		m.durations[r].write(bw, "faultline_http_request_duration_seconds", `route="`+labelValue(r)+`"`)
	}
	m.mu.Unlock()
	fmt.Fprintf(bw, "# HELP faultline_alerts Alerts by state.\n# TYPE faultline_alerts gauge\nfaultline_alerts{state=\"firing\"} %d\nfaultline_alerts{state=\"pending\"} %d\n", firing, pending)
	fmt.Fprintf(bw, "# HELP faultline_store_documents Documents in the store.\n# TYPE faultline_store_documents gauge\nfaultline_store_documents %d\n", counts.Documents)
	fmt.Fprintf(bw, "# HELP faultline_store_events Events in the store.\n# TYPE faultline_store_events gauge\nfaultline_store_events %d\n", counts.Events)
	fmt.Fprintf(bw, "# HELP faultline_store_queued Documents waiting to be coded.\n# TYPE faultline_store_queued gauge\nfaultline_store_queued %d\n", counts.Queued)
	return bw.Flush()
}

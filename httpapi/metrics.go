package httpapi

import (
	"bufio"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the latency histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// histogram is a Prometheus histogram updated without a lock (every
// request observes one: a mutex here is contended by all of them);
// cumulative bucket counts are computed when written.
type histogram struct {
	counts []atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	sumNs  atomic.Int64
	n      atomic.Uint64
}

func newHistogram() *histogram {
	return &histogram{counts: make([]atomic.Uint64, len(latencyBuckets)+1)}
}

func (h *histogram) observe(d time.Duration) {
	h.counts[sort.SearchFloat64s(latencyBuckets, d.Seconds())].Add(1)
	h.sumNs.Add(int64(d))
	h.n.Add(1)
}

func (h *histogram) write(w *bufio.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, ub := range latencyBuckets {
		cum += h.counts[i].Load()
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, strconv.FormatFloat(ub, 'g', -1, 64), cum)
	}
	cum += h.counts[len(latencyBuckets)].Load()
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, cum)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	sum := time.Duration(h.sumNs.Load()).Seconds()
	fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", name, labels, strconv.FormatFloat(sum, 'g', -1, 64), name, labels, h.n.Load())
}

// metrics are the server's counters, written by hand in the Prometheus
// text exposition format (no client library).
type metrics struct {
	routes sync.Map      // route name -> *routeStats
	docs   atomic.Uint64 // documents stored through the API
	events atomic.Uint64 // events coded from them
	// recovered counts documents found stored but uncoded and coded by
	// Recover.
	recovered atomic.Uint64
	coding    *histogram
}

// routeStats counts one route's requests by status and their latency.
type routeStats struct {
	codes     sync.Map // status code (int) -> *atomic.Uint64
	durations *histogram
}

func newMetrics() *metrics { return &metrics{coding: newHistogram()} }

func (m *metrics) observeRequest(route string, code int, d time.Duration) {
	v, ok := m.routes.Load(route)
	if !ok {
		v, _ = m.routes.LoadOrStore(route, &routeStats{durations: newHistogram()})
	}
	rs := v.(*routeStats)
	c, ok := rs.codes.Load(code)
	if !ok {
		c, _ = rs.codes.LoadOrStore(code, new(atomic.Uint64))
	}
	c.(*atomic.Uint64).Add(1)
	rs.durations.observe(d)
}

func (m *metrics) observeCoding(docs, events int, d time.Duration) {
	m.docs.Add(uint64(docs))
	m.events.Add(uint64(events))
	m.coding.observe(d)
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
	fmt.Fprintf(bw, "# HELP faultline_documents_ingested_total Documents stored through the API by this process.\n# TYPE faultline_documents_ingested_total counter\nfaultline_documents_ingested_total %d\n", m.docs.Load())
	fmt.Fprintf(bw, "# HELP faultline_events_coded_total Events coded from documents posted to this process.\n# TYPE faultline_events_coded_total counter\nfaultline_events_coded_total %d\n", m.events.Load())
	fmt.Fprintf(bw, "# HELP faultline_coding_duration_seconds Time to code and store one posted batch.\n# TYPE faultline_coding_duration_seconds histogram\n")
	m.coding.write(bw, "faultline_coding_duration_seconds", "")
	type count struct {
		route string
		code  int
		n     uint64
	}
	var reqs []count
	stats := map[string]*routeStats{}
	m.routes.Range(func(k, v any) bool {
		rs := v.(*routeStats)
		stats[k.(string)] = rs
		rs.codes.Range(func(c, n any) bool {
			reqs = append(reqs, count{k.(string), c.(int), n.(*atomic.Uint64).Load()})
			return true
		})
		return true
	})
	sort.Slice(reqs, func(i, j int) bool {
		if reqs[i].route != reqs[j].route {
			return reqs[i].route < reqs[j].route
		}
		return reqs[i].code < reqs[j].code
	})
	fmt.Fprintf(bw, "# HELP faultline_http_requests_total API requests by route and status.\n# TYPE faultline_http_requests_total counter\n")
	for _, c := range reqs {
		fmt.Fprintf(bw, "faultline_http_requests_total{route=\"%s\",code=\"%d\"} %d\n", labelValue(c.route), c.code, c.n)
	}
	routes := make([]string, 0, len(stats))
	for r := range stats {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintf(bw, "# HELP faultline_http_request_duration_seconds API request latency by route.\n# TYPE faultline_http_request_duration_seconds histogram\n")
	for _, r := range routes {
		stats[r].durations.write(bw, "faultline_http_request_duration_seconds", `route="`+labelValue(r)+`"`)
	}
	fmt.Fprintf(bw, "# HELP faultline_alerts Alerts by state.\n# TYPE faultline_alerts gauge\nfaultline_alerts{state=\"firing\"} %d\nfaultline_alerts{state=\"pending\"} %d\n", firing, pending)
	fmt.Fprintf(bw, "# HELP faultline_store_documents Documents in the store.\n# TYPE faultline_store_documents gauge\nfaultline_store_documents %d\n", counts.Documents)
	fmt.Fprintf(bw, "# HELP faultline_store_events Events in the store.\n# TYPE faultline_store_events gauge\nfaultline_store_events %d\n", counts.Events)
	fmt.Fprintf(bw, "# HELP faultline_store_queued Documents waiting to be coded.\n# TYPE faultline_store_queued gauge\nfaultline_store_queued %d\n", counts.Queued)
	fmt.Fprintf(bw, "# HELP faultline_documents_uncoded Documents stored but not yet coded (the backlog the server codes in the background).\n# TYPE faultline_documents_uncoded gauge\nfaultline_documents_uncoded %d\n", counts.Queued)
	fmt.Fprintf(bw, "# HELP faultline_documents_recovered_total Documents found stored but uncoded and coded by this process.\n# TYPE faultline_documents_recovered_total counter\nfaultline_documents_recovered_total %d\n", m.recovered.Load())
	return bw.Flush()
}

// Package httpapi serves Faultline over HTTP: the JSON API v1 (events,
// documents, series, alerts), health and Prometheus metrics, the OpenAPI
// document, and the analyst's page (package web) at /.
//
// Every JSON reply is one envelope ({"ok", "data", "next", "error"}); every
// error has a Kind, mapped to an HTTP status by one table, and internal
// details are logged, never sent. Writes need the bearer token; reads can
// be made to need it too.
package httpapi

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// Coder codes one document into events; it must be safe for concurrent use
// (ingest.Coder satisfies it).
type Coder interface {
	Code(faultline.Document) []faultline.Event
}

// Config configures a Server. Store is required; zero fields take the
// defaults noted.
type Config struct {
	Store faultline.Store
	// Coder codes posted documents; without it POST /api/v1/documents
	// answers 503.
	Coder Coder
	// Alerts is the alert board; without it the board is empty and
	// acknowledgements answer 404.
	Alerts Alerts
	// Token is the bearer token that writes need. Without it every write
	// is refused (401): a server never accepts anonymous writes.
	Token string
	// ClosedReads makes reads need the token too.
	ClosedReads bool
	// Page serves everything outside /api/, /healthz and /metrics (the
	// web page); nil for none.
	Page http.Handler
	// MaxBodyBytes caps a request body (default 8 MiB); larger gets 413.
	MaxBodyBytes int64
	// RequestTimeout bounds one request's work (default 30s).
	RequestTimeout time.Duration
	// WriteRate and WriteBurst bound writes per client address (default
	// 5 a second, bursts of 20).
	WriteRate  float64
	WriteBurst int
	// ReadRate and ReadBurst bound reads per client address (default 50
	// a second, bursts of 200: the page makes a handful per view).
	ReadRate  float64
	ReadBurst int
	// StoreReads is how many reads may query the store at once (default
	// 2); more wait their turn. Health checks and writes never wait for
	// them, so slow reads cannot take every connection of the store.
	StoreReads int
	// CacheTTL is how long a read reply is served before it is recomputed
	// in the background (default 1s; negative: no cache). A write through
	// this server refreshes the cache before it answers; the TTL bounds
	// staleness when other processes write to the store.
	CacheTTL time.Duration
	// Names turns codes into names for the page and resolves names in its
	// filters; nil: codes only.
	Names *Names
	// Log receives errors that clients see only as "internal error".
	Log *slog.Logger
}

// Server is the HTTP API. Create it with New; it is an http.Handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	routes  []route
	limiter *rateLimiter  // writes per address
	readLim *rateLimiter  // reads per address
	authLim *rateLimiter  // failed logins per address
	reads   chan struct{} // a slot for each read querying the store
	metrics *metrics
	cache   *replyCache // nil when CacheTTL < 0
	idx     indexHolder // the overview's in-memory index (overview.go)
}

// Failed logins (a request with a wrong token) are limited per address:
// ten at once, then one every ten seconds, so that guessing the token is
// slow; the address gets 429 without its token being compared meanwhile.
const (
	failedLoginRate  = 0.1
	failedLoginBurst = 10
)

// route is one API endpoint; the OpenAPI test checks these against the
// published document.
type route struct {
	method, path string
	write        bool // needs the token, is rate limited, invalidates cached replies
	cache        bool // replies may be served from the reply cache; queries the store in a read slot
	h            func(http.ResponseWriter, *http.Request) error
}

// isRead says whether rt is a read of the API, rate-limited per address
// (health checks, metrics and the OpenAPI document are not).
func (rt route) isRead() bool {
	return !rt.write && strings.HasPrefix(rt.path, "/api/") && rt.path != "/api/v1/openapi.json"
}

// queriesStore says whether rt is a read that may query the store at
// length, and so waits for a read slot.
func (rt route) queriesStore() bool {
	return !rt.write && (rt.cache || rt.path == "/api/v1/export")
}

// New builds a server from cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("httpapi: no store")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 8 << 20
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.WriteRate <= 0 {
		cfg.WriteRate = 5
	}
	if cfg.WriteBurst <= 0 {
		cfg.WriteBurst = 20
	}
	if cfg.ReadRate <= 0 {
		cfg.ReadRate = 50
	}
	if cfg.ReadBurst <= 0 {
		cfg.ReadBurst = 200
	}
	if cfg.StoreReads <= 0 {
		cfg.StoreReads = 2
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), limiter: newRateLimiter(cfg.WriteRate, cfg.WriteBurst),
		readLim: newRateLimiter(cfg.ReadRate, cfg.ReadBurst), authLim: newRateLimiter(failedLoginRate, failedLoginBurst), reads: make(chan struct{}, cfg.StoreReads), metrics: newMetrics()}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = time.Second
	}
	if cfg.CacheTTL > 0 {
		s.cache = newReplyCache(cfg.CacheTTL, cfg.RequestTimeout, 4096)
	}
	s.routes = []route{
		{"GET", "/healthz", false, false, s.health},
		{"GET", "/metrics", false, false, s.serveMetrics},
		{"GET", "/api/v1/openapi.json", false, false, s.openAPI},
		{"GET", "/api/v1/events", false, true, s.listEvents},
		{"GET", "/api/v1/events/{id}", false, true, s.getEvent},
		{"GET", "/api/v1/documents/{id}", false, true, s.getDocument},
		{"POST", "/api/v1/documents", true, false, s.postDocuments},
		{"GET", "/api/v1/series", false, true, s.getSeries},
		{"GET", "/api/v1/alerts", false, false, s.listAlerts},
		{"POST", "/api/v1/alerts/{id}/ack", true, false, s.ackAlert},
		{"GET", "/api/v1/overview", false, true, s.getOverview},
		{"GET", "/api/v1/board", false, true, s.getBoard},
		{"GET", "/api/v1/export", false, false, s.exportView},
		{"GET", "/api/v1/codes", false, false, s.getCodes},
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.HandleFunc("/api/", s.noRoute)
	if cfg.Page != nil {
		s.mux.Handle("/", cfg.Page)
	} else {
		s.mux.HandleFunc("/", s.noRoute)
	}
	return s, nil
}

// Routes lists the API's routes as "METHOD /path" patterns.
func (s *Server) Routes() []string {
	out := make([]string, len(s.routes))
	for i, rt := range s.routes {
		out[i] = rt.method + " " + rt.path
	}
	return out
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// wrap adds what every API route needs: a deadline, authentication, the
// body limit, rate limiting of writes, metrics and error replies.
func (s *Server) wrap(rt route) http.Handler {
	name := rt.method + " " + rt.path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.cfg.Log.Error("handler panic", "route", name, "panic", p)
				if !sw.wrote {
					s.fail(sw, r, errorf(KindInternal, "internal error"))
				}
			}
			s.metrics.observeRequest(name, sw.code(), time.Since(start))
		}()
		// Every reply, the metrics and the OpenAPI document too, is to be
		// taken for the type it says it is.
		sw.Header().Set("X-Content-Type-Options", "nosniff")
		needToken := rt.write || (s.cfg.ClosedReads && strings.HasPrefix(rt.path, "/api/"))
		if needToken {
			addr, now := clientAddr(r), time.Now()
			if s.authLim.empty(addr, now) {
				sw.Header().Set("Retry-After", "10")
				s.fail(sw, r, errorf(KindRateLimited, "too many failed logins; try again later"))
				return
			}
			if !s.authorized(r) {
				if r.Header.Get("Authorization") != "" {
					s.authLim.allow(addr, now) // counts the failure
				}
				sw.Header().Set("WWW-Authenticate", `Bearer realm="faultline"`)
				s.fail(sw, r, errorf(KindUnauthorized, "this request needs a valid bearer token"))
				return
			}
		}
		if err := checkURL(r); err != nil {
			s.fail(sw, r, err)
			return
		}
		if rt.isRead() && !s.readLim.allow(clientAddr(r), time.Now()) {
			sw.Header().Set("Retry-After", "1")
			s.fail(sw, r, errorf(KindRateLimited, "too many reads; slow down"))
			return
		}
		if rt.write {
			if !s.limiter.allow(clientAddr(r), time.Now()) {
				sw.Header().Set("Retry-After", "1")
				s.fail(sw, r, errorf(KindRateLimited, "too many writes; slow down"))
				return
			}
			if r.ContentLength > s.cfg.MaxBodyBytes {
				s.fail(sw, r, errorf(KindTooLarge, "request body too large"))
				return
			}
		}
		r.Body = http.MaxBytesReader(sw, r.Body, s.cfg.MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		h := rt.h
		if rt.queriesStore() {
			h = s.inReadSlot(h)
			if rt.cache && s.cache != nil {
				inner := h
				h = func(w http.ResponseWriter, r *http.Request) error { return s.cache.serve(w, r, inner) }
			}
		}
		err := h(sw, r.WithContext(ctx))
		if err != nil && rt.write && s.cache != nil {
			// The write may have changed the store part way: readers must
			// not be served what was true before it.
			s.cache.drop()
		}
		if err != nil {
			if sw.wrote {
				// The reply had started (a streamed export): all that can
				// be done is to log and cut it short.
				s.cfg.Log.Warn("reply cut short", "route", name, "err", err)
				return
			}
			s.fail(sw, r, err)
		}
	})
}

// inReadSlot runs h once one of the StoreReads slots is free, so that at
// most that many reads hold store connections at once.
func (s *Server) inReadSlot(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		select {
		case s.reads <- struct{}{}:
		case <-r.Context().Done():
			return errorf(KindUnavailable, "the server is busy with other reads; try again")
		}
		defer func() { <-s.reads }()
		return h(w, r)
	}
}

// refreshCache brings the cached replies up to date with a write; writes
// call it once their change is committed and before they answer, so that a
// client reading after a write sees it, while readers meanwhile get the
// replies from before it.
func (s *Server) refreshCache(ctx context.Context) {
	s.invalidateIndex()
	if s.cache != nil {
		s.cache.refresh(ctx)
	}
}

// fail writes err's envelope, logging what the client does not see.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	if e.Kind == KindInternal || e.Kind == KindUnavailable {
		s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeJSON(w, statusOf[e.Kind], envelope{Error: &errorBody{Kind: e.Kind, Message: e.Message}})
}

// authorized says whether r carries the configured token. Without a
// configured token nothing is authorized.
func (s *Server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) == 1
}

// noRoute answers requests no API route matches: 405 when the path exists
// for other methods, else 404, both in the envelope.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pat := s.mux.Handler(probe); pat != "" && pat != "/api/" && pat != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.fail(w, r, errorf(KindMethod, "method "+r.Method+" is not allowed here"))
		return
	}
	s.fail(w, r, errorf(KindNotFound, "no such route"))
}

// NotFound writes the API's 404 envelope; the page handler uses it for
// paths it does not serve.
func NotFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, envelope{Error: &errorBody{Kind: KindNotFound, Message: "no such route"}})
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	c, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		return errorf(KindUnavailable, "the store does not answer")
	}
	// writes says whether this server takes writes at all (it has a
	// token): the page hides what would only be refused.
	// uncoded is the backlog of documents stored but not coded yet (Recover
	// works it off).
	reply(w, http.StatusOK, map[string]any{"status": "ok", "documents": c.Documents, "events": c.Events,
		"uncoded": c.Queued, "writes": s.cfg.Token != ""}, "")
	return nil
}

// checkURL refuses a path or query parameter that is not UTF-8 or holds
// U+0000 (%00): neither store keeps such text, and PostgreSQL refused the
// query with a 500 (issue 14).
func checkURL(r *http.Request) error {
	bad := func(s string) bool { return !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 }
	if bad(r.URL.Path) {
		return errorf(KindInvalid, "the path must be UTF-8 without U+0000")
	}
	for k, vs := range r.URL.Query() {
		for _, v := range append(vs, k) {
			if bad(v) {
				return errorf(KindInvalid, "query parameter "+strconv.Quote(k)+" must be UTF-8 without U+0000")
			}
		}
	}
	return nil
}

// clientAddr is the address writes are rate limited by.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// statusWriter remembers the status written, for metrics and for knowing
// whether an error can still be reported.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) code() int {
	if !w.wrote {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

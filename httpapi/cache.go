package httpapi

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// replyCache keeps recent replies of read routes, keyed by method, path and
// query. An entry is good while no write went through this server since it
// was made (the generation) and for at most ttl, which bounds how stale a
// reply can be when another process writes to the same store. Concurrent
// misses of one key wait for a single computation, so that a write followed
// by many readers costs one query, not hundreds.
type replyCache struct {
	mu      sync.Mutex
	gen     uint64
	ttl     time.Duration
	max     int
	entries map[string]*cached
}

type cached struct {
	gen   uint64
	at    time.Time
	ready chan struct{} // closed once the reply is in
	ok    bool          // the reply is cacheable (200, small)
	code  int
	hdr   http.Header
	body  []byte
}

// maxCachedBody is the largest reply kept.
const maxCachedBody = 1 << 20

func newReplyCache(ttl time.Duration, max int) *replyCache {
	return &replyCache{ttl: ttl, max: max, entries: map[string]*cached{}}
}

// invalidate forgets every reply: called after each write.
func (c *replyCache) invalidate() {
	c.mu.Lock()
	c.gen++
	clear(c.entries)
	c.mu.Unlock()
}

// serve answers r from the cache or runs h, keeping its reply when it can.
func (c *replyCache) serve(w http.ResponseWriter, r *http.Request, h func(http.ResponseWriter, *http.Request) error) error {
	key := r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
	now := time.Now()
	c.mu.Lock()
	e := c.entries[key]
	if e != nil && (e.gen != c.gen || now.Sub(e.at) > c.ttl) {
		e = nil
	}
	owner := e == nil
	if owner {
		if len(c.entries) >= c.max {
			clear(c.entries) // crude, but bounded and rare: keys are few in practice
		}
		e = &cached{gen: c.gen, at: now, ready: make(chan struct{})}
		c.entries[key] = e
	}
	c.mu.Unlock()
	if !owner {
		select {
		case <-e.ready:
		case <-r.Context().Done():
			return r.Context().Err()
		}
		if e.ok {
			wh := w.Header()
			for k, v := range e.hdr {
				wh[k] = v
			}
			w.WriteHeader(e.code)
			_, err := w.Write(e.body)
			return err
		}
		return h(w, r) // the first reply was an error or too big: compute our own
	}
	rec := &recorder{hdr: http.Header{}, code: http.StatusOK}
	err := h(rec, r)
	e.ok = err == nil && rec.code == http.StatusOK && rec.body.Len() <= maxCachedBody
	e.code, e.hdr, e.body = rec.code, rec.hdr, rec.body.Bytes()
	close(e.ready)
	if !e.ok {
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
	if err != nil {
		return err
	}
	wh := w.Header()
	for k, v := range rec.hdr {
		wh[k] = v
	}
	w.WriteHeader(rec.code)
	_, err = w.Write(e.body)
	return err
}

// recorder buffers a reply.
type recorder struct {
	hdr  http.Header
	code int
	body bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.hdr }
func (r *recorder) WriteHeader(code int)        { r.code = code }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

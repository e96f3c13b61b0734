package httpapi

import (
	"bytes"
	"context"
	"hash/fnv"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// replyCache keeps recent replies of read routes, keyed by method, path and
// query, so that a page many clients ask for is queried and encoded once.
//
// Readers never wait for a rebuild of a reply the cache already holds:
//   - A write through this server refreshes the replies read since the last
//     refresh before it answers (refresh), while readers keep getting the
//     previous ones; the new set replaces the old in one step, and replies
//     not refreshed are dropped. A reader that comes after the write's
//     answer therefore sees the write, and one that comes during it gets
//     what was true before, as it could have anyway.
//   - A reply older than ttl (another process may have written to the
//     store) is served once more while one goroutine recomputes it
//     (stale-while-revalidate), so staleness from other writers is bounded
//     by ttl plus one query.
//
// Only the first reader of a key waits, and concurrent first readers wait
// for a single computation.
type replyCache struct {
	mu      sync.RWMutex
	gen     uint64 // bumped when a write's refresh is installed
	entries map[string]*entry

	refreshMu sync.Mutex // one write refresh at a time: each sees the commits before it
	ttl       time.Duration
	max       int
	timeout   time.Duration // bounds one recomputation
}

// handlerFunc is a route's handler, as the cache runs it.
type handlerFunc func(http.ResponseWriter, *http.Request) error

// entry is one key's reply and how to recompute it.
type entry struct {
	req   *http.Request // the first request, detached from its connection
	h     handlerFunc
	ready chan struct{} // closed once the first computation is done
	first *storedReply  // its result (nil: not cacheable); read after ready
	rep   atomic.Pointer[storedReply]
	hot   atomic.Bool // read since it was last computed
	busy  atomic.Bool // a stale-while-revalidate refresh is running
}

// storedReply is a cacheable reply: status 200, at most maxCachedBody.
type storedReply struct {
	gen  uint64
	at   time.Time
	hdr  http.Header // with Content-Length and ETag
	etag string
	body []byte
}

// maxCachedBody is the largest reply kept; maxRefresh the most replies a
// write recomputes before answering (the others are dropped).
const (
	maxCachedBody = 1 << 20
	maxRefresh    = 32
)

func newReplyCache(ttl, timeout time.Duration, max int) *replyCache {
	return &replyCache{ttl: ttl, timeout: timeout, max: max, entries: map[string]*entry{}}
}

// serve answers r from the cache or runs h, keeping its reply when it can.
func (c *replyCache) serve(w http.ResponseWriter, r *http.Request, h handlerFunc) error {
	key := r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
	c.mu.RLock()
	e, gen := c.entries[key], c.gen
	c.mu.RUnlock()
	if e != nil {
		if rep := e.rep.Load(); rep != nil && rep.gen == gen {
			if !e.hot.Load() {
				e.hot.Store(true)
			}
			if time.Since(rep.at) > c.ttl && e.busy.CompareAndSwap(false, true) {
				go c.revalidate(key, e, gen)
			}
			return writeStored(w, r, rep)
		}
	}
	c.mu.Lock()
	e, gen = c.entries[key], c.gen
	owner := false
	if e == nil || e.isDone() && e.rep.Load() == nil {
		if len(c.entries) >= c.max {
			clear(c.entries) // crude, but bounded and rare: keys are few in practice
		}
		e = &entry{req: detach(r), h: h, ready: make(chan struct{})}
		c.entries[key] = e
		owner = true
	}
	c.mu.Unlock()
	if owner {
		rep, rec, err := c.compute(r.Context(), r, h, gen)
		e.first = rep
		if rep != nil {
			c.install(e, rep)
		}
		close(e.ready)
		if rep == nil {
			return rec.copyTo(w, err)
		}
		return writeStored(w, r, rep)
	}
	if !e.isDone() {
		select {
		case <-e.ready:
		case <-r.Context().Done():
			return r.Context().Err()
		}
	}
	// The reply was computed while this request was waiting (or it is the
	// current one of a key whose entry has a reply of an older generation
	// than the map's; install keeps that from being served after a write).
	if rep := e.rep.Load(); rep != nil && rep.gen == c.generation() {
		return writeStored(w, r, rep)
	}
	if e.first != nil && !c.hasEntry(key, e) {
		return writeStored(w, r, e.first) // waited across a write: what was true when it came
	}
	rep, rec, err := c.compute(r.Context(), r, h, c.generation())
	if rep == nil {
		return rec.copyTo(w, err)
	}
	return writeStored(w, r, rep)
}

func (e *entry) isDone() bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

func (c *replyCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

func (c *replyCache) hasEntry(key string, e *entry) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.entries[key] == e
}

// install makes rep e's reply unless a write's refresh was installed since
// rep's computation began (it may then miss that write).
func (c *replyCache) install(e *entry, rep *storedReply) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if rep.gen == c.gen {
		e.rep.Store(rep)
		e.hot.Store(false)
	}
}

// revalidate recomputes a reply older than ttl while readers get it.
func (c *replyCache) revalidate(key string, e *entry, gen uint64) {
	defer e.busy.Store(false)
	rep, _, _ := c.compute(context.Background(), e.req, e.h, gen)
	if rep == nil {
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key) // the next reader computes its own and sees why
		}
		c.mu.Unlock()
		return
	}
	c.install(e, rep)
}

// refresh is called by a write once its change is committed and before it
// answers: it recomputes the replies read since their last computation,
// then installs them as the next generation and drops the others. Readers
// meanwhile get the previous replies.
func (c *replyCache) refresh(ctx context.Context) {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()
	c.mu.RLock()
	next := c.gen + 1
	type job struct {
		key string
		e   *entry
	}
	var jobs []job
	for k, e := range c.entries {
		if e.isDone() && e.rep.Load() != nil && e.hot.Load() {
			jobs = append(jobs, job{k, e})
		}
	}
	c.mu.RUnlock()
	if len(jobs) > maxRefresh {
		// Keep the most recently computed: the others were read less lately.
		sort.Slice(jobs, func(i, j int) bool { return jobs[i].e.rep.Load().at.After(jobs[j].e.rep.Load().at) })
		jobs = jobs[:maxRefresh]
	}
	fresh := make(map[string]*entry, len(jobs))
	for _, j := range jobs {
		rep, _, _ := c.compute(context.WithoutCancel(ctx), j.e.req, j.e.h, next)
		if rep == nil {
			continue
		}
		ne := &entry{req: j.e.req, h: j.e.h, ready: closedChan, first: rep}
		ne.rep.Store(rep)
		fresh[j.key] = ne
	}
	c.mu.Lock()
	c.gen = next
	c.entries = fresh
	c.mu.Unlock()
}

// drop forgets every reply; a write that failed part way calls it.
func (c *replyCache) drop() {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()
	c.mu.Lock()
	c.gen++
	c.entries = map[string]*entry{}
	c.mu.Unlock()
}

var closedChan = func() chan struct{} { ch := make(chan struct{}); close(ch); return ch }()

// compute runs h into a recorder; it returns the reply to keep, or nil
// with what h wrote and returned when the reply is not cacheable.
func (c *replyCache) compute(ctx context.Context, r *http.Request, h handlerFunc, gen uint64) (*storedReply, *recorder, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	rec := &recorder{hdr: http.Header{}, code: http.StatusOK}
	start := time.Now()
	err := h(rec, r.WithContext(ctx))
	if err != nil || rec.code != http.StatusOK || rec.body.Len() > maxCachedBody {
		return nil, rec, err
	}
	body := bytes.Clone(rec.body.Bytes())
	sum := fnv.New64a()
	sum.Write(body)
	etag := `"` + strconv.FormatUint(sum.Sum64(), 36) + `"`
	rec.hdr.Set("Content-Length", strconv.Itoa(len(body)))
	rec.hdr.Set("ETag", etag)
	return &storedReply{gen: gen, at: start, hdr: rec.hdr, etag: etag, body: body}, nil, nil
}

// writeStored sends a kept reply, or 304 when the client has it.
func writeStored(w http.ResponseWriter, r *http.Request, rep *storedReply) error {
	wh := w.Header()
	for k, v := range rep.hdr {
		wh[k] = v
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == rep.etag {
		wh.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(rep.body)
	return err
}

// detach copies r for recomputing its reply later, outside its
// connection's lifetime (path values are kept; the body is not needed by
// read routes).
func detach(r *http.Request) *http.Request {
	d := r.Clone(context.Background())
	d.Body = http.NoBody
	return d
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

// copyTo sends what the handler wrote, or returns its error for the
// caller's error reply when it wrote nothing.
func (r *recorder) copyTo(w http.ResponseWriter, err error) error {
	if err != nil {
		return err
	}
	wh := w.Header()
	for k, v := range r.hdr {
		wh[k] = v
	}
	w.WriteHeader(r.code)
	_, err = w.Write(r.body.Bytes())
	return err
}

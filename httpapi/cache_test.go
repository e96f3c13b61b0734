package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// versioned is a handler whose reply is the current version of a fake
// store; gate, when set, holds each computation until it is closed.
type versioned struct {
	version atomic.Int64
	calls   atomic.Int64
	gate    atomic.Pointer[chan struct{}]
}

func (v *versioned) handle(w http.ResponseWriter, r *http.Request) error {
	v.calls.Add(1)
	if g := v.gate.Load(); g != nil {
		<-*g
	}
	w.Write([]byte(strconv.FormatInt(v.version.Load(), 10)))
	return nil
}

func get(t *testing.T, c *replyCache, v *versioned, etag string) (string, string, int) {
	t.Helper()
	r := httptest.NewRequest("GET", "/api/v1/events?limit=1", nil)
	if etag != "" {
		r.Header.Set("If-None-Match", etag)
	}
	w := httptest.NewRecorder()
	if err := c.serve(w, r, v.handle); err != nil {
		t.Fatal(err)
	}
	return w.Body.String(), w.Header().Get("ETag"), w.Code
}

func TestCacheWriteRefreshesWithoutHoldingReaders(t *testing.T) {
	c := newReplyCache(time.Hour, time.Minute, 100)
	v := &versioned{}
	if body, _, _ := get(t, c, v, ""); body != "0" {
		t.Fatalf("first reply %q", body)
	}
	get(t, c, v, "") // a hit marks the reply as read, so a write refreshes it
	if n := v.calls.Load(); n != 1 {
		t.Fatalf("%d computations for two reads of one key, want 1", n)
	}
	// A write commits version 1 and refreshes; the refresh is held at the gate.
	v.version.Store(1)
	gate := make(chan struct{})
	v.gate.Store(&gate)
	done := make(chan struct{})
	go func() { c.refresh(context.Background()); close(done) }()
	for v.calls.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	// A reader during the refresh gets the previous reply at once.
	read := make(chan string)
	go func() {
		r := httptest.NewRequest("GET", "/api/v1/events?limit=1", nil)
		w := httptest.NewRecorder()
		c.serve(w, r, func(w http.ResponseWriter, r *http.Request) error {
			t.Error("a reader computed the reply during a refresh")
			return nil
		})
		read <- w.Body.String()
	}()
	select {
	case body := <-read:
		if body != "0" {
			t.Errorf("reader during the refresh got %q, want the previous reply 0", body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a reader waited for the refresh")
	}
	close(gate)
	<-done
	v.gate.Store(nil)
	// After the write has answered, readers see it without computing.
	body, etag, _ := get(t, c, v, "")
	if body != "1" {
		t.Errorf("after the refresh: %q, want 1", body)
	}
	if n := v.calls.Load(); n != 2 {
		t.Errorf("%d computations, want 2 (first read, refresh)", n)
	}
	if _, _, code := get(t, c, v, etag); code != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", code)
	}
}

func TestCacheDropsUnreadRepliesOnWrite(t *testing.T) {
	c := newReplyCache(time.Hour, time.Minute, 100)
	v := &versioned{}
	get(t, c, v, "") // computed once, never read again
	v.version.Store(1)
	c.refresh(context.Background())
	if v.calls.Load() != 1 {
		t.Errorf("an unread reply was recomputed by a write")
	}
	if body, _, _ := get(t, c, v, ""); body != "1" {
		t.Errorf("after a write: %q, want 1", body)
	}
}

func TestCacheStaleWhileRevalidate(t *testing.T) {
	c := newReplyCache(time.Millisecond, time.Minute, 100)
	v := &versioned{}
	get(t, c, v, "")
	v.version.Store(1) // another process writes; this server is not told
	time.Sleep(5 * time.Millisecond)
	if body, _, _ := get(t, c, v, ""); body != "0" {
		t.Errorf("expired reply: %q, want the stale 0 while it is recomputed", body)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		body, _, _ := get(t, c, v, "")
		if body == "1" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the stale reply was never recomputed")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestCacheDoesNotKeepErrors(t *testing.T) {
	c := newReplyCache(time.Hour, time.Minute, 100)
	calls := 0
	h := func(w http.ResponseWriter, r *http.Request) error {
		calls++
		return errorf(KindInvalid, "bad")
	}
	for range 2 {
		r := httptest.NewRequest("GET", "/x", nil)
		if err := c.serve(httptest.NewRecorder(), r, h); err == nil {
			t.Fatal("the handler's error was lost")
		}
	}
	if calls != 2 {
		t.Errorf("an error reply was served from the cache (%d calls)", calls)
	}
}

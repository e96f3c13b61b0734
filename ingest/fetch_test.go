package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func fetchAll(t *testing.T, url string, fo FetchOptions, lim Limits) (docs int, skips []string) {
	t.Helper()
	err := ReadURL(context.Background(), url, fo, FileOptions{Limits: lim}, func(it Item) error {
		if it.Skip != "" {
			skips = append(skips, it.Skip+": "+it.Message)
		} else {
			docs++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs, skips
}

func TestFetch(t *testing.T) {
	var flaky atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss><channel><title>T</title><item><guid>g1</guid><description>Troops arrived.</description></item></channel></rss>`))
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"id":"x","text":"ok"}`))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/feed", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 5000))) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	open := FetchOptions{AllowPrivate: true, Backoff: time.Millisecond}

	if n, skips := fetchAll(t, srv.URL+"/feed", FetchOptions{Backoff: time.Millisecond}, Limits{}); n != 0 || len(skips) != 1 || !strings.Contains(skips[0], "private or loopback") {
		t.Errorf("loopback without --allow-private: %d docs, %q", n, skips)
	}
	if n, skips := fetchAll(t, srv.URL+"/feed", open, Limits{}); n != 1 || len(skips) != 0 {
		t.Errorf("feed: %d docs, %q", n, skips)
	}
	if n, skips := fetchAll(t, srv.URL+"/flaky", open, Limits{}); n != 1 || len(skips) != 0 {
		t.Errorf("flaky: %d docs, %q after %d tries", n, skips, flaky.Load())
	}
	if _, skips := fetchAll(t, srv.URL+"/loop", open, Limits{}); len(skips) != 1 || !strings.Contains(skips[0], "redirects") {
		t.Errorf("redirect loop: %q", skips)
	}
	if n, skips := fetchAll(t, srv.URL+"/moved", open, Limits{}); n != 1 || len(skips) != 0 {
		t.Errorf("one redirect, default limit: %d docs, %q", n, skips)
	}
	noRedirects := open
	noRedirects.MaxRedirects = -1
	if _, skips := fetchAll(t, srv.URL+"/moved", noRedirects, Limits{}); len(skips) != 1 || !strings.Contains(skips[0], "more than 0 redirects") {
		t.Errorf("one redirect with redirects off: %q", skips)
	}
	if _, skips := fetchAll(t, srv.URL+"/big", open, Limits{MaxDocBytes: 1000}); len(skips) != 1 || !strings.HasPrefix(skips[0], "too large") {
		t.Errorf("big: %q", skips)
	}
	if _, skips := fetchAll(t, srv.URL+"/gone", open, Limits{}); len(skips) != 1 || !strings.Contains(skips[0], "404") {
		t.Errorf("404: %q", skips)
	}
	if _, skips := fetchAll(t, "ftp://example.org/x", open, Limits{}); len(skips) != 1 || !strings.HasPrefix(skips[0], "bad URL") {
		t.Errorf("ftp: %q", skips)
	}
}

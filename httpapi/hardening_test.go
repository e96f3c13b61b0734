package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faultline/faultline/httpapi"
)

// TestNULAndUTF8 is issue 14 items 4 and 8, on both stores: U+0000 in a
// posted document or a query parameter, and invalid UTF-8 in a body or a
// parameter, are a clear 400 (never a 500, never a whole batch half
// stored, never text quietly changed to U+FFFD).
func TestNULAndUTF8(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		st, err := b.store(ctx, b.place(t))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ts := newTestServerOn(t, filepath.Join(t.TempDir(), "unused.db"), func(c *httpapi.Config) { c.Store = st })
		ts.post(t, sampleDocs(1)...)
		good := `{"id": "fine", "text": "Officials met counterparts in town."}`
		cases := []struct {
			name, method, path, body, want string
			code                           int
		}{
			{"NUL in a document's text", "POST", "/api/v1/documents", `[` + good + `, {"id": "nul", "text": "A text with a \u0000 in it."}]`, "document 2: contains U+0000", 400},
			{"NUL in a document's title", "POST", "/api/v1/documents", `{"id": "nul2", "text": "Fine text.", "title": "x\u0000"}`, "contains U+0000", 400},
			{"invalid UTF-8 in a body", "POST", "/api/v1/documents", "{\"id\": \"bad\", \"text\": \"caf\xe9 in Zvecan\"}", "not valid UTF-8 (at byte 26)", 400},
			{"%00 in a text filter", "GET", "/api/v1/events?text=police%00", "", `query parameter "text"`, 400},
			{"%00 in a country filter", "GET", "/api/v1/events?country=%00", "", `query parameter "country"`, 400},
			{"%FF in a filter", "GET", "/api/v1/events?actor=%FF", "", "UTF-8", 400},
			{"%00 in a document id", "GET", "/api/v1/documents/doc%00", "", "path", 400},
			{"%00 in the series", "GET", "/api/v1/series?country=X%00", "", "query parameter", 400},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				tok := ""
				if c.method == "POST" {
					tok = testToken
				}
				code, env, _ := ts.do(t, c.method, c.path, tok, "application/json", []byte(c.body))
				if code != c.code || env.Error == nil || !strings.Contains(env.Error.Message, c.want) {
					t.Errorf("%d %+v; want %d saying %q", code, env.Error, c.code, c.want)
				}
			})
		}
		if _, err := st.Document(ctx, "fine"); err == nil {
			t.Error("a batch refused for one document's U+0000 stored another of its documents")
		}
	})
}

// TestNosniffEverywhere: /metrics and the OpenAPI document carry
// X-Content-Type-Options: nosniff like every other reply.
func TestNosniffEverywhere(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, p := range []string{"/metrics", "/api/v1/openapi.json", "/healthz", "/api/v1/events", "/"} {
		res, err := ts.Client().Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", p, got)
		}
	}
}

// TestFailedLoginsLimited: wrong tokens from one address are answered 401
// ten times, then 429 (the token is not even compared), with Retry-After.
func TestFailedLoginsLimited(t *testing.T) {
	ts := newTestServer(t, nil)
	body := []byte(`{"id": "a", "text": "Officials met counterparts."}`)
	var codes []int
	for i := range 11 {
		code, _, _ := ts.do(t, "POST", "/api/v1/documents", fmt.Sprintf("guess-%d", i), "application/json", body)
		codes = append(codes, code)
	}
	code, _, h := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", body)
	for i, c := range codes[:10] {
		if c != 401 {
			t.Errorf("wrong token %d: %d, want 401", i+1, c)
		}
	}
	if codes[10] != 429 || code != 429 || h.Get("Retry-After") == "" {
		t.Errorf("after ten failed logins: wrong token %d, right token %d (Retry-After %q); want 429 for both", codes[10], code, h.Get("Retry-After"))
	}
	if c, _, _ := ts.do(t, "GET", "/api/v1/events", "", "", nil); c != 200 {
		t.Errorf("open read from the same address: %d; only what needs the token is refused", c)
	}
}

// TestSlowBodyGets408: an authorised POST whose body stops coming gets 408
// when the server's read deadline passes, not 500.
func TestSlowBodyGets408(t *testing.T) {
	ts := newTestServer(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- httpapi.Serve(ctx, ln, ts.api, httpapi.ServeOptions{ReadTimeout: 300 * time.Millisecond, Grace: time.Second})
	}()
	defer func() { cancel(); <-done }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\": \"slow\", ", testToken)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no reply to a stalled body: %v", err)
	}
	raw, _ := io.ReadAll(res.Body)
	var env envelope
	json.Unmarshal(raw, &env)
	if res.StatusCode != 408 || env.Error == nil || env.Error.Kind != "request_timeout" {
		t.Errorf("stalled body: %s %s; want 408 request_timeout", res.Status, raw)
	}
	if _, err := ts.store.Document(context.Background(), "slow"); err == nil {
		t.Error("a document of a stalled body was stored")
	}
}

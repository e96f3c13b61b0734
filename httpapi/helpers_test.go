package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/web"
)

const testToken = "s3cret-token"

// fakeCoder codes the first sentence of a document as one event, so that
// API tests do not depend on the dictionaries: the evidence is that
// sentence, the verb its second word, the place from the document source
// ("lat,lon"), quad class 4 when the text says "attack".
type fakeCoder struct{}

func (fakeCoder) Code(d faultline.Document) []faultline.Event {
	end := strings.IndexByte(d.Text, '.')
	if end < 0 {
		end = len(d.Text)
	} else {
		end++
	}
	vs := strings.IndexByte(d.Text, ' ') + 1
	ve := vs + strings.IndexByte(d.Text[vs:]+" ", ' ')
	if ve > end {
		vs, ve = 0, 0
	}
	e := faultline.Event{ID: d.ID + ":0:0", DocID: d.ID, Date: d.Date, CAMEO: "010", Root: "01", QuadClass: 1,
		Source: faultline.ActorRef{Code: "KSV", Text: "Kosovo"}, Target: faultline.ActorRef{Code: "SRB", Text: "Serbia"},
		Modality: faultline.Asserted, Evidence: faultline.Span{Start: 0, End: end}, Verb: faultline.Span{Start: vs, End: ve}}
	if strings.Contains(d.Text, "attack") {
		e.CAMEO, e.Root, e.QuadClass, e.Goldstein = "180", "18", 4, -9
		e.Quantities = map[string]int{"injured": 3}
	}
	var lat, lon float64
	if _, err := fmt.Sscanf(d.Source, "%f,%f", &lat, &lon); err == nil {
		e.Location = &faultline.Location{Name: "Somewhere", Country: "XKX", Lat: lat, Lon: lon, Precision: "city"}
	}
	return []faultline.Event{e}
}

type testServer struct {
	*httptest.Server
	api   *httpapi.Server
	store *sqlite.Store
}

func newTestServer(t testing.TB, mod func(*httpapi.Config)) *testServer {
	t.Helper()
	return newTestServerOn(t, filepath.Join(t.TempDir(), "api.db"), mod)
}

// newTestServerOn serves the store in the database file path.
func newTestServerOn(t testing.TB, path string, mod func(*httpapi.Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// The fake coder's events are alike; tests count them one by one.
	st.Rule = faultline.IncidentRule{Disabled: true}
	cfg := httpapi.Config{Store: st, Coder: fakeCoder{}, Token: testToken, WriteRate: 1000, WriteBurst: 1000, ReadRate: 1e6, ReadBurst: 1e6,
		Page: web.Handler(http.HandlerFunc(httpapi.NotFound))}
	if mod != nil {
		mod(&cfg)
	}
	api, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(api)
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, api: api, store: st}
}

// envelope is the reply shape every JSON route must use.
type envelope struct {
	OK    bool            `json:"ok"`
	Data  json.RawMessage `json:"data"`
	Next  string          `json:"next"`
	Error *struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// do makes a request and decodes the envelope; it fails the test when the
// reply is not one.
func (ts *testServer) do(t testing.TB, method, path, token, ctype string, body []byte) (int, envelope, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s: reply is not a JSON envelope: %v\n%s", method, path, err, raw)
	}
	if env.OK != (res.StatusCode < 400) || (env.Error == nil) != env.OK {
		t.Fatalf("%s %s: status %d with envelope %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode, env, res.Header
}

// post stores docs through the API.
func (ts *testServer) post(t testing.TB, docs ...faultline.Document) envelope {
	t.Helper()
	b, _ := json.Marshal(docs)
	code, env, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", b)
	if code != http.StatusCreated {
		t.Fatalf("post documents: %d %+v", code, env.Error)
	}
	return env
}

func sampleDocs(n int) []faultline.Document {
	docs := make([]faultline.Document, n)
	for i := range docs {
		verb := "met"
		if i%3 == 0 {
			verb = "attacked"
		}
		docs[i] = faultline.Document{
			ID:     fmt.Sprintf("doc-%03d", i),
			Date:   fmt.Sprintf("2025-09-%02d", 1+i%28),
			Source: fmt.Sprintf("%.2f,%.2f", 42.5+float64(i%10)/20, 20.5+float64(i%7)/20),
			Text:   fmt.Sprintf("Officials %s counterparts in town number %d. %s", verb, i, filler(i)),
		}
	}
	return docs
}

var vocab = strings.Fields("river bridge police mayor election border crossing road truck school market council " +
	"village mountain winter harvest church minister envoy talks patrol convoy checkpoint field factory hospital")

// filler is a sentence of pseudo-random words, so that test documents are
// not near-copies of each other.
func filler(seed int) string {
	x := uint32(seed)*2654435761 + 12345
	var w []string
	for range 24 {
		x = x*1664525 + 1013904223
		w = append(w, vocab[x>>16%uint32(len(vocab))])
	}
	return strings.Join(w, " ") + "."
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

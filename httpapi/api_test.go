package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/httpapi"
)

func TestRoutesAnswerInTheEnvelope(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, sampleDocs(6)...)
	tests := []struct {
		method, path string
		token        string
		body         string
		want         int
	}{
		{"GET", "/healthz", "", "", 200},
		{"GET", "/api/v1/events", "", "", 200},
		{"GET", "/api/v1/events?country=XKX&quad=4&from=2025-09-01&to=2025-09-30", "", "", 200},
		{"GET", "/api/v1/events?dyad=KSV-SRB&bbox=20,42,21.5,43.5&modality=asserted", "", "", 200},
		{"GET", "/api/v1/events/doc-001:0:0", "", "", 200},
		{"GET", "/api/v1/events/doc-001:0:9", "", "", 404},
		{"GET", "/api/v1/events/nocolon", "", "", 404},
		{"GET", "/api/v1/documents/doc-002", "", "", 200},
		{"GET", "/api/v1/documents/missing", "", "", 404},
		{"GET", "/api/v1/series", "", "", 200},
		{"GET", "/api/v1/series?by=country", "", "", 200},
		{"GET", "/api/v1/series?by=planet", "", "", 400},
		{"GET", "/api/v1/alerts", "", "", 200},
		{"POST", "/api/v1/alerts/abc/ack", testToken, `{"who":"a","why":"b"}`, 404},
		{"GET", "/api/v1/events?quad=9", "", "", 400},
		{"GET", "/api/v1/events?from=yesterday", "", "", 400},
		{"GET", "/api/v1/events?cursor=!!!", "", "", 400},
		{"GET", "/api/v1/events?format=xml", "", "", 400},
		{"GET", "/api/v1/events?limit=0", "", "", 400},
		{"GET", "/api/v1/nowhere", "", "", 404},
		{"DELETE", "/api/v1/events", "", "", 405},
		{"GET", "/api/v1/documents", "", "", 405},
		{"GET", "/no/such/page", "", "", 404},
		{"POST", "/api/v1/documents", testToken, `{"id":"x"}`, 400},
		{"POST", "/api/v1/documents", testToken, `not json`, 400},
	}
	for _, tt := range tests {
		code, env, hdr := ts.do(t, tt.method, tt.path, tt.token, "application/json", []byte(tt.body))
		if code != tt.want {
			t.Errorf("%s %s: status %d, want %d (%+v)", tt.method, tt.path, code, tt.want, env.Error)
		}
		if code == 405 && hdr.Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", tt.method, tt.path)
		}
		if env.Error != nil && (strings.Contains(env.Error.Message, "sql") || strings.Contains(env.Error.Message, "/")) {
			t.Errorf("%s %s: error message leaks detail: %q", tt.method, tt.path, env.Error.Message)
		}
	}
}

func TestWritesNeedTheToken(t *testing.T) {
	ts := newTestServer(t, nil)
	body, _ := json.Marshal(sampleDocs(1))
	for _, tok := range []string{"", "wrong", testToken + "x"} {
		code, env, hdr := ts.do(t, "POST", "/api/v1/documents", tok, "application/json", body)
		if code != 401 || env.Error.Kind != "unauthorized" || hdr.Get("WWW-Authenticate") == "" {
			t.Errorf("token %q: %d %+v", tok, code, env.Error)
		}
		if code, _, _ := ts.do(t, "POST", "/api/v1/alerts/x/ack", tok, "application/json", []byte(`{"who":"a","why":"b"}`)); code != 401 {
			t.Errorf("ack with token %q: %d, want 401", tok, code)
		}
	}
	c, _ := ts.store.Counts(t.Context())
	if c.Documents != 0 {
		t.Errorf("unauthorized posts stored %d documents", c.Documents)
	}
	// Without a configured token no write is accepted at all.
	open := newTestServer(t, func(c *httpapi.Config) { c.Token = "" })
	if code, _, _ := open.do(t, "POST", "/api/v1/documents", "", "application/json", body); code != 401 {
		t.Errorf("server without token: anonymous write got %d", code)
	}
}

func TestClosedReads(t *testing.T) {
	ts := newTestServer(t, func(c *httpapi.Config) { c.ClosedReads = true })
	if code, _, _ := ts.do(t, "GET", "/api/v1/events", "", "", nil); code != 401 {
		t.Errorf("closed read without token: %d", code)
	}
	if code, _, _ := ts.do(t, "GET", "/api/v1/events", testToken, "", nil); code != 200 {
		t.Errorf("closed read with token: %d", code)
	}
}

func TestOversizedBody(t *testing.T) {
	ts := newTestServer(t, func(c *httpapi.Config) { c.MaxBodyBytes = 1000 })
	big, _ := json.Marshal(faultline.Document{ID: "big", Text: strings.Repeat("word ", 400)})
	code, env, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", big)
	if code != 413 || env.Error.Kind != "too_large" {
		t.Errorf("declared length: %d %+v", code, env.Error)
	}
	// A chunked body (no Content-Length) is cut off while it is read.
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", io.MultiReader(bytes.NewReader(big)))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 413 {
		t.Errorf("chunked: %d, want 413", res.StatusCode)
	}
}

func TestRateLimitOnWrites(t *testing.T) {
	ts := newTestServer(t, func(c *httpapi.Config) { c.WriteRate, c.WriteBurst = 0.001, 2 })
	var codes []int
	for i := range 4 {
		b, _ := json.Marshal(sampleDocs(i + 1)[i])
		code, _, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", b)
		codes = append(codes, code)
	}
	if codes[0] != 201 || codes[1] != 201 || codes[2] != 429 || codes[3] != 429 {
		t.Errorf("codes %v, want 201 201 429 429", codes)
	}
	// Reads are not limited.
	for range 5 {
		if code, _, _ := ts.do(t, "GET", "/api/v1/events", "", "", nil); code != 200 {
			t.Fatalf("read got %d", code)
		}
	}
}

func TestPostFormsAndResults(t *testing.T) {
	ts := newTestServer(t, nil)
	docs := sampleDocs(3)
	var jsonl bytes.Buffer
	for _, d := range docs[:2] {
		b, _ := json.Marshal(d)
		jsonl.Write(append(b, '\n'))
	}
	code, env, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/x-ndjson", jsonl.Bytes())
	if code != 201 {
		t.Fatalf("jsonl: %d %+v", code, env.Error)
	}
	one, _ := json.Marshal(docs[2])
	if code, _, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", one); code != 201 {
		t.Fatalf("object: %d", code)
	}
	// Posting again: a duplicate id, with its stored events.
	code, env, _ = ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", one)
	var got struct {
		Documents []struct {
			ID, Result string
			Events     []faultline.StoredEvent
		}
	}
	if err := json.Unmarshal(env.Data, &got); err != nil || code != 201 {
		t.Fatalf("%d %v", code, err)
	}
	if len(got.Documents) != 1 || got.Documents[0].Result != "duplicate_id" || len(got.Documents[0].Events) != 1 {
		t.Errorf("repost: %+v", got)
	}
	if code, _, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "text/html", one); code != 415 {
		t.Errorf("text/html: %d, want 415", code)
	}
}

// TestCursorPagination reads every event a page at a time and checks that
// the pages add up to the whole list, in order, without repeats.
func TestCursorPagination(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, sampleDocs(40)...)
	_, all, _ := ts.do(t, "GET", "/api/v1/events?limit=1000", "", "", nil)
	var want []faultline.StoredEvent
	json.Unmarshal(all.Data, &want)
	if len(want) != 40 || all.Next != "" {
		t.Fatalf("%d events, next %q; want 40 and no next", len(want), all.Next)
	}
	for _, size := range []int{1, 7, 40} {
		var got []faultline.StoredEvent
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 100 {
				t.Fatal("pagination does not end")
			}
			q := url.Values{"limit": {itoa(size)}}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			code, env, _ := ts.do(t, "GET", "/api/v1/events?"+q.Encode(), "", "", nil)
			if code != 200 {
				t.Fatalf("page: %d", code)
			}
			var page []faultline.StoredEvent
			json.Unmarshal(env.Data, &page)
			if len(page) > size {
				t.Fatalf("page of %d events, limit %d", len(page), size)
			}
			got = append(got, page...)
			if cursor = env.Next; cursor == "" {
				break
			}
		}
		if len(got) != len(want) {
			t.Fatalf("size %d: %d events, want %d", size, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Fatalf("size %d: event %d is %s, want %s", size, i, got[i].ID, want[i].ID)
			}
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestExportFormats(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, sampleDocs(12)...)
	get := func(q string) (*http.Response, []byte) {
		res, err := ts.Client().Get(ts.URL + "/api/v1/events?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	res, b := get("format=csv")
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || len(lines) != 13 || !strings.HasPrefix(lines[0], "id,doc_id,") {
		t.Errorf("csv: %s, %d lines: %q", res.Header.Get("Content-Type"), len(lines), lines[0])
	}
	res, b = get("format=geojson&limit=5")
	var fc struct {
		Type     string
		Features []struct {
			Geometry   struct{ Coordinates []float64 }
			Properties faultline.StoredEvent
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 5 {
		t.Errorf("geojson: %v %q %d", err, fc.Type, len(fc.Features))
	} else if f := fc.Features[0]; f.Geometry.Coordinates[0] != f.Properties.Location.Lon {
		t.Errorf("geojson coordinates %v for %+v", f.Geometry.Coordinates, f.Properties.Location)
	}
	if res.Header.Get("X-Next-Cursor") == "" || !strings.Contains(res.Header.Get("Link"), `rel="next"`) {
		t.Errorf("geojson page of 5 of 12 without next cursor: %v", res.Header)
	}
	_, b = get("format=gdelt")
	for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if n := len(strings.Split(l, "\t")); n != 61 {
			t.Fatalf("gdelt line %d has %d columns, want 61", i, n)
		}
	}
}

// TestDocumentTextIsData posts documents carrying markup and checks that
// the API returns it as JSON-escaped data and that the page's headers
// forbid inline script; the browser test checks that the page shows it as
// text.
func TestDocumentTextIsData(t *testing.T) {
	ts := newTestServer(t, nil)
	evil := `Rebels <script>window.pwned=1</script> attacked <img src=x onerror="window.pwned=2"> the town.`
	ts.post(t, faultline.Document{ID: "evil<b>", Date: "2025-09-03", Text: evil, Source: "42.6,20.9"})
	res, err := ts.Client().Get(ts.URL + "/api/v1/documents/" + url.PathEscape("evil<b>"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if bytes.Contains(raw, []byte("<script>")) || bytes.Contains(raw, []byte("<img")) {
		t.Errorf("document reply carries raw markup: %s", raw)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("content type %q, nosniff %q", ct, res.Header.Get("X-Content-Type-Options"))
	}
	var env struct {
		Data struct {
			Document faultline.StoredDocument
			Events   []faultline.StoredEvent
		}
	}
	json.Unmarshal(raw, &env)
	if env.Data.Document.Text != evil || len(env.Data.Events) != 1 {
		t.Errorf("text or events changed: %q, %d events", env.Data.Document.Text, len(env.Data.Events))
	}
	page, err := ts.Client().Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	csp := page.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("page CSP %q allows inline script", csp)
	}
	if bytes.Contains(body, []byte("pwned")) {
		t.Error("the page embeds document text")
	}
	// The script never assigns HTML: no innerHTML, outerHTML,
	// insertAdjacentHTML or document.write anywhere in it.
	js, err := os.ReadFile("../web/static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(`).Find(js); m != nil {
		t.Errorf("app.js uses %s", m)
	}
}

func TestMetricsFormat(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.post(t, sampleDocs(3)...)
	ts.do(t, "GET", "/api/v1/events", "", "", nil)
	res, err := ts.Client().Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	line := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? [-+0-9.eE]+|[+-]Inf|NaN$`)
	seen := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(l, "# ") {
			continue
		}
		if !line.MatchString(l) {
			t.Errorf("not a metric line: %q", l)
		}
		i := strings.LastIndexByte(l, ' ')
		name, val := l[:i], l[i+1:]
		seen[name] = val
	}
	for name, want := range map[string]string{
		"faultline_documents_ingested_total": "3", "faultline_events_coded_total": "3", "faultline_store_documents": "3",
		`faultline_alerts{state="firing"}`: "0", "faultline_coding_duration_seconds_count": "1",
		`faultline_http_requests_total{route="GET /api/v1/events",code="200"}`: "1",
	} {
		if seen[name] != want {
			t.Errorf("%s = %q, want %q", name, seen[name], want)
		}
	}
}

// TestOpenAPIMatchesRoutes checks the published document against the
// routes the server registers, both ways.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts := newTestServer(t, nil)
	res, err := ts.Client().Get(ts.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			// Every {param} of the path is declared as a path parameter.
			for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(path, -1) {
				if !strings.Contains(string(op), `"name": "`+m[1]+`", "in": "path"`) {
					t.Errorf("%s %s: path parameter %s not declared", method, path, m[1])
				}
			}
		}
	}
	routes := ts.api.Routes()
	sort.Strings(documented)
	sort.Strings(routes)
	if strings.Join(documented, "\n") != strings.Join(routes, "\n") {
		t.Errorf("OpenAPI paths and routes differ:\ndocumented:\n%s\nregistered:\n%s", strings.Join(documented, "\n"), strings.Join(routes, "\n"))
	}
}

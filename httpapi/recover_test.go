package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/httpapi"
)

// faultyStore fails writes with ENOSPC, as a full disk does, while full is
// set: AddDocuments when addFails, Complete when completeFails.
type faultyStore struct {
	faultline.Store
	full, addFails, completeFails atomic.Bool
}

func (s *faultyStore) AddDocuments(ctx context.Context, docs []faultline.NewDocument) ([]faultline.AddResult, error) {
	if s.full.Load() && s.addFails.Load() {
		return nil, fmt.Errorf("add documents: %w", syscall.ENOSPC)
	}
	return s.Store.AddDocuments(ctx, docs)
}

func (s *faultyStore) Complete(ctx context.Context, docs []faultline.CodedDocument) (faultline.CompleteStats, error) {
	if s.full.Load() && s.completeFails.Load() {
		return faultline.CompleteStats{}, fmt.Errorf("store events: %w", syscall.ENOSPC)
	}
	return s.Store.Complete(ctx, docs)
}

// quietLog drops the server's log of the failures a test provokes.
var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// health reads /healthz's data.
func (ts *testServer) health(t *testing.T) map[string]any {
	t.Helper()
	code, env, _ := ts.do(t, "GET", "/healthz", "", "", nil)
	if code != 200 {
		t.Fatalf("healthz: %d", code)
	}
	var h map[string]any
	if err := json.Unmarshal(env.Data, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// metric reads one unlabelled value from /metrics.
func (ts *testServer) metric(t *testing.T, name string) string {
	t.Helper()
	res, err := ts.Client().Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return v
		}
	}
	t.Fatalf("metric %s not in /metrics", name)
	return ""
}

func postStatus(t *testing.T, ts *testServer, docs ...faultline.Document) (int, envelope) {
	t.Helper()
	b, _ := json.Marshal(docs)
	code, env, _ := ts.do(t, "POST", "/api/v1/documents", testToken, "application/json", b)
	return code, env
}

type postedDoc struct {
	ID     string            `json:"id"`
	Result string            `json:"result"`
	Events []json.RawMessage `json:"events"`
}

func postedDocs(t *testing.T, env envelope) []postedDoc {
	t.Helper()
	var d struct {
		Documents []postedDoc `json:"documents"`
	}
	if err := json.Unmarshal(env.Data, &d); err != nil {
		t.Fatal(err)
	}
	return d.Documents
}

// TestUncodedDocumentRecovered is issue 14 item 3: a document committed
// whose events could not be stored (the disk filled up while it was
// coded) shows in /healthz and /metrics as a backlog; a retry of the same
// POST completes the work instead of answering duplicate_id; and what no
// one retries is coded by Recover, which serve runs at start and in the
// background.
func TestUncodedDocumentRecovered(t *testing.T) {
	var fs *faultyStore
	ts := newTestServer(t, func(c *httpapi.Config) {
		fs = &faultyStore{Store: c.Store}
		fs.completeFails.Store(true)
		c.Store, c.Log = fs, quietLog
	})
	docs := sampleDocs(2)
	fs.full.Store(true)
	for _, d := range docs {
		if code, _ := postStatus(t, ts, d); code != 500 {
			t.Fatalf("post %s with the disk full: %d, want 500", d.ID, code)
		}
	}
	fs.full.Store(false)
	if h := ts.health(t); h["uncoded"] != 2.0 || h["documents"] != 2.0 {
		t.Fatalf("healthz after two failed codings: %v, want 2 documents, 2 uncoded", h)
	}
	if v := ts.metric(t, "faultline_documents_uncoded"); v != "2" {
		t.Errorf("faultline_documents_uncoded = %s, want 2", v)
	}

	// The client retries the first POST: its document is coded now.
	code, env := postStatus(t, ts, docs[0])
	if code != 201 {
		t.Fatalf("retry: %d %+v", code, env.Error)
	}
	got := postedDocs(t, env)
	if got[0].Result != "added" || len(got[0].Events) == 0 {
		t.Fatalf("retry answered %+v, want added with its events", got[0])
	}
	// Posting it once more is a duplicate: the work is done.
	if _, env := postStatus(t, ts, docs[0]); postedDocs(t, env)[0].Result != "duplicate_id" {
		t.Errorf("third post: %+v, want duplicate_id", postedDocs(t, env)[0])
	}
	// The same id with other text is a duplicate id, coded or not.
	other := docs[1]
	other.Text = "Someone else wrote this text under the same id."
	if _, env := postStatus(t, ts, other); postedDocs(t, env)[0].Result != "duplicate_id" {
		t.Errorf("other text under an uncoded id: %+v, want duplicate_id", postedDocs(t, env)[0])
	}

	// No one retries the second: recovery codes it.
	n, err := ts.api.Recover(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("Recover coded %d (%v), want 1", n, err)
	}
	if h := ts.health(t); h["uncoded"] != 0.0 {
		t.Errorf("healthz after recovery: %v, want 0 uncoded", h)
	}
	if v := ts.metric(t, "faultline_documents_recovered_total"); v != "1" {
		t.Errorf("faultline_documents_recovered_total = %s, want 1", v)
	}
	code, env, _ = ts.do(t, "GET", "/api/v1/events?doc="+docs[1].ID, "", "", nil)
	var evs []json.RawMessage
	json.Unmarshal(env.Data, &evs)
	if code != 200 || len(evs) != 1 {
		t.Errorf("events of the recovered document: %d, %d events", code, len(evs))
	}
}

// slowCoder codes like fakeCoder after a pause.
type slowCoder struct{ pause time.Duration }

func (c slowCoder) Code(d faultline.Document) []faultline.Event {
	time.Sleep(c.pause)
	return fakeCoder{}.Code(d)
}

// TestPastDeadlineStillStored: a document whose coding runs past the
// request's deadline (issue 14: an 8 MB document past the 30 s limit) gets
// its events stored all the same.
func TestPastDeadlineStillStored(t *testing.T) {
	ts := newTestServer(t, func(c *httpapi.Config) {
		c.Coder = slowCoder{300 * time.Millisecond}
		c.RequestTimeout = 100 * time.Millisecond
	})
	doc := sampleDocs(1)[0]
	code, _ := postStatus(t, ts, doc)
	t.Logf("post past its deadline: %d", code)
	sd, err := ts.store.Document(t.Context(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !sd.Coded {
		t.Fatal("document coded past the request's deadline was left uncoded")
	}
}

// TestDiskFullUnderWrites posts documents from eight clients while the
// disk fills up and is freed again (a store whose writes fail with ENOSPC:
// a fault-injecting store, since mounting a small file system needs
// privileges CI may not have). Afterwards, with the recovery serve runs,
// every document that got a 201 is stored and coded, and so is every
// document stored at all.
func TestDiskFullUnderWrites(t *testing.T) {
	var fs *faultyStore
	ts := newTestServer(t, func(c *httpapi.Config) {
		fs = &faultyStore{Store: c.Store}
		fs.completeFails.Store(true)
		c.Store, c.Log = fs, quietLog
	})
	docs := sampleDocs(400)
	var (
		mu       sync.Mutex
		accepted = map[string]bool{}
		failed   atomic.Int64
		wg       sync.WaitGroup
	)
	stop := make(chan struct{})
	go func() { // the disk fills and is freed, now and then
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(15 * time.Millisecond):
				// Full for one tick in three; only the events' writes fail
				// in one of those ticks, so documents are left uncoded.
				fs.addFails.Store(i%6 == 0)
				fs.full.Store(i%3 == 0)
			}
		}
	}()
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c * 5; i < len(docs); i += 40 {
				batch := docs[i:min(i+5, len(docs))]
				b, _ := json.Marshal(batch)
				req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", strings.NewReader(string(b)))
				req.Header.Set("Authorization", "Bearer "+testToken)
				req.Header.Set("Content-Type", "application/json")
				res, err := ts.Client().Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 201 {
					mu.Lock()
					for _, d := range batch {
						accepted[d.ID] = true
					}
					mu.Unlock()
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	fs.full.Store(false)
	before := ts.health(t)
	if _, err := ts.api.Recover(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents accepted, %d posts failed; before recovery %v", len(accepted), failed.Load(), before)
	if failed.Load() == 0 || len(accepted) == 0 {
		t.Fatalf("the disk never filled (%d failed) or never took a write (%d accepted)", failed.Load(), len(accepted))
	}
	for _, d := range docs {
		sd, err := ts.store.Document(t.Context(), d.ID)
		if accepted[d.ID] && err != nil {
			t.Errorf("%s got a 201 but is not stored: %v", d.ID, err)
			continue
		}
		if err == nil && !sd.Coded {
			t.Errorf("%s is stored but not coded after recovery", d.ID)
		}
	}
	if h := ts.health(t); h["uncoded"] != 0.0 {
		t.Errorf("healthz after recovery: %v", h)
	}
}

// Package storetest is the contract every faultline.Store must meet: one
// suite, run by the sqlite and postgres packages against their own store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
)

// Opener opens a new, empty store for one test; the test closes it.
type Opener func(t *testing.T) faultline.Store

// Run runs the whole contract against stores that open gives.
func Run(t *testing.T, open Opener) {
	t.Run("Documents", func(t *testing.T) { testDocuments(t, open(t)) })
	t.Run("NearCopies", func(t *testing.T) { testNearCopies(t, open(t)) })
	t.Run("QueueExactlyOnce", func(t *testing.T) { testQueue(t, open(t)) })
	t.Run("Incidents", func(t *testing.T) { testIncidents(t, open(t)) })
	t.Run("IncidentFigures", func(t *testing.T) { testIncidentFigures(t, open(t)) })
	t.Run("NearCopyEvents", func(t *testing.T) { testNearCopyEvents(t, open(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, open(t)) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("NUL", func(t *testing.T) { testNUL(t, open(t)) })
}

// NewDoc makes a NewDocument as ingest would.
func NewDoc(id, text string) faultline.NewDocument {
	return faultline.NewDocument{Document: faultline.Document{ID: id, Text: text, Date: "2023-05-29"},
		Hash: ingest.ContentHash(text), Signature: ingest.Signature(text)}
}

func mustAdd(t *testing.T, s faultline.Store, docs ...faultline.NewDocument) []faultline.AddResult {
	t.Helper()
	res, err := s.AddDocuments(context.Background(), docs)
	if err != nil {
		t.Fatalf("AddDocuments: %v", err)
	}
	if len(res) != len(docs) {
		t.Fatalf("AddDocuments gave %d results for %d documents", len(res), len(docs))
	}
	return res
}

func counts(t *testing.T, s faultline.Store) faultline.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

// codeAll claims and completes the whole queue with code.
func codeAll(t *testing.T, s faultline.Store, code func(faultline.Document) []faultline.Event) faultline.CompleteStats {
	t.Helper()
	var total faultline.CompleteStats
	for {
		docs, err := s.Claim(context.Background(), 7)
		if err != nil {
			t.Fatalf("Claim: %v", err)
		}
		if len(docs) == 0 {
			return total
		}
		var coded []faultline.CodedDocument
		for _, d := range docs {
			coded = append(coded, faultline.CodedDocument{DocID: d.ID, Events: code(d)})
		}
		st, err := s.Complete(context.Background(), coded)
		if err != nil {
			t.Fatalf("Complete: %v", err)
		}
		total.Documents += st.Documents
		total.Events += st.Events
		total.Mentions += st.Mentions
	}
}

// Words makes a distinct text of n words from a seed, so that documents do
// not look like near-copies of each other by accident.
func Words(seed, n int) string {
	var b strings.Builder
	x := uint64(seed)*2654435761 + 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		fmt.Fprintf(&b, "w%d ", x%5000)
	}
	return b.String()
}

func testDocuments(t *testing.T, s faultline.Store) {
	defer s.Close()
	a, b := Words(1, 40), Words(2, 40)
	res := mustAdd(t, s, NewDoc("a", a), NewDoc("b", b), NewDoc("a", Words(3, 40)), NewDoc("c", "  "+a+"\n"))
	want := []faultline.AddResult{faultline.Added, faultline.Added, faultline.DupID, faultline.DupHash}
	if !slices.Equal(res, want) {
		t.Errorf("first batch: got %v, want %v", res, want)
	}
	res = mustAdd(t, s, NewDoc("b", b), NewDoc("d", b), NewDoc("e", Words(4, 40)))
	want = []faultline.AddResult{faultline.DupID, faultline.DupHash, faultline.Added}
	if !slices.Equal(res, want) {
		t.Errorf("second batch: got %v, want %v", res, want)
	}
	if c := counts(t, s); c.Documents != 3 || c.Queued != 3 {
		t.Errorf("counts %+v, want 3 documents, 3 queued", c)
	}
	d, err := s.Document(context.Background(), "b")
	if err != nil {
		t.Fatalf("Document(b): %v", err)
	}
	if d.Text != b || d.Date != "2023-05-29" || d.Hash == "" || d.Coded || d.IngestedAt.IsZero() {
		t.Errorf("Document(b) = %+v", d)
	}
	if _, err := s.Document(context.Background(), "nope"); !errors.Is(err, faultline.ErrNotFound) {
		t.Errorf("Document(nope) error %v, want ErrNotFound", err)
	}
}

func testNearCopies(t *testing.T, s faultline.Store) {
	defer s.Close()
	orig := Words(10, 200)
	ws := strings.Fields(orig)
	ws[50], ws[120] = "edited", "changed" // a light edit
	edited := strings.Join(ws, " ")
	res := mustAdd(t, s, NewDoc("orig", orig), NewDoc("other", Words(11, 200)))
	res = append(res, mustAdd(t, s, NewDoc("copy", edited), NewDoc("orig-again", orig))...)
	want := []faultline.AddResult{faultline.Added, faultline.Added, faultline.NearCopy, faultline.DupHash}
	if !slices.Equal(res, want) {
		t.Fatalf("got %v, want %v", res, want)
	}
	d, err := s.Document(context.Background(), "copy")
	if err != nil {
		t.Fatal(err)
	}
	if d.NearOf != "orig" || d.Similarity < faultline.NearCopySimilarity {
		t.Errorf("copy: near_of %q similarity %v, want orig", d.NearOf, d.Similarity)
	}
	if d, _ := s.Document(context.Background(), "other"); d.NearOf != "" {
		t.Errorf("other: near_of %q, want none", d.NearOf)
	}
	if c := counts(t, s); c.Documents != 3 || c.NearCopies != 1 {
		t.Errorf("counts %+v, want 3 documents, 1 near-copy", c)
	}
}

func testQueue(t *testing.T, s faultline.Store) {
	defer s.Close()
	var docs []faultline.NewDocument
	for i := range 20 {
		docs = append(docs, NewDoc(fmt.Sprintf("q%02d", i), Words(100+i, 30)))
	}
	mustAdd(t, s, docs...)
	code := func(d faultline.Document) []faultline.Event {
		return []faultline.Event{ev(d.ID, 0, "2023-05-29", "SRBCVL", "KSVCOP", "145", nil)}
	}
	st := codeAll(t, s, code)
	if st.Documents != 20 {
		t.Errorf("coded %d documents, want 20", st.Documents)
	}
	// Completing a document again (a worker that lost its claim) stores nothing.
	again, err := s.Complete(context.Background(), []faultline.CodedDocument{{DocID: "q00", Events: code(faultline.Document{ID: "q00"})}})
	if err != nil {
		t.Fatalf("Complete again: %v", err)
	}
	if again.Documents != 0 || again.Events != 0 || again.Mentions != 0 {
		t.Errorf("Complete of a coded document did %+v, want nothing", again)
	}
	if docs, err := s.Claim(context.Background(), 10); err != nil || len(docs) != 0 {
		t.Errorf("Claim after all coded: %d docs, %v", len(docs), err)
	}
	c := counts(t, s)
	if c.Queued != 0 || c.Mentions != 20 {
		t.Errorf("counts %+v, want 0 queued, 20 mentions", c)
	}
	if c.Events+st.Mentions != 20 || c.Events != st.Events {
		t.Errorf("counts %+v and stats %+v disagree", c, st)
	}
}

// ev makes a coded event.
func ev(doc string, n int, date, src, tgt, code string, loc *faultline.Location) faultline.Event {
	return faultline.Event{
		ID: fmt.Sprintf("%s:%d:%d", doc, n, 0), DocID: doc, Sentence: n, Date: date,
		Source: faultline.ActorRef{Code: src, Text: src, Start: 1, End: 5},
		Target: faultline.ActorRef{Code: tgt, Text: tgt, Start: 10, End: 15},
		CAMEO:  code, Root: code[:2], QuadClass: 4, Goldstein: -10, Modality: faultline.Asserted,
		Plover: faultline.Plover{Type: "ASSAULT"}, Quantities: map[string]int{"injured": 30},
		Location: loc, Evidence: faultline.Span{Start: 0, End: 40}, Verb: faultline.Span{Start: 6, End: 9},
	}
}

var (
	zvecan    = &faultline.Location{Name: "Zvecan", Country: "XKX", Lat: 42.9075, Lon: 20.8403, Precision: "city"}
	mitrovica = &faultline.Location{Name: "North Mitrovica", Country: "XKX", Lat: 42.8914, Lon: 20.8660, Precision: "city"}
	pristina  = &faultline.Location{Name: "Pristina", Country: "XKX", Lat: 42.6727, Lon: 21.1669, Precision: "city"}
	belgrade  = &faultline.Location{Name: "Belgrade", Country: "SRB", Lat: 44.8176, Lon: 20.4633, Precision: "city"}
)

// Countries are the location countries of GenerateEvents' events.
func Countries(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("C%02d", i)
	}
	return out
}

// QueryEventsByCountry runs queries, each for one country over a 30-day
// window of 2021-2023, and returns the latency of each and the number of
// events they returned in all. It is the "events by country and time" case
// of the store benchmarks.
func QueryEventsByCountry(b testing.TB, s faultline.Store, countries []string, queries int) ([]float64, int) {
	var lat []float64
	total := 0
	x := uint64(12345)
	for q := 0; q < queries; q++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		from := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(x%1060))
		f := faultline.EventFilter{Country: countries[x%uint64(len(countries))],
			From: from.Format(time.DateOnly), To: from.AddDate(0, 0, 29).Format(time.DateOnly)}
		start := time.Now()
		err := s.Events(context.Background(), f, func(faultline.StoredEvent) error { total++; return nil })
		lat = append(lat, float64(time.Since(start).Microseconds())/1000)
		if err != nil {
			b.Fatal(err)
		}
	}
	sort.Float64s(lat)
	return lat, total
}

// BenchEventsByCountry is the body of both stores' events-by-country
// benchmark: it warms the caches (as a serving store is), then runs batches
// of 200 queries (QueryEventsByCountry) and reports p95 and p50 latency in
// ms, events per query and events per second.
func BenchEventsByCountry(b *testing.B, s faultline.Store) {
	countries := Countries(200)
	QueryEventsByCountry(b, s, countries, 200)
	var lat []float64
	rows := 0
	for b.Loop() {
		l, n := QueryEventsByCountry(b, s, countries, 200)
		lat = append(lat, l...)
		rows += n
	}
	sort.Float64s(lat)
	b.ReportMetric(lat[len(lat)*95/100], "p95-ms")
	b.ReportMetric(lat[len(lat)/2], "p50-ms")
	b.ReportMetric(float64(rows)/float64(len(lat)), "events/query")
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
}

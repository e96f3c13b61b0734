package pipeline

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/geo"
)

// shared is /work/shared, beside the repository, read in place.
func shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found (the shared reference data lives beside the repository): %v", p, err)
	}
	return p
}

func newPipeline(t testing.TB, opts Options) *Pipeline {
	t.Helper()
	set, err := dict.Default()
	if err != nil {
		t.Fatalf("default dictionaries: %v", err)
	}
	p, err := New(set, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

func seedDoc(t testing.TB) faultline.Document {
	b, err := os.ReadFile(shared(t, "seed/kosovo-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return faultline.Document{ID: "kosovo-2023", Text: string(b), Date: "2023-05-30"}
}

// TestSeed codes the founding report and checks what the pipeline adds:
// every event is finished (id, CAMEO fields) and placed, and the events in
// the sentence that sends peacekeepers to Kosovo are placed in Kosovo.
func TestSeed(t *testing.T) {
	p := newPipeline(t, Options{})
	doc := seedDoc(t)
	res := p.Code(doc)
	if len(res.Events) == 0 {
		t.Fatal("no events from the seed report")
	}
	kosovo := false
	for _, e := range res.Events {
		if e.ID == "" || e.DocID != doc.ID || e.Root == "" || e.QuadClass == 0 && e.CAMEO != "" {
			t.Errorf("event not finished: %+v", e)
		}
		if e.Location == nil {
			t.Errorf("event %s (%s -> %s %s) has no location", e.ID, e.Source.Code, e.Target.Code, e.CAMEO)
			continue
		}
		if e.Target.Code == "KSV" && e.CAMEO[:2] == "07" {
			kosovo = true
			if l := e.Location; l.Country != "XKX" || km(l.Lat, l.Lon, 42.58, 20.89) > 60 {
				t.Errorf("deployment to Kosovo placed at %+v", *l)
			}
			// enrich ran: "will send 700 additional peacekeepers".
			if e.Quantities["troops"] != 700 {
				t.Errorf("deployment to Kosovo: quantities %v, want troops 700", e.Quantities)
			}
		}
	}
	if !kosovo {
		t.Log("the coder found no aid event towards Kosovo; placement of it not checked")
	}
	off := newPipeline(t, Options{NoPlaces: true}).Code(doc)
	for _, e := range off.Events {
		if e.Location != nil {
			t.Errorf("NoPlaces: event %s placed at %+v", e.ID, *e.Location)
		}
	}
	if len(off.Events) != len(res.Events) {
		t.Errorf("NoPlaces changed the events: %d, with places %d", len(off.Events), len(res.Events))
	}
}

// TestConcurrent codes the same documents from several goroutines and
// wants the same events as one goroutine (go test -race checks the rest).
func TestConcurrent(t *testing.T) {
	p := newPipeline(t, Options{})
	docs := []faultline.Document{
		seedDoc(t),
		{ID: "a", Text: "PRISTINA (Reuters) - Serb protesters clashed with Kosovo police in Zvecan on Monday."},
		{ID: "b", Text: "Lebanese troops clashed with gunmen in Tripoli on Sunday."},
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		b, _ := json.Marshal(p.Code(d).Events)
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				for i, d := range docs {
					b, _ := json.Marshal(p.Code(d).Events)
					if string(b) != want[i] {
						t.Errorf("document %s coded differently under concurrency", d.ID)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func agnews(b *testing.B) []faultline.Document {
	f, err := os.Open(shared(b, "bench/agnews-7600.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []faultline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var d faultline.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkPipeline codes AG News (7,600 short stories) with and without
// placement; one op is the whole set, on one goroutine.
func BenchmarkPipeline(b *testing.B) {
	docs := agnews(b)
	for _, c := range []struct {
		name string
		opts Options
	}{{"places", Options{}}, {"noplaces", Options{NoPlaces: true}}} {
		b.Run(c.name, func(b *testing.B) {
			p := newPipeline(b, c.opts)
			events, located := 0, 0
			for b.Loop() {
				events, located = 0, 0
				for _, d := range docs {
					for _, e := range p.Code(d).Events {
						events++
						if e.Location != nil {
							located++
						}
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(float64(located), "located")
		})
	}
}

// BenchmarkGazetteerLoad measures loading the embedded gazetteer, which
// New does once per process (geo.Default).
func BenchmarkGazetteerLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := geo.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLocate measures placement alone: the events of AG News are
// coded once, then placed again in each op (Find on the sentences that
// hold events, clauses, dateline, main place, Resolve).
func BenchmarkLocate(b *testing.B) {
	docs := agnews(b)
	p := newPipeline(b, Options{NoPlaces: true})
	g, err := geo.Default()
	if err != nil {
		b.Fatal(err)
	}
	coded := make([][]faultline.Event, len(docs))
	for i, d := range docs {
		coded[i] = p.Code(d).Events
	}
	for b.Loop() {
		for i := range docs {
			evs := coded[i]
			for j := range evs {
				evs[j].Location = nil
			}
			locateEvents(g, &docs[i], evs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
}

package httpapi_test

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/sqlite"
)

var overviewDB = flag.String("overviewdb", "", "BenchmarkFirstView1M reads the events of this SQLite `file` (e.g. the one `go test ./sqlite -bench EventsFullScan -eventsdb FILE` generates) instead of 1,000,000 generated in memory")

// memStore is a store of events held in memory, in (date, id) order: the
// first view reads the server's index, not the store, so the benchmark of
// its calls does not need a database (see -overviewdb for one).
type memStore struct {
	faultline.Store // only Events and Counts are called
	events          []faultline.StoredEvent
}

func (m *memStore) Events(ctx context.Context, f faultline.EventFilter, fn func(faultline.StoredEvent) error) error {
	for i := range m.events {
		if f.DocID != "" && m.events[i].DocID != f.DocID {
			continue
		}
		if err := fn(m.events[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Counts(ctx context.Context) (faultline.Counts, error) {
	return faultline.Counts{Events: len(m.events)}, nil
}

// genEvents makes n events over a year, 400 places in 40 countries,
// varied actors, codes and modalities, in (date, id) order.
func genEvents(n int) []faultline.StoredEvent {
	actors := []string{"SRBCVL", "KSVCOP", "IGOWSTNAT", "USAGOV", "IRQINS", "AFGGOV", "RUSMIL", "UKRMIL", "ISRMIL", "PSEREB", "SDNREB", "CHNGOV"}
	codes := []string{"010", "020", "036", "042", "051", "057", "070", "111", "120", "130", "141", "145", "173", "180", "190", "193", "200"}
	mods := []faultline.Modality{faultline.Asserted, faultline.Asserted, faultline.Asserted, faultline.Asserted, faultline.Future, faultline.Negated, faultline.Historical}
	day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]faultline.StoredEvent, n)
	for i := range out {
		d := day0.AddDate(0, 0, i*365/n).Format(time.DateOnly)
		p := i * 7919 % 400
		code := codes[i*31%len(codes)]
		e := faultline.Event{ID: fmt.Sprintf("d%07d:%d:0", i/3, i%3), DocID: fmt.Sprintf("d%07d", i/3), Date: d,
			Source: faultline.ActorRef{Code: actors[i%len(actors)], Text: "someone"}, Target: faultline.ActorRef{Code: actors[(i/7)%len(actors)], Text: "someone else"},
			CAMEO: code, Root: code[:2], QuadClass: 1 + i%4, Goldstein: float64(i%21 - 10), Modality: mods[i%len(mods)],
			Location: &faultline.Location{Name: fmt.Sprintf("Place %d", p), Country: fmt.Sprintf("C%02d", p%40),
				Lat: -50 + float64(p%100), Lon: -170 + float64(p)*0.85 + float64(i%10)*0.01, Precision: "city"}}
		if i%5 == 0 {
			e.Quantities = map[string]int{"killed": i % 7}
		}
		out[i] = faultline.StoredEvent{Event: e, Mentions: 1 + i%3, Documents: []string{e.DocID}}
	}
	sort.Slice(out, func(a, b int) bool {
		return out[a].Date < out[b].Date || out[a].Date == out[b].Date && out[a].ID < out[b].ID
	})
	return out
}

// BenchmarkFirstView1M is the page's first view over 1,000,000 stored
// events: the calls the page makes when opened (codes, health, board,
// the overview on the world grid, then again on the grid of the fitted
// view), one after another, as one operation, with the reply cache off.
// It reports p95-ms and p50-ms of that sequence and index-ms, the time to
// build the server's in-memory index from the store (once, at start).
//
//	go test ./httpapi -run XXX -bench FirstView1M -benchtime 50x
func BenchmarkFirstView1M(b *testing.B) {
	ctx := context.Background()
	var st faultline.Store
	if *overviewDB != "" {
		s, err := sqlite.Open(ctx, *overviewDB)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		st = s
	} else {
		st = &memStore{events: genEvents(1_000_000)}
	}
	set, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	gaz, err := geo.Default()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := httpapi.New(httpapi.Config{Store: st, Names: httpapi.NewNames(set, gaz), CacheTTL: -1, ReadRate: 1e6, ReadBurst: 1e6})
	if err != nil {
		b.Fatal(err)
	}
	took, err := srv.WarmIndex(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	calls := []string{"/api/v1/codes", "/healthz", "/api/v1/board", "/api/v1/overview?cell=10&rows=200", "/api/v1/overview?cell=2&rows=200"}
	get := func(p string) {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("%s: %s", p, res.Status)
		}
	}
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		for _, c := range calls {
			get(c)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(float64(took.Milliseconds()), "index-ms")
}

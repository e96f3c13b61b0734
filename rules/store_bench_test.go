package rules_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
	"github.com/faultline/faultline/sqlite"
)

var storeDB = flag.String("storedb", "", "keep the SQLite store of 1,000,000 events for the store benchmarks in this `PATH` and reuse it")

// benchStore opens a SQLite store holding benchEvents(1,000,000), stored
// through the store's own Complete (merging off, so that every event is
// kept), in documents of 100 events.
func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	path := *storeDB
	if path == "" {
		path = filepath.Join(b.TempDir(), "events.db")
	}
	_, statErr := os.Stat(path)
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	s.Rule = faultline.IncidentRule{Disabled: true}
	if statErr == nil {
		return s
	}
	start := time.Now()
	evs := benchEvents(1_000_000)
	const perDoc, docsPerBatch = 100, 100
	for i := 0; i < len(evs); i += perDoc * docsPerBatch {
		var nd []faultline.NewDocument
		var coded []faultline.CodedDocument
		for j := i; j < i+perDoc*docsPerBatch && j < len(evs); j += perDoc {
			id := fmt.Sprintf("doc%07d", j/perDoc)
			nd = append(nd, faultline.NewDocument{Document: faultline.Document{ID: id, Text: id}, Hash: id})
			batch := evs[j:min(j+perDoc, len(evs))]
			for k := range batch {
				batch[k].DocID = id
			}
			coded = append(coded, faultline.CodedDocument{DocID: id, Events: batch})
		}
		if _, err := s.AddDocuments(ctx, nd); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Complete(ctx, coded); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d events in %s", len(evs), time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkWatchStep500RulesSQLite1M is what `faultline watch` does over a
// SQLite store of 1,000,000 events, as two figures:
//   - first-ms: a new watcher's first step: it reads from the store every
//     day some rule can look at (35 days here: 7-day windows against 4
//     earlier windows, about 96,000 events), builds the series and
//     evaluates the 500 rules;
//   - ns/op: each following step, one day later: the watcher reads only
//     the new day and the Late days before it again, then evaluates.
func BenchmarkWatchStep500RulesSQLite1M(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	f, err := rules.Parse("bench.yml", []byte(benchRules(500)))
	if err != nil {
		b.Fatal(err)
	}
	day, _ := series.ParseDay("2023-09-30")
	t0 := time.Now()
	w, err := rules.NewWatcher(ctx, f, series.FromStore(s), &rules.MemoryState{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.Step(ctx, day.Time()); err != nil {
		b.Fatal(err)
	}
	first := time.Since(t0)
	b.ResetTimer()
	for b.Loop() {
		day++
		if _, err := w.Step(ctx, day.Time()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
	b.ReportMetric(float64(w.Series().Len()), "refs")
}

// BenchmarkSeriesFromSQLite1M builds the daily series of the whole year,
// all 1,000,000 events, from the SQLite store: the cost of a watcher that
// would re-read everything at each evaluation (it does not).
func BenchmarkSeriesFromSQLite1M(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	from, _ := series.ParseDay("2023-01-01")
	to, _ := series.ParseDay("2023-12-31")
	b.ResetTimer()
	for b.Loop() {
		sr := series.New()
		if err := sr.Load(ctx, series.FromStore(s), from, to); err != nil {
			b.Fatal(err)
		}
		if sr.Len() == 0 {
			b.Fatal("no events read")
		}
	}
}

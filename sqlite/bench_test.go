package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

// agnews reads the AG News benchmark set from ../shared, beside the repo.
func agnews(b *testing.B) []faultline.Document {
	path := filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("AG News set not found (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	var docs []faultline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d faultline.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkIngestAGNewsTenTimes stores AG News ten times over (7,600 new
// documents, 68,400 duplicates) with a coder that finds nothing, so that it
// measures the store and the deduplication; docs/s counts new documents.
func BenchmarkIngestAGNewsTenTimes(b *testing.B) {
	docs := agnews(b)
	dir := b.TempDir()
	var paths []string
	for i := 0; i < 10; i++ {
		paths = append(paths, filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl"))
	}
	none := ingest.CoderFunc(func(faultline.Document) []faultline.Event { return nil })
	for i := 0; b.Loop(); i++ {
		s := MustOpenPath(b, filepath.Join(dir, "ag"+itoa(i)+".db"))
		st, err := ingest.Run(context.Background(), s, none, paths, ingest.Options{Workers: runtime.GOMAXPROCS(0)})
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		if st.New != len(docs) {
			b.Fatalf("%d new documents, want %d", st.New, len(docs))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "newdocs/s")
}

func itoa(i int) string { return string(rune('a'+i%26)) + string(rune('a'+i/26%26)) }

var (
	benchEvents = flag.Int("events", 1000000, "events generated for BenchmarkEventsByCountryTime")
	benchDB     = flag.String("eventsdb", "", "keep the generated events in this file and reuse it")
)

// BenchmarkEventsByCountryTime generates events (-events, default
// 1,000,000) over 200 countries and three years straight into the tables,
// then times queries by country and a 30-day window; it reports the 95th
// percentile latency in milliseconds and the events read a second.
func BenchmarkEventsByCountryTime(b *testing.B) {
	s := benchStore(b)
	storetest.BenchEventsByCountry(b, s)
}

// BenchmarkEventsFullScan reads every generated event in (date, id) order,
// as a rebuild of the watch series does.
func BenchmarkEventsFullScan(b *testing.B) {
	s := benchStore(b)
	rows := 0
	for b.Loop() {
		if err := s.Events(context.Background(), faultline.EventFilter{}, func(faultline.StoredEvent) error { rows++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
}

// benchStore opens the generated store of -eventsdb, generating it first
// when the file does not exist (or always, in a temporary file, without
// -eventsdb).
func benchStore(b *testing.B) *sqlite.Store {
	path := *benchDB
	if path == "" {
		path = filepath.Join(b.TempDir(), "events.db")
	}
	_, statErr := os.Stat(path)
	s := MustOpenPath(b, path)
	b.Cleanup(func() { s.Close() })
	if statErr != nil {
		generateEvents(b, path)
	}
	return s
}

func generateEvents(b *testing.B, path string) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	// Each event is one row, its body built by json_object with every field
	// a coded event has (actor texts, offsets, PLOVER, a quantity for one
	// in four), so that the store decodes it like any other; one mention
	// row each, its document in docs as the store writes it. Files made
	// before docs existed (-eventsdb) are read through mentions instead.
	_, err = db.Exec(`WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?)
		INSERT INTO events (seq, id, doc_id, date, source, target, source_country, target_country, cameo, root, quad_class, modality, country, docs, body)
		SELECT i + 1, 'g' || i, 'doc' || (i / 3), date('2021-01-01', '+' || (i * 7919 % 1095) || ' days'),
			'SRBCVL', 'KSVCOP', 'SRB', 'KSV', '145', '14', 3, 'asserted', printf('C%02d', i * 31 % 200), 'doc' || (i / 3),
			json_object('id', 'g' || i || ':' || (i % 3) || ':0', 'doc_id', 'doc' || (i / 3), 'sentence', i % 3,
				'date', date('2021-01-01', '+' || (i * 7919 % 1095) || ' days'),
				'source', json_object('code', 'SRBCVL', 'text', 'Serb protesters', 'start', 120 + i % 50, 'end', 135 + i % 50),
				'target', json_object('code', 'KSVCOP', 'text', 'the Kosovo police', 'start', 150 + i % 50, 'end', 167 + i % 50),
				'cameo', '145', 'root', '14', 'quad_class', 3, 'goldstein', -7.5,
				'plover', json_object('type', 'PROTEST', 'mode', 'riot'), 'modality', 'asserted',
				'quantities', CASE WHEN i % 4 = 0 THEN json_object('injured', i % 30) ELSE NULL END,
				'location', json_object('name', 'Zvečan', 'country', printf('C%02d', i * 31 % 200), 'admin1', 'Mitrovica',
					'lat', 42.9 + (i % 100) / 1000.0, 'lon', 20.84 - (i % 50) / 1000.0, 'precision', 'city'),
				'attribution', json_object('code', '', 'text', ''),
				'evidence', json_object('start', 100 + i % 50, 'end', 260 + i % 50),
				'verb', json_object('start', 136 + i % 50, 'end', 145 + i % 50))
		FROM g`, *benchEvents)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO mentions (id, event, doc_id, sentence, start, stop) SELECT id, seq, doc_id, 0, 0, 10 FROM events`); err != nil {
		b.Fatal(err)
	}
	db.Exec(`ANALYZE`)
	b.Logf("generated %d events in %s", *benchEvents, time.Since(start).Round(time.Millisecond))
}

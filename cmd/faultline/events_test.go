package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// seedStore ingests a small corpus and returns the database path.
func seedStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	writeCorpus(t, corpus, 200)
	db := filepath.Join(dir, "e.db")
	var stderr bytes.Buffer
	if st := run(context.Background(), []string{"ingest", "--db", db, corpus}, nil, &bytes.Buffer{}, &stderr); st != 0 {
		t.Fatalf("ingest: %d\n%s", st, stderr.String())
	}
	if !strings.Contains(stderr.String(), "200 read, 200 new") {
		t.Errorf("summary line: %q", stderr.String())
	}
	return db
}

func TestEventsFormats(t *testing.T) {
	db := seedStore(t)
	events := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		st := run(context.Background(), append([]string{"events", "--db", db}, args...), nil, &out, &errb)
		if st != 0 {
			t.Logf("events %v: %s", args, errb.String())
		}
		return out.String(), st
	}
	all, st := events()
	lines := strings.Split(strings.TrimSpace(all), "\n")
	if st != 0 || len(lines) < 10 {
		t.Fatalf("jsonl: status %d, %d lines", st, len(lines))
	}
	var first faultline.StoredEvent
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID == "" || first.Mentions < 1 || len(first.Documents) == 0 {
		t.Errorf("first event %q: %v", lines[0], err)
	}
	c, _ := events("--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(c)).ReadAll()
	if err != nil || len(recs) != len(lines)+1 || recs[0][0] != "id" {
		t.Errorf("csv: %d records (want %d), %v", len(recs), len(lines)+1, err)
	}
	g, _ := events("--format", "geojson")
	var fc struct {
		Type     string
		Features []json.RawMessage
	}
	if err := json.Unmarshal([]byte(g), &fc); err != nil || fc.Type != "FeatureCollection" {
		t.Errorf("geojson: %v %q", err, g[:min(len(g), 80)])
	}
	gd, _ := events("--format", "gdelt")
	if n := strings.Count(gd, "\n"); n != len(lines) {
		t.Errorf("gdelt: %d lines, want %d", n, len(lines))
	}
	lim, _ := events("--limit", "3", "--from", first.Date, "--actor", first.Source.Code[:3])
	if n := strings.Count(lim, "\n"); n == 0 || n > 3 {
		t.Errorf("--limit 3 with filters gave %d events", n)
	}
	for _, bad := range [][]string{{"--from", "May"}, {"--bbox", "1,2,3"}, {"--modality", "maybe"}, {"--dyad", "SRB"}, {"--format", "xml"}} {
		if _, st := events(bad...); st != 2 {
			t.Errorf("events %v: status %d, want 2", bad, st)
		}
	}
}

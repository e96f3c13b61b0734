package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
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

package coder

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
)

// shared is the folder of the peers' data, beside the repository.
func shared(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{"..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s not found (../shared is absent): %v", p, err)
	}
	return p
}

func loadSet(tb testing.TB, files ...string) *dict.Set {
	tb.Helper()
	set := &dict.Set{}
	for _, f := range files {
		if err := set.LoadFile(f); err != nil {
			tb.Fatal(err)
		}
	}
	return set
}

func readJSONL(tb testing.TB, path string) []faultline.Document {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var docs []faultline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d faultline.Document
		if json.Unmarshal(sc.Bytes(), &d) == nil && d.Text != "" {
			docs = append(docs, d)
		}
	}
	return docs
}

// BenchmarkCode codes the AG News benchmark documents with TABARI's CAMEO
// dictionaries, one document per iteration.
func BenchmarkCode(b *testing.B) {
	set := loadSet(b, shared(b, "peers", "tabari", "CountryInfo.120116.actors"), shared(b, "peers", "tabari", "CAMEO.080612.verbs"))
	benchCode(b, set)
}

// BenchmarkCodeDefault codes the AG News benchmark documents with the
// project's own dictionaries.
func BenchmarkCodeDefault(b *testing.B) {
	set, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchCode(b, set)
}

func benchCode(b *testing.B, set *dict.Set) {
	docsPath := shared(b, "bench", "agnews-7600.jsonl")
	c, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	docs := readJSONL(b, docsPath)
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for i := 0; i < b.N; i++ {
		events += len(c.Code(docs[i%len(docs)]).Events)
	}
	b.ReportMetric(float64(events)/float64(b.N), "events/doc")
}

// BenchmarkCompile compiles TABARI's CAMEO dictionaries.
func BenchmarkCompile(b *testing.B) {
	set := loadSet(b, shared(b, "peers", "tabari", "CountryInfo.120116.actors"), shared(b, "peers", "tabari", "CAMEO.080612.verbs"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := New(set); err != nil {
			b.Fatal(err)
		}
	}
}

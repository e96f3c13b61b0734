package geo_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/text"
)

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := geo.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindResolve measures one news sentence: Find, then Resolve of
// every mention.
func BenchmarkFindResolve(b *testing.B) {
	g := gaz(b)
	s := "The envoy pressed leaders in Pristina and Belgrade to agree on practical measures after 12 soldiers were hurt in clashes in Zvecan, northern Kosovo, on Friday."
	toks := tokens(s)
	ctx := geo.Context{Actors: []string{"IGOWSTNAT", "SRBGOV"}}
	b.ReportAllocs()
	for b.Loop() {
		ms := g.Find(toks)
		ctx.Document = ms
		for _, m := range ms {
			g.Resolve(m, ctx)
		}
	}
}

// BenchmarkFindPlain measures Find on a sentence with no place.
func BenchmarkFindPlain(b *testing.B) {
	g := gaz(b)
	toks := tokens("The President said on Tuesday that he would not attend the meeting of the Security Council next week.")
	b.ReportAllocs()
	for b.Loop() {
		g.Find(toks)
	}
}

// BenchmarkFindAGNews runs Find over every sentence of AG News (7,600
// short stories, tokenised beforehand); one op is the whole set. It skips
// when ../shared, beside the repository, is absent.
func BenchmarkFindAGNews(b *testing.B) {
	g := gaz(b)
	path := filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("%s not found (the shared benchmark data lives beside the repository): %v", path, err)
	}
	var sents [][]text.Token
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var d faultline.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			b.Fatal(err)
		}
		for _, s := range text.Sentences(d.Text) {
			sents = append(sents, text.Tokens(d.Text, s))
		}
	}
	found := 0
	b.ReportAllocs()
	for b.Loop() {
		found = 0
		for _, toks := range sents {
			found += len(g.Find(toks))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(sents)), "ns/sentence")
	b.ReportMetric(float64(found), "mentions")
}

package geo_test

import (
	"testing"

	"github.com/faultline/faultline/geo"
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
	s := "Stoltenberg urged officials in Pristina and Belgrade to take concrete steps after 30 soldiers were injured in clashes in Zvecan, northern Kosovo, on Monday."
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

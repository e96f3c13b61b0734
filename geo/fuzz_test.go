package geo_test

import (
	"testing"
	"unicode/utf8"

	"github.com/faultline/faultline/geo"
)

// FuzzParse feeds the data parser arbitrary places and names files: it
// must return an error or a gazetteer that answers without panicking.
func FuzzParse(f *testing.F) {
	f.Add("C\tXK\tXKX\tKSV\t42.58\t20.89\tKosovo\nP\tXK\t1\t42.9\t20.8\t100\tA\tZvečan\n", "kosovo\tc0\nzvecan\tp0\n")
	f.Add("C\tXK\tXKX\tKSV\t42.58\t20.89\tKosovo\nR\tXK\t1\t1\t2\tMitrovica District\n", "a\tr0^~ p9 cz x\nb\t\n")
	f.Add("# comment\nC\tXK\tXKX\n", "b\tc0\na\tc0\n")
	f.Add("P\t\t\t\t\t\t\t\n", "\n\n")
	f.Fuzz(func(t *testing.T, places, names string) {
		g, err := geo.Parse(places, names)
		if err != nil {
			return
		}
		for _, s := range []string{"Troops clashed in Zvečan and Kosovo.", "a b", places} {
			for _, m := range g.Find(tokens(s)) {
				g.Resolve(m, geo.Context{Actors: []string{"KSV"}, Dateline: "Zvecan"})
			}
		}
		g.Country("KSV")
	})
}

// FuzzFind runs Find and Resolve over arbitrary sentences: spans must lie
// inside the sentence and in order, and resolved places must be on Earth.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Serb protesters clashed with KFOR in Zvečan, northern Kosovo.",
		"Fighting broke out in Tripoli, Lebanon's second city, near the outskirts of Helmand province.",
		"in zvecan and leposavic",
		"USATODAY.com Zijlaard-van, Guinea - Bissau's",
		"\xff\xfeZ",
	} {
		f.Add(s)
	}
	g, err := geo.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		ms := g.Find(tokens(s))
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("%q: bad span %d-%d after %d", s, m.Start, m.End, prevEnd)
			}
			prevEnd = m.End
			loc, ok := g.Resolve(m, geo.Context{Document: ms, Dateline: s})
			if ok && (loc.Lat < -90 || loc.Lat > 90 || loc.Lon < -180 || loc.Lon > 180 || loc.Country == "") {
				t.Fatalf("%q: %q resolved to %+v", s, m.Name, loc)
			}
		}
	})
}

package geo

import (
	"math"
	"sort"
	"strconv"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// TestSearchBuckets checks the bucketed search against a plain binary
// search of every name, for names, their prefixes, words in between and
// keys no bucket holds.
func TestSearchBuckets(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if g.bucket == nil {
		t.Fatal("the embedded names hold a key outside [a-z0-9 ]: no buckets")
	}
	n := g.numNames()
	plain := func(key string) int {
		return sort.Search(n, func(i int) bool { return g.nameKey(i) >= key })
	}
	keys := []string{"", "a", "zz", "zzzzzz", "0", " ", "pristina", "zvecan", "new york", "kosovo", "київ", "a-b", "paris~"}
	for i := 0; i < n; i += 997 {
		k := g.nameKey(i)
		keys = append(keys, k, k+" ", k+"a", k[:len(k)/2], k[:len(k)-1]+"~")
	}
	mm := &memo{m: map[string]int32{}}
	for _, k := range keys {
		want := plain(k)
		if got := g.search(k); got != want {
			t.Errorf("search(%q) = %d, want %d", k, got, want)
		}
		// The memo answers as a search does, the first time and the next.
		for range 2 {
			h := g.find(mm, k)
			exact := want < n && g.nameKey(want) == k
			if int(h.at) != want || h.exact != exact || exact != (h.refs != nil) {
				t.Errorf("find(%q) = %+v, want at %d exact %v", k, h, want, exact)
			}
		}
	}
}

func TestBucketOrder(t *testing.T) {
	// Bucket numbers follow the byte order of keys.
	keys := []string{"", "a", "a ", "a 1", "a0", "aa", "ab", "b", "zzz", "zzzz"}
	for i := 1; i < len(keys); i++ {
		if a, b := bucketOf(keys[i-1]), bucketOf(keys[i]); a > b {
			t.Errorf("bucketOf(%q) = %d > bucketOf(%q) = %d", keys[i-1], a, keys[i], b)
		}
	}
	for _, k := range []string{"A", "é", "-x", "ab!"} {
		if b := bucketOf(k); b != -1 {
			t.Errorf("bucketOf(%q) = %d, want -1", k, b)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, s := range []string{"0", "42.9", "-42.9", "20.8872", "-179.9999", "180", "1e3", "0.12345", "007.5", "-0", ".5", "5.", "", "-", "x", "1.2.3", "12345678901234567"} {
		got, err := parseDecimal(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (err != nil) != (werr != nil) || err == nil && math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseDecimal(%q) = %v, %v; ParseFloat gives %v, %v", s, got, err, want, werr)
		}
	}
}

// FuzzParseDecimal: the fast path must read every number as ParseFloat does.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"42.5821", "-0.0001", "180", "1.23456", "9999999999.9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDecimal(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (err != nil) != (werr != nil) || err == nil && math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseDecimal(%q) = %v, %v; ParseFloat gives %v, %v", s, got, err, want, werr)
		}
	})
}

// TestPrepareSameAnswers: Resolve answers the same with a prepared
// context as without, for every mention of a document, with and without
// actors, and a stale preparation is not used.
func TestPrepareSameAnswers(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := []string{
		"TRIPOLI, Lebanon (Reuters) - Clashes broke out in Tripoli and Beirut on Monday.",
		"Serb protesters clashed with NATO troops in Zvecan, Zubin Potok and Leposavic in northern Kosovo.",
		"Officials in Pristina and Belgrade traded blame; Paris and Washington urged calm.",
		"Fighting was also reported near Sirte and in Helmand province.",
	}
	var all []Mention
	for _, s := range doc {
		all = append(all, g.Find(textTokens(s))...)
	}
	if len(all) < 8 {
		t.Fatalf("only %d mentions found: %+v", len(all), all)
	}
	for _, dateline := range []string{"", "TRIPOLI, Lebanon", "Pristina"} {
		plain := Context{Document: all, Dateline: dateline}
		prep := g.Prepare(plain)
		for _, actors := range [][]string{nil, {"LBN"}, {"SRBGOV", "IGOWSTNAT"}, {"USA", "LBY"}} {
			plain.Actors, prep.Actors = actors, actors
			for _, m := range all {
				want, wok := g.Resolve(m, plain)
				got, gok := g.Resolve(m, prep)
				if got != want || gok != wok {
					t.Errorf("%q dateline %q actors %v: prepared %+v %v, plain %+v %v", m.Name, dateline, actors, got, gok, want, wok)
				}
			}
		}
		// Prepared for another document: not used.
		stale := prep
		stale.Document = all[:len(all)-1]
		if stale.prepared() != nil {
			t.Errorf("a context prepared for %d mentions is used for %d", len(all), len(stale.Document))
		}
	}
}

func textTokens(s string) []text.Token {
	return text.Tokens(s, faultline.Span{Start: 0, End: len(s)})
}

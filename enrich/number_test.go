package enrich

import (
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

func toks(s string) []text.Token { return text.Tokens(s, faultline.Span{End: len(s)}) }

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		s      string
		ok     bool
		lo, hi int
		kind   numKind
		approx bool
		year   bool
		used   int // tokens read
	}{
		{"30 soldiers", true, 30, 30, numCount, false, false, 1},
		{"thirty soldiers", true, 30, 30, numCount, false, false, 1},
		{"twenty-five people", true, 25, 25, numCount, false, false, 1},
		{"two dozen people", true, 24, 24, numCount, false, false, 2},
		{"a dozen people", true, 12, 12, numCount, false, false, 2},
		{"a hundred people", true, 100, 100, numCount, false, false, 2},
		{"two hundred and fifty people", true, 250, 250, numCount, false, false, 4},
		{"ten thousand people", true, 10000, 10000, numCount, false, false, 2},
		{"700 additional", true, 700, 700, numCount, false, false, 1},
		{"3,700 soldiers", true, 3700, 3700, numCount, false, false, 1},
		{"50,000 soldiers", true, 50000, 50000, numCount, false, false, 1},
		{"1,500,000 people", true, 1500000, 1500000, numCount, false, false, 1},
		{"1.5 million people", true, 1500000, 1500000, numCount, false, false, 2},
		{"3 thousand", true, 3000, 3000, numCount, false, false, 2},
		{"3.5 km", true, 3, 3, numDecimal, false, false, 1},
		{"dozens of people", true, 24, 24, numCount, true, false, 1},
		{"hundreds of protesters", true, 200, 200, numCount, true, false, 1},
		{"thousands of protesters", true, 2000, 2000, numCount, true, false, 1},
		{"tens of thousands of people", true, 20000, 20000, numCount, true, false, 3},
		{"hundreds of thousands of people", true, 200000, 200000, numCount, true, false, 3},
		{"10 to 15 people", true, 10, 15, numCount, false, false, 3},
		{"10-15 people", true, 10, 15, numCount, false, false, 1},
		{"10 or 12 people", true, 10, 12, numCount, false, false, 3},
		{"4% turnout", true, 4, 4, numPercent, false, false, 1},
		{"4 percent", true, 4, 4, numPercent, false, false, 1},
		{"12 per cent", true, 12, 12, numPercent, false, false, 1},
		{"5 million dollars", true, 5000000, 5000000, numMoney, false, false, 2},
		{"30-year-old man", true, 30, 30, numAge, false, false, 1},
		{"30 years old", true, 30, 30, numAge, false, false, 1},
		{"the 1990s", false, 0, 0, 0, false, false, 0},
		{"1990s", true, 1990, 1990, numDecade, false, false, 1},
		{"1999 as", true, 1999, 1999, numCount, false, true, 1},
		{"26th", true, 26, 26, numOrdinal, false, false, 1},
		{"12:30", false, 0, 0, 0, false, false, 0},
		{"five-year plan", false, 0, 0, 0, false, false, 0},
		{"second battalion", false, 0, 0, 0, false, false, 0},
		{"a lot", false, 0, 0, 0, false, false, 0},
		{"tens", false, 0, 0, 0, false, false, 0},
	} {
		tk := toks(c.s)
		n, ok := parseNumber(tk, 0)
		if ok != c.ok {
			t.Errorf("%q: ok %v, want %v", c.s, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if n.lo != c.lo || n.hi != c.hi || n.kind != c.kind || n.approx != c.approx || n.yearLike != c.year || n.end != c.used {
			t.Errorf("%q: got lo=%d hi=%d kind=%d approx=%v year=%v end=%d, want %d %d %d %v %v %d",
				c.s, n.lo, n.hi, n.kind, n.approx, n.yearLike, n.end, c.lo, c.hi, c.kind, c.approx, c.year, c.used)
		}
	}
}

func TestParseNumberMoneyBefore(t *testing.T) {
	tk := toks("paid $5 million")
	n, ok := parseNumber(tk, 2)
	if !ok || n.kind != numMoney || n.lo != 5000000 {
		t.Errorf("$5 million: %+v %v", n, ok)
	}
	tk = toks("between 10 and 15 people")
	n, ok = parseNumber(tk, 1)
	if !ok || n.lo != 10 || n.hi != 15 {
		t.Errorf("between 10 and 15: %+v %v", n, ok)
	}
}

func TestDigitsRejects(t *testing.T) {
	for _, w := range []string{"1,2", "1,2345", "12,34,567", "1.2.3x", "9/11", "2023-05-26", "1e5"} {
		if _, _, _, _, _, ok := digits(w); ok {
			t.Errorf("digits(%q) accepted", w)
		}
	}
}

func TestQualifier(t *testing.T) {
	for _, c := range []struct{ s, note string }{
		{"at least 12", NoteAtLeast},
		{"more than 100", NoteAtLeast},
		{"over 100", NoteAtLeast},
		{"no fewer than 100", NoteAtLeast},
		{"in excess of 100", NoteAtLeast},
		{"less than 40", NoteAtMost},
		{"up to 40", NoteAtMost},
		{"as many as 40", NoteAtMost},
		{"about 50", NoteApprox},
		{"nearly 40", NoteApprox},
		{"some 700", NoteApprox},
		{"an estimated 700", NoteApprox},
		{"close to 700", NoteApprox},
		{"killed 12", ""},
	} {
		tk := toks(c.s)
		note, from := qualifier(tk, len(tk)-1)
		if note != c.note {
			t.Errorf("%q: note %q, want %q", c.s, note, c.note)
		}
		if c.note != "" && c.s != "killed 12" && from != 0 {
			t.Errorf("%q: qualifier starts at %d, want 0", c.s, from)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"30 soldiers", "3,700", "1.5 million", "two hundred and fifty", "10-15",
		"between 10 and 15", "tens of thousands", "hundreds of thousands of", "4%", "1990s", "a dozen",
		"99999999999999999999999 million billion", "twenty-five-thousand", "1,000,000,000,000,000 thousand"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tk := toks(s)
		for i := range tk {
			n, ok := parseNumber(tk, i)
			if !ok {
				continue
			}
			if n.start != i || n.end <= n.start || n.end > len(tk) {
				t.Fatalf("%q at %d: bad token range %d..%d", s, i, n.start, n.end)
			}
			if n.lo < 0 || n.hi < n.lo || n.hi > maxCount {
				t.Fatalf("%q at %d: bad value %d..%d", s, i, n.lo, n.hi)
			}
			classifyCount(tk, n)
		}
		flags := lexFlags(nil, tk)
		findMentions(nil, tk, flags)
		isDate := make([]bool, len(tk))
		findDates(nil, isDate, tk, flags)
		findModals(nil, tk, isDate, flags)
	})
}

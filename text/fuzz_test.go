package text

import (
	"testing"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// checkSpans asserts the invariants of a sentence split: spans in order,
// not overlapping, inside doc, on rune boundaries, trimmed, and only white
// space left between them.
func checkSpans(t testing.TB, doc string, spans []faultline.Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(doc) {
			t.Fatalf("span %d %v out of order, empty or outside doc (len %d, prev end %d)", i, s, len(doc), prev)
		}
		if !utf8.RuneStart(doc[s.Start]) || s.End < len(doc) && !utf8.RuneStart(doc[s.End]) {
			t.Fatalf("span %d %v does not fall on rune boundaries in %q", i, s, doc)
		}
		if spaceLen(doc, s.Start) > 0 {
			t.Fatalf("span %d %q starts with space", i, doc[s.Start:s.End])
		}
		if _, n := utf8.DecodeLastRuneInString(doc[s.Start:s.End]); spaceLen(doc, s.End-n) > 0 {
			t.Fatalf("span %d %q ends with space", i, doc[s.Start:s.End])
		}
		for p := prev; p < s.Start; {
			n := spaceLen(doc, p)
			if n == 0 {
				t.Fatalf("non-space %q between sentences %d and %d", doc[p:s.Start], i-1, i)
			}
			p += n
		}
		prev = s.End
	}
	for p := prev; p < len(doc); {
		n := spaceLen(doc, p)
		if n == 0 {
			t.Fatalf("non-space %q after the last sentence", doc[p:])
		}
		p += n
	}
}

var fuzzSeeds = []string{
	"",
	"BAGHDAD, April 9 (Xinhua) -- U.S. forces entered. Crowds cheered!",
	"He deemed it “unacceptable.” Stoltenberg urged calm…\n\nNext",
	"NATO's 50,000 stone-throwing protesters' 4% of 3.5 didn't can't won’t it's O'Brien's",
	"the u.s. envoy left. gen. singh spoke. no. 1",
	"Headline\nBody starts here.\r\nwrapped line\u2028sep\u00a0nbsp",
	"\xff\xfe. \xe2\x80. \xe2\x80\x9d. '.' \"",
	"a'", "n't", "'s", "...", ". . .", "U.", "-- - —", "Zvec\u030Can’",
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		spans := Sentences(doc)
		if utf8.ValidString(doc) {
			checkSpans(t, doc, spans)
		} else {
			// Invalid bytes are not white space, so only order and bounds hold.
			prev := 0
			for _, s := range spans {
				if s.Start < prev || s.End <= s.Start || s.End > len(doc) {
					t.Fatalf("span %v out of order or bounds", s)
				}
				prev = s.End
			}
		}
		_, span, ok := Dateline(doc)
		if ok && (span.Start < 0 || span.End > len(doc) || span.End <= span.Start) {
			t.Fatalf("dateline span %v outside doc", span)
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0, len(s))
	}
	f.Add("Troops came.", 3, 100)
	f.Add("Troops came.", -5, 4)
	f.Fuzz(func(t *testing.T, doc string, start, end int) {
		s := faultline.Span{Start: start, End: end}
		toks := Tokens(doc, s)
		checkTokens(t, doc, s, toks)
		for _, sp := range Sentences(doc) {
			toks = AppendTokens(toks[:0], doc, sp)
			if utf8.ValidString(doc) {
				checkTokens(t, doc, sp, toks)
			}
		}
	})
}

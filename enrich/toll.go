package enrich

import (
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// Toll is a count a sentence states as fact: what befell how many people.
type Toll struct {
	Key   string // Killed, Injured, Arrested or Displaced
	Value int
	Note  string // as in faultline.Event.QuantityNotes
	Tok   int    // the index of the count's first token
	// Span is where the count stands in the document (byte offsets).
	Span faultline.Span
}

// Tolls appends the counts of harm, arrest and flight that a sentence
// (its tokens, from text.AppendTokens) states as having happened, the
// first of each key: a field report's toll line ("3 fatalities.",
// "Fatalities: 4"), a later sentence ("Four soldiers died in the
// attack."), or a clause no event was coded from. A count that is
// conditional, still to come, denied or of an earlier year than the
// document's date is left out; "No casualties were reported" and
// "Fatalities unknown" state none. The pipeline gives these counts to the
// incident they describe.
func Tolls(dst []Toll, doc faultline.Document, toks []text.Token) []Toll {
	if len(toks) == 0 {
		return dst
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	day, dayOK := parseDay(doc.Date)
	sc.toks = toks
	sc.scan()
	dst = sc.tolls(dst, day, dayOK)
	sc.toks = nil
	return dst
}

// SentenceTolls is Sentence, then Tolls of the same sentence from the same
// analysis, appended to dst: the pipeline needs both for each sentence
// with events.
func SentenceTolls(doc faultline.Document, toks []text.Token, events []faultline.Event, dst []Toll) []Toll {
	if len(toks) == 0 {
		return dst
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	day, dayOK := parseDay(doc.Date)
	sc.toks = toks
	sc.scan()
	sc.sentence(events, day, dayOK)
	dst = sc.tolls(dst, day, dayOK)
	sc.toks = nil
	return dst
}

// tolls appends the factual counts of the analysed sentence (see Tolls).
func (sc *scratch) tolls(dst []Toll, day time.Time, dayOK bool) []Toll {
	first := len(dst)
	for k := range sc.counts {
		m := &sc.counts[k]
		switch m.key {
		case Killed, Injured, Arrested, Displaced:
		default:
			continue
		}
		if m.modal || !sc.factual(m.tok, day, dayOK) {
			continue
		}
		dup := false
		for j := range dst[first:] {
			t := &dst[first+j]
			if t.Key != m.key {
				continue
			}
			dup = true
			if k > 0 && sc.counts[k-1].and && sc.counts[k-1].tok == t.Tok && t.Value == sc.counts[k-1].value {
				t.Value += m.value // "5 soldiers and 12 militants were killed"
				t.Span.End = sc.span(m).End
			}
		}
		if !dup {
			dst = append(dst, Toll{Key: m.key, Value: m.value, Note: m.note, Tok: m.tok, Span: sc.span(m)})
		}
	}
	return dst
}

// factual reports whether the clause around token i asserts what it says
// of the document's time: no modality cue, no earlier year.
func (sc *scratch) factual(i int, day time.Time, dayOK bool) bool {
	cl := clauseOf(sc.segs, sc.seg, i)
	if modality(sc.mods, cl, sc.toks, i, i, "", "") != faultline.Asserted {
		return false
	}
	for k := range sc.dates {
		c := &sc.dates[k]
		if c.tok < cl.ctx || c.tok >= cl.end || !c.yearish || !dayOK {
			continue
		}
		if t, ok := resolve(*c, day, dayOK, false); ok && t.Year() < day.Year() {
			return false
		}
	}
	return true
}

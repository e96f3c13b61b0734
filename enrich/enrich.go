// Package enrich reads, for each coded event, what the words around its
// verb say about it: its modality (future, hypothetical, historical,
// negated), the counts it comes with (killed, injured, arrested, troops,
// displaced, protesters) and the day it happened.
//
// Every cue is scoped to the event's own clause, found from its verb by
// punctuation, subordinators and "and" before a new subject (clause.go):
// "if the situation escalates" makes only its consequence hypothetical, and
// "30 soldiers were injured" in a "where" clause counts for the event whose
// verb is in that clause, not for the one before it.
//
// Choices, so that analysts can read the output:
//   - Counts: the lower bound of a range ("10 to 15" is 10, noted "range
//     10-15"); "more than 100" is 100 noted "at least"; "dozens" is 24,
//     "hundreds" 200, "thousands" 2000 (the smallest plural reading) noted
//     "approximate". Years, percentages, money and ages never count.
//   - Dates: a year alone is its first day ("in 1999" -> 1999-01-01), a
//     month alone its first day; a weekday is the most recent one on or
//     before the document date, the same day when the document date is that
//     weekday; events still to come take the next one instead.
//   - Historical: a cue in the event's clause that names an earlier year
//     than the document's ("in 1999", "last year", "two years ago").
//     "On May 26" in a story of May 30 moves the date and stays asserted.
//   - Threats (13x), refusals (12x), denials (016) and expressions of intent
//     (03x) are CAMEO events themselves: their own verb never makes them
//     hypothetical or negated; only the action they govern is.
package enrich

import (
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// scratch holds the buffers of one Document call, reused through a pool
// so that enrichment allocates little beyond the maps it fills.
type scratch struct {
	spans  []faultline.Span
	buf    []text.Token // tokens Document made
	toks   []text.Token // the sentence's tokens: buf, or Sentence's argument
	segs   []segment
	seg    []int
	isDate []bool
	dates  []dateCue
	mods   []modCue
	counts []mention
	flags  []uint16 // lexFlags of toks
	marks  []dateMark
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

// Document enriches events, coded from doc, in place: it sets Modality,
// Quantities, QuantityNotes and Date from the words of each event's clause.
// Only the sentences that hold events are tokenised. An event keeps the
// coder's Negated, Future or Hypothetical when its own clause says nothing
// stronger; an event whose verb cannot be found in doc is left as it is.
func Document(doc faultline.Document, events []faultline.Event) {
	if len(events) == 0 {
		return
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	sc.spans = text.AppendSentences(sc.spans[:0], doc.Text)
	day, dayOK := parseDay(doc.Date)
	cur, from := -1, 0
	sc.marks = sc.marks[:0]
	for i := range events {
		e := &events[i]
		si := sentenceOf(sc.spans, e)
		if si < 0 {
			sc.marks = append(sc.marks, dateMark{})
			continue
		}
		if si != cur {
			shareDates(events[from:i], sc.marks[from:i])
			sc.analyse(doc.Text, sc.spans[si])
			cur, from = si, i
		}
		sc.marks = append(sc.marks, sc.enrich(e, day, dayOK))
	}
	shareDates(events[from:], sc.marks[from:])
}

// Sentence enriches events coded from one sentence of doc, as Document
// does, given the sentence's tokens (text.AppendTokens over its span): a
// coder that has them already saves splitting and tokenising again.
// Events whose verb is not among toks are left as they are.
func Sentence(doc faultline.Document, toks []text.Token, events []faultline.Event) {
	if len(events) == 0 || len(toks) == 0 {
		return
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	day, dayOK := parseDay(doc.Date)
	sc.toks = toks
	sc.scan()
	sc.sentence(events, day, dayOK)
	sc.toks = nil // never keep the caller's slice in the pool
}

// sentence enriches the events of the analysed sentence.
func (sc *scratch) sentence(events []faultline.Event, day time.Time, dayOK bool) {
	sc.marks = sc.marks[:0]
	for i := range events {
		sc.marks = append(sc.marks, sc.enrich(&events[i], day, dayOK))
	}
	shareDates(events, sc.marks)
}

// dateMark is what enrich learnt of an event's date: its clause's time
// context, and whether a cue in it gave the date.
type dateMark struct {
	ctx, end int
	dated    bool
}

// shareDates gives every event of one clause the date a cue gave one of
// them: in "Protesters on Monday blocked the road and attacked police" the
// cue stands by the first verb but dates both.
func shareDates(events []faultline.Event, marks []dateMark) {
	for i := range marks {
		if !marks[i].dated {
			continue
		}
		for j := range marks {
			if j != i && !marks[j].dated && marks[j].end > 0 && marks[j].ctx == marks[i].ctx && marks[j].end == marks[i].end {
				events[j].Date = events[i].Date
			}
		}
	}
}

// sentenceOf returns the index of the sentence that holds e's verb: the
// event's Sentence when it does, else the one found by offset, else -1.
func sentenceOf(spans []faultline.Span, e *faultline.Event) int {
	at := e.Verb.Start
	if e.Verb.End <= e.Verb.Start {
		return -1
	}
	if s := e.Sentence; s >= 0 && s < len(spans) && spans[s].Start <= at && at < spans[s].End {
		return s
	}
	lo, hi := 0, len(spans)
	for lo < hi {
		m := (lo + hi) / 2
		if spans[m].End <= at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(spans) && spans[lo].Start <= at {
		return lo
	}
	return -1
}

// analyse tokenises one sentence and finds its clauses and cues once for
// all the events it holds.
func (sc *scratch) analyse(doc string, sp faultline.Span) {
	sc.buf = text.AppendTokens(sc.buf[:0], doc, sp)
	sc.toks = sc.buf
	sc.scan()
}

// scan finds the clauses and cues of sc.toks.
func (sc *scratch) scan() {
	n := len(sc.toks)
	sc.flags = lexFlags(sc.flags, sc.toks)
	sc.segs, sc.seg = segmentize(sc.segs, sc.seg, sc.toks, sc.flags)
	sc.isDate = grow(sc.isDate, n)
	sc.dates = findDates(sc.dates[:0], sc.isDate, sc.toks, sc.flags)
	sc.mods = findModals(sc.mods[:0], sc.toks, sc.isDate, sc.flags)
	sc.counts = findMentions(sc.counts[:0], sc.toks, sc.flags)
}

// grow returns b with n false entries.
func grow(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// enrich sets e's modality, date and quantities from the analysed
// sentence, and says what dated it.
func (sc *scratch) enrich(e *faultline.Event, day time.Time, dayOK bool) (mark dateMark) {
	vFirst, vLast := -1, -1
	if e.Verb.End <= e.Verb.Start {
		return
	}
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.End > e.Verb.Start && t.Start < e.Verb.End {
			if vFirst < 0 {
				vFirst = i
			}
			vLast = i
		}
	}
	if vFirst < 0 {
		return
	}
	cl := clauseOf(sc.segs, sc.seg, vFirst)
	mark.ctx, mark.end = cl.ctx, cl.end
	root := e.Root
	if root == "" && len(e.CAMEO) >= 2 {
		root = e.CAMEO[:2]
	}
	mod := modality(sc.mods, cl, sc.toks, vFirst, vLast, root, e.CAMEO)
	if rank(e.Modality) > rank(mod) {
		mod = e.Modality
	}

	// The date cue nearest the verb in the clause's time context.
	best, dist := -1, 0
	for k := range sc.dates {
		c := &sc.dates[k]
		if c.tok < cl.ctx || c.tok >= cl.end {
			continue
		}
		if sc.modifiesNoun(c, cl, vFirst, e) {
			continue
		}
		d := c.tok - vFirst
		if d < 0 {
			d = -d
		}
		if best < 0 || d < dist {
			best, dist = k, d
		}
	}
	if best >= 0 {
		c := sc.dates[best]
		if t, ok := resolve(c, day, dayOK, mod == faultline.Future); ok {
			if s := formatDay(t); s != "" {
				e.Date = s
				mark.dated = true
			}
			if c.yearish && dayOK && rank(mod) < rank(faultline.Future) {
				switch {
				case t.Year() < day.Year():
					mod = faultline.Historical
				case t.Year() > day.Year():
					mod = faultline.Future
				}
			}
		}
	}
	if mod == "" {
		mod = faultline.Asserted
	}
	e.Modality = mod

	sc.quantities(e, cl, verbalRoot(root))
	return mark
}

// verbalRoot tells the CAMEO roots of words rather than deeds (01 to 13:
// statements, appeals, accusations, threats ...).
func verbalRoot(root string) bool {
	return len(root) == 2 && (root[0] == '0' && root[1] >= '1' && root[1] <= '9' || root[0] == '1' && root[1] >= '0' && root[1] <= '3')
}

// quantities sets the counts of e's clause: the first count of each key.
// A verbal event gets no counts of harm or crowds: in "NATO said 26
// peacekeepers were injured" the 26 belong to the injury the statement
// reports (coded as an event of its own), not to the statement. Troops
// stay, since an offer or appeal can be about how many are sent.
func (sc *scratch) quantities(e *faultline.Event, cl clause, verbal bool) {
	deploys := false
	for i := cl.start; i < cl.end; i++ {
		if sc.flags[i]&fDeploy != 0 {
			deploys = true
			break
		}
	}
	for k := range sc.counts {
		m := &sc.counts[k]
		if m.tok < cl.start || m.tok >= cl.end {
			continue
		}
		key := m.key
		if key == "" && m.troop && deploys {
			key = Troops
		}
		if key == "" || verbal && key != Troops {
			continue
		}
		if m.modal && rank(e.Modality) < rank(faultline.Future) {
			continue // "fighting could kill thousands": not a figure of what happened
		}
		if _, done := e.Quantities[key]; done {
			if k > 0 && sc.counts[k-1].and && sc.counts[k-1].key == key && e.Quantities[key] == sc.counts[k-1].value {
				e.Quantities[key] += m.value // "5 soldiers and 12 militants were killed"
				for f := range e.Figures {
					if g := &e.Figures[f]; g.Key == key && g.Sentence == e.Sentence && g.DocID == e.DocID {
						g.Value = e.Quantities[key]
						g.Span.End = sc.span(m).End
					}
				}
			}
			continue
		}
		if e.Quantities == nil {
			e.Quantities = make(map[string]int, 2)
		}
		e.Quantities[key] = m.value
		e.Figures = append(e.Figures, faultline.Figure{Key: key, Value: m.value, DocID: e.DocID, Sentence: e.Sentence, Span: sc.span(m)})
		if m.note != "" {
			if e.QuantityNotes == nil {
				e.QuantityNotes = make(map[string]string, 2)
			}
			e.QuantityNotes[key] = m.note
		}
	}
}

// modifiesNoun reports a month or weekday cue that belongs to a noun
// before the verb, not to the verb: "Local elections in April were
// boycotted" dates the elections, not the boycott. A cue that opens the
// clause or follows the event's source ("Serbia on Tuesday accused") dates
// the event.
func (sc *scratch) modifiesNoun(c *dateCue, cl clause, vFirst int, e *faultline.Event) bool {
	if c.kind != cueMonth && c.kind != cueMonthDay && c.kind != cueWeekday || c.tok >= vFirst {
		return false
	}
	p := c.tok
	if p > 0 {
		switch sc.toks[p-1].Norm {
		case "in", "on", "during", "of", "since", "from":
			p--
		}
	}
	q := p - 1
	if q < cl.start {
		return false
	}
	t := &sc.toks[q]
	if t.Punct || sc.isDate[q] {
		return false
	}
	if e.Source.End > e.Source.Start && t.Start >= e.Source.Start && t.End <= e.Source.End {
		return false
	}
	switch t.Norm {
	case "and", "but", "or", "then", "also", "that", "which", "who", "it", "they", "he", "she", "we", "i", "you":
		return false
	}
	return true
}

// span is where count m stands in the document: from its numeral to its
// noun.
func (sc *scratch) span(m *mention) faultline.Span {
	end := max(m.end, m.tok+1)
	end = min(end, len(sc.toks))
	return faultline.Span{Start: sc.toks[m.tok].Start, End: sc.toks[end-1].End}
}

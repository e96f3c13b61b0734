package pipeline

import (
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/enrich"
	"github.com/faultline/faultline/text"
)

// Incidents inside a document.
//
// The events of a document are grouped into incidents in sentence order:
// a sentence continues the incident before it unless it opens a separate
// one ("In a separate incident", "Elsewhere", "Meanwhile"), names another
// place for its events, or dates them another day. A sentence with no
// event that states a toll ("3 fatalities.", "Four soldiers died in the
// attack.") gives it to the incident before it (or, before any, to the
// first). A count of a sentence that no event's clause took ("One officer
// was killed when gunmen attacked a patrol") goes to its incident too.
// Counts so given are set on the incident's anchor: its first asserted
// event of violence (roots 18-20), else of other material conflict, else
// its first asserted event. Consumers count the largest figure of each
// incident once (series, rules).

// separateCues open a new incident when a sentence starts with them or
// holds them ("in a separate incident").
var separateCues = []string{"separate", "separately", "elsewhere", "meanwhile", "another incident",
	"another attack", "a second attack", "a second incident", "in another", "also on", "earlier on"}

// incidents sets Incident on every event of evs (in sentence order) and
// gives each incident the tolls of its sentences that no event took.
//
// sentTolls gives the tolls enrich found in a sentence with events.
func incidents(doc *faultline.Document, evs []faultline.Event, sentTolls func(si int) []enrich.Toll) {
	if len(evs) == 0 {
		return
	}
	spans := text.AppendSentences(nil, doc.Text)
	var (
		n       int // incidents so far
		cur     = -1
		start   int // first event of the current incident
		pending []enrich.Toll
		tolls   []enrich.Toll
		toks    []text.Token
	)
	give := func(lo, hi int, ts []enrich.Toll, si int) {
		if a := anchor(evs[lo:hi]); a >= 0 {
			setTolls(&evs[lo+a], ts, si)
		}
	}
	pendingSent := -1
	i := 0
	for si := range spans {
		if i < len(evs) && evs[i].Sentence < si {
			// Events out of step with the sentences (should not happen):
			// each is an incident of its own.
			for i < len(evs) && evs[i].Sentence < si {
				evs[i].Incident = doc.ID + ":i" + strconv.Itoa(n)
				n++
				i++
			}
		}
		j := i
		for j < len(evs) && evs[j].Sentence == si {
			j++
		}
		sp := spans[si]
		sep := separate(doc.Text[sp.Start:sp.End])
		if j == i {
			// No event: a toll line, or nothing to do.
			if !mayToll(doc.Text[sp.Start:sp.End]) {
				continue
			}
			toks = text.AppendTokens(toks[:0], doc.Text, sp)
			tolls = enrich.Tolls(tolls[:0], *doc, toks)
			if len(tolls) == 0 || sep {
				continue
			}
			if cur < 0 {
				if pending == nil {
					pending, pendingSent = append(pending, tolls...), si
				}
				continue
			}
			give(start, i, tolls, si)
			continue
		}
		if cur < 0 || sep || elsewhere(evs[start:i], evs[i:j]) {
			cur, start = n, i
			n++
		}
		id := doc.ID + ":i" + strconv.Itoa(cur)
		for k := i; k < j; k++ {
			evs[k].Incident = id
		}
		// Counts of the sentence no event's clause took.
		if ts := sentTolls(si); len(ts) > 0 {
			tolls = untaken(append(tolls[:0], ts...), evs[i:j])
			if len(tolls) > 0 {
				give(start, j, tolls, si)
			}
		}
		if len(pending) > 0 {
			give(start, j, pending, pendingSent)
			pending = nil
		}
		i = j
	}
	for ; i < len(evs); i++ {
		evs[i].Incident = doc.ID + ":i" + strconv.Itoa(n)
		n++
	}
}

// mayToll is a cheap test for a sentence that can state a toll: it holds
// a digit or a word of harm, arrest or flight.
func mayToll(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			return true
		}
	}
	for _, w := range [...]string{"kill", "dead", "die", "fatalit", "death", "injur", "wound", "hurt",
		"arrest", "detain", "fled", "displac", "slain", "shot"} {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds w (lower-case ASCII) in any case,
// without allocating.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		k := 0
		for k < len(w) {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[k] {
				break
			}
			k++
		}
		if k == len(w) {
			return true
		}
	}
	return false
}

// separate reports a sentence that opens an incident of its own.
func separate(s string) bool {
	l := strings.ToLower(s)
	for _, c := range separateCues {
		if k := strings.Index(l, c); k >= 0 && (k == 0 || l[k-1] == ' ') {
			end := k + len(c)
			if end == len(l) || l[end] == ' ' || l[end] == ',' {
				return true
			}
		}
	}
	return false
}

// elsewhere reports events that cannot be the incident before them:
// another town, or another day.
func elsewhere(prev, next []faultline.Event) bool {
	var pl, nl *faultline.Location
	var pd, nd string
	for k := range prev {
		if e := &prev[k]; material(e) {
			if pl == nil && e.Location != nil && e.Location.Precision == "city" {
				pl = e.Location
			}
			if pd == "" {
				pd = e.Date
			}
		}
	}
	for k := range next {
		if e := &next[k]; material(e) {
			if nl == nil && e.Location != nil && e.Location.Precision == "city" {
				nl = e.Location
			}
			if nd == "" {
				nd = e.Date
			}
		}
	}
	if pl != nil && nl != nil && pl.Name != nl.Name {
		return true
	}
	return pd != "" && nd != "" && pd != nd
}

// material reports an event of deeds (CAMEO roots 14 to 20), not words.
func material(e *faultline.Event) bool {
	r := e.Root
	if r == "" && len(e.CAMEO) >= 2 {
		r = e.CAMEO[:2]
	}
	return len(r) == 2 && (r[0] == '1' && r[1] >= '4' || r[0] == '2')
}

// anchor picks the event of an incident that carries its figures: the
// first asserted event of violence (roots 18-20), else the first asserted
// material one, else the first asserted one; -1 when none is asserted.
func anchor(evs []faultline.Event) int {
	best, rank := -1, 0
	for k := range evs {
		e := &evs[k]
		if e.Modality != faultline.Asserted {
			continue
		}
		r := 1
		if material(e) {
			r = 2
			if c := e.CAMEO; len(c) >= 2 && (c[:2] == "18" || c[:2] == "19" || c[:2] == "20") {
				r = 3
			}
		}
		if r > rank {
			best, rank = k, r
		}
	}
	return best
}

// setTolls gives e the tolls of sentence si, keeping the larger figure
// where it has one; each toll joins the record of e's figures.
func setTolls(e *faultline.Event, ts []enrich.Toll, si int) {
	for _, t := range ts {
		e.Figures = append(e.Figures, faultline.Figure{Key: t.Key, Value: t.Value, DocID: e.DocID, Sentence: si, Span: t.Span})
		if old, ok := e.Quantities[t.Key]; ok && old >= t.Value {
			continue
		}
		if e.Quantities == nil {
			e.Quantities = make(map[string]int, 2)
		}
		e.Quantities[t.Key] = t.Value
		if t.Note != "" {
			if e.QuantityNotes == nil {
				e.QuantityNotes = make(map[string]string, 1)
			}
			e.QuantityNotes[t.Key] = t.Note
		} else if e.QuantityNotes != nil {
			delete(e.QuantityNotes, t.Key)
		}
	}
}

// untaken drops the tolls whose key an event of the sentence already has.
func untaken(ts []enrich.Toll, evs []faultline.Event) []enrich.Toll {
	out := ts[:0]
	for _, t := range ts {
		taken := false
		for k := range evs {
			if _, ok := evs[k].Quantities[t.Key]; ok {
				taken = true
				break
			}
		}
		if !taken {
			out = append(out, t)
		}
	}
	return out
}

// speechVerbs report what someone says happened.
var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "reported": true,
	"claimed": true, "announced": true, "confirmed": true, "stated": true, "added": true,
	"alleged": true, "accused": true}

// attribute gives the events a statement reports ("NATO said 26
// peacekeepers were injured") the speaker as attribution, when the coder
// left it empty: the event's verb comes after the statement's in the same
// sentence and the event is not the statement itself.
func attribute(doc *faultline.Document, evs []faultline.Event) {
	for i := 0; i < len(evs); {
		j := i + 1
		for j < len(evs) && evs[j].Sentence == evs[i].Sentence {
			j++
		}
		for s := i; s < j; s++ {
			sp := &evs[s]
			if sp.Source.Code == "" || sp.Source.End <= sp.Source.Start || sp.Verb.End > len(doc.Text) ||
				!speechVerbs[strings.ToLower(doc.Text[sp.Verb.Start:sp.Verb.End])] {
				continue
			}
			for k := i; k < j; k++ {
				e := &evs[k]
				if k == s || e.Attribution.Code != "" || e.Verb.Start <= sp.Verb.End {
					continue
				}
				e.Attribution = faultline.Attribution{Code: sp.Source.Code, Text: sp.Source.Text}
			}
		}
		i = j
	}
}

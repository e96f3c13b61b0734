package pipeline

import (
	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/text"
)

// Placement: where each event happened, in this order.
//
//  1. A place named in the event's own clause (the clause of its verb):
//     one after a locative cue (in, near, at, to ...) first, then the
//     nearest to the verb. A place that is only an actor's name ("Serbia
//     accused Kosovo") does not count; one with a cue does ("troops to
//     Kosovo"). A clause opened by ", where" takes the place just before
//     the comma ("to Kosovo, where 30 soldiers were injured").
//  2. The dateline, then the document's main place (the place its event
//     sentences name most), when the event's actors fit it: one of them is
//     of that country, or none has a country.
//  3. The country of the target actor, else of the source (precision
//     "country").
//
// A place named in another clause of the sentence is never used.

// locator places the events of one document. Work is done lazily and
// once: sentences are found again only when an event needs them, Find runs
// once per sentence that holds events, and the dateline and main place
// once per document.
type locator struct {
	g    *geo.Gazetteer
	doc  *faultline.Document
	sent map[int]*sentPlaces
	all  []geo.Mention // the mentions of every event sentence: the document context
	// allSent is the sentence of each mention of all, in sentence order.
	allSent []int

	dateline     string         // as written; "" if none
	datelineSpan faultline.Span // the whole dateline ("PRISTINA (Reuters) -")
	datelineLoc  *faultline.Location
	datelineDone bool
	tallies      []placeTally
	tallied      bool
	// docCtx is the document's context for Resolve, prepared once after
	// all is complete.
	docCtx    geo.Context
	docCtxSet bool
}

// sentPlaces is what placement knows of one sentence.
type sentPlaces struct {
	toks     []text.Token
	mentions []geo.Mention
	cl       clauses
	actors   []faultline.Span // the actor phrases of every event of the sentence
}

// locateEvents sets Location on every event that has none.
func locateEvents(g *geo.Gazetteer, doc *faultline.Document, events []faultline.Event) {
	if len(events) == 0 {
		return
	}
	lc := newLocator(g, doc)
	lc.prepare(events)
	lc.locateAll(events)
}

// newLocator starts placing the events of doc; g nil only tokenises (the
// pipeline shares the tokens with enrich).
func newLocator(g *geo.Gazetteer, doc *faultline.Document) *locator {
	return &locator{g: g, doc: doc, sent: make(map[int]*sentPlaces)}
}

// tokens returns the tokens of sentence si as prepare made them.
func (lc *locator) tokens(si int) []text.Token {
	if sp := lc.sent[si]; sp != nil {
		return sp.toks
	}
	return nil
}

// locateAll sets Location on every event that has none.
func (lc *locator) locateAll(events []faultline.Event) {
	for i := range events {
		if events[i].Location != nil {
			continue
		}
		if loc, ok := lc.locate(&events[i]); ok {
			events[i].Location = &loc
		}
	}
}

// prepare tokenises each sentence that holds events and, with a
// gazetteer, finds its places and splits its clauses.
func (lc *locator) prepare(events []faultline.Event) {
	var spans []faultline.Span
	for i := range events {
		si := events[i].Sentence
		if _, done := lc.sent[si]; done {
			continue
		}
		if spans == nil {
			spans = text.Sentences(lc.doc.Text)
		}
		if si < 0 || si >= len(spans) {
			lc.sent[si] = &sentPlaces{}
			continue
		}
		sp := &sentPlaces{toks: text.Tokens(lc.doc.Text, spans[si])}
		lc.sent[si] = sp
		if lc.g == nil {
			continue
		}
		sp.mentions = lc.g.Find(sp.toks)
		var verbs []int
		for j := range events {
			e := &events[j]
			if e.Sentence != si {
				continue
			}
			if k := eventToken(sp.toks, e); k >= 0 {
				verbs = append(verbs, k)
			}
			for _, a := range []faultline.ActorRef{e.Source, e.Target} {
				if a.End > a.Start {
					sp.actors = append(sp.actors, faultline.Span{Start: a.Start, End: a.End})
				}
			}
		}
		sp.cl = splitClauses(sp.toks, verbs)
		lc.all = append(lc.all, sp.mentions...)
		for range sp.mentions {
			lc.allSent = append(lc.allSent, si)
		}
	}
}

// eventToken is the token that anchors an event in its sentence: its verb,
// else the start of its evidence; -1 when neither lies in toks.
func eventToken(toks []text.Token, e *faultline.Event) int {
	off := e.Verb.Start
	if e.Verb.End <= e.Verb.Start {
		off = e.Evidence.Start
	}
	k := tokenAt(toks, off)
	if k < 0 || toks[k].Start > max(e.Evidence.End, e.Verb.End) {
		return -1
	}
	return k
}

func (lc *locator) context(e *faultline.Event) geo.Context {
	ctx := lc.documentContext()
	ctx.Actors = actorCodes(e)
	return ctx
}

// documentContext is the context of the whole document, without actors:
// its places and dateline, prepared once for the many Resolve calls of
// one document.
func (lc *locator) documentContext() geo.Context {
	if !lc.docCtxSet {
		lc.loadDateline()
		lc.docCtx = lc.g.Prepare(geo.Context{Document: lc.all, Dateline: lc.dateline})
		lc.docCtxSet = true
	}
	return lc.docCtx
}

func actorCodes(e *faultline.Event) []string {
	var a []string
	if e.Source.Code != "" {
		a = append(a, e.Source.Code)
	}
	if e.Target.Code != "" {
		a = append(a, e.Target.Code)
	}
	return a
}

// locate finds where one event happened.
func (lc *locator) locate(e *faultline.Event) (faultline.Location, bool) {
	if sp := lc.sent[e.Sentence]; sp != nil {
		if m, ok := lc.inClause(sp, e); ok {
			if loc, ok := lc.g.Resolve(m, lc.context(e)); ok {
				return loc, true
			}
		}
	}
	countries := lc.actorCountries(e)
	fits := func(loc *faultline.Location) bool {
		if loc == nil {
			return false
		}
		if len(countries) == 0 {
			return true
		}
		for _, c := range countries {
			if c == loc.Country {
				return true
			}
		}
		return false
	}
	if d := lc.datelinePlace(); fits(d) {
		return *d, true
	}
	if m := lc.mainPlace(e.Sentence); fits(m) {
		return *m, true
	}
	for _, code := range []string{e.Target.Code, e.Source.Code} {
		if c, ok := lc.g.Country(code); ok && len(code) >= 3 {
			return faultline.Location{Name: c.Name, Country: c.ISO3, Lat: c.Lat, Lon: c.Lon, Precision: "country"}, true
		}
	}
	return faultline.Location{}, false
}

// actorCountries are the ISO alpha-3 codes of the countries of the event's
// actors (the first three letters of a CAMEO code; IGO... codes have none).
func (lc *locator) actorCountries(e *faultline.Event) []string {
	var out []string
	for _, code := range []string{e.Source.Code, e.Target.Code} {
		if len(code) < 3 {
			continue
		}
		if c, ok := lc.g.Country(code); ok {
			out = append(out, c.ISO3)
		}
	}
	return out
}

// inClause picks the place named in the event's own clause.
func (lc *locator) inClause(sp *sentPlaces, e *faultline.Event) (geo.Mention, bool) {
	k := eventToken(sp.toks, e)
	if k < 0 || len(sp.mentions) == 0 {
		return geo.Mention{}, false
	}
	cid := sp.cl.of[k]
	lc.loadDateline()
	dl := lc.datelineSpan
	best, bestRank, bestDist := -1, 0, 0
	for i, m := range sp.mentions {
		if m.First < 0 || m.First >= len(sp.cl.of) || sp.cl.of[m.First] != cid {
			continue
		}
		if m.Start >= dl.Start && m.End <= dl.End && dl.End > dl.Start {
			continue // the dateline says where the story was filed, not this clause
		}
		r := rank(m, e, sp.actors)
		if r == 0 {
			continue
		}
		d := m.First - k
		if d < 0 {
			d = k - m.Last + 1
		}
		if r > bestRank || r == bestRank && d < bestDist {
			best, bestRank, bestDist = i, r, d
		}
	}
	if best >= 0 {
		return sp.mentions[best], true
	}
	// ", where ...": the place the relative clause refers back to.
	if ante, ok := sp.cl.where[cid]; ok {
		for _, m := range sp.mentions {
			if m.Last-1 == ante {
				return m, true
			}
		}
	}
	return geo.Mention{}, false
}

// rank orders the places of a clause; 0 means the place is not the event's.
//
//	4 after a locative cue (in, near, at, to, "X province"), outside every
//	  actor phrase of the sentence, or making up a whole actor ("send
//	  troops to Kosovo" with Kosovo the target);
//	3 after "from" or "of", likewise;
//	2 inside the event's own actor phrase, after a cue ("urged officials in
//	  Pristina"): where the actor is, which is where the event is when
//	  nothing better is said;
//	1 no cue, outside the actor phrases ("the Kosovo conflict");
//	0 an actor's own name without a cue ("Serbia accused Kosovo"), or a
//	  place inside another event's actor phrase.
func rank(m geo.Mention, e *faultline.Event, actors []faultline.Span) int {
	src := faultline.Span{Start: e.Source.Start, End: e.Source.End}
	tgt := faultline.Span{Start: e.Target.Start, End: e.Target.End}
	inside, own := false, false
	for _, a := range actors {
		if m.Start >= a.End || a.Start >= m.End {
			continue
		}
		mine := a == src || a == tgt
		if m.Start <= a.Start && m.Cue != "" && mine {
			continue // the cue stands outside the actor: "to Kosovo"
		}
		inside = true
		own = own || mine
	}
	switch {
	case inside && own && m.Cue != "":
		return 2
	case inside:
		return 0
	case m.Cue == "":
		return 1
	case m.Cue == "from" || m.Cue == "of":
		return 3
	}
	return 4
}

func (lc *locator) loadDateline() {
	if lc.datelineDone {
		return
	}
	lc.datelineDone = true
	if place, span, ok := text.Dateline(lc.doc.Text); ok {
		lc.dateline, lc.datelineSpan = place, span
	}
}

// datelinePlace resolves the dateline's place, once.
func (lc *locator) datelinePlace() *faultline.Location {
	lc.loadDateline()
	if lc.dateline == "" || lc.datelineLoc != nil {
		return lc.datelineLoc
	}
	// Find reads "TRIPOLI, Lebanon" as Tripoli within Lebanon; a place it
	// will not take alone (a small town in capitals) is looked up whole.
	toks := text.Tokens(lc.dateline, faultline.Span{Start: 0, End: len(lc.dateline)})
	ctx := lc.documentContext()
	if ms := lc.g.Find(toks); len(ms) > 0 {
		if loc, ok := lc.g.Resolve(ms[0], ctx); ok {
			lc.datelineLoc = &loc
			return lc.datelineLoc
		}
	}
	name := lc.dateline
	for i := 0; i < len(name); i++ {
		if name[i] == ',' {
			name = name[:i]
			break
		}
	}
	if loc, ok := lc.g.Resolve(geo.Mention{Name: name, Key: text.Fold(name)}, ctx); ok {
		lc.datelineLoc = &loc
	}
	return lc.datelineLoc
}

// mainPlace is the place the event sentences name most often (the first
// of those named equally often), leaving out places named only in the
// event's own sentence: those are in another clause of it, or the event
// would have had them.
func (lc *locator) mainPlace(sentence int) *faultline.Location {
	lc.tallyPlaces()
	best := -1
	for i := range lc.tallies {
		t := &lc.tallies[i]
		if t.first == sentence && t.last == sentence {
			continue
		}
		if best < 0 || t.count > lc.tallies[best].count {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return &lc.tallies[best].loc
}

// placeTally counts the mentions of one resolved place.
type placeTally struct {
	loc         faultline.Location
	count       int
	first, last int // the sentences of the first and last mention
}

// tallyPlaces resolves every mention of the event sentences once.
func (lc *locator) tallyPlaces() {
	if lc.tallied {
		return
	}
	lc.tallied = true
	ctx := lc.documentContext()
	for i, m := range lc.all {
		loc, ok := lc.g.Resolve(m, ctx)
		if !ok {
			continue
		}
		si := lc.allSent[i]
		found := false
		for j := range lc.tallies {
			if t := &lc.tallies[j]; t.loc == loc {
				t.count++
				t.last = si
				found = true
				break
			}
		}
		if !found {
			lc.tallies = append(lc.tallies, placeTally{loc: loc, count: 1, first: si, last: si})
		}
	}
}

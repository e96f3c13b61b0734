package pipeline

import (
	"sort"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/coder"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/text"
)

// Placement: where each event happened, in this order. A place named in
// the sentence or the dateline is strong evidence; an actor's nationality
// is weak (Serbs in northern Kosovo, Russians in Ukraine), so it decides
// only when nothing else does or when it clearly outvotes the dateline.
//
//  1. A place named in the event's own clause (the clause of its verb),
//     the most specific first: in a field report's "X village (District,
//     Province)" X, else (when the gazetteer does not know X) the next
//     level it knows, with that level's precision;
//     one after a locative cue (in, near, at, to ...) first, then the
//     nearest to the verb. A place that is only an actor's name ("Serbia
//     accused Kosovo") does not count; one with a cue does ("troops to
//     Kosovo"), whichever event's actor it is. A clause opened by ", where"
//     takes the place just before the comma ("to Kosovo, where 30 soldiers
//     were injured").
//  2. A place in a relative clause attached to one of the event's actors
//     (", who blocked roads in Zubin Potok"): it says where that actor
//     was. A relative clause without a comma is part of the own clause
//     already ("protesters who blocked the road in Leposavic").
//  3. A statement made abroad: a verbal event (roots 01-13) whose source
//     is a place standing for its government ("Moscow condemned", "Serbia
//     said") is placed in the source's country (precision "country") when
//     that is not the dateline's country. Other sources of a statement
//     (a named minister, "the Kremlin") fall through to the dateline.
//  4. The dateline, then the document's main place (the place its event
//     sentences name most), unless the actors outvote it (see against).
//  5. The country of the target actor, else of the source (precision
//     "country").
//
// A place named in another clause of the sentence (a coordinated or
// subordinate clause, a relative clause on someone else) is never used.

// locator places the events of one document. Work is done lazily and
// once: sentences are found again only when an event needs them, Find runs
// once per sentence that holds events, and the dateline and main place
// once per document.
type locator struct {
	g    *geo.Gazetteer
	doc  *faultline.Document
	sent map[int]*sentPlaces
	// given are sentences the coder tokenised already, in sentence order;
	// prepare tokenises only those not among them.
	given []coder.Sentence
	all   []geo.Mention // the mentions of every event sentence: the document context
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
	actors   []actorSpan // the actor phrases of every event of the sentence
}

// actorSpan is one actor phrase of an event and the verb of that event.
type actorSpan struct {
	span, verb faultline.Span
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
	// The events of each sentence, found once: looking through all the
	// document's events for each sentence made long documents quadratic.
	bySent := make(map[int][]int)
	for i := range events {
		bySent[events[i].Sentence] = append(bySent[events[i].Sentence], i)
	}
	for i := range events {
		si := events[i].Sentence
		if _, done := lc.sent[si]; done {
			continue
		}
		toks, ok := lc.givenTokens(si)
		if !ok {
			if spans == nil {
				spans = text.Sentences(lc.doc.Text)
			}
			if si < 0 || si >= len(spans) {
				lc.sent[si] = &sentPlaces{}
				continue
			}
			toks = text.Tokens(lc.doc.Text, spans[si])
		}
		sp := &sentPlaces{toks: toks}
		lc.sent[si] = sp
		if lc.g == nil {
			continue
		}
		sp.mentions = lc.g.Find(sp.toks)
		var verbs []int
		for _, j := range bySent[si] {
			e := &events[j]
			if k := eventToken(sp.toks, e); k >= 0 {
				verbs = append(verbs, k)
			}
			for _, a := range []faultline.ActorRef{e.Source, e.Target} {
				if a.End > a.Start {
					sp.actors = append(sp.actors, actorSpan{faultline.Span{Start: a.Start, End: a.End}, e.Verb})
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

// givenTokens returns the coder's tokens of sentence si, if it gave them.
func (lc *locator) givenTokens(si int) ([]text.Token, bool) {
	g := lc.given
	k := sort.Search(len(g), func(i int) bool { return g[i].Index >= si })
	if k < len(g) && g[k].Index == si {
		return g[k].Tokens, true
	}
	return nil, false
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
	sp := lc.sent[e.Sentence]
	if sp != nil {
		if m, ok := lc.inClause(sp, e); ok {
			if loc, ok := lc.g.Resolve(m, lc.context(e)); ok {
				return loc, true
			}
			// Not the place it seemed ("Boni (Douentza, Mopti)" with no
			// Boni in Mali): what holds it, the next level named.
			for k := range sp.mentions {
				if h := sp.mentions[k]; h.Holder && h.First >= m.Last && h.First <= m.Last+6 {
					if loc, ok := lc.g.Resolve(h, lc.context(e)); ok {
						return loc, true
					}
				}
			}
		}
	}
	dl := lc.datelinePlace()
	if loc, ok := lc.statementAbroad(sp, e, dl); ok {
		return loc, true
	}
	if dl != nil && !lc.against(e, dl.Country) {
		return *dl, true
	}
	if m := lc.mainPlace(e.Sentence); m != nil && !lc.against(e, m.Country) {
		return *m, true
	}
	for _, code := range []string{e.Target.Code, e.Source.Code} {
		if loc, ok := lc.countryOf(code); ok {
			return loc, true
		}
	}
	return faultline.Location{}, false
}

// countryOf is the country of a CAMEO actor code as a location of
// precision "country".
func (lc *locator) countryOf(code string) (faultline.Location, bool) {
	if len(code) < 3 {
		return faultline.Location{}, false
	}
	c, ok := lc.g.Country(code)
	if !ok {
		return faultline.Location{}, false
	}
	return faultline.Location{Name: c.Name, Country: c.ISO3, Lat: c.Lat, Lon: c.Lon, Precision: "country"}, true
}

// against reports whether the event's actors outvote a place of country
// iso3 (the dateline or the main place): both actors are of other
// countries ("Russian troops shelled Ukrainian positions" under a Belgrade
// dateline), or the one actor with a country is of another country that
// the document names while it never names iso3 outside the dateline (a
// Sudan story filed from the United Nations). One foreign actor alone is
// not enough: Serb protesters in a story from Zvecan are in Kosovo.
func (lc *locator) against(e *faultline.Event, iso3 string) bool {
	countries := lc.actorCountries(e)
	for _, c := range countries {
		if c == iso3 {
			return false
		}
	}
	switch {
	case len(countries) == 0:
		return false
	case len(countries) >= 2:
		return true
	}
	return lc.namesCountry(countries[0]) && !lc.namesCountry(iso3)
}

// namesCountry reports whether the event sentences name a place in the
// country iso3 as a place (with a locative cue, outside the dateline):
// "Serbia" as the subject of "Serbia deployed troops" does not count.
func (lc *locator) namesCountry(iso3 string) bool {
	lc.tallyPlaces()
	for i := range lc.tallies {
		if t := &lc.tallies[i]; t.loc.Country == iso3 && t.asPlace > 0 {
			return true
		}
	}
	return false
}

// statementAbroad places a verbal event (roots 01-13) whose source is a
// place name standing for its government ("Moscow condemned the arrests")
// in the source's country, when the dateline is in another country or
// there is none: the statement was made there, not where the story was
// filed.
func (lc *locator) statementAbroad(sp *sentPlaces, e *faultline.Event, dl *faultline.Location) (faultline.Location, bool) {
	if sp == nil || len(e.CAMEO) < 2 || e.CAMEO[:2] < "01" || e.CAMEO[:2] > "13" || e.Source.End <= e.Source.Start {
		return faultline.Location{}, false
	}
	loc, ok := lc.countryOf(e.Source.Code)
	if !ok || dl != nil && dl.Country == loc.Country {
		return faultline.Location{}, false
	}
	for _, m := range sp.mentions {
		// The place is the source's head ("Moscow", "Serbia"), not a
		// place inside it ("officials in Pristina").
		if m.Cue == "" && m.Start >= e.Source.Start && m.End == e.Source.End {
			if r, ok := lc.g.Resolve(m, lc.context(e)); ok && r.Country == loc.Country {
				return loc, true
			}
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

// inClause picks the place named in the event's own clause, else in a
// relative clause attached to one of its actors.
func (lc *locator) inClause(sp *sentPlaces, e *faultline.Event) (geo.Mention, bool) {
	k := eventToken(sp.toks, e)
	if k < 0 || len(sp.mentions) == 0 {
		return geo.Mention{}, false
	}
	cid := sp.cl.of[k]
	if i := lc.bestIn(sp, e, k, cid); i >= 0 {
		return sp.mentions[i], true
	}
	// ", where ...": the place the relative clause refers back to.
	if ante, ok := sp.cl.where[cid]; ok {
		for _, m := range sp.mentions {
			if m.Last-1 == ante {
				return m, true
			}
		}
	}
	// ", who ..." on one of the event's actors: where that actor was. The
	// antecedent must end the actor phrase, so a relative clause on a
	// place or a person named inside the phrase does not count.
	best, bestID := -1, -1
	for id, ante := range sp.cl.rel {
		if !endsActor(sp.toks[ante], e) || sp.cl.of[ante] != cid && !nested(sp.cl, ante, cid) {
			continue
		}
		if i := lc.bestIn(sp, e, k, id); i >= 0 && (best < 0 || id < bestID) {
			best, bestID = i, id
		}
	}
	if best >= 0 {
		return sp.mentions[best], true
	}
	return geo.Mention{}, false
}

// nested reports whether the clause of token ante is itself a relative
// clause attached inside clause cid, so that a chain of relative clauses
// on the actor ("protesters, who ..., which ...") counts; kept to one
// level, which is what news sentences use.
func nested(cl clauses, ante, cid int) bool {
	up, ok := cl.rel[cl.of[ante]]
	return ok && cl.of[up] == cid
}

// endsActor reports whether token t ends the source or target phrase of e.
func endsActor(t text.Token, e *faultline.Event) bool {
	for _, a := range []faultline.ActorRef{e.Source, e.Target} {
		if a.End > a.Start && t.End == a.End {
			return true
		}
	}
	return false
}

// bestIn is the index of the best place of clause cid for the event whose
// anchor is token k, or -1: the highest rank, then the nearest to k.
func (lc *locator) bestIn(sp *sentPlaces, e *faultline.Event, k, cid int) int {
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
	return best
}

// rank orders the places of a clause; 0 means the place is not the event's.
//
//	4 after a locative cue (in, near, at, to, "X province"), outside every
//	  actor phrase of the sentence, or making up a whole actor of any
//	  event ("send troops to Kosovo" with Kosovo the target);
//	3 after "from" or "of", likewise;
//	2 inside the event's own actor phrase, after a cue ("urged officials in
//	  Pristina"): where the actor is, which is where the event is when
//	  nothing better is said;
//	3 also the whole target of an event of deeds (roots 14-20): what was
//	  shelled or stormed is where it happened ("shelled Kupiansk");
//	1 no cue, outside the actor phrases ("the Kosovo conflict"), and any
//	  place named as what holds the place before it ("Gwoza (Borno)",
//	  "in Juchitan, Oaxaca"): the more specific place wins;
//	0 an actor's own name without a cue ("Serbia accused Kosovo"), or a
//	  place inside another event's actor phrase.
func rank(m geo.Mention, e *faultline.Event, actors []actorSpan) int {
	src := faultline.Span{Start: e.Source.Start, End: e.Source.End}
	tgt := faultline.Span{Start: e.Target.Start, End: e.Target.End}
	inside, own := false, false
	for _, as := range actors {
		a := as.span
		if m.Start >= a.End || a.Start >= m.End {
			continue
		}
		mine := a == src || a == tgt
		if m.Start <= a.Start && m.Cue != "" && (mine || as.verb != e.Verb) {
			// The cue stands outside the actor: "to Kosovo", or
			// "blocked the road in Leposavic" with Leposavic the target
			// of another verb: a place adverbial of the clause. A
			// co-actor of the same verb ("pressed leaders in Pristina
			// and Belgrade") is another event's place.
			continue
		}
		inside = true
		own = own || mine
	}
	r := 0
	switch {
	case inside && own && m.Cue != "":
		r = 2
	case inside && own && m.Start == tgt.Start && m.End == tgt.End && material(e):
		// The place is what was attacked, shelled or stormed ("shelled
		// Kupiansk", "stormed Gwoza"): that is where it happened.
		r = 3
	case inside:
		return 0
	case m.Cue == "":
		r = 1
	case m.Cue == "from" || m.Cue == "of":
		r = 3
	default:
		r = 4
	}
	if m.Holder {
		// "Gwoza (Borno)": the province says where the town is; the town
		// is where it happened.
		r = min(r, 1)
	}
	return r
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
	// will not take alone (a small town in capitals) is looked up whole,
	// and only when that fails is the country after the comma taken
	// ("ZVECAN, Kosovo" is Zvecan, not Kosovo).
	toks := text.Tokens(lc.dateline, faultline.Span{Start: 0, End: len(lc.dateline)})
	ctx := lc.documentContext()
	ms := lc.g.Find(toks)
	if len(ms) > 0 && ms[0].Start == 0 {
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
	} else if len(ms) > 0 {
		if loc, ok := lc.g.Resolve(ms[0], ctx); ok {
			lc.datelineLoc = &loc
		}
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
		if t.first == sentence && t.last == sentence || t.count == t.inDateline {
			continue
		}
		// The dateline was tried before and is not counted: the main
		// place is what the story's sentences talk about.
		if best < 0 || t.count-t.inDateline > lc.tallies[best].count-lc.tallies[best].inDateline {
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
	inDateline  int // how many of the mentions are in the dateline
	// asPlace counts the mentions outside the dateline with a locative
	// cue ("in Khartoum"): the place named as a place, not as an actor.
	asPlace int
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
		dl, cued := 0, 0
		if d := lc.datelineSpan; d.End > d.Start && m.Start >= d.Start && m.End <= d.End {
			dl = 1
		} else if m.Cue != "" {
			cued = 1
		}
		found := false
		for j := range lc.tallies {
			if t := &lc.tallies[j]; t.loc == loc {
				t.count++
				t.inDateline += dl
				t.asPlace += cued
				t.last = si
				found = true
				break
			}
		}
		if !found {
			lc.tallies = append(lc.tallies, placeTally{loc: loc, count: 1, first: si, last: si, inDateline: dl, asPlace: cued})
		}
	}
}

package geo

import (
	"math"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/geo/internal/fold"
)

// Context is what the document says beside a mention, for choosing among
// places of the same name.
type Context struct {
	// Actors are the CAMEO actor codes of the event (SRBGOV, KSV,
	// IGOWSTNAT); a code whose first three letters are a country code
	// counts for that country.
	Actors []string
	// Document holds the place mentions of the whole document (Find over
	// each sentence); the mention being resolved may be among them.
	Document []Mention
	// Dateline is the place of the dateline as written ("PRISTINA",
	// "Tripoli, Lebanon"), or "".
	Dateline string

	// doc is what Document and Dateline say, worked out once by Prepare.
	doc *docEvidence
}

// docEvidence is what the document says to every mention of it.
type docEvidence struct {
	document []Mention // the Document it was made for
	dateline string    // the Dateline it was made for
	marks    []docMark // one for each mention of document
	index    *docIndex // marks summed
	// datelineCountry is the country the dateline counts for, -1 for none.
	datelineCountry int
}

// docMark is what one mention of the document counts for.
type docMark struct {
	start, end int
	key        string
	country    int  // the only country its name may mean; -1 if none or several
	near       bool // it names one place, at lat, lon
	lat, lon   float64
}

// Prepare returns ctx with what its Document and Dateline say worked out
// once, for the many Resolve calls of one document (each event of it, the
// document's main place). Resolve answers the same with or without it.
// Actors may be changed on the result; with another Document or Dateline
// Resolve works them out again.
func (g *Gazetteer) Prepare(ctx Context) Context {
	d := &docEvidence{document: ctx.Document, dateline: ctx.Dateline, datelineCountry: -1}
	d.marks = make([]docMark, len(ctx.Document))
	for i, m := range ctx.Document {
		d.marks[i] = g.markOf(m)
	}
	d.index = indexMarks(d.marks)
	d.datelineCountry = g.datelineCountry(ctx.Dateline)
	ctx.doc = d
	return ctx
}

// prepared returns ctx.doc when it was made for ctx's Document and
// Dateline.
func (ctx *Context) prepared() *docEvidence {
	d := ctx.doc
	if d == nil || d.dateline != ctx.Dateline || len(d.document) != len(ctx.Document) ||
		len(d.document) > 0 && &d.document[0] != &ctx.Document[0] {
		return nil
	}
	return d
}

// markOf works out what a mention of the document counts for.
func (g *Gazetteer) markOf(d Mention) docMark {
	mk := docMark{start: d.Start, end: d.End, key: d.Key, country: -1}
	refs := d.refs
	if refs == nil {
		refs = g.lookup(d.Key)
	}
	if c, ok := g.soleCountry(refs); ok {
		mk.country = c
		if len(refs) == 1 && refs[0].kind == 'p' {
			if p, ok := g.place(refs[0].idx); ok {
				mk.near, mk.lat, mk.lon = true, p.Lat, p.Lon
			}
		}
	}
	return mk
}

// datelineCountry is the country a dateline counts for, -1 for none.
func (g *Gazetteer) datelineCountry(dateline string) int {
	if dateline == "" {
		return -1
	}
	// A dateline names a city a reader knows: the largest of its name.
	refs := g.datelineRefs(dateline)
	if c, ok := g.soleCountry(refs); ok {
		return c
	}
	if loc, ok := g.Resolve(Mention{refs: refs}, Context{}); ok {
		if c, ok := g.countryIndex(loc.Country); ok {
			return c
		}
	}
	return -1
}

// Scores, in the units of 10·log10(population): a country named beside
// the place decides; the rest of the context may outweigh a population
// ratio of about 300 (Tripoli, Lebanon for a Lebanese actor) but not more
// (Paris stays in France for an American actor).
const (
	scoreCountryName = 100 // a country name means the country
	scoreRegion      = 45  // a bare region name that is also its city's is weighed like a town of 30,000 (Basra the city)
	scoreRegionAlone = 70  // other region names like a city of 10 million (Florida the state, not the town in Uruguay)
	scoreRegionCue   = 100 // "X province" means the region
	scoreWithin      = 1000
	scoreActor       = 20
	scoreDocCountry  = 15
	scoreDateline    = 20
	scoreNearby      = 10  // within nearbyKm of another place of the document
	scoreAltName     = 15  // a place's own name beats an alternate one (Victoria, Canada over Hong Kong)
	contextCap       = 25  // actors, document and dateline together
	nearbyKm         = 100 // how near counts as the same area
)

// Resolve picks what a mention names and returns where it is: a country at
// its centre (precision "country"), a named region at the mean of its
// places ("admin1"), or a place ("city"). Among places of the same name it
// prefers, in order, the country or region named beside it, the countries
// of the actors, of the document's other places and of the dateline, and
// then the larger population. ok is false when the mention names nothing
// the gazetteer knows.
func (g *Gazetteer) Resolve(m Mention, ctx Context) (faultline.Location, bool) {
	if len(m.refs) == 0 {
		m.refs = g.lookup(m.Key)
	}
	if len(m.refs) == 0 {
		return faultline.Location{}, false
	}
	ev := g.evidence(m, ctx)
	best, bestScore := -1, math.Inf(-1)
	var bestPlace Place
	for i, r := range m.refs {
		s, p, ok := g.score(m, r, ev)
		if ok && s > bestScore {
			best, bestScore, bestPlace = i, s, p
		}
	}
	if best < 0 {
		return faultline.Location{}, false
	}
	r := m.refs[best]
	if own := ownNames(m.held); len(own) > 0 && r.kind == 'p' && !g.sameCountry(bestPlace.Country, own) {
		// "Dori (Seno, Sahel)": a Seno outside the countries of Dori is
		// not what holds Dori.
		return faultline.Location{}, false
	}
	if len(m.holders) > 0 && r.kind == 'p' && r.alt && !g.sameCountry(bestPlace.Country, m.holders) {
		// "Boni (Douentza, Mopti)": no Boni of Mali is known, and Bonn
		// (also called Boni) is not in it. Not this place.
		return faultline.Location{}, false
	}
	switch r.kind {
	case 'c':
		c := g.countries[r.idx]
		return faultline.Location{Name: c.Name, Country: c.ISO3, Lat: c.Lat, Lon: c.Lon, Precision: "country"}, true
	case 'r':
		return g.regionLocation(g.regions[r.idx]), true
	}
	if m.Region {
		// "Kandahar province": the region that holds the city of that name.
		if ri, ok := g.regionOf[bestPlace.Country+"."+bestPlace.Admin1]; ok {
			return g.regionLocation(g.regions[ri]), true
		}
		loc := g.placeLocation(bestPlace)
		loc.Name, loc.Precision = m.Name, "admin1"
		return loc, true
	}
	return g.placeLocation(bestPlace), true
}

func (g *Gazetteer) regionLocation(r Region) faultline.Location {
	loc := faultline.Location{Name: r.Name, Admin1: r.Name, Lat: r.Lat, Lon: r.Lon, Precision: "admin1"}
	if c, ok := g.Country(r.Country); ok {
		loc.Country = c.ISO3
	}
	return loc
}

// placeLocation gives a place; Admin1 is the region's name when the
// gazetteer has one, else the GeoNames code as CC.code (XK.10097358).
func (g *Gazetteer) placeLocation(p Place) faultline.Location {
	loc := faultline.Location{Name: p.Name, Lat: p.Lat, Lon: p.Lon, Precision: "city"}
	if c, ok := g.Country(p.Country); ok {
		loc.Country = c.ISO3
	}
	if ri, ok := g.regionOf[p.Country+"."+p.Admin1]; ok {
		loc.Admin1 = g.regions[ri].Name
	} else if p.Admin1 != "" {
		loc.Admin1 = p.Country + "." + p.Admin1
	}
	return loc
}

// evidence is the context of one mention, reduced to countries and points.
type evidence struct {
	within    int       // 1 + country index named beside
	withinReg int       // 1 + region index named beside
	bonus     bonuses   // country index -> context score (capped)
	doc       *docIndex // the document's other mentions, summed
	ex        excluded  // the mention itself, left out of doc's sums
}

// bonuses maps country indexes to scores: a handful at most, so a slice.
type bonuses []countryScore

type countryScore struct {
	country int
	score   float64
}

func (b bonuses) get(c int) float64 {
	for _, x := range b {
		if x.country == c {
			return x.score
		}
	}
	return 0
}

func (b bonuses) has(c int) bool {
	for _, x := range b {
		if x.country == c {
			return true
		}
	}
	return false
}

func (b *bonuses) add(c int, v float64) {
	for i := range *b {
		if (*b)[i].country == c {
			(*b)[i].score += v
			return
		}
	}
	*b = append(*b, countryScore{c, v})
}

func (g *Gazetteer) evidence(m Mention, ctx Context) evidence {
	ev := evidence{within: m.within, withinReg: m.withinReg}
	if m.Within != "" && ev.within == 0 {
		if i, ok := g.countryIndex(m.Within); ok {
			ev.within = i + 1
		}
	}
	for _, a := range ctx.Actors {
		// Each country once: the bonuses hold only actors' so far.
		if i, ok := g.countryIndex(a); ok && len(a) >= 3 && !ev.bonus.has(i) {
			ev.bonus.add(i, scoreActor)
		}
	}
	d := ctx.prepared()
	if d == nil {
		d = g.Prepare(ctx).doc
	}
	ev.doc = d.index
	ev.ex = d.index.own[markKey{m.Start, m.End, m.Key}] // the mention itself does not count
	for _, cc := range d.index.countries {
		n := cc.n
		if ev.ex.country == cc.country {
			n -= ev.ex.n
		}
		if n > 0 {
			ev.bonus.add(cc.country, float64(n)*scoreDocCountry)
		}
	}
	if d.datelineCountry >= 0 {
		ev.bonus.add(d.datelineCountry, scoreDateline)
	}
	for i := range ev.bonus {
		ev.bonus[i].score = math.Min(ev.bonus[i].score, contextCap)
	}
	return ev
}

// datelineRefs looks up a dateline: the whole of it, else its part before
// a comma ("TRIPOLI, Lebanon" gives Lebanon through the whole being unknown
// and the last part being a country).
func (g *Gazetteer) datelineRefs(s string) []ref {
	k := fold.Key(s)
	if r := g.lookup(k); len(r) > 0 {
		return r
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ',' {
			if r := g.lookup(fold.Key(s[i+1:])); len(r) > 0 {
				return r
			}
			return g.lookup(fold.Key(s[:i]))
		}
	}
	return nil
}

// soleCountry returns the country that refs point to when it is a country
// name or when every place of that name lies in one country.
func (g *Gazetteer) soleCountry(refs []ref) (int, bool) {
	c := -1
	for _, r := range refs {
		var ci int
		switch r.kind {
		case 'c':
			return r.idx, true
		case 'r':
			i, ok := g.countryIndex(g.regions[r.idx].Country)
			if !ok {
				return 0, false
			}
			ci = i
		default:
			cc, ok := g.placeCountry(r.idx)
			if !ok {
				continue
			}
			i, ok := g.countryIndex(cc)
			if !ok {
				return 0, false
			}
			ci = i
		}
		if c >= 0 && c != ci {
			return 0, false
		}
		c = ci
	}
	return c, c >= 0
}

// namesakeIn reports whether refs hold a place inside region reg: then a
// bare name means the city that gave the region its name.
func (g *Gazetteer) namesakeIn(refs []ref, reg Region) bool {
	for _, r := range refs {
		if r.kind == 'p' {
			if p, ok := g.place(r.idx); ok && p.Country == reg.Country && p.Admin1 == reg.Code {
				return true
			}
		}
	}
	return false
}

// score rates one meaning of a mention; for a place it also returns the
// place.
func (g *Gazetteer) score(m Mention, r ref, ev evidence) (float64, Place, bool) {
	var cc string
	var s float64
	var p Place
	switch r.kind {
	case 'c':
		s = scoreCountryName
		cc = g.countries[r.idx].ISO2
	case 'r':
		reg := g.regions[r.idx]
		cc = reg.Country
		s = scoreRegion
		if !g.namesakeIn(m.refs, reg) {
			s = scoreRegionAlone
		}
		if m.Region {
			s += scoreRegionCue
		}
	default:
		var ok bool
		if p, ok = g.place(r.idx); !ok {
			return 0, p, false
		}
		cc = p.Country
		s = 10 * math.Log10(float64(p.Population)+1)
		if r.alt {
			s -= scoreAltName
		}
		switch p.Feature {
		case "PPLC":
			s += 10
		case "PPLA", "ALIAS":
			s += 5
		case "PPLA2":
			s += 2
		}
		if ev.withinReg > 0 {
			reg := g.regions[ev.withinReg-1]
			if reg.Country == p.Country && reg.Code == p.Admin1 {
				s += scoreWithin + 500
			}
		} else if g.heldBy(p, m.holders) {
			s += scoreWithin + 500 // "Juchitan, Oaxaca": the Juchitán of Oaxaca's state
		}
		if len(m.held) > 0 && g.sameCountry(p.Country, m.held) {
			s += scoreWithin // "Bor (Jonglei)" seen from Jonglei
		}
		if ev.doc.nearby(p.Lat, p.Lon, ev.ex) {
			s += scoreNearby
		}
	}
	ci, ok := g.countryIndex(cc)
	if ok {
		if ev.within == ci+1 {
			s += scoreWithin
		}
		s += ev.bonus.get(ci)
	}
	return s, p, true
}

// heldBy reports whether a place of holders (named after p's name as
// what holds it) lies in p's first-level region.
func (g *Gazetteer) heldBy(p Place, holders []ref) bool {
	for _, r := range holders {
		switch r.kind {
		case 'p':
			if h, ok := g.place(r.idx); ok && h.Country == p.Country && h.Admin1 == p.Admin1 && h.Admin1 != "" {
				return true
			}
		case 'r':
			if reg := g.regions[r.idx]; reg.Country == p.Country && reg.Code == p.Admin1 {
				return true
			}
		}
	}
	return false
}

// sameCountry reports whether a place or region of holders lies in the
// country cc (ISO alpha-2).
func (g *Gazetteer) sameCountry(cc string, holders []ref) bool {
	for _, r := range holders {
		switch r.kind {
		case 'p':
			if h, ok := g.place(r.idx); ok && h.Country == cc {
				return true
			}
		case 'r':
			if g.regions[r.idx].Country == cc {
				return true
			}
		case 'c':
			if g.countries[r.idx].ISO2 == cc {
				return true
			}
		}
	}
	return false
}

// ownNames keeps the refs that are a place's own name, not an alternate
// one: "Boni" is also a name of Bonn, which says nothing of where a Boni
// of Mali lies.
func ownNames(refs []ref) []ref {
	var out []ref
	for _, r := range refs {
		if !r.alt {
			out = append(out, r)
		}
	}
	return out
}

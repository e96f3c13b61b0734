package geo

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/faultline/faultline/geo/internal/fold"
	"github.com/faultline/faultline/text"
)

// maxWords is the longest name, in words, that Find tries.
const maxWords = 6

// Population thresholds for names of places (countries and named regions
// are exempt), by what stands before the name. After a strong cue ("in",
// "near") any place will do. After a weak cue ("from", "to") or none, the
// name must be a town of some size, counting only places whose own name it
// is (an alternate name such as Google for Topeka counts only for a very
// large place). A capitalised neighbour that is no place (Maria Zakharova,
// Paris Hilton) suggests a person or an organisation: only a city will do.
const (
	minPopWeakCue    = 5000
	minPopNoCue      = 100000
	minPopMultiNoCue = 2000
	minPopAltName    = 1000000
	minPopNamelike   = 300000
	minPopStopWord   = 100000
)

// Mention is a place name found in a sentence.
type Mention struct {
	Start, End  int    // byte offsets into the document of the name (with a suffix such as "province")
	Name        string // the words as written
	Key         string // the folded name looked up in the gazetteer
	First, Last int    // the tokens of the name: tokens[First:Last] of the slice given to Find
	// Cue is the word that marks the name as a place: "in", "near", "of"
	// before it, or "province", "town" after it; "" when there is none.
	Cue string
	// Direction is a word such as "northern" between the cue and the name
	// ("in northern Kosovo"): the event is in part of the place.
	Direction string
	// Within is the ISO alpha-3 code of a country named beside the place
	// ("Tripoli, Lebanon", "Tripoli in Libya", "Lebanon's Tripoli"); "" if none.
	Within string
	// Region is true when a suffix makes the name a first-level region
	// ("Helmand province", "Donetsk region").
	Region bool
	// Holder is true when the name says what holds the place named just
	// before it: "Gwoza (Borno)", "Juchitan, Oaxaca", "Mucojo (Macomia,
	// Cabo Delgado)". The place before is the more specific one.
	Holder bool

	refs      []ref
	within    int // 1 + index of the country named beside, 0 if none
	withinReg int // 1 + index of a region named beside ("Paris, Texas"), 0 if none
	// holders are the places named after it as what holds it ("Juchitan,
	// Oaxaca": the places called Oaxaca): a place of the same region wins.
	holders []ref
	// held are the places a Holder holds: the name before it.
	held []ref
}

// IsCountry reports whether the mention names a country ("Kosovo").
func (m Mention) IsCountry() bool {
	for _, r := range m.refs {
		if r.kind == 'c' {
			return true
		}
	}
	return false
}

// word is one folded word of a sentence; a token may give several
// ("Guinea-Bissau"), and punctuation other than hyphens and apostrophes
// gives an empty word that no name spans.
type word struct {
	key   string
	tok   int
	cap   bool // first letter upper-case as written
	upper bool // all letters upper-case as written
}

// Find returns the place names in the tokens of one sentence, in order.
// Longer names win over shorter ones ("Zubin Potok" over "Potok"). Single
// capitalised words that are common English words, names after a title
// ("President Paris"), and small places named without a locative cue are
// left out; see the package constants and word lists.
func (g *Gazetteer) Find(tokens []text.Token) []Mention {
	mm := g.getMemo()
	defer g.putMemo(mm)
	words := toWords(mm.words[:0], tokens)
	defer func() { clear(words); mm.words = words[:0] }()
	lower := true // the sentence is written all in lower case
	for _, w := range words {
		if w.cap {
			lower = false
			break
		}
	}
	var out []found
	for i := 0; i < len(words); {
		if words[i].key == "" || i > 0 && words[i-1].tok == words[i].tok {
			i++ // a name starts at a token's start: not "van" of "Zijlaard-van"
			continue
		}
		n, refs, stats := g.longest(mm, words, i, lower)
		if n == 0 {
			i++
			continue
		}
		m, ok := g.judge(tokens, words, i, n, refs, stats, lower, out)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.wordEnd
	}
	besides(tokens, out)
	res := make([]Mention, len(out))
	for i := range out {
		res[i] = out[i].Mention
		if w := res[i].within; w > 0 {
			res[i].Within = g.countries[w-1].ISO3
		}
	}
	return res
}

// toWords folds the tokens into words, appended to words.
func toWords(words []word, tokens []text.Token) []word {
	for i, t := range tokens {
		raw := t.Raw
		if w, ok := asciiWord(t, i); ok {
			words = append(words, w)
			continue
		}
		if t.Punct || !hasAlnum(raw) {
			if !isJoiner(raw) {
				words = append(words, word{tok: i})
			}
			continue
		}
		raw = trimPossessive(raw)
		r, _ := utf8.DecodeRuneInString(raw)
		capital := t.Cap || unicode.IsUpper(r)
		upper := strings.ToUpper(raw) == raw && strings.ToLower(raw) != raw
		for _, k := range strings.Fields(fold.Key(raw)) {
			words = append(words, word{key: k, tok: i, cap: capital, upper: upper})
		}
	}
	return words
}

// asciiWord folds the common token, ASCII letters and digits only (after
// a possessive), without allocating: its key is its lower case, which is
// t.Norm when the tokenizer wrote the same, or t.Raw itself when it holds
// no capital. ok is false for any other token; toWords then takes the
// general path, whose result is the same for the tokens taken here.
func asciiWord(t text.Token, i int) (word, bool) {
	if t.Punct {
		return word{}, false
	}
	raw := trimPossessive(t.Raw)
	if raw == "" {
		return word{}, false
	}
	caps, lowers := 0, 0
	for j := 0; j < len(raw); j++ {
		switch c := raw[j]; {
		case 'a' <= c && c <= 'z':
			lowers++
		case 'A' <= c && c <= 'Z':
			caps++
		case '0' <= c && c <= '9':
		default:
			return word{}, false
		}
	}
	w := word{tok: i, cap: t.Cap || 'A' <= raw[0] && raw[0] <= 'Z', upper: caps > 0 && lowers == 0}
	switch {
	case caps == 0:
		w.key = raw
	case isLowerOf(t.Norm, raw):
		w.key = t.Norm
	default:
		w.key = strings.ToLower(raw)
	}
	return w, true
}

// isLowerOf reports whether norm is the ASCII lower case of raw.
func isLowerOf(norm, raw string) bool {
	if len(norm) != len(raw) {
		return false
	}
	for j := 0; j < len(raw); j++ {
		c := raw[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if norm[j] != c {
			return false
		}
	}
	return true
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isJoiner reports punctuation that may stand inside a name: hyphens and
// apostrophes tokenised apart (Guinea - Bissau, Ma ' arrat).
func isJoiner(s string) bool {
	switch s {
	case "-", "‐", "‑", "'", "’", "‘", "`":
		return true
	}
	return false
}

func trimPossessive(s string) string {
	n := len(s)
	if n < 2 {
		return s
	}
	// Most words end in neither 's nor s': two byte tests say so.
	switch last := s[n-1]; {
	case last == 's' || last == 'S':
		if s[n-2] == '\'' && n > 2 {
			return s[:n-2]
		}
		if strings.HasSuffix(s[:n-1], "’") && n > 4 {
			return s[:n-4]
		}
		return s
	case last == '\'' || last == 0x99: // ' or the last byte of ’
		if strings.HasSuffix(s, "s'") || strings.HasSuffix(s, "s’") {
			return strings.TrimRight(s, "'’")
		}
	}
	return s
}

// longest returns the number of words of the longest name starting at
// word i that is written as names are (capitalised unless the sentence is
// lower case), with its refs.
// The stats are those of the refs returned, nil when not at hand.
func (g *Gazetteer) longest(mm *memo, words []word, i int, lower bool) (int, []ref, *refStats) {
	if !lower && !words[i].cap {
		return 0, nil, nil // capitalised() wants the first word capitalised
	}
	best, bestRefs, bestStats := 0, []ref(nil), (*refStats)(nil)
	key := mm.key[:0]
	defer func() { mm.key = key[:0] }()
	for n := 1; n <= maxWords && i+n <= len(words); n++ {
		w := words[i+n-1]
		if w.key == "" {
			break
		}
		if n > 1 {
			key = append(key, ' ')
		}
		key = append(key, w.key...)
		// One search answers both questions: does a name start with key,
		// and is key itself a name.
		h := g.findBytes(mm, key)
		if !h.prefix {
			break
		}
		if i+n < len(words) && words[i+n].tok == w.tok {
			continue // a name ends at a token's end: not "com" of "USATODAY.com"
		}
		if !lower && !capitalised(words[i:i+n]) {
			continue
		}
		if kept := keepCase(h.refs, allUpper(words[i:i+n])); len(kept) > 0 {
			best, bestRefs, bestStats = n, kept, nil
			if len(kept) == len(h.refs) {
				bestStats = &h.stats
			}
		}
	}
	return best, bestRefs, bestStats
}

// keepCase returns the refs that a name written so may mean: those marked
// upper only when it is written in capitals. refs is left as it is (the
// memo shares it); a new slice is made only when some ref is left out.
func keepCase(refs []ref, upper bool) []ref {
	if upper {
		return refs
	}
	for i, r := range refs {
		if r.upper {
			kept := append([]ref(nil), refs[:i]...)
			for _, r := range refs[i+1:] {
				if !r.upper {
					kept = append(kept, r)
				}
			}
			return kept
		}
	}
	return refs
}

// capitalised reports whether words are written as a name: the first and
// every word of four letters or more capitalised (Bosnia and Herzegovina,
// Mitrovicë e Veriut).
func capitalised(ws []word) bool {
	for j, w := range ws {
		if !w.cap && (j == 0 || len(w.key) >= 4) {
			return false
		}
	}
	return true
}

func allUpper(ws []word) bool {
	for _, w := range ws {
		if !w.upper {
			return false
		}
	}
	return true
}

// found is a mention under construction, with the word where it ends.
type found struct {
	Mention
	wordEnd     int
	wordFrom    int
	cueStrength int
}

// judge decides whether words[i:i+n] is a place mention and builds it.
func (g *Gazetteer) judge(tokens []text.Token, words []word, i, n int, refs []ref, stats *refStats, lower bool, prev []found) (found, bool) {
	f := found{wordFrom: i, wordEnd: i + n}
	key := joinKeys(words[i : i+n])
	strong := false // the name is a country's or a named region's
	for _, r := range refs {
		strong = strong || r.kind == 'c' || r.kind == 'r'
	}
	// What stands before: a direction word, then a cue.
	j := i - 1
	if j >= 0 && directions[words[j].key] && !words[j].cap {
		f.Direction = words[j].key
		j--
	}
	cueStrength := 0 // 2 strong, 1 weak
	if j >= 0 && (!words[j].cap || words[j].tok == 0) {
		switch k := words[j].key; {
		case strongCues[k]:
			f.Cue, cueStrength = k, 2
		case k == "of" && j > 0 && (placeSuffix[words[j-1].key] || regionSuffix[words[j-1].key] || words[j-1].key == "capital"):
			f.Cue, cueStrength = words[j-1].key+" of", 2 // the outskirts of, the town of
		case weakCues[k]:
			f.Cue, cueStrength = k, 1
		}
	}
	// A list continues a cue: "in Zvecan and Zubin Potok", "in Zvecan, Leposavic".
	if f.Cue == "" && j >= 1 && len(prev) > 0 && (words[j].key == "and" || words[j].key == "or" || words[j].key == "") {
		if last := prev[len(prev)-1]; last.wordEnd == j && last.Cue != "" {
			f.Cue, cueStrength = last.Cue, last.cueStrength
		}
	}
	// What stands after: "province", "town".
	end := i + n
	if end < len(words) {
		if s := words[end].key; regionSuffix[s] && (s != "state" || !words[end].cap || lower) {
			f.Region = true
			f.Cue, cueStrength = orCue(f.Cue, s), 2
			end++
		} else if placeSuffix[s] && !words[end].upper {
			f.Cue, cueStrength = orCue(f.Cue, s), 2
			end++
		}
	}
	// A field report names a place, then what holds it in parentheses:
	// "Gwoza (Borno)", "(Beni, Nord-Kivu)". Both are places.
	if cueStrength < 2 && !lower {
		if end+1 < len(words) && words[end].key == "" && tokens[words[end].tok].Raw == "(" && words[end+1].cap {
			f.Cue, cueStrength = orCue(f.Cue, "("), 2
		} else if j >= 1 && words[j].key == "" && tokens[words[j].tok].Raw == "(" && words[j-1].key != "" &&
			(words[j-1].cap || placeSuffix[words[j-1].key] || regionSuffix[words[j-1].key] || adminWords[words[j-1].key]) {
			f.Cue, cueStrength = orCue(f.Cue, "("), 2
		}
	}
	// "in Hrakove, Kharkiv": a name the gazetteer does not know after a
	// cue, then what holds it. The event is in the region of that name
	// when there is one.
	if j >= 2 && words[j].key == "" && tokens[words[j].tok].Raw == "," && words[j-1].cap &&
		(len(prev) == 0 || prev[len(prev)-1].wordEnd < j-1) {
		k := j - 1
		for k > 0 && words[k-1].cap && words[k-1].key != "" && k > j-4 {
			k--
		}
		if k > 0 && (strongCues[words[k-1].key] || words[k-1].key == "at") && !words[k-1].cap {
			f.Holder = true
			f.Cue, cueStrength = orCue(f.Cue, words[k-1].key), 2
			for _, r := range refs {
				if r.kind == 'r' {
					f.Region = true
				}
			}
		}
	}
	// "northern Mitrovica" is North Mitrovica when the gazetteer has it.
	if f.Direction != "" {
		side := strings.TrimSuffix(strings.TrimSuffix(f.Direction, "ern"), "-")
		if r := g.lookup(side + " " + key); len(r) > 0 && (side == "north" || side == "south" || side == "east" || side == "west") {
			refs, key, stats = r, side+" "+key, nil
			i--
			n++
			f.Direction = ""
			f.wordFrom = i
		}
	}

	if !strong && stats == nil {
		st := g.statsOf(refs)
		stats = &st
	}
	if !strong && !g.plausible(words, i, n, key, *stats, cueStrength, end, lower) {
		return f, false
	}
	f.cueStrength = cueStrength
	f.wordEnd = end
	f.Key = key
	f.refs = refs
	f.First = words[f.wordFrom].tok
	f.Last = words[end-1].tok + 1
	f.Start = tokens[f.First].Start
	f.End = tokens[f.Last-1].End
	f.Name = spanText(tokens[f.First : f.Last-boolInt(end > i+n)])
	return f, true
}

// refStats sums up the places a name may mean, for plausible; names
// recur, so the memo keeps it beside the refs.
type refStats struct {
	ownPop  int64 // the largest population of a place whose own name it is; -1 for none
	anyPop  int64 // the largest of any place of that name; -1 for none
	alias   bool  // a place of the alias table
	capital bool  // a country's capital
}

// statsOf sums up refs, which plausible only sees when they name places
// alone (an index of another kind reads as a place index, as it always
// has; the result is then never used).
func (g *Gazetteer) statsOf(refs []ref) refStats {
	st := refStats{ownPop: -1, anyPop: -1}
	for _, r := range refs {
		p, ok := g.place(r.idx)
		if !ok {
			continue
		}
		st.anyPop = max(st.anyPop, p.Population)
		if !r.alt {
			st.ownPop = max(st.ownPop, p.Population)
		}
		st.alias = st.alias || p.Feature == "ALIAS"
		st.capital = st.capital || p.Feature == "PPLC"
	}
	return st
}

// plausible decides whether words[i:i+n], naming only places, is a place
// here; see the population thresholds.
func (g *Gazetteer) plausible(words []word, i, n int, key string, st refStats, cue, end int, lower bool) bool {
	ownPop, anyPop, alias := st.ownPop, st.anyPop, st.alias
	w := words[i]
	if notPlaces[key] {
		return false
	}
	if !lower && end < len(words) && words[end].cap && nameNouns[words[end].key] {
		return false // the Kyoto Protocol, the Paris Club, the Minsk Agreement
	}
	if i >= 2 && words[i-1].key == "of" && officeNouns[words[i-2].key] {
		return false // the Ministry of Commerce, the Department of Justice
	}
	if cue == 0 && end < len(words) && speechVerbs[words[end].key] {
		return st.capital // Martin said: a person; Belgrade said: its government
	}
	if n > 1 {
		return cue > 0 || alias || ownPop >= minPopMultiNoCue || anyPop >= minPopAltName
	}
	if !lower {
		if w.upper && (len(w.key) <= 3 || len(w.key) == 4 && cue < 2 && w.tok > 0) {
			return false // an acronym: UN, IPO, NATO (but ROME opening a dateline)
		}
		if i > 0 && titles[words[i-1].key] && words[i-1].cap {
			return false // President Paris: a person
		}
	}
	if stopWords[key] {
		return cue == 2 && w.tok > 0 && ownPop >= minPopStopWord
	}
	if cue < 2 && !lower {
		prevCap := i > 0 && words[i-1].cap && words[i-1].key != "" && w.tok > 0
		nextCap := end == i+1 && end < len(words) && words[end].cap && words[end].key != ""
		if (prevCap || nextCap) && ownPop < minPopNamelike {
			return false // part of a longer name: Maria Zakharova
		}
	}
	switch {
	case cue == 2 || alias:
		return true
	case cue == 1:
		return ownPop >= minPopWeakCue || anyPop >= minPopAltName
	}
	return ownPop >= minPopNoCue || anyPop >= minPopAltName
}

func orCue(c, s string) string {
	if c != "" {
		return c
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func joinKeys(ws []word) string {
	if len(ws) == 1 {
		return ws[0].key
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.key
	}
	return strings.Join(parts, " ")
}

// spanText joins the tokens as written, with one space where the text had
// any.
func spanText(ts []text.Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.Start > ts[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Raw)
	}
	return b.String()
}

// besides records, for each mention, a country or region named right next
// to it: "Tripoli, Lebanon", "Tripoli in Libya", "Tripoli (Lebanon)",
// "Lebanon's Tripoli", "Paris, Texas".
func besides(tokens []text.Token, ms []found) {
	for i := range ms {
		a := &ms[i]
		if i+1 < len(ms) {
			b := &ms[i+1]
			var gap []text.Token
			if a.Last <= b.First {
				gap = tokens[a.Last:b.First]
			}
			if len(gap) == 1 && (gap[0].Raw == "," || gap[0].Raw == "(" || strings.EqualFold(gap[0].Raw, "in")) {
				a.setWithin(b.Mention)
				if gap[0].Raw == "(" || gap[0].Raw == "," && !listGoesOn(tokens, b.Last) {
					a.holders = b.refs
					b.Holder = gap[0].Raw == "(" || strongRefs(b.refs)
					if b.Holder {
						b.held = a.refs
					}
				}
			}
		}
		if i > 0 {
			b := &ms[i-1]
			if b.Last == a.First && tokens[b.Last-1].Possessive || b.Last == a.First && trimPossessive(tokens[b.Last-1].Raw) != tokens[b.Last-1].Raw {
				a.setWithin(b.Mention)
			}
		}
	}
}

// listGoesOn reports a list of places that goes on after token k ("in
// Zvecan, Leposavic and Zubin Potok"): then a comma joins equals, not a
// place and what holds it.
func listGoesOn(tokens []text.Token, k int) bool {
	if k >= len(tokens) {
		return false
	}
	switch strings.ToLower(tokens[k].Raw) {
	case "and", "or":
		return true
	case ",":
		return k+1 < len(tokens) && (tokens[k+1].Cap || tokens[k+1].Norm == "and")
	}
	return false
}

// strongRefs reports a name that may mean a country or a named region.
func strongRefs(refs []ref) bool {
	for _, r := range refs {
		if r.kind == 'c' || r.kind == 'r' {
			return true
		}
	}
	return false
}

// setWithin notes that b, a country or region, holds a.
func (a *found) setWithin(b Mention) {
	for _, r := range b.refs {
		switch r.kind {
		case 'c':
			a.within = r.idx + 1
		case 'r':
			if a.withinReg == 0 {
				a.withinReg = r.idx + 1
			}
		}
		if r.kind == 'c' {
			return
		}
	}
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

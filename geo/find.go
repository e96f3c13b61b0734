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

// Population thresholds for single-word place names (countries and named
// regions are exempt). Without a locative cue a name must belong to a town
// of some size; a capitalised neighbour (Maria Zakharova, Paris Hilton)
// suggests a person or an organisation, so only a city will do.
const (
	minPopNoCue     = 5000
	minPopNamelike  = 100000
	minPopStopWord  = 100000
	strongCueMinPop = 0
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

	refs      []ref
	within    int // 1 + index of the country named beside, 0 if none
	withinReg int // 1 + index of a region named beside ("Paris, Texas"), 0 if none
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
	words := toWords(tokens)
	lower := true // the sentence is written all in lower case
	for _, w := range words {
		if w.cap {
			lower = false
			break
		}
	}
	var out []found
	for i := 0; i < len(words); {
		if words[i].key == "" {
			i++
			continue
		}
		n, refs := g.longest(words, i, lower)
		if n == 0 {
			i++
			continue
		}
		m, ok := g.judge(tokens, words, i, n, refs, lower, out)
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

// toWords folds the tokens into words.
func toWords(tokens []text.Token) []word {
	words := make([]word, 0, len(tokens))
	for i, t := range tokens {
		raw := t.Raw
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
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	if strings.HasSuffix(s, "s'") || strings.HasSuffix(s, "s’") {
		return strings.TrimRight(s, "'’")
	}
	return s
}

// longest returns the number of words of the longest name starting at
// word i that is written as names are (capitalised unless the sentence is
// lower case), with its refs.
func (g *Gazetteer) longest(words []word, i int, lower bool) (int, []ref) {
	best, bestRefs := 0, []ref(nil)
	key := ""
	for n := 1; n <= maxWords && i+n <= len(words); n++ {
		w := words[i+n-1]
		if w.key == "" {
			break
		}
		if n == 1 {
			key = w.key
		} else {
			key += " " + w.key
		}
		if !g.hasPrefix(key) {
			break
		}
		if !lower && !capitalised(words[i:i+n]) {
			continue
		}
		refs := g.lookup(key)
		upper := allUpper(words[i : i+n])
		kept := refs[:0]
		for _, r := range refs {
			if !r.upper || upper {
				kept = append(kept, r)
			}
		}
		if len(kept) > 0 {
			best, bestRefs = n, kept
		}
	}
	return best, bestRefs
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
	wordEnd  int
	wordFrom int
}

// judge decides whether words[i:i+n] is a place mention and builds it.
func (g *Gazetteer) judge(tokens []text.Token, words []word, i, n int, refs []ref, lower bool, prev []found) (found, bool) {
	f := found{wordFrom: i, wordEnd: i + n}
	key := joinKeys(words[i : i+n])
	kinds := map[byte]bool{}
	for _, r := range refs {
		kinds[r.kind] = true
	}
	strong := kinds['c'] || kinds['r']
	maxPop := int64(-1)
	alias := false
	for _, r := range refs {
		if r.kind == 'p' {
			if p, ok := g.place(r.idx); ok {
				maxPop = max(maxPop, p.Population)
				alias = alias || p.Feature == "ALIAS"
			}
		}
	}

	// What stands before: a direction word, then a cue.
	j := i - 1
	if j >= 0 && directions[words[j].key] && !words[j].cap {
		f.Direction = words[j].key
		j--
	}
	if j >= 0 && cueBefore[words[j].key] && (!words[j].cap || j == 0 || words[j].tok == 0) {
		f.Cue = words[j].key
	}
	// A list continues a cue: "in Zvecan and Zubin Potok", "in Zvecan, Leposavic".
	if f.Cue == "" && j >= 1 && len(prev) > 0 && (words[j].key == "and" || words[j].key == "or" || words[j].key == "") {
		if last := prev[len(prev)-1]; last.wordEnd == j && (last.Cue != "" || last.IsCountry()) {
			f.Cue = last.Cue
		}
	}
	// What stands after: "province", "town".
	end := i + n
	if end < len(words) {
		if s := words[end].key; regionSuffix[s] {
			f.Region = true
			f.Cue = orCue(f.Cue, s)
			end++
		} else if placeSuffix[s] && !words[end].upper {
			f.Cue = orCue(f.Cue, s)
			end++
		}
	}
	// "northern Mitrovica" is North Mitrovica when the gazetteer has it.
	if f.Direction != "" {
		side := strings.TrimSuffix(strings.TrimSuffix(f.Direction, "ern"), "-")
		if r := g.lookup(side + " " + key); len(r) > 0 && (side == "north" || side == "south" || side == "east" || side == "west") {
			refs, key = r, side+" "+key
			i--
			f.Direction = ""
			f.wordFrom = i
		}
	}

	if !strong && n == 1 && !lower {
		w := words[i]
		first := w.tok == 0
		prevCap := i > 0 && words[i-1].cap && words[i-1].key != "" && words[i-1].tok != words[i].tok
		nextCap := i+1 < len(words) && words[i+1].cap && words[i+1].key != "" && end == i+1
		switch {
		case i > 0 && titles[words[i-1].key] && words[i-1].cap:
			return f, false // President Paris: a person
		case stopWords[key]:
			if first || f.Cue == "" || maxPop < minPopStopWord {
				return f, false
			}
		case f.Cue == "" && !alias && maxPop < minPopNoCue:
			return f, false
		case f.Cue == "" && (prevCap && !first || nextCap) && maxPop < minPopNamelike:
			return f, false // part of a longer name: Maria Zakharova
		}
	}
	if !strong && n == 1 && lower && stopWords[key] {
		return f, false
	}

	f.Key = key
	f.refs = refs
	f.First = words[f.wordFrom].tok
	f.Last = words[end-1].tok + 1
	f.Start = tokens[f.First].Start
	f.End = tokens[f.Last-1].End
	f.Name = spanText(tokens[f.First : f.Last-boolInt(end > i+n)])
	return f, true
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
			gap := tokens[a.Last:b.First]
			if len(gap) == 1 && (gap[0].Raw == "," || gap[0].Raw == "(" || strings.EqualFold(gap[0].Raw, "in")) {
				a.setWithin(b.Mention)
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

package coder

import (
	"sort"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/text"
)

// kind says which dictionary a phrase entry comes from. One word index serves
// every kind so that each token costs one round of map lookups, whatever the
// number of dictionaries.
type kind uint8

const (
	kActor kind = iota
	kAgent
	kVerb
	kDiscard
	kTime
	kNoun
	kAdj
	nKinds
)

// cword is one compiled dictionary word.
type cword struct {
	text   string
	exact  bool  // matches only the whole token (or with a regular ending), not as a stem
	strict bool  // matches only the whole token
	gap    bool  // other words may come before it
	syn    int32 // a synset reference (&NAME) when >= 0
}

// matches reports whether the word matches a token's normalised form: any
// token that starts with it (TABARI stems); when exact, the word itself or
// with a regular ending (TABARI's FORCES_, DEPART_ -> departs, departed);
// when strict (TABARI's BAN=), the word alone.
func (w *cword) matches(norm string) bool {
	// The first byte turns down nearly every mismatch before a call.
	if len(norm) < len(w.text) || len(w.text) > 0 && norm[0] != w.text[0] || !strings.HasPrefix(norm, w.text) {
		return false
	}
	if !w.exact || len(norm) == len(w.text) {
		return true
	}
	if w.strict {
		return false
	}
	return isEnding(norm[len(w.text):])
}

// isEnding tells the regular endings an exact TABARI word may take.
func isEnding(s string) bool {
	switch s {
	case "s", "es", "ed", "d", "ing", "en":
		return true
	}
	return false
}

// entry is one phrase of one dictionary, with the index of its payload in
// the slice of that kind (actors, agents, verbs ...).
type entry struct {
	words []cword
	kind  kind
	val   int32
}

// node is what the word index holds for one word text: the entries whose
// first word it is, split by exactness, and the pattern-word ids it stands for.
type node struct {
	exact   []int32 // entries whose first word is this text, exact
	stem    []int32 // entries whose first word is this text, as a stem
	pwExact int32   // pattern word id of (text, exact), -1 when none
	pwStem  int32   // pattern word id of (text, stem), -1 when none
}

// index maps word texts to nodes. Looking a token up checks each of its
// prefixes whose length some stem has, so no list of entries is ever scanned.
type index struct {
	nodes   map[string]*node
	entries []entry
	sigs    []uint32 // a summary of each entry's words (see entrySig)
	lens    uint64   // bit n set when some stem has n bytes (n < 64)
	long    bool     // some stem is 64 bytes or longer
	nPW     int32    // number of pattern word ids
}

func newIndex() *index {
	return &index{nodes: make(map[string]*node, 1<<16)}
}

func (ix *index) node(text string) *node {
	n := ix.nodes[text]
	if n == nil {
		n = &node{pwExact: -1, pwStem: -1}
		ix.nodes[text] = n
	}
	return n
}

func (ix *index) noteLen(n int) {
	if n < 64 {
		ix.lens |= 1 << uint(n)
	} else {
		ix.long = true
	}
}

// add indexes a phrase under its first word.
func (ix *index) add(words []cword, k kind, val int32) {
	if len(words) == 0 || words[0].syn >= 0 {
		return
	}
	id := int32(len(ix.entries))
	ix.entries = append(ix.entries, entry{words: words, kind: k, val: val})
	ix.sigs = append(ix.sigs, entrySig(words)|uint32(k)<<sigKindAt)
	n := ix.node(words[0].text)
	if words[0].exact {
		n.exact = append(n.exact, id)
		ix.noteLen(len(words[0].text)) // exact words take regular endings
	} else {
		n.stem = append(n.stem, id)
		ix.noteLen(len(words[0].text))
	}
}

// Bits of an entry's signature: the low byte holds its number of words (at
// most 255); sigSecond says that its second word must stand right after the
// first and begin with the byte above it (bits 8-15), sigSecond2 that the
// second byte of that word (bits 16-23) must follow.
// Bits 28-30 hold the entry's kind.
const (
	sigSecond  = 1 << 24
	sigSecond2 = 1 << 25
	sigKindAt  = 28
)

// sigKind returns the kind an entry's signature holds.
func sigKind(sig uint32) kind { return kind(sig >> sigKindAt & 7) }

// entrySig summarises a phrase so that best can turn most candidate entries
// down from a compact slice, without reading their words from all over the
// heap.
func entrySig(words []cword) uint32 {
	sig := uint32(min(len(words), 255))
	if len(words) < 2 {
		return sig
	}
	w := &words[1]
	if w.gap || w.syn >= 0 || w.text == "" {
		return sig
	}
	sig |= sigSecond | uint32(w.text[0])<<8
	if len(w.text) >= 2 {
		sig |= sigSecond2 | uint32(w.text[1])<<16
	}
	return sig
}

// patternWord returns the id of a literal pattern word, creating it.
func (ix *index) patternWord(w cword) int32 {
	n := ix.node(w.text)
	if w.exact {
		if n.pwExact < 0 {
			n.pwExact = ix.nPW
			ix.nPW++
			ix.noteLen(len(w.text))
		}
		return n.pwExact
	}
	if n.pwStem < 0 {
		n.pwStem = ix.nPW
		ix.nPW++
		ix.noteLen(len(w.text))
	}
	return n.pwStem
}

func compileWord(w dict.Word, syn map[string]int32) cword {
	cw := cword{text: w.Text, exact: w.Exact, gap: w.Gap, syn: -1}
	if t := strings.TrimRight(cw.text, "="); t != cw.text && t != "" {
		cw.text, cw.exact, cw.strict = t, true, true
	}
	if t := strings.TrimRight(cw.text, "~"); t != cw.text && t != "" {
		cw.text, cw.exact = t, false // TABARI's REAL~: a stem, whatever follows
	}
	if strings.HasPrefix(w.Text, "&") && len(w.Text) > 1 {
		if id, ok := syn[strings.ToLower(w.Text[1:])]; ok {
			cw.syn = id
		}
	}
	return cw
}

// compilePhrase compiles a phrase. Hyphenated words are split as tokens
// are (Al-Gore is al + gore), and n't reads as not, as the tokenizer has it.
func compilePhrase(p dict.Phrase, syn map[string]int32) []cword {
	out := make([]cword, 0, len(p))
	for _, w := range p {
		if w.Text == "" {
			continue
		}
		if strings.ContainsAny(w.Text, "'’") && !strings.HasPrefix(w.Text, "&") {
			// Read the word as the tokenizer reads text: didn't -> did + not.
			toks := text.Tokens(w.Text, faultline.Span{Start: 0, End: len(w.Text)})
			for k, t := range toks {
				out = append(out, cword{text: t.Norm, exact: w.Exact || k < len(toks)-1, gap: w.Gap && k == 0, syn: -1})
			}
			continue
		}
		if !strings.HasPrefix(w.Text, "&") && strings.IndexByte(w.Text, '-') > 0 {
			parts := splitHyphen(w.Text)
			for k, part := range parts {
				cw := cword{text: part, exact: w.Exact || k < len(parts)-1, gap: w.Gap && k == 0, syn: -1}
				out = append(out, cw)
			}
			continue
		}
		out = append(out, compileWord(w, syn))
	}
	if len(out) > 0 {
		out[0].gap = false
	}
	return out
}

// verbForms returns the phrases a verb answers to: those of the dictionary
// and, when the head word is exact (PETRARCH writes whole words, not stems),
// its regular -s, -ed and -ing forms.
func verbForms(v *dict.Verb) []dict.Phrase {
	forms := append([]dict.Phrase(nil), v.Phrases...)
	if len(v.Phrases) == 0 {
		return forms
	}
	head := v.Phrases[0]
	if len(head) == 0 || !head[0].Exact && v.Group == "" {
		return forms
	}
	seen := map[string]bool{}
	for _, p := range v.Phrases {
		if len(p) > 0 {
			seen[p[0].Text] = true
		}
	}
	for _, f := range inflect(head[0].Text) {
		if seen[f] {
			continue
		}
		seen[f] = true
		p := append(dict.Phrase(nil), head...)
		p[0].Text = f
		p[0].Exact = true
		forms = append(forms, p)
	}
	return forms
}

// inflect gives the regular inflections of an English verb's base form.
func inflect(base string) []string {
	n := len(base)
	if n < 2 {
		return nil
	}
	last := base[n-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	var s, ed, ing string
	switch {
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") ||
		strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z") || strings.HasSuffix(base, "o"):
		s = base + "es"
	case last == 'y' && !vowel(base[n-2]):
		s = base[:n-1] + "ies"
	default:
		s = base + "s"
	}
	switch {
	case last == 'e':
		ed = base + "d"
		ing = base[:n-1] + "ing"
		if strings.HasSuffix(base, "ee") {
			ing = base + "ing"
		}
	case last == 'y' && !vowel(base[n-2]):
		ed = base[:n-1] + "ied"
		ing = base + "ing"
	default:
		ed = base + "ed"
		ing = base + "ing"
	}
	out := []string{s, ed, ing}
	// Short verbs ending consonant-vowel-consonant double the consonant
	// (stop, stopped); give both spellings, an unused one costs nothing.
	if n >= 3 && !vowel(last) && last != 'w' && last != 'x' && last != 'y' && vowel(base[n-2]) && !vowel(base[n-3]) {
		out = append(out, base+string(last)+"ed", base+string(last)+"ing")
	}
	return out
}

// compile builds the compiled form of a set.
func (c *Coder) compile(set *dict.Set) {
	ix := newIndex()
	c.ix = ix
	syn := make(map[string]int32, len(set.Verbs.Synsets))
	for i, s := range set.Verbs.Synsets {
		name := strings.ToLower(strings.TrimPrefix(s.Name, "&"))
		if _, dup := syn[name]; !dup {
			syn[name] = int32(i)
		}
	}
	c.disaster, c.weapon, c.abstract = -1, -1, -1
	if id, ok := syn[abstractSynset]; ok {
		c.abstract = id
	}
	if id, ok := syn[disasterSynset]; ok {
		c.disaster = id
	}
	if id, ok := syn[weaponSynset]; ok {
		c.weapon = id
	}
	c.synsets = make([][][]cword, len(set.Verbs.Synsets))
	for i, s := range set.Verbs.Synsets {
		for _, p := range s.Phrases {
			if cw := compilePhrase(p, syn); len(cw) > 0 {
				c.synsets[i] = append(c.synsets[i], cw)
			}
		}
	}
	find := func(name string) int32 {
		if id, ok := syn[name]; ok {
			return id
		}
		return -1
	}
	c.disasterP, c.weaponP = c.newProbe(c.disaster), c.newProbe(c.weapon)
	c.sport, c.market, c.cyber = c.newProbe(find(sportSynset)), c.newProbe(find(marketSynset)), c.newProbe(find(cyberSynset))
	c.actors = make([]actorVal, len(set.Actors))
	for i := range set.Actors {
		a := &set.Actors[i]
		c.actors[i] = actorVal{codes: a.Codes}
		for _, p := range a.Phrases {
			ix.add(compilePhrase(p, nil), kActor, int32(i))
		}
	}
	c.agents = make([]agentVal, len(set.Agents))
	for i := range set.Agents {
		a := &set.Agents[i]
		c.agents[i] = agentVal{code: strings.Trim(a.Code, "~ "), prefix: a.Prefix}
		for _, p := range a.Phrases {
			cw := compilePhrase(p, nil)
			// Agents are whole words (with regular endings): PETRARCH writes
			// DIPLOMAT, which must not match "diplomatic"; TABARI writes
			// them exact already.
			for k := range cw {
				cw[k].exact = true
			}
			ix.add(cw, kAgent, int32(i))
			// TABARI forms the plurals of agents itself (GUERRILLA_ matches
			// guerrillas); PETRARCH lists them, and a duplicate costs nothing.
			if n := len(cw); n > 0 && cw[n-1].exact {
				pl := append([]cword(nil), cw...)
				pl[n-1].text = plural(cw[n-1].text)
				ix.add(pl, kAgent, int32(i))
			}
		}
	}
	c.discards = make([]bool, len(set.Discards))
	for i, d := range set.Discards {
		c.discards[i] = d.Story
		ix.add(compilePhrase(d.Phrase, nil), kDiscard, int32(i))
	}
	c.times = make([]dict.TimeShift, len(set.Verbs.Times))
	for i, t := range set.Verbs.Times {
		c.times[i] = t
		ix.add(compilePhrase(t.Phrase, nil), kTime, int32(i))
	}
	for _, p := range set.Verbs.Nouns {
		ix.add(compilePhrase(p, nil), kNoun, 0)
	}
	for _, p := range set.Verbs.Adjectives {
		ix.add(compilePhrase(p, nil), kAdj, 0)
	}
	// The project's own dictionaries (no TABARI options) write out every
	// form they mean: "FIR_ {}" (a police report) has no verb forms.
	written := len(set.Options.Commands) == 0 && len(set.Options.Labels) == 0
	c.verbs = make([]verbVal, len(set.Verbs.Verbs))
	for i := range set.Verbs.Verbs {
		v := &set.Verbs.Verbs[i]
		vv := verbVal{code: v.Code, code2: v.Code2, null: v.Null || v.Code == "---"}
		for _, p := range v.Patterns {
			vv.pats = append(vv.pats, c.compilePattern(&p, syn))
		}
		// The most specific pattern wins: try long patterns first,
		// keeping file order among equals.
		sort.SliceStable(vv.pats, func(a, b int) bool { return vv.pats[a].weight > vv.pats[b].weight })
		for _, p := range vv.pats {
			r := int32(-1)
			if len(p.req) > 0 {
				r = p.req[0]
			}
			vv.req0 = append(vv.req0, r)
		}
		c.verbs[i] = vv
		forms := v.Phrases
		if !written {
			forms = verbForms(v)
		}
		for _, p := range forms {
			ix.add(compilePhrase(p, nil), kVerb, int32(i))
		}
	}
	if written {
		c.strictWords()
	}
	c.compileFirsts()
}

// strictWords makes every exact word match only itself, as the project's
// own dictionaries mean it (they write out every form they want): in the
// field's conventions an exact word also takes a regular ending, so that
// FIR_ (a police report) matched "fired" and "firing". TABARI's options
// keep the old reading.
func (c *Coder) strictWords() {
	fix := func(ws []cword) {
		for k := range ws {
			if ws[k].exact {
				ws[k].strict = true
			}
		}
	}
	for i := range c.ix.entries {
		fix(c.ix.entries[i].words)
	}
	for _, phs := range c.synsets {
		for _, ph := range phs {
			fix(ph)
		}
	}
	for i := range c.verbs {
		for j := range c.verbs[i].pats {
			p := &c.verbs[i].pats[j]
			for _, list := range [][]pelem{p.pre, p.post} {
				for k := range list {
					if list[k].w.exact {
						list[k].w.strict = true
					}
					for _, a := range list[k].alts {
						fix(a)
					}
				}
			}
		}
	}
}

// splitHyphen splits a word at inner hyphens, dropping empty parts; a word
// that is all hyphens stays whole.
func splitHyphen(w string) []string {
	var parts []string
	for _, p := range strings.Split(w, "-") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return []string{w}
	}
	return parts
}

// plural forms the regular English plural of a noun.
func plural(w string) string {
	n := len(w)
	switch {
	case n == 0:
		return w
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x"):
		return w + "es"
	case n > 1 && w[n-1] == 'y' && strings.IndexByte("aeiou", w[n-2]) < 0:
		return w[:n-1] + "ies"
	case strings.HasSuffix(w, "man"):
		return w[:n-3] + "men"
	}
	return w + "s"
}

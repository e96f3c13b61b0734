package coder

import "strings"

// verbVal is a compiled verb.
type verbVal struct {
	code  string
	code2 string // the reverse event of a paired code [c1:c2]
	null  bool
	pats  []cpattern
	// req0 holds the rarest literal word of each pattern (-1 none): a
	// pattern whose word the sentence lacks is passed over by reading this
	// short slice, not the pattern.
	req0 []int32
}

// clause is a stretch of a sentence coded on its own: the sentence split at
// conjunctions that start a new predicate and around reporting verbs.
type clause struct {
	s, e int
	// win is where the patterns of the clause's verbs may look: a reporting
	// verb's patterns see the clause it introduces.
	win int
	// speaker is the clause whose subject said this one, -1 when none.
	speaker int
	// cont: the clause continues the previous one's subject ("and promised").
	cont bool
}

// isSpeech tells a reporting verb by its code (TABARI marks them with ?) or
// by its form.
func (s *sent) isSpeech(v verbHit) bool {
	if strings.HasSuffix(s.c.verbs[v.verb].code, "?") {
		return true
	}
	switch s.toks[v.s].norm {
	case "said", "says", "say", "saying", "told", "tells", "reported", "reports", "added", "stated", "declared", "announced":
		return true
	}
	return false
}

// findVerbs finds the verbs of the sentence outside actor names, skipping
// words that read as nouns here.
func (s *sent) findVerbs() {
	n := len(s.toks)
	titleCase := s.titleCase()
	for i := 0; i < n; {
		t := &s.toks[i]
		if s.inAct[i] || t.punct {
			i++
			continue
		}
		id, end := s.best(i, kVerb, 0)
		if id < 0 || s.c.opt.native && s.compoundTail(i) && (strings.HasSuffix(t.norm, "ed") || s.toks[end-1].hyph && (end == n || !s.toks[end].hyph)) {
			i++
			continue
		}
		if s.nounHere(i, titleCase) {
			if s.c.opt.native && s.eventNoun(i) {
				s.verbs = append(s.verbs, verbHit{s: i, e: end, verb: s.c.ix.entries[id].val, nominal: true})
			}
			i = end
			continue
		}
		val := s.c.ix.entries[id].val
		if s.c.opt.native && s.headNoun(i) {
			if vv := &s.c.verbs[val]; vv.null || materialRoot(vv.code) {
				// "the Godhra train massacre": a noun of violence, coded
				// only from its own noun phrase.
				s.verbs = append(s.verbs, verbHit{s: i, e: end, verb: val, nominal: true})
				i = end
				continue
			}
		}
		s.verbs = append(s.verbs, verbHit{s: i, e: end, verb: val})
		i = end
	}
}

// compoundTail reports a word that ends a hyphenated compound after a
// plain word: "test-fired", "cease-fire", "value-added" are not the verbs
// "fired", "fire", "added", while after a prefix ("re-arrested",
// "counter-attacked"), an adverb, an actor ("Turkey-backed") or a verb
// ("kidnap-murder") they are; so are phrases that go on past the compound
// ("cruise-missile attack"). A dictionary phrase that spells the whole
// compound matches from its first part.
func (s *sent) compoundTail(i int) bool {
	if !s.toks[i].hyph || i == 0 {
		return false
	}
	p := s.toks[i-1].norm
	if s.inAct[i-1] || strings.HasSuffix(p, "ly") || s.has(i-1, kVerb) && !s.toks[i-1].hyph {
		// "Turkey-backed", "internationally-recognised": the first part
		// says who or how, and the last is still the act.
		return false
	}
	switch p {
	case "re", "co", "counter", "pre", "mis", "out", "over", "under", "cross", "de", "un", "self", "double", "triple":
		return false
	}
	return true
}

// titleCase reports a headline written in title case, where capitals say
// nothing about proper nouns.
func (s *sent) titleCase() bool {
	words, caps := 0, 0
	for i := range s.toks {
		if !s.toks[i].punct {
			words++
			if s.toks[i].cap {
				caps++
			}
		}
	}
	return caps*2 > words
}

// nounHere reports that the verb-like word at i is a noun: a capitalised
// word inside a sentence, a word after a determiner or possessive, or one of
// the dictionary's nouns.
func (s *sent) nounHere(i int, titleCase bool) bool {
	if s.has(i, kNoun) {
		return true
	}
	if i == 0 {
		return false
	}
	if s.toks[i].cap && !titleCase {
		prev := s.toks[i-1].norm
		if prev != "\"" && prev != "“" && prev != "'" && prev != "(" && prev != "--" {
			return true
		}
	}
	p := &s.toks[i-1]
	switch p.norm {
	case "the", "a", "an":
		return true
	}
	return false
}

// headNoun reports a verb-like word in its plain or -s form at the end of
// a noun phrase that a determiner opens: "the Godhra train massacre", "the
// February 27 attack", "a complete ban". Words between must be plain words,
// not actors (whose verb it may be: "the police attack"), punctuation or
// verbs; a past form stays a verb ("the two sides clashed").
func (s *sent) headNoun(i int) bool {
	w := s.toks[i].norm
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &s.toks[k]
		if isDeterminer(t.norm) || t.poss && k < i-1 {
			return k < i-1
		}
		if t.punct || s.inAct[k] || isBe(t.norm) || isPronoun(t.norm) {
			return false
		}
		for _, v := range s.verbs {
			if v.s <= k && k < v.e {
				return false
			}
		}
		switch t.norm {
		case "to", "will", "would", "could", "should", "may", "might", "must", "can", "cannot", "not", "did", "do", "does",
			"and", "or", "but", "who", "which", "that", "they", "we", "i", "you", "has", "have", "had":
			return false
		}
	}
	return false
}

// isClauseConj tells the words that may start a new clause (a switch, not a
// map: it runs on every token).
func isClauseConj(w string) bool {
	switch w {
	case "and", "but", "while", "whereas", ";", "although":
		return true
	}
	return false
}

// splitClauses cuts the sentence into clauses.
func (s *sent) splitClauses(out []clause) []clause {
	n := len(s.toks)
	inGroup := func(j int) bool {
		for gi := range s.grps {
			if j >= s.grps[gi].s && j < s.grps[gi].e {
				return true
			}
		}
		return false
	}
	verbAfter := func(j, lim int) bool {
		for _, v := range s.verbs {
			if v.s > j && v.s < lim {
				return true
			}
		}
		return false
	}
	type cut struct {
		at, next int // this clause ends at at; the next starts at next
		speech   bool
		tail     bool
	}
	var cuts [8]cut
	cs := cuts[:0]
	// Conjunctions that start a new predicate.
	for j := 0; j < n; j++ {
		if !isClauseConj(s.toks[j].norm) || inGroup(j) {
			continue
		}
		lim := n
		for k := j + 1; k < n; k++ {
			if isClauseConj(s.toks[k].norm) && !inGroup(k) {
				lim = k
				break
			}
		}
		if verbAfter(j, lim) && verbBefore(s, j) {
			cs = append(cs, cut{at: j, next: j + 1})
		}
	}
	// Reporting verbs: "X said (that) Y ..." and "Y ..., X said".
	for _, v := range s.verbs {
		if !s.isSpeech(v) {
			continue
		}
		comma := -1
		for k := v.s - 1; k >= 0; k-- {
			if s.toks[k].norm == "," {
				comma = k
				break
			}
		}
		if comma > 0 && verbBetween(s, 0, comma) && !verbBetween(s, comma, v.s) {
			cs = append(cs, cut{at: comma, next: comma + 1, tail: true})
			continue
		}
		next := v.e
		if next < n && s.toks[next].norm == "that" {
			next++
		}
		if next < n && verbAfter(next-1, n) {
			cs = append(cs, cut{at: v.e, next: next, speech: true})
		}
	}
	// Sort the cuts (few) by position.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].at < cs[j-1].at; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	start := 0
	prevSpeech := false
	for _, c := range cs {
		if c.at < start {
			continue
		}
		cl := clause{s: start, e: c.at, win: c.at, speaker: -1}
		if prevSpeech {
			cl.speaker = len(out) - 1
		}
		out = append(out, cl)
		prevSpeech = c.speech
		if c.tail {
			// The tail clause says who spoke; it attributes all before it.
			out = append(out, clause{s: c.next, e: n, win: n, speaker: -1})
			for k := range out[:len(out)-1] {
				if out[k].speaker < 0 {
					out[k].speaker = len(out) - 1
				}
			}
			start = n
			break
		}
		start = c.next
	}
	if start < n {
		cl := clause{s: start, e: n, win: n, speaker: -1}
		if prevSpeech {
			cl.speaker = len(out) - 1
		}
		out = append(out, cl)
	}
	for k := range out {
		if out[k].speaker >= 0 && out[k].speaker == k-1 {
			// A reporting verb's patterns see the clause it introduces.
			out[k-1].win = out[k].e
		}
		if k > 0 && out[k].speaker < 0 {
			out[k].cont = true
		}
	}
	return out
}

func verbBefore(s *sent, j int) bool {
	return verbBetween(s, 0, j)
}

func verbBetween(s *sent, a, b int) bool {
	for _, v := range s.verbs {
		if v.s >= a && v.s < b {
			return true
		}
	}
	return false
}

// eventNoun reports a verb-like word used as a noun that may name an
// event: after a determiner, a possessive, an adjective or a number, or
// before "of", "on", "against", "by" ("the arrest of", "attacks on").
func (s *sent) eventNoun(i int) bool {
	if s.has(i, kNoun) {
		return false
	}
	if i > 0 {
		switch p := &s.toks[i-1]; {
		case isDeterminer(p.norm), p.poss:
			return true
		}
	}
	return false
}

package coder

// Acts embedded under an accusation (Faultline's coding): "police arrested
// four Serbs suspected of attacking the peacekeepers" reports the police's
// arrest and an attack by the Serbs, never one by the police; "a man
// accused of killing two soldiers" names no accuser.

// accusationWord tells the participles and adjectives that put an act on
// someone without saying they did it: "suspected of", "charged with".
func accusationWord(w string) bool {
	switch w {
	case "suspected", "accused", "charged", "convicted", "blamed", "guilty", "indicted",
		"arrested", "detained", "jailed", "sentenced", "prosecuted", "tried", "wanted", "responsible":
		return true
	}
	return false
}

// accusationLink tells the prepositions between an accusation word and the
// act it names.
func accusationLink(w string) bool { return w == "of" || w == "with" || w == "for" }

// embeddedAct reports a verb that names what someone is accused of
// ("suspected of attacking", "charged two officers with beating") and
// returns the group the act is put on, -1 when the sentence does not name
// it ("those suspected of attacking").
func (s *sent) embeddedAct(v verbHit, cl *clause) (holder int, ok bool) {
	p := v.s - 1
	if p > cl.s && (s.toks[p].norm == "having" || s.toks[p].norm == "been") {
		p--
	}
	if p > cl.s && s.toks[p].norm == "having" {
		p--
	}
	if p <= cl.s || !accusationLink(s.toks[p].norm) {
		return -1, false
	}
	k := p - 1
	if accusationWord(s.toks[k].norm) {
		// "four Serbs (who were) suspected of": the noun the words describe.
		j := k - 1
		be := false
		for j >= cl.s && j >= k-3 && (isBe(s.toks[j].norm) || s.toks[j].norm == "who" || adverb(s.toks[j].norm)) {
			be = be || isBe(s.toks[j].norm)
			j--
		}
		if j >= cl.s {
			if g := s.groupEnding(j); g >= 0 {
				return g, true
			}
		}
		// "its planes were responsible for air strikes": a predicate
		// whose subject is no actor is left to the clause's own reading.
		return -1, !be
	}
	// "charged two officers with beating": the object of the accusation.
	g := s.groupEnding(k)
	if g < 0 {
		return -1, false
	}
	j := s.grps[g].s - 1
	for j >= cl.s && j >= s.grps[g].s-3 && !accusationWord(s.toks[j].norm) && !s.toks[j].punct && !s.inAct[j] {
		j--
	}
	if j >= cl.s && accusationWord(s.toks[j].norm) {
		return g, true
	}
	return -1, false
}

// accuserUnnamed reports an accusation word used as a participle that
// describes the noun before it ("a man accused of killing", "Serbs
// suspected of"): the act of accusing has no author in the sentence.
func (s *sent) accuserUnnamed(v verbHit, cl *clause) bool {
	if !accusationWord(s.toks[v.s].norm) || v.s-1 < cl.s {
		return false
	}
	next := v.s + 1
	if next >= len(s.toks) || next > cl.e || !accusationLink(s.toks[next].norm) {
		return false
	}
	p := v.s - 1
	for p > cl.s && p >= v.s-2 && adverb(s.toks[p].norm) {
		p-- // "is now charged with"
	}
	prev := &s.toks[p]
	if prev.punct {
		return false
	}
	if s.inAct[p] {
		return true
	}
	switch prev.norm {
	case "has", "have", "had", "having", "who", "which", "that", "they", "he", "she", "it", "we", "i", "you":
		return false
	}
	return !isBe(prev.norm) && !s.has(p, kVerb)
}

// adverb tells the words that may stand between a subject and its verb
// without changing who does what ("now", "also", "reportedly").
func adverb(w string) bool {
	switch w {
	case "now", "also", "later", "then", "still", "since", "already", "once":
		return true
	}
	return len(w) > 4 && w[len(w)-2:] == "ly"
}

// relativeSubject returns the group a relative clause describes when the
// verb opens it ("Serb protesters who blocked the road": the protesters
// blocked it, not the sentence's subject), -1 otherwise.
func (s *sent) relativeSubject(v verbHit, cl *clause) int {
	k := v.s - 1
	for k > cl.s && k >= v.s-3 && (adverb(s.toks[k].norm) || s.toks[k].norm == "had" || s.toks[k].norm == "have" || s.toks[k].norm == "has") {
		k--
	}
	if k <= cl.s || s.toks[k].norm != "who" {
		return -1
	}
	return s.groupEnding(k - 1)
}

package coder

// Object guard (Faultline's coding): the verbs of violence are the words
// of every other fight too. "Fight crime", "battling oil prices", "kill a
// bill", "attacked the plan", "shot a 67": what a violent verb acts on
// tells whether anyone was hurt. A verb of force (roots 18 to 20, and
// violent repression) whose object is an abstract noun (a set of the
// dictionary, so users can extend it) or a score codes no event. The
// object is read, not the sentence: "police fought the rioters over
// prices" keeps its event because an actor comes first.

// abstractSynset names the synonym set of abstract nouns.
const abstractSynset = "abstract"

// forceCode tells the codes the object guard reads: assault, fight and
// mass violence (roots 18, 19, 20), violent repression (175) and threats
// of force (138).
func forceCode(code string) bool {
	if len(code) < 3 {
		return false
	}
	switch code[:3] {
	case "175", "138":
		return true
	}
	switch code[:2] {
	case "18", "19", "20":
		return true
	}
	return false
}

// objectParticle tells the words that may stand between a verb and its
// object: "fight against", "battle over", "kicks off".
func objectParticle(w string) bool {
	switch w {
	case "against", "over", "off", "for", "back", "down", "on":
		return true
	}
	return false
}

// abstractObject reports a verb whose object (the noun phrase after it,
// past one particle) holds no actor and either names an abstract thing or
// is a score ("shot a 67"); for a noun of violence, the noun phrase after
// its preposition.
func (s *sent) abstractObject(v verbHit, cl *clause, nominal bool) bool {
	j := v.e
	if nominal {
		// A noun's object follows a preposition: "a crackdown on
		// corruption", "the fight against piracy".
		if j >= cl.e {
			return false
		}
		switch s.toks[j].norm {
		case "on", "against", "over", "of":
			j++
		default:
			return false
		}
	} else if j+1 < cl.e && s.toks[j].norm == "to" {
		// A threat's object is its infinitive's: "vowed to fight crime".
		j += 2
	}
	if j < cl.e && objectParticle(s.toks[j].norm) {
		j++
	}
	end := j
	for end < cl.e && end < j+6 {
		t := &s.toks[end]
		if t.punct || isNPStop(t) {
			break
		}
		if s.groupStarting(end) >= 0 {
			return false // an actor is what the verb acts on
		}
		end++
	}
	if end == j {
		return false
	}
	// A score: "shot a 67", "carded a 5-under 66".
	if w := s.toks[j].norm; (w == "a" || w == "an") && isNumber(s.toks[end-1].norm) {
		return true
	}
	if s.c.abstract < 0 {
		return false
	}
	first := &s.c.synFirst[s.c.abstract]
	for k := j; k < end; k++ {
		if !first.may(s.pwAt(k)) {
			continue
		}
		for _, ph := range s.c.synsets[s.c.abstract] {
			if _, ok := s.wordsAt(ph, k, end, 0); ok {
				return true
			}
		}
	}
	return false
}

// isNumber tells a token of digits.
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

package coder

// Places as locations (Faultline's coding): a place name stands for its
// government only when it acts or is acted on as a polity ("Belgrade
// accused Pristina"); after "in", "near", "outside" it says where ("blocked
// the road in Leposavić", "in the village of Zubin Potok, police ...") and
// is neither the source nor the target of the clause. A verb pattern that
// puts its target there still binds it.

// locativePrep tells the prepositions of place. "at" is not one of them:
// "fired at Israel", "angry at Washington" name targets.
func locativePrep(w string) bool {
	switch w {
	case "in", "near", "outside", "around", "inside", "across", "throughout", "within", "nearby":
		return true
	}
	return false
}

// placeNoun tells the nouns of "the village of X".
func placeNoun(w string) bool {
	switch w {
	case "village", "villages", "town", "towns", "city", "cities", "region", "province", "district",
		"municipality", "area", "suburb", "suburbs", "outskirts", "capital", "border", "streets", "centre", "center":
		return true
	}
	return false
}

// placeCode tells an actor code a place name takes: a country (KSV) or its
// government (UKRGOV), with no agent added and a known country.
func placeCode(code string) bool {
	if len(code) < 3 || code[:3] == "---" {
		return false // "a source in the government" names no place
	}
	return len(code) == 3 || len(code) == 6 && code[3:] == "GOV"
}

// locative reports a group of place names that says where something
// happened: after a preposition of place (a determiner may stand
// between) or after "the village of".
func (s *sent) locative(g int) bool {
	if g < 0 || !s.c.opt.native {
		return false
	}
	gr := &s.grps[g]
	for _, m := range gr.members {
		if !placeCode(s.acts[m].code) || s.acts[m].agent >= 0 {
			return false
		}
	}
	k := gr.s - 1
	if k >= 0 && isDeterminer(s.toks[k].norm) {
		k--
	}
	if k < 0 {
		return false
	}
	if locativePrep(s.toks[k].norm) {
		return true
	}
	if s.toks[k].norm != "of" || k == 0 || !placeNoun(s.toks[k-1].norm) {
		return false
	}
	// "in the northern city of Mosul"; "withdrew from the city of Aden"
	// names what was left, and stays a target.
	for j := k - 2; j >= 0 && j >= k-5 && !s.toks[j].punct; j-- {
		if locativePrep(s.toks[j].norm) {
			return true
		}
	}
	return false
}

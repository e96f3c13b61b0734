package coder

import (
	"strings"

	faultline "github.com/faultline/faultline"
)

// Faultline's own coding (options.native): what careful human coders code
// in news, where it differs from TABARI's and PETRARCH's conventions.
//
//   - Every verb of a clause codes, not only the first: "NATO will send 700
//     peacekeepers to Kosovo, where 30 soldiers were injured in clashes"
//     holds two events. A verb that completes an earlier coded verb of its
//     clause ("urged them to talk") is part of that event.
//   - An event needs its action, not both actors: "five people were
//     arrested" is an arrest with no known actor; unknown actors are "".
//   - A passive without "by" takes its subject as the target ("30 soldiers
//     were injured"); the source then comes from "with X" in the clause
//     ("in clashes with demonstrators").
//   - Nouns of events code as their verbs where news uses them as events
//     (attack, clashes, arrest, protest, sanctions, talks): "the arrest of
//     X", "an attack on X by Y", "Russia's attack". Their actors come from
//     the noun phrase only, never from the clause's subject.
//   - A participle that describes a noun ("elections supported by
//     Pristina") is background: it codes only for material acts (roots 14
//     to 20), which event data track wherever they are mentioned.
//   - "has long sought": a standing position, not an event.
//   - A speaker who says something and has no verbal event of their own in
//     the sentence made a statement (010): it comes after the sentence's
//     other events, so the first event of a sentence is its main act.

// nominalRoot tells the roots whose nouns are coded as events.
func nominalRoot(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "04", "14", "16", "17", "18", "19", "20":
		return true
	}
	return false
}

// materialRoot tells codes of material conflict, protest and coercion.
func materialRoot(code string) bool {
	return len(code) >= 2 && code[:2] >= "14" && code[:2] <= "20"
}

// protestRoot tells codes of protest and obstruction (root 14), which
// happen in a place without being against it.
func protestRoot(code string) bool { return len(code) >= 2 && code[:2] == "14" }

// verbalRoot tells codes of verbal acts (roots 01 to 13).
func verbalRoot(code string) bool {
	return len(code) >= 2 && code[:2] >= "01" && code[:2] <= "13"
}

// isBe tells the forms of "be" (and "get") that make a passive.
func isBe(w string) bool {
	switch w {
	case "was", "were", "been", "is", "are", "be", "being", "got", "get", "gets":
		return true
	}
	return false
}

// passiveNoBy reports a passive verb: a form of "be" just before it (with
// at most two adverbs or negations between).
func (s *sent) passiveNoBy(v verbHit, cl *clause) bool {
	if !strings.HasSuffix(s.toks[v.e-1].norm, "ed") && !irregularParticiple(s.toks[v.s].norm) {
		return false
	}
	for k := v.s - 1; k >= cl.s && k >= v.s-3; k-- {
		w := s.toks[k].norm
		if isBe(w) {
			return true
		}
		if s.toks[k].punct || s.inAct[k] {
			return false
		}
	}
	return false
}

func irregularParticiple(w string) bool {
	switch w {
	case "shot", "hit", "held", "taken", "beaten", "struck", "hurt", "killed", "caught", "sent", "seized", "thrown", "slain", "stabbed":
		return true
	}
	return false
}

// agentAfter finds the actor of "by X" (or, for clashes, "with X") after
// the verb in the clause: the source of a passive without a direct "by".
func (s *sent) agentAfter(v verbHit, cl *clause, not int) int {
	for k := v.e; k < cl.e; k++ {
		switch s.toks[k].norm {
		case "by", "with", "between":
			if g := s.groupStarting(k + 1); g >= 0 && g != not {
				return g
			}
			if k+2 < cl.e && isDeterminer(s.toks[k+1].norm) {
				if g := s.groupStarting(k + 2); g >= 0 && g != not {
					return g
				}
			}
		}
	}
	// "injured in confrontations with local Serb demonstrators": the
	// actor may follow adjectives after "with".
	for k := v.e; k < cl.e; k++ {
		if s.toks[k].norm != "with" && s.toks[k].norm != "by" {
			continue
		}
		for j := k + 1; j < cl.e && j <= k+4; j++ {
			if s.toks[j].punct {
				break
			}
			if g := s.groupStarting(j); g >= 0 && g != not {
				return g
			}
		}
	}
	return -1
}

// reducedRelative reports a participle that describes the noun before it
// ("elections supported by Pristina", "the men arrested last week"): the
// word before is a plain word, not an actor, a form of "be" or "have".
func (s *sent) reducedRelative(v verbHit, cl *clause) bool {
	if v.s == 0 || v.s-1 < cl.s || !strings.HasSuffix(s.toks[v.e-1].norm, "ed") {
		return false
	}
	p := &s.toks[v.s-1]
	if p.punct {
		return false
	}
	if s.inAct[v.s-1] {
		// After an actor only a passive with its agent is descriptive
		// ("authorities supported by the West"): "Serbia attacked" is not.
		if v.e >= cl.e || s.toks[v.e].norm != "by" {
			return false
		}
		return true
	}
	switch p.norm {
	case "has", "have", "had", "having", "who", "which", "that", "and", "or", "but", "not", "never", "also", "then", "they", "he", "she", "it", "we", "i", "you", "reportedly", "allegedly":
		return false
	}
	if isBe(p.norm) || strings.HasSuffix(p.norm, "ly") {
		return false
	}
	return true
}

// longStanding reports "has long sought", "have long demanded": a position
// held for years, not an event of the day.
func (s *sent) longStanding(v verbHit, cl *clause) bool {
	for k := v.s - 1; k >= cl.s && k >= v.s-3; k-- {
		if s.toks[k].norm == "long" && k > 0 {
			switch s.toks[k-1].norm {
			case "has", "have", "had":
				return true
			}
		}
	}
	return false
}

// complementOf reports a verb that completes an earlier coded verb of its
// clause: "to" just before it ("urged Serbia to withdraw").
func (s *sent) complementOf(v verbHit, cl *clause, coded int) bool {
	if coded < 0 || coded >= v.s {
		return false
	}
	for k := v.s - 1; k >= cl.s && k >= v.s-2; k-- {
		if s.toks[k].norm == "to" {
			return true
		}
	}
	return false
}

// nominalActors finds the actors of an event noun: the source is a
// possessive actor just before it ("Russia's attack") or "by X" after it;
// the target is "of/on/against/at/with X" after it.
func (s *sent) nominalActors(v verbHit, cl *clause) (src, tgt int) {
	src, tgt = -1, -1
	j := v.s - 1
	for j >= cl.s && j >= v.s-3 && !s.toks[j].punct && s.groupEnding(j) < 0 && s.has(j, kAdj) {
		j--
	}
	// Only a possessive names the author: "Gujarat violence", "Gaza
	// attack" name a place or a victim.
	if g := s.groupEnding(j); g >= 0 && j >= cl.s && s.toks[j].poss {
		src = g
	}
	for k := v.e; k < cl.e && k <= v.e+2; k++ {
		w := s.toks[k].norm
		var g int = -1
		if k+1 < cl.e {
			g = s.groupStarting(k + 1)
		}
		switch w {
		case "by":
			if g >= 0 && src < 0 {
				src = g
			}
		case "of", "on", "against", "at", "with", "in", "between":
			if g >= 0 && tgt < 0 && g != src && !s.locative(g) {
				tgt = g
			}
		}
	}
	return src, tgt
}

// saidForm tells the plain reporting verbs whose speaker makes a
// statement (010) when nothing more specific is coded for them.
func saidForm(w string) bool {
	switch w {
	case "said", "says", "say", "saying", "told", "tells", "stated", "added", "adds", "remarked",
		"speaks", "spoke", "speaking", "commented", "quoted":
		return true
	}
	return false
}

// statement builds the fallback statement of a speaker group.
func (s *sent) statement(evs []raw, speaker int, v verbHit, cl *clause) []raw {
	for _, a := range s.members(speaker) {
		evs = append(evs, raw{src: a, tgt: -1, code: "010", verb: v, mod: s.modality(v, cl), speaker: -1})
	}
	return evs
}

// hasVerbalFrom reports an event among evs whose source is in group g and
// whose code is verbal (01 to 13).
func (s *sent) hasVerbalFrom(evs []raw, g int) bool {
	for _, e := range evs {
		if e.src < 0 || !verbalRoot(e.code) {
			continue
		}
		for _, m := range s.members(g) {
			if e.src == m || s.acts[e.src].code == s.acts[m].code {
				return true
			}
		}
	}
	return false
}

var _ = faultline.Asserted

// codeNative codes the clauses of a sentence in Faultline's conventions.
func (s *sent) codeNative(cls []clause, evs []raw) ([]raw, sentOutcome) {
	var out sentOutcome
	subj := s.subjects(cls)
	type said struct {
		v  verbHit
		ci int
	}
	var saids [4]said
	sd := saids[:0]
	first := len(evs)
	for ci := range cls {
		cl := &cls[ci]
		coded := -1  // token of the last verb of the clause that coded
		verbal := -1 // token of the first verb of the clause that coded a verbal act
	verbs:
		for _, v := range s.verbs {
			if v.s < cl.s || v.e > cl.e {
				continue
			}
			vv := &s.c.verbs[v.verb]
			if s.complementOf(v, cl, coded) || s.longStanding(v, cl) {
				continue
			}
			speech := s.isSpeech(v)
			code, code2 := "", ""
			b := binding{src: -1, tgt: -1}
			matched := false
			if p, bb := s.matchVerb(vv, v.s, v.e, 0, cl.win); p != nil {
				b, matched = bb, true
				code, code2 = p.code, p.code2
				if p.null {
					code = ""
				}
			}
			if saidForm(s.toks[v.s].norm) && (!matched || code == "" || code == "010" && b.tgt < 0) {
				// "officials said": the dictionary's null patterns keep the
				// field's coders quiet; here the speaker's statement is
				// decided once the sentence is coded.
				sd = append(sd, said{v, ci})
				continue
			}
			if !matched {
				if speech {
					if saidForm(s.toks[v.s].norm) {
						sd = append(sd, said{v, ci})
					}
					continue
				}
				if vv.null {
					continue
				}
				code, code2 = vv.code, vv.code2
			}
			code, code2 = splitPaired(code, code2)
			code = strings.TrimRight(code, "?!")
			switch code {
			case "":
				continue verbs
			case "###":
				out.discard = true
				return evs, out
			case "+++":
				continue verbs // too uncertain: no event, but the sentence stays
			}
			// A noun of violence takes no subject as its author ("Gujarat
			// killings"); nouns of talk ("condemnation") keep the clause's
			// subject as their speaker ("X voiced its condemnation").
			nominal := v.nominal || s.afterPreposition(v, cl) || materialRoot(code) && s.nounForm(v)
			doubt := false
			if t, ok := s.treeNominal(v); ok {
				// Which words are events stays word order's call (the
				// dictionaries were tuned to it); where the parse reads
				// the word otherwise, its tree is no guide to the roles.
				doubt = t != nominal
			} else {
				// "NATO is responsible for": a predicate adjective has no
				// agent; the dictionary's pattern reads it.
				doubt = s.depOK()
			}
			v.nominal = nominal
			if nominal && (!nominalRoot(code) || verbal >= 0 && verbal < v.s) {
				// A noun after a verbal act of its clause is what the act
				// is about: "demanded the arrest of", "condemned the attack".
				continue
			}
			if !nominal && !materialRoot(code) && s.reducedRelative(v, cl) {
				continue
			}
			if forceCode(code) && s.abstractObject(v, cl, nominal) {
				continue // "fight crime", "kill a bill", "shot a 67"
			}
			if s.accuserUnnamed(v, cl) {
				continue // "a man accused of killing": no accuser named
			}
			before := len(evs)
			src, tgt := b.src, b.tgt
			if holder, ok := s.embeddedAct(v, cl); ok {
				// "Serbs suspected of attacking the peacekeepers": the
				// act is theirs, or no one's, never the clause subject's.
				if holder < 0 {
					continue verbs
				}
				if tgt < 0 || tgt == holder {
					tgt = s.targetAfter(v.e, cl.e, holder)
				}
				v.nominal = false
				evs = s.nativePair(evs, holder, tgt, code, code2, v, cl, subj[ci])
				if len(evs) > before {
					coded = v.s
				}
				continue verbs
			}
			if r, ok := s.treeRoles(v, nominal); ok && !doubt && (!b.compound || len(r.src) >= 2 && len(r.tgt) == 0) {
				if b.compound {
					// "Serbia and Kosovo agreed": each with the other.
					r.src, r.tgt, r.mutual = r.tgt, r.src, true
				}
				s.postureRoles(code, &r)
				if len(r.src) == 0 && b.src >= 0 && !r.mutual {
					// The pattern bound a source the parse did not see.
					for _, m := range s.members(b.src) {
						if !slicesHas(r.tgt, m) {
							r.src = append(r.src, m)
						}
					}
				}
				if !r.mutual {
					r = s.fillRoles(r, v, cl, subj[ci], code)
				}
				if len(r.tgt) == 0 && len(r.src) > 0 && !r.mutual && armedRoot(code) {
					r.tgt = s.armedPlace(r)
				}
				if b.tgt >= 0 && !r.mutual && !nominal && s.boundUnder(b.tgt, s.rhead) && s.mayFill(b.tgt, roles{src: r.src}, false, code) {
					// The pattern bound a target the verb governs ("send
					// troops to X"): the dictionary knows the verb's frame.
					r.tgt = r.tgt[:0]
					for _, m := range s.members(b.tgt) {
						if !slicesHas(r.src, m) {
							r.tgt = append(r.tgt, m)
						}
					}
				}
				evs = s.treePair(evs, r, code, code2, v, cl)
				if len(evs) > before {
					coded = v.s
					if verbalRoot(code) && verbal < 0 {
						verbal = v.s
					}
				}
				continue verbs
			}
			if w := s.relativeSubject(v, cl); w >= 0 && !nominal && !b.compound && w != tgt && (src < 0 || s.grps[src].e <= s.grps[w].s) {
				src = w // "protesters who blocked the road": theirs
			}
			switch {
			case b.compound:
				evs = s.compoundEvents(evs, src, code, code2, v, cl)
			case nominal:
				ns, nt := s.nominalActors(v, cl)
				if src < 0 {
					src = ns
				}
				if src < 0 && s.lightVerbBefore(v, cl) {
					// "X carried out a chemical attack": the noun is the
					// object of a verb that only says X did it.
					if g := subj[ci]; g >= 0 && s.grps[g].e <= v.s && g != nt {
						src = g
					}
				}
				if tgt < 0 && nt != src {
					tgt = nt
				}
				if src < 0 && tgt >= 0 && s.between2(tgt) {
					// "clashes between A and B": each against the other.
					evs = s.compoundEvents(evs, tgt, code, code, v, cl)
					break
				}
				evs = s.nativePair(evs, src, tgt, code, code2, v, cl, subj[ci])
			default:
				if src < 0 && tgt >= 0 && s.passiveAgent(v, cl) == tgt {
					// "were boycotted by Serb voters": a pattern took the
					// agent after "by" for the target.
					src, tgt = tgt, -1
					if g := subj[ci]; g >= 0 && g != src && s.grps[g].s < v.s {
						tgt = g
					}
				}
				if src < 0 && tgt < 0 {
					if by := s.passiveAgent(v, cl); by >= 0 {
						src, tgt = by, subj[ci]
					} else if s.passiveNoBy(v, cl) {
						if !materialRoot(code) {
							// "X was accused": a verbal act without its
							// author is no event.
							continue verbs
						}
						tgt = subj[ci]
						src = s.agentAfter(v, cl, tgt)
						if tgt >= 0 && s.grps[tgt].s > v.s {
							tgt = -1
						}
						evs = s.nativePair(evs, src, tgt, code, code2, v, cl, subj[ci])
						break
					}
				}
				if len(evs) == before {
					if src < 0 && tgt < 0 && s.between2(s.groupAfterWord(v, cl, "between")) {
						evs = s.compoundEvents(evs, s.groupAfterWord(v, cl, "between"), code, code, v, cl)
						break
					}
					if src < 0 {
						src = subj[ci]
						if src >= 0 && (s.grps[src].s >= v.s || src == tgt) {
							src = -1
						}
					}
					if tgt < 0 {
						tgt = s.targetAfter(v.e, cl.e, src)
						for tgt >= 0 && protestRoot(code) && s.locative(tgt) {
							// "blocked the road in Leposavić", "rallied in
							// Belgrade": a protest where, not against whom.
							tgt = s.targetAfter(s.grps[tgt].e, cl.e, src)
						}
					}
					evs = s.nativePair(evs, src, tgt, code, code2, v, cl, subj[ci])
				}
			}
			if len(evs) > before {
				coded = v.s
				if verbalRoot(code) && verbal < 0 {
					verbal = v.s
				}
			}
		}
	}
	if s.c.disaster >= 0 {
		here := s.in(&s.c.disasterP)
		if here {
			s.disasterSeen = true
		}
		if (here || s.disasterSeen) && s.hasViolence(evs[first:]) && !s.in(&s.c.weaponP) {
			// A disaster named earlier in the story explains only the
			// harm whose author is not named.
			evs = dropViolence(evs, first, !here)
		}
	}
	// Statements: a speaker with no verbal event of their own.
	for _, x := range sd {
		g := subj[x.ci]
		if g < 0 || s.grps[g].s > x.v.s {
			// "..., X said": the speaker follows the verb.
			g = s.groupAfter(x.v.e, cls[x.ci].e, -1)
			if g < 0 {
				continue
			}
		}
		if s.hasVerbalFrom(evs[first:], g) || s.reported(x.v, evs[first:]) {
			continue
		}
		evs = s.statement(evs, g, x.v, &cls[x.ci])
	}
	return evs, out
}

// nativePair is pairEvents for Faultline's coding: a missing actor is "".
// An event with no actor at all codes only when its words alone say what
// happened (see actorless).
func (s *sent) nativePair(evs []raw, src, tgt int, code, code2 string, v verbHit, cl *clause, subj int) []raw {
	if src < 0 && tgt < 0 && !actorless(code, v.nominal) {
		return evs
	}
	if tgt < 0 && cooperation(code) {
		// Cooperation is with someone: "supported the initiative" names
		// no one it cooperates with.
		return evs
	}
	if tgt < 0 && code == "010" {
		// A plain statement with no one addressed: only a speaker with
		// nothing more specific makes one (see codeNative).
		return evs
	}
	srcs, tgts := s.members(src), s.members(tgt)
	if len(srcs) == 0 {
		srcs = []int{-1}
	}
	if len(tgts) == 0 {
		tgts = []int{-1}
	}
	mod := s.modality(v, cl)
	for _, a := range srcs {
		for _, b := range tgts {
			if a >= 0 && b >= 0 && s.acts[a].code == s.acts[b].code {
				continue
			}
			evs = append(evs, raw{src: a, tgt: b, code: code, verb: v, mod: mod, speaker: -1})
			if code2 != "" && a >= 0 && b >= 0 {
				evs = append(evs, raw{src: b, tgt: a, code: code2, verb: v, mod: mod, speaker: -1})
			}
		}
	}
	return evs
}

// actorless tells the codes an event may have with no actor at all:
// protests, arrests and detentions, and the repression of crowds ("five
// people were arrested", "demonstrators took to the streets"; "arrests
// were made"). Violence with neither side named is coded only from a verb
// ("clashes broke out"), never from a noun alone: "the attack", "the
// killings" in news mostly refer back to an event already reported.
func actorless(code string, nominal bool) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "14":
		return true
	case "17":
		return strings.HasPrefix(code, "173") || strings.HasPrefix(code, "174") || strings.HasPrefix(code, "175")
	case "18", "19", "20":
		return false && !nominal
	}
	return false
}

// disasterSynset names the synonym set of disasters, accidents and
// disease: in a sentence that names one, deaths, injuries and damage are
// what the disaster did, not political violence ("an earthquake killed
// eight people", "workers were hurt when a boiler exploded").
const disasterSynset = "disaster"

// weaponSynset names the set of explosive weapons: a sentence that names
// one reports an attack even beside a disaster word ("a bomb exploded in
// the factory").
const weaponSynset = "explosive"

// quietInDisaster tells the codes a disaster sentence does not give:
// violence, destruction of property and shows of force; arrests,
// repression of crowds and protests stay.
func quietInDisaster(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "15", "18", "19", "20":
		return true
	case "17":
		return !strings.HasPrefix(code, "173") && !strings.HasPrefix(code, "175")
	}
	return false
}

func (s *sent) hasViolence(evs []raw) bool {
	for i := range evs {
		if quietInDisaster(evs[i].code) {
			return true
		}
	}
	return false
}

// dropViolence removes the events from first on that a disaster explains;
// only those with no source when unnamed is set.
func dropViolence(evs []raw, first int, unnamed bool) []raw {
	out := evs[:first]
	for _, e := range evs[first:] {
		if !quietInDisaster(e.code) || unnamed && e.src >= 0 {
			out = append(out, e)
		}
	}
	return out
}

// histActor is an actor met earlier in the document.
type histActor struct {
	code string
	mil  bool // a military or peacekeeping force
}

// maxHist bounds how far back in a document an agent looks for its actor.
const maxHist = 64

// resolve gives underspecified actors the actor they stand for in the
// story so far, as a reader does: bare "peacekeepers" (IGO) are the force
// of the international organisation last named ("NATO will send
// peacekeepers"); an agent with no actor ("soldiers", "protesters",
// "police") belongs to the last actor named with that role ("Serb
// demonstrators ... the protesters"); soldiers and battalions also to the
// last force named. It returns the history with this sentence's actors.
func (s *sent) resolve(hist []histActor) []histActor {
	start := len(hist)
	for i := range s.acts {
		a := &s.acts[i]
		code := a.code
		mil := code == "IGO" || strings.HasSuffix(code, "MIL")
		switch {
		case code == "IGO":
			if c, ok := findHist(hist, func(h histActor) bool { return len(h.code) > 3 && strings.HasPrefix(h.code, "IGO") }); ok {
				a.code = c
			}
		case strings.HasPrefix(code, "---") && len(code) > 3:
			role := code[3:]
			if c, ok := findHist(hist, func(h histActor) bool {
				if strings.HasPrefix(h.code, "---") || len(h.code) <= len(role) {
					return false
				}
				return strings.HasSuffix(h.code, role) || role == "MIL" && h.mil
			}); ok {
				a.code = c
			}
		}
		hist = append(hist, histActor{code: a.code, mil: mil})
	}
	if len(hist) > maxHist {
		n := copy(hist, hist[len(hist)-maxHist:])
		hist = hist[:n]
	}
	_ = start
	return hist
}

// findHist returns the code of the latest actor in hist that ok accepts.
func findHist(hist []histActor, ok func(histActor) bool) (string, bool) {
	for i := len(hist) - 1; i >= 0; i-- {
		if ok(hist[i]) {
			return hist[i].code, true
		}
	}
	return "", false
}

// afterPreposition reports a verb-like word right after a preposition:
// a noun ("an increase in hostilities", "injured in confrontations").
func (s *sent) afterPreposition(v verbHit, cl *clause) bool {
	if v.s == 0 || v.s-1 < cl.s {
		return false
	}
	switch s.toks[v.s-1].norm {
	case "in", "of", "for", "about", "over", "against", "during", "after", "amid", "despite", "following":
		return true
	}
	return false
}

// between2 reports a compound group right after "between".
func (s *sent) between2(g int) bool {
	if g < 0 || len(s.grps[g].members) < 2 {
		return false
	}
	k := s.grps[g].s - 1
	if k >= 0 && isDeterminer(s.toks[k].norm) {
		k--
	}
	return k >= 0 && s.toks[k].norm == "between"
}

// groupAfterWord returns the group that follows word w after the verb in
// the clause (a determiner may stand between), or -1.
func (s *sent) groupAfterWord(v verbHit, cl *clause, w string) int {
	for k := v.e; k < cl.e; k++ {
		if s.toks[k].norm != w {
			continue
		}
		if g := s.groupStarting(k + 1); g >= 0 {
			return g
		}
		return -1
	}
	return -1
}

// cooperation tells the roots of cooperation, verbal and material (03 to
// 08), which need the actor cooperated with.
func cooperation(code string) bool {
	return len(code) >= 2 && code[:2] >= "03" && code[:2] <= "08"
}

// nounForm reports a verb-like word that is a noun by its form or its
// place: plural gerunds and -tion nouns ("killings", "detentions"), a
// word after a possessive, or one after a name that follows a determiner
// ("the Godhra massacre").
func (s *sent) nounForm(v verbHit) bool {
	w := s.toks[v.e-1].norm
	if strings.HasSuffix(w, "ings") || strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "tions") {
		return true
	}
	if v.s == 0 {
		return false
	}
	if s.toks[v.s-1].poss {
		return true
	}
	if g := s.groupEnding(v.s - 1); g >= 0 {
		k := s.grps[g].s - 1
		if k >= 0 && isDeterminer(s.toks[k].norm) {
			return true
		}
	}
	return false
}

// lightVerbBefore reports a verb that only says its subject did what the
// event noun after it names ("carried out an attack", "launched a raid",
// "staged a protest"), at most four words before the noun.
func (s *sent) lightVerbBefore(v verbHit, cl *clause) bool {
	for k := v.s - 1; k >= cl.s && k >= v.s-5; k-- {
		if s.compoundTail(k) {
			continue // "test-fired a missile" is no attack
		}
		switch s.toks[k].norm {
		case "carried", "carry", "carries", "carrying", "launched", "launch", "launches", "launching",
			"staged", "stage", "stages", "staging", "conducted", "conduct", "conducts", "conducting",
			"mounted", "mount", "mounts", "mounting", "perpetrated", "committed", "unleashed",
			"dropped", "fired", "detonated", "planted", "hurled", "lobbed", "threw", "set", "exploded":
			return true
		}
		if s.toks[k].punct {
			return false
		}
	}
	return false
}

package coder

import (
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

// raw is an event before it is written out: group members by index.
type raw struct {
	src, tgt   int // actor indexes, -1 for a default actor
	srcDefault string
	tgtDefault string
	code       string
	verb       verbHit
	mod        faultline.Modality
	speaker    int // actor index of who said it, -1
}

// sentOutcome is what coding one sentence gives besides events.
type sentOutcome struct {
	discard bool // a ### code dropped the sentence
	complex bool
}

// codeClauses codes each clause of the sentence, appending raw events.
func (s *sent) codeClauses(cls []clause, evs []raw) ([]raw, sentOutcome) {
	if s.c.opt.native {
		return s.codeNative(cls, evs)
	}
	var out sentOutcome
	subj := s.subjects(cls)
clauses:
	for ci := range cls {
		cl := &cls[ci]
		for _, v := range s.verbs {
			if v.s < cl.s || v.e > cl.e {
				continue
			}
			vv := &s.c.verbs[v.verb]
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
			if !matched {
				// A reporting verb codes only when a lone source is an
				// event (require_dyad=false: "officials said", ---GOV/---/023).
				if speech && (s.c.opt.requireDyad || !s.hasObject(v, cl)) || vv.null {
					continue
				}
				code, code2 = vv.code, vv.code2
			}
			code, code2 = splitPaired(code, code2)
			code = strings.TrimRight(code, "?!")
			switch code {
			case "":
				if matched {
					// A [---] pattern: this verb gives no event here.
					continue clauses
				}
				continue
			case "###":
				out.discard = true
				return evs, out
			case "+++":
				out.complex = true
				return evs, out
			}
			{
				before := len(evs)
				src, tgt := b.src, b.tgt
				passive := false
				if src < 0 && tgt < 0 && !b.compound {
					if by := s.passiveAgent(v, cl); by >= 0 {
						src, tgt, passive = by, subj[ci], true
					}
				}
				if src < 0 && !passive {
					src = subj[ci]
					if src >= 0 && (s.grps[src].s >= v.s || src == tgt) {
						src = -1
					}
					// With no subject, TABARI takes the first actor after the
					// verb as the source, unless a default source comes first.
					if src < 0 && !(s.c.opt.defSource != "" && s.c.opt.defPrior) {
						src = s.groupAfter(v.e, cl.e, tgt)
					}
				}
				if tgt < 0 && !passive {
					tgt = s.targetAfter(v.e, cl.e, src)
					if tgt < 0 && s.c.opt.tabari && cl.speaker > ci {
						// TABARI reads no attribution clause: the target may
						// be the speaker of ", a Bree official said".
						tgt = s.targetAfter(v.e, cls[cl.speaker].e, src)
					}
					if tgt < 0 && s.c.opt.codeBy == codeAll {
						// TABARI: with no target after the verb, the first
						// other actor before it ("X urged Y to assist it").
						tgt = s.targetBefore(cl.s, v.s, src)
					}
				}
				if b.compound {
					evs = s.compoundEvents(evs, src, code, code2, v, cl)
				} else {
					evs = s.pairEvents(evs, src, tgt, code, code2, v, cls, cl, subj)
				}
				if len(evs) > before {
					switch s.c.opt.codeBy {
					case codeBySentence:
						return evs, out
					case codeAll:
						continue
					}
					continue clauses
				}
			}
		}
	}
	return evs, out
}

// splitPaired splits a "c1:c2" code.
func splitPaired(code, code2 string) (string, string) {
	if i := strings.IndexByte(code, ':'); i >= 0 && code2 == "" {
		return code[:i], code[i+1:]
	}
	return code, code2
}

// passiveAgent finds X in "was attacked by X": a form of "be" just before
// the verb and "by" after it. It returns X's group or -1.
func (s *sent) passiveAgent(v verbHit, cl *clause) int {
	be := false
	for k := v.s - 1; k >= cl.s && k >= v.s-3; k-- {
		switch s.toks[k].norm {
		case "was", "were", "been", "is", "are", "be", "being":
			be = true
		}
		if be {
			break
		}
	}
	if !be {
		return -1
	}
	for k := v.e; k < cl.e && k <= v.e+3; k++ {
		if s.toks[k].norm == "by" {
			return s.groupAfter(k+1, cl.e, -1)
		}
	}
	return -1
}

// groupAfter returns the first actor group starting in [from, to) other
// than not, or -1.
func (s *sent) groupAfter(from, to, not int) int {
	for gi := range s.grps {
		g := &s.grps[gi]
		if g.s >= from && g.s < to && gi != not {
			return gi
		}
	}
	return -1
}

// hasObject reports words after the verb in its clause other than a bare
// time word: PETRARCH's parse makes "said on Saturday" a verb with an
// object, while "said today" has only a temporal noun phrase.
func (s *sent) hasObject(v verbHit, cl *clause) bool {
	for k := v.e; k < cl.e; k++ {
		t := &s.toks[k]
		if t.punct || isTimeWord(t.norm) {
			continue
		}
		return true
	}
	return false
}

func isTimeWord(w string) bool {
	switch w {
	case "today", "yesterday", "tomorrow", "tonight", "now", "later", "earlier",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// targetAfter is groupAfter that also passes over a group standing for
// the same actors as the source (a pronoun for the subject: "assist it").
func (s *sent) targetAfter(from, to, src int) int {
	for gi := range s.grps {
		g := &s.grps[gi]
		if g.s >= from && g.s < to && gi != src && !s.sameActors(gi, src) {
			return gi
		}
	}
	return -1
}

// targetBefore returns the first group in [from, to) that is neither the
// source nor the same actors, or -1.
func (s *sent) targetBefore(from, to, src int) int {
	for gi := range s.grps {
		g := &s.grps[gi]
		if g.s >= from && g.e <= to && gi != src && !s.sameActors(gi, src) {
			return gi
		}
	}
	return -1
}

// sameActors reports two groups of the same actor codes.
func (s *sent) sameActors(a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	ma, mb := s.grps[a].members, s.grps[b].members
	if len(ma) != len(mb) {
		return false
	}
	for i := range ma {
		if s.acts[ma[i]].code != s.acts[mb[i]].code {
			return false
		}
	}
	return true
}

// negated looks for a negation between the clause start and the verb.
func (s *sent) negated(v verbHit, cl *clause) bool {
	for k := v.s - 1; k >= cl.s && k >= v.s-4; k-- {
		switch s.toks[k].norm {
		case "not", "never", "no":
			return true
		}
	}
	return false
}

func (s *sent) modality(v verbHit, cl *clause) faultline.Modality {
	if s.negated(v, cl) {
		return faultline.Negated
	}
	return faultline.Asserted
}

// pairEvents emits one event for each source member and target member,
// and the reverse events of a paired code.
func (s *sent) pairEvents(evs []raw, src, tgt int, code, code2 string, v verbHit, cls []clause, cl *clause, subj []int) []raw {
	opt := &s.c.opt
	srcs, tgts := s.members(src), s.members(tgt)
	srcDef, tgtDef := "", ""
	if len(srcs) == 0 {
		if opt.defSource == "" && opt.requireDyad {
			return evs
		}
		srcDef = opt.defSource
		if srcDef == "" {
			srcDef = "---"
		}
		srcs = []int{-1}
	}
	if len(tgts) == 0 {
		if opt.defTarget == "" && opt.requireDyad {
			return evs
		}
		tgtDef = opt.defTarget
		if tgtDef == "" {
			tgtDef = "---"
		}
		tgts = []int{-1}
	}
	speaker := -1
	if cl.speaker >= 0 {
		if g := subj[cl.speaker]; g >= 0 {
			speaker = s.grps[g].members[0]
		}
	}
	mod := s.modality(v, cl)
	for _, a := range srcs {
		for _, b := range tgts {
			if a >= 0 && b >= 0 && s.acts[a].code == s.acts[b].code {
				continue
			}
			evs = append(evs, raw{src: a, tgt: b, srcDefault: srcDef, tgtDefault: tgtDef, code: code, verb: v, mod: mod, speaker: speaker})
			if code2 != "" {
				evs = append(evs, raw{src: b, tgt: a, srcDefault: tgtDef, tgtDefault: srcDef, code: code2, verb: v, mod: mod, speaker: speaker})
			}
		}
	}
	return evs
}

// compoundEvents codes a % pattern: every member against every other.
func (s *sent) compoundEvents(evs []raw, g int, code, code2 string, v verbHit, cl *clause) []raw {
	ms := s.members(g)
	mod := s.modality(v, cl)
	for _, a := range ms {
		for _, b := range ms {
			if a == b || s.acts[a].code == s.acts[b].code {
				continue
			}
			evs = append(evs, raw{src: a, tgt: b, code: code, verb: v, mod: mod, speaker: -1})
		}
	}
	return evs
}

func (s *sent) members(g int) []int {
	if g < 0 {
		return nil
	}
	return s.grps[g].members
}

// emit turns raw events into events of the document.
func (s *sent) emit(dst []faultline.Event, evs []raw, doc *faultline.Document, si int, date string, sentSpan faultline.Span) []faultline.Event {
	prefix := doc.ID + ":" + strconv.Itoa(si) + ":"
	for n, r := range evs {
		vs, ve := s.toks[r.verb.s].start, s.toks[r.verb.e-1].end
		ev := faultline.Event{
			ID:         prefix + strconv.Itoa(n),
			DocID:      doc.ID,
			Sentence:   si,
			Date:       date,
			CAMEO:      r.code,
			Modality:   r.mod,
			Quantities: map[string]int{},
			Verb:       faultline.Span{Start: vs, End: ve},
		}
		lo, hi := vs, ve
		ev.Source = s.ref(doc, r.src, r.srcDefault, &lo, &hi)
		ev.Target = s.ref(doc, r.tgt, r.tgtDefault, &lo, &hi)
		if r.speaker >= 0 {
			a := &s.acts[r.speaker]
			ev.Attribution = faultline.Attribution{Code: a.code, Text: doc.Text[s.toks[a.s].start:s.toks[a.e-1].end]}
		}
		if lo < sentSpan.Start {
			lo = sentSpan.Start
		}
		if hi > sentSpan.End {
			hi = sentSpan.End
		}
		ev.Evidence = faultline.Span{Start: lo, End: hi}
		dst = append(dst, ev)
	}
	return dst
}

func (s *sent) ref(doc *faultline.Document, a int, def string, lo, hi *int) faultline.ActorRef {
	if a < 0 {
		return faultline.ActorRef{Code: def}
	}
	ac := &s.acts[a]
	ts, te := s.npSpan(a)
	st, en := s.toks[ts].start, s.toks[te-1].end
	if st < *lo {
		*lo = st
	}
	if en > *hi {
		*hi = en
	}
	return faultline.ActorRef{Code: ac.code, Text: doc.Text[st:en], Start: st, End: en}
}

// subjects finds the subject group of each clause, -1 when none: a
// clause's own (its first actor group before its first verb), then the
// inherited ones, so that a reporting clause at the end of the sentence
// can attribute those before it.
func (s *sent) subjects(cls []clause) []int {
	// The subject group of each clause, -1; the slice is the sentence's
	// scratch, good until the next call.
	subj := s.subj[:0]
	for range cls {
		subj = append(subj, -1)
	}
	s.subj = subj
	// Subjects first: a clause's own (its first actor group before its
	// first verb), then the inherited ones, so that a reporting clause at
	// the end of the sentence can attribute those before it.
	for ci := range cls {
		cl := &cls[ci]
		firstVerb := cl.e
		for _, v := range s.verbs {
			if v.s >= cl.s && v.s < cl.e {
				firstVerb = v.s
				break
			}
		}
		place := -1
		for gi := range s.grps {
			if g := &s.grps[gi]; g.s >= cl.s && g.e <= firstVerb {
				if s.locative(gi) {
					// "In the village of Zubin Potok, police arrested":
					// where, not who, unless the clause names no one else.
					if place < 0 {
						place = gi
					}
					continue
				}
				subj[ci] = gi
				break
			}
		}
		if subj[ci] < 0 {
			subj[ci] = place
		}
	}
	for ci := range cls {
		cl := &cls[ci]
		if subj[ci] < 0 && cl.speaker >= 0 && cl.speaker < ci {
			subj[ci] = subj[cl.speaker]
		} else if subj[ci] < 0 && cl.cont && ci > 0 {
			subj[ci] = subj[ci-1]
		}
	}
	return subj
}

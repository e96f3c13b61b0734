package coder

import (
	"sort"

	"github.com/faultline/faultline/dict"
)

// pelem is one compiled element of a verb pattern.
type pelem struct {
	kind dict.ElemKind
	w    cword     // ElemWord
	alts [][]cword // ElemAlt; ElemSynset uses the synset's phrases
	syn  int32     // ElemSynset
	// first, last: the words an alternative may begin and end with (ElemAlt).
	first, last *firstSet
	// gap: other words may stand between this element and its neighbour
	// toward the verb (for elements after the verb: the one before it; for
	// those before it: the one after it).
	gap bool
}

// cpattern is a compiled verb pattern: the elements before the verb in
// reverse order (nearest first), those after it in order, and the literal
// words that must occur in the sentence for it to have any chance.
type cpattern struct {
	pre, post []pelem
	req       []int32
	code      string
	code2     string
	null      bool
	weight    int
}

func (c *Coder) compilePattern(p *dict.Pattern, syn map[string]int32) cpattern {
	cp := cpattern{code: p.Code, code2: p.Code2, null: p.Null || p.Code == "---"}
	verbAt := -1
	for i, e := range p.Elems {
		if e.Kind == dict.ElemVerb {
			verbAt = i
			break
		}
	}
	// A pattern without * reads as if the verb came first.
	elems := p.Elems
	if verbAt < 0 {
		elems = append([]dict.Elem{{Kind: dict.ElemVerb}}, elems...)
		verbAt = 0
	}
	conv := func(e dict.Elem) pelem {
		pe := pelem{kind: e.Kind, syn: -1, gap: e.Gap}
		switch e.Kind {
		case dict.ElemWord:
			pe.w = compileWord(e.Word, syn)
			if pe.w.syn >= 0 {
				pe.kind, pe.syn = dict.ElemSynset, pe.w.syn
			}
		case dict.ElemSynset:
			if id, ok := syn[e.Name]; ok {
				pe.syn = id
			}
		case dict.ElemAlt:
			for _, a := range e.Alts {
				if cw := compilePhrase(a, syn); len(cw) > 0 {
					pe.alts = append(pe.alts, cw)
				}
			}
		}
		return pe
	}
	for _, e := range elems[verbAt+1:] {
		cp.post = append(cp.post, conv(e))
	}
	// Before the verb, walking back from it: the gap between element i and
	// the next one toward the verb is the next one's Gap.
	nextGap := elems[verbAt].Gap
	for i := verbAt - 1; i >= 0; i-- {
		e := elems[i]
		pe := conv(e)
		pe.gap = nextGap
		nextGap = e.Gap
		cp.pre = append(cp.pre, pe)
	}
	var lits []cword
	for _, list := range [][]pelem{cp.pre, cp.post} {
		for _, e := range list {
			cp.weight++
			if e.kind == dict.ElemWord {
				lits = append(lits, e.w)
				cp.weight++ // literal words are more specific than actors
			}
		}
	}
	// Check the longest words first: they are the rarest in text, so a
	// pattern that cannot match is usually turned down on the first.
	sort.SliceStable(lits, func(a, b int) bool { return len(lits[a].text) > len(lits[b].text) })
	for _, w := range lits {
		cp.req = append(cp.req, c.ix.patternWord(w))
	}
	return cp
}

// binding is what a pattern match gives: the actor groups it bound.
type binding struct {
	src, tgt int // actor group indexes, -1 when not bound
	compound bool
}

// matchVerb tries a verb's patterns in order around the verb occupying
// tokens [vs, ve) inside the window [lo, hi); it returns the first that
// matches, nil when none does.
func (s *sent) matchVerb(vv *verbVal, vs, ve, lo, hi int) (*cpattern, binding) {
	for pi, r := range vv.req0 {
		if r >= 0 && s.seen[r] != s.gen {
			continue
		}
		if b, ok := s.matchPattern(&vv.pats[pi], vs, ve, lo, hi); ok {
			return &vv.pats[pi], b
		}
	}
	return nil, binding{src: -1, tgt: -1}
}

// matchPattern tries one pattern around the verb occupying tokens [vs, ve)
// inside the window [lo, hi).
func (s *sent) matchPattern(p *cpattern, vs, ve, lo, hi int) (binding, bool) {
	for _, id := range p.req {
		if s.seen[id] != s.gen {
			return binding{}, false
		}
	}
	b := binding{src: -1, tgt: -1}
	if !s.bwd(p.pre, 0, vs-1, lo, &b) {
		return binding{}, false
	}
	if !s.fwd(p.post, 0, ve, hi, &b) {
		return binding{}, false
	}
	return b, true
}

// fwd matches elements p[k:] starting at token pos, before hi.
func (s *sent) fwd(p []pelem, k, pos, hi int, b *binding) bool {
	if k == len(p) {
		return true
	}
	e := &p[k]
	last := pos
	if e.gap {
		last = hi - 1
	}
	for j := pos; j <= last && j < hi; j++ {
		switch e.kind {
		case dict.ElemWord:
			if e.w.matches(s.toks[j].norm) && s.fwd(p, k+1, j+1, hi, b) {
				return true
			}
		case dict.ElemSynset, dict.ElemAlt:
			if !s.mayStart(e, j) {
				continue
			}
			for _, ph := range s.phrasesOf(e) {
				if end, ok := s.wordsAt(ph, j, hi, 0); ok && s.fwd(p, k+1, end, hi, b) {
					return true
				}
			}
		case dict.ElemSource, dict.ElemTarget, dict.ElemCompound:
			g := s.groupStarting(j)
			if g < 0 || e.kind == dict.ElemCompound && len(s.grps[g].members) < 2 {
				continue
			}
			save := *b
			s.bindGroup(e.kind, g, b)
			if s.fwd(p, k+1, s.grps[g].e, hi, b) {
				return true
			}
			*b = save
		case dict.ElemSkip:
			if end := s.skipNP(j, hi); end > j && s.fwd(p, k+1, end, hi, b) {
				return true
			}
		default:
			return s.fwd(p, k+1, pos, hi, b)
		}
	}
	return false
}

// isNPStop tells words that end a noun phrase for ^.
func isNPStop(t *tok) bool {
	if t.punct {
		return true
	}
	switch t.norm {
	case "of", "in", "at", "with", "to", "for", "by", "on", "from", "and", "or", "but", "that", "against", "into", "over":
		return true
	}
	return false
}

// skipNP skips the noun phrase starting at j (an actor, or words up to a
// preposition); it returns the token after it, or j when there is none.
func (s *sent) skipNP(j, hi int) int {
	if g := s.groupStarting(j); g >= 0 {
		return s.grps[g].e
	}
	k := j
	for k < hi && !isNPStop(&s.toks[k]) {
		if g := s.groupStarting(k); g >= 0 && k > j {
			break
		}
		k++
	}
	return k
}

// skipNPBack skips the noun phrase ending at j; it returns the token before
// it, or j when there is none.
func (s *sent) skipNPBack(j, lo int) int {
	if g := s.groupEnding(j); g >= 0 {
		k := s.grps[g].s - 1
		if k >= lo && isDeterminer(s.toks[k].norm) {
			k--
		}
		return k
	}
	k := j
	for k >= lo && !isNPStop(&s.toks[k]) {
		k--
	}
	return k
}

// bwd matches elements p[k:] (reversed) ending at token pos, not before lo.
func (s *sent) bwd(p []pelem, k, pos, lo int, b *binding) bool {
	if k == len(p) {
		return true
	}
	e := &p[k]
	first := pos
	if e.gap {
		first = lo
	}
	if e.gap && (e.kind == dict.ElemSource || e.kind == dict.ElemCompound) {
		// The source is the subject: try the actor farthest from the verb
		// first, so that an actor in a clause between them is passed over.
		// A place that only says where ("in the village of X, police
		// arrested") is tried after everyone else (Faultline's coding).
		places := false
		for pass := 0; pass < 2; pass++ {
			for j := max(first, lo); j <= pos; j++ {
				g := s.groupEnding(j)
				if g < 0 || e.kind == dict.ElemCompound && len(s.grps[g].members) < 2 {
					continue
				}
				if s.locative(g) != (pass == 1) {
					places = places || pass == 0
					continue
				}
				save := *b
				s.bindGroup(e.kind, g, b)
				if s.bwd(p, k+1, s.grps[g].s-1, lo, b) {
					return true
				}
				*b = save
			}
			if !places {
				break
			}
		}
		return false
	}
	for j := pos; j >= first && j >= lo; j-- {
		switch e.kind {
		case dict.ElemWord:
			if e.w.matches(s.toks[j].norm) && s.bwd(p, k+1, j-1, lo, b) {
				return true
			}
		case dict.ElemSynset, dict.ElemAlt:
			if !s.mayEnd(e, j) {
				continue
			}
			for _, ph := range s.phrasesOf(e) {
				// The phrase must end at j: check its last word first, and
				// a phrase of plain consecutive words can start at one
				// place only.
				last := &ph[len(ph)-1]
				simple := last.syn < 0
				if simple && !last.matches(s.toks[j].norm) {
					continue
				}
				for q := range ph {
					if ph[q].syn >= 0 || q > 0 && ph[q].gap {
						simple = false
						break
					}
				}
				hiSt, loSt := j, j-8
				if simple {
					hiSt, loSt = j+1-len(ph), j-len(ph)
				}
				for st := hiSt; st >= lo && st > loSt; st-- {
					if end, ok := s.wordsAt(ph, st, j+1, 0); ok && end == j+1 && s.bwd(p, k+1, st-1, lo, b) {
						return true
					}
				}
			}
		case dict.ElemSource, dict.ElemTarget, dict.ElemCompound:
			g := s.groupEnding(j)
			if g < 0 || e.kind == dict.ElemCompound && len(s.grps[g].members) < 2 {
				continue
			}
			save := *b
			s.bindGroup(e.kind, g, b)
			if s.bwd(p, k+1, s.grps[g].s-1, lo, b) {
				return true
			}
			*b = save
		case dict.ElemSkip:
			if st := s.skipNPBack(j, lo); st < j && s.bwd(p, k+1, st, lo, b) {
				return true
			}
		default:
			return s.bwd(p, k+1, pos, lo, b)
		}
	}
	return false
}

func (s *sent) bindGroup(k dict.ElemKind, g int, b *binding) {
	switch k {
	case dict.ElemSource:
		b.src = g
	case dict.ElemTarget:
		b.tgt = g
	case dict.ElemCompound:
		b.src, b.tgt, b.compound = g, g, true
	}
}

func (s *sent) phrasesOf(e *pelem) [][]cword {
	if e.kind == dict.ElemSynset {
		if e.syn < 0 || int(e.syn) >= len(s.c.synsets) {
			return nil
		}
		return s.c.synsets[e.syn]
	}
	return e.alts
}

// wordsAt matches a phrase whose first word stands at token j, before hi;
// it returns the token after the phrase. Synset references recurse.
func (s *sent) wordsAt(ws []cword, j, hi, depth int) (int, bool) {
	if depth > 4 {
		return 0, false
	}
	pos := j
	for i := range ws {
		w := &ws[i]
		last := pos
		if w.gap && i > 0 {
			last = hi - 1
		}
		found := false
		for q := pos; q <= last && q < hi; q++ {
			if w.syn >= 0 {
				if int(w.syn) < len(s.c.synsets) && s.c.synFirst[w.syn].may(s.pwAt(q)) {
					for _, ph := range s.c.synsets[w.syn] {
						if end, ok := s.wordsAt(ph, q, hi, depth+1); ok {
							pos, found = end, true
							break
						}
					}
				}
			} else if w.matches(s.toks[q].norm) {
				pos, found = q+1, true
			}
			if found {
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return pos, true
}

package coder

import "github.com/faultline/faultline/dict"

// firstSet holds the pattern words that may begin one of a list of phrases
// (a synset, or the alternatives of a pattern element). A token that matches
// none of them cannot start any phrase of the list, which spares trying each
// phrase at each token a pattern's gap lets it stand on.
type firstSet struct {
	any  bool     // some phrase begins with a synset reference or an empty word: no filter
	ids  []int32  // the pattern words, until bits is built
	bits []uint64 // bit id set when pattern word id may begin a phrase
}

// note registers the first word of each phrase (the last one when last is
// set: patterns before the verb match phrases backwards).
func (f *firstSet) note(ix *index, phs [][]cword, last bool) {
	for _, ph := range phs {
		if len(ph) == 0 {
			f.any = true
			continue
		}
		w := &ph[0]
		if last {
			w = &ph[len(ph)-1]
		}
		if w.syn >= 0 || w.text == "" || !isAlnumByte(w.text[0]) {
			// Punctuation tokens are not looked up, so they match no
			// pattern word: a phrase that may begin with one is not filtered.
			f.any = true
			continue
		}
		f.ids = append(f.ids, ix.patternWord(*w))
	}
}

// build turns the ids into a bit set once every pattern word has its id.
func (f *firstSet) build(nPW int32) {
	f.bits = make([]uint64, (nPW+63)/64)
	for _, id := range f.ids {
		f.bits[id>>6] |= 1 << uint(id&63)
	}
	f.ids = nil
}

// may reports whether a token matching the pattern words pws may begin a
// phrase of the set.
func (f *firstSet) may(pws []int32) bool {
	if f.any {
		return true
	}
	for _, id := range pws {
		if f.bits[id>>6]&(1<<uint(id&63)) != 0 {
			return true
		}
	}
	return false
}

// compileFirsts builds the first-word (and last-word) sets of the synsets
// and of the alternatives of every pattern element. It runs after
// everything that creates pattern words.
func (c *Coder) compileFirsts() {
	ix := c.ix
	c.synFirst = make([]firstSet, len(c.synsets))
	c.synLast = make([]firstSet, len(c.synsets))
	for i := range c.synsets {
		c.synFirst[i].note(ix, c.synsets[i], false)
		c.synLast[i].note(ix, c.synsets[i], true)
	}
	var alts []*pelem
	for i := range c.verbs {
		for j := range c.verbs[i].pats {
			p := &c.verbs[i].pats[j]
			for _, list := range [][]pelem{p.pre, p.post} {
				for k := range list {
					if e := &list[k]; e.kind == dict.ElemAlt {
						e.first, e.last = &firstSet{}, &firstSet{}
						e.first.note(ix, e.alts, false)
						e.last.note(ix, e.alts, true)
						alts = append(alts, e)
					}
				}
			}
		}
	}
	for i := range c.synFirst {
		c.synFirst[i].build(ix.nPW)
		c.synLast[i].build(ix.nPW)
	}
	c.probeBits = make([]uint8, ix.nPW)
	for i, p := range []*setProbe{&c.disasterP, &c.weaponP, &c.sport, &c.market, &c.cyber} {
		for _, id := range p.set.ids {
			c.probeBits[id] |= 1 << i
		}
		p.bit = 1 << i
		p.set.build(ix.nPW)
	}
	for _, e := range alts {
		e.first.build(ix.nPW)
		e.last.build(ix.nPW)
	}
}

// pwAt returns the pattern words token i matches.
func (s *sent) pwAt(i int) []int32 { return s.pws[s.pwOff[i]:s.pwOff[i+1]] }

// mayStart reports whether a phrase of the element's list may begin at
// token j.
func (s *sent) mayStart(e *pelem, j int) bool {
	if e.kind == dict.ElemSynset {
		if e.syn < 0 || int(e.syn) >= len(s.c.synFirst) {
			return true // phrasesOf gives nothing to try
		}
		return s.c.synFirst[e.syn].may(s.pwAt(j))
	}
	return e.first == nil || e.first.may(s.pwAt(j))
}

func isAlnumByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// mayEnd reports whether a phrase of the element's list may end at token j.
func (s *sent) mayEnd(e *pelem, j int) bool {
	if e.kind == dict.ElemSynset {
		if e.syn < 0 || int(e.syn) >= len(s.c.synLast) {
			return true
		}
		return s.c.synLast[e.syn].may(s.pwAt(j))
	}
	return e.last == nil || e.last.may(s.pwAt(j))
}

package coder

import (
	"strings"

	"github.com/faultline/faultline/text"
)

// tok is a token as the coder sees it.
type tok struct {
	norm       string
	start, end int
	punct      bool
	cap        bool
	poss       bool
	// hyph: a part of a hyphenated word after its first ("fired" in
	// "test-fired").
	hyph bool
	// ti is the index of the text token this token comes from (the
	// parse's node), -1 when none.
	ti int32
}

// mention is a dictionary actor or agent found in a sentence, tokens [s, e).
type mention struct {
	s, e  int
	code  string // actor code chosen by date; "" for an agent
	agent int32  // agent index, -1 for an actor
	null  bool   // an actor coded [---]: it takes its words but is no actor
}

// actor is an actor after agents have been combined with it.
type actor struct {
	s, e int
	code string
	// agent is the agent that came before the actor and joined it
	// ("ambassadors of Arnor"), -1 none: PETRARCH spreads it over the
	// other members of a compound.
	agent int32
}

// group is one actor or a compound of several ("Gondor and Osgiliath").
type group struct {
	s, e    int
	members []int // indexes into sent.acts
}

// verbHit is a verb found in a sentence.
type verbHit struct {
	s, e int
	verb int32
	// nominal: the word is a noun here ("the attack on"); Faultline's
	// coding codes the nouns of some roots as events.
	nominal bool
}

// sent is the scratch state of coding one sentence. It is reused through a
// free list, so its slices keep their capacity between calls.
type sent struct {
	c    *Coder
	date int    // YYYYMMDD of the document, 0 when unknown
	lead string // the previous sentence's lead actor (see leadActor)
	conj int    // conjunctions of the sentence as written, -1 not counted
	// disasterSeen: an earlier sentence of the document named a disaster
	// (Faultline's coding); reset per document, kept across sentences.
	disasterSeen bool
	toks         []tok
	seen         []uint32 // pattern word id -> gen when the sentence holds it
	gen          uint32
	// cspan[i] is the run of entries that may start at token i: in
	// forms.cands, read in place, unless ownCands says they were copied
	// to cands because the word table started again during load.
	cspan    [][2]uint32
	cands    []cand
	ownCands bool
	ments    []mention
	acts     []actor
	grps     []group
	gof      []int32 // token -> group whose first member starts there, -1
	gol      []int32 // token -> group whose last member ends just after it, -1
	inAct    []bool  // token is covered by an actor or agent mention
	verbs    []verbHit
	mem      []int    // backing store for group members
	kmask    []uint8  // token -> bit k set when cand holds an entry of kind k
	pws      []int32  // pattern words each token matches, flattened
	pwOff    []int32  // pws offsets: token i has pws[pwOff[i]:pwOff[i+1]]
	probes   uint8    // the set probes some token may begin a phrase of
	subj     []int    // scratch of subjects
	hashes   []uint32 // token -> hash of its form in the word table
	sink     uint32   // keeps the reads of forms.warm
	forms    wordTable
	// The parse of the sentence (Faultline's coding, see tree.go): one
	// node per text token, empty when the sentence was not parsed; t2s
	// maps each node to its first token.
	dep        []DepNode
	t2s        []int32
	ptoks      []text.Token // the tokens to parse when roles are first needed, nil none
	queue      []int
	queue2     []int
	rsrc, rtgt []int
	rhead      int         // the node of the last treeRoles call
	nest       int         // depth of roles read inside roles (see phraseActors)
	hist       []histActor // actors of the story before this sentence
	actNode    []int32     // actor -> head node of the phrase it was read from, -1
	dline      int         // tokens of the dateline opening the sentence (Faultline's coding)
}

func (s *sent) reset(c *Coder, n int) {
	s.c = c
	s.toks = s.toks[:0]
	s.cands = s.cands[:0]
	s.cspan = s.cspan[:0]
	s.ownCands = false
	s.kmask = s.kmask[:0]
	s.pws = s.pws[:0]
	s.pwOff = s.pwOff[:0]
	s.ments = s.ments[:0]
	s.acts = s.acts[:0]
	s.grps = s.grps[:0]
	s.verbs = s.verbs[:0]
	s.mem = s.mem[:0]
	s.dep = s.dep[:0]
	s.t2s = s.t2s[:0]
	s.ptoks = nil
	s.actNode = s.actNode[:0]
	s.conj = -1
	s.probes = 0
	if len(s.seen) < int(c.ix.nPW) {
		s.seen = make([]uint32, c.ix.nPW)
		s.gen = 0
	}
	s.gen++
	if s.gen == 0 {
		clear(s.seen)
		s.gen = 1
	}
}

// load converts the tokens of a sentence and looks each one up in the word
// index once, collecting the entries that may start at it.
func (s *sent) load(tt []text.Token) {
	for i, t := range tt {
		s.addToken(t, int32(i))
	}
	w := &s.forms
	s.hashes = s.hashes[:0]
	var sink uint32
	for i := range s.toks {
		t := &s.toks[i]
		var h uint32
		if !t.punct || isWordPunct(t.norm) {
			h = w.hash(t.norm)
			sink += w.warm(h)
		}
		s.hashes = append(s.hashes, h)
	}
	s.sink = sink
	r0 := w.resets
	for i := range s.toks {
		s.pwOff = append(s.pwOff, int32(len(s.pws)))
		t := &s.toks[i]
		if t.punct && !isWordPunct(t.norm) {
			s.cspan = append(s.cspan, [2]uint32{})
			s.kmask = append(s.kmask, 0)
			continue
		}
		sl := w.lookup(s.c.ix, t.norm, s.hashes[i])
		end := sl.ioff + sl.ncand
		s.cspan = append(s.cspan, [2]uint32{sl.ioff, end})
		s.kmask = append(s.kmask, sl.mask)
		for _, pw := range w.cands[end : end+sl.npw] {
			s.pws = append(s.pws, pw.id)
			s.seen[pw.id] = s.gen
			s.probes |= s.c.probeBits[pw.id]
		}
	}
	s.pwOff = append(s.pwOff, int32(len(s.pws)))
	if w.resets != r0 {
		s.copyCands()
	}
	n := len(s.toks)
	s.gof = fill(s.gof, n+1, -1)
	s.gol = fill(s.gol, n+1, -1)
	s.inAct = s.inAct[:0]
	for i := 0; i < n; i++ {
		s.inAct = append(s.inAct, false)
	}
}

// copyCands is load's way out when the word table started again while it
// looked the sentence up, so that the runs of its first tokens are gone:
// each token is looked up once more and its run copied at once.
func (s *sent) copyCands() {
	w := &s.forms
	s.cands = s.cands[:0]
	for i := range s.toks {
		t := &s.toks[i]
		if t.punct && !isWordPunct(t.norm) {
			continue
		}
		sl := w.lookup(s.c.ix, t.norm, s.hashes[i])
		a := uint32(len(s.cands))
		s.cands = append(s.cands, w.cands[sl.ioff:sl.ioff+sl.ncand]...)
		s.cspan[i] = [2]uint32{a, uint32(len(s.cands))}
	}
	s.ownCands = true
}

// isWordPunct tells punctuation that dictionaries may spell out (n't is a
// word, "&" is part of names).
func isWordPunct(norm string) bool { return norm == "&" || norm == "-" || norm == "$" || norm == "%" }

func fill(b []int32, n int, v int32) []int32 {
	b = b[:0]
	for i := 0; i < n; i++ {
		b = append(b, v)
	}
	return b
}

// best finds the best entry of kind k starting at token i: the longest in
// tokens, then the one with more dictionary letters (the more specific),
// then the first loaded. It returns the entry and the end token.
func (s *sent) best(i int, k kind, maxGap int) (int32, int) {
	bestID, bestEnd, bestScore := int32(-1), 0, -1
	if s.kmask[i]&(1<<k) == 0 {
		return bestID, bestEnd
	}
	src := s.forms.cands
	if s.ownCands {
		src = s.cands
	}
	for _, c := range src[s.cspan[i][0]:s.cspan[i][1]] {
		if sigKind(c.sig) != k || !s.sigFits(c.sig, i) {
			continue
		}
		id := c.id
		e := &s.c.ix.entries[id]
		hi := len(s.toks)
		if lim := i + len(e.words) + maxGap; lim < hi {
			hi = lim
		}
		end, ok := s.wordsAt(e.words, i, hi, 0)
		if !ok {
			continue
		}
		score := (end - i) * 10000
		for _, w := range e.words {
			score += len(w.text) * 4
			if w.exact {
				score++
			}
		}
		// Contiguous matches beat ones with words skipped.
		score -= (end - i - len(e.words)) * 100
		if score > bestScore || score == bestScore && id < bestID {
			bestID, bestEnd, bestScore = id, end, score
		}
	}
	return bestID, bestEnd
}

// sigFits reports whether an entry with signature sig may start at token
// i: its words fit in the sentence and its second word, when it must
// follow at once, begins as the next token does.
func (s *sent) sigFits(sig uint32, i int) bool {
	if i+int(sig&0xff) > len(s.toks) {
		return false
	}
	if sig&sigSecond == 0 {
		return true
	}
	next := s.toks[i+1].norm
	if len(next) == 0 || next[0] != byte(sig>>8) {
		return false
	}
	return sig&sigSecond2 == 0 || len(next) >= 2 && next[1] == byte(sig>>16)
}

// has reports whether some entry of kind k matches at token i.
func (s *sent) has(i int, k kind) bool {
	id, _ := s.best(i, k, 0)
	return id >= 0
}

// addToken appends a token, split at inner hyphens (Al-Gore -> al + gore,
// 12-year -> 12 + year) so that dictionaries match the parts; each part
// keeps its own byte offsets.
func (s *sent) addToken(t text.Token, ti int32) {
	norm := t.Norm
	if norm == "_" {
		return // Dol_Amroth: an underscore in text joins, as in dictionaries
	}
	if t.Punct || strings.IndexByte(norm, '-') <= 0 || norm[len(norm)-1] == '-' {
		s.toks = append(s.toks, tok{norm: norm, start: t.Start, end: t.End, punct: t.Punct, cap: t.Cap, poss: t.Possessive, ti: ti})
		return
	}
	// Offsets of the parts are exact when Norm and Raw align byte for byte
	// (the usual case); otherwise every part spans the whole token.
	aligned := len(t.Raw) >= len(norm) && strings.EqualFold(t.Raw[:len(norm)], norm)
	off := 0
	first := true
	for off <= len(norm) {
		j := strings.IndexByte(norm[off:], '-')
		end := len(norm)
		if j >= 0 {
			end = off + j
		}
		if end > off {
			part := tok{norm: norm[off:end], start: t.Start, end: t.End, cap: t.Cap && first, hyph: !first, ti: ti}
			if aligned {
				part.start, part.end = t.Start+off, t.Start+end
			}
			first = false
			s.toks = append(s.toks, part)
		}
		if j < 0 {
			break
		}
		off = end + 1
	}
	last := &s.toks[len(s.toks)-1]
	last.poss = t.Possessive
	if aligned && t.Possessive {
		last.end = t.End
	}
}

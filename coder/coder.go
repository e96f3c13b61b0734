// Package coder turns text into CAMEO events with compiled dictionaries.
// It is pure: documents and dictionaries in, events out.
//
// The coder is shallow, in the tradition of TABARI: no parse trees. Each
// sentence is tokenised, actors and agents are found by longest match,
// compound actors are grouped, verbs are found, the sentence is cut into
// clauses (at conjunctions that start a new predicate and around reporting
// verbs), and in each clause the first verb whose patterns (or default code)
// yield a source and a target gives the clause's events.
package coder

import (
	"runtime"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/text"
)

type dictCode = dict.DatedCode

// Coder codes documents. It is safe for concurrent use by many goroutines
// once built; SetOption and Reset must not run concurrently with coding.
type Coder struct {
	ix       *index
	synsets  [][][]cword
	synFirst []firstSet // the words each synset's phrases may begin with
	synLast  []firstSet // the words each synset's phrases may end with
	// probeBits: for each pattern word, the set probes (by bit) that have
	// a phrase beginning with it.
	probeBits []uint8
	actors    []actorVal
	agents    []agentVal
	verbs     []verbVal
	discards  []bool // Story flag of each discard
	times     []dict.TimeShift
	disaster  int32 // the synonym set of disasters (Faultline's coding), -1 none
	weapon    int32 // the synonym set of explosive weapons, -1 none
	abstract  int32 // the synonym set of abstract nouns no violence is done to, -1 none
	// Probes of the sets Faultline's coding reads a sentence's context by.
	disasterP, weaponP, sport, market, cyber setProbe

	opt, base options
	// parser gives Faultline's coding its roles (see tree.go), nil none.
	parser ParseFunc
	// free holds the scratch space of finished calls. It is a plain list,
	// not a sync.Pool: a scratch carries the cache of word forms met so
	// far, and a pool would drop it at every other garbage collection,
	// making each call start cold.
	mu   sync.Mutex
	free []*scratch
}

// getScratch takes a scratch from the free list or makes one.
func (c *Coder) getScratch() *scratch {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.free); n > 0 {
		sc := c.free[n-1]
		c.free = c.free[:n-1]
		return sc
	}
	return new(scratch)
}

// putScratch returns a scratch to the free list; past a few per core the
// list lets it go, so a burst of callers does not hold memory for ever.
func (c *Coder) putScratch(sc *scratch) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.free) < 2*runtime.GOMAXPROCS(0)+2 {
		c.free = append(c.free, sc)
	}
}

// Result is what coding one document gives.
type Result struct {
	Events []faultline.Event
	// Discarded: a story discard phrase dropped the story, or discards
	// dropped every sentence of it.
	Discarded bool
	Complex   bool // the coder judged a sentence too complex to code (TABARI {+++})
	// DiscardedSentences counts sentences dropped by discard phrases or
	// actors and verbs coded ###.
	DiscardedSentences int
	// Lead is the actor code a pronoun opening the story's next sentence
	// stands for: the first actor of the last sentence that had one (see
	// CodeNext).
	Lead string
}

// scratch is the per-call state kept in the free list.
type scratch struct {
	spans  []faultline.Span
	ttoks  []text.Token
	events []faultline.Event // the events of the call, copied out at the end
	sent   sent
	cls    []clause
	raws   []raw
	hist   []histActor // actors of the document so far (Faultline's coding)
	ctx    []uint8     // context flags of each sentence (Faultline's coding)
}

// New compiles a dictionary set into a Coder. The option commands of a
// TABARI options file in the set are applied, and put the coder into
// TABARI's conventions (an agent without an actor is not coded unless
// CONVERT AGENT is set).
func New(set *dict.Set) (*Coder, error) {
	c := &Coder{opt: defaultOptions()}
	c.compile(set)
	if len(set.Options.Commands) > 0 || len(set.Options.Labels) > 0 {
		c.opt.lonelyAgent = agentNone
		c.opt.tabari = true
		c.opt.native = false
		c.opt.minWords = 5 // TABARI's default minimum sentence length
		c.opt.comma = tabariComma
		for _, cmd := range set.Options.Commands {
			_ = c.SetOption(cmd) // unknown TABARI commands are not coding options
		}
	}
	c.base = c.opt
	return c, nil
}

// Reset restores the options the coder had when New returned.
func (c *Coder) Reset() { c.opt = c.base }

// Code codes one document.
func (c *Coder) Code(doc faultline.Document) Result {
	return c.CodeNext(doc, "")
}

// CodeNext codes a document that continues a story: lead is the Lead of
// the Result of its previous part, the actor that a pronoun without an
// antecedent in the first sentences stands for (TABARI codes a story one
// sentence record at a time and forwards it so).
func (c *Coder) CodeNext(doc faultline.Document, lead string) Result {
	res, _, _ := c.codeNext(doc, lead, nil, false)
	return res
}

// Sentence is one sentence of a coded document and its tokens, as
// text.Tokens gives them for text.Sentences(doc.Text)[Index].
type Sentence struct {
	Index  int
	Span   faultline.Span
	Tokens []text.Token
}

// CodeTokens codes one document as Code does and also returns the
// sentences that hold events, in order, with the tokens the coder made of
// them: callers that read those sentences again (enrichment, placement)
// need not tokenise them a second time. The tokens are appended to
// buf[:0], which is returned for the caller to reuse once it is done with
// the sentences (clear it first if it is kept: the tokens hold the text).
func (c *Coder) CodeTokens(doc faultline.Document, buf []text.Token) (Result, []Sentence, []text.Token) {
	return c.codeNext(doc, "", buf, true)
}

func (c *Coder) codeNext(doc faultline.Document, lead string, buf []text.Token, keep bool) (Result, []Sentence, []text.Token) {
	sc := c.getScratch()
	defer c.putScratch(sc)
	var res Result
	day, dayOK := parseDay(doc.Date)
	dateInt := 0
	if dayOK {
		dateInt = day.Year()*10000 + int(day.Month())*100 + day.Day()
	}
	sc.spans = text.AppendSentences(sc.spans[:0], doc.Text)
	sc.hist = sc.hist[:0]
	sc.ctx = sc.ctx[:0]
	sc.sent.disasterSeen = false
	// all gathers the tokens of the sentences with events in the caller's
	// buffer; each sentence's Tokens is cut from it at the end, once it
	// no longer moves.
	all := buf[:0]
	events := sc.events[:0]
	var sents []Sentence
	var bounds [][2]int
	for si, sp := range sc.spans {
		sc.ttoks = text.AppendTokens(sc.ttoks[:0], doc.Text, sp)
		cut := false // the comma rule dropped tokens of sc.ttoks in place
		s := &sc.sent
		s.reset(c, len(sc.ttoks))
		s.date = dateInt
		s.lead = lead
		s.load(sc.ttoks)
		if c.opt.native {
			sc.ctx = append(sc.ctx, s.context())
		}
		story, drop := s.discarded()
		if story {
			clear(events)
			sc.events = events[:0]
			return Result{Discarded: true, DiscardedSentences: len(sc.spans), Lead: lead}, nil, all
		}
		if drop {
			res.DiscardedSentences++
			continue
		}
		if s.c.opt.minWords > 0 && s.words() < s.c.opt.minWords {
			continue
		}
		shift, skip, future := s.timeShift()
		if skip {
			// TABARI's [###] time phrases drop the sentence like a discard.
			res.DiscardedSentences++
			continue
		}
		if future && c.opt.tabari {
			// In TABARI's own conventions [+++] means "too uncertain to code".
			res.Complex = true
			continue
		}
		if c.opt.comma.on {
			// Asides go after the checks that read the sentence as
			// written (discards, time phrases, length, conjunctions).
			conj := s.conjunctions()
			if kept := c.opt.comma.dropCommaClauses(sc.ttoks); len(kept) < len(sc.ttoks) {
				sc.ttoks = kept
				cut = true
				s.reset(c, len(kept))
				s.date, s.lead = dateInt, lead
				s.load(kept)
			}
			s.conj = conj
		}
		if discard, complex := s.findMentions(); discard {
			res.DiscardedSentences++
			continue
		} else if complex {
			res.Complex = true
			continue
		}
		s.combine()
		if c.opt.native {
			s.hist = sc.hist
			sc.hist = s.resolve(sc.hist)
		}
		if l := s.leadActor(); l != "" {
			lead = l
		}
		s.groupActors()
		s.findVerbs()
		if s.tooComplex() {
			res.Complex = true
			continue
		}
		if c.opt.native && c.parser != nil {
			// Parsed when a candidate event first needs its roles.
			s.ptoks = sc.ttoks
		}
		sc.cls = s.splitClauses(sc.cls[:0])
		evs, out := s.codeClauses(sc.cls, sc.raws[:0])
		sc.raws = evs[:0]
		if out.discard {
			res.DiscardedSentences++
			continue
		}
		if out.complex {
			res.Complex = true
			continue
		}
		if len(evs) == 0 {
			continue
		}
		date := ""
		if dayOK {
			date = doc.Date
			if shift != 0 {
				date = day.AddDate(0, 0, shift).Format("2006-01-02")
			}
		}
		if future {
			for i := range evs {
				if evs[i].mod == faultline.Asserted {
					evs[i].mod = faultline.Future
				}
			}
		}
		events = s.emit(events, evs, &doc, si, date, sp)
		if keep {
			start := len(all)
			if cut {
				// The comma rule shortened sc.ttoks in place: tokenise again.
				all = text.AppendTokens(all, doc.Text, sp)
			} else {
				all = append(all, sc.ttoks...)
			}
			sents = append(sents, Sentence{Index: si, Span: sp})
			bounds = append(bounds, [2]int{start, len(all)})
		}
	}
	if n := len(events); n > 0 {
		if c.opt.native {
			events = guardContext(events, sc.ctx)
		}
		// One allocation of the exact size for the caller; the scratch
		// keeps its slice, cleared so that no document stays reachable.
		res.Events = make([]faultline.Event, len(events))
		copy(res.Events, events)
		clear(events[:n])
	}
	sc.events = events[:0]
	if len(sc.spans) > 0 && res.DiscardedSentences == len(sc.spans) {
		res.Discarded = true
	}
	res.Lead = lead
	for i := range sents {
		b := bounds[i]
		sents[i].Tokens = all[b[0]:b[1]:b[1]]
	}
	return res, sents, all
}

// parseDay reads a YYYY-MM-DD date.
func parseDay(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// discarded looks for discard phrases: story reports a story discard, drop
// a sentence discard.
func (s *sent) discarded() (story, drop bool) {
	if len(s.c.discards) == 0 {
		return false, false
	}
	for i := range s.toks {
		id, _ := s.best(i, kDiscard, 2)
		if id < 0 {
			continue
		}
		if s.c.discards[s.c.ix.entries[id].val] {
			return true, true
		}
		drop = true
	}
	return false, drop
}

// timeShift applies the first time phrase of the sentence.
func (s *sent) timeShift() (days int, skip, future bool) {
	if !s.c.opt.timeShift || len(s.c.times) == 0 {
		return 0, false, false
	}
	for i := range s.toks {
		id, _ := s.best(i, kTime, 2)
		if id < 0 {
			continue
		}
		t := &s.c.times[s.c.ix.entries[id].val]
		if t.Null {
			continue
		}
		return t.Days, t.Skip, t.Future
	}
	return 0, false, false
}

// tooComplex applies TABARI's COMPLEX limits.
func (s *sent) tooComplex() bool {
	o := &s.c.opt
	if o.complexVerbs > 0 && len(s.verbs) >= o.complexVerbs {
		return true
	}
	if o.complexConj > 0 {
		n := s.conj
		if n < 0 {
			n = s.conjunctions()
		}
		if n >= o.complexConj {
			return true
		}
	}
	return false
}

// conjunctions counts the conjunctions COMPLEX: CONJ limits.
func (s *sent) conjunctions() int {
	n := 0
	for i := range s.toks {
		switch s.toks[i].norm {
		case "and", "but", "or", "nor":
			n++
		}
	}
	return n
}

// words counts the words of the sentence, punctuation left out.
func (s *sent) words() int {
	n := 0
	for i := range s.toks {
		if !s.toks[i].punct {
			n++
		}
	}
	return n
}

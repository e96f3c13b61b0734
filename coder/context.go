package coder

import (
	"strings"

	faultline "github.com/faultline/faultline"
)

// Context guards (Faultline's coding): sport, business and computing news
// use the words of violence for other things ("beat Sharapova 6-2, 6-2",
// "a takeover battle", "the virus attacked thousands of computers"). In a
// stretch of a story whose words say it is about a game, a market or
// software, a material act of conflict is coded only when a side of it is
// a state or armed actor (police, soldiers, a government, rebels,
// militants, gunmen ...) or an explosive weapon is named: "fans clashed
// with police after the match" stays, "Hewitt beat the French teenager"
// goes. Arrests, charges and deportations stay: they are legal acts
// whatever the story is about.

// Names of the synonym sets whose phrases mark the contexts.
const (
	sportSynset  = "sport"
	marketSynset = "market"
	cyberSynset  = "cyber"
)

// setProbe finds the phrases of a synonym set in a sentence cheaply: a
// phrase is tried only when its first word is among the sentence's words
// (the pattern-word ids load marks), so a sentence that holds none of the
// set's first words costs one array read per phrase.
type setProbe struct {
	first []int32 // pattern word id of each phrase's first word, -1 when it is a set
	phs   [][]cword
	set   firstSet // the first words of the phrases that begin with a word
	refs  []int    // the phrases that begin with a set
	bit   uint8    // the probe's bit in Coder.probeBits and sent.probes
}

// newProbe builds the probe of synonym set id (-1: an empty probe).
func (c *Coder) newProbe(id int32) setProbe {
	var p setProbe
	if id < 0 || int(id) >= len(c.synsets) {
		return p
	}
	for _, ph := range c.synsets[id] {
		pw := int32(-1)
		if ph[0].syn < 0 {
			pw = c.ix.patternWord(ph[0])
			p.set.ids = append(p.set.ids, pw)
		} else {
			p.refs = append(p.refs, len(p.phs))
		}
		p.first = append(p.first, pw)
		p.phs = append(p.phs, ph)
	}
	return p
}

// in reports a phrase of the probe's set in the sentence. Tokens are read
// first: a token that begins none of the phrases costs a few bit tests,
// whatever the size of the set.
func (s *sent) in(p *setProbe) bool {
	if len(p.phs) == 0 {
		return false
	}
	if s.probes&p.bit == 0 {
		// No word of the sentence begins a phrase of the set.
		goto refs
	}
	for j := range s.toks {
		if s.toks[j].punct && !isWordPunct(s.toks[j].norm) {
			continue
		}
		pws := s.pwAt(j)
		if !p.set.may(pws) {
			continue
		}
		for i, ph := range p.phs {
			if pw := p.first[i]; pw < 0 || !hasPW(pws, pw) {
				continue
			}
			if _, ok := s.wordsAt(ph, j, len(s.toks), 0); ok {
				return true
			}
		}
	}
	// Phrases that begin with a set may begin anywhere.
refs:
	for _, i := range p.refs {
		ph := p.phs[i]
		for j := range s.toks {
			if s.toks[j].punct && !isWordPunct(s.toks[j].norm) {
				continue
			}
			if _, ok := s.wordsAt(ph, j, len(s.toks), 0); ok {
				return true
			}
		}
	}
	return false
}

// hasPW reports whether pattern word id is among a token's.
func hasPW(pws []int32, id int32) bool {
	for _, x := range pws {
		if x == id {
			return true
		}
	}
	return false
}

// Context flags of a sentence.
const (
	ctxOther  uint8 = 1 << iota // sport, market or computing words
	ctxWeapon                   // an explosive weapon is named
)

// context reads the context flags of the loaded sentence.
func (s *sent) context() uint8 {
	var f uint8
	c := s.c
	if s.in(&c.sport) || s.in(&c.market) || s.in(&c.cyber) || s.scores() {
		f |= ctxOther
	}
	if s.in(&c.weaponP) {
		f |= ctxWeapon
	}
	return f
}

// scores reports the results of games: two scores ("6-2, 6-2", "7-5,
// 6-7"), or one beside a word of winning and losing ("won 3-1").
func (s *sent) scores() bool {
	n := 0
	for i := 0; i+1 < len(s.toks); i++ {
		a, b := &s.toks[i], &s.toks[i+1]
		// addToken splits "6-2" into two number tokens whose bytes are one
		// hyphen apart.
		if b.start == a.end+1 && smallNumber(a.norm) && smallNumber(b.norm) && a.end > 0 {
			n++
		}
	}
	if n == 0 {
		return false
	}
	if n >= 2 {
		return true
	}
	for i := range s.toks {
		switch s.toks[i].norm {
		case "win", "wins", "won", "victory", "defeat", "defeated", "lost", "loss", "beat", "beating", "draw", "drew", "scored", "lead", "led", "points":
			return true
		}
	}
	return false
}

// smallNumber tells a number of one or two digits, as scores are.
func smallNumber(w string) bool {
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// guardedCode tells the codes the context guard may drop: material
// conflict (roots 15 to 20) other than arrests, charges and deportations.
func guardedCode(code string) bool {
	if len(code) < 2 || code[:2] < "15" || code[:2] > "20" {
		return false
	}
	return !strings.HasPrefix(code, "173") && !strings.HasPrefix(code, "174")
}

// stateOrArmed tells an actor code with a security or armed role, or an
// organisation of states or a militant group. Governments are left out: a
// capital's name is its government ("the Stockholm Open").
func stateOrArmed(code string) bool {
	if strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "IMG") {
		return true
	}
	for i := 3; i+3 <= len(code); i += 3 {
		switch code[i : i+3] {
		case "MIL", "COP", "REB", "INS", "UAF", "SPY", "SEP":
			return true
		}
	}
	return false
}

// guardContext drops the events of sentences in a sport, market or
// computing stretch of the story (the sentence itself or one next to it)
// that only the words of violence make conflict. ctx holds the flags of
// each sentence.
func guardContext(evs []faultline.Event, ctx []uint8) []faultline.Event {
	any := false
	for _, f := range ctx {
		if f&ctxOther != 0 {
			any = true
			break
		}
	}
	if !any {
		return evs
	}
	out := evs[:0]
	for _, e := range evs {
		si := e.Sentence
		in := func(k int) bool { return k >= 0 && k < len(ctx) && ctx[k]&ctxOther != 0 }
		drop := guardedCode(e.CAMEO) && (in(si-1) || in(si) || in(si+1)) &&
			!stateOrArmed(e.Source.Code) && !stateOrArmed(e.Target.Code) &&
			(si >= len(ctx) || ctx[si]&ctxWeapon == 0)
		if !drop {
			out = append(out, e)
		}
	}
	return out
}

// dateline returns the end of a dateline opening the sentence, 0 when it
// has none: a few words (a place, a news agency in brackets) closed by a
// dash or a colon, "BAGHDAD (Reuters) -", "ahmedabad:", "AP -". The place
// where a story was filed is no side of its events (Faultline's coding).
func (s *sent) dateline() int {
	words := 0
	for i := 0; i < len(s.toks) && i < 12; i++ {
		t := &s.toks[i]
		switch t.norm {
		case "-", "--", "—", "–", ":":
			if words == 0 || i+1 >= len(s.toks) {
				return 0
			}
			return i + 1
		case "(", ")", ",", "/":
			continue
		}
		if t.punct {
			return 0
		}
		words++
		if words > 6 {
			return 0
		}
	}
	return 0
}

package coder

import (
	"strings"

	"github.com/faultline/faultline/text"
)

// Roles from the parse (Faultline's coding). When the coder has a parser
// (SetParser), each sentence with a candidate event is parsed into
// Universal Dependencies and the source and target of each event are read
// from the tree, not from word order: the dictionaries still say what the
// actors and verbs mean, the grammar says who did what to whom.
//
//   - A verb's source is its agent: the subject of an active verb, the
//     "by" phrase of a passive (obl:agent), the subject handed down to an
//     open complement, a coordinated verb or an adverbial participle, the
//     noun a relative clause or an active participle describes. Its target
//     is the patient: the object, the passive subject, the noun a passive
//     participle describes ("soldiers killed in an attack"), else an
//     oblique that names whom the act is against ("fired at", "clashed
//     with"). A victim is never the source.
//   - A noun of an event takes its source from a possessive, an adjective
//     of nationality or "by X", its target from "on/against/of/at/with X";
//     "between A and B" makes each side the other's target; a light verb
//     ("carried out an attack") lends the noun its subject.
//   - The actors of a role are read from its noun phrase: the actor the
//     head word is part of, else the nearest actor inside the phrase
//     (never one in a relative clause, or after a preposition of place or
//     time: "people in Baghdad" names no Iraqi actor), else its apposition
//     ("Theo van Gogh, a Dutch film director"), and those coordinated with
//     it ("Serbia and Kosovo"). A proper name that is no dictionary actor
//     is kept with its text and the country the sentence or story names.
//   - Reported speech: an event inside what someone said carries the
//     speaker as its attribution ("..., Ukraine's air force said").

// DepNode is one word of a dependency parse as the coder reads it: the
// head word's index (-1 for the root), the relation to it and the word's
// tags, in the Universal Dependencies scheme.
type DepNode struct {
	Head  int
	Rel   string // "nsubj", "nsubj:pass", "obl:agent", "acl:relcl" ...
	UPOS  string
	XPOS  string
	Lemma string
}

// ParseFunc parses one sentence, given as the tokens text.AppendTokens
// makes of it, appending one DepNode per token, in order, to dst.
type ParseFunc func(toks []text.Token, dst []DepNode) []DepNode

// SetParser gives Faultline's coding a parser to take roles from; nil
// turns roles from the parse off (word order decides, as before). Like
// SetOption it must not run concurrently with coding.
func (c *Coder) SetParser(p ParseFunc) { c.parser = p }

// roles are an event's participants as the parse shows them.
type roles struct {
	src, tgt []int // actor indexes
	// mutual: tgt holds both sides of "clashes between A and B", each
	// the other's target.
	mutual  bool
	speaker int // actor index of who said it, -1
	// seen: the parse shows a participant (a subject, an object, the
	// phrase an event noun is of), an actor or not.
	seen bool
}

// depOK reports a parse of the sentence.
func (s *sent) depOK() bool { return len(s.dep) > 0 && len(s.dep) == len(s.t2s) }

// buildT2S maps each parsed token to its first coder token (a hyphenated
// word is split into several coder tokens), -1 when it has none.
func (s *sent) buildT2S(n int) {
	s.t2s = fill(s.t2s, n, -1)
	for i := len(s.toks) - 1; i >= 0; i-- {
		if ti := s.toks[i].ti; ti >= 0 && int(ti) < n {
			s.t2s[ti] = int32(i)
		}
	}
}

// nodeOf returns the parse node of coder token i, -1 when none.
func (s *sent) nodeOf(i int) int {
	if i < 0 || i >= len(s.toks) {
		return -1
	}
	ti := int(s.toks[i].ti)
	if ti < 0 || ti >= len(s.dep) {
		return -1
	}
	return ti
}

// spanHead returns the node of the coder tokens [a, b) whose head lies
// outside them, -1 when none.
func (s *sent) spanHead(a, b int) int {
	lo, hi := s.nodeOf(a), s.nodeOf(b-1)
	if lo < 0 || hi < 0 {
		return -1
	}
	for n := lo; n <= hi; n++ {
		if h := s.dep[n].Head; h < lo || h > hi {
			return n
		}
	}
	return lo
}

// word returns the lower-case form of node n.
func (s *sent) word(n int) string {
	if n < 0 || n >= len(s.t2s) || s.t2s[n] < 0 {
		return ""
	}
	return s.toks[s.t2s[n]].norm
}

func (s *sent) rel(n int) string {
	if n < 0 {
		return ""
	}
	return s.dep[n].Rel
}

func (s *sent) head(n int) int {
	if n < 0 {
		return -1
	}
	return s.dep[n].Head
}

// child returns the first child of n with relation rel, -1 when none.
func (s *sent) child(n int, rel string) int {
	for c := range s.dep {
		if s.dep[c].Head == n && s.dep[c].Rel == rel {
			return c
		}
	}
	return -1
}

// caseOf returns the preposition of a nominal (its "case" child), "" none.
func (s *sent) caseOf(n int) string {
	c := s.child(n, "case")
	if c < 0 {
		return ""
	}
	return s.word(c)
}

// baseRel is the relation without its subtype ("nmod:poss" -> "nmod").
func baseRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// placeOrTimePrep tells the prepositions after which a noun phrase says
// where or when, never who.
func placeOrTimePrep(w string) bool {
	if locativePrep(w) {
		return true
	}
	switch w {
	case "along", "during", "after", "before", "since", "until", "amid", "following", "beside":
		return true
	}
	return false
}

// passive reports a verb node in the passive voice, or a passive
// participle describing a noun ("soldiers killed in the attack").
func (s *sent) passive(h int) bool {
	if a := s.child(h, "aux:pass"); a >= 0 && isBe(s.word(a)) || s.child(h, "nsubj:pass") >= 0 || s.child(h, "csubj:pass") >= 0 {
		return true
	}
	r := s.rel(h)
	if (r != "acl" && r != "advcl") || s.dep[h].XPOS != "VBN" || intransitive(s.lemma(h)) || s.objectFollows(h) {
		return false
	}
	// A bare participle is passive with its agent ("elections supported
	// by Pristina") or when the verb must take an object it lacks
	// ("soldiers killed in an attack"); "police fired in the air" is
	// a main clause the parse misread.
	return s.child(h, "obl:agent") >= 0 || mustTakeObject(s.word(h))
}

// objectFollows reports a noun phrase right after the verb at node h: a
// verb with an object is active, whatever its tag says.
func (s *sent) objectFollows(h int) bool {
	if h+1 >= len(s.dep) || s.child(h, "obj") >= 0 {
		return h+1 < len(s.dep)
	}
	if i := s.t2s[h+1]; i >= 0 && s.inAct[i] {
		return true
	}
	switch s.dep[h+1].UPOS {
	case "DET", "NUM", "NOUN", "PROPN", "PRON", "ADJ":
		return true
	}
	return false
}

// intransitive tells verbs of events that take no object, whose past
// form is never a passive ("students demonstrated").
func intransitive(lemma string) bool {
	switch lemma {
	case "protest", "demonstrate", "rally", "march", "riot", "clash", "gather", "fight", "battle",
		"die", "flee", "resign", "mutiny", "strike", "explode", "erupt", "walk", "rebel", "agree", "meet":
		return true
	}
	return false
}

// relPronoun tells the pronouns that open a relative clause.
func (s *sent) relPronoun(n int) bool {
	switch s.word(n) {
	case "who", "whom", "which", "that":
		return s.dep[n].UPOS == "PRON" || s.dep[n].UPOS == "DET"
	}
	return false
}

// actorsAt appends the actors that cover node n: the dictionary actors
// holding one of its tokens, or those a pronoun stands for.
func (s *sent) actorsAt(n int, dst []int) []int {
	start := len(dst)
	if i := s.t2s[n]; i >= 0 && int(i) < s.dline {
		return dst // the dateline is no side of the story
	}
	for i := range s.toks {
		if int(s.toks[i].ti) != n || !s.inAct[i] {
			continue
		}
		for a := range s.acts {
			if s.acts[a].s <= i && i < s.acts[a].e {
				dst = appendUniq(dst, s.agentPart(a, n))
			}
		}
		if len(dst) > start {
			return dst
		}
	}
	if i := s.t2s[n]; i >= 0 && isPronoun(s.toks[i].norm) {
		if g := s.groupStarting(int(i)); g >= 0 && s.grps[g].s == int(i) {
			for _, m := range s.grps[g].members {
				dst = appendUniq(dst, m)
			}
		}
	}
	return dst
}

// agentPart returns actor a, or, when a joins an agent to a place the
// parse attaches elsewhere ("killed six people in Baghdad": the people
// are not Baghdad's), a new actor of the agent alone, the words of node
// n's phrase.
func (s *sent) agentPart(a, n int) int {
	ac := s.acts[a]
	if ac.agent < 0 || !s.c.opt.native {
		return a
	}
	e := ac.s
	for e < ac.e && s.under(s.nodeOf(e), n) {
		e++
	}
	if e == ac.e || e == ac.s {
		return a
	}
	for k := range s.acts {
		if s.acts[k].s == ac.s && s.acts[k].e == e {
			return k // made before
		}
	}
	// The place still says whose the agent is: people in Baghdad are
	// Iraqi, not Iraq's government.
	country := "---"
	if len(ac.code) >= 3 && countryCode(ac.code[:3]) {
		country = ac.code[:3]
	}
	s.acts = append(s.acts, actor{s: ac.s, e: e, code: country + s.c.agents[ac.agent].code, agent: -1})
	return len(s.acts) - 1
}

func appendUniq(dst []int, a int) []int {
	for _, x := range dst {
		if x == a {
			return dst
		}
	}
	return append(dst, a)
}

// phraseSkip tells the relations a noun phrase's actor is never read
// through: clauses, coordination (read apart), apposition (a fallback)
// and words that are not part of the phrase's reference.
func phraseSkip(rel string) bool {
	switch baseRel(rel) {
	case "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct", "appos", "dep",
		"list", "reparandum", "orphan", "discourse", "vocative", "case", "mark":
		return true
	}
	switch rel {
	case "nmod:tmod", "obl:tmod", "nmod:npmod", "obl:npmod":
		return true
	}
	return false
}

// phraseActors appends the actors of the noun phrase headed by n: those
// of its head word, else the nearest inside the phrase, else those of its
// apposition, then those of the phrases coordinated with it.
func (s *sent) phraseActors(n int, dst []int) []int {
	if s.nest < 2 && s.eventNode(n) {
		// "condemned the attack on Mali by rebels": whom an act about an
		// event is about is the event's author, else its victim.
		var sub roles
		s.nest++
		s.nounRoles(n, &sub)
		s.nest--
		if len(sub.src) > 0 {
			return append(dst, sub.src...)
		}
		return append(dst, sub.tgt...)
	}
	for k := 0; n >= 0 && k < 8; k++ {
		dst = s.oneNP(n, dst)
		n = s.child(n, "conj")
	}
	return dst
}

// oneNP is phraseActors without coordination.
func (s *sent) oneNP(n int, dst []int) []int {
	start := len(dst)
	defer func() {
		for _, a := range dst[start:] {
			s.setActNode(a, n)
		}
	}()
	// Breadth first: the head, its dependents, theirs ...
	q := append(s.queue[:0], n)
	for len(q) > 0 && len(dst) == start {
		next := s.queue2[:0]
		for _, m := range q {
			dst = s.actorsAt(m, dst)
		}
		if len(dst) > start {
			break
		}
		for _, m := range q {
			for c := range s.dep {
				if s.dep[c].Head != m || phraseSkip(s.dep[c].Rel) {
					continue
				}
				if r := baseRel(s.dep[c].Rel); (r == "nmod" || r == "obl") && placeOrTimePrep(s.caseOf(c)) {
					continue
				}
				next = append(next, c)
			}
		}
		s.queue2 = q
		q = next
		s.queue = next
	}
	if len(dst) > start {
		return s.conjInside(dst, start)
	}
	if ap := s.child(n, "appos"); ap >= 0 {
		dst = s.oneNP(ap, dst)
		if len(dst) > start {
			return dst
		}
	}
	if s.dep[n].UPOS == "PROPN" && s.dep[n].XPOS != "NNPS" {
		dst = s.unknownName(n, dst)
	}
	return dst
}

// unknownName keeps a proper name that no dictionary holds as an actor:
// its text (the name's flat and compound words) and the code the context
// allows, the first country named in the sentence, else in the story.
func (s *sent) unknownName(n int, dst []int) []int {
	lo, hi := n, n
	for c := range s.dep {
		if s.dep[c].Head != n {
			continue
		}
		switch s.dep[c].Rel {
		case "flat", "compound", "flat:name":
			if s.dep[c].UPOS != "PROPN" {
				continue
			}
			if c < lo {
				lo = c
			}
			if c > hi {
				hi = c
			}
		}
	}
	a, b := s.t2s[lo], s.t2s[hi]
	if a < 0 || b < 0 {
		return dst
	}
	e := int(b) + 1
	for e < len(s.toks) && int(s.toks[e].ti) == hi {
		e++
	}
	for i := int(a); i < e; i++ {
		if s.inAct[i] || !s.toks[i].cap {
			return dst // part of a name is an actor, or no name
		}
	}
	for i := int(a); i < e; i++ {
		if isTimeWord(s.toks[i].norm) || monthName(s.toks[i].norm) {
			return dst // "on Monday", "in March": when, not who
		}
	}
	if int(a) <= s.dline && e-int(a) == 1 {
		// A capital at the start of the sentence (or of its text after
		// a dateline) may be any word; the dateline itself is no actor.
		return dst
	}
	s.acts = append(s.acts, actor{s: int(a), e: e, code: s.contextCountry(), agent: -1})
	return append(dst, len(s.acts)-1)
}

// contextCountry returns the first country code the sentence's actors
// hold, else the last one of the story so far, "" none.
func (s *sent) contextCountry() string {
	for i := range s.acts {
		if c := s.acts[i].code; len(c) >= 3 && countryCode(c[:3]) {
			return c[:3]
		}
	}
	for i := len(s.hist) - 1; i >= 0; i-- {
		if c := s.hist[i].code; len(c) >= 3 && countryCode(c[:3]) {
			return c[:3]
		}
	}
	return ""
}

// countryCode tells a three-letter code that names a country, not an
// organisation or a role.
func countryCode(c string) bool {
	if len(c) != 3 || c == "---" {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	switch c {
	case "IGO", "NGO", "IMG", "MNC", "UAF", "REB", "INS", "OPP", "GOV", "MIL", "COP", "JUD", "BUS", "CVL",
		"MED", "EDU", "LAB", "REF", "SPY", "LEG", "ELI", "CRM", "HLH", "AGR", "ENV", "RAD", "UIS", "SEP", "NGM":
		return false
	}
	return true
}

// roleNode returns the node standing for the participant n: the noun a
// relative pronoun stands for, else n.
func (s *sent) roleNode(n, h int) int {
	if s.relPronoun(n) && baseRel(s.rel(h)) == "acl" {
		return s.head(h)
	}
	return n
}

// mustTakeObject tells the verbs of harm whose bare past form after a
// subject is a passive of a headline ("4 soldiers killed in attack").
func mustTakeObject(w string) bool {
	switch w {
	case "killed", "injured", "wounded", "arrested", "detained", "hurt", "shot", "abducted", "kidnapped",
		"captured", "jailed", "executed", "seized", "beaten", "tortured", "massacred", "murdered", "slain",
		"deported", "expelled", "sentenced", "convicted", "charged", "accused", "sanctioned", "targeted",
		"stabbed", "hanged", "imprisoned", "held", "taken", "evacuated", "rescued", "freed", "released":
		return true
	}
	return false
}

// objectLike tells the relations of a clause that make a verb transitive
// here.
func (s *sent) hasObjectChild(h int) bool {
	for c := range s.dep {
		if s.dep[c].Head != h {
			continue
		}
		switch s.dep[c].Rel {
		case "obj", "iobj", "ccomp", "xcomp":
			return true
		}
	}
	return false
}

// targetPrep tells the prepositions after which an oblique of a verb
// names whom the act is against or meant for.
func targetPrep(w string) bool {
	switch w {
	case "on", "against", "at", "to", "with", "toward", "towards", "upon", "onto", "into", "for", "from", "over":
		return true
	}
	return false
}

// verbRoles reads the source and target of the verb at node h.
func (s *sent) verbRoles(h int, r *roles) {
	pass := s.passive(h)
	subj := -1
	for c := range s.dep {
		if s.dep[c].Head != h {
			continue
		}
		switch s.dep[c].Rel {
		case "nsubj", "nsubj:pass", "obj", "obl:agent":
			r.seen = r.seen || s.dep[c].UPOS == "NOUN" || s.dep[c].UPOS == "PROPN"
		}
		switch s.dep[c].Rel {
		case "nsubj":
			subj = c
			if pass {
				r.tgt = s.phraseActors(s.roleNode(c, h), r.tgt)
			} else {
				r.src = s.phraseActors(s.roleNode(c, h), r.src)
			}
		case "nsubj:pass":
			subj = c
			r.tgt = s.phraseActors(s.roleNode(c, h), r.tgt)
		case "obl:agent":
			if s.caseOf(c) == "by" {
				r.src = s.phraseActors(c, r.src)
			}
		case "obl":
			if pass && s.caseOf(c) == "by" {
				r.src = s.phraseActors(c, r.src)
			}
		}
	}
	// A headline's passive has no "was": "4 soldiers killed in attack".
	if !pass && subj >= 0 && s.rel(subj) == "nsubj" && !s.hasObjectChild(h) && !s.objectFollows(h) && mustTakeObject(s.word(h)) {
		r.tgt = append(r.tgt, r.src...)
		r.src = r.src[:0]
		pass = true
	}
	if subj < 0 {
		s.inherited(h, pass, r)
	}
	if len(r.tgt) == 0 {
		for _, rel := range [...]string{"obj", "iobj"} {
			if c := s.child(h, rel); c >= 0 {
				r.tgt = s.phraseActors(s.roleNode(c, h), r.tgt)
			}
		}
	}
	if len(r.tgt) == 0 {
		for c := range s.dep {
			if s.dep[c].Head != h || s.dep[c].Rel != "obl" {
				continue
			}
			if p := s.caseOf(c); targetPrep(p) {
				r.tgt = s.phraseActors(c, r.tgt)
				if len(r.tgt) > 0 {
					break
				}
			}
		}
	}
	if pass && len(r.src) == 0 {
		// "were injured in clashes with demonstrators": the other side
		// of the event noun the passive happened in.
		for c := range s.dep {
			if s.dep[c].Head != h || s.dep[c].Rel != "obl" {
				continue
			}
			for d := range s.dep {
				if s.dep[d].Head == c && baseRel(s.dep[d].Rel) == "nmod" {
					if p := s.caseOf(d); p == "with" || p == "by" {
						r.src = s.phraseActors(d, r.src)
					}
				}
			}
		}
	}
	r.src = minus(r.src, r.tgt)
}

// postureRoles moves the patient of a passive show of force to its
// source: "a battalion was placed on alert" shows the battalion's force.
func (s *sent) postureRoles(code string, r *roles) {
	if len(code) >= 2 && code[:2] == "15" && len(r.src) == 0 && s.passive(s.rhead) {
		r.src, r.tgt = r.tgt, r.src[:0]
	}
}

// inherited gives a verb with no subject of its own the one its clause
// hands down: an open complement's controller ("urged Serbia to
// withdraw": Serbia), a coordinated verb's subject, the noun a relative
// clause or a participle describes.
func (s *sent) inherited(h int, pass bool, r *roles) {
	n := h
	for k := 0; k < 4; k++ {
		p := s.head(n)
		if p < 0 {
			return
		}
		switch s.rel(n) {
		case "xcomp":
			if o := s.child(p, "obj"); o >= 0 {
				s.addRole(s.roleNode(o, p), pass, r)
				return
			}
			if o := s.child(p, "iobj"); o >= 0 {
				s.addRole(s.roleNode(o, p), pass, r)
				return
			}
		case "conj", "advcl":
			if s.rel(n) == "advcl" && s.dep[n].XPOS != "VBG" {
				return
			}
		case "acl", "acl:relcl":
			if s.rel(n) == "acl" && s.passive(n) {
				r.tgt = s.phraseActors(p, r.tgt)
				return
			}
			s.addRole(p, pass, r)
			return
		default:
			return
		}
		if c := s.child(p, "nsubj"); c >= 0 {
			if s.passive(p) {
				// "X was arrested and charged": p's subject is its patient.
				s.addRole(s.roleNode(c, p), true, r)
			} else {
				s.addRole(s.roleNode(c, p), pass, r)
			}
			return
		}
		if c := s.child(p, "nsubj:pass"); c >= 0 {
			if s.rel(n) == "xcomp" {
				// "were ordered to leave": the patient of the order acts.
				s.addRole(s.roleNode(c, p), pass, r)
			} else {
				s.addRole(s.roleNode(c, p), true, r)
			}
			return
		}
		n = p
	}
}

// addRole adds the actors of node n as the source, or the target of a
// passive.
func (s *sent) addRole(n int, pass bool, r *roles) {
	if pass {
		r.tgt = s.phraseActors(n, r.tgt)
	} else {
		r.src = s.phraseActors(n, r.src)
	}
}

// lightVerb tells the verbs that only say their subject did what the
// event noun they take names ("carried out an attack").
func lightVerb(lemma string) bool {
	switch lemma {
	case "carry", "launch", "stage", "conduct", "mount", "perpetrate", "commit", "unleash", "impose",
		"drop", "fire", "detonate", "plant", "hurl", "lob", "throw", "set", "explode":
		return true
	}
	return false
}

// nounRoles reads the source and target of the event noun at node h.
func (s *sent) nounRoles(h int, r *roles) {
	for c := range s.dep {
		if s.dep[c].Head != h {
			continue
		}
		if baseRel(s.dep[c].Rel) == "nmod" && (s.dep[c].UPOS == "NOUN" || s.dep[c].UPOS == "PROPN") && !placeOrTimePrep(s.caseOf(c)) {
			r.seen = true
		}
		switch rel := s.dep[c].Rel; {
		case rel == "nmod:poss":
			if k := len(r.src); s.dep[c].UPOS == "PRON" {
				// "Workers ended their strike": theirs is the subject's.
				if p := s.head(h); p >= 0 && (s.rel(h) == "obj" || s.rel(h) == "obl") {
					if sb := s.child(p, "nsubj"); sb >= 0 {
						r.src = s.phraseActors(s.roleNode(sb, p), r.src)
					}
				}
				if len(r.src) > k {
					continue
				}
			}
			r.src = s.phraseActors(c, r.src)
		case rel == "amod" && len(r.src) == 0:
			r.src = s.actorsAt(c, r.src)
		case baseRel(rel) == "nmod" || rel == "obl":
			switch p := s.caseOf(c); p {
			case "by":
				r.src = s.phraseActors(c, r.src)
			case "between", "among":
				if len(r.tgt) == 0 {
					r.tgt = s.phraseActors(c, r.tgt)
					r.mutual = true
				}
			case "on", "against", "of", "at", "with", "upon", "targeting", "toward", "towards", "over", "to":
				if len(r.tgt) == 0 {
					r.tgt = s.phraseActors(c, r.tgt)
				}
			}
		}
	}
	if len(r.src) == 0 && s.rel(h) == "obj" {
		if p := s.head(h); p >= 0 && lightVerb(s.lemma(p)) && s.nest < 2 {
			var sub roles
			s.nest++
			s.verbRoles(p, &sub)
			s.nest--
			r.src = append(r.src, minus(sub.src, r.tgt)...)
		}
	}
	if r.mutual && len(r.tgt) < 2 {
		r.mutual = false
	}
	r.src = minus(r.src, r.tgt)
}

// lemma returns node n's lemma, its lower-case form when the parse gives
// none.
func (s *sent) lemma(n int) string {
	if l := s.dep[n].Lemma; l != "" && l != "_" {
		return strings.ToLower(l)
	}
	return s.word(n)
}

// minus returns a without the members of b, in place.
func minus(a, b []int) []int {
	out := a[:0]
	for _, x := range a {
		keep := true
		for _, y := range b {
			if x == y {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

// speechVerb tells the lemmas of verbs that report what someone said.
func speechVerb(lemma string) bool {
	switch lemma {
	case "say", "tell", "report", "state", "add", "announce", "declare", "claim", "confirm", "quote", "note", "insist":
		return true
	}
	return false
}

// sayWord tells a node that is a reporting verb, by its lemma or, when
// the parse's lemma is missing or wrong, by its form.
func (s *sent) sayWord(n int) bool {
	if speechVerb(s.lemma(n)) || saidForm(s.word(n)) {
		return true
	}
	switch s.word(n) {
	case "reported", "reports", "announced", "declared", "confirmed", "claimed":
		return true
	}
	return false
}

// sayNode returns the node of the reporting verb whose report holds the
// clause of node h (h is its complement, or ", X said" hangs below h),
// -1 none.
func (s *sent) sayNode(h int) int {
	n := h
	for k := 0; k < 6 && n >= 0; k++ {
		for c := range s.dep {
			if s.dep[c].Head == n && s.dep[c].Rel == "parataxis" && s.sayWord(c) {
				return c
			}
		}
		p := s.head(n)
		if p < 0 {
			return -1
		}
		switch s.rel(n) {
		case "ccomp", "parataxis":
			if s.sayWord(p) {
				return p
			}
		case "conj", "xcomp", "advcl":
		default:
			return -1
		}
		n = p
	}
	return -1
}

// speakerOf returns the actor who reports the clause of node h, -1 none.
func (s *sent) speakerOf(h int) int {
	if say := s.sayNode(h); say >= 0 {
		return s.firstActor(s.child(say, "nsubj"))
	}
	return -1
}

// reported reports an event among evs that verb v says was done (the
// sentence's news is the reported act, not the saying).
func (s *sent) reported(v verbHit, evs []raw) bool {
	if !s.depOK() {
		return false
	}
	say := s.spanHead(v.s, v.e)
	if say < 0 {
		return false
	}
	for i := range evs {
		if h := s.spanHead(evs[i].verb.s, evs[i].verb.e); h >= 0 && h != say && s.sayNode(h) == say {
			return true
		}
	}
	return false
}

// under reports node n lying in the subtree of node h.
func (s *sent) under(n, h int) bool {
	for k := 0; n >= 0 && k < len(s.dep); k++ {
		if n == h {
			return true
		}
		n = s.dep[n].Head
	}
	return false
}

func (s *sent) firstActor(n int) int {
	if n < 0 {
		return -1
	}
	var buf [4]int
	as := s.phraseActors(n, buf[:0])
	if len(as) == 0 {
		return -1
	}
	return as[0]
}

// treeRoles reads the roles of the event of verb hit v from the parse; ok
// is false when the sentence has no parse.
func (s *sent) treeRoles(v verbHit, nominal bool) (r roles, ok bool) {
	r.speaker = -1
	if !s.parsed() {
		return r, false
	}
	h := s.spanHead(v.s, v.e)
	if h < 0 {
		return r, false
	}
	r.src, r.tgt = s.rsrc[:0], s.rtgt[:0]
	switch up := s.dep[h].UPOS; {
	case nominal || up == "NOUN" || up == "PROPN":
		s.nounRoles(h, &r)
	default:
		s.verbRoles(h, &r)
	}
	r.speaker = s.speakerOf(h)
	if r.speaker >= 0 {
		// Who reports an act is not its side: "..., Turkish officials said".
		one := [1]int{r.speaker}
		r.src, r.tgt = minus(r.src, one[:]), minus(r.tgt, one[:])
	}
	s.rsrc, s.rtgt = r.src, r.tgt
	s.rhead = h
	return r, true
}

// treePair is nativePair with the actors the parse gave.
func (s *sent) treePair(evs []raw, r roles, code, code2 string, v verbHit, cl *clause) []raw {
	mod := s.modality(v, cl)
	if len(r.tgt) == 0 && len(r.src) >= 2 && (cooperation(code) || code[:2] == "01") && s.reciprocal(s.rhead) {
		// "Serbia and Kosovo signed an agreement": each with the other.
		r.tgt, r.src, r.mutual = r.src, nil, true
	}
	if r.mutual {
		for _, a := range r.tgt {
			for _, b := range r.tgt {
				if a != b && s.acts[a].code != s.acts[b].code {
					evs = append(evs, raw{src: a, tgt: b, code: code, verb: v, mod: mod, speaker: r.speaker})
				}
			}
		}
		return evs
	}
	if len(r.src) == 0 && len(r.tgt) == 0 && !actorless(code, v.nominal) && !r.seen {
		// With no participant at all, only acts that need none code;
		// one the parse shows ("the vandalism of a memorial") is an
		// event whose sides are unknown.
		return evs
	}
	if len(r.tgt) == 0 && (cooperation(code) || code == "010") {
		return evs
	}
	one := [1]int{-1}
	srcs, tgts := r.src, r.tgt
	if len(srcs) == 0 {
		srcs = one[:]
	}
	if len(tgts) == 0 {
		tgts = one[:]
	}
	for _, a := range srcs {
		for _, b := range tgts {
			if a >= 0 && b >= 0 && s.acts[a].code == s.acts[b].code {
				continue
			}
			sp := r.speaker
			if sp == a {
				sp = -1 // "X said it attacked": no speaker attributes their own act
			}
			evs = append(evs, raw{src: a, tgt: b, code: code, verb: v, mod: mod, speaker: sp})
			if code2 != "" && a >= 0 && b >= 0 {
				evs = append(evs, raw{src: b, tgt: a, code: code2, verb: v, mod: mod, speaker: sp})
			}
		}
	}
	return evs
}

// boundUnder reports group g's head word lying in the subtree of node h
// (a pattern's binding the parse agrees the verb governs).
func (s *sent) boundUnder(g, h int) bool {
	if g < 0 || h < 0 {
		return false
	}
	n := s.spanHead(s.grps[g].s, s.grps[g].e)
	if n < 0 || n == h || !s.under(n, h) || placeOrTimePrep(s.caseOf(n)) {
		return false
	}
	for m := n; m != h && m >= 0; m = s.head(m) {
		switch baseRel(s.rel(m)) {
		case "parataxis", "ccomp", "advcl", "acl", "conj", "csubj":
			return false // in another clause
		}
	}
	return true
}

func slicesHas(a []int, x int) bool {
	for _, y := range a {
		if y == x {
			return true
		}
	}
	return false
}

// eventNode reports a noun node that is a verb hit of the sentence (an
// event noun: "attack", "arrest").
func (s *sent) eventNode(n int) bool {
	if up := s.dep[n].UPOS; up != "NOUN" {
		return false
	}
	for _, v := range s.verbs {
		if s.nodeOf(v.s) == n {
			return true
		}
	}
	return false
}

// fillRoles fills a role the parse left empty from word order, as the
// coder does without a parse, unless the parse rules the actor out: a
// parse may miss an attachment, but where it puts an actor (a place after
// "in", the patient of the verb) it is right far more often than word
// order. The source is the clause's subject before an active verb (or
// "by X" after a passive), the target the first actor after the verb.
func (s *sent) fillRoles(r roles, v verbHit, cl *clause, subj int, code string) roles {
	h := s.rhead
	if v.nominal {
		// An event noun's actors come from its own phrase only.
		return r
	}
	if len(r.src) == 0 && !s.passive(h) && !s.passiveNoBy(v, cl) {
		if subj >= 0 && s.grps[subj].e <= v.s && s.mayFill(subj, r, true, code) {
			r.src = append(r.src, s.members(subj)...)
		}
	}
	if len(r.src) == 0 {
		if by := s.passiveAgent(v, cl); by >= 0 && s.mayFill(by, r, false, code) {
			r.src = append(r.src, s.members(by)...)
		}
	}
	if len(r.tgt) == 0 && !v.nominal {
		if g := s.targetAfter(v.e, cl.e, -1); g >= 0 && s.mayFill(g, r, false, code) {
			for _, m := range s.members(g) {
				if !slicesHas(r.src, m) {
					r.tgt = append(r.tgt, m)
				}
			}
		}
	}
	for _, a := range r.src {
		s.setActNode(a, s.spanHead(s.acts[a].s, s.acts[a].e))
	}
	for _, a := range r.tgt {
		s.setActNode(a, s.spanHead(s.acts[a].s, s.acts[a].e))
	}
	s.rsrc, s.rtgt = r.src, r.tgt
	return r
}

// mayFill reports whether the parse lets group g fill an empty role: g's
// actors have no role yet, g is not after a preposition of place or
// time, nor (for a source) the verb's patient.
func (s *sent) mayFill(g int, r roles, source bool, code string) bool {
	place := true
	for _, m := range s.members(g) {
		if slicesHas(r.src, m) || slicesHas(r.tgt, m) {
			return false
		}
		if !placeCode(s.acts[m].code) || s.acts[m].agent >= 0 {
			place = false
		}
	}
	n := s.spanHead(s.grps[g].s, s.grps[g].e)
	if n < 0 {
		return true
	}
	except := place && source && protestRoot(code)
	if except {
		// "In Serbia, thousands protested": the protesters are the
		// place's.
		place = false
	}
	if !except && placeOrTimePrep(s.caseOf(n)) && (place || !s.joined(g)) {
		// "signed an agreement in Brussels": where, whatever the
		// dictionary makes of the name.
		return false
	}
	switch s.rel(n) {
	case "compound", "amod", "nmod:poss", "flat":
		if p := s.head(n); place && p >= 0 && placeOrTimePrep(s.caseOf(p)) {
			return false // "in a Paris hospital"
		}
	case "obj", "nsubj:pass", "iobj":
		if source && s.head(n) == s.rhead {
			return false
		}
	}
	return true
}

// setActNode records n as the head of the noun phrase actor a was read
// from, unless one was recorded before.
func (s *sent) setActNode(a, n int) {
	for len(s.actNode) <= a {
		s.actNode = append(s.actNode, -1)
	}
	if s.actNode[a] < 0 {
		s.actNode[a] = int32(n)
	}
}

// npSkip tells the dependents that are not part of a noun phrase's
// extent: clauses, coordination, apposition, punctuation.
func npSkip(rel string) bool {
	switch baseRel(rel) {
	case "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct", "appos", "dep",
		"list", "reparandum", "orphan", "discourse", "vocative", "mark":
		return true
	}
	return false
}

// npExtent returns the first and last node of the noun phrase headed by
// n: n and its dependents, but not its clauses, coordinated phrases,
// apposition, its own preposition, or a phrase of place or time.
func (s *sent) npExtent(n int) (lo, hi int) {
	lo, hi = n, n
	var walk func(m, depth int)
	walk = func(m, depth int) {
		if m < lo {
			lo = m
		}
		if m > hi {
			hi = m
		}
		if depth > 6 {
			return
		}
		for c := range s.dep {
			if s.dep[c].Head != m {
				continue
			}
			r := s.dep[c].Rel
			if npSkip(r) || r == "case" && m == n {
				continue
			}
			if b := baseRel(r); (b == "nmod" || b == "obl") && placeOrTimePrep(s.caseOf(c)) {
				continue
			}
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return lo, hi
}

// npSpan returns the tokens [a, b) of the noun phrase actor a was read
// from, or the actor's own tokens.
func (s *sent) npSpan(a int) (int, int) {
	ac := &s.acts[a]
	if a >= len(s.actNode) || s.actNode[a] < 0 || !s.depOK() {
		return ac.s, ac.e
	}
	lo, hi := s.npExtent(int(s.actNode[a]))
	st, en := int(s.t2s[lo]), int(s.t2s[hi])
	if st < 0 || en < 0 {
		return ac.s, ac.e
	}
	en++
	for en < len(s.toks) && int(s.toks[en].ti) == hi {
		en++
	}
	st, en = min(st, ac.s), max(en, ac.e)
	for st < en && s.toks[st].punct {
		st++
	}
	for en > st && s.toks[en-1].punct {
		en--
	}
	return st, en
}

// conjInside adds the actors coordinated with a word inside the actors
// dst[start:] ("officials in Pristina and Belgrade": Belgrade's too).
func (s *sent) conjInside(dst []int, start int) []int {
	end := len(dst)
	for _, a := range dst[start:end] {
		ac := s.acts[a]
		for i := ac.s; i < ac.e; i++ {
			nd := s.nodeOf(i)
			if nd < 0 {
				continue
			}
			for c := range s.dep {
				if s.dep[c].Head != nd || s.dep[c].Rel != "conj" {
					continue
				}
				if ci := s.t2s[c]; ci >= 0 && (int(ci) < ac.s || int(ci) >= ac.e) {
					dst = s.actorsAt(c, dst)
				}
			}
		}
	}
	return dst
}

// reciprocal reports a verb whose coordinated subjects act with each
// other: it has no object ("Serbia and Kosovo agreed") or one that two
// parties make together ("signed an agreement", "held talks").
func (s *sent) reciprocal(h int) bool {
	o := s.child(h, "obj")
	if o < 0 {
		return true
	}
	switch s.lemma(o) {
	case "agreement", "deal", "accord", "treaty", "pact", "talks", "truce", "ceasefire", "memorandum",
		"agreements", "deals", "accords", "treaties", "pacts", "truces", "ceasefires":
		return true
	}
	return false
}

// armedRoot tells the codes of armed attack, fight and mass violence
// (roots 19, 20), which are against the country they happen in.
func armedRoot(code string) bool { return len(code) >= 2 && (code[:2] == "19" || code[:2] == "20") }

// monthName tells the names of months, which are no actors.
func monthName(w string) bool {
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec":
		return true
	}
	return false
}

// armedPlace returns the country an armed attack with no target happens
// in ("a bombardment campaign in Serbia"): a country name, not a city
// that stands for a government, after "in" on the event's word or the
// words it hangs from up to its verb.
func (s *sent) armedPlace(r roles) []int {
	n := s.rhead
	for k := 0; k < 4 && n >= 0; k++ {
		for c := range s.dep {
			if s.dep[c].Head != n {
				continue
			}
			if b := baseRel(s.dep[c].Rel); b != "obl" && b != "nmod" {
				continue
			}
			switch s.caseOf(c) {
			case "in", "inside", "across", "throughout", "over":
			default:
				continue
			}
			var buf [4]int
			as := s.actorsAt(c, buf[:0])
			ok := len(as) > 0
			for _, a := range as {
				ok = ok && len(s.acts[a].code) == 3 && countryCode(s.acts[a].code) && !slicesHas(r.src, a)
			}
			if ok {
				return append(r.tgt, as...)
			}
		}
		if s.dep[n].UPOS == "VERB" {
			break
		}
		n = s.head(n)
	}
	return r.tgt
}

// parsed parses the sentence if it has not been yet (only sentences with
// a candidate event are parsed, once) and reports a parse.
func (s *sent) parsed() bool {
	if s.ptoks != nil {
		s.dep = s.c.parser(s.ptoks, s.dep[:0])
		s.buildT2S(len(s.ptoks))
		s.ptoks = nil
	}
	return s.depOK()
}

// treeNominal reports whether the parse reads verb hit v as a noun; ok is
// false without a parse, or when the parse reads it as neither.
func (s *sent) treeNominal(v verbHit) (nominal, ok bool) {
	if !s.parsed() {
		return false, false
	}
	h := s.spanHead(v.s, v.e)
	if h < 0 {
		return false, false
	}
	switch s.dep[h].UPOS {
	case "NOUN", "PROPN":
		return true, true
	case "VERB":
		if s.dep[h].XPOS == "VBG" && v.s > 0 && s.afterWordPrep(v.s-1) {
			// "for fighting", "of fighting": a gerund after a
			// preposition names an activity, as a noun does.
			return true, true
		}
		return false, true
	}
	return false, false
}

// afterWordPrep tells a preposition at token i.
func (s *sent) afterWordPrep(i int) bool {
	switch s.toks[i].norm {
	case "in", "of", "for", "about", "over", "against", "during", "after", "amid", "despite", "following", "from", "by", "with":
		return true
	}
	return false
}

// treeDoubt reports a parse that reads verb hit v as a noun where word
// order sees a verb after its subject ("Israel struck Syria" tagged as a
// noun compound): the tagger erred, and the tree around it is no guide.
func (s *sent) treeDoubt(v verbHit, nominal bool) bool {
	if nominal || !s.depOK() {
		return false
	}
	h := s.spanHead(v.s, v.e)
	if h < 0 {
		return true
	}
	switch s.dep[h].UPOS {
	case "NOUN", "PROPN", "ADJ", "ADP", "AUX":
		return true
	}
	return s.dep[h].Rel == "compound"
}

// joined reports a group whose first actor joins an agent to a name
// ("police in Baghdad"): the preposition is inside the actor.
func (s *sent) joined(g int) bool {
	m := s.grps[g].members
	return len(m) > 0 && s.acts[m[0]].agent >= 0
}

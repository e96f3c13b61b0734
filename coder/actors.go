package coder

import "strings"

// actorVal is a compiled actor: its dated codes.
type actorVal struct {
	codes []dictCode
}

// agentVal is a compiled agent.
type agentVal struct {
	code   string
	prefix bool
}

// actorCode picks the code of actor a valid on date (YYYYMMDD, 0 unknown):
// a dated code whose range holds the date, else the undated default. With
// no date the open-ended (current) code is taken.
func (c *Coder) actorCode(a int32, date int) string {
	codes := c.actors[a].codes
	def, current := "", ""
	for _, dc := range codes {
		if dc.From == 0 && dc.To == 0 {
			if def == "" {
				def = dc.Code
			}
			continue
		}
		if date == 0 {
			if dc.To == 0 {
				current = dc.Code
			}
			continue
		}
		if (dc.From == 0 || date >= dc.From) && (dc.To == 0 || date < dc.To) {
			return dc.Code
		}
	}
	if def == "" {
		def = current
	}
	return def
}

// findMentions finds actors and agents left to right, longest match first.
// It reports whether an actor coded ### (discard) was met.
func (s *sent) findMentions() (discard, complex bool) {
	n := len(s.toks)
	i := 0
	if s.c.opt.native {
		i = s.dateline()
	}
	s.dline = i
	for i < n {
		if s.toks[i].punct && !isWordPunct(s.toks[i].norm) {
			i++
			continue
		}
		aid, aend := s.best(i, kActor, 3)
		gid, gend := s.best(i, kAgent, 1)
		switch {
		case aid >= 0 && aend >= gend:
			code := s.c.actorCode(s.c.ix.entries[aid].val, s.date)
			switch code {
			case "###":
				discard = true
			case "+++":
				complex = true
			}
			null := code == "" || code == "---" || code == "###" || code == "+++"
			s.ments = append(s.ments, mention{s: i, e: aend, code: code, agent: -1, null: null})
			i = s.cover(i, aend)
		case gid >= 0:
			s.ments = append(s.ments, mention{s: i, e: gend, agent: s.c.ix.entries[gid].val})
			i = s.cover(i, gend)
		default:
			i++
		}
	}
	return discard, complex
}

func (s *sent) cover(a, b int) int {
	for j := a; j < b; j++ {
		s.inAct[j] = true
	}
	return b
}

// between reports whether the tokens [a, b) are all in the set allowed
// (or adjectives of the dictionary), at most max of them.
func (s *sent) between(a, b, max int, allowed func(string) bool) bool {
	if b-a > max {
		return false
	}
	for j := a; j < b; j++ {
		t := &s.toks[j]
		if !allowed(t.norm) && !s.has(j, kAdj) {
			return false
		}
	}
	return true
}

func isDeterminer(w string) bool { return w == "the" || w == "a" || w == "an" }

func isAgentLink(w string) bool {
	switch w {
	case "of", "in", "from", "for", "the", "at":
		return true
	}
	return false
}

// addAgent joins an agent code to an actor code, once.
func addAgent(code string, ag agentVal) string {
	if ag.code == "" {
		return code
	}
	if ag.prefix {
		if strings.HasPrefix(code, ag.code) {
			return code
		}
		return ag.code + code
	}
	for i := 3; i+len(ag.code) <= len(code); i += 3 {
		if code[i:i+len(ag.code)] == ag.code {
			return code
		}
	}
	return code + ag.code
}

// combine joins agents to the actors next to them (Russian police,
// ambassadors of Arnor, human rights activists in Gondor) and turns the
// mentions into actors.
func (s *sent) combine() {
	ms := s.ments
	pending := -1 // an agent mention waiting for the actor after it
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.agent >= 0 {
			if pending >= 0 {
				s.lonelyAgent(ms[pending])
			}
			pending = i
			continue
		}
		if m.null {
			if pending >= 0 {
				s.lonelyAgent(ms[pending])
				pending = -1
			}
			continue
		}
		codes := m.code
		a := actor{s: m.s, e: m.e, code: codes, agent: -1}
		if pending >= 0 {
			p := ms[pending]
			if s.between(p.e, m.s, 2, isAgentLink) {
				a.s = p.s
				// Faultline's coding spreads an agent over a compound only
				// when a word links them ("the ambassadors of A and B"), not
				// from an adjective-like agent ("local Serbs and KFOR").
				if !s.c.opt.native || p.e < m.s {
					a.agent = p.agent
				}
				a.code = addAgent(a.code, s.c.agents[p.agent])
			} else {
				s.lonelyAgent(p)
			}
			pending = -1
		}
		// Agents right after the actor: "Gondor police", "Ithilen's president".
		for i+1 < len(ms) && ms[i+1].agent >= 0 && s.between(a.e, ms[i+1].s, 1, isDeterminer) {
			i++
			a.code = addAgent(a.code, s.c.agents[ms[i].agent])
			a.e = ms[i].e
		}
		// An actor coded A/B/C stands for several actors.
		if strings.IndexByte(a.code, '/') >= 0 {
			for _, part := range strings.Split(a.code, "/") {
				if part = strings.TrimSpace(part); part != "" {
					s.acts = append(s.acts, actor{s: a.s, e: a.e, code: part, agent: a.agent})
				}
			}
			continue
		}
		s.acts = append(s.acts, a)
	}
	if pending >= 0 {
		s.lonelyAgent(ms[pending])
	}
}

// lonelyAgent codes an agent that no actor claimed, when the options say so.
func (s *sent) lonelyAgent(m mention) {
	ag := s.c.agents[m.agent]
	if s.c.opt.native && s.modifier(m) {
		return
	}
	switch s.c.opt.lonelyAgent {
	case agentDashes:
		s.acts = append(s.acts, actor{s: m.s, e: m.e, code: "---" + ag.code, agent: -1})
	case agentTilde:
		s.acts = append(s.acts, actor{s: m.s, e: m.e, code: "~" + ag.code, agent: -1})
	}
}

// isConj is a word that joins the members of a compound actor.
func isConj(w string) bool { return w == "and" || w == "or" || w == "nor" || w == "&" }

// groupActors forms compound actors: actors separated only by commas,
// determiners, adjectives and a final conjunction. Actors made from one
// A/B/C entry always stay together.
func (s *sent) groupActors() {
	acts := s.acts
	for i := 0; i < len(acts); {
		j := i + 1
		lastConj := i // index of the last member joined by a conjunction
		for j < len(acts) {
			if acts[j].s == acts[j-1].s { // parts of one A/B/C entry
				if lastConj == j-1 {
					lastConj = j
				}
				j++
				continue
			}
			conj, ok := s.joiner(acts[j-1].e, acts[j].s)
			if !ok {
				break
			}
			if conj {
				lastConj = j
			}
			j++
		}
		end := lastConj + 1
		// Members of one A/B/C entry come as a block.
		for end < len(acts) && acts[end].s == acts[end-1].s {
			end++
		}
		if end <= i {
			end = i + 1
		}
		start := len(s.mem)
		for k := i; k < end; k++ {
			s.mem = append(s.mem, k)
		}
		// PETRARCH carries an agent before a compound over all of it:
		// "the ambassadors of Arnor, Osgiliath and Gondor" (TABARI does not).
		if ag := acts[i].agent; ag >= 0 && !s.c.opt.tabari {
			for k := i + 1; k < end; k++ {
				acts[k].code = addAgent(acts[k].code, s.c.agents[ag])
			}
		}
		g := group{s: acts[i].s, e: acts[end-1].e, members: s.mem[start:len(s.mem):len(s.mem)]}
		s.grps = append(s.grps, g)
		i = end
	}
	s.pronouns()
	for gi := range s.grps {
		g := &s.grps[gi]
		// A determiner before the group belongs to it for pattern matching.
		s.gof[g.s] = int32(gi)
		if g.s > 0 && isDeterminer(s.toks[g.s-1].norm) {
			s.gof[g.s-1] = int32(gi)
		}
		s.gol[g.e-1] = int32(gi)
	}
}

func isPronoun(w string) bool {
	switch w {
	case "he", "she", "it", "they", "him", "her", "them":
		return true
	}
	return false
}

// pronouns adds a group for each personal pronoun standing for the first
// actor of the sentence before it (TABARI's dereferencing of "he"): the
// pronoun's group holds that actor's members.
//
// A pronoun with no actor before it stands for the lead actor of the
// story's previous sentence (TABARI's pronoun forwarding): s.lead.
func (s *sent) pronouns() {
	n := len(s.grps)
	if n == 0 && s.lead == "" {
		return
	}
	for j := range s.toks {
		if !isPronoun(s.toks[j].norm) || s.inAct[j] {
			continue
		}
		ante := -1
		for gi := 0; gi < n; gi++ {
			if s.grps[gi].e <= j {
				ante = gi
				break
			}
		}
		if ante < 0 {
			if s.lead == "" {
				continue
			}
			s.acts = append(s.acts, actor{s: j, e: j + 1, code: s.lead, agent: -1})
			start := len(s.mem)
			s.mem = append(s.mem, len(s.acts)-1)
			s.grps = append(s.grps, group{s: j, e: j + 1, members: s.mem[start:len(s.mem):len(s.mem)]})
			continue
		}
		s.grps = append(s.grps, group{s: j, e: j + 1, members: s.grps[ante].members})
	}
	if len(s.grps) > n {
		// Keep groups in text order; few, so insertion sort.
		g := s.grps
		for i := 1; i < len(g); i++ {
			for k := i; k > 0 && g[k].s < g[k-1].s; k-- {
				g[k], g[k-1] = g[k-1], g[k]
			}
		}
	}
}

// joiner looks at the tokens between two actors: ok when they may join a
// compound, conj when a conjunction is among them.
func (s *sent) joiner(a, b int) (conj, ok bool) {
	if b-a > 4 || b == a {
		return false, false
	}
	for j := a; j < b; j++ {
		w := s.toks[j].norm
		switch {
		case isConj(w):
			conj = true
		case w == ",", isDeterminer(w), s.has(j, kAdj):
		default:
			return false, false
		}
	}
	return conj, true
}

func (s *sent) groupStarting(j int) int {
	if j < 0 || j >= len(s.gof) {
		return -1
	}
	return int(s.gof[j])
}

func (s *sent) groupEnding(j int) int {
	if j < 0 || j >= len(s.gol) {
		return -1
	}
	return int(s.gol[j])
}

// leadActor is the code of the sentence's first dictionary actor, agents
// left out: what a pronoun opening the story's next sentence stands for.
// TABARI forwards the actor only ("He" after "Fornost President X" is FOR).
func (s *sent) leadActor() string {
	for i := range s.ments {
		if m := &s.ments[i]; m.agent < 0 && !m.null && m.code != "" {
			return m.code
		}
	}
	return ""
}

// modifier reports a one-word agent with no actor that describes the
// plain noun after it ("Local elections", "civilian areas"): the noun, not
// the adjective, is what the phrase names, so it is no actor.
func (s *sent) modifier(m mention) bool {
	if m.e-m.s != 1 || m.e >= len(s.toks) {
		return false
	}
	w := s.toks[m.s].norm
	if !strings.HasSuffix(w, "al") && !strings.HasSuffix(w, "ic") && !strings.HasSuffix(w, "ian") {
		return false
	}
	t := &s.toks[m.e]
	if t.punct || s.inAct[m.e] || isBe(t.norm) || isConj(t.norm) {
		return false
	}
	id, _ := s.best(m.e, kVerb, 0)
	return id < 0
}

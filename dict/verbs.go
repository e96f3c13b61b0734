package dict

import (
	"strconv"
	"strings"
)

// verbParser holds the state of one verb file: TABARI .verbs (sections,
// verbs each followed by their patterns) and PETRARCH patterns ("--- GROUP
// [code] ---" blocks of verbs sharing the patterns below them) are read by
// the same loop, since PETRARCH grew out of TABARI's syntax.
type verbParser struct {
	s       *Set
	lr      *lineReader
	section string // "", "synsets", "time", "noun", "adjective"
	synset  int    // index of the synset + lines go to; -1 when they are verbs
	verb    int    // index of the last verb; -1 none
	timeHd  Phrase // the last <TIME> phrase, for the patterns under it

	group      string // current PETRARCH group; "" outside
	groupCode  string
	groupCode2 string
	groupNull  bool
	groupPos   Pos
	groupFirst int // index of the group's first verb
	groupPats  []Pattern

	p2      int // patterns using PETRARCH-2 phrase groups
	p2First Pos
}

func (s *Set) parseVerbs(lr *lineReader) {
	p := &verbParser{s: s, lr: lr, synset: -1, verb: -1}
	for {
		line, ok := lr.next()
		if !ok {
			break
		}
		p.line(line)
	}
	p.endGroup()
	if p.p2 > 0 {
		lr.errorAt(p.p2First, strconv.Itoa(p.p2)+" patterns use PETRARCH-2 phrase groups: "+
			"( ) groups are read as plain words and { } noun phrases as one-phrase alternatives, "+
			"so their parse-tree constraints are lost (reported once for the file)")
	}
}

func (p *verbParser) line(line string) {
	if line == "" || line[0] == '#' || line[0] == ';' {
		return
	}
	if sec, ok := sectionTag(line); ok {
		p.section = sec
		p.synset = -1
		return
	}
	if line[0] == '<' {
		p.lr.errorf("unknown section " + quote(line))
		return
	}
	body := stripComment(line)
	if body == "" {
		return
	}
	switch {
	case body[0] == '&':
		p.startSynset(body)
	case body[0] == '+' && p.synset >= 0:
		ph, msg := parsePhrase(body[1:])
		if msg != "" {
			p.lr.errorf(msg)
			return
		}
		syn := &p.s.Verbs.Synsets[p.synset]
		syn.Phrases = append(syn.Phrases, ph)
	case p.section == "synsets":
		p.lr.errorf("line in <SYNSETS> is neither &NAME nor +phrase: " + quote(body))
	case p.section == "noun" || p.section == "adjective":
		ph, msg := parsePhrase(body)
		if msg != "" {
			p.lr.errorf(msg)
			return
		}
		if p.section == "noun" {
			p.s.Verbs.Nouns = append(p.s.Verbs.Nouns, ph)
		} else {
			p.s.Verbs.Adjectives = append(p.s.Verbs.Adjectives, ph)
		}
	case p.section == "time":
		p.timeLine(body)
	case strings.HasPrefix(body, "---"):
		p.startGroup(body)
	case body[0] == '-':
		p.patternLine(body)
	case body[0] == '{':
		p.formsLine(body)
	default:
		p.verbLine(body)
	}
}

func (p *verbParser) startSynset(body string) {
	name := strings.TrimRight(strings.TrimSpace(body[1:]), "_")
	if name == "" || strings.ContainsAny(name, " \t[]{}") {
		p.lr.errorf("bad synset name " + quote(body) + ": want &NAME alone on its line")
		p.synset = -1
		return
	}
	p.s.Verbs.Synsets = append(p.s.Verbs.Synsets, Synset{Name: fold(name), Pos: p.lr.pos()})
	p.synset = len(p.s.Verbs.Synsets) - 1
}

// startGroup reads "--- NAME [code] ---"; the code may be missing (the
// verbs then carry their own) and the closing dashes too.
func (p *verbParser) startGroup(body string) {
	p.endGroup()
	p.synset = -1
	inner := strings.TrimSpace(strings.Trim(body, "- \t"))
	head, blocks, msg := splitCodes(inner)
	if msg == "" && head == "" {
		msg = "group header " + quote(body) + " has no name"
	}
	var code, code2 string
	var null bool
	if msg == "" && len(blocks) > 0 {
		code, code2, null, msg = parseEventCode(blocks[0])
		if msg == "" && len(blocks) > 1 {
			msg = "group header " + quote(body) + " has more than one code; the first is used"
		}
	}
	if msg != "" {
		p.lr.errorf(msg)
		if head == "" {
			head = "?" // keep the block together so its patterns do not join the previous one
		}
	}
	p.group, p.groupCode, p.groupCode2, p.groupNull = head, code, code2, null
	p.groupPos = p.lr.pos()
	p.groupFirst = len(p.s.Verbs.Verbs)
	p.groupPats = nil
	p.verb = -1
}

// endGroup gives every verb of the group the group's patterns. They share
// one capped slice, so appending to one verb's patterns copies it.
func (p *verbParser) endGroup() {
	if p.group == "" {
		return
	}
	verbs := p.s.Verbs.Verbs[p.groupFirst:]
	if len(verbs) == 0 && len(p.groupPats) > 0 {
		p.lr.errorAt(p.groupPos, "group "+p.group+" has patterns but no verb")
	}
	pats := p.groupPats[:len(p.groupPats):len(p.groupPats)]
	for i := range verbs {
		verbs[i].Patterns = pats
	}
	p.group = ""
	p.groupPats = nil
}

func (p *verbParser) verbLine(body string) {
	p.synset = -1
	// The {forms} may come before or after the code: take them out first.
	var forms string
	if i := strings.IndexByte(body, '{'); i >= 0 {
		j := strings.IndexByte(body, '}')
		if j < i {
			p.lr.errorf("bad {forms} in verb line " + quote(body))
			p.verb = -1
			return
		}
		forms = body[i+1 : j]
		body = body[:i] + " " + body[j+1:]
	}
	head, blocks, msg := splitCodes(body)
	if msg == "" && len(blocks) > 1 {
		msg = "verb " + quote(head) + " has more than one code"
	}
	if msg != "" {
		p.lr.errorf(msg)
		p.verb = -1
		return
	}
	v := Verb{Group: p.group, Pos: p.lr.pos()}
	if len(blocks) == 1 {
		v.Code, v.Code2, v.Null, msg = parseEventCode(blocks[0])
		if msg != "" {
			p.lr.errorf(msg)
			p.verb = -1
			return
		}
	} else if p.group != "" {
		v.Code, v.Code2, v.Null = p.groupCode, p.groupCode2, p.groupNull
	}
	ph, msg := parsePhrase(strings.TrimPrefix(head, "+"))
	if msg != "" {
		p.lr.errorf("verb: " + msg)
		p.verb = -1
		return
	}
	v.Phrases = append(v.Phrases, ph)
	if msg := addForms(&v, forms); msg != "" {
		p.lr.errorf(msg)
	}
	p.s.Verbs.Verbs = append(p.s.Verbs.Verbs, v)
	p.verb = len(p.s.Verbs.Verbs) - 1
}

// formsLine reads TABARI's "{ BROKE_ BROKEN_ }" line of irregular forms of
// the verb above.
func (p *verbParser) formsLine(body string) {
	j := strings.LastIndexByte(body, '}')
	if j < 0 || strings.TrimSpace(body[j+1:]) != "" {
		p.lr.errorf("bad {forms} line " + quote(body))
		return
	}
	if p.verb < 0 {
		p.lr.errorf("{forms} line with no verb above")
		return
	}
	if msg := addForms(&p.s.Verbs.Verbs[p.verb], body[1:j]); msg != "" {
		p.lr.errorf(msg)
	}
}

// addForms adds the space-separated forms (each a phrase joined by _, with
// an optional leading +) to v.
func addForms(v *Verb, forms string) string {
	for _, f := range strings.Fields(forms) {
		f = strings.TrimPrefix(f, "+")
		if f == "" {
			continue
		}
		ph, msg := parsePhrase(f)
		if msg != "" {
			return "verb form: " + msg
		}
		v.Phrases = append(v.Phrases, ph)
	}
	return ""
}

func (p *verbParser) patternLine(body string) {
	head, blocks, msg := splitCodes(strings.TrimLeft(body, "-"))
	if msg == "" && len(blocks) != 1 {
		msg = "pattern " + quote(body) + " needs one [code] at the end"
	}
	if msg != "" {
		p.lr.errorf(msg)
		return
	}
	pat := Pattern{Pos: p.lr.pos()}
	pat.Code, pat.Code2, pat.Null, msg = parseEventCode(blocks[0])
	if msg != "" {
		p.lr.errorf(msg)
		return
	}
	var p2 bool
	pat.Elems, p2, msg = parsePattern(head)
	if msg != "" {
		p.lr.errorf(msg)
		return
	}
	if p2 {
		if p.p2 == 0 {
			p.p2First = p.lr.pos()
		}
		p.p2++
	}
	switch {
	case p.group != "":
		p.groupPats = append(p.groupPats, pat)
	case p.verb >= 0:
		v := &p.s.Verbs.Verbs[p.verb]
		v.Patterns = append(v.Patterns, pat)
	default:
		p.lr.errorf("pattern with no verb above")
	}
}

// timeLine reads "LAST_WEEK [-7]" or, under it, "- * AND A WEEK [+8]".
func (p *verbParser) timeLine(body string) {
	pattern := body[0] == '-'
	if pattern {
		body = body[1:]
	}
	head, blocks, msg := splitCodes(body)
	if msg == "" && len(blocks) != 1 {
		msg = "time entry " + quote(body) + " needs one [shift]"
	}
	if msg != "" {
		p.lr.errorf(msg)
		return
	}
	ts := TimeShift{Pos: p.lr.pos()}
	switch c := strings.ReplaceAll(blocks[0], " ", ""); c {
	case "###":
		ts.Skip = true
	case "+++":
		ts.Future = true
	case "---":
		ts.Null = true
	default:
		n, err := strconv.Atoi(c)
		if err != nil || c == "" || (c[0] != '+' && c[0] != '-') {
			p.lr.errorf("bad time shift [" + blocks[0] + "]: want [-7], [+1], [###], [+++] or [---]")
			return
		}
		ts.Days = n
	}
	if pattern {
		if p.timeHd == nil {
			p.lr.errorf("time pattern with no phrase above")
			return
		}
		elems, _, msg := parsePattern(head)
		if msg != "" {
			p.lr.errorf(msg)
			return
		}
		ts.Phrase, ts.Pattern = p.timeHd, elems
	} else {
		ph, msg := parsePhrase(head)
		if msg != "" {
			p.lr.errorf(msg)
			return
		}
		ts.Phrase = ph
		p.timeHd = ph
	}
	p.s.Verbs.Times = append(p.s.Verbs.Times, ts)
}

// parseEventCode reads a verb or pattern code: "190", "0256", "175:145",
// "---" (no event). Odd codes ("075A", "sdf", "###") are kept as written.
func parseEventCode(b string) (code, code2 string, null bool, msg string) {
	b = strings.TrimSpace(b)
	if strings.ReplaceAll(b, " ", "") == "---" {
		return "", "", true, ""
	}
	if b == "" {
		return "", "", false, "empty code []"
	}
	if strings.ContainsAny(b, " \t") {
		return "", "", false, "code [" + b + "] has spaces"
	}
	code, code2, found := strings.Cut(b, ":")
	// PETRARCH-2 writes [:173] for a code that only has the target's side.
	if code == "" && !found || found && code2 == "" {
		return "", "", false, "bad paired code [" + b + "]: want [c1:c2]"
	}
	return code, code2, false, ""
}

// parsePattern reads the elements of a pattern (without its code). p2 is
// true when it used PETRARCH-2 phrase groups, ( ) or { } without '|'.
func parsePattern(s string) (elems []Elem, p2 bool, msg string) {
	gap := false
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case ' ', '\t', '(', ')':
			if c != ' ' && c != '\t' {
				p2 = true
			}
			if len(elems) > 0 {
				gap = true
			}
			i++
			continue
		case '_':
			if n := len(elems); n > 0 && elems[n-1].Kind == ElemWord {
				elems[n-1].Word.Exact = true
			}
			gap = false
			i++
			continue
		case '}', '|':
			return nil, false, "stray " + string(c) + " in pattern " + quote(s)
		case '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return nil, false, "unclosed { in pattern " + quote(s)
			}
			inner := s[i+1 : i+j]
			if strings.IndexByte(inner, '{') >= 0 {
				return nil, false, "nested { in pattern " + quote(s)
			}
			e := Elem{Kind: ElemAlt, Gap: gap && len(elems) > 0}
			parts := strings.Split(inner, "|")
			if len(parts) == 1 {
				p2 = true // PETRARCH-2 noun phrase
			}
			for _, part := range parts {
				ph, m := parsePhrase(strings.NewReplacer("(", " ", ")", " ").Replace(part))
				if m != "" {
					return nil, false, "empty alternative in " + quote(s)
				}
				e.Alts = append(e.Alts, ph)
			}
			elems = append(elems, e)
			gap = false
			i += j + 1
			continue
		}
		j := i
		for j < len(s) && !strings.ContainsRune(" \t_{}|()", rune(s[j])) {
			j++
		}
		tok := s[i:j]
		i = j
		e := Elem{Gap: gap && len(elems) > 0}
		gap = false
		switch tok {
		case "*":
			e.Kind = ElemVerb
		case "$":
			e.Kind = ElemSource
		case "+":
			e.Kind = ElemTarget
		case "^":
			e.Kind = ElemSkip
		case "%":
			e.Kind = ElemCompound
		default:
			if tok[0] == '&' {
				if len(tok) == 1 {
					return nil, false, "& without a synset name in " + quote(s)
				}
				e.Kind = ElemSynset
				e.Name = fold(tok[1:])
			} else {
				e.Kind = ElemWord
				e.Word = Word{Text: fold(tok), Gap: e.Gap}
			}
		}
		elems = append(elems, e)
	}
	if len(elems) == 0 {
		return nil, false, "empty pattern"
	}
	return elems, p2, ""
}

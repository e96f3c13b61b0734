package dict

import (
	"strconv"
	"strings"
)

// maxExpansions bounds the phrases one agent line's !SET!s may expand to.
const maxExpansions = 1000

// parseAgents reads an agents file: "!SET! = A, B, C" substitution sets,
// then entries "PHRASE {PLURAL FORMS} [~CODE]" (suffix agent) or
// "[CODE~]" (prefix agent). A !SET! inside a phrase is replaced by each
// member of the set in turn, each giving one more phrase.
func (s *Set) parseAgents(lr *lineReader) {
	subst := map[string][]string{}
	for {
		line, ok := lr.next()
		if !ok {
			return
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		body := stripComment(line)
		if body == "" {
			continue
		}
		if body[0] == '!' && strings.IndexByte(body, '=') > 0 && strings.IndexByte(body, '[') < 0 {
			name, vals, _ := strings.Cut(body, "=")
			name = strings.TrimSpace(name)
			if len(name) < 3 || name[len(name)-1] != '!' || strings.Count(name, "!") != 2 {
				lr.errorf("bad substitution set name " + quote(name) + ": want !NAME!")
				continue
			}
			var list []string
			for _, v := range strings.Split(vals, ",") {
				if v = strings.TrimSpace(v); v != "" {
					list = append(list, v)
				}
			}
			if len(list) == 0 {
				lr.errorf("substitution set " + name + " is empty")
				continue
			}
			subst[strings.ToUpper(name)] = list
			continue
		}
		a, msg := parseAgentLine(body, subst)
		if msg != "" {
			lr.errorf(msg)
			continue
		}
		a.Pos = lr.pos()
		s.Agents = append(s.Agents, a)
	}
}

func parseAgentLine(body string, subst map[string][]string) (Agent, string) {
	var a Agent
	head, blocks, msg := splitCodes(body)
	if msg != "" {
		return a, msg
	}
	if len(blocks) != 1 {
		if len(blocks) == 0 {
			return a, "agent " + quote(head) + " has no [~CODE]"
		}
		return a, "agent " + quote(head) + " has more than one code block"
	}
	code := strings.ReplaceAll(blocks[0], " ", "")
	switch {
	case strings.HasPrefix(code, "~"):
		a.Code = code[1:]
	case strings.HasSuffix(code, "~"):
		a.Code = code[:len(code)-1]
		a.Prefix = true
	default:
		return a, "agent code " + quote("["+blocks[0]+"]") + " has no ~ (want [~GOV] or [NGO~])"
	}
	a.Code = strings.ToUpper(a.Code)
	if !validCode(a.Code) || strings.IndexByte(a.Code, '-') >= 0 {
		return a, "bad agent code " + quote("["+blocks[0]+"]")
	}
	// The plural forms come in { } after the head phrase.
	var forms []string
	if i := strings.IndexByte(head, '{'); i >= 0 {
		j := strings.IndexByte(head, '}')
		if j < i {
			return a, "unclosed { in " + quote(head)
		}
		if rest := strings.TrimSpace(head[j+1:]); rest != "" {
			return a, "text after the {plural} forms: " + quote(rest)
		}
		forms = strings.Fields(head[i+1 : j])
		a.NoPlural = len(forms) == 0
		head = strings.TrimSpace(head[:i])
	}
	if head == "" {
		return a, "agent with no phrase"
	}
	for _, f := range append([]string{head}, forms...) {
		exp, msg := expandSubst(f, subst)
		if msg != "" {
			return a, msg
		}
		for _, e := range exp {
			p, msg := parsePhrase(e)
			if msg != "" {
				return a, msg
			}
			a.Phrases = append(a.Phrases, p)
		}
	}
	return a, ""
}

// expandSubst replaces each !NAME! in s by every member of its set.
func expandSubst(s string, subst map[string][]string) ([]string, string) {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}, ""
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return nil, "unclosed ! in " + quote(s)
	}
	j += i + 1
	name := strings.ToUpper(s[i : j+1])
	vals, ok := subst[name]
	if !ok {
		return nil, "unknown substitution set " + name
	}
	rest, msg := expandSubst(s[j+1:], subst)
	if msg != "" {
		return nil, msg
	}
	// Several sets in one phrase multiply: bound it so a typo cannot
	// exhaust memory.
	if len(vals)*len(rest) > maxExpansions {
		return nil, "substitution sets in " + quote(s) + " expand to more than " + strconv.Itoa(maxExpansions) + " phrases"
	}
	out := make([]string, 0, len(vals)*len(rest))
	for _, v := range vals {
		for _, r := range rest {
			out = append(out, s[:i]+v+r)
		}
	}
	return out, ""
}

// parseDiscards reads a discards file: one phrase a line; a leading '+'
// discards the whole story, otherwise only the sentence.
func (s *Set) parseDiscards(lr *lineReader) {
	for {
		line, ok := lr.next()
		if !ok {
			return
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		body := stripComment(line)
		if body == "" {
			continue
		}
		d := Discard{Pos: lr.pos()}
		if body[0] == '+' {
			d.Story = true
			body = body[1:]
		}
		if strings.ContainsAny(body, "[]{}") {
			lr.errorf("discard " + quote(body) + " has brackets: a discard is a plain phrase")
			continue
		}
		p, msg := parsePhrase(body)
		if msg != "" {
			lr.errorf(msg)
			continue
		}
		d.Phrase = p
		s.Discards = append(s.Discards, d)
	}
}

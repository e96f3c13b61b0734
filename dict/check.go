package dict

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one finding of Check: a dictionary entry that loads but cannot
// do what its author meant.
type Problem struct {
	Pos  Pos
	Kind string // "unknown-code", "duplicate-verb", "duplicate-pattern", "unknown-synset"
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Pos, p.Kind, p.Msg) }

// Check reports what loading cannot: codes that validCode rejects (nil
// accepts every code), verb forms claimed by two verbs (the first wins, so
// the second's patterns never run for that form), patterns repeated under
// one verb (the later is unreachable) and synsets that are used but never
// defined (the pattern can never match). Duplicate actors are reported by
// the loader itself, in Set.Errors.
func Check(s *Set, validCode func(string) bool) []Problem {
	var out []Problem
	synsets := make(map[string]bool, len(s.Verbs.Synsets))
	for _, ss := range s.Verbs.Synsets {
		synsets[ss.Name] = true
	}
	code := func(pos Pos, what, c string) {
		if c == "" || validCode == nil || validCode(c) {
			return
		}
		out = append(out, Problem{pos, "unknown-code", fmt.Sprintf("%s code [%s] is not a CAMEO event code", what, c)})
	}
	forms := make(map[string]Pos)
	for _, v := range s.Verbs.Verbs {
		code(v.Pos, "verb", v.Code)
		code(v.Pos, "verb", v.Code2)
		for _, ph := range v.Phrases {
			k := phraseKey(ph)
			if first, ok := forms[k]; ok && first != v.Pos {
				out = append(out, Problem{v.Pos, "duplicate-verb",
					fmt.Sprintf("verb form %s is already a form of the verb at %s", phraseString(ph), first)})
				continue
			}
			forms[k] = v.Pos
		}
		out = append(out, checkPatterns(v, synsets, code)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pos.File != out[j].Pos.File {
			return out[i].Pos.File < out[j].Pos.File
		}
		return out[i].Pos.Line < out[j].Pos.Line
	})
	return dedupe(out)
}

// checkPatterns checks the patterns of one verb. PETRARCH groups share one
// pattern list among their verbs, so a pattern is judged once per position.
func checkPatterns(v Verb, synsets map[string]bool, code func(Pos, string, string)) []Problem {
	var out []Problem
	seen := make(map[string]Pos, len(v.Patterns))
	for _, p := range v.Patterns {
		code(p.Pos, "pattern", p.Code)
		code(p.Pos, "pattern", p.Code2)
		k := patternKey(p)
		if first, ok := seen[k]; ok && first != p.Pos {
			out = append(out, Problem{p.Pos, "duplicate-pattern",
				fmt.Sprintf("the same pattern stands at %s under this verb; this one is never reached", first)})
		} else {
			seen[k] = p.Pos
		}
		for _, name := range synsetRefs(p) {
			if !synsets[name] {
				out = append(out, Problem{p.Pos, "unknown-synset",
					fmt.Sprintf("&%s is not defined; the pattern can never match", strings.ToUpper(name))})
			}
		}
	}
	return out
}

// patternKey identifies a pattern by what it matches, code excluded: two
// patterns with one key match the same sentences, so only the first counts.
func patternKey(p Pattern) string {
	var sb strings.Builder
	for _, e := range p.Elems {
		fmt.Fprintf(&sb, "%d", e.Kind)
		if e.Gap {
			sb.WriteByte(' ')
		}
		switch e.Kind {
		case ElemWord:
			sb.WriteString(phraseKey(Phrase{e.Word}))
		case ElemSynset:
			sb.WriteString(e.Name)
		case ElemAlt:
			for _, a := range e.Alts {
				sb.WriteString(phraseKey(a))
				sb.WriteByte('|')
			}
		}
		sb.WriteByte(';')
	}
	return sb.String()
}

// synsetRefs lists the synsets a pattern names, directly or inside {A | B}.
func synsetRefs(p Pattern) []string {
	var names []string
	for _, e := range p.Elems {
		switch e.Kind {
		case ElemSynset:
			names = append(names, e.Name)
		case ElemAlt:
			for _, a := range e.Alts {
				for _, w := range a {
					if strings.HasPrefix(w.Text, "&") {
						names = append(names, strings.TrimPrefix(w.Text, "&"))
					}
				}
			}
		}
	}
	return names
}

// dedupe drops repeated problems: a group's shared patterns are seen once
// per verb of the group.
func dedupe(ps []Problem) []Problem {
	seen := make(map[Problem]bool, len(ps))
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

package syntax

import (
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// EvaluateRaw scores the parser end to end: each sentence's "# text =" is
// tokenised by the project's tokenizer (lower-cased first if lower), the
// words are parsed, and a system word counts where its character span is
// a gold word's span. Tags, heads (the head's span) and labels are scored
// as F1 of precision over system words and recall over gold words, as
// conll18_ud_eval scores aligned words. Sentences without text are skipped.
func (m *Model) EvaluateRaw(sents []Sentence, lower bool) Score {
	var sc Score
	var t Tree
	var words []string
	var spans, gold []faultline.Span
	var toks []text.Token
	for _, s := range sents {
		doc := s.Text
		if doc == "" {
			continue
		}
		if lower {
			doc = strings.ToLower(doc)
		}
		gold = goldSpans(gold[:0], doc, &s, lower)
		toks = text.AppendTokens(toks[:0], doc, faultline.Span{Start: 0, End: len(doc)})
		words, spans = words[:0], spans[:0]
		for _, tk := range toks {
			n := len(spans)
			spans = appendPieces(spans, tk)
			for _, p := range spans[n:] {
				words = append(words, doc[p.Start:p.End])
			}
		}
		m.ParseInto(&t, words)
		goldAt := make(map[faultline.Span]int, len(gold))
		for i, g := range gold {
			if g.End > g.Start {
				goldAt[g] = i
			}
		}
		sc.Words += len(s.Words)
		sc.System += len(words)
		for i, sp := range spans {
			gi, ok := goldAt[sp]
			if !ok {
				continue
			}
			n, g := &t.Nodes[i], &s.Words[gi]
			sc.Aligned++
			if n.UPOS == g.UPOS {
				sc.UPOS++
			}
			var hs faultline.Span
			if n.Head >= 0 {
				hs = spans[n.Head]
			}
			var gs faultline.Span
			if g.Head > 0 {
				gs = gold[g.Head-1]
			}
			if (n.Head < 0) == (g.Head == 0) && hs == gs {
				sc.Heads++
				if n.Deprel == g.Deprel {
					sc.Labels++
				}
			}
		}
	}
	return sc
}

// goldSpans finds each gold word's characters in doc: tokens in order,
// each at the next place its form occurs. The words of a multiword token
// split it where their forms spell it ("don't" = do + n't); otherwise the
// first word takes the whole token and the others an empty span.
func goldSpans(dst []faultline.Span, doc string, s *Sentence, lower bool) []faultline.Span {
	pos := 0
	find := func(form string) faultline.Span {
		if lower {
			form = strings.ToLower(form)
		}
		i := strings.Index(doc[pos:], form)
		if i < 0 {
			return faultline.Span{Start: pos, End: pos}
		}
		sp := faultline.Span{Start: pos + i, End: pos + i + len(form)}
		pos = sp.End
		return sp
	}
	r := 0
	for i := 0; i < len(s.Words); i++ {
		if r < len(s.Tokens) && s.Tokens[r].First == i {
			tk := s.Tokens[r]
			r++
			sp := find(tk.Form)
			p := sp.Start
			joined := ""
			for j := tk.First; j <= tk.Last && j < len(s.Words); j++ {
				joined += s.Words[j].Form
			}
			spell := strings.EqualFold(joined, doc[sp.Start:sp.End])
			for j := tk.First; j <= tk.Last && j < len(s.Words); j++ {
				switch {
				case spell:
					dst = append(dst, faultline.Span{Start: p, End: p + len(s.Words[j].Form)})
					p += len(s.Words[j].Form)
				case j == tk.First:
					dst = append(dst, sp)
				default:
					dst = append(dst, faultline.Span{Start: sp.End, End: sp.End})
				}
			}
			i = tk.Last
			continue
		}
		dst = append(dst, find(s.Words[i].Form))
	}
	return dst
}

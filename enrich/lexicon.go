package enrich

import (
	"strings"

	"github.com/faultline/faultline/text"
)

// Token flags: one map lookup per token tells every finder whether the
// token can start what it looks for, so most tokens cost nothing more.
const (
	fNum      uint16 = 1 << iota // digits, number words, "dozens", "a" (a dozen)
	fMonth                       // May, Sept.
	fWeekday                     // Tuesday
	fDateWord                    // yesterday, today, tomorrow, last, next, this, past
	fModal                       // will, could, refused, plans, urged ... (modWords)
	fDeploy                      // send, deploy, withdraw ... (deployVerbs)
	fClause                      // if, which, but, that, and, or: may open a segment mid-sentence
	fSingle                      // the, another: may count one person (single)
)

var lex = buildLex()

func buildLex() map[string]uint16 {
	lex := map[string]uint16{}
	for w := range units {
		lex[w] |= fNum
	}
	for w := range scales {
		lex[w] |= fNum
	}
	for w := range plurals {
		lex[w] |= fNum
	}
	for _, w := range []string{"a", "an", "tens"} {
		lex[w] |= fNum
	}
	lex["the"] |= fSingle
	lex["another"] |= fSingle
	for w := range months {
		lex[w] |= fMonth
		lex[w+"."] |= fMonth
	}
	for w := range weekdays {
		lex[w] |= fWeekday
	}
	for _, w := range []string{"yesterday", "today", "tonight", "tomorrow", "last", "next", "this", "past"} {
		lex[w] |= fDateWord
	}
	for w := range modWords {
		lex[w] |= fModal
	}
	for w := range deployVerbs {
		lex[w] |= fDeploy
	}
	for w := range midBreak {
		lex[w] |= fClause
	}
	lex["and"] |= fClause
	lex["or"] |= fClause
	return lex
}

// lexFlags returns the flags of each token of toks in dst.
func lexFlags(dst []uint16, toks []text.Token) []uint16 {
	dst = dst[:0]
	for i := range toks {
		w := toks[i].Norm
		var f uint16
		if toks[i].Punct || w == "" {
			dst = append(dst, 0)
			continue
		}
		if w[0] >= '0' && w[0] <= '9' {
			f = fNum
		} else {
			f = lex[w]
			if d := strings.IndexByte(w, '-'); d > 0 {
				if _, ok := units[w[:d]]; ok {
					f |= fNum // twenty-five
				}
			}
		}
		dst = append(dst, f)
	}
	return dst
}

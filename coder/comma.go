package coder

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/faultline/faultline/text"
)

// commaLimits are TABARI's COMMA option: comma-delimited stretches of a
// sentence whose length in words falls within a range are asides ("...,
// almost five years after X did Y, ...") and are left out before coding.
type commaLimits struct {
	on         bool
	min, max   int // an internal stretch, between two commas
	emin, emax int // the end stretch, after the last comma
	bmin, bmax int // the beginning, before the first comma
}

// tabariComma is TABARI's default: internal and end stretches of 2 to 10
// words go, the beginning always stays (BMIN above BMAX).
var tabariComma = commaLimits{on: true, min: 2, max: 10, emin: 2, emax: 10, bmin: 255, bmax: 0}

// setComma reads "OFF" or "MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3
// BMAX = 8" (any of the six; the others keep their values).
func (c *Coder) setComma(rest string) error {
	f := strings.Fields(strings.ReplaceAll(strings.ToUpper(rest), "=", " "))
	if len(f) == 1 && f[0] == "OFF" {
		c.opt.comma.on = false
		return nil
	}
	l := c.opt.comma
	for i := 0; i+1 < len(f); i += 2 {
		n, err := strconv.Atoi(f[i+1])
		if err != nil {
			return fmt.Errorf("COMMA: %s = %s: %w", f[i], f[i+1], err)
		}
		switch f[i] {
		case "MIN":
			l.min = n
		case "MAX":
			l.max = n
		case "EMIN":
			l.emin = n
		case "EMAX":
			l.emax = n
		case "BMIN":
			l.bmin = n
		case "BMAX":
			l.bmax = n
		default:
			return fmt.Errorf("COMMA: unknown limit %s", f[i])
		}
	}
	if len(f)%2 != 0 {
		return fmt.Errorf("COMMA: %q: want NAME = number pairs", rest)
	}
	l.on = true
	c.opt.comma = l
	return nil
}

// dropCommaClauses removes the comma-delimited stretches the limits call
// asides, with the comma that opens each. It filters tt in place.
func (l *commaLimits) dropCommaClauses(tt []text.Token) []text.Token {
	if !l.on {
		return tt
	}
	var commas [16]int
	cs := commas[:0]
	for i := range tt {
		if tt[i].Punct && tt[i].Norm == "," {
			cs = append(cs, i)
		}
	}
	if len(cs) == 0 {
		return tt
	}
	// The end stretch stops before the sentence's final punctuation.
	end := len(tt)
	for end > 0 && tt[end-1].Punct && tt[end-1].Norm != "," {
		end--
	}
	words := func(a, b int) int {
		n := 0
		for k := a; k < b; k++ {
			if !tt[k].Punct {
				n++
			}
		}
		return n
	}
	in := func(n, lo, hi int) bool { return n >= lo && n <= hi }
	type cut struct{ a, b int } // tokens [a, b) go
	var cuts [8]cut
	cx := cuts[:0]
	if in(words(0, cs[0]), l.bmin, l.bmax) {
		cx = append(cx, cut{0, cs[0] + 1})
	}
	for k := 0; k+1 < len(cs); k++ {
		// A stretch followed by ", and" is an item of a list ("Mordor,
		// the awful Fornost, and Gondor"), not an aside.
		if next := cs[k+1] + 1; next < len(tt) && isConj(tt[next].Norm) {
			continue
		}
		if in(words(cs[k]+1, cs[k+1]), l.min, l.max) {
			// The closing comma stays, so that the words around the
			// aside do not run together ("Dagolath, its partner, officials").
			cx = append(cx, cut{cs[k], cs[k+1]})
		}
	}
	last := cs[len(cs)-1]
	// A comma that closed an aside does not open the end stretch too.
	closed := len(cx) > 0 && cx[len(cx)-1].b == last
	// One that starts with a conjunction ends a list (", and Gondor ...").
	list := last+1 < len(tt) && isConj(tt[last+1].Norm)
	if !closed && !list && last < end && in(words(last+1, end), l.emin, l.emax) {
		cx = append(cx, cut{last, end})
	}
	if len(cx) == 0 {
		return tt
	}
	out := tt[:0]
	ci := 0
	for i := range tt {
		for ci < len(cx) && i >= cx[ci].b {
			ci++
		}
		if ci < len(cx) && i >= cx[ci].a {
			continue
		}
		out = append(out, tt[i])
	}
	return out
}

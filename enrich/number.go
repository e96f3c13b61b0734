package enrich

import (
	"strings"

	"github.com/faultline/faultline/text"
)

// numKind says what a numeral counts.
type numKind uint8

const (
	numCount   numKind = iota // a count of things: the only kind quantities take
	numPercent                // 4%, 12 percent
	numMoney                  // $5 million, 30 euros
	numAge                    // a 30-year-old man, aged 30
	numDecade                 // the 1990s
	numOrdinal                // 26th
	numDecimal                // 3.5 without a multiplier: a measure, not a count
)

// number is a numeral found in a sentence's tokens.
type number struct {
	start, end int // its tokens [start, end), qualifiers excluded
	lo, hi     int // the value; hi > lo for a range ("10 to 15"), else hi == lo
	approx     bool
	kind       numKind
	// yearLike: four plain digits between 1800 and 2100, which may be a
	// year rather than a count; the caller decides from the words around.
	yearLike bool
}

// maxCount bounds every value so that arithmetic cannot overflow.
const maxCount = 1 << 50

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

var scales = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000, "dozen": 12}

// plurals are the approximate counts "dozens of", "hundreds of" ...; each
// counts as its smallest reading (two dozen, two hundred), flagged
// approximate: the order of magnitude is what an analyst needs, and the
// lower reading never overstates.
var plurals = map[string]int{"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2000000}

// numberWord reports whether w is a number word (one, twenty, hundred ...).
func numberWord(w string) bool {
	if _, ok := units[w]; ok {
		return true
	}
	_, ok := scales[w]
	return ok
}

var moneyBefore = map[string]bool{"$": true, "€": true, "£": true, "¥": true, "us$": true, "rs": true, "rs.": true, "usd": true, "eur": true, "inr": true}
var moneyAfter = map[string]bool{
	"dollars": true, "dollar": true, "euros": true, "euro": true, "pounds": true, "usd": true, "eur": true,
	"yuan": true, "yen": true, "rupees": true, "rubles": true, "roubles": true, "dinars": true, "francs": true,
	"crore": true, "lakh": true, "bucks": true, "cents": true,
}

// parseNumber reads the numeral that starts at toks[i]: digits ("30",
// "3,700", "1.5 million", "10-15"), words ("thirty", "two dozen", "a
// hundred", "twenty-five"), approximate plurals ("dozens", "tens of
// thousands") and ranges ("10 to 15", "between 10 and 15" from its "10").
// ok is false when toks[i] opens no numeral.
func parseNumber(toks []text.Token, i int) (n number, ok bool) {
	if i < 0 || i >= len(toks) || toks[i].Punct {
		return n, false
	}
	n.start = i
	if n.lo, n.end, n.approx, ok = plural(toks, i); ok {
		n.hi = n.lo
		return n, true
	}
	if lo, hi, ok := rangeToken(toks[i].Norm); ok {
		n.lo, n.hi, n.end = lo, hi, i+1
		n.kind = unitKind(toks, n)
		return n, true
	}
	if n.lo, n.end, n.kind, n.yearLike, ok = numeral(toks, i); !ok {
		return n, false
	}
	n.hi = n.lo
	// A range: "10 to 15", "10-15" (one token, read by numeral), "10 or 12",
	// "between 10 and 15".
	if n.end+1 < len(toks) && n.kind == numCount {
		sep := toks[n.end].Norm
		between := i > 0 && toks[i-1].Norm == "between"
		if sep == "to" || sep == "--" || sep == "-" || sep == "or" || sep == "and" && between {
			if hi, end, kind, _, ok := numeral(toks, n.end+1); ok && kind == numCount && hi > n.lo {
				n.hi, n.end = hi, end
			}
		}
	}
	n.kind = unitKind(toks, n)
	return n, true
}

// rangeToken reads a range written as one token: "10-15".
func rangeToken(w string) (lo, hi int, ok bool) {
	d := strings.IndexByte(w, '-')
	if d <= 0 || d == len(w)-1 {
		return 0, 0, false
	}
	lo, _, f1, k1, _, ok1 := digits(w[:d])
	hi, _, f2, k2, _, ok2 := digits(w[d+1:])
	if !ok1 || !ok2 || f1 || f2 || k1 != numCount || k2 != numCount || hi <= lo {
		return 0, 0, false
	}
	return lo, hi, true
}

// unitKind looks around a numeral for a percent sign, a currency or an age.
func unitKind(toks []text.Token, n number) numKind {
	if n.kind != numCount {
		return n.kind
	}
	if n.start > 0 {
		switch p := toks[n.start-1].Norm; {
		case moneyBefore[p]:
			return numMoney
		case p == "aged" || p == "age" || p == "ages":
			return numAge
		}
	}
	if n.end < len(toks) {
		switch a := toks[n.end].Norm; {
		case a == "%" || a == "percent" || a == "pc" || a == "percentage":
			return numPercent
		case a == "per" && n.end+1 < len(toks) && toks[n.end+1].Norm == "cent":
			return numPercent
		case moneyAfter[a]:
			return numMoney
		case (a == "years" || a == "year") && n.end+1 < len(toks) && toks[n.end+1].Norm == "old":
			return numAge
		}
	}
	return numCount
}

// plural reads "dozens", "hundreds of thousands", "tens of thousands".
func plural(toks []text.Token, i int) (v, end int, approx, ok bool) {
	w := toks[i].Norm
	v, ok = plurals[w]
	if w == "tens" {
		v, ok = 20, true // two tens, like the other plurals
	}
	if !ok {
		return 0, 0, false, false
	}
	end = i + 1
	// "hundreds of thousands", "tens of millions": the plural multiplies.
	if i+2 < len(toks) && toks[i+1].Norm == "of" {
		if m, ok := plurals[toks[i+2].Norm]; ok && m > 24 {
			return min(v*m/2, maxCount), i + 3, true, true
		}
	}
	if w == "tens" {
		return 0, 0, false, false // "tens" alone counts nothing
	}
	return v, end, true, true
}

// numeral reads digits or number words at toks[i], with a following
// multiplier ("1.5 million", "3 thousand", "two dozen").
func numeral(toks []text.Token, i int) (v, end int, kind numKind, yearLike, ok bool) {
	w := toks[i].Norm
	if w == "" {
		return 0, 0, 0, false, false
	}
	if w[0] >= '0' && w[0] <= '9' {
		var frac float64
		var hasFrac bool
		v, frac, hasFrac, kind, yearLike, ok = digits(w)
		if !ok {
			return 0, 0, 0, false, false
		}
		end = i + 1
		if kind != numCount {
			return v, end, kind, false, true
		}
		if end < len(toks) {
			if m, isScale := scales[toks[end].Norm]; isScale {
				f := (float64(v) + frac) * float64(m)
				return int(min(f, maxCount)), end + 1, numCount, false, true
			}
		}
		if hasFrac {
			return v, end, numDecimal, false, true
		}
		return v, end, numCount, yearLike, true
	}
	v, end, ok = words(toks, i)
	return v, end, numCount, false, ok
}

// digits reads a numeral token: "30", "3,700", "1.5", "4%", "1990s",
// "26th", "10-15" is left to the caller (ok false). Comma groups must be
// of three digits, so "1,2" is not a number.
func digits(w string) (v int, frac float64, hasFrac bool, kind numKind, yearLike, ok bool) {
	j, groups, firstLen, commas := 0, 0, 0, false
	for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == ',') {
		if w[j] == ',' {
			if groups == 0 {
				firstLen = j
			} else if j-groups != 4 {
				return
			}
			if firstLen == 0 || firstLen > 3 || j+4 > len(w) {
				return
			}
			groups, commas = j, true
		} else {
			v = min(v*10+int(w[j]-'0'), maxCount)
		}
		j++
	}
	if commas && j-groups != 4 {
		return
	}
	rest := w[j:]
	if len(rest) > 1 && rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9' {
		k, scale := 1, 0.1
		for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
			frac += float64(rest[k]-'0') * scale
			scale /= 10
			k++
		}
		hasFrac, rest = true, rest[k:]
	}
	plain := !commas && !hasFrac
	switch {
	case rest == "":
		return v, frac, hasFrac, numCount, plain && j == 4 && v >= 1800 && v <= 2100, true
	case rest == "%":
		return v, frac, hasFrac, numPercent, false, true
	case rest == "s" && plain && j == 4 && v%10 == 0:
		return v, 0, false, numDecade, false, true
	case plain && (rest == "st" || rest == "nd" || rest == "rd" || rest == "th"):
		return v, 0, false, numOrdinal, false, true
	case strings.HasPrefix(rest, "-year") || strings.HasPrefix(rest, "-month") ||
		strings.HasPrefix(rest, "-day") || strings.HasPrefix(rest, "-week") || strings.HasPrefix(rest, "-hour"):
		return v, 0, false, numAge, false, true
	}
	return 0, 0, false, 0, false, false
}

// words reads number words: "thirty", "twenty-five", "two hundred and
// fifty", "a dozen", "a hundred", "1.5" is digits' work.
func words(toks []text.Token, i int) (v, end int, ok bool) {
	total, cur, any, lastScale := 0, 0, false, false
	k := i
	if w := toks[k].Norm; w == "a" || w == "an" {
		if k+1 >= len(toks) {
			return 0, 0, false
		}
		if _, ok := scales[toks[k+1].Norm]; !ok {
			return 0, 0, false
		}
		cur, k = 1, k+1
	}
	for ; k < len(toks); k++ {
		w := toks[k].Norm
		if w == "and" && lastScale && k+1 < len(toks) {
			if _, ok := units[toks[k+1].Norm]; ok {
				continue
			}
		}
		// Work on copies: a hyphenated word counts only when every part is
		// a number word ("twenty-five", not "five-year").
		t, c, scale, valid := total, cur, lastScale, true
		for part := range strings.SplitSeq(w, "-") {
			if u, ok := units[part]; ok {
				c += u
				scale = false
			} else if s, ok := scales[part]; ok {
				if s == 100 || s == 12 {
					c = max(c, 1) * s
				} else {
					t += max(c, 1) * s
					c = 0
				}
				scale = true
			} else {
				valid = false
				break
			}
			t, c = min(t, maxCount), min(c, maxCount)
		}
		if !valid {
			break
		}
		total, cur, lastScale, any = t, c, scale, true
	}
	if !any {
		return 0, 0, false
	}
	return min(total+cur, maxCount), k, true
}

// qualifier reads the words before a numeral that bound or soften it,
// returning the note they give and the index of their first token.
func qualifier(toks []text.Token, start int) (note string, from int) {
	w := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Norm
	}
	p1, p2, p3 := w(start-1), w(start-2), w(start-3)
	switch {
	case p3 == "no" && (p2 == "fewer" || p2 == "less") && p1 == "than":
		return NoteAtLeast, start - 3
	case p3 == "no" && p2 == "more" && p1 == "than":
		return NoteAtMost, start - 3
	case p3 == "as" && p2 == "many" && p1 == "as":
		return NoteAtMost, start - 3
	}
	switch {
	case p2 == "at" && p1 == "least", p2 == "more" && p1 == "than", p2 == "upwards" && p1 == "of",
		p2 == "excess" && p1 == "of",
		(p2 == "just" || p2 == "well") && p1 == "over":
		if p2 == "excess" {
			return NoteAtLeast, start - 3
		}
		return NoteAtLeast, start - 2
	case p2 == "less" && p1 == "than", p2 == "fewer" && p1 == "than", p2 == "up" && p1 == "to",
		p2 == "at" && p1 == "most", p2 == "just" && p1 == "under":
		return NoteAtMost, start - 2
	case p2 == "close" && p1 == "to":
		return NoteApprox, start - 2
	case p2 == "an" && p1 == "estimated":
		return NoteApprox, start - 2
	}
	switch p1 {
	case "over", "above":
		return NoteAtLeast, start - 1
	case "under", "below":
		return NoteAtMost, start - 1
	case "about", "around", "approximately", "roughly", "nearly", "almost", "some", "approx",
		"circa", "estimated", "approximate", "~":
		return NoteApprox, start - 1
	}
	return "", start
}

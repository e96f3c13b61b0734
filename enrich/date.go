package enrich

import (
	"strings"
	"time"

	"github.com/faultline/faultline/text"
)

// cueKind says how a date cue turns into a day.
type cueKind uint8

const (
	cueOffset   cueKind = iota // yesterday, last week, two years ago: the document date moved
	cueWeekday                 // on Tuesday, last Friday
	cueMonthDay                // on May 26: the year from the document date
	cueMonth                   // in March: its first day, the year from the document date
	cueFull                    // 26 May 2023, May 2023, in 1999, the 1990s: needs no document date
)

// dateCue is a phrase of a sentence that says when something happened.
type dateCue struct {
	tok        int // the token it is anchored at
	kind       cueKind
	y, m, d    int // cueFull, cueMonthDay (m, d), cueMonth (m)
	dy, dm, dd int // cueOffset
	wd         time.Weekday
	dir        int // -1 "last", +1 "next", 0 "on": which occurrence of a weekday or month
	// yearish marks a cue that names a year ("in 1999", "last year", "two
	// years ago"): only those make an event historical.
	yearish bool
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// monthPreps may open a month named alone: "in May", "since March".
var monthPreps = map[string]bool{
	"in": true, "since": true, "until": true, "early": true, "late": true, "mid": true,
	"last": true, "this": true, "next": true, "of": true, "during": true, "by": true,
	"from": true, "before": true, "after": true, "through": true, "till": true,
}

// notYear are words after which four digits are a number, not a year.
var notYear = map[string]bool{
	"resolution": true, "no": true, "no.": true, "number": true, "flight": true, "route": true,
	"highway": true, "model": true, "code": true, "room": true, "article": true, "item": true,
	"bus": true, "$": true, "€": true, "£": true, "us$": true, "rs": true, "rs.": true,
}

func trimDot(s string) string { return strings.TrimSuffix(s, ".") }

// findDates appends the date cues of toks and marks their tokens in isDate.
func findDates(dst []dateCue, isDate []bool, toks []text.Token, flags []uint16) []dateCue {
	mark := func(from, to int) {
		for k := max(from, 0); k < to && k < len(toks); k++ {
			isDate[k] = true
		}
	}
	norm := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Norm
	}
	for i := 0; i < len(toks); i++ {
		f := flags[i]
		if isDate[i] || f&(fNum|fMonth|fWeekday|fDateWord) == 0 {
			continue
		}
		n := trimDot(toks[i].Norm)
		prev, next := norm(i-1), norm(i+1)
		if wd, ok := weekdays[n]; ok {
			c := dateCue{tok: i, kind: cueWeekday, wd: wd}
			switch prev {
			case "last", "past":
				c.dir = -1
			case "next", "coming":
				c.dir = 1
			}
			dst = append(dst, c)
			mark(i, i+1)
			continue
		}
		switch n {
		case "yesterday":
			dst = append(dst, dateCue{tok: i, dd: -1})
			mark(i, i+1)
			continue
		case "today", "tonight":
			dst = append(dst, dateCue{tok: i})
			mark(i, i+1)
			continue
		case "tomorrow":
			dst = append(dst, dateCue{tok: i, dd: 1})
			mark(i, i+1)
			continue
		case "last", "next", "this", "past":
			if c, ok := relative(n, next); ok {
				c.tok = i
				dst = append(dst, c)
				mark(i, i+2)
				i++
				continue
			}
		}
		if f&fNum == 0 && f&fMonth == 0 {
			continue
		}
		if m, ok := months[n]; ok {
			if c, from, to, ok := monthDate(toks, i, m); ok {
				dst = append(dst, c)
				mark(from, to)
				i = to - 1
			}
			continue
		}
		if f&fNum == 0 {
			continue
		}
		if c, to, ok := agoCue(toks, i); ok {
			dst = append(dst, c)
			mark(i, to)
			i = to - 1
			continue
		}
		if n[0] < '0' || n[0] > '9' {
			continue
		}
		if y, m, d, ok := isoDate(n); ok {
			dst = append(dst, dateCue{tok: i, kind: cueFull, y: y, m: m, d: d, yearish: true})
			mark(i, i+1)
			continue
		}
		if y, ok := yearRange(n); ok && (i == 0 || !notYear[prev]) {
			// "the 1998-99 war": dated to its first year.
			dst = append(dst, dateCue{tok: i, kind: cueFull, y: y, m: 1, d: 1, yearish: true})
			mark(i, i+1)
			continue
		}
		if y, ok := yearAt(toks, i); ok {
			dst = append(dst, dateCue{tok: i, kind: cueFull, y: y, m: 1, d: 1, yearish: true})
			to := i + 1
			if end, ok := rangeEnd(toks, i, y); ok {
				// "between 1992 and 1995", "1992 - 1995": one cue, the
				// first year, so the nearer second year cannot win.
				to = end
			}
			mark(i, to)
			i = to - 1
		}
	}
	return dst
}

// relative reads "last week", "next month", "this year", "last night".
func relative(w, unit string) (dateCue, bool) {
	sign := -1
	switch w {
	case "next":
		sign = 1
	case "this":
		sign = 0
	}
	switch unit {
	case "week":
		return dateCue{dd: 7 * sign}, true
	case "month":
		return dateCue{dm: sign}, true
	case "year":
		return dateCue{dy: sign, yearish: sign != 0}, true
	case "night":
		if w == "last" {
			return dateCue{dd: -1}, true
		}
	case "weekend":
		return dateCue{kind: cueWeekday, wd: time.Saturday, dir: sign}, true
	}
	return dateCue{}, false
}

// agoCue reads "two days ago", "a week ago", "3 years ago".
func agoCue(toks []text.Token, i int) (dateCue, int, bool) {
	ago := false
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		ago = ago || toks[k].Norm == "ago"
	}
	if !ago {
		return dateCue{}, 0, false
	}
	v, end := 0, 0
	if w := toks[i].Norm; w == "a" || w == "an" {
		v, end = 1, i+1
	} else if n, ok := parseNumber(toks, i); ok && n.kind == numCount && n.hi == n.lo && !n.approx {
		v, end = min(n.lo, 10000), n.end
	} else {
		return dateCue{}, 0, false
	}
	if end+1 >= len(toks) || toks[end+1].Norm != "ago" {
		return dateCue{}, 0, false
	}
	c := dateCue{tok: i}
	switch strings.TrimSuffix(toks[end].Norm, "s") {
	case "day":
		c.dd = -v
	case "week":
		c.dd = -7 * v
	case "month":
		c.dm = -v
	case "year":
		c.dy, c.yearish = -v, true
	default:
		return dateCue{}, 0, false
	}
	return c, end + 2, true
}

// dayAt reads a day of the month: "26", "26th".
func dayAt(toks []text.Token, k int) (int, bool) {
	if k < 0 || k >= len(toks) {
		return 0, false
	}
	v, _, frac, kind, _, ok := digits(toks[k].Norm)
	if !ok || frac || (kind != numCount && kind != numOrdinal) || v < 1 || v > 31 || len(toks[k].Norm) > 4 {
		return 0, false
	}
	return v, true
}

// yearAt reads four digits that stand for a year: not a count of people
// ("2000 protesters") and not a number after "Resolution" or "$".
func yearAt(toks []text.Token, k int) (int, bool) {
	if k < 0 || k >= len(toks) {
		return 0, false
	}
	v, _, _, kind, yearLike, ok := digits(toks[k].Norm)
	if !ok {
		return 0, false
	}
	if kind == numDecade {
		return v, k == 0 || !notYear[toks[k-1].Norm]
	}
	if !yearLike || k > 0 && notYear[toks[k-1].Norm] {
		return 0, false
	}
	// The noun a count would count ends at a preposition: in "NATO's 1999
	// bombing campaign against Serbian forces" the forces are not what
	// 1999 counts.
	end := k + 1
	for end < len(toks) && end < k+6 && !yearNounEnd[toks[end].Norm] {
		end++
	}
	c, e := headNoun(toks[:end], k+1)
	switch c {
	case headPerson:
		// After "the" or a possessive ("the alliance's 2011 air strikes")
		// a number is a year unless its noun is known to be people: a
		// plural word alone is not enough.
		if _, known := headNouns[toks[e-1].Norm]; !known && k > 0 && determinerBefore(toks[k-1]) {
			return v, true
		}
		// "In 1999 NATO bombed": after in, since, during or until a
		// number before a name is the year the name acted in.
		if _, known := headNouns[toks[e-1].Norm]; !known && k > 0 && toks[e-1].Cap && yearPrep[toks[k-1].Norm] {
			return v, true
		}
		return 0, false
	case headTroop, headProtester, headDisplaced:
		return 0, false
	}
	return v, true
}

// yearPrep are the prepositions that put a year before a name.
var yearPrep = map[string]bool{"in": true, "since": true, "during": true, "until": true}

// determinerBefore reports "the" or a possessive ("NATO's", "rebels'").
func determinerBefore(t text.Token) bool {
	r := t.Raw
	return t.Norm == "the" || strings.HasSuffix(r, "'s") || strings.HasSuffix(r, "’s") || strings.HasSuffix(r, "s'")
}

// yearNounEnd are prepositions that end the noun phrase after a number
// ("of" is not one: "2000 of them" counts them).
var yearNounEnd = map[string]bool{
	"against": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true,
	"from": true, "to": true, "during": true, "after": true, "before": true, "since": true,
	"over": true, "into": true, "across": true, "near": true, "between": true,
}

// yearRange reads a span of years written as one word: "1998-99",
// "1992-1995", "1998/99". It returns the first year; the second must come
// after it (within a century), so "1999-05" is no range.
func yearRange(w string) (int, bool) {
	if len(w) != 7 && len(w) != 9 || w[4] != '-' && w[4] != '/' {
		return 0, false
	}
	first, _, _, _, yearLike, ok := digits(w[:4])
	if !ok || !yearLike {
		return 0, false
	}
	second, _, _, kind, _, ok := digits(w[5:])
	if !ok || kind != numCount {
		return 0, false
	}
	if len(w) == 7 {
		second += first / 100 * 100
		if second <= first {
			second += 100
		}
	}
	return first, second > first && second-first <= 100
}

// rangeWords join the two years of a span: "1992 to 1995", "1992 - 1995";
// "and" only after "between".
var rangeWords = map[string]bool{"-": true, "--": true, "to": true, "until": true, "till": true, "through": true, "and": true}

// rangeEnd reads the second year of a span that starts with year y at
// toks[i] ("between 1992 and 1995", "from 1992 to 95") and returns the
// index after it.
func rangeEnd(toks []text.Token, i, y int) (int, bool) {
	if i+2 >= len(toks) || !rangeWords[toks[i+1].Norm] {
		return 0, false
	}
	if toks[i+1].Norm == "and" && (i == 0 || toks[i-1].Norm != "between") {
		return 0, false
	}
	w := toks[i+2].Norm
	v, _, _, kind, yearLike, ok := digits(w)
	switch {
	case !ok || kind != numCount:
		return 0, false
	case len(w) == 2:
		v += y / 100 * 100
		if v <= y {
			v += 100
		}
	case !yearLike:
		return 0, false
	}
	return i + 3, v > y && v-y <= 100
}

// monthDate reads a date around the month name at toks[i]: "May 26",
// "May 26, 2023", "26 May 2023", "26th of May", "May 2023", "in May".
func monthDate(toks []text.Token, i, m int) (c dateCue, from, to int, ok bool) {
	c = dateCue{tok: i, m: m}
	yearAfter := func(k int) (int, int) {
		if k < len(toks) && toks[k].Norm == "," {
			if y, ok := yearAt(toks, k+1); ok {
				return y, k + 2
			}
			return 0, k
		}
		if y, ok := yearAt(toks, k); ok {
			return y, k + 1
		}
		return 0, k
	}
	from, to = i, i+1
	day, hasDay := dayAt(toks, i+1)
	if hasDay {
		to = i + 2
	} else if d, ok := dayAt(toks, i-1); ok {
		day, hasDay, from = d, true, i-1
	} else if i >= 2 && toks[i-1].Norm == "of" {
		if d, ok := dayAt(toks, i-2); ok {
			day, hasDay, from = d, true, i-2
		}
	}
	y, end := yearAfter(to)
	switch {
	case y != 0:
		c.kind, c.y, c.d, c.yearish, to = cueFull, y, max(day, 1), true, end
	case hasDay:
		c.kind, c.d = cueMonthDay, day
	case i > 0 && monthPreps[toks[i-1].Norm]:
		c.kind, c.d = cueMonth, 1
		switch toks[i-1].Norm {
		case "last":
			c.dir = -1
		case "next":
			c.dir = 1
		}
	default:
		return c, 0, 0, false // "may" the verb, "march" the noun
	}
	return c, from, to, true
}

// isoDate reads 2023-05-26.
func isoDate(w string) (y, m, d int, ok bool) {
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return 0, 0, 0, false
	}
	t, err := time.Parse("2006-01-02", w)
	if err != nil {
		return 0, 0, 0, false
	}
	return t.Year(), int(t.Month()), t.Day(), true
}

// resolve turns a cue into a day. day is the document date (ok false when
// the document has none); forward resolves weekdays and dates without a
// year to the next occurrence, for events still to come.
//
// The rule for a weekday: the most recent such day on or before the
// document date, the same day when the document date is that weekday (news
// written on a Tuesday says "on Tuesday" of that very day); "last Tuesday"
// is strictly before, "next Tuesday" strictly after.
func resolve(c dateCue, day time.Time, ok, forward bool) (time.Time, bool) {
	if c.kind == cueFull {
		return time.Date(c.y, time.Month(c.m), min(c.d, daysIn(c.y, c.m)), 0, 0, 0, 0, time.UTC), true
	}
	if !ok {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	switch c.kind {
	case cueOffset:
		ny, nm := y+c.dy, int(m)+c.dm
		for nm < 1 {
			nm, ny = nm+12, ny-1
		}
		for nm > 12 {
			nm, ny = nm-12, ny+1
		}
		return time.Date(ny, time.Month(nm), min(d, daysIn(ny, nm)), 0, 0, 0, 0, time.UTC).AddDate(0, 0, c.dd), true
	case cueWeekday:
		have := int(day.Weekday())
		want := int(c.wd)
		var delta int
		switch {
		case c.dir < 0:
			delta = -((have-want+6)%7 + 1)
		case c.dir > 0:
			delta = (want-have+6)%7 + 1
		case forward:
			delta = (want - have + 7) % 7
		default:
			delta = -((have - want + 7) % 7)
		}
		return day.AddDate(0, 0, delta), true
	case cueMonthDay, cueMonth:
		ty := y
		after := c.m > int(m) || c.m == int(m) && c.d > d
		before := c.m < int(m) || c.m == int(m) && c.d < d
		if c.kind == cueMonth {
			after, before = c.m > int(m), c.m < int(m)
		}
		switch {
		case c.dir < 0 && (after || c.kind == cueMonth && c.m == int(m)):
			ty--
		case c.dir > 0 && (before || c.kind == cueMonth && c.m == int(m)):
			ty++
		case c.dir == 0 && forward && before:
			ty++
		case c.dir == 0 && !forward && after:
			ty--
		}
		return time.Date(ty, time.Month(c.m), min(c.d, daysIn(ty, c.m)), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		return 31
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDay reads a YYYY-MM-DD date.
func parseDay(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// formatDay writes t as YYYY-MM-DD; years outside 0..9999 give "".
func formatDay(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return ""
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10),
	}
	return string(b[:])
}

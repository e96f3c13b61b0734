package text

import (
	"strings"

	faultline "github.com/faultline/faultline"
)

// Dateline finds the dateline that opens a news story, such as
// "BAGHDAD, April 9 (Xinhua) --", "TORONTO, Canada --", "WASHINGTON (Reuters) -"
// or, in lower-cased text, "new delhi:". It looks at the start of the
// document, at the start of its first two sentences (feeds put a headline
// first) and after a leading source name ("SPACE.com - TORONTO, Canada --").
//
// place is the place as written, with its region when one is given
// ("TORONTO, Canada"); span covers the whole dateline through its dash or
// colon. The dateline stays part of the first sentence: Sentences never
// splits it off.
func Dateline(doc string) (place string, span faultline.Span, ok bool) {
	var buf [4]faultline.Span
	sents := AppendSentences(buf[:0], firstChunk(doc))
	for k, s := range sents {
		if k == 2 {
			break
		}
		// Lower-cased text is judged per sentence: a feed may prefix a
		// capitalised header to a lower-cased story.
		lower := isLowerDoc(doc[s.Start:s.End])
		if place, span, ok = datelineAt(doc, s.Start, lower); ok {
			return place, span, true
		}
		// A source name before the dateline: "SPACE.com - TORONTO ...".
		if d := strings.Index(doc[s.Start:min(s.End, s.Start+40)], " - "); d >= 0 {
			if place, span, ok = datelineAt(doc, s.Start+d+3, lower); ok {
				return place, span, true
			}
		}
	}
	return "", faultline.Span{}, false
}

// firstChunk returns the head of doc in which a dateline can appear, so that
// Dateline costs the same on a long document as on a short one.
func firstChunk(doc string) string {
	if len(doc) <= 600 {
		return doc
	}
	end := 600
	for end < len(doc) && end < 700 && doc[end]&0xC0 == 0x80 {
		end++ // keep whole runes
	}
	return doc[:end]
}

// agencies are source names that open stories like datelines ("AP - ...")
// but are not places.
var agencies = map[string]bool{
	"ap": true, "afp": true, "reuters": true, "upi": true, "xinhua": true, "dpa": true,
	"ansa": true, "tass": true, "itar-tass": true, "irna": true, "bbc": true, "cnn": true,
	"efe": true, "kyodo": true, "yonhap": true, "bernama": true, "pti": true, "ians": true,
	"anadolu": true, "sana": true, "wafa": true, "ria": true, "interfax": true,
}

// datelineAt parses a dateline starting at doc[p].
func datelineAt(doc string, p int, lower bool) (string, faultline.Span, bool) {
	i := p
	caps, title := 0, 0
	placeEnd := p
	// The place: up to four words, all capitals (UNITED NATIONS, ST. LOUIS),
	// or in Title case when a date or agency confirms it.
	for w := 0; w < 4; w++ {
		e := wordEnd(doc, i)
		if e == i {
			break
		}
		word := doc[i:e]
		switch {
		case isAllCaps(word):
			caps++
		case lower && isAllLower(word):
			title++ // "new delhi:"; only a colon can confirm it
		case isTitleWord(word) && caps == 0:
			title++
		default:
			e = i
		}
		if e == i {
			break
		}
		placeEnd, i = e, e
		if i+1 < len(doc) && doc[i] == ' ' && wordEnd(doc, i+1) > i+1 {
			i++
			continue
		}
		break
	}
	if placeEnd == p {
		return "", faultline.Span{}, false
	}
	if _, isAgency := lookupFold(agencies, doc[p:placeEnd]); isAgency {
		return "", faultline.Span{}, false
	}
	i = placeEnd
	confirmed := false
	if lower && caps == 0 {
		// Lower-cased text: "lucknow: the ..." and nothing else.
		if i+1 < len(doc) && doc[i] == ':' && doc[i+1] == ' ' {
			return doc[p:placeEnd], faultline.Span{Start: p, End: i + 1}, true
		}
		return "", faultline.Span{}, false
	}
	// ", Region" parts (", Canada", ", Calif."), then ", Month Day[, Year]".
	for part := 0; part < 3 && strings.HasPrefix(doc[i:], ", "); part++ {
		e := wordEnd(doc, i+2)
		if e == i+2 {
			break
		}
		if d := dateEnd(doc, i+2); d > 0 {
			i, confirmed = d, true
			break
		}
		word := doc[i+2 : e]
		if !isTitleWord(word) && !isAllCaps(word) {
			break
		}
		for e+1 < len(doc) && doc[e] == ' ' && wordEnd(doc, e+1) > e+1 && isTitleWord(doc[e+1:wordEnd(doc, e+1)]) {
			e = wordEnd(doc, e+1)
		}
		i, placeEnd = e, e
	}
	// " (Agency)"
	j := i
	if j < len(doc) && doc[j] == ' ' {
		j++
	}
	if j < len(doc) && doc[j] == '(' {
		if c := strings.IndexByte(doc[j:min(len(doc), j+40)], ')'); c > 1 && !strings.ContainsAny(doc[j:j+c], "\n.") {
			i, confirmed = j+c+1, true
		}
	}
	// The dash (or a colon) that ends the dateline.
	for i < len(doc) && doc[i] == ' ' {
		i++
	}
	dash := 0
	for _, d := range []string{"--", "—", "–", "-", ":"} {
		if strings.HasPrefix(doc[i:], d) {
			dash = len(d)
			break
		}
	}
	after := i + dash
	if dash == 0 || (after < len(doc) && spaceLen(doc, after) == 0) {
		return "", faultline.Span{}, false
	}
	if (caps == 0 || doc[i] == ':') && !confirmed {
		// Title-case words, or "UPDATE:", need a date or agency to be a place.
		return "", faultline.Span{}, false
	}
	return doc[p:placeEnd], faultline.Span{Start: p, End: after}, true
}

// wordEnd returns the end of the word at doc[i]: letters and the dots,
// hyphens and apostrophes inside names (ST. LOUIS, AL-FALLUJA, N.J.).
func wordEnd(doc string, i int) int {
	e := i
	for e < len(doc) {
		c := doc[e]
		if isASCIILetter(c) || c >= 0x80 && alnumAt(doc, e, len(doc)) {
			_, n := runeAt(doc, e, len(doc))
			e += n
			continue
		}
		if (c == '.' || c == '-' || c == '\'') && e > i {
			e++
			continue
		}
		break
	}
	for e > i && doc[e-1] == '-' {
		e--
	}
	return e
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' || r > 0x7F && classOfRune(r) == classLower {
			return false
		}
		if r >= 'A' && r <= 'Z' || r > 0x7F {
			letters++
		}
	}
	return letters >= 2 || letters == 1 && strings.Contains(w, ".")
}

func isAllLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func isTitleWord(w string) bool {
	return w != "" && classAt(w, 0) == classUpper && !isAllCaps(w)
}

// classOfRune classifies one rune like classAt.
func classOfRune(r rune) runeClass {
	var b [4]byte
	n := copy(b[:], string(r))
	return classAt(string(b[:n]), 0)
}

// months are the month names and abbreviations a dateline's date may use.
var months = map[string]bool{}

func init() {
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
		"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"} {
		months[m] = true
	}
}

// dateEnd parses "Month Day[, Year]" at doc[i] and returns its end, or 0.
func dateEnd(doc string, i int) int {
	e := i
	for e < len(doc) && isASCIILetter(doc[e]) {
		e++
	}
	if _, ok := lookupFold(months, doc[i:e]); !ok {
		return 0
	}
	if e < len(doc) && doc[e] == '.' {
		e++
	}
	if e >= len(doc) || doc[e] != ' ' {
		return 0
	}
	d := e + 1
	for d < len(doc) && d < e+3 && isDigit(doc[d]) {
		d++
	}
	if d == e+1 {
		return 0
	}
	if strings.HasPrefix(doc[d:], ", ") && d+6 <= len(doc) && isDigit(doc[d+2]) && isDigit(doc[d+3]) && isDigit(doc[d+4]) && isDigit(doc[d+5]) {
		d += 6
	}
	return d
}

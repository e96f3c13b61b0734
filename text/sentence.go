package text

import (
	"strings"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// Sentences returns the sentences of doc as byte spans, in order. Spans never
// hold leading or trailing white space, never overlap, and together cover
// every non-space byte of doc.
//
// A sentence ends at . ! ? or an ellipsis followed by space and a word that
// can open a sentence (closing quotes and brackets stay with the sentence
// they close), unless the period belongs to an abbreviation (Gen., U.S.,
// Inc., J.); at a blank line; and at a line break when the line has no
// final stop and the next line opens a sentence, as after a headline.
// Hard-wrapped lines continue the sentence. In text written without
// capitals, a lower-case word after a period opens a sentence too.
func Sentences(doc string) []faultline.Span {
	return AppendSentences(make([]faultline.Span, 0, 4+len(doc)/120), doc)
}

// AppendSentences appends the sentences of doc to dst, as Sentences does.
func AppendSentences(dst []faultline.Span, doc string) []faultline.Span {
	lower := lowerCase{doc: doc}
	start := 0
	for i := 0; i < len(doc); {
		c := doc[i]
		switch {
		case c == '.' || c == '!' || c == '?' || (c == 0xE2 && strings.HasPrefix(doc[i:], "…")):
			j, strong, ellipsis := termRun(doc, i)
			k := j
			for k < len(doc) {
				n := closerLen(doc, k)
				if n == 0 {
					break
				}
				k += n
			}
			if k < len(doc) && spaceLen(doc, k) == 0 {
				i = j // "3.5", "U.S.", "SPACE.com": not an end
				continue
			}
			if k == len(doc) || (!listNumber(doc, start, i) && endsSentence(doc, i, k, &lower, strong, ellipsis)) {
				dst = appendSpan(dst, doc, start, k)
				start = k
			}
			i = k
		case isLineBreak(doc, i):
			k, breaks := skipSpace(doc, i)
			if breaks >= 2 || (doc[i] == 0xE2 && doc[i+2] == 0xA9) || k == len(doc) || lineEnds(doc, start, i, k) {
				dst = appendSpan(dst, doc, start, i)
				start = k
			}
			i = k
		default:
			i++
		}
	}
	return appendSpan(dst, doc, start, len(doc))
}

// listNumber reports whether the period at doc[i] follows nothing but a
// paragraph number ("2. -- Troops ..."), which opens its sentence rather
// than being one.
func listNumber(doc string, start, i int) bool {
	b := i
	for b > start && i-b < 3 && isDigit(doc[b-1]) {
		b--
	}
	if b == i || (b > start && isDigit(doc[b-1])) {
		return false
	}
	first, _ := skipSpace(doc, start)
	return first == b
}

// lowerCase computes isLowerDoc only when a decision needs it: most
// periods are followed by a capital, where it does not matter.
type lowerCase struct {
	doc       string
	done, val bool
}

func (l *lowerCase) get() bool {
	if !l.done {
		l.val, l.done = isLowerDoc(l.doc), true
	}
	return l.val
}

// termRun scans the run of sentence-final marks at doc[i]: "?!", "...", "…".
func termRun(doc string, i int) (end int, strong, ellipsis bool) {
	dots := 0
	for i < len(doc) {
		switch c := doc[i]; {
		case c == '.':
			dots++
			i++
		case c == '!' || c == '?':
			strong = true
			i++
		case c == 0xE2 && strings.HasPrefix(doc[i:], "…"):
			ellipsis = true
			i += len("…")
		default:
			return i, strong, ellipsis || dots >= 2
		}
	}
	return i, strong, ellipsis || dots >= 2
}

// endsSentence decides whether the marks starting at doc[i], followed by
// closers up to k and then space, end a sentence.
func endsSentence(doc string, i, k int, lower *lowerCase, strong, ellipsis bool) bool {
	q, breaks := skipSpace(doc, k)
	if q == len(doc) || breaks >= 2 {
		return true
	}
	for q < len(doc) {
		n := openerLen(doc, q)
		if n == 0 {
			break
		}
		q += n
	}
	if q == len(doc) {
		return true
	}
	class := classAt(doc, q)
	if class == classLower && !lower.get() {
		return false
	}
	switch {
	case strong:
		return true
	case ellipsis:
		return class == classUpper
	}
	switch abbrevBefore(doc, i, lower) {
	case titleAbbrev:
		return false
	case numberAbbrev:
		return class != classDigit
	case endAbbrev:
		_, ok := lookupFold(starters, wordAt(doc, q))
		return ok
	}
	return true
}

// abbrevBefore classifies the word that ends just before the period at doc[i].
func abbrevBefore(doc string, i int, lower *lowerCase) abbrevKind {
	b := i
	for b > 0 && (isASCIILetter(doc[b-1]) || doc[b-1] == '.') {
		b--
	}
	w := strings.TrimLeft(doc[b:i], ".")
	if w == "" || !isASCIILetter(w[len(w)-1]) {
		return notAbbrev
	}
	if k, ok := lookupFold(abbrevs, w); ok {
		return k
	}
	if len(w) == 1 {
		// An initial (J. Smith); in lower-case text any single letter.
		if ('A' <= w[0] && w[0] <= 'Z') || lower.get() {
			return endAbbrev
		}
		return notAbbrev
	}
	// U.S, U.N, a.m: every part a single letter.
	if strings.IndexByte(w, '.') < 0 {
		return notAbbrev
	}
	for part := range strings.SplitSeq(w, ".") {
		if len(part) != 1 {
			return notAbbrev
		}
	}
	return endAbbrev
}

// wordAt returns the run of ASCII letters starting at doc[q].
func wordAt(doc string, q int) string {
	e := q
	for e < len(doc) && isASCIILetter(doc[e]) {
		e++
	}
	return doc[q:e]
}

// lineEnds decides whether the line break at doc[nl], after a line without
// a final stop, ends the sentence that began at start; next is the first
// non-space position after the break.
func lineEnds(doc string, start, nl, next int) bool {
	p := nl
	for p > start {
		_, n := utf8.DecodeLastRuneInString(doc[start:p])
		if spaceLen(doc, p-n) == 0 {
			break
		}
		p -= n
	}
	if p == start {
		return false // nothing on the line yet
	}
	switch doc[p-1] {
	case '.', '!', '?', ',', ';', '-', '(', '/', '&', '+', '=':
		// A final stop was judged where it stands; the rest continue.
		return false
	}
	if q := trimClosersBack(doc, start, p); q < p && q > start && strings.IndexByte(".!?", doc[q-1]) >= 0 {
		return false
	}
	if strings.HasSuffix(doc[:p], "…") || strings.HasSuffix(doc[:p], "—") || strings.HasSuffix(doc[:p], "–") {
		return false
	}
	for next < len(doc) {
		n := openerLen(doc, next)
		if n == 0 {
			break
		}
		next += n
	}
	if next == len(doc) {
		return true
	}
	if c := classAt(doc, next); c != classUpper && c != classDigit {
		return false
	}
	b := p
	for b > start && isASCIILetter(doc[b-1]) {
		b--
	}
	if _, cont := lookupFold(continuers, doc[b:p]); cont {
		return false
	}
	// A sentence already wrapped onto this line is a hard-wrapped paragraph,
	// whose lines end mid-sentence; so is a long line that is not a title.
	ls := strings.LastIndexAny(doc[:p], "\n\r") + 1
	if first, _ := skipSpace(doc, start); first < ls {
		return false
	}
	line := doc[ls:p]
	return utf8.RuneCountInString(line) < wrapWidth || titleLike(line)
}

// wrapWidth is the line length from which a line without a final stop is
// taken for a hard-wrapped one rather than a headline. Wrapped news and
// TABARI records run 60 to 80 characters a line; most headlines are shorter.
const wrapWidth = 50

// titleLike reports whether line is written in Title Case (most longer words
// capitalised, but not all in capitals), as headlines are.
func titleLike(line string) bool {
	words, caps, lower := 0, 0, false
	for w := range strings.FieldsSeq(line) {
		if len(w) < 4 {
			continue
		}
		words++
		if classAt(w, 0) == classUpper {
			caps++
		}
		for i := 1; i < len(w); i++ {
			if 'a' <= w[i] && w[i] <= 'z' {
				lower = true
				break
			}
		}
	}
	return lower && caps*3 >= words*2
}

// trimClosersBack returns p moved back over closing quotes and brackets.
func trimClosersBack(doc string, start, p int) int {
	for p > start {
		_, n := utf8.DecodeLastRuneInString(doc[start:p])
		if closerLen(doc, p-n) != n {
			return p
		}
		p -= n
	}
	return p
}

// continuers are words after which a line break cannot end a sentence:
// "left for\nMinas Tirith" is one hard-wrapped sentence.
var continuers = map[string]bool{}

func init() {
	for _, w := range []string{
		"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from",
		"into", "onto", "over", "under", "about", "against", "between", "among", "near",
		"and", "or", "but", "nor", "as", "than", "that", "which", "who", "whom", "whose",
		"said", "says", "told", "is", "are", "was", "were", "be", "been", "has", "have",
		"had", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
		"his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
		"after", "before", "during", "since", "until", "via", "per", "if", "when",
		"while", "where", "not", "no", "de", "van", "von", "al", "el", "bin", "ibn",
	} {
		continuers[w] = true
	}
}

// appendSpan appends doc[start:end] trimmed of white space, unless empty.
func appendSpan(dst []faultline.Span, doc string, start, end int) []faultline.Span {
	for start < end {
		n := spaceLen(doc, start)
		if n == 0 {
			break
		}
		start += n
	}
	for end > start {
		_, n := utf8.DecodeLastRuneInString(doc[start:end])
		if spaceLen(doc, end-n) == 0 {
			break
		}
		end -= n
	}
	if start < end {
		dst = append(dst, faultline.Span{Start: start, End: end})
	}
	return dst
}

package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// Tokens returns the tokens of doc[s.Start:s.End] with offsets into doc.
//
// Words keep inner hyphens (stone-throwing), dots of initialisms (U.S.),
// known abbreviations with their period (Gen.), apostrophes of names
// (O'Brien) and number punctuation (50,000  3.5  4%  9/11). A possessive
// 's, ’s or plural s' stays in the word, is dropped from Norm and sets
// Possessive. Contractions are split so that later stages see the full
// word: didn't -> did + n't (Norm "not"), can't -> ca (Norm "can") + n't,
// they'll -> they + 'll (Norm "will"), it's -> it + 's (Norm "is").
// Every other mark, quotes included, is a token of its own with Punct set;
// runs of dashes or dots ("--", "...") are one token.
func Tokens(doc string, s faultline.Span) []Token {
	n := min(s.End, len(doc)) - max(s.Start, 0)
	return AppendTokens(make([]Token, 0, 8+max(n, 0)/5), doc, s)
}

// AppendTokens appends the tokens of doc[s.Start:s.End] to dst, as Tokens
// does; reuse dst across sentences to avoid allocating a slice each time.
// A span outside doc is clipped to it.
func AppendTokens(dst []Token, doc string, s faultline.Span) []Token {
	tk := tokPool.Get().(*tokenizer)
	tk.doc, tk.dst = doc, dst
	tk.run(s)
	dst = tk.finish()
	tk.doc, tk.dst = "", nil
	tokPool.Put(tk)
	return dst
}

// tokenizer holds the scratch space of one AppendTokens call. Folded norms
// are written into one buffer that becomes a single string at the end, so a
// sentence costs one allocation for its norms rather than one per word.
type tokenizer struct {
	doc   string
	dst   []Token
	base  int // len(dst) before this call
	arena []byte
	fix   []normFix
}

// normFix says that dst[tok].Norm is arena[start:end].
type normFix struct{ tok, start, end int }

var tokPool = sync.Pool{New: func() any { return new(tokenizer) }}

func (tk *tokenizer) run(s faultline.Span) {
	doc := tk.doc
	lim := min(s.End, len(doc))
	i := max(s.Start, 0)
	tk.base = len(tk.dst)
	tk.arena, tk.fix = tk.arena[:0], tk.fix[:0]
	for i < lim {
		if n := spaceLen(doc, i); n > 0 {
			i += n
			continue
		}
		if alnumAt(doc, i, lim) {
			i = tk.word(i, lim)
		} else {
			i = tk.punct(i, lim)
		}
	}
}

func (tk *tokenizer) finish() []Token {
	if len(tk.fix) > 0 {
		arena := string(tk.arena)
		for _, f := range tk.fix {
			tk.dst[tk.base+f.tok].Norm = arena[f.start:f.end]
		}
	}
	return tk.dst
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// runeAt decodes the rune at doc[i], or returns (0, 0) at lim.
func runeAt(doc string, i, lim int) (rune, int) {
	if i >= lim {
		return 0, 0
	}
	if c := doc[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(doc[i:lim])
}

// alnumAt reports whether a word rune (letter, digit or mark) starts at
// doc[i] and ends before lim.
func alnumAt(doc string, i, lim int) bool {
	if i < lim {
		if c := doc[i]; c < utf8.RuneSelf {
			return isASCIILetter(c) || isDigit(c)
		}
	}
	r, n := runeAt(doc, i, lim)
	return n > 0 && isWordRune(r)
}

// apostropheLen returns the length of ' or ’ at doc[i], or 0.
func apostropheLen(doc string, i, lim int) int {
	if i < lim && doc[i] == '\'' {
		return 1
	}
	if i+2 < lim && doc[i] == 0xE2 && doc[i+1] == 0x80 && doc[i+2] == 0x99 {
		return 3
	}
	return 0
}

// word scans the word starting at doc[i] and emits its tokens.
func (tk *tokenizer) word(i, lim int) int {
	doc := tk.doc
	j := i
scan:
	for j < lim {
		c := doc[j]
		if c < utf8.RuneSelf && (isASCIILetter(c) || isDigit(c)) {
			j++
			continue
		}
		if a := apostropheLen(doc, j, lim); a > 0 {
			if end, done := tk.apostrophe(i, j, a, lim); done {
				return end
			}
			j += a // O'Brien, d'Ivoire: the apostrophe is part of the name
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(doc[j:lim])
			if isWordRune(r) || ((r == '‐' || r == '‑') && alnumAt(doc, j+n, lim)) {
				j += n
				continue
			}
			break
		}
		prev, next := doc[j-1], byte(0)
		if j+1 < lim {
			next = doc[j+1]
		}
		switch c {
		case '-':
			if alnumAt(doc, j+1, lim) {
				j++
				continue
			}
		case '.':
			// 3.5; U.S; SPACE.com; but not "end.The" run together.
			if isDigit(prev) && isDigit(next) ||
				isASCIILetter(prev) && isASCIILetter(next) && (initialSegment(doc, i, j) || 'a' <= next && next <= 'z') {
				j++
				continue
			}
		case ',':
			// 50,000 but not "1999,2000" lists of years or "5,6".
			if isDigit(prev) && j+3 < lim && isDigit(doc[j+1]) && isDigit(doc[j+2]) && isDigit(doc[j+3]) &&
				(j+4 == lim || !isDigit(doc[j+4])) {
				j += 4
				continue
			}
		case '/', ':':
			if isDigit(prev) && isDigit(next) { // 9/11, 24/7, 10:30
				j++
				continue
			}
		case '%':
			if isDigit(prev) {
				j++
			}
			break scan
		case '&':
			if 'A' <= prev && prev <= 'Z' && 'A' <= next && next <= 'Z' { // AT&T
				j++
				continue
			}
		}
		break
	}
	// A period that belongs to the word: U.S., Gen., J. Smith.
	if j < lim && doc[j] == '.' && takesPeriod(doc, i, j, lim) {
		j++
	}
	tk.emitWord(i, j, i, j, false)
	return j
}

// initialSegment reports whether the last dot-separated part of doc[i:j] is
// a single letter, as in U.S or e.g.
func initialSegment(doc string, i, j int) bool {
	return j-i == 1 || j-i >= 2 && doc[j-2] == '.'
}

// takesPeriod reports whether the period at doc[j] ends the abbreviation doc[i:j].
func takesPeriod(doc string, i, j, lim int) bool {
	w := doc[i:j]
	if k, ok := lookupFold(abbrevs, w); ok {
		if k != numberAbbrev {
			return true
		}
		q, _ := skipSpace(doc, j+1)
		return q < lim && isDigit(doc[q]) // No. 3, but "said no."
	}
	if len(w) == 1 {
		return 'A' <= w[0] && w[0] <= 'Z' && j+1 < lim // J. Smith, not "Plan B."
	}
	if strings.IndexByte(w, '.') < 0 {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		if len(part) != 1 {
			return false
		}
	}
	return true
}

// apostrophe handles ' or ’ of length a at doc[j] inside the word begun at
// doc[i]. It emits tokens and returns (end, true) when the apostrophe ends
// the word: possessives and contractions. It returns false when the
// apostrophe is inside a name and the word goes on.
func (tk *tokenizer) apostrophe(i, j, a, lim int) (int, bool) {
	doc := tk.doc
	after := j + a
	e := after
	for e < lim && isASCIILetter(doc[e]) {
		e++
	}
	if e < lim && alnumAt(doc, e, lim) {
		return 0, false // O'Brien's handled when its own 's comes
	}
	var suffix [3]byte
	if e-after > len(suffix) {
		return 0, false
	}
	for k := after; k < e; k++ {
		suffix[k-after] = doc[k] | 0x20
	}
	switch string(suffix[:e-after]) {
	case "":
		if j > i && doc[j-1]|0x20 == 's' { // protesters' homes
			tk.emitWord(i, after, i, j, true)
			return after, true
		}
		tk.emitWord(i, j, i, j, false)
		return j, true
	case "s":
		if pn, ok := lookupFold(pronounIs, doc[i:j]); ok { // it's, let's
			tk.emitWord(i, j, i, j, false)
			tk.emitFixed(j, e, pn)
			return e, true
		}
		tk.emitWord(i, e, i, j, true)
		return e, true
	case "t":
		if j-i < 2 || doc[j-1]|0x20 != 'n' {
			return 0, false
		}
		if j-1 > i {
			stem := doc[i : j-1]
			if full, ok := lookupFold(irregularNot, stem); ok {
				tk.emitWord(i, j-1, i, j-1, false)
				tk.dst[len(tk.dst)-1].Norm = full
				tk.dropFix()
			} else {
				tk.emitWord(i, j-1, i, j-1, false)
			}
		}
		tk.emitFixed(j-1, e, "not")
		return e, true
	}
	if full, ok := contractions[string(suffix[:e-after])]; ok {
		tk.emitWord(i, j, i, j, false)
		tk.emitFixed(j, e, full)
		return e, true
	}
	return 0, false
}

// pronounIs holds the words whose 's is "is" (or "us"), not a possessive.
var pronounIs = map[string]string{
	"it": "is", "he": "is", "she": "is", "that": "is", "there": "is", "what": "is",
	"who": "is", "where": "is", "here": "is", "how": "is", "let": "us",
}

// irregularNot maps the stem left by splitting n't to its full word.
var irregularNot = map[string]string{"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}

// contractions maps a clitic to the word it stands for; 'd stays as written
// because it may be "had" or "would".
var contractions = map[string]string{"ll": "will", "re": "are", "ve": "have", "m": "am", "d": "'d"}

// dropFix forgets the arena norm of the last token when its Norm was set directly.
func (tk *tokenizer) dropFix() {
	if n := len(tk.fix); n > 0 && tk.fix[n-1].tok == len(tk.dst)-1-tk.base {
		tk.fix = tk.fix[:n-1]
	}
}

// emitWord appends the word doc[start:end] whose Norm is the fold of doc[ns:ne].
func (tk *tokenizer) emitWord(start, end, ns, ne int, possessive bool) {
	doc := tk.doc
	t := Token{Start: start, End: end, Raw: doc[start:end], Possessive: possessive}
	r, _ := runeAt(doc, start, end)
	t.Cap = unicode.IsUpper(r)
	src := doc[ns:ne]
	if folded(src) {
		t.Norm = src
	} else {
		a := len(tk.arena)
		tk.arena = appendFold(tk.arena, src)
		if len(tk.arena) > a {
			tk.fix = append(tk.fix, normFix{tok: len(tk.dst) - tk.base, start: a, end: len(tk.arena)})
		} else {
			t.Norm = src // only combining marks: keep them rather than nothing
		}
	}
	tk.dst = append(tk.dst, t)
}

// emitFixed appends a split-off clitic with a fixed Norm.
func (tk *tokenizer) emitFixed(start, end int, norm string) {
	tk.dst = append(tk.dst, Token{Start: start, End: end, Raw: tk.doc[start:end], Norm: norm})
}

// folded reports whether s is lower-case ASCII, which Fold leaves alone.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// punct emits the punctuation token at doc[i] and returns its end.
func (tk *tokenizer) punct(i, lim int) int {
	doc := tk.doc
	c := doc[i]
	j := i + 1
	if c == '-' || c == '.' {
		for j < lim && doc[j] == c {
			j++
		}
	} else if c >= utf8.RuneSelf {
		_, n := utf8.DecodeRuneInString(doc[i:lim])
		j = i + n
	}
	raw := doc[i:j]
	norm := raw
	switch raw {
	case "“", "”", "„", "«", "»", "″":
		norm = `"`
	case "‘", "’", "‚", "‹", "›":
		norm = "'"
	case "—", "–", "―":
		norm = "--"
	}
	tk.dst = append(tk.dst, Token{Start: i, End: j, Raw: raw, Norm: norm, Punct: true})
	return j
}

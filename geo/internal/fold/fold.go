// Package fold turns place names and words of text into the keys the
// gazetteer is indexed by: lower case, diacritics removed, apostrophes
// dropped, every other run of non-alphanumeric characters one space.
//
// The generator and the run-time matcher both call Key, so the embedded
// index and the words of a sentence always agree, whatever the tokenizer of
// package text does with its own Norm.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// plain maps accented Latin letters (lower case) to their ASCII spelling.
// Written out by hand: the standard library has no Unicode decomposition,
// and letters such as ł, đ, ø and ı do not decompose anyway.
var plain = map[rune]string{}

func init() {
	groups := []struct{ to, from string }{
		{"a", "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ"},
		{"c", "çćĉċčƈ"},
		{"d", "ðďđɖɗḍ"},
		{"e", "èéêëēĕėęěȅȇȩẹẻẽếềểễệəɛ"},
		{"g", "ĝğġģǧǵ"},
		{"h", "ĥħḥḩ"},
		{"i", "ìíîïĩīĭįıǐȉȋỉị"},
		{"j", "ĵǰ"},
		{"k", "ķĸǩ"},
		{"l", "ĺļľŀł"},
		{"n", "ñńņňŉŋǹ"},
		{"o", "òóôõöøōŏőơǒǫǿȍȏȫȭȯȱọỏốồổỗộớờởỡợ"},
		{"r", "ŕŗřȑȓ"},
		{"s", "śŝşšșṣ"},
		{"t", "ţťŧțṭ"},
		{"u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữự"},
		{"w", "ŵẁẃẅ"},
		{"y", "ýÿŷȳỳỵỷỹ"},
		{"z", "źżžƶẓ"},
		{"ss", "ß"},
		{"ae", "æ"},
		{"oe", "œ"},
		{"th", "þ"},
	}
	for _, g := range groups {
		for _, r := range g.from {
			plain[r] = g.to
		}
	}
}

// isApostrophe reports the marks that are dropped inside a word, so that
// Ma'arrat, Ma’arrat and Ma`arrat all give maarrat.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʻ', 'ʼ', 'ʽ', '´', 'ʿ', 'ʾ', '′':
		return true
	}
	return false
}

// Key returns the index key of s: "Zvečan" -> "zvecan", "Guinea-Bissau" ->
// "guinea bissau", "Ma‘arrat an Nu‘man" -> "maarrat an numan".
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			// fast path for ASCII
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case isApostrophe(r), unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if p, ok := plain[r]; ok {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteString(p)
				continue
			}
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// IsLatin reports whether a key holds only ASCII letters, digits and
// spaces: the names English news can spell.
func IsLatin(key string) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return key != ""
}

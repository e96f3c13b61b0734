package text

import (
	"unicode"
	"unicode/utf8"
)

// spaceLen returns the byte length of the white-space rune at doc[i], or 0.
// ASCII is tested first because almost all space in news is ASCII.
func spaceLen(doc string, i int) int {
	c := doc[i]
	if c < utf8.RuneSelf {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			return 1
		}
		return 0
	}
	if c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xE1 {
		return 0
	}
	r, n := utf8.DecodeRuneInString(doc[i:])
	if unicode.IsSpace(r) || r == '\u200B' {
		return n
	}
	return 0
}

// isLineBreak reports whether doc[i] starts a line or paragraph separator.
func isLineBreak(doc string, i int) bool {
	c := doc[i]
	if c == '\n' || c == '\r' {
		return true
	}
	return c == 0xE2 && i+2 < len(doc) && doc[i+1] == 0x80 && (doc[i+2] == 0xA8 || doc[i+2] == 0xA9)
}

// skipSpace returns the first non-space position at or after i, and how many
// line breaks the skipped space held (CR LF counts once).
func skipSpace(doc string, i int) (int, int) {
	breaks := 0
	for i < len(doc) {
		n := spaceLen(doc, i)
		if n == 0 {
			break
		}
		if isLineBreak(doc, i) && !(doc[i] == '\n' && i > 0 && doc[i-1] == '\r') {
			breaks++
		}
		i += n
	}
	return i, breaks
}

// closerLen returns the byte length of a closing quote or bracket at doc[i], or 0.
func closerLen(doc string, i int) int {
	switch doc[i] {
	case '"', '\'', ')', ']', '}':
		return 1
	case 0xC2: // »
		if i+1 < len(doc) && doc[i+1] == 0xBB {
			return 2
		}
	case 0xE2: // ” ’ ›
		if i+2 < len(doc) && doc[i+1] == 0x80 && (doc[i+2] == 0x9D || doc[i+2] == 0x99 || doc[i+2] == 0xBA) {
			return 3
		}
	}
	return 0
}

// openerLen returns the byte length of an opening quote or bracket at doc[i], or 0.
func openerLen(doc string, i int) int {
	switch doc[i] {
	case '"', '\'', '(', '[', '{':
		return 1
	case 0xC2: // « ¡ ¿
		if i+1 < len(doc) && (doc[i+1] == 0xAB || doc[i+1] == 0xA1 || doc[i+1] == 0xBF) {
			return 2
		}
	case 0xE2: // “ ‘ ‹
		if i+2 < len(doc) && doc[i+1] == 0x80 && (doc[i+2] == 0x9C || doc[i+2] == 0x98 || doc[i+2] == 0xB9) {
			return 3
		}
	}
	return 0
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// runeClass is what kind of word starts at a position.
type runeClass uint8

const (
	classOther runeClass = iota
	classUpper
	classLower
	classDigit
)

// classAt classifies the rune at doc[i].
func classAt(doc string, i int) runeClass {
	c := doc[i]
	switch {
	case 'A' <= c && c <= 'Z':
		return classUpper
	case 'a' <= c && c <= 'z':
		return classLower
	case isDigit(c):
		return classDigit
	case c < utf8.RuneSelf:
		return classOther
	}
	r, _ := utf8.DecodeRuneInString(doc[i:])
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return classUpper
	case unicode.IsLetter(r):
		return classLower
	case unicode.IsDigit(r):
		return classDigit
	}
	return classOther
}

// isLowerDoc reports whether doc is written (almost) without capitals, like
// the lower-cased police reports; there a lower-case word after a period
// still opens a sentence.
func isLowerDoc(doc string) bool {
	upper, letters := 0, 0
	for i := 0; i < len(doc); i++ {
		c := doc[i] | 0x20
		if 'a' <= c && c <= 'z' {
			letters++
			if doc[i] < 'a' {
				upper++
			}
		}
	}
	return letters > 0 && upper*100 < letters
}

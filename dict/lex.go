package dict

import (
	"strings"
	"unicode/utf8"

	"github.com/faultline/faultline/text"
)

// lineReader walks the lines of one file, keeping the line number, skipping
// <!-- --> comment blocks, and collecting errors. Every format parser uses it
// so that positions and messages look the same everywhere.
type lineReader struct {
	name    string
	data    string
	off     int
	line    int
	inXML   bool // inside a <!-- comment that has not closed yet
	errs    *[]error
	stopped bool // a ~~FINISH line ends a TABARI file
}

func newLineReader(name string, data []byte, errs *[]error) *lineReader {
	s := string(data)
	if !utf8.ValidString(s) {
		s = latin1(data)
	}
	return &lineReader{name: name, data: s, errs: errs}
}

// latin1 reads invalid UTF-8 bytes as Latin-1, which is what the older
// dictionaries were written in; valid UTF-8 sequences are kept.
func latin1(b []byte) string {
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		// Runs of ASCII, nearly all of a file, are copied whole.
		i := 0
		for i < len(b) && b[i] < utf8.RuneSelf {
			i++
		}
		out = append(out, b[:i]...)
		if b = b[i:]; len(b) == 0 {
			break
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			r = rune(b[0])
			n = 1
		}
		out = utf8.AppendRune(out, r)
		b = b[n:]
	}
	return string(out)
}

// next returns the next line with its comments removed and spaces trimmed;
// ok is false at the end of the file. Blank lines are returned as "".
func (lr *lineReader) next() (line string, ok bool) {
	for {
		if lr.off >= len(lr.data) || lr.stopped {
			return "", false
		}
		end := strings.IndexByte(lr.data[lr.off:], '\n')
		var raw string
		if end < 0 {
			raw = lr.data[lr.off:]
			lr.off = len(lr.data)
		} else {
			raw = lr.data[lr.off : lr.off+end]
			lr.off += end + 1
		}
		lr.line++
		raw = strings.TrimRight(raw, "\r")
		if lr.inXML {
			i := strings.Index(raw, "-->")
			if i < 0 {
				continue
			}
			lr.inXML = false
			raw = raw[i+3:]
		}
		raw = lr.stripXML(raw)
		if strings.HasPrefix(raw, "~~FINISH") {
			lr.stopped = true
			return "", false
		}
		return strings.TrimSpace(raw), true
	}
}

// stripXML removes <!-- ... --> comments, opening a block when one does not
// close on this line.
func (lr *lineReader) stripXML(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			lr.inXML = true
			return s[:i]
		}
		s = s[:i] + " " + s[i+4+j+3:]
	}
}

func (lr *lineReader) pos() Pos { return Pos{File: lr.name, Line: lr.line} }

func (lr *lineReader) errorf(msg string) {
	*lr.errs = append(*lr.errs, &LineError{Pos: lr.pos(), Msg: msg})
}

func (lr *lineReader) errorAt(p Pos, msg string) {
	*lr.errs = append(*lr.errs, &LineError{Pos: p, Msg: msg})
}

// stripComment cuts s at the first ';' or '#' that is not inside [ ]:
// codes such as [###] contain '#'.
func stripComment(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case ';', '#':
			if depth == 0 {
				return strings.TrimSpace(s[:i])
			}
		}
	}
	return s
}

// splitCodes separates "NAME [A] [B 0101-0202]" into the text before the
// first '[' and the contents of each [ ] block. An unclosed '[' is an error.
func splitCodes(s string) (head string, blocks []string, msg string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return strings.TrimSpace(s), nil, ""
	}
	head = strings.TrimSpace(s[:i])
	rest := s[i:]
	for {
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return head, blocks, ""
		}
		if rest[0] != '[' {
			return head, blocks, "text after a code block: " + quote(rest)
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return head, blocks, "unclosed [ in " + quote(rest)
		}
		blocks = append(blocks, strings.TrimSpace(rest[1:j]))
		rest = rest[j+1:]
	}
}

// fold lower-cases and folds one dictionary word. Fold is applied after
// ToLower so that the result is lower-case whatever Fold does with case.
func fold(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return text.Fold(strings.ToLower(w))
		}
	}
	return text.Fold(w)
}

// parsePhrase reads a dictionary phrase: words separated by spaces (other
// words may come between) or underscores (consecutive); a word followed by an
// underscore is exact. "&NAME" words keep their '&' (synset references).
func parsePhrase(s string) (Phrase, string) {
	var p Phrase
	gap := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if len(p) > 0 {
				gap = true
			}
			i++
		case c == '_':
			if len(p) == 0 {
				i++ // a leading underscore joins to nothing
				continue
			}
			p[len(p)-1].Exact = true
			gap = false
			i++
		default:
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '_' {
				j++
			}
			w := fold(s[i:j])
			if w != "" {
				p = append(p, Word{Text: w, Gap: gap && len(p) > 0})
			}
			gap = false
			i = j
		}
	}
	if len(p) == 0 {
		return nil, "empty phrase"
	}
	return p, ""
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return "\"" + s + "\""
}

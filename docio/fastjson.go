package docio

import (
	"encoding/json"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// fastDecode decodes the common shape of a JSONL document, a flat object of
// strings, numbers and nulls, several times faster than encoding/json,
// which was most of the reader's time. It returns false whenever the line
// is anything else (nested values, odd key spelling, invalid JSON), and the
// caller then uses encoding/json, so results and error messages are those
// of encoding/json. FuzzFastDecode holds the two to the same answers.
func fastDecode(line []byte, jd *jsonDoc) bool {
	p := fastParser{b: line}
	p.ws()
	if !p.eat('{') {
		return false
	}
	p.ws()
	if p.eat('}') {
		return p.end()
	}
	for {
		p.ws()
		key, ok := p.str()
		if !ok {
			return false
		}
		p.ws()
		if !p.eat(':') {
			return false
		}
		p.ws()
		start := p.i
		kind, val, ok := p.value()
		if !ok {
			return false
		}
		raw := line[start:p.i]
		switch key {
		case "id":
			jd.ID = json.RawMessage(raw)
		case "text":
			switch kind {
			case 's':
				jd.Text = &val
			case 'n':
				jd.Text = nil
			default:
				return false
			}
		case "date", "title", "url", "source":
			if kind == 'n' {
				break
			}
			if kind != 's' {
				return false
			}
			switch key {
			case "date":
				jd.Date = val
			case "title":
				jd.Title = val
			case "url":
				jd.URL = val
			case "source":
				jd.Source = val
			}
		default:
			// encoding/json matches keys without regard to case.
			for _, k := range [...]string{"id", "text", "date", "title", "url", "source"} {
				if strings.EqualFold(key, k) {
					return false
				}
			}
		}
		p.ws()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			return p.end()
		}
		return false
	}
}

type fastParser struct {
	b []byte
	i int
}

func (p *fastParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *fastParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *fastParser) end() bool {
	p.ws()
	return p.i == len(p.b)
}

// value reads a string ('s'), number ('0'), null ('n') or boolean ('b').
func (p *fastParser) value() (kind byte, s string, ok bool) {
	if p.i >= len(p.b) {
		return 0, "", false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		s, ok = p.str()
		return 's', s, ok
	case c == 'n':
		return 'n', "", p.lit("null")
	case c == 't':
		return 'b', "", p.lit("true")
	case c == 'f':
		return 'b', "", p.lit("false")
	case c == '-' || (c >= '0' && c <= '9'):
		return '0', "", p.num()
	}
	return 0, "", false
}

func (p *fastParser) lit(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// num accepts exactly JSON's number grammar.
func (p *fastParser) num() bool {
	p.eat('-')
	if p.eat('0') {
	} else if !p.digits() {
		return false
	}
	if p.eat('.') && !p.digits() {
		return false
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if !p.eat('+') {
			p.eat('-')
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

func (p *fastParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// str reads a JSON string. The caller has checked the line is valid UTF-8.
func (p *fastParser) str() (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := string(p.b[start:p.i])
			p.i++
			return s, true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// escaped finishes a string that holds escapes, from its start.
func (p *fastParser) escaped(start int) (string, bool) {
	out := make([]byte, 0, p.i-start+64)
	out = append(out, p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.b) {
			return "", false
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; a lone half is U+FFFD, as in encoding/json.
				save := p.i
				if p.lit(`\u`) {
					if r2, ok := p.hex4(); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							out = utf8.AppendRune(out, dec)
							continue
						}
					}
				}
				p.i = save
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (p *fastParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

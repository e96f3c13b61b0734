package sqlite

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// decodeEvent decodes a stored event body (the JSON that json.Marshal
// wrote) into e, which must be zero. Reading events is mostly this: a
// general decoder spends its time on reflection and on copying every
// string, so the fields of faultline.Event are scanned by hand and strings
// without escapes are taken as substrings of body, which the driver has
// already copied out of SQLite. Anything this scanner does not expect (an
// unknown key, an escape in a key, a number that is not plain) is handed to
// encoding/json, so the result is always what json.Unmarshal gives.
func decodeEvent(body string, e *faultline.Event) error {
	d := decoder{s: body}
	if d.event(e) && d.end() {
		return nil
	}
	*e = faultline.Event{}
	return json.Unmarshal([]byte(body), e)
}

// decoder scans a JSON text; each method reports false when the text is
// not in the form it expects, which sends the body to encoding/json.
type decoder struct {
	s string
	i int
}

func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// byte consumes c, after any white space.
func (d *decoder) byte(c byte) bool {
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *decoder) end() bool { d.ws(); return d.i == len(d.s) }

// null consumes a JSON null.
func (d *decoder) null() bool {
	d.ws()
	if len(d.s)-d.i >= 4 && d.s[d.i:d.i+4] == "null" {
		d.i += 4
		return true
	}
	return false
}

// object calls field for each key of an object; field decodes the value.
func (d *decoder) object(field func(key string) bool) bool {
	if !d.byte('{') {
		return false
	}
	if d.byte('}') {
		return true
	}
	for {
		d.ws()
		key, ok := d.str()
		if !ok || !d.byte(':') || !field(key) {
			return false
		}
		if d.byte('}') {
			return true
		}
		if !d.byte(',') {
			return false
		}
	}
}

// str reads a string without escapes, as valid UTF-8, as a substring of
// the text; a string with escapes is unquoted by encoding/json.
func (d *decoder) str() (string, bool) {
	d.ws()
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.s); j++ {
		c := d.s[j]
		switch {
		case c == '"':
			v := d.s[start:j]
			if !ascii && !utf8.ValidString(v) {
				return "", false // encoding/json replaces bad bytes with U+FFFD
			}
			d.i = j + 1
			return v, true
		case c == '\\':
			return d.escaped(start - 1)
		case c < 0x20:
			return "", false
		case c >= 0x80:
			ascii = false
		}
	}
	return "", false
}

// escaped unquotes the string that starts at i: the one-letter escapes
// here, \u escapes (surrogate pairs and their errors) by encoding/json.
func (d *decoder) escaped(i int) (string, bool) {
	var b []byte
	for j := i + 1; j < len(d.s); j++ {
		c := d.s[j]
		switch {
		case c == '"':
			if !utf8.Valid(b) {
				return "", false
			}
			d.i = j + 1
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			continue
		}
		if j++; j >= len(d.s) {
			return "", false
		}
		switch c := d.s[j]; c {
		case '"', '\\', '/':
			b = append(b, c)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			return d.unquoteJSON(i)
		default:
			return "", false
		}
	}
	return "", false
}

// unquoteJSON unquotes the string that starts at i with encoding/json.
func (d *decoder) unquoteJSON(i int) (string, bool) {
	j := i + 1
	for j < len(d.s) && d.s[j] != '"' {
		if d.s[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(d.s) {
		return "", false
	}
	var v string
	if json.Unmarshal([]byte(d.s[i:j+1]), &v) != nil {
		return "", false
	}
	d.i = j + 1
	return v, true
}

// number returns the text of a JSON number, checked against its grammar.
func (d *decoder) number() (string, bool) {
	d.ws()
	s, i := d.s, d.i
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if !digits() {
		return "", false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return "", false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return "", false
		}
	}
	d.i = i
	return s[start:i], true
}

// int reads an integer; a fraction or exponent is left to encoding/json,
// which refuses them for int fields.
func (d *decoder) int(p *int) bool {
	n, ok := d.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseInt(n, 10, strconv.IntSize)
	if err != nil {
		return false
	}
	*p = int(v)
	return true
}

func (d *decoder) float(p *float64) bool {
	n, ok := d.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return false
	}
	*p = v
	return true
}

func (d *decoder) string(p *string) bool {
	v, ok := d.str()
	if ok {
		*p = v
	}
	return ok
}

func (d *decoder) event(e *faultline.Event) bool {
	return d.object(func(key string) bool {
		switch key {
		case "id":
			return d.string(&e.ID)
		case "doc_id":
			return d.string(&e.DocID)
		case "sentence":
			return d.int(&e.Sentence)
		case "date":
			return d.string(&e.Date)
		case "source":
			return d.actor(&e.Source)
		case "target":
			return d.actor(&e.Target)
		case "cameo":
			return d.string(&e.CAMEO)
		case "root":
			return d.string(&e.Root)
		case "quad_class":
			return d.int(&e.QuadClass)
		case "goldstein":
			return d.float(&e.Goldstein)
		case "plover":
			return d.object(func(k string) bool {
				switch k {
				case "type":
					return d.string(&e.Plover.Type)
				case "mode":
					return d.string(&e.Plover.Mode)
				}
				return false
			})
		case "modality":
			var m string
			ok := d.string(&m)
			e.Modality = faultline.Modality(m)
			return ok
		case "quantities":
			return d.quantities(&e.Quantities)
		case "quantity_notes":
			return d.notes(&e.QuantityNotes)
		case "location":
			return d.location(&e.Location)
		case "attribution":
			return d.object(func(k string) bool {
				switch k {
				case "code":
					return d.string(&e.Attribution.Code)
				case "text":
					return d.string(&e.Attribution.Text)
				}
				return false
			})
		case "evidence":
			return d.span(&e.Evidence)
		case "verb":
			return d.span(&e.Verb)
		case "incident":
			return d.string(&e.Incident)
		case "confidence":
			return d.float(&e.Confidence)
		}
		return false
	})
}

func (d *decoder) actor(a *faultline.ActorRef) bool {
	return d.object(func(k string) bool {
		switch k {
		case "code":
			return d.string(&a.Code)
		case "text":
			return d.string(&a.Text)
		case "start":
			return d.int(&a.Start)
		case "end":
			return d.int(&a.End)
		}
		return false
	})
}

func (d *decoder) span(s *faultline.Span) bool {
	return d.object(func(k string) bool {
		switch k {
		case "start":
			return d.int(&s.Start)
		case "end":
			return d.int(&s.End)
		}
		return false
	})
}

// location decodes into the Location already there, as encoding/json does
// when a key comes twice; null clears it.
func (d *decoder) location(p **faultline.Location) bool {
	if d.null() {
		*p = nil
		return true
	}
	if *p == nil {
		*p = new(faultline.Location)
	}
	l := *p
	return d.object(func(k string) bool {
		switch k {
		case "name":
			return d.string(&l.Name)
		case "country":
			return d.string(&l.Country)
		case "admin1":
			return d.string(&l.Admin1)
		case "lat":
			return d.float(&l.Lat)
		case "lon":
			return d.float(&l.Lon)
		case "precision":
			return d.string(&l.Precision)
		}
		return false
	})
}

// quantities and notes add to the map already there, as encoding/json does.
func (d *decoder) quantities(p *map[string]int) bool {
	if d.null() {
		*p = nil
		return true
	}
	if *p == nil {
		*p = map[string]int{}
	}
	return d.object(func(k string) bool {
		var n int
		ok := d.int(&n)
		(*p)[k] = n
		return ok
	})
}

func (d *decoder) notes(p *map[string]string) bool {
	if d.null() {
		*p = nil
		return true
	}
	if *p == nil {
		*p = map[string]string{}
	}
	return d.object(func(k string) bool {
		var v string
		ok := d.string(&v)
		(*p)[k] = v
		return ok
	})
}

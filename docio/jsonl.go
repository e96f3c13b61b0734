package docio

import (
	"strconv"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// JSONL is the event record of CONTRACT.md, one JSON object a line. It is
// encoded by hand, field by field in the contract's order, because
// reflection-based encoding was the bottleneck of the writer.
type JSONL struct{}

// Header implements Format: JSONL has none.
func (JSONL) Header() []byte { return nil }

// Append implements Format.
func (JSONL) Append(dst []byte, _ *faultline.Document, e *faultline.Event) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, e.ID)
	dst = append(dst, `,"doc_id":`...)
	dst = appendJSONString(dst, e.DocID)
	dst = append(dst, `,"sentence":`...)
	dst = strconv.AppendInt(dst, int64(e.Sentence), 10)
	dst = append(dst, `,"date":`...)
	dst = appendJSONString(dst, e.Date)
	dst = append(dst, `,"source":`...)
	dst = appendActor(dst, &e.Source)
	dst = append(dst, `,"target":`...)
	dst = appendActor(dst, &e.Target)
	dst = append(dst, `,"cameo":`...)
	dst = appendJSONString(dst, e.CAMEO)
	dst = append(dst, `,"root":`...)
	dst = appendJSONString(dst, e.Root)
	dst = append(dst, `,"quad_class":`...)
	dst = strconv.AppendInt(dst, int64(e.QuadClass), 10)
	dst = append(dst, `,"goldstein":`...)
	dst = appendFloat(dst, e.Goldstein)
	dst = append(dst, `,"plover":{"type":`...)
	dst = appendJSONString(dst, e.Plover.Type)
	dst = append(dst, `,"mode":`...)
	dst = appendJSONString(dst, e.Plover.Mode)
	dst = append(dst, `},"modality":`...)
	dst = appendJSONString(dst, string(e.Modality))
	dst = append(dst, `,"quantities":`...)
	if e.Quantities == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '{')
		for i, k := range sortedKeys(e.Quantities) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, k)
			dst = append(dst, ':')
			dst = strconv.AppendInt(dst, int64(e.Quantities[k]), 10)
		}
		dst = append(dst, '}')
	}
	dst = append(dst, `,"location":`...)
	if l := e.Location; l == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, `{"name":`...)
		dst = appendJSONString(dst, l.Name)
		dst = append(dst, `,"country":`...)
		dst = appendJSONString(dst, l.Country)
		dst = append(dst, `,"admin1":`...)
		dst = appendJSONString(dst, l.Admin1)
		dst = append(dst, `,"lat":`...)
		dst = appendFloat(dst, l.Lat)
		dst = append(dst, `,"lon":`...)
		dst = appendFloat(dst, l.Lon)
		dst = append(dst, `,"precision":`...)
		dst = appendJSONString(dst, l.Precision)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"attribution":{"code":`...)
	dst = appendJSONString(dst, e.Attribution.Code)
	dst = append(dst, `,"text":`...)
	dst = appendJSONString(dst, e.Attribution.Text)
	dst = append(dst, `},"evidence":`...)
	dst = appendSpan(dst, e.Evidence)
	dst = append(dst, `,"verb":`...)
	dst = appendSpan(dst, e.Verb)
	if e.Incident != "" {
		dst = append(dst, `,"incident":`...)
		dst = appendJSONString(dst, e.Incident)
	}
	dst = append(dst, `,"confidence":`...)
	dst = appendFloat(dst, e.Confidence)
	if len(e.Figures) > 0 {
		dst = append(dst, `,"figures":[`...)
		for i := range e.Figures {
			f := &e.Figures[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"key":`...)
			dst = appendJSONString(dst, f.Key)
			dst = append(dst, `,"value":`...)
			dst = strconv.AppendInt(dst, int64(f.Value), 10)
			dst = append(dst, `,"doc_id":`...)
			dst = appendJSONString(dst, f.DocID)
			dst = append(dst, `,"sentence":`...)
			dst = strconv.AppendInt(dst, int64(f.Sentence), 10)
			dst = append(dst, `,"span":`...)
			dst = appendSpan(dst, f.Span)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, "}\n"...)
}

func appendActor(dst []byte, a *faultline.ActorRef) []byte {
	dst = append(dst, `{"code":`...)
	dst = appendJSONString(dst, a.Code)
	dst = append(dst, `,"text":`...)
	dst = appendJSONString(dst, a.Text)
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(a.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(a.End), 10)
	return append(dst, '}')
}

func appendSpan(dst []byte, s faultline.Span) []byte {
	dst = append(dst, `{"start":`...)
	dst = strconv.AppendInt(dst, int64(s.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(s.End), 10)
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json does; U+2028 and U+2029 are escaped so that the
// output is also valid JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

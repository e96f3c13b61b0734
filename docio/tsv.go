package docio

import (
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

// TSVColumns are the columns of the TSV format, in order: the event record
// flattened. Quantities are "kind=n;kind=n" in key order; a missing location
// leaves its six columns empty.
var TSVColumns = []string{
	"id", "doc_id", "sentence", "date",
	"source_code", "source_text", "target_code", "target_text",
	"cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
	"modality", "quantities",
	"location_name", "location_country", "location_admin1", "location_lat", "location_lon", "location_precision",
	"evidence_start", "evidence_end",
	"attribution_code", "attribution_text", "verb_start", "verb_end", "incident",
	"confidence",
}

// TSV writes one event a line, tab-separated, after a header line. Tabs and
// line breaks inside a field become spaces so every line has every column.
type TSV struct{}

var tsvHeader = []byte(strings.Join(TSVColumns, "\t") + "\n")

// Header implements Format.
func (TSV) Header() []byte { return tsvHeader }

// Append implements Format.
func (TSV) Append(dst []byte, _ *faultline.Document, e *faultline.Event) []byte {
	dst = appendTSVField(dst, e.ID)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.DocID)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.Sentence), 10)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Date)
	for _, a := range [2]*faultline.ActorRef{&e.Source, &e.Target} {
		dst = append(dst, '\t')
		dst = appendTSVField(dst, a.Code)
		dst = append(dst, '\t')
		dst = appendTSVField(dst, a.Text)
	}
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.CAMEO)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Root)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.QuadClass), 10)
	dst = append(dst, '\t')
	dst = appendFloat(dst, e.Goldstein)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Plover.Type)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Plover.Mode)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, string(e.Modality))
	dst = append(dst, '\t')
	for i, k := range sortedKeys(e.Quantities) {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = appendTSVField(dst, k)
		dst = append(dst, '=')
		dst = strconv.AppendInt(dst, int64(e.Quantities[k]), 10)
	}
	if l := e.Location; l != nil {
		dst = append(dst, '\t')
		dst = appendTSVField(dst, l.Name)
		dst = append(dst, '\t')
		dst = appendTSVField(dst, l.Country)
		dst = append(dst, '\t')
		dst = appendTSVField(dst, l.Admin1)
		dst = append(dst, '\t')
		dst = appendFloat(dst, l.Lat)
		dst = append(dst, '\t')
		dst = appendFloat(dst, l.Lon)
		dst = append(dst, '\t')
		dst = appendTSVField(dst, l.Precision)
	} else {
		dst = append(dst, "\t\t\t\t\t\t"...)
	}
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.Evidence.Start), 10)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.Evidence.End), 10)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Attribution.Code)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Attribution.Text)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.Verb.Start), 10)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(e.Verb.End), 10)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, e.Incident)
	dst = append(dst, '\t')
	dst = appendFloat(dst, e.Confidence)
	return append(dst, '\n')
}

// appendTSVField appends s with tabs and line breaks turned into spaces.
func appendTSVField(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\t', '\n', '\r':
			dst = append(dst, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

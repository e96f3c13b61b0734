package httpapi

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/docio"
)

// exporter writes events in one file format.
type exporter struct {
	contentType, ext string
	begin            func(w *bufio.Writer) error
	write            func(w *bufio.Writer, e *faultline.StoredEvent) error
	end              func(w *bufio.Writer, n int) error
}

// exporters make a fresh exporter (some keep state) per request.
var exporters = map[string]func() exporter{
	"csv": func() exporter {
		return exporter{"text/csv; charset=utf-8", "csv", csvBegin, csvWrite, nop}
	},
	"geojson": func() exporter {
		first := true
		// A comma goes between features; unlocated events are skipped, so
		// the exporter remembers whether it wrote one.
		write := func(w *bufio.Writer, e *faultline.StoredEvent) error {
			b, ok, err := geoFeature(e)
			if !ok || err != nil {
				return err
			}
			if !first {
				w.WriteByte(',')
			}
			first = false
			w.WriteByte('\n')
			_, err = w.Write(b)
			return err
		}
		return exporter{"application/geo+json", "geojson", geoBegin, write, geoEnd}
	},
	"gdelt": func() exporter {
		return exporter{"text/tab-separated-values; charset=utf-8", "tsv", func(*bufio.Writer) error { return nil }, gdeltWrite, nop}
	},
}

func nop(*bufio.Writer, int) error { return nil }

// export writes a page of events as a file. The page is built in memory
// (at most maxExport events) so that the next page's cursor can go in the
// X-Next-Cursor and Link headers, which precede the body.
func (s *Server) export(w http.ResponseWriter, r *http.Request, ex exporter, f faultline.EventFilter, cur *cursor, limit int) error {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	if err := ex.begin(bw); err != nil {
		return err
	}
	n := 0
	next, err := s.page(r, f, cur, limit, func(e faultline.StoredEvent) error {
		n++
		return ex.write(bw, &e)
	})
	if err != nil {
		return err
	}
	if err := ex.end(bw, n); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ex.contentType)
	h.Set("Content-Disposition", `attachment; filename="events.`+ex.ext+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	if next != "" {
		h.Set("X-Next-Cursor", next)
		q := r.URL.Query()
		q.Set("cursor", next)
		h.Set("Link", "<"+(&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()+`>; rel="next"`)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// csvColumns are the columns of format=csv, the same as `faultline events
// --format csv`.
var csvColumns = []string{"id", "doc_id", "sentence", "date", "source", "source_text", "target", "target_text",
	"cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "modality", "quantities",
	"place", "country", "admin1", "lat", "lon", "precision", "attribution", "evidence_start", "evidence_end",
	"mentions", "documents"}

func csvBegin(w *bufio.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(csvColumns)
	cw.Flush()
	return cw.Error()
}

func csvWrite(w *bufio.Writer, e *faultline.StoredEvent) error {
	ff := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	q := ""
	if len(e.Quantities) > 0 {
		b, _ := json.Marshal(e.Quantities)
		q = string(b)
	}
	var l faultline.Location
	lat, lon := "", ""
	if e.Location != nil {
		l = *e.Location
		lat, lon = ff(l.Lat), ff(l.Lon)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{e.ID, e.DocID, strconv.Itoa(e.Sentence), e.Date, e.Source.Code, e.Source.Text,
		e.Target.Code, e.Target.Text, e.CAMEO, e.Root, strconv.Itoa(e.QuadClass), ff(e.Goldstein),
		e.Plover.Type, e.Plover.Mode, string(e.Modality), q, l.Name, l.Country, l.Admin1, lat, lon, l.Precision,
		e.Attribution.Code, strconv.Itoa(e.Evidence.Start), strconv.Itoa(e.Evidence.End),
		strconv.Itoa(e.Mentions), strings.Join(e.Documents, " ")})
	cw.Flush()
	return cw.Error()
}

func geoBegin(w *bufio.Writer) error {
	_, err := w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// geoFeature is a located event as a Point feature; events without a
// location have no place on a map and are left out (ok false).
func geoFeature(e *faultline.StoredEvent) (b []byte, ok bool, err error) {
	if e.Location == nil {
		return nil, false, nil
	}
	feat := struct {
		Type     string                 `json:"type"`
		Geometry any                    `json:"geometry"`
		Props    *faultline.StoredEvent `json:"properties"`
	}{"Feature", map[string]any{"type": "Point", "coordinates": []float64{e.Location.Lon, e.Location.Lat}}, e}
	b, err = json.Marshal(feat)
	return b, err == nil, err
}

func geoEnd(w *bufio.Writer, n int) error {
	_, err := w.WriteString("\n]}\n")
	return err
}

func gdeltWrite(w *bufio.Writer, e *faultline.StoredEvent) error {
	doc := faultline.Document{ID: e.DocID}
	_, err := w.Write(docio.GDELT{}.Append(nil, &doc, &e.Event))
	return err
}

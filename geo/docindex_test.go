package geo

import (
	"math/rand"
	"testing"
)

// TestDocIndexNearby checks the summed document index against the walk
// over every mark it replaced: for random documents of places (clustered,
// across the antimeridian and near the poles, with repeats), nearby must
// say what looking at every other mark says.
func TestDocIndexNearby(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	for _, size := range []int{3, 40, 400} {
		for trial := 0; trial < 20; trial++ {
			marks := make([]docMark, size)
			for i := range marks {
				lat, lon := rng.Float64()*180-90, rng.Float64()*360-180
				switch rng.Intn(4) {
				case 0: // a cluster near the antimeridian
					lat, lon = 60+rng.Float64()*3, 179+rng.Float64()*2
					if lon > 180 {
						lon -= 360
					}
				case 1: // near a pole
					lat = 85 + rng.Float64()*5
				case 2: // a repeat of an earlier place
					if i > 0 {
						j := rng.Intn(i)
						lat, lon = marks[j].lat, marks[j].lon
					}
				}
				marks[i] = docMark{start: i * 10, end: i*10 + 5, key: "k", country: rng.Intn(5), near: rng.Intn(5) > 0, lat: lat, lon: lon}
				if rng.Intn(10) == 0 {
					marks[i].country = -1
				}
			}
			x := indexMarks(marks)
			for q := 0; q < 50; q++ {
				m := marks[rng.Intn(size)]
				self := markKey{m.start, m.end, m.key}
				lat, lon := m.lat+rng.Float64()-0.5, m.lon+rng.Float64()*2-1
				if rng.Intn(3) == 0 { // not a mention of the document
					self = markKey{-1, -1, "none"}
				}
				want := false
				for _, mk := range marks {
					if (markKey{mk.start, mk.end, mk.key}) == self || mk.country < 0 || !mk.near {
						continue
					}
					if distanceKm(lat, lon, mk.lat, mk.lon) < nearbyKm {
						want = true
						break
					}
				}
				if got := x.nearby(lat, lon, x.own[self]); got != want {
					t.Fatalf("size %d: nearby(%.3f, %.3f) = %v, walking every mark says %v", size, lat, lon, got, want)
				}
			}
		}
	}
}

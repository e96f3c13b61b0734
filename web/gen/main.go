// Command gen turns the Natural Earth country outlines of the npm package
// world-atlas (countries-110m, a TopoJSON file) into the compact file the
// page draws: one SVG path per country in an equirectangular projection
// (x = longitude, y = -latitude, in tenths of a degree). It runs at
// generation time only (go generate in web/); the page needs no npm.
//
// The output is a pure function of the input: reruns write the same bytes.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []geometry `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

type geometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// Country is one record of the output.
type Country struct {
	ID   string `json:"id"`   // ISO 3166-1 numeric, as Natural Earth gives it
	Name string `json:"name"` // English name
	D    string `json:"d"`    // SVG path data
}

func main() {
	in := flag.String("i", "node_modules/world-atlas/countries-110m.json", "world-atlas TopoJSON `file`")
	out := flag.String("o", "../static/world.json", "output `file`")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatalf("gen: %v (run npm ci first)", err)
	}
	cs, err := convert(data)
	if err != nil {
		log.Fatalf("gen: %s: %v", *in, err)
	}
	b, err := json.Marshal(cs)
	if err != nil {
		log.Fatal(err)
	}
	// One country a line keeps diffs of a regenerated file readable.
	s := strings.ReplaceAll(string(b), `},{"id"`, "},\n{\"id\"")
	if err := os.WriteFile(*out, []byte(s+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: %d countries -> %s (%d bytes)\n", len(cs), *out, len(s)+1)
}

// convert decodes the topology's arcs and writes each country's rings as
// one path.
func convert(data []byte) ([]Country, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, err
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("no countries object")
	}
	arcs := decodeArcs(&t)
	var out []Country
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
			}
		default:
			continue
		}
		var d strings.Builder
		for _, p := range polys {
			for _, ring := range p {
				for _, r := range acrossAntimeridian(ringPoints(arcs, ring)) {
					writeRing(&d, r)
				}
			}
		}
		if d.Len() == 0 {
			continue
		}
		out = append(out, Country{ID: g.ID, Name: g.Properties.Name, D: d.String()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// decodeArcs undoes the delta encoding and quantisation of the arcs.
func decodeArcs(t *topology) [][][2]float64 {
	res := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		res[i] = pts
	}
	return res
}

// ringPoints joins a ring's arcs; index ^i is arc i reversed, and each arc
// after the first repeats the previous one's last point.
func ringPoints(arcs [][][2]float64, ring []int) [][2]float64 {
	var pts [][2]float64
	for k, idx := range ring {
		rev := idx < 0
		if rev {
			idx = ^idx
		}
		a := arcs[idx]
		seg := make([][2]float64, len(a))
		for j := range a {
			if rev {
				seg[j] = a[len(a)-1-j]
			} else {
				seg[j] = a[j]
			}
		}
		if k > 0 && len(seg) > 0 {
			seg = seg[1:]
		}
		pts = append(pts, seg...)
	}
	return pts
}

// writeRing writes a closed ring in tenths of a degree, dropping points
// that fall on the same tenth as the one before (the simplification);
// rings that shrink below three points are left out.
func writeRing(d *strings.Builder, pts [][2]float64) {
	var q [][2]int
	for _, p := range pts {
		v := [2]int{int(math.Round(p[0] * 10)), int(math.Round(-p[1] * 10))}
		if len(q) > 0 && q[len(q)-1] == v {
			continue
		}
		q = append(q, v)
	}
	if len(q) > 1 && q[0] == q[len(q)-1] {
		q = q[:len(q)-1]
	}
	if len(q) < 3 {
		return
	}
	for i, v := range q {
		if i == 0 {
			d.WriteByte('M')
		} else {
			d.WriteByte('L')
		}
		d.WriteString(strconv.Itoa(v[0]))
		d.WriteByte(' ')
		d.WriteString(strconv.Itoa(v[1]))
	}
	d.WriteByte('Z')
}

// acrossAntimeridian makes a ring that crosses the 180th meridian drawable
// in an equirectangular projection. Natural Earth cuts such rings at ±180,
// so that going round them jumps from one edge of the map to the other; a
// path drawn through the jump is a stray line across the world. The ring's
// longitudes are unwrapped (each jump of more than 180° undone by adding
// or taking 360°), so that it runs continuously past the edge, and a copy
// shifted by 360° draws the part past the edge on the other side; the page
// clips both to the world. A ring round a pole (Antarctica) does not close
// once unwrapped: it is closed along the pole's latitude.
func acrossAntimeridian(pts [][2]float64) [][][2]float64 {
	if len(pts) < 2 {
		return [][][2]float64{pts}
	}
	out := make([][2]float64, len(pts))
	shift, crossed := 0.0, false
	out[0] = pts[0]
	for i := 1; i < len(pts); i++ {
		d := pts[i][0] - pts[i-1][0]
		if d > 180 {
			shift -= 360
			crossed = true
		} else if d < -180 {
			shift += 360
			crossed = true
		}
		out[i] = [2]float64{pts[i][0] + shift, pts[i][1]}
	}
	if !crossed {
		return [][][2]float64{pts}
	}
	first, last := out[0], out[len(out)-1]
	if math.Abs(last[0]-first[0]) > 180 {
		pole := -90.0
		if first[1] > 0 {
			pole = 90
		}
		out = append(out, [2]float64{last[0], pole}, [2]float64{first[0], pole})
	}
	lo, hi := out[0][0], out[0][0]
	for _, p := range out {
		lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
	}
	rings := [][][2]float64{out}
	for _, off := range []float64{-360, 360} {
		if hi+off > -180 && lo+off < 180 {
			c := make([][2]float64, len(out))
			for i, p := range out {
				c[i] = [2]float64{p[0] + off, p[1]}
			}
			rings = append(rings, c)
		}
	}
	return rings
}

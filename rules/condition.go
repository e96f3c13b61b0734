package rules

import (
	"strconv"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/series"
	"gopkg.in/yaml.v3"
)

func (d *decoder) scope(n *yaml.Node) Scope {
	var s Scope
	d.fields(n, "scope", map[string]func(*yaml.Node){
		"country": func(v *yaml.Node) { s.Country = d.strs(v, "country") },
		"admin1":  func(v *yaml.Node) { s.Admin1 = d.strs(v, "admin1") },
		"place":   func(v *yaml.Node) { s.Place = d.strs(v, "place") },
		"source":  func(v *yaml.Node) { s.Source = d.strs(v, "source") },
		"target":  func(v *yaml.Node) { s.Target = d.strs(v, "target") },
		"actor":   func(v *yaml.Node) { s.Actor = d.strs(v, "actor") },
		"cameo":   func(v *yaml.Node) { s.CAMEO = d.strs(v, "cameo") },
		"root": func(v *yaml.Node) {
			for i, r := range d.strs(v, "root") {
				n, err := strconv.Atoi(r)
				if err != nil || n < 1 || n > 20 || len(r) != 2 {
					d.errorf(elem(v, i), "root %q: want a CAMEO root, 01 to 20 (quote it: \"01\")", r)
					continue
				}
				s.Root = append(s.Root, uint8(n))
			}
		},
		"quad_class": func(v *yaml.Node) {
			for i, q := range d.strs(v, "quad_class") {
				n, err := strconv.Atoi(q)
				if err != nil || n < 1 || n > 4 {
					d.errorf(elem(v, i), "quad_class %q: want 1 to 4", q)
					continue
				}
				s.QuadClass = append(s.QuadClass, uint8(n))
			}
		},
		"bbox": func(v *yaml.Node) {
			vals := d.strs(v, "bbox")
			if len(vals) != 4 {
				d.errorf(v, "bbox: want [min_lon, min_lat, max_lon, max_lat]")
				return
			}
			var f [4]float64
			for i, x := range vals {
				var err error
				if f[i], err = strconv.ParseFloat(x, 64); err != nil {
					d.errorf(elem(v, i), "bbox: %q is not a number", x)
					return
				}
			}
			b := faultline.BBox{MinLon: f[0], MinLat: f[1], MaxLon: f[2], MaxLat: f[3]}
			if b.MinLon < -180 || b.MaxLon > 180 || b.MinLat < -90 || b.MaxLat > 90 || b.MinLon >= b.MaxLon || b.MinLat >= b.MaxLat {
				d.errorf(v, "bbox: want -180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90")
				return
			}
			s.BBox = &b
		},
	})
	return s
}

// elem is the i-th item of a list node, or the node itself.
func elem(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

func (d *decoder) measure(n *yaml.Node) Measure {
	s, ok := d.scalar(n, "measure")
	if !ok {
		return Measure{}
	}
	switch s {
	case "events":
		return Measure{Kind: Events}
	case "goldstein":
		return Measure{Kind: Goldstein}
	case "intensity":
		return Measure{Kind: Intensity}
	}
	if q := series.QuantityIndex(s); q >= 0 {
		return Measure{Kind: Quantity, Qty: q}
	}
	d.errorf(n, "measure %q: want events, goldstein, intensity or a quantity (killed, injured, arrested, troops, displaced, protesters)", s)
	return Measure{}
}

// window reads a window: whole days, at least one.
func (d *decoder) window(n *yaml.Node) int {
	v, ok := d.duration(n, "window")
	if !ok {
		return 1
	}
	days := int(v / (24 * time.Hour))
	if v%(24*time.Hour) != 0 || days < 1 || days > 366 {
		d.errorf(n, "window %q: want whole days, 1d to 366d (series are daily)", n.Value)
		return 1
	}
	return days
}

func (d *decoder) threshold(n *yaml.Node) *Threshold {
	t := &Threshold{Window: 1, Op: ">="}
	var hasValue bool
	d.fields(n, "threshold", map[string]func(*yaml.Node){
		"measure": func(v *yaml.Node) { t.Measure = d.measure(v) },
		"window":  func(v *yaml.Node) { t.Window = d.window(v) },
		"op": func(v *yaml.Node) {
			t.Op = d.str(v, "op")
			switch t.Op {
			case ">", ">=", "<", "<=":
			default:
				d.errorf(v, "op %q: want >, >=, < or <=", t.Op)
			}
		},
		"value": func(v *yaml.Node) { t.Value, hasValue = d.float(v, "value") },
	})
	if n.Kind == yaml.MappingNode && !hasValue && !d.hasKey(n, "value") {
		d.errorf(n, "threshold needs a value")
	}
	return t
}

func (d *decoder) hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (d *decoder) change(n *yaml.Node) *Change {
	c := &Change{Window: 7, Baseline: 4, MinCount: DefaultMinCount}
	var measureNode *yaml.Node
	d.fields(n, "change", map[string]func(*yaml.Node){
		"measure": func(v *yaml.Node) { measureNode = v; c.Measure = d.measure(v) },
		"window":  func(v *yaml.Node) { c.Window = d.window(v) },
		"baseline": func(v *yaml.Node) {
			if b, ok := d.int(v, "baseline"); ok {
				if b < 1 || b > 52 {
					d.errorf(v, "baseline %d: want 1 to 52 windows", b)
				}
				c.Baseline = b
			}
		},
		"ratio": func(v *yaml.Node) {
			if f, ok := d.float(v, "ratio"); ok {
				if f <= 1 {
					d.errorf(v, "ratio %g: want more than 1", f)
				}
				c.Ratio = f
			}
		},
		"z": func(v *yaml.Node) {
			if f, ok := d.float(v, "z"); ok {
				if f <= 0 {
					d.errorf(v, "z %g: want more than 0", f)
				}
				c.Z = f
			}
		},
		"min_count": func(v *yaml.Node) {
			if f, ok := d.float(v, "min_count"); ok {
				if f < 0 {
					d.errorf(v, "min_count %g: want 0 or more", f)
				}
				c.MinCount = f
			}
		},
	})
	if n.Kind != yaml.MappingNode {
		return c
	}
	if d.hasKey(n, "ratio") == d.hasKey(n, "z") {
		d.errorf(n, "change needs one of ratio and z")
	}
	if c.Kind == Goldstein {
		d.errorf(measureNode, "change cannot use goldstein, which goes down as conflict goes up; use intensity")
	}
	return c
}

// TemplateData is what annotation templates see.
type TemplateData struct {
	Rule   string
	Level  int
	Labels map[string]string
	// Value is the condition's value: the window sum for a threshold, the
	// ratio or z-score for a change.
	Value float64
	// Current is the window sum; Baseline the mean of the baseline windows
	// (0 for a threshold).
	Current, Baseline float64
	// Window is the window in days; Measure what is summed.
	Window  int
	Measure string
	// Count is how many events are behind the alert; Events the Top of them,
	// the most severe first.
	Count  int
	Events []series.Ref
}

func sampleData(r *Rule) TemplateData {
	return TemplateData{Rule: r.Name, Level: r.Level, Labels: map[string]string{},
		Events: []series.Ref{{ID: "sample"}}, Count: 1}
}

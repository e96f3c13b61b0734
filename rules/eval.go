package rules

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/faultline/faultline/series"
)

// Sample is one alert's worth of a rule's evaluation on one day: the labels
// that name it and the numbers behind it.
type Sample struct {
	Labels Labels
	// Value is what the condition compared: the window sum for a threshold,
	// the ratio or z-score for a change.
	Value             float64
	Current, Baseline float64
	// Count is the number of events in the current window; Events the Top
	// most severe of them.
	Count  int
	Events []series.Ref
}

// matcher is a rule's scope compiled against one series: name-id lookups
// are cached so that each cell costs a few array reads.
type matcher struct {
	sc                     *Scope
	s                      *series.Series
	country, admin1, place map[int32]bool
	source, target, actor  []int8 // by name id: 0 unknown, 1 match, 2 no
	code                   []int8
	roots, quads           [32]bool
}

func newMatcher(sc *Scope, s *series.Series) *matcher {
	m := &matcher{sc: sc, s: s}
	ids := func(names []string) map[int32]bool {
		if len(names) == 0 {
			return nil
		}
		out := map[int32]bool{}
		for _, n := range names {
			if id, ok := s.ID(n); ok {
				out[id] = true
			}
		}
		return out
	}
	m.country, m.admin1, m.place = ids(sc.Country), ids(sc.Admin1), ids(sc.Place)
	for _, r := range sc.Root {
		m.roots[r] = true
	}
	for _, q := range sc.QuadClass {
		m.quads[q] = true
	}
	return m
}

// prefixed says whether name id matches one of prefixes, caching the answer.
func (m *matcher) prefixed(cache *[]int8, id int32, prefixes []string) bool {
	if int(id) >= len(*cache) {
		grown := make([]int8, m.s.Names())
		copy(grown, *cache)
		*cache = grown
	}
	switch (*cache)[id] {
	case 1:
		return true
	case 2:
		return false
	}
	name := m.s.Name(id)
	ok := false
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			ok = true
			break
		}
	}
	(*cache)[id] = 2
	if ok {
		(*cache)[id] = 1
	}
	return ok
}

func (m *matcher) match(c *series.Cell) bool {
	sc := m.sc
	if len(sc.Root) > 0 && !m.roots[c.Root&31] {
		return false
	}
	if len(sc.QuadClass) > 0 && !m.quads[c.Quad&31] {
		return false
	}
	if m.country != nil && !m.country[c.Country] ||
		m.admin1 != nil && !m.admin1[c.Admin1] ||
		m.place != nil && !m.place[c.Place] {
		return false
	}
	if len(sc.Source) > 0 && !m.prefixed(&m.source, c.Source, sc.Source) ||
		len(sc.Target) > 0 && !m.prefixed(&m.target, c.Target, sc.Target) ||
		len(sc.CAMEO) > 0 && !m.prefixed(&m.code, c.Code, sc.CAMEO) {
		return false
	}
	if len(sc.Actor) > 0 && !m.prefixed(&m.actor, c.Source, sc.Actor) && !m.prefixed(&m.actor, c.Target, sc.Actor) {
		return false
	}
	if b := sc.BBox; b != nil {
		if !c.Located || c.Lon < b.MinLon || c.Lon > b.MaxLon || c.Lat < b.MinLat || c.Lat > b.MaxLat {
			return false
		}
	}
	return true
}

func (m Measure) of(c *series.Cell) float64 {
	switch m.Kind {
	case Goldstein:
		return c.Goldstein
	case Intensity:
		return c.Intensity
	case Quantity:
		return c.Qty[m.Qty]
	}
	return float64(c.Count)
}

type groupKey [series.NumDims]int32

type acc struct {
	sums  []float64 // [0] the current window, [1..] the baseline windows
	count int
	cells []*series.Cell // of the current window
}

// Eval evaluates r on day, reading only s. It returns one sample per label
// set for which the condition holds, ordered by labels.
func (r *Rule) Eval(s *series.Series, day series.Day) []Sample {
	held, _ := r.eval(s, day)
	return held
}

// eval is Eval that also returns, unordered, the samples of label sets with
// events in reach for which the condition does not hold: the value an
// alert resolves with.
func (r *Rule) eval(s *series.Series, day series.Day) (held, others []Sample) {
	m := newMatcher(&r.Scope, s)
	window, windows := 1, 1
	var measure Measure
	if t := r.Threshold; t != nil {
		window, measure = t.Window, t.Measure
	} else if c := r.Change; c != nil {
		window, windows, measure = c.Window, c.Baseline+1, c.Measure
	} else {
		return nil, nil
	}
	from := day - series.Day(window*windows-1)
	groups := map[groupKey]*acc{}
	visit := func(d series.Day, c *series.Cell) {
		if !m.match(c) {
			return
		}
		var k groupKey
		for _, dim := range r.By {
			k[dim] = c.Value(dim)
		}
		a := groups[k]
		if a == nil {
			a = &acc{sums: make([]float64, windows)}
			groups[k] = a
		}
		b := int(day-d) / window
		a.sums[b] += measure.of(c)
		if b == 0 {
			a.count += c.Count
			a.cells = append(a.cells, c)
		}
	}
	if len(r.Scope.Country) > 0 {
		for id := range m.country {
			s.ScanCountry(from, day, id, visit)
		}
	} else {
		s.Scan(from, day, visit)
	}

	// A baseline window in which the store holds no event at all, of any
	// place or actor, is a window without data (before the store began, or
	// while its feeds were down), not a quiet one: it is left out of the
	// baseline.
	known := sumsKnown(s, day, window, windows, r.Change != nil)
	var out []Sample
	for k, a := range groups {
		cur := a.sums[0]
		smp := Sample{Current: cur, Count: a.count}
		labels := func() Labels {
			l := make(Labels, len(r.Labels)+len(r.By))
			for n, v := range r.Labels {
				l[n] = v
			}
			for _, dim := range r.By {
				l[dim.String()] = s.Label(dim, k[dim])
			}
			return l
		}
		// Nothing happened in the window: no alert to name.
		if a.count == 0 || !r.holds(known(a.sums), &smp) {
			smp.Labels = labels()
			others = append(others, smp)
			continue
		}
		smp.Labels = labels()
		smp.Events = topEvents(s, a.cells, r.Top)
		out = append(out, smp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Labels.String() < out[j].Labels.String() })
	return out, others
}

// sumsKnown returns a function that keeps, of a group's window sums, the
// current one and the baseline windows for which s holds data.
func sumsKnown(s *series.Series, day series.Day, window, windows int, change bool) func([]float64) []float64 {
	if !change {
		return func(sums []float64) []float64 { return sums }
	}
	var keep []int
	for b := 1; b < windows; b++ {
		end := day - series.Day(b*window)
		if s.Holds(end-series.Day(window-1), end) {
			keep = append(keep, b)
		}
	}
	if len(keep) == windows-1 {
		return func(sums []float64) []float64 { return sums }
	}
	buf := make([]float64, 0, windows)
	return func(sums []float64) []float64 {
		buf = append(buf[:0], sums[0])
		for _, b := range keep {
			buf = append(buf, sums[b])
		}
		return buf
	}
}

// holds applies the condition to the window sums, filling the sample's value.
func (r *Rule) holds(sums []float64, smp *Sample) bool {
	cur := sums[0]
	if t := r.Threshold; t != nil {
		smp.Value = cur
		switch t.Op {
		case ">":
			return cur > t.Value
		case ">=":
			return cur >= t.Value
		case "<":
			return cur < t.Value
		case "<=":
			return cur <= t.Value
		}
		return false
	}
	c := r.Change
	base := sums[1:]
	if len(base) < c.MinBaselineWindows() {
		return false // too little history to say what is usual
	}
	var mean, sd float64
	for _, v := range base {
		mean += v
	}
	mean /= float64(len(base))
	for _, v := range base {
		sd += (v - mean) * (v - mean)
	}
	sd = math.Sqrt(sd / float64(len(base)))
	smp.Baseline = mean
	if c.Ratio > 0 {
		// The mean floors at 1 so that a first event after silence is a
		// finite ratio; MinCount keeps small numbers from being surges.
		smp.Value = cur / math.Max(mean, 1)
		return cur >= c.MinCount && smp.Value >= c.Ratio
	}
	// The deviation floors at 1 for the same reason: a flat baseline.
	smp.Value = (cur - mean) / math.Max(sd, 1)
	return cur >= c.MinCount && smp.Value >= c.Z
}

// topEvents picks the n most severe events of cells by insertion into a
// short list, without copying or sorting them all: an alert over a busy
// place may stand on thousands.
func topEvents(s *series.Series, cells []*series.Cell, n int) []series.Ref {
	if n == 0 {
		return nil
	}
	best := make([]int32, 0, n+1)
	before := func(a, b int32) bool { // a ranks before b
		ra, rb := s.RefAt(a), s.RefAt(b)
		if sa, sb := ra.Severity(), rb.Severity(); sa != sb {
			return sa > sb
		}
		if ra.Date != rb.Date {
			return ra.Date > rb.Date
		}
		return ra.ID < rb.ID
	}
	for _, c := range cells {
		for _, i := range c.Events {
			if len(best) == n && !before(i, best[n-1]) {
				continue
			}
			k := len(best)
			best = append(best, i)
			for k > 0 && before(i, best[k-1]) {
				best[k] = best[k-1]
				k--
			}
			best[k] = i
			if len(best) > n {
				best = best[:n]
			}
		}
	}
	out := make([]series.Ref, len(best))
	for k, i := range best {
		out[k] = *s.RefAt(i)
	}
	return out
}

// annotate fills the rule's annotation templates for one sample. A template
// that fails at run time gives its error as the text, rather than losing
// the alert.
func (r *Rule) annotate(smp Sample) map[string]string {
	if len(r.templates) == 0 {
		return nil
	}
	data := TemplateData{Rule: r.Name, Level: r.Level, Labels: smp.Labels, Value: smp.Value,
		Current: smp.Current, Baseline: smp.Baseline, Count: smp.Count, Events: smp.Events}
	if t := r.Threshold; t != nil {
		data.Window, data.Measure = t.Window, t.Measure.String()
	} else if c := r.Change; c != nil {
		data.Window, data.Measure = c.Window, c.Measure.String()
	}
	out := make(map[string]string, len(r.templates))
	for k, t := range r.templates {
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			out[k] = fmt.Sprintf("(annotation %s: %v)", k, err)
			continue
		}
		out[k] = b.String()
	}
	return out
}

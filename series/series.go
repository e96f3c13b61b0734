// Package series aggregates coded events into daily cells: one cell per day,
// country, first-level region, place, actor pair, CAMEO root and quad class,
// holding the count of events and the sums of Goldstein values and stated
// quantities (killed, injured ...). Escalation rules read these cells instead
// of the events, so that one evaluation of many rules touches each stored
// event at most once.
//
// Only asserted events feed a series: negated, future, hypothetical and
// historical events never raise an alert about today.
package series

import (
	"context"
	"fmt"
	"sort"
	"time"

	faultline "github.com/faultline/faultline"
)

// Day is a calendar day, counted from 1970-01-01 (UTC).
type Day int32

// ParseDay reads YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// DayOf is the UTC day t falls in.
func DayOf(t time.Time) Day {
	return Day(floorDiv(t.Unix(), 86400))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Time is the start (00:00 UTC) of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String is d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Quantities are the counts of CONTRACT.md that series sum; other keys of
// Event.Quantities are ignored.
var Quantities = [...]string{"killed", "injured", "arrested", "troops", "displaced", "protesters"}

// NumQuantities is len(Quantities).
const NumQuantities = len(Quantities)

// QuantityIndex is the index of name in Quantities, or -1.
func QuantityIndex(name string) int {
	for i, q := range Quantities {
		if q == name {
			return i
		}
	}
	return -1
}

// Dim is a dimension a cell is keyed by; rules split alerts by dimensions.
type Dim int

// The dimensions of a cell.
const (
	Country Dim = iota
	Admin1
	Place
	Source
	Target
	Root
	QuadClass
	NumDims
)

var dimNames = [NumDims]string{"country", "admin1", "place", "source", "target", "root", "quad_class"}

// String is the label name of d.
func (d Dim) String() string {
	if d < 0 || d >= NumDims {
		return fmt.Sprintf("dim(%d)", int(d))
	}
	return dimNames[d]
}

// ParseDim reads a label name.
func ParseDim(s string) (Dim, bool) {
	for i, n := range dimNames {
		if n == s {
			return Dim(i), true
		}
	}
	return 0, false
}

// Key identifies a cell within a day. String dimensions are ids from the
// series' name table (Series.Name), so a rule can match a name once and
// compare ids after; Root is the CAMEO root as a number
// (0 when unknown) and Quad the quad class.
type Key struct {
	Country, Admin1, Place, Source, Target int32
	// Code is the CAMEO code (a name id); Root its first two digits.
	Code       int32
	Root, Quad uint8
}

// Cell is what one day holds for one key.
type Cell struct {
	Key
	// Lat and Lon are the place's coordinates, when Located.
	Lat, Lon float64
	Located  bool
	Count    int
	// Goldstein is the sum of Goldstein values; Intensity the sum of the
	// magnitudes of the negative ones (how much conflict, always >= 0).
	Goldstein, Intensity float64
	Qty                  [NumQuantities]float64
	// Events index Series.Ref.
	Events []int32
}

// Value is the id or number a cell has in dimension d.
func (c *Cell) Value(d Dim) int32 {
	switch d {
	case Country:
		return c.Country
	case Admin1:
		return c.Admin1
	case Place:
		return c.Place
	case Source:
		return c.Source
	case Target:
		return c.Target
	case Root:
		return int32(c.Root)
	case QuadClass:
		return int32(c.Quad)
	}
	return -1
}

// Ref is what a series remembers of one event, to name it in alerts.
type Ref struct {
	ID, Date, CAMEO, Source, Target, Place, Country string
	Goldstein                                       float64
	Killed, Injured                                 int
}

// Severity orders events for "top events": more people killed or injured
// first, then the more hostile Goldstein value.
func (r Ref) Severity() float64 { return float64(r.Killed*10+r.Injured) - r.Goldstein }

type day struct {
	cells     []Cell
	index     map[Key]int32
	byCountry map[int32][]int32
}

// Series is the set of daily cells built from events. The zero value is not
// usable; call New. A Series is not safe for concurrent writes; concurrent
// reads (Scan) are safe once loading is done.
type Series struct {
	names []string
	ids   map[string]int32
	days  map[Day]*day
	refs  []Ref
	seen  map[string]struct{}
	// counted holds, per incident, the figures its events already added:
	// an incident's count is its largest figure, added once.
	counted map[string]*[NumQuantities]float64
	// First and Last are the earliest and latest days holding an event.
	First, Last Day
	// Skipped counts events given but not kept: not asserted, undated, or
	// already held.
	Skipped int
}

// New returns an empty series.
func New() *Series {
	s := &Series{ids: map[string]int32{}, days: map[Day]*day{}, seen: map[string]struct{}{},
		counted: map[string]*[NumQuantities]float64{}}
	s.intern("") // id 0 is the empty name
	return s
}

func (s *Series) intern(name string) int32 {
	if id, ok := s.ids[name]; ok {
		return id
	}
	id := int32(len(s.names))
	s.names = append(s.names, name)
	s.ids[name] = id
	return id
}

// Name is the string behind a name id.
func (s *Series) Name(id int32) string {
	if id < 0 || int(id) >= len(s.names) {
		return ""
	}
	return s.names[id]
}

// Names is the number of interned names; ids are 0..Names()-1.
func (s *Series) Names() int { return len(s.names) }

// Label is the label value of v in dimension d.
func (s *Series) Label(d Dim, v int32) string {
	switch d {
	case Root:
		if v == 0 {
			return ""
		}
		return fmt.Sprintf("%02d", v)
	case QuadClass:
		if v == 0 {
			return ""
		}
		return fmt.Sprint(v)
	}
	return s.Name(v)
}

// Ref is the event behind index i of Cell.Events.
func (s *Series) Ref(i int32) Ref { return s.refs[i] }

// RefAt is Ref without the copy; the caller must not change it.
func (s *Series) RefAt(i int32) *Ref { return &s.refs[i] }

// Len is the number of events kept.
func (s *Series) Len() int { return len(s.refs) }

// Add keeps ev if it is asserted, dated and not held yet, and says whether
// it did. Events without an id are never taken for duplicates.
func (s *Series) Add(ev faultline.Event) bool {
	if ev.Modality != faultline.Asserted || ev.Date == "" {
		s.Skipped++
		return false
	}
	d, err := ParseDay(ev.Date)
	if err != nil {
		s.Skipped++
		return false
	}
	if ev.ID != "" {
		if _, dup := s.seen[ev.ID]; dup {
			s.Skipped++
			return false
		}
		s.seen[ev.ID] = struct{}{}
	}
	var k Key
	ref := Ref{ID: ev.ID, Date: ev.Date, CAMEO: ev.CAMEO, Source: ev.Source.Code, Target: ev.Target.Code, Goldstein: ev.Goldstein}
	if l := ev.Location; l != nil {
		k.Country, k.Admin1, k.Place = s.intern(l.Country), s.intern(l.Admin1), s.intern(l.Name)
		ref.Place, ref.Country = l.Name, l.Country
	}
	k.Source, k.Target = s.intern(ev.Source.Code), s.intern(ev.Target.Code)
	k.Code = s.intern(ev.CAMEO)
	k.Root = rootNumber(ev.Root, ev.CAMEO)
	if ev.QuadClass > 0 && ev.QuadClass < 256 {
		k.Quad = uint8(ev.QuadClass)
	}
	ref.Killed, ref.Injured = ev.Quantities["killed"], ev.Quantities["injured"]

	dd := s.days[d]
	if dd == nil {
		dd = &day{index: map[Key]int32{}, byCountry: map[int32][]int32{}}
		s.days[d] = dd
	}
	ci, ok := dd.index[k]
	if !ok {
		ci = int32(len(dd.cells))
		c := Cell{Key: k}
		if l := ev.Location; l != nil && (l.Lat != 0 || l.Lon != 0) {
			c.Lat, c.Lon, c.Located = l.Lat, l.Lon, true
		}
		dd.cells = append(dd.cells, c)
		dd.index[k] = ci
		dd.byCountry[k.Country] = append(dd.byCountry[k.Country], ci)
	}
	c := &dd.cells[ci]
	c.Count++
	c.Goldstein += ev.Goldstein
	if ev.Goldstein < 0 {
		c.Intensity -= ev.Goldstein
	}
	s.addQuantities(c, &ev)
	c.Events = append(c.Events, int32(len(s.refs)))
	s.refs = append(s.refs, ref)
	if len(s.refs) == 1 || d < s.First {
		s.First = d
	}
	if len(s.refs) == 1 || d > s.Last {
		s.Last = d
	}
	return true
}

// addQuantities adds ev's counts to c, once per incident: the events of
// one incident (an attack coded 190 and 182, the statement of its toll)
// carry the same figures, and only what goes beyond the largest figure the
// incident already gave is added. The cell of the event with the largest
// figure holds the rest, so that any sum over cells that holds the whole
// incident counts it once. An event without an incident is one of its
// own.
func (s *Series) addQuantities(c *Cell, ev *faultline.Event) {
	var done *[NumQuantities]float64
	if ev.Incident != "" {
		key := ev.DocID + "\x00" + ev.Incident
		if done = s.counted[key]; done == nil {
			done = new([NumQuantities]float64)
			s.counted[key] = done
		}
	}
	for i, q := range Quantities {
		n, ok := ev.Quantities[q]
		if !ok || n <= 0 {
			continue
		}
		v := float64(n)
		if done == nil {
			c.Qty[i] += v
			continue
		}
		if v > done[i] {
			c.Qty[i] += v - done[i]
			done[i] = v
		}
	}
}

// rootNumber is the CAMEO root as a number: from root, else from the code.
func rootNumber(root, code string) uint8 {
	if root == "" && len(code) >= 2 {
		root = code[:2]
	}
	if len(root) != 2 || root[0] < '0' || root[0] > '9' || root[1] < '0' || root[1] > '9' {
		return 0
	}
	return (root[0]-'0')*10 + root[1] - '0'
}

// Load adds the events src yields for days from..to inclusive.
func (s *Series) Load(ctx context.Context, src EventSource, from, to Day) error {
	err := src.Events(ctx, from.String(), to.String(), func(ev faultline.Event) error {
		s.Add(ev)
		return nil
	})
	if err != nil {
		return fmt.Errorf("load series %s..%s: %w", from, to, err)
	}
	return nil
}

// Scan calls fn for each cell of days from..to inclusive, in day order.
func (s *Series) Scan(from, to Day, fn func(Day, *Cell)) {
	for d := from; d <= to; d++ {
		dd := s.days[d]
		if dd == nil {
			continue
		}
		for i := range dd.cells {
			fn(d, &dd.cells[i])
		}
	}
}

// ScanCountry is Scan restricted to cells of one country (a name id).
func (s *Series) ScanCountry(from, to Day, country int32, fn func(Day, *Cell)) {
	for d := from; d <= to; d++ {
		dd := s.days[d]
		if dd == nil {
			continue
		}
		for _, i := range dd.byCountry[country] {
			fn(d, &dd.cells[i])
		}
	}
}

// ID is the id of an interned name, if any event used it.
func (s *Series) ID(name string) (int32, bool) {
	id, ok := s.ids[name]
	return id, ok
}

// Prune forgets the cells of days before d, to bound memory in a long
// watch. Event references are kept so that indices stay valid.
func (s *Series) Prune(before Day) {
	for d := range s.days {
		if d < before {
			delete(s.days, d)
		}
	}
}

// Holds says whether the series holds an event on any day from..to
// inclusive: whether it has data for those days at all.
func (s *Series) Holds(from, to Day) bool {
	for d := from; d <= to; d++ {
		if dd := s.days[d]; dd != nil && len(dd.cells) > 0 {
			return true
		}
	}
	return false
}

// Days lists the days holding cells, in order.
func (s *Series) Days() []Day {
	out := make([]Day, 0, len(s.days))
	for d := range s.days {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

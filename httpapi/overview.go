package httpapi

import (
	"context"
	"math"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/series"
)

// The page's first view (map clusters, timeline, the newest rows, counts)
// must answer within two seconds over a million events, which no scan of
// the store does. The server keeps a compact copy of every event's
// searchable fields in memory, in the store's (date, id) order, and
// answers GET /api/v1/overview from it; the copy is rebuilt in the
// background when a write goes through this server or when it is older
// than indexTTL (other processes may write to the store).

// indexTTL bounds how stale the overview is when other processes write.
const indexTTL = 30 * time.Second

// irow is one event in the index: ~70 bytes and its id.
type irow struct {
	id                         string
	day                        series.Day
	lat, lon                   float32
	goldstein, confidence      float32
	mentions, killed           int32
	src, tgt, srcText, tgtText int32 // into index.strs
	cameo, country, place      int32
	loc                        int32 // into index.locs; -1 when not located
	quad                       int8
	modality                   int8
	located                    bool
}

// iloc is one distinct place of the index.
type iloc struct {
	lat, lon       float32
	place, country int32
}

// modalities numbers the modalities for irow.
var modalities = []faultline.Modality{faultline.Asserted, faultline.Negated, faultline.Future, faultline.Hypothetical, faultline.Historical}

func modalityIndex(m faultline.Modality) int8 {
	for i, x := range modalities {
		if x == m {
			return int8(i)
		}
	}
	return -1
}

// index is the in-memory copy; it is never modified once built.
type index struct {
	rows []irow
	strs []string
	// locs are the distinct places of the rows: a request counts per
	// place in an array and groups places into clusters after, instead of
	// looking a cluster up for every event.
	locs           []iloc
	minDay, maxDay series.Day // of the dated rows
	built          time.Time
	took           time.Duration
}

// indexHolder builds and swaps indexes; one build runs at a time.
type indexHolder struct {
	mu       sync.Mutex
	cur      *index
	building chan struct{} // closed when the running build ends
	dirty    bool          // a write came since the current build began
	err      error
}

// get returns an index no older than indexTTL when one exists (starting a
// rebuild in the background when it is older or dirty), else builds one
// and waits for it.
func (s *Server) index(ctx context.Context) (*index, error) {
	h := &s.idx
	h.mu.Lock()
	cur := h.cur
	stale := cur != nil && (h.dirty || time.Since(cur.built) > indexTTL)
	if cur != nil && !stale {
		h.mu.Unlock()
		return cur, nil
	}
	done := h.building
	if done == nil {
		done = make(chan struct{})
		h.building = done
		h.dirty = false
		go s.buildIndex(done)
	}
	h.mu.Unlock()
	if cur != nil {
		return cur, nil // serve the old one while the new one builds
	}
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur == nil {
		return nil, h.err
	}
	return h.cur, nil
}

// WarmIndex builds the overview's index now, so that the page's first
// request does not wait for it; serve calls it at start.
func (s *Server) WarmIndex(ctx context.Context) (time.Duration, error) {
	ix, err := s.index(ctx)
	if err != nil {
		return 0, err
	}
	return ix.took, nil
}

// invalidateIndex marks the index out of date after a write.
func (s *Server) invalidateIndex() {
	s.idx.mu.Lock()
	s.idx.dirty = true
	s.idx.mu.Unlock()
}

func (s *Server) buildIndex(done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	t0 := time.Now()
	ix := &index{}
	intern := map[string]int32{}
	str := func(v string) int32 {
		if i, ok := intern[v]; ok {
			return i
		}
		i := int32(len(ix.strs))
		ix.strs = append(ix.strs, v)
		intern[v] = i
		return i
	}
	str("")
	locOf := map[iloc]int32{}
	ix.minDay, ix.maxDay = math.MaxInt32, math.MinInt32
	err := s.cfg.Store.Events(ctx, faultline.EventFilter{}, func(e faultline.StoredEvent) error {
		d, err := series.ParseDay(e.Date)
		if err != nil {
			d = math.MinInt32 // undated: kept, never inside a date range
		}
		r := irow{id: e.ID, day: d, goldstein: float32(e.Goldstein), confidence: float32(e.Confidence), mentions: int32(max(1, e.Mentions)),
			src: str(e.Source.Code), tgt: str(e.Target.Code), srcText: str(e.Source.Text), tgtText: str(e.Target.Text),
			cameo: str(e.CAMEO), quad: int8(e.QuadClass), modality: modalityIndex(e.Modality)}
		r.killed = int32(e.Quantities["killed"])
		r.loc = -1
		if l := e.Location; l != nil {
			r.located, r.lat, r.lon = true, float32(l.Lat), float32(l.Lon)
			r.country, r.place = str(l.Country), str(l.Name)
			k := iloc{r.lat, r.lon, r.place, r.country}
			li, ok := locOf[k]
			if !ok {
				li = int32(len(ix.locs))
				ix.locs = append(ix.locs, k)
				locOf[k] = li
			}
			r.loc = li
		}
		if d != math.MinInt32 {
			ix.minDay, ix.maxDay = min(ix.minDay, d), max(ix.maxDay, d)
		}
		ix.rows = append(ix.rows, r)
		return nil
	})
	ix.built, ix.took = t0, time.Since(t0)
	h := &s.idx
	h.mu.Lock()
	if err != nil {
		h.err = err
		s.cfg.Log.Error("overview index", "err", err)
	} else {
		h.cur, h.err = ix, nil
	}
	h.building = nil
	h.mu.Unlock()
	close(done)
}

// rowMatch is a compiled viewFilter over an index: string tests are done
// once per distinct string, not once per event.
type rowMatch struct {
	vf       *viewFilter
	ix       *index
	from, to series.Day
	modality int8 // -1: any
	actors   map[[4]int32]bool
	code     map[int32]bool // cameo strings passing root/code
	country  int32          // -1: any, -2: none can match
	ids      map[string]bool
	textIDs  map[string]bool // events the store found for text/doc
}

func (s *Server) compile(ctx context.Context, vf *viewFilter, ix *index) (*rowMatch, error) {
	f := vf.store
	m := &rowMatch{vf: vf, ix: ix, from: math.MinInt32 + 1, to: math.MaxInt32, modality: -1, country: -1, ids: vf.ids}
	if f.From != "" {
		m.from, _ = series.ParseDay(f.From)
	}
	if f.To != "" {
		m.to, _ = series.ParseDay(f.To)
	}
	if !vf.anyModality {
		m.modality = modalityIndex(f.Modality)
	}
	if f.Root != "" || f.CAMEO != "" {
		m.code = map[int32]bool{}
		for i, c := range ix.strs {
			if (f.Root == "" || len(c) >= 2 && c[:2] == f.Root) && (f.CAMEO == "" || len(c) >= len(f.CAMEO) && c[:len(f.CAMEO)] == f.CAMEO) {
				m.code[int32(i)] = true
			}
		}
	}
	if vf.country != "" {
		m.country = -2
		for i, c := range ix.strs {
			if c == vf.country {
				m.country = int32(i)
			}
		}
	}
	if vf.actor != nil || vf.source != nil || vf.target != nil {
		m.actors = map[[4]int32]bool{}
	}
	if f.Text != "" || f.DocID != "" {
		// Words are searched by the store's full-text index; the ids it
		// finds restrict the rows.
		m.textIDs = map[string]bool{}
		tf := faultline.EventFilter{Text: f.Text, DocID: f.DocID, From: f.From, To: f.To}
		err := s.cfg.Store.Events(ctx, tf, func(e faultline.StoredEvent) error {
			m.textIDs[e.ID] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *rowMatch) match(r *irow) bool {
	if r.day < m.from || r.day > m.to {
		return false
	}
	if m.modality >= 0 && r.modality != m.modality {
		return false
	}
	f := &m.vf.store
	if f.QuadClass != 0 && int(r.quad) != f.QuadClass {
		return false
	}
	if f.MinConfidence > 0 && float64(r.confidence) < f.MinConfidence {
		return false
	}
	if m.code != nil && !m.code[r.cameo] {
		return false
	}
	if m.country != -1 && r.country != m.country {
		return false
	}
	if b := f.BBox; b != nil && (!r.located || float64(r.lon) < b.MinLon || float64(r.lon) > b.MaxLon || float64(r.lat) < b.MinLat || float64(r.lat) > b.MaxLat) {
		return false
	}
	if m.ids != nil && !m.ids[r.id] {
		return false
	}
	if m.textIDs != nil && !m.textIDs[r.id] {
		return false
	}
	if m.actors != nil {
		k := [4]int32{r.src, r.srcText, r.tgt, r.tgtText}
		ok, seen := m.actors[k]
		if !seen {
			s := m.ix.strs
			ok = m.vf.matchActors(s[r.src], s[r.srcText], s[r.tgt], s[r.tgtText])
			m.actors[k] = ok
		}
		if !ok {
			return false
		}
	}
	return true
}

// Overview is the reply of GET /api/v1/overview: everything the page's
// first view draws.
type Overview struct {
	Total     int               `json:"total"`     // events matching
	Located   int               `json:"located"`   // of which with a place
	First     string            `json:"first"`     // the first and last day of the matching events
	Last      string            `json:"last"`      //
	SpanFrom  string            `json:"span_from"` // the default span of the timeline: the days that hold most events
	SpanTo    string            `json:"span_to"`   //
	Outside   int               `json:"outside"`   // events outside the span
	Days      []OverviewDay     `json:"days"`
	Clusters  []Cluster         `json:"clusters"`
	Rows      []OverviewRow     `json:"rows"`       // the newest matching events, newest first
	Cell      float64           `json:"cell"`       // the clusters' grid, in degrees
	AlertDays []string          `json:"alert_days"` // days on which an alert fired
	Names     map[string]string `json:"names"`      // actor codes of the rows and their names
	IndexAge  float64           `json:"index_age_s"`
}

// OverviewDay is one day of the timeline: events per quad class (index 0
// for events without one) and the sum of their Goldstein scores.
type OverviewDay struct {
	Day       string  `json:"day"`
	Quad      [5]int  `json:"quad"`
	Goldstein float64 `json:"goldstein"`
}

// Cluster is the events of one grid cell: where their mean lies, how
// many, by quad class, the killed they report, and the place most of them
// name (the label).
type Cluster struct {
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Count   int     `json:"count"`
	Quad    [5]int  `json:"quad"`
	Killed  int     `json:"killed"`
	Place   string  `json:"place"`
	Country string  `json:"country"`
	// BBox is the cell's box (minlon,minlat,maxlon,maxlat): clicking the
	// cluster filters by it.
	BBox [4]float64 `json:"bbox"`
}

// OverviewRow is a table row: the event's fields the table shows, with
// names.
type OverviewRow struct {
	ID         string  `json:"id"`
	Date       string  `json:"date"`
	Source     string  `json:"source"`
	SourceText string  `json:"source_text"`
	Target     string  `json:"target"`
	TargetText string  `json:"target_text"`
	CAMEO      string  `json:"cameo"`
	EventName  string  `json:"event_name"`
	Quad       int     `json:"quad_class"`
	Goldstein  float64 `json:"goldstein"`
	Modality   string  `json:"modality"`
	Place      string  `json:"place"`
	Country    string  `json:"country"`
	Mentions   int     `json:"mentions"`
	Killed     int     `json:"killed,omitempty"`
	Confidence float64 `json:"confidence"`
}

// getOverview answers GET /api/v1/overview: the page's filters (see
// parseViewFilter), cell (the cluster grid in degrees, default 2) and rows
// (how many of the newest rows, default 200, at most 2000).
func (s *Server) getOverview(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	vf, err := s.parseViewFilter(r.Context(), q)
	if err != nil {
		return err
	}
	cell := 2.0
	if v := q.Get("cell"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || !(x >= 0.01 && x <= 90) {
			return errorf(KindInvalid, "cell is 0.01..90 degrees")
		}
		cell = x
	}
	nrows := 200
	if v := q.Get("rows"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 2000 {
			return errorf(KindInvalid, "rows is 0..2000")
		}
		nrows = n
	}
	ix, err := s.index(r.Context())
	if err != nil {
		return err
	}
	m, err := s.compile(r.Context(), &vf, ix)
	if err != nil {
		return err
	}
	ov := s.overview(ix, m, cell, nrows)
	ov.IndexAge = time.Since(ix.built).Seconds()
	if s.cfg.Alerts != nil {
		as, err := s.cfg.Alerts.List(r.Context())
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, a := range as {
			if !a.FiredAt.IsZero() {
				d := a.FiredAt.UTC().Format(time.DateOnly)
				if !seen[d] {
					seen[d] = true
					ov.AlertDays = append(ov.AlertDays, d)
				}
			}
		}
		sort.Strings(ov.AlertDays)
	}
	reply(w, http.StatusOK, ov, "")
	return nil
}

type cellKey struct{ x, y int32 }

type cellAcc struct {
	Cluster
	sumLat, sumLon float64
	places         map[int32]int
}

// overview computes the reply over the matching rows in one pass that
// counts into arrays (per day, per place); days and places are then
// turned into the timeline and the clusters.
func (s *Server) overview(ix *index, m *rowMatch, cell float64, nrows int) *Overview {
	ov := &Overview{Cell: cell, Days: []OverviewDay{}, Clusters: []Cluster{}, Rows: []OverviewRow{}, AlertDays: []string{}, Names: map[string]string{}}
	ndays := 0
	if ix.maxDay >= ix.minDay {
		ndays = int(ix.maxDay-ix.minDay) + 1
	}
	dayQuad := make([][5]int32, ndays)
	dayG := make([]float64, ndays)
	locQuad := make([][5]int32, len(ix.locs))
	locKilled := make([]int32, len(ix.locs))
	var matched []int32 // indexes of the newest matches, newest first
	for i := len(ix.rows) - 1; i >= 0; i-- {
		r := &ix.rows[i]
		if !m.match(r) {
			continue
		}
		ov.Total++
		if len(matched) < nrows {
			matched = append(matched, int32(i))
		}
		q := int(r.quad)
		if q < 0 || q > 4 {
			q = 0
		}
		if r.day != math.MinInt32 {
			k := r.day - ix.minDay
			dayQuad[k][q]++
			dayG[k] += float64(r.goldstein)
		}
		if r.loc >= 0 {
			ov.Located++
			locQuad[r.loc][q]++
			locKilled[r.loc] += r.killed
		}
	}
	// Timeline: every matching day, and the default span (spanOf).
	n := 0
	for k := range dayQuad {
		t := dayQuad[k][0] + dayQuad[k][1] + dayQuad[k][2] + dayQuad[k][3] + dayQuad[k][4]
		if t == 0 {
			continue
		}
		d := OverviewDay{Day: (ix.minDay + series.Day(k)).String(), Goldstein: math.Round(dayG[k]*10) / 10}
		for j, c := range dayQuad[k] {
			d.Quad[j] = int(c)
		}
		ov.Days = append(ov.Days, d)
		n += int(t)
	}
	if len(ov.Days) > 0 {
		ov.First, ov.Last = ov.Days[0].Day, ov.Days[len(ov.Days)-1].Day
		lo, hi := spanOf(ov.Days, n)
		ov.SpanFrom, ov.SpanTo = ov.Days[lo].Day, ov.Days[hi].Day
		for i, d := range ov.Days {
			if i < lo || i > hi {
				for _, c := range d.Quad {
					ov.Outside += c
				}
			}
		}
	}
	// Clusters: the places with events, grouped by grid cell.
	cells := map[cellKey]*cellAcc{}
	for li := range ix.locs {
		lq := &locQuad[li]
		cnt := int(lq[0] + lq[1] + lq[2] + lq[3] + lq[4])
		if cnt == 0 {
			continue
		}
		l := &ix.locs[li]
		k := cellKey{int32(math.Floor(float64(l.lon) / cell)), int32(math.Floor(float64(l.lat) / cell))}
		c := cells[k]
		if c == nil {
			c = &cellAcc{places: map[int32]int{}}
			c.BBox = [4]float64{float64(k.x) * cell, float64(k.y) * cell, float64(k.x+1) * cell, float64(k.y+1) * cell}
			cells[k] = c
		}
		c.Count += cnt
		c.sumLat += float64(l.lat) * float64(cnt)
		c.sumLon += float64(l.lon) * float64(cnt)
		for j := range lq {
			c.Quad[j] += int(lq[j])
		}
		c.Killed += int(locKilled[li])
		c.places[l.place] += cnt
		if c.Country == "" {
			c.Country = ix.strs[l.country]
		}
	}
	for _, c := range cells {
		c.Lat, c.Lon = c.sumLat/float64(c.Count), c.sumLon/float64(c.Count)
		best, bestN := int32(0), -1
		for p, k := range c.places {
			if k > bestN || k == bestN && ix.strs[p] < ix.strs[best] {
				best, bestN = p, k
			}
		}
		c.Place = ix.strs[best]
		ov.Clusters = append(ov.Clusters, c.Cluster)
	}
	sort.Slice(ov.Clusters, func(i, j int) bool {
		a, b := ov.Clusters[i], ov.Clusters[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Lat < b.Lat || a.Lat == b.Lat && a.Lon < b.Lon
	})
	if len(ov.Clusters) > maxClusters {
		ov.Clusters = ov.Clusters[:maxClusters]
	}
	for _, i := range matched {
		r := &ix.rows[i]
		st := ix.strs
		row := OverviewRow{ID: r.id, Date: r.day.String(), Source: st[r.src], SourceText: st[r.srcText],
			Target: st[r.tgt], TargetText: st[r.tgtText], CAMEO: st[r.cameo], EventName: s.cfg.Names.Event(st[r.cameo]),
			Quad: int(r.quad), Goldstein: float64(r.goldstein), Place: st[r.place], Country: st[r.country],
			Mentions: int(r.mentions), Killed: int(r.killed), Confidence: math.Round(float64(r.confidence)*1000) / 1000}
		if r.day == math.MinInt32 {
			row.Date = ""
		}
		if r.modality >= 0 {
			row.Modality = string(modalities[r.modality])
		}
		for _, c := range []string{row.Source, row.Target} {
			if _, ok := ov.Names[c]; !ok && c != "" {
				ov.Names[c] = s.cfg.Names.Actor(c)
			}
		}
		ov.Rows = append(ov.Rows, row)
	}
	return ov
}

// maxClusters bounds the clusters of one reply; the smallest go first.
const maxClusters = 3000

// spanOf returns the first and last index of the days the timeline shows
// by default: from the median event's day, the span grows to take in each
// next day that lies close to it (within a week, or a tenth of the span so
// far), so that only outliers, events far from the rest, are left out. When
// what is left out is more than a tenth of the events (two crises years
// apart, not strays), the span is every day.
func spanOf(days []OverviewDay, n int) (int, int) {
	count := func(d OverviewDay) int { return d.Quad[0] + d.Quad[1] + d.Quad[2] + d.Quad[3] + d.Quad[4] }
	mid, seen := len(days)-1, 0
	for i, d := range days {
		seen += count(d)
		if seen*2 >= n {
			mid = i
			break
		}
	}
	day := func(i int) series.Day { d, _ := series.ParseDay(days[i].Day); return d }
	lo, hi := mid, mid
	for {
		reach := max(7, (day(hi)-day(lo))/10)
		moved := false
		if lo > 0 && day(lo)-day(lo-1) <= reach {
			lo--
			moved = true
		}
		if hi < len(days)-1 && day(hi+1)-day(hi) <= reach {
			hi++
			moved = true
		}
		if !moved {
			break
		}
	}
	out := 0
	for i, d := range days {
		if i < lo || i > hi {
			out += count(d)
		}
	}
	if out*10 > n {
		return 0, len(days) - 1
	}
	return lo, hi
}

package httpapi

import (
	"errors"
	"net/http"
	"sort"
	"strconv"

	faultline "github.com/faultline/faultline"
)

// maxSeriesEvents bounds the events one series request may add up.
const maxSeriesEvents = 500000

// seriesDay is one day of one series. Conflict counts quad classes 3 and 4
// (verbal and material conflict), Cooperation 1 and 2.
type seriesDay struct {
	Day         string  `json:"day"`
	Events      int     `json:"events"`
	Cooperation int     `json:"cooperation"`
	Conflict    int     `json:"conflict"`
	Quad        [4]int  `json:"quad"`
	Goldstein   float64 `json:"goldstein"`
	Killed      int     `json:"killed"`
	Injured     int     `json:"injured"`
}

type seriesOne struct {
	Key  string      `json:"key"`
	Days []seriesDay `json:"days"`
}

// seriesKey says which series an event counts in, by the `by` parameter.
var seriesKey = map[string]func(e *faultline.StoredEvent) string{
	"total": func(*faultline.StoredEvent) string { return "total" },
	"country": func(e *faultline.StoredEvent) string {
		if e.Location == nil {
			return ""
		}
		return e.Location.Country
	},
	"region": func(e *faultline.StoredEvent) string {
		if e.Location == nil || e.Location.Admin1 == "" {
			return ""
		}
		return e.Location.Country + "/" + e.Location.Admin1
	},
	"dyad": func(e *faultline.StoredEvent) string {
		return faultline.ActorCountry(e.Source.Code) + "-" + faultline.ActorCountry(e.Target.Code)
	},
}

// getSeries adds up the events the filters select per day, in one series
// per country, region (country/admin1), dyad (source-target countries) or
// in total. Like the watch series, only asserted events count unless the
// modality filter says otherwise; every mention counts once per event.
func (s *Server) getSeries(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	if f.Modality == "" {
		f.Modality = faultline.Asserted
	}
	by := q.Get("by")
	if by == "" {
		by = "total"
	}
	keyOf, ok := seriesKey[by]
	if !ok {
		return errorf(KindInvalid, "by is total, country, region or dyad")
	}
	want := q.Get("key")
	type k2 struct{ key, day string }
	cells := map[k2]*seriesDay{}
	counted := map[k2][2]int{} // killed and injured counted per incident
	n := 0
	errTooMany := errors.New("too many")
	err = s.cfg.Store.Events(r.Context(), f, func(e faultline.StoredEvent) error {
		if e.Date == "" {
			return nil
		}
		key := keyOf(&e)
		if key == "" || want != "" && key != want {
			return nil
		}
		if n++; n > maxSeriesEvents {
			return errTooMany
		}
		c := cells[k2{key, e.Date}]
		if c == nil {
			c = &seriesDay{Day: e.Date}
			cells[k2{key, e.Date}] = c
		}
		c.Events++
		if e.QuadClass >= 1 && e.QuadClass <= 4 {
			c.Quad[e.QuadClass-1]++
			if e.QuadClass >= 3 {
				c.Conflict++
			} else {
				c.Cooperation++
			}
		}
		c.Goldstein += e.Goldstein
		// An incident's figures are on each of its events: each cell counts
		// the largest once (what goes beyond what it already counted).
		if e.Incident == "" {
			c.Killed += e.Quantities["killed"]
			c.Injured += e.Quantities["injured"]
			return nil
		}
		ik := k2{key + "\x00" + e.DocID, e.Date + "\x00" + e.Incident}
		had := counted[ik]
		if n := e.Quantities["killed"]; n > had[0] {
			c.Killed += n - had[0]
			had[0] = n
		}
		if n := e.Quantities["injured"]; n > had[1] {
			c.Injured += n - had[1]
			had[1] = n
		}
		counted[ik] = had
		return nil
	})
	if errors.Is(err, errTooMany) {
		return errorf(KindInvalid, "more than "+strconv.Itoa(maxSeriesEvents)+" events: narrow the filter")
	}
	if err != nil {
		return err
	}
	byKey := map[string]*seriesOne{}
	for k, c := range cells {
		s := byKey[k.key]
		if s == nil {
			s = &seriesOne{Key: k.key}
			byKey[k.key] = s
		}
		s.Days = append(s.Days, *c)
	}
	out := make([]seriesOne, 0, len(byKey))
	for _, s := range byKey {
		sort.Slice(s.Days, func(i, j int) bool { return s.Days[i].Day < s.Days[j].Day })
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	reply(w, http.StatusOK, map[string]any{"by": by, "series": out}, "")
	return nil
}

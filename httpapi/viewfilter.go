package httpapi

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

// viewFilter is the page's filter: the store's EventFilter for what the
// store can select (dates, modality, class, codes, box, words, document),
// plus what is matched here: actors by code or by name, countries by name,
// an alert's evidence. Its zero value selects asserted events only.
type viewFilter struct {
	store          faultline.EventFilter
	anyModality    bool
	actor          *actorMatch // source or target
	source, target *actorMatch
	country        string          // ISO alpha-3
	ids            map[string]bool // an alert's evidence; nil: any
}

// actorMatch matches an actor by what a user typed: a code prefix
// ("SRB"), the dictionaries' names ("Serb", "KFOR": any code whose name
// has those words), or the words of the text the actor was coded from;
// all case-insensitive.
type actorMatch struct {
	q     string   // lower case
	up    string   // upper case, as a code prefix
	codes []string // codes named by q
}

func newActorMatch(q string, names *Names) *actorMatch {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	return &actorMatch{q: strings.ToLower(q), up: strings.ToUpper(q), codes: names.CodesFor(q)}
}

func (m *actorMatch) match(code, text string) bool {
	if code != "" && strings.HasPrefix(code, m.up) {
		return true
	}
	for _, c := range m.codes {
		if strings.HasPrefix(code, c) {
			return true
		}
	}
	return text != "" && containsWordPrefix(strings.ToLower(text), m.q)
}

// parseViewFilter reads the page's filters: those of GET /api/v1/events
// (from to root code quad bbox text doc min_confidence), with country by name or code,
// actor, source, target and dyad (SOURCE-TARGET) by code or name,
// modality defaulting to asserted ("any" for all), and alert (the
// evidence of one alert).
func (s *Server) parseViewFilter(ctx context.Context, q url.Values) (viewFilter, error) {
	base := url.Values{}
	for _, k := range []string{"from", "to", "root", "code", "quad", "bbox", "text", "doc"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			base.Set(k, v)
		}
	}
	var vf viewFilter
	switch m := q.Get("modality"); m {
	case "", "asserted":
		base.Set("modality", "asserted")
	case "any":
		vf.anyModality = true
	default:
		base.Set("modality", m)
	}
	f, err := parseFilter(base)
	if err != nil {
		return vf, err
	}
	if v := q.Get("min_confidence"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x > 1 {
			return vf, errorf(KindInvalid, "min_confidence is 0..1")
		}
		f.MinConfidence = x
	}
	if len(f.Root) == 3 || len(f.Root) == 4 {
		// A full code typed where a root is asked: the code selects.
		f.CAMEO, f.Root = f.Root, ""
	}
	vf.store = f
	if v := q.Get("country"); strings.TrimSpace(v) != "" {
		iso, ok := s.cfg.Names.Country(v)
		if !ok {
			return vf, errorf(KindInvalid, "no country is called "+v)
		}
		vf.country = iso
	}
	vf.actor = newActorMatch(q.Get("actor"), s.cfg.Names)
	vf.source = newActorMatch(q.Get("source"), s.cfg.Names)
	vf.target = newActorMatch(q.Get("target"), s.cfg.Names)
	if v := q.Get("dyad"); v != "" {
		src, tgt, ok := strings.Cut(v, "-")
		if !ok || strings.TrimSpace(src) == "" || strings.TrimSpace(tgt) == "" {
			return vf, errorf(KindInvalid, "dyad is SOURCE-TARGET")
		}
		vf.source, vf.target = newActorMatch(src, s.cfg.Names), newActorMatch(tgt, s.cfg.Names)
	}
	if id := q.Get("alert"); id != "" {
		ids, err := s.alertEvidence(ctx, id)
		if err != nil {
			return vf, err
		}
		vf.ids = ids
	}
	return vf, nil
}

// alertEvidence is the set of event ids an alert holds as its evidence.
func (s *Server) alertEvidence(ctx context.Context, id string) (map[string]bool, error) {
	if s.cfg.Alerts == nil {
		return nil, errorf(KindNotFound, "no such alert")
	}
	as, err := s.cfg.Alerts.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if a.ID == id {
			m := make(map[string]bool, len(a.Events))
			for _, e := range a.Events {
				m[e] = true
			}
			return m, nil
		}
	}
	return nil, errorf(KindNotFound, "no such alert")
}

// matchEvent applies the parts of vf the store does not: actors, country,
// alert evidence. The store's part is applied by the store (or by the
// index, see overview.go).
func (vf *viewFilter) matchEvent(e *faultline.StoredEvent) bool {
	if vf.ids != nil && !vf.ids[e.ID] {
		return false
	}
	if vf.country != "" && (e.Location == nil || e.Location.Country != vf.country) {
		return false
	}
	return vf.matchActors(e.Source.Code, e.Source.Text, e.Target.Code, e.Target.Text)
}

func (vf *viewFilter) matchActors(sc, st, tc, tt string) bool {
	if vf.actor != nil && !vf.actor.match(sc, st) && !vf.actor.match(tc, tt) {
		return false
	}
	if vf.source != nil && !vf.source.match(sc, st) {
		return false
	}
	if vf.target != nil && !vf.target.match(tc, tt) {
		return false
	}
	return true
}

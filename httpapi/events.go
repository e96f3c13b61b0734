package httpapi

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
)

// Page sizes of GET /api/v1/events: JSON pages are small, exports large.
const (
	defaultPage   = 100
	maxPage       = 1000
	defaultExport = 10000
	maxExport     = 100000
)

// Bounds of the text filter: each word is one full-text lookup, so a
// query of thousands of words ("a a a ...", 15 KB) kept the store busy for
// 30 s a request (issue 14). Repeats are dropped (all words must match, so
// a repeat adds nothing); more distinct words than this is refused.
const (
	maxTextWords = 12
	maxTextBytes = 1000
)

// textWords is the text filter s with its words each given once, or an
// error for a filter over the bounds.
func textWords(s string) (string, error) {
	if len(s) > maxTextBytes {
		return "", errorf(KindInvalid, "text is at most "+strconv.Itoa(maxTextBytes)+" bytes")
	}
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(s) {
		k := strings.ToLower(w)
		if seen[k] {
			continue
		}
		seen[k] = true
		words = append(words, w)
	}
	if len(words) > maxTextWords {
		return "", errorf(KindInvalid, "text is at most "+strconv.Itoa(maxTextWords)+" different words")
	}
	return strings.Join(words, " "), nil
}

// parseFilter reads the filters of `faultline events` from a query string.
func parseFilter(q url.Values) (faultline.EventFilter, error) {
	f := faultline.EventFilter{
		From: q.Get("from"), To: q.Get("to"), Country: strings.ToUpper(q.Get("country")),
		Actor: q.Get("actor"), Source: q.Get("source"), Target: q.Get("target"),
		Root: q.Get("root"), CAMEO: q.Get("code"), Text: q.Get("text"), DocID: q.Get("doc"),
	}
	var err error
	if f.Text, err = textWords(f.Text); err != nil {
		return f, err
	}
	for _, d := range []string{f.From, f.To} {
		if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
			return f, errorf(KindInvalid, "dates are YYYY-MM-DD")
		}
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, errorf(KindInvalid, "quad is 1..4")
		}
		f.QuadClass = n
	}
	if v := q.Get("min_confidence"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x > 1 || x != x {
			return f, errorf(KindInvalid, "min_confidence is a number from 0 to 1")
		}
		f.MinConfidence = x
	}
	if v := q.Get("modality"); v != "" {
		switch m := faultline.Modality(v); m {
		case faultline.Asserted, faultline.Negated, faultline.Future, faultline.Hypothetical, faultline.Historical:
			f.Modality = m
		default:
			return f, errorf(KindInvalid, "modality is asserted, negated, future, hypothetical or historical")
		}
	}
	if v := q.Get("dyad"); v != "" {
		src, tgt, ok := strings.Cut(v, "-")
		if !ok || src == "" || tgt == "" {
			return f, errorf(KindInvalid, "dyad is SOURCE-TARGET")
		}
		f.Source, f.Target = src, tgt
	}
	if v := q.Get("bbox"); v != "" {
		parts := strings.Split(v, ",")
		if len(parts) != 4 {
			return f, errorf(KindInvalid, "bbox is minlon,minlat,maxlon,maxlat")
		}
		var b [4]float64
		for i, p := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return f, errorf(KindInvalid, "bbox is minlon,minlat,maxlon,maxlat")
			}
			b[i] = x
		}
		if b[0] > b[2] || b[1] > b[3] {
			return f, errorf(KindInvalid, "bbox minimum above maximum")
		}
		f.BBox = &faultline.BBox{MinLon: b[0], MinLat: b[1], MaxLon: b[2], MaxLat: b[3]}
	}
	return f, nil
}

// cursor is where a page ends: the (date, id) of its last event, the
// order the store yields events in.
type cursor struct{ date, id string }

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.date + "\x00" + c.id))
}

func parseCursor(s string) (cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, errorf(KindInvalid, "bad cursor")
	}
	d, id, ok := strings.Cut(string(b), "\x00")
	if !ok || id == "" {
		return cursor{}, errorf(KindInvalid, "bad cursor")
	}
	return cursor{d, id}, nil
}

// after says whether e comes after the cursor in (date, id) order; both
// compare bytewise, as SQLite and PostgreSQL (C collation) do.
func (c cursor) after(e *faultline.StoredEvent) bool {
	return e.Date > c.date || e.Date == c.date && e.ID > c.id
}

var errPageFull = errors.New("page full")

// page reads up to limit events after cur (if any) and says where the next
// page starts ("" when this is the last). The store is asked for limit+1
// events (to know whether there is a next page) plus those of the cursor's
// day that come before the cursor; as that number is not known, a short
// read with the store's limit reached is retried with a larger limit.
func (s *Server) page(r *http.Request, f faultline.EventFilter, cur *cursor, limit int, fn func(faultline.StoredEvent) error) (string, error) {
	if cur != nil && cur.date > f.From {
		f.From = cur.date // the store skips earlier days; the rest of the day is skipped below
	}
	for ask := limit + 1; ; ask *= 4 {
		f.Limit = ask
		var got []faultline.StoredEvent
		seen := 0
		err := s.cfg.Store.Events(r.Context(), f, func(e faultline.StoredEvent) error {
			seen++
			if cur != nil && !cur.after(&e) {
				return nil
			}
			got = append(got, e)
			if len(got) > limit {
				return errPageFull
			}
			return nil
		})
		if err != nil && !errors.Is(err, errPageFull) {
			return "", err
		}
		if len(got) <= limit && seen == ask {
			continue // the store stopped at its limit before the page was full
		}
		more := len(got) > limit
		if more {
			got = got[:limit]
		}
		for _, e := range got {
			if err := fn(e); err != nil {
				return "", err
			}
		}
		if !more || len(got) == 0 {
			return "", nil
		}
		last := got[len(got)-1]
		return cursor{last.Date, last.ID}.String(), nil
	}
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	def, max := defaultExport, maxExport
	if format == "json" {
		def, max = defaultPage, maxPage
	}
	limit := def
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > max {
			return errorf(KindInvalid, "limit is 1.."+strconv.Itoa(max)+" for format "+format)
		}
		limit = n
	}
	var cur *cursor
	if v := q.Get("cursor"); v != "" {
		c, err := parseCursor(v)
		if err != nil {
			return err
		}
		cur = &c
	}
	if format == "json" {
		evs := make([]faultline.StoredEvent, 0, min(limit, 64))
		next, err := s.page(r, f, cur, limit, func(e faultline.StoredEvent) error {
			evs = append(evs, e)
			return nil
		})
		if err != nil {
			return err
		}
		reply(w, http.StatusOK, evs, next)
		return nil
	}
	return s.export(w, r, format, f, cur, limit)
}

// getEvent finds an event by id. Ids are "docid:sentence:n", so the
// document part narrows the search to one document's events.
func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	f := faultline.EventFilter{}
	if i := strings.LastIndexByte(id, ':'); i > 0 {
		if j := strings.LastIndexByte(id[:i], ':'); j > 0 {
			f.DocID = id[:j]
		}
	}
	if f.DocID == "" {
		return errorf(KindNotFound, "no such event")
	}
	var found *faultline.StoredEvent
	err := s.cfg.Store.Events(r.Context(), f, func(e faultline.StoredEvent) error {
		if e.ID == id {
			found = &e
			return errPageFull
		}
		return nil
	})
	if err != nil && !errors.Is(err, errPageFull) {
		return err
	}
	if found == nil {
		return errorf(KindNotFound, "no such event")
	}
	reply(w, http.StatusOK, found, "")
	return nil
}

package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
)

// allEvents returns every event f selects.
func allEvents(t *testing.T, s faultline.Store, f faultline.EventFilter) []faultline.StoredEvent {
	t.Helper()
	var out []faultline.StoredEvent
	if err := s.Events(context.Background(), f, func(e faultline.StoredEvent) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return out
}

// codeWith stores one document per event and codes each into its event.
func codeWith(t *testing.T, s faultline.Store, texts map[string]string, evs ...faultline.Event) faultline.CompleteStats {
	t.Helper()
	byDoc := map[string][]faultline.Event{}
	var docs []faultline.NewDocument
	for _, e := range evs {
		if _, ok := byDoc[e.DocID]; !ok {
			text := texts[e.DocID]
			if text == "" {
				text = fmt.Sprintf("document %s says something.", e.DocID)
			}
			docs = append(docs, NewDoc(e.DocID, text))
		}
		byDoc[e.DocID] = append(byDoc[e.DocID], e)
	}
	mustAdd(t, s, docs...)
	return codeAll(t, s, func(d faultline.Document) []faultline.Event { return byDoc[d.ID] })
}

func testIncidents(t *testing.T, s faultline.Store) {
	defer s.Close()
	hist := ev("d5", 0, "2023-05-29", "SRBCVL", "KSVCOP", "145", zvecan)
	hist.Modality = faultline.Historical
	st := codeWith(t, s, nil,
		ev("d1", 0, "2023-05-29", "SRBCVL", "KSVCOP", "145", zvecan),
		ev("d2", 0, "2023-05-30", "SRBOPP", "KSVPOL", "141", mitrovica), // next day, 3 km: same incident
		ev("d3", 0, "2023-05-31", "SRBCVL", "KSVCOP", "145", zvecan),    // two days after d1
		ev("d4", 0, "2023-05-29", "SRBCVL", "KSVCOP", "145", pristina),  // 35 km away
		hist, // history is never merged
		ev("d6", 0, "2023-05-29", "SRBCVL", "KSVCOP", "145", nil),    // no place: matches on the rest
		ev("d7", 0, "2023-05-29", "SRBCVL", "KSVCOP", "190", zvecan), // another root
		ev("d8", 0, "2023-05-29", "SRBCVL", "SRBCOP", "145", zvecan), // another target country
	)
	if st.Events != 6 || st.Mentions != 2 {
		t.Errorf("Complete stats %+v, want 6 events and 2 merged mentions", st)
	}
	if c := counts(t, s); c.Events != 6 || c.Mentions != 8 {
		t.Errorf("counts %+v, want 6 events, 8 mentions", c)
	}
	got := allEvents(t, s, faultline.EventFilter{DocID: "d2"})
	if len(got) != 1 {
		t.Fatalf("events of d2: %d, want 1", len(got))
	}
	if e := got[0]; e.ID != "d1:0:0" || e.Mentions != 3 || !slices.Equal(e.Documents, []string{"d1", "d2", "d6"}) {
		t.Errorf("merged event %s: mentions %d, documents %v; want d1:0:0, 3, [d1 d2 d6]", e.ID, e.Mentions, e.Documents)
	}
	hs := allEvents(t, s, faultline.EventFilter{Modality: faultline.Historical})
	if len(hs) != 1 || hs[0].DocID != "d5" || hs[0].Mentions != 1 {
		t.Errorf("historical events %+v, want d5 alone", hs)
	}
}

// testIncidentFigures: three reports of one incident with different
// tolls are one event whose figure is the largest stated, never their sum,
// with the record of every statement (document, sentence, words).
func testIncidentFigures(t *testing.T, s faultline.Store) {
	defer s.Close()
	report := func(doc string, injured int, note string) faultline.Event {
		e := ev(doc, 0, "2023-05-29", "SRBCVL", "IGOWSTNAT", "145", zvecan)
		e.Quantities = map[string]int{"injured": injured}
		if note != "" {
			e.QuantityNotes = map[string]string{"injured": note}
		}
		e.Figures = []faultline.Figure{{Key: "injured", Value: injured, DocID: doc, Sentence: 0, Span: faultline.Span{Start: 10, End: 22}}}
		return e
	}
	codeWith(t, s, nil, report("f1", 18, ""), report("f2", 26, "approximate"), report("f3", 20, ""))
	got := allEvents(t, s, faultline.EventFilter{})
	if len(got) != 1 {
		t.Fatalf("%d events, want the three reports merged into 1", len(got))
	}
	e := got[0].Event
	if e.Quantities["injured"] != 26 || e.QuantityNotes["injured"] != "approximate" {
		t.Errorf("merged event: quantities %v notes %v, want injured 26 (approximate), the largest report", e.Quantities, e.QuantityNotes)
	}
	var docs []string
	for _, f := range e.Figures {
		docs = append(docs, fmt.Sprintf("%s=%d", f.DocID, f.Value))
	}
	if !slices.Equal(docs, []string{"f1=18", "f2=26", "f3=20"}) {
		t.Errorf("figures %v, want each report's figure once", docs)
	}
}

func testNearCopyEvents(t *testing.T, s faultline.Store) {
	defer s.Close()
	orig := Words(20, 300)
	ws := strings.Fields(orig)
	ws[10] = "lightly"
	copyText := strings.Join(ws, " ")
	hist := ev("orig", 2, "1999-03-24", "IGOWSTNAT", "SRB", "195", nil)
	hist.Modality = faultline.Historical
	undated := ev("orig", 1, "", "IGOWSTNAT", "KSV", "074", nil)
	undated.Modality = faultline.Future
	mustAdd(t, s, NewDoc("orig", orig))
	codeAll(t, s, func(faultline.Document) []faultline.Event { return []faultline.Event{undated, hist} })
	res := mustAdd(t, s, NewDoc("copy", copyText), NewDoc("orig", orig))
	if !slices.Equal(res, []faultline.AddResult{faultline.NearCopy, faultline.DupID}) {
		t.Fatalf("AddDocuments: %v", res)
	}
	st := codeAll(t, s, func(d faultline.Document) []faultline.Event {
		a, b := undated, hist
		a.DocID, b.DocID = d.ID, d.ID
		a.ID, b.ID = d.ID+":1:0", d.ID+":2:0"
		return []faultline.Event{a, b}
	})
	if st.Events != 0 || st.Mentions != 2 {
		t.Errorf("coding the near-copy: %+v, want no new event and 2 mentions", st)
	}
	if c := counts(t, s); c.Documents != 2 || c.NearCopies != 1 || c.Events != 2 {
		t.Errorf("counts %+v, want 2 documents, 1 near-copy, 2 events", c)
	}
}

func testRoundTrip(t *testing.T, s faultline.Store) {
	defer s.Close()
	e := ev("rt", 3, "2023-05-29", "IGOWSTNAT", "KSV", "074", zvecan)
	e.Modality = faultline.Future
	e.Quantities = map[string]int{"troops": 700}
	e.Attribution = faultline.Attribution{Code: "RUSGOV", Text: "Moscow"}
	e.Plover = faultline.Plover{Type: "AID", Mode: "military"}
	e.Goldstein = 8.5
	e.QuadClass = 2
	codeWith(t, s, nil, e)
	got := allEvents(t, s, faultline.EventFilter{})
	if len(got) != 1 {
		t.Fatalf("%d events, want 1", len(got))
	}
	if !reflect.DeepEqual(got[0].Event, e) {
		t.Errorf("round trip changed the event:\n got %+v\nwant %+v", got[0].Event, e)
	}
	if got[0].Mentions != 1 || !slices.Equal(got[0].Documents, []string{"rt"}) {
		t.Errorf("mentions %d documents %v", got[0].Mentions, got[0].Documents)
	}
}

// filterData makes events that never merge (two days apart at least) with
// varied fields, and the texts of their documents.
func filterData() ([]faultline.Event, map[string]string) {
	places := []*faultline.Location{zvecan, pristina, belgrade, nil,
		{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52, Precision: "city"}}
	actors := []string{"SRBCVL", "KSVCOP", "IGOWSTNAT", "RUSGOV", "UKRMIL", "SRBGOV", ""}
	codes := []string{"145", "141", "190", "074", "0256", "042", "112"}
	mods := []faultline.Modality{faultline.Asserted, faultline.Asserted, faultline.Future, faultline.Negated, faultline.Historical}
	keywords := []string{"ceasefire", "barricade", "election", "convoy"}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var evs []faultline.Event
	texts := map[string]string{}
	for i := range 240 {
		doc := fmt.Sprintf("f%03d", i)
		e := ev(doc, i%3, day.AddDate(0, 0, 2*i).Format(time.DateOnly), actors[i%len(actors)], actors[(i/3+1)%len(actors)],
			codes[(i/2)%len(codes)], places[i%len(places)])
		e.QuadClass = 1 + i%4
		e.Modality = mods[(i/5)%len(mods)]
		e.Confidence = float64(i%11) / 10 // 0, 0.1 .. 1
		evs = append(evs, e)
		texts[doc] = fmt.Sprintf("Report %d about the %s and the %s.", i, keywords[i%len(keywords)], keywords[(i/4)%len(keywords)])
	}
	return evs, texts
}

// reference applies a filter to events the slow, obvious way.
func reference(evs []faultline.Event, texts map[string]string, f faultline.EventFilter) []string {
	pre := func(s, p string) bool { return p == "" || strings.HasPrefix(s, p) }
	var ids []faultline.Event
	for _, e := range evs {
		l := e.Location
		ok := (f.From == "" || e.Date >= f.From) && (f.To == "" || e.Date <= f.To) &&
			(f.Country == "" || l != nil && l.Country == f.Country) &&
			(f.Actor == "" || pre(e.Source.Code, f.Actor) || pre(e.Target.Code, f.Actor)) &&
			pre(e.Source.Code, f.Source) && pre(e.Target.Code, f.Target) &&
			(f.Root == "" || e.Root == f.Root) && pre(e.CAMEO, f.CAMEO) &&
			(f.QuadClass == 0 || e.QuadClass == f.QuadClass) && (f.Modality == "" || e.Modality == f.Modality) &&
			(f.DocID == "" || e.DocID == f.DocID) && e.Confidence >= f.MinConfidence
		if b := f.BBox; ok && b != nil {
			ok = l != nil && l.Lon >= b.MinLon && l.Lon <= b.MaxLon && l.Lat >= b.MinLat && l.Lat <= b.MaxLat
		}
		if ok && f.Text != "" {
			tw := strings.Fields(strings.ToLower(strings.NewReplacer(".", " ").Replace(texts[e.DocID])))
			for _, w := range strings.Fields(strings.ToLower(f.Text)) {
				ok = ok && slices.Contains(tw, w)
			}
		}
		if ok {
			ids = append(ids, e)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if ids[i].Date != ids[j].Date {
			return ids[i].Date < ids[j].Date
		}
		return ids[i].ID < ids[j].ID
	})
	var out []string
	for i, e := range ids {
		if f.Limit > 0 && i >= f.Limit {
			break
		}
		out = append(out, e.ID)
	}
	return out
}

func testFilters(t *testing.T, s faultline.Store) {
	defer s.Close()
	evs, texts := filterData()
	st := codeWith(t, s, texts, evs...)
	if st.Events != len(evs) {
		t.Fatalf("stored %d events of %d: the data was meant not to merge", st.Events, len(evs))
	}
	kosovo := &faultline.BBox{MinLon: 20, MinLat: 42, MaxLon: 21.5, MaxLat: 43.3}
	for _, f := range []faultline.EventFilter{
		{},
		{From: "2020-03-01", To: "2020-06-30"},
		{Country: "XKX"},
		{Country: "XKX", From: "2020-02-01", To: "2020-12-31"},
		{Actor: "SRB"},
		{Actor: "IGOWSTNAT"},
		{Source: "SRB", Target: "KSV"},
		{Source: "RUSGOV"},
		{Target: "UKR", From: "2020-05-01"},
		{Root: "14"},
		{CAMEO: "02"},
		{CAMEO: "0256"},
		{QuadClass: 4},
		{Modality: faultline.Historical},
		{Modality: faultline.Future, Country: "SRB"},
		{BBox: kosovo},
		{BBox: kosovo, Root: "19"},
		{Text: "ceasefire"},
		{Text: "Convoy election"},
		{Text: "barricade", Country: "UKR"},
		{DocID: "f007"},
		{Limit: 5},
		{Country: "XKX", Limit: 3},
		{Country: "NONE"},
		{Text: `"quoted" AND NOT -x*`},
		{MinConfidence: 0.7},
		{MinConfidence: 1},
		{MinConfidence: 0.35, Root: "14"},
	} {
		var got []string
		for _, e := range allEvents(t, s, f) {
			got = append(got, e.ID)
		}
		want := reference(evs, texts, f)
		if !slices.Equal(got, want) {
			t.Errorf("filter %+v:\n got %v\nwant %v", f, got, want)
		}
	}
}

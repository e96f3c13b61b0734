package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestCompleteBuffersRows stores more events than one buffered statement
// writes (mentions and R*Tree boxes go many rows a statement), with places
// shared within and across transactions, and checks every mention, box and
// place arrives once.
func TestCompleteBuffersRows(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	defer s.Close()
	places := []faultline.Location{
		{Name: "Zvecan", Country: "KV", Lat: 42.9, Lon: 20.8, Precision: "city"},
		{Name: "Pristina", Country: "KV", Lat: 42.66, Lon: 21.17, Precision: "city"},
		{Name: "Belgrade", Country: "RS", Lat: 44.8, Lon: 20.47, Precision: "city"},
	}
	const perDoc = 500
	docs := []string{"d0", "d1", "d2"}
	var nd []faultline.NewDocument
	coded := map[string]faultline.CodedDocument{}
	withPlace := map[string]int{} // events per place name
	for _, d := range docs {
		nd = append(nd, faultline.NewDocument{Document: faultline.Document{ID: d, Text: "text of " + d}, Hash: d})
		cd := faultline.CodedDocument{DocID: d}
		for i := range perDoc {
			// No source country: these never merge, so each is an event.
			ev := faultline.Event{ID: fmt.Sprintf("%s:%d:0", d, i), DocID: d, Sentence: i, Date: "2023-05-29",
				CAMEO: "145", Root: "14", Target: faultline.ActorRef{Code: "KSVCOP"}, Modality: faultline.Asserted,
				Evidence: faultline.Span{Start: i, End: i + 1}}
			if i%4 != 3 {
				l := places[i%len(places)]
				ev.Location = &l
				withPlace[l.Name]++
			}
			cd.Events = append(cd.Events, ev)
		}
		coded[d] = cd
	}
	if _, err := s.AddDocuments(ctx, nd); err != nil {
		t.Fatal(err)
	}
	// Two transactions: the second finds the first one's places stored.
	var got faultline.CompleteStats
	for _, batch := range [][]string{{"d0"}, {"d1", "d2"}} {
		var cds []faultline.CodedDocument
		for _, d := range batch {
			cds = append(cds, coded[d])
		}
		st, err := s.Complete(ctx, cds)
		if err != nil {
			t.Fatal(err)
		}
		got.Documents, got.Events, got.Mentions = got.Documents+st.Documents, got.Events+st.Events, got.Mentions+st.Mentions
	}
	n := len(docs) * perDoc
	if want := (faultline.CompleteStats{Documents: len(docs), Events: n}); got != want {
		t.Errorf("Complete: %+v, want %+v", got, want)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Events != n || c.Mentions != n {
		t.Errorf("%d events, %d mentions stored; want %d of each", c.Events, c.Mentions, n)
	}
	for _, d := range docs {
		k := 0
		if err := s.Events(ctx, faultline.EventFilter{DocID: d}, func(faultline.StoredEvent) error { k++; return nil }); err != nil {
			t.Fatal(err)
		}
		if k != perDoc {
			t.Errorf("%s: %d events by its mentions, want %d", d, k, perDoc)
		}
	}
	for _, l := range places {
		k := 0
		box := &faultline.BBox{MinLon: l.Lon - 0.01, MaxLon: l.Lon + 0.01, MinLat: l.Lat - 0.01, MaxLat: l.Lat + 0.01}
		if err := s.Events(ctx, faultline.EventFilter{BBox: box}, func(e faultline.StoredEvent) error {
			if e.Location == nil || *e.Location != l {
				t.Errorf("event %s in the box of %s is at %+v", e.ID, l.Name, e.Location)
			}
			k++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if k != withPlace[l.Name] {
			t.Errorf("%s: %d events in its box, want %d", l.Name, k, withPlace[l.Name])
		}
	}
	db, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var np, linked int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM events e JOIN places p ON p.id = e.place AND p.country = e.country)`).Scan(&np, &linked); err != nil {
		t.Fatal(err)
	}
	if want := n - n/4; np != len(places) || linked != want {
		t.Errorf("%d places, %d events linked to theirs; want %d, %d", np, linked, len(places), want)
	}
}

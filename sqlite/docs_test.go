package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestDocumentsOfOldEvents checks that events stored before the docs
// column existed (docs NULL) get their documents from mentions when the
// store is opened, and that later mentions add to them.
func TestDocumentsOfOldEvents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "docs.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	s.Rule = faultline.IncidentRule{Days: 1, Km: 25}
	ev := func(doc string) faultline.Event {
		return faultline.Event{ID: doc + ":0:0", DocID: doc, Date: "2023-05-29", CAMEO: "145", Root: "14",
			Source: faultline.ActorRef{Code: "SRBCVL"}, Target: faultline.ActorRef{Code: "KSVCOP"}, Modality: faultline.Asserted}
	}
	add := func(docs ...string) {
		t.Helper()
		var nd []faultline.NewDocument
		var coded []faultline.CodedDocument
		for _, d := range docs {
			nd = append(nd, faultline.NewDocument{Document: faultline.Document{ID: d, Text: "text of " + d}, Hash: d})
			coded = append(coded, faultline.CodedDocument{DocID: d, Events: []faultline.Event{ev(d)}})
		}
		if _, err := s.AddDocuments(ctx, nd); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Complete(ctx, coded); err != nil {
			t.Fatal(err)
		}
	}
	docsOf := func() []string {
		t.Helper()
		var out [][]string
		if err := s.Events(ctx, faultline.EventFilter{}, func(e faultline.StoredEvent) error {
			out = append(out, e.Documents)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 {
			t.Fatalf("%d events, want 1 (the documents report one incident)", len(out))
		}
		return out[0]
	}
	add("b", "a")
	if got, want := docsOf(), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	// As a database of before the column: docs NULL, backfill not applied.
	if _, err := s.db.ExecContext(ctx, `UPDATE events SET docs = NULL;
		DELETE FROM schema_migrations WHERE name = 'migrations/0005_event_docs_backfill.sql'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	s.Rule = faultline.IncidentRule{Days: 1, Km: 25}
	if got, want := docsOf(), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents without the docs column %v, want %v", got, want)
	}
	add("c")
	if got, want := docsOf(), []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents after one more mention %v, want %v", got, want)
	}
}

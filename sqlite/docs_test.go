package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestDocumentsWithoutDocsColumn checks that events stored before the docs
// column existed (docs NULL) list the same documents, from mentions, and
// that a later mention of them keeps the column NULL rather than partial.
func TestDocumentsWithoutDocsColumn(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "docs.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
	if _, err := s.db.ExecContext(ctx, `UPDATE events SET docs = NULL`); err != nil {
		t.Fatal(err)
	}
	if got, want := docsOf(), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents without the docs column %v, want %v", got, want)
	}
	add("c")
	if got, want := docsOf(), []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("documents after one more mention %v, want %v", got, want)
	}
}

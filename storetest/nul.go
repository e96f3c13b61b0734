package storetest

import (
	"context"
	"errors"
	"testing"

	faultline "github.com/faultline/faultline"
)

// testNUL is issue 14 item 4: U+0000 behaves the same on both stores. A
// batch with a document holding it in any field is refused as a whole
// with an error wrapping faultline.ErrNUL that names the document, and
// stores nothing; a filter or an id holding it finds nothing, without an
// error.
func testNUL(t *testing.T, s faultline.Store) {
	ctx := context.Background()
	good := NewDoc("nul-good", "Police in Zvecan arrested two men on Monday.")
	fields := []struct {
		name string
		set  func(*faultline.NewDocument)
	}{
		{"text", func(d *faultline.NewDocument) { d.Text = "Police in Zvecan\x00 arrested two men." }},
		{"id", func(d *faultline.NewDocument) { d.ID = "nul\x00id" }},
		{"title", func(d *faultline.NewDocument) { d.Title = "A title\x00" }},
		{"url", func(d *faultline.NewDocument) { d.URL = "https://example.org/\x00" }},
		{"source", func(d *faultline.NewDocument) { d.Source = "\x00" }},
	}
	for _, f := range fields {
		bad := NewDoc("nul-bad", "Protesters gathered outside the council in Mitrovica.")
		f.set(&bad)
		_, err := s.AddDocuments(ctx, []faultline.NewDocument{good, bad})
		if !errors.Is(err, faultline.ErrNUL) {
			t.Errorf("U+0000 in the %s: AddDocuments gave %v, want an error wrapping ErrNUL", f.name, err)
		}
	}
	if c := counts(t, s); c.Documents != 0 {
		t.Fatalf("refused batches stored %d documents", c.Documents)
	}
	mustAdd(t, s, good)
	if _, err := s.Document(ctx, "nul-good\x00"); !errors.Is(err, faultline.ErrNotFound) {
		t.Errorf("Document with U+0000 in the id: %v, want ErrNotFound", err)
	}
	for _, f := range []faultline.EventFilter{{Text: "police\x00"}, {DocID: "\x00"}, {Actor: "SRB\x00"}, {Country: "\x00"}} {
		n := 0
		if err := s.Events(ctx, f, func(faultline.StoredEvent) error { n++; return nil }); err != nil || n != 0 {
			t.Errorf("Events(%#v): %d events, %v; want none and no error", f, n, err)
		}
	}
}

package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/sqlite"
)

// The embedded rules and playbook are copies of examples/kosovo's: they
// must not drift.
func TestCopiesMatchKosovoExample(t *testing.T) {
	for name, got := range map[string][]byte{"rules.yml": Rules(), "playbook.yml": Playbook()} {
		want, err := os.ReadFile(filepath.Join("..", "kosovo", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/demo/%s differs from examples/kosovo/%s: copy it again", name, name)
		}
	}
}

func TestDocuments(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 60 || len(docs) > 120 {
		t.Errorf("%d documents, want 60..120", len(docs))
	}
	ids := map[string]bool{}
	for i, d := range docs {
		if d.ID == "" || d.Text == "" || d.Date == "" || ids[d.ID] {
			t.Errorf("document %d: id %q, date %q, duplicate %v", i, d.ID, d.Date, ids[d.ID])
		}
		ids[d.ID] = true
		if i > 0 && d.Date < docs[i-1].Date {
			t.Errorf("document %d out of date order", i)
		}
	}
	from, to := Span()
	if days := to.Sub(from).Hours() / 24; days < 25 || days > 31 {
		t.Errorf("span %s..%s, want about a month", from, to)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// A stand-in coder: one event per document, so the test checks
	// loading, not the dictionaries.
	c := ingest.CoderFunc(func(d faultline.Document) []faultline.Event {
		return []faultline.Event{{ID: d.ID + ":0:0", DocID: d.ID, Date: d.Date, CAMEO: "010", Root: "01", Modality: faultline.Historical,
			Evidence: faultline.Span{Start: 0, End: len(d.Text)}}}
	})
	stats, err := Load(ctx, st, c)
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := Documents()
	// Near-copies' events become mentions of their originals' events.
	if stats.New != len(docs) || stats.Coded != len(docs) || stats.Events+stats.Mentions != len(docs) {
		t.Errorf("stats %+v, want %d new, coded and events with mentions", stats, len(docs))
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Documents != len(docs) || counts.Queued != 0 {
		t.Errorf("counts %+v", counts)
	}
}

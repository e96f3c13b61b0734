package ingest_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

// TestIngestNUL is issue 14 item 4: a document with U+0000 (which
// PostgreSQL cannot store) is skipped and counted, on both stores alike;
// the documents around it are stored, on the first run and on a rerun.
func TestIngestNUL(t *testing.T) {
	input := `{"id": "n1", "text": "Police in Zvecan arrested two men on Monday."}
{"id": "n2", "text": "A text with a \u0000 in it."}
{"id": "n3", "text": "Protesters gathered outside the council in Mitrovica."}
`
	stores := map[string]func(t *testing.T) faultline.Store{
		"sqlite": func(t *testing.T) faultline.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "nul.db"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		"postgres": func(t *testing.T) faultline.Store {
			s, err := postgres.Open(context.Background(), storetest.PostgresSchema(t))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			c := ingest.CoderFunc(func(faultline.Document) []faultline.Event { return nil })
			for run := 1; run <= 2; run++ {
				var log strings.Builder
				stats, err := ingest.Run(context.Background(), st, c, []string{"-"}, ingest.Options{Stdin: strings.NewReader(input), Log: &log})
				if err != nil {
					t.Fatalf("run %d: %v", run, err)
				}
				if stats.Skipped["nul"] != 1 || stats.Read != 3 || stats.New+stats.Duplicates != 2 {
					t.Errorf("run %d: %+v; want 3 read, 1 skipped for nul, 2 stored or duplicates", run, stats)
				}
				if !strings.Contains(log.String(), `document "n2": contains U+0000`) {
					t.Errorf("run %d: log %q does not name the document", run, log.String())
				}
			}
			if cnt, _ := st.Counts(context.Background()); cnt.Documents != 2 {
				t.Errorf("store holds %d documents, want 2", cnt.Documents)
			}
		})
	}
}

package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/storetest"
)

// TestReadOnlyMode writes through a connection SQLite itself opened
// read-only (mode=ro), which binds root as much as anyone, so that the
// test runs in CI: the write fails with the read-only advice, the whole
// batch is refused, and what was stored before is intact.
// (TestIngestReadOnlyDatabase in cmd/faultline covers file permissions.)
func TestReadOnlyMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddDocuments(ctx, []faultline.NewDocument{storetest.NewDoc("before", "Police arrested three protesters in Zvecan on Monday.")}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_txlock=immediate&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	ro := &Store{db: db, path: path, Rule: faultline.DefaultIncidentRule(), Now: time.Now, Lease: time.Minute, worker: workerName()}
	batch := []faultline.NewDocument{
		storetest.NewDoc("after-1", "Serb protesters attacked peacekeepers in Zvecan on Monday."),
		storetest.NewDoc("after-2", "NATO said it would send more troops to Kosovo."),
	}
	_, err = ro.AddDocuments(ctx, batch)
	ro.Close()
	t.Logf("refused: %v", err)
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("adding documents to a read-only database: %v, want the read-only advice", err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("the database held %+v and holds %+v after the refused batch", before, after)
	}
	if _, err := s.Document(ctx, "before"); err != nil {
		t.Errorf("the document stored before: %v", err)
	}
}

package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

func ids(docs []faultline.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// TestClaims opens two stores on one file, as two processes would: what
// one claims the other neither gets nor completes, until the lease runs
// out or the claiming process is gone.
func TestClaims(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	open := func() *sqlite.Store {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	now := time.Date(2023, 5, 29, 12, 0, 0, 0, time.UTC)
	a.Now = func() time.Time { return now }
	b.Now = a.Now
	var docs []faultline.NewDocument
	for i := 0; i < 6; i++ {
		docs = append(docs, storetest.NewDoc(fmt.Sprintf("d%d", i), storetest.Words(100+i, 30)))
	}
	if _, err := a.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	ca, err := a.Claim(ctx, 4)
	if err != nil || fmt.Sprint(ids(ca)) != "[d0 d1 d2 d3]" {
		t.Fatalf("a claimed %v %v", ids(ca), err)
	}
	cb, err := b.Claim(ctx, 4)
	if err != nil || fmt.Sprint(ids(cb)) != "[d4 d5]" {
		t.Fatalf("b claimed %v %v, want the documents a does not hold", ids(cb), err)
	}
	if more, _ := b.Claim(ctx, 4); len(more) != 0 {
		t.Fatalf("b claimed %v again", ids(more))
	}
	// b cannot complete what a holds.
	st, err := b.Complete(ctx, []faultline.CodedDocument{{DocID: "d0"}, {DocID: "d4"}})
	if err != nil || st.Documents != 1 {
		t.Fatalf("b completed %+v %v, want only d4", st, err)
	}
	// a's lease runs out: b takes its documents over, and a's late
	// completion stores nothing.
	now = now.Add(a.Lease + time.Second)
	cb, err = b.Claim(ctx, 10)
	if err != nil || fmt.Sprint(ids(cb)) != "[d0 d1 d2 d3 d5]" {
		t.Fatalf("after the lease b claimed %v %v", ids(cb), err)
	}
	if st, _ := a.Complete(ctx, []faultline.CodedDocument{{DocID: "d1"}}); st.Documents != 0 {
		t.Errorf("a completed a document b took over: %+v", st)
	}
	if st, _ := b.Complete(ctx, []faultline.CodedDocument{{DocID: "d0"}, {DocID: "d1"}, {DocID: "d2"}, {DocID: "d3"}, {DocID: "d5"}}); st.Documents != 5 {
		t.Errorf("b completed %+v, want 5", st)
	}
	if c, _ := a.Counts(ctx); c.Queued != 0 {
		t.Errorf("%d documents still queued", c.Queued)
	}
}

// TestClaimOfDeadProcess: the claims of a process of this host that is gone
// (killed mid-batch) are taken over at once, not after the lease.
func TestClaimOfDeadProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddDocuments(ctx, []faultline.NewDocument{storetest.NewDoc("x", "a text long enough"), storetest.NewDoc("y", "another text")}); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A pid above the kernel's pid_max names no process; "elsewhere" is
	// another host, whose process this one cannot see: its lease holds.
	until := time.Now().Add(time.Hour).UnixMilli()
	if _, err := db.Exec(`UPDATE documents SET claimed_by = ?, claimed_until = ? WHERE id = 'x'`, host+"/99999999/dead", until); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE documents SET claimed_by = ?, claimed_until = ? WHERE id = 'y'`, "elsewhere/1/live", until); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, 10)
	if err != nil || fmt.Sprint(ids(got)) != "[x]" {
		t.Errorf("claimed %v %v, want x (its process is gone) and not y (another host's lease)", ids(got), err)
	}
}

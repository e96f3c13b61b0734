package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/storetest"
)

// queueDocs stores n distinct documents and returns their ids.
func queueDocs(t *testing.T, s faultline.Store, n int) {
	t.Helper()
	for i := 0; i < n; i += 1000 {
		var docs []faultline.NewDocument
		for j := i; j < i+1000 && j < n; j++ {
			docs = append(docs, storetest.NewDoc(fmt.Sprintf("doc-%05d", j),
				storetest.Words(j+1000, 20)))
		}
		if _, err := s.AddDocuments(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFourWorkers runs four workers, each with its own store (its own
// connections, as separate processes would have), over one queue, and
// checks that every document was coded once and only once: 20,000
// documents as issue 5 asks (about ten seconds), 2,000 with -short.
func TestFourWorkers(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	url := newSchema(t)
	ctx := context.Background()
	setup, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	queueDocs(t, setup, n)
	var mu sync.Mutex
	calls := map[string]int{}
	perWorker := make([]int, 4)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			code := ingest.CoderFunc(func(d faultline.Document) []faultline.Event {
				mu.Lock()
				calls[d.ID]++
				perWorker[w]++
				mu.Unlock()
				return []faultline.Event{{ID: d.ID + ":0:0", DocID: d.ID, Date: "2024-01-01", CAMEO: "190", Root: "19",
					Modality: faultline.Historical, Source: faultline.ActorRef{Code: "SRB"}, Target: faultline.ActorRef{Code: "KSV"}}}
			})
			if _, err := ingest.Work(ctx, s, code, ingest.Options{BatchSize: 50, Workers: 1}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(calls) != n {
		t.Errorf("%d documents coded, want %d", len(calls), n)
	}
	for id, c := range calls {
		if c != 1 {
			t.Errorf("document %s coded %d times", id, c)
		}
	}
	c, err := setup.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != n || c.Queued != 0 || c.Events != n || c.Mentions != n {
		t.Errorf("counts %+v, want %d documents, events and mentions, none queued", c, n)
	}
	t.Logf("documents per worker: %v", perWorker)
}

// TestDeadWorkerClaimsTakenOver: the claims of a worker whose connection is
// gone (a killed process) go to the next worker at once, lease or not.
func TestDeadWorkerClaimsTakenOver(t *testing.T) {
	url := newSchema(t)
	ctx := context.Background()
	a, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	queueDocs(t, a, 30)
	got, err := a.Claim(ctx, 10)
	if err != nil || len(got) != 10 {
		t.Fatalf("claim: %d docs, %v", len(got), err)
	}
	b, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if rest, err := b.Claim(ctx, 100); err != nil || len(rest) != 20 {
		t.Fatalf("second worker claimed %d docs (%v), want the 20 unclaimed", len(rest), err)
	}
	a.Close() // the first worker dies with 10 claims
	var again []faultline.Document
	for try := 0; try < 50 && len(again) == 0; try++ {
		if again, err = b.Claim(ctx, 100); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond) // the server notices the closed connection
	}
	if len(again) != 10 || !strings.HasPrefix(again[0].ID, "doc-0000") {
		t.Fatalf("after the first worker died, claimed %d docs, want its 10", len(again))
	}
	var coded []faultline.CodedDocument
	for _, d := range append(got, again...) {
		coded = append(coded, faultline.CodedDocument{DocID: d.ID})
	}
	st, err := b.Complete(ctx, coded)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 10 {
		t.Errorf("completed %d documents, want the 10 taken over (each once)", st.Documents)
	}
}

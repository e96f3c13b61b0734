package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
)

// workers is how many 'faultline work' processes share one store.
const workers = 2

// loggingCoder is the coder of a worker process under test: it writes the
// id of every document it codes to its own file in dir, and holds its
// first call until every worker has made one, so that the workers are
// known to run at the same time.
func loggingCoder(dir string, c ingest.Coder) ingest.Coder {
	log, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("coded-%d", os.Getpid())), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		panic(err)
	}
	var once sync.Once
	var mu sync.Mutex
	return ingest.CoderFunc(func(d faultline.Document) []faultline.Event {
		once.Do(func() {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("ready-%d", os.Getpid())), nil, 0o644)
			for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				if m, _ := filepath.Glob(filepath.Join(dir, "ready-*")); len(m) >= workers {
					return
				}
			}
		})
		mu.Lock()
		fmt.Fprintln(log, d.ID)
		mu.Unlock()
		return c.Code(d)
	})
}

// TestWorkersShareQueue queues documents with 'faultline ingest
// --queue-only', runs two 'faultline work' processes over the store at
// once, and counts the coder's calls in each: every document is coded
// exactly once in all, and both workers took part.
func TestWorkersShareQueue(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testWorkers(t, sqliteTarget(t.TempDir()), 3000) })
	t.Run("postgres", func(t *testing.T) { testWorkers(t, postgresTarget(t), 3000) })
}

func testWorkers(t *testing.T, ct crashTarget, n int) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl")
	writeCorpus(t, corpus, n)
	if out, err := helper(append(append([]string{"ingest"}, ct.args("w")...), "--queue-only", "--quiet", corpus)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest --queue-only: %v\n%s", err, out)
	}
	if c := ct.counts(t, "w"); c.Documents != n || c.Queued != n {
		t.Fatalf("after ingest --queue-only: %+v, want %d documents queued", c, n)
	}
	logs := filepath.Join(dir, "logs")
	os.Mkdir(logs, 0o755)
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, workers)
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		cmd := helper(append(append([]string{"work"}, ct.args("w")...), "--batch", "25")...)
		cmd.Env = append(cmd.Env, "FAULTLINE_HELPER_CODER_LOG="+logs)
		cmd.Stdout, cmd.Stderr = &outs[w], &outs[w]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = cmd.Run()
		}()
	}
	wg.Wait()
	for w := range errs {
		if errs[w] != nil {
			t.Fatalf("worker %d: %v\n%s", w, errs[w], outs[w].String())
		}
		t.Logf("worker %d: %s", w, strings.TrimSpace(outs[w].String()))
	}
	files, _ := filepath.Glob(filepath.Join(logs, "coded-*"))
	if len(files) != workers {
		t.Fatalf("%d workers coded documents, want %d", len(files), workers)
	}
	calls := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		mine := 0
		for sc := bufio.NewScanner(bytes.NewReader(data)); sc.Scan(); {
			calls[sc.Text()]++
			mine++
		}
		if mine == 0 {
			t.Errorf("%s coded nothing", filepath.Base(f))
		}
		t.Logf("%s coded %d documents", filepath.Base(f), mine)
	}
	twice := 0
	for id, k := range calls {
		if k != 1 {
			twice++
			if twice <= 5 {
				t.Errorf("document %s coded %d times", id, k)
			}
		}
	}
	if twice > 0 || len(calls) != n {
		t.Errorf("%d documents coded, %d of them more than once; want each of %d once", len(calls), twice, n)
	}
	if c := ct.counts(t, "w"); c.Queued != 0 || c.Documents != n {
		t.Errorf("after the workers: %+v, want %d documents, none queued", c, n)
	}
}

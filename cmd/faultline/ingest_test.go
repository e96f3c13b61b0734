package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/sqlite"
	"github.com/jackc/pgx/v5"
)

// TestHelperIngest is not a test: the crash test runs the test binary as
// 'faultline' through it, so that it can kill a real process.
func TestHelperIngest(t *testing.T) {
	args := os.Getenv("FAULTLINE_HELPER_ARGS")
	if args == "" {
		t.Skip("helper process only")
	}
	if dir := os.Getenv("FAULTLINE_HELPER_CODER_LOG"); dir != "" {
		wrapCoder = func(c ingest.Coder) ingest.Coder { return loggingCoder(dir, c) }
	}
	os.Exit(run(context.Background(), strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
}

func helper(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIngest$")
	cmd.Env = append(os.Environ(), "FAULTLINE_HELPER_ARGS="+strings.Join(args, "\x1f"))
	return cmd
}

// writeCorpus writes n news-like documents that the coder finds events in.
func writeCorpus(t *testing.T, path string, n int) {
	t.Helper()
	countries := []string{"Serbian", "Kosovo", "Russian", "Ukrainian", "French", "German", "Turkish", "Israeli"}
	cities := []string{"Zvecan", "Pristina", "Belgrade", "Kyiv", "Paris", "Berlin", "Ankara", "Jerusalem"}
	verbs := []string{"arrested", "attacked", "met", "accused", "praised", "threatened", "criticized", "visited"}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := 0; i < n; i++ {
		a, c := countries[i%len(countries)], countries[(i/8+3)%len(countries)]
		text := fmt.Sprintf("%s police %s %d %s protesters in %s. The %s government %s %s officials on day %d, report %d.",
			a, verbs[i%len(verbs)], 3+i%97, c, cities[(i/3)%len(cities)], c, verbs[(i/5)%len(verbs)], a, i%28, i)
		date := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%200).Format(time.DateOnly)
		enc.Encode(faultline.Document{ID: fmt.Sprintf("crash-%05d", i), Text: text, Date: date})
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// crashTarget is a store the crash test runs against: the flags that name
// a store called name, and a way to open it.
type crashTarget struct {
	args func(name string) []string
	open func(t *testing.T, name string) faultline.Store
}

func sqliteTarget(dir string) crashTarget {
	return crashTarget{
		args: func(name string) []string { return []string{"--db", filepath.Join(dir, name+".db")} },
		open: func(t *testing.T, name string) faultline.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(dir, name+".db"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
}

// postgresTarget gives each store name its own schema on the test server.
func postgresTarget(t *testing.T) crashTarget {
	u := os.Getenv("FAULTLINE_TEST_POSTGRES")
	if u == "" {
		t.Skip("FAULTLINE_TEST_POSTGRES is not set: PostgreSQL crash test skipped")
	}
	ctx := context.Background()
	prefix := fmt.Sprintf("crash%d_%d_", os.Getpid(), time.Now().UnixNano()%1e9)
	urls := map[string]string{}
	url := func(name string) string {
		if v, ok := urls[name]; ok {
			return v
		}
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		schema := prefix + name
		if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if c, err := pgx.Connect(ctx, u); err == nil {
				c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
				c.Close(ctx)
			}
		})
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		urls[name] = u + sep + "search_path=" + schema
		return urls[name]
	}
	return crashTarget{
		args: func(name string) []string { return []string{"--postgres", url(name)} },
		open: func(t *testing.T, name string) faultline.Store {
			s, err := postgres.Open(ctx, url(name))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
}

func (ct crashTarget) counts(t *testing.T, name string) faultline.Counts {
	t.Helper()
	s := ct.open(t, name)
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// events lists every event with its mentions and documents.
func (ct crashTarget) events(t *testing.T, name string) []string {
	t.Helper()
	s := ct.open(t, name)
	defer s.Close()
	var out []string
	err := s.Events(context.Background(), faultline.EventFilter{}, func(e faultline.StoredEvent) error {
		out = append(out, fmt.Sprintf("%s %d %v", e.ID, e.Mentions, e.Documents))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func dbCounts(t *testing.T, path string) faultline.Counts {
	t.Helper()
	return sqliteTarget(filepath.Dir(path)).counts(t, strings.TrimSuffix(filepath.Base(path), ".db"))
}

// TestIngestKill9 kills an ingest in the middle, runs it again, and checks
// that the store holds exactly what one clean run stores: every document
// and every event once, with the same mentions.
func TestIngestKill9(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testKill9(t, sqliteTarget(t.TempDir()), 6000) })
	t.Run("postgres", func(t *testing.T) { testKill9(t, postgresTarget(t), 3000) })
}

func testKill9(t *testing.T, ct crashTarget, n int) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpus(t, corpus, n)
	ingestArgs := func(name string) []string {
		return append(append([]string{"ingest"}, ct.args(name)...), "--batch", "100", corpus)
	}

	if out, err := helper(ingestArgs("clean")...).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	want := ct.counts(t, "clean")
	if want.Documents != n || want.Events == 0 {
		t.Fatalf("clean run stored %+v; want %d documents and some events", want, n)
	}

	cmd := helper(ingestArgs("crashed")...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once a few batches are in, well before the end.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		if c := ct.counts(t, "crashed"); c.Documents >= 300 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	mid := ct.counts(t, "crashed")
	if err == nil || mid.Documents == n && mid.Queued == 0 {
		t.Skipf("the ingest finished before it could be killed (%v, %+v): machine too fast for this corpus", err, mid)
	}
	t.Logf("killed with %+v stored", mid)

	// The same command again. With PostgreSQL the killed process's claims
	// are free once the server has seen its connection close; a rerun that
	// came too early leaves them queued, and the next rerun codes them.
	var got faultline.Counts
	for try := 0; try < 5; try++ {
		if out, err := helper(ingestArgs("crashed")...).CombinedOutput(); err != nil {
			t.Fatalf("rerun: %v\n%s", err, out)
		}
		if got = ct.counts(t, "crashed"); got.Queued == 0 {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if got != want {
		t.Errorf("after kill and rerun: %+v; a clean run stores %+v", got, want)
	}
	if a, b := ct.events(t, "crashed"), ct.events(t, "clean"); !slices.Equal(a, b) {
		t.Errorf("events differ from a clean run's: %d vs %d", len(a), len(b))
	}
}

// TestIngestSeedTwiceAndEdited: the seed report ingested twice, plus a
// lightly edited copy under another id, gives one document, one near-copy
// and no doubled events.
func TestIngestSeedTwiceAndEdited(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "shared", "seed", "kosovo-2023.jsonl")
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("seed report not found (%v): it lives in ../shared beside the repository", err)
	}
	var doc faultline.Document
	if err := json.Unmarshal(bytes.TrimSpace(data), &doc); err != nil {
		t.Fatal(err)
	}
	edited := doc
	edited.ID = doc.ID + "-wire"
	edited.Text = strings.Replace(doc.Text, "After a violent confrontation", "Following a violent confrontation", 1)
	edited.Text = strings.Replace(edited.Text, "proclaimed", "announced", 1)
	if edited.Text == doc.Text {
		t.Fatal("the edit changed nothing: the seed text is not what this test expects")
	}
	dir := t.TempDir()
	copyPath := filepath.Join(dir, "edited.jsonl")
	line, _ := json.Marshal(edited)
	os.WriteFile(copyPath, append(line, '\n'), 0o644)
	db := filepath.Join(dir, "seed.db")

	var stderr bytes.Buffer
	if st := run(context.Background(), []string{"ingest", "--db", db, seed}, nil, &bytes.Buffer{}, &stderr); st != 0 {
		t.Fatalf("first ingest: status %d\n%s", st, stderr.String())
	}
	once := dbCounts(t, db)
	for _, args := range [][]string{{seed}, {seed, copyPath}} {
		if st := run(context.Background(), append([]string{"ingest", "--db", db}, args...), nil, &bytes.Buffer{}, &stderr); st != 0 {
			t.Fatalf("ingest %v: status %d\n%s", args, st, stderr.String())
		}
	}
	c := dbCounts(t, db)
	if c.Documents != 2 || c.NearCopies != 1 {
		t.Errorf("counts %+v: want 2 documents of which 1 near-copy", c)
	}
	if c.Events != once.Events {
		t.Errorf("%d events after the copies, %d after the report alone: events were doubled", c.Events, once.Events)
	}
	t.Logf("one report: %+v; with its copies: %+v", once, c)
}

// BenchmarkIngestAGNewsTenTimes ingests AG News ten times over into a new
// SQLite store with the project's coder: 7,600 new documents stored and
// coded, 68,400 duplicates. newdocs/s is new documents over the whole run.
func BenchmarkIngestAGNewsTenTimes(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "bench", "agnews-7600.jsonl")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("AG News set not found (%v): it lives in ../shared beside the repository", err)
	}
	var sources []string
	for range 10 {
		sources = append(sources, path)
	}
	c, err := newCoder(io.Discard, 0)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	newDocs := 0
	for i := 0; b.Loop(); i++ {
		s, err := sqlite.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("ag%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		st, err := ingest.Run(context.Background(), s, c, sources, ingest.Options{BatchSize: 1000})
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		if st.New != 7600 || st.Coded != 7600 {
			b.Fatalf("%d new, %d coded; want 7600", st.New, st.Coded)
		}
		newDocs += st.New
	}
	b.ReportMetric(float64(newDocs)/b.Elapsed().Seconds(), "newdocs/s")
}

// unwritableDB stores a small corpus in a new database, then takes away
// write permission from the file and its directory. It returns the path
// and what the database holds.
func unwritableDB(t *testing.T) (string, faultline.Counts) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "news.db")
	corpus := filepath.Join(dir, "first.jsonl")
	writeCorpus(t, corpus, 20)
	var out bytes.Buffer
	if code := run(context.Background(), []string{"ingest", "--db", path, corpus}, nil, &out, &out); code != 0 {
		t.Fatalf("first ingest: exit %d\n%s", code, out.String())
	}
	before := dbCounts(t, path)
	if before.Documents != 20 || before.Events == 0 {
		t.Fatalf("first ingest stored %+v", before)
	}
	// The process that writes may be another user (see asUser): it must
	// be able to reach and read what it is given.
	os.Chmod(filepath.Dir(dir), 0o755)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	return path, before
}

// asUser makes cmd run as the unprivileged user "nobody" when the test
// runs as root, for whom file permissions mean nothing. The test binary is
// copied where that user can run it.
func asUser(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "faultline.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd.Path = bin
	cmd.Args[0] = bin
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// TestIngestReadOnlyDatabase ingests into a database its user may not
// write: the command fails with a message that names the database and
// says it is read-only, and what the database held before is intact. As
// root the command runs as "nobody", so the test runs in CI too.
func TestIngestReadOnlyDatabase(t *testing.T) {
	path, before := unwritableDB(t)
	more := filepath.Join(filepath.Dir(filepath.Dir(path)), "more.jsonl")
	writeCorpus(t, more, 30)
	os.Chmod(more, 0o644)
	cmd := helper("ingest", "--db", path, more)
	asUser(t, cmd)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("ingest into a read-only database: %v, want a failure\n%s", err, out)
	}
	msg := string(out)
	t.Logf("exit %d: %s", exit.ExitCode(), strings.TrimSpace(msg))
	if !strings.Contains(msg, path) || !strings.Contains(msg, "read-only") {
		t.Errorf("message %q does not name the database %s and say it is read-only", msg, path)
	}
	os.Chmod(filepath.Dir(path), 0o755)
	os.Chmod(path, 0o644)
	if after := dbCounts(t, path); after != before {
		t.Errorf("the database held %+v and holds %+v after the failed ingest", before, after)
	}
}

// TestIngestLockedDatabase ingests while another process's connection
// holds the write lock: the command waits out its busy timeout, fails
// with a message that names the database and says it is locked, and
// stores nothing; once the lock is gone the same command stores it all.
func TestIngestLockedDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the 10 s busy timeout; skipped in -short mode")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "news.db")
	first, more := filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "more.jsonl")
	writeCorpus(t, first, 20)
	writeCorpus(t, more, 30)
	var buf bytes.Buffer
	if code := run(context.Background(), []string{"ingest", "--db", path, first}, nil, &buf, &buf); code != 0 {
		t.Fatalf("first ingest: exit %d\n%s", code, buf.String())
	}
	before := dbCounts(t, path)

	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	out, err := helper("ingest", "--db", path, more).CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("ingest into a locked database: %v, want a failure\n%s", err, out)
	}
	msg := string(out)
	t.Logf("exit %d: %s", exit.ExitCode(), strings.TrimSpace(msg))
	if !strings.Contains(msg, path) || !strings.Contains(msg, "locked") {
		t.Errorf("message %q does not name the database %s and say it is locked", msg, path)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if after := dbCounts(t, path); after != before {
		t.Errorf("the database held %+v and holds %+v after the failed ingest", before, after)
	}
	if out, err := helper("ingest", "--db", path, more).CombinedOutput(); err != nil {
		t.Fatalf("ingest once the lock is gone: %v\n%s", err, out)
	}
	// The 30 documents include the first 20.
	if after := dbCounts(t, path); after.Documents != 30 || after.Queued != 0 || after.Events <= before.Events {
		t.Errorf("after the lock: %+v, want the 30 documents coded and more events than %d", after, before.Events)
	}
}

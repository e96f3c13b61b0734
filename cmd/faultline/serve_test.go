package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
)

func init() {
	// The serve crash test slows the coder of its server processes, so
	// that a kill lands while documents are stored but not yet coded.
	if d, err := time.ParseDuration(os.Getenv("FAULTLINE_HELPER_CODER_PAUSE")); err == nil {
		wrapCoder = func(c ingest.Coder) ingest.Coder {
			return ingest.CoderFunc(func(doc faultline.Document) []faultline.Event {
				time.Sleep(d)
				return c.Code(doc)
			})
		}
	}
}

// TestServeRefusesIgnoredFlags: serve does not silently ignore a flag it
// cannot honour (issue 14 item 12); each is a usage error naming it.
func TestServeRefusesIgnoredFlags(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--playbook", "pb.yml"}, "--playbook needs --rules"},
		{[]string{"--demo", "--db", filepath.Join(dir, "x.db")}, "cannot be given with --db"},
		{[]string{"--demo", "--postgres", "postgres://nowhere/x"}, "cannot be given with --db or --postgres"},
		{[]string{"--token", "a", "--token-file", "f"}, "give the token once"},
		{[]string{"--closed-reads", "--db", filepath.Join(dir, "y.db")}, "--closed-reads needs a token"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Setenv("FAULTLINE_TOKEN", "")
			var stdout, stderr bytes.Buffer
			if code := run(t.Context(), append([]string{"serve"}, c.args...), nil, &stdout, &stderr); code != 2 {
				t.Errorf("exit %d, want 2 (usage error); stderr: %s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), c.want)
			}
		})
	}
}

// TestServeListensLocallyByDefault: plain serve listens on 127.0.0.1, not
// on every interface (issue 14 item 8); the usage says so.
func TestServeListensLocallyByDefault(t *testing.T) {
	var stdout, stderr bytes.Buffer
	run(t.Context(), []string{"serve", "-h"}, nil, &stdout, &stderr)
	if !strings.Contains(stderr.String(), `(default "127.0.0.1:8080")`) {
		t.Errorf("serve -h does not give 127.0.0.1:8080 as the default address:\n%s", stderr.String())
	}
}

// servedProcess is a 'faultline serve' started as a helper process.
type servedProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
}

// startServe starts serve with args on a free port and waits until it
// says where it listens.
func startServe(t *testing.T, env []string, args ...string) *servedProcess {
	t.Helper()
	cmd := helper(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &servedProcess{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: p.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve stopped before listening: %s", p.stderr)
			}
			if _, u, ok := strings.Cut(l, " on http://"); ok {
				p.url = "http://" + strings.TrimSuffix(u, "/")
				go func() {
					for range lines {
					}
				}()
				return p
			}
		case <-timeout:
			t.Fatalf("serve did not start in 60 s: %s", p.stderr)
		}
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (p *servedProcess) health(t *testing.T) map[string]any {
	t.Helper()
	res, err := http.Get(p.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var env struct{ Data map[string]any }
	json.NewDecoder(res.Body).Decode(&env)
	return env.Data
}

func postDocs(url, token string, docs []faultline.Document) (int, error) {
	b, _ := json.Marshal(docs)
	req, _ := http.NewRequest("POST", url+"/api/v1/documents", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// TestServeTokenFileAndWritesOff: the token can come from a file (not the
// process list), and a server without one says that writes are off.
func TestServeTokenFileAndWritesOff(t *testing.T) {
	if testing.Short() {
		t.Skip("starts serve processes")
	}
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("from-a-file\n"), 0o600)
	doc := []faultline.Document{{ID: "t1", Text: "Kosovo police arrested two men in Zvecan on Monday.", Date: "2025-09-01"}}

	p := startServe(t, []string{"FAULTLINE_TOKEN="}, "--db", filepath.Join(dir, "a.db"), "--token-file", tokenFile)
	if code, err := postDocs(p.url, "from-a-file", doc); err != nil || code != 201 {
		t.Errorf("post with the token of --token-file: %d %v", code, err)
	}
	if code, _ := postDocs(p.url, "wrong", doc); code != 401 {
		t.Errorf("post with a wrong token: %d, want 401", code)
	}
	if h := p.health(t); h["writes"] != true {
		t.Errorf("healthz of a server with a token: %v", h)
	}

	q := startServe(t, []string{"FAULTLINE_TOKEN="}, "--db", filepath.Join(dir, "b.db"))
	if h := q.health(t); h["writes"] != false {
		t.Errorf("healthz of a server without a token: %v, want writes false", h)
	}
	if !strings.Contains(q.stderr.String(), "writes are off") {
		t.Errorf("serve without a token does not say writes are off: %s", q.stderr)
	}
}

// TestServeKill9 is the kill -9 test of issue 5 extended to serve under
// writes (issue 14 item 3): clients post documents while the server codes
// them slowly; the server is killed with documents stored but not coded;
// after a restart every document that got a 201 is stored and coded (the
// restarted server codes the backlog at start), and nothing is left
// uncoded.
func TestServeKill9(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testServeKill9(t, sqliteTarget(t.TempDir())) })
	t.Run("postgres", func(t *testing.T) { testServeKill9(t, postgresTarget(t)) })
}

func testServeKill9(t *testing.T, ct crashTarget) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpus(t, corpus, 400)
	f, err := os.Open(corpus)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := readAllDocs(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	const token = "crash-token"
	env := []string{"FAULTLINE_TOKEN=" + token, "FAULTLINE_HELPER_CODER_PAUSE=20ms"}
	p := startServe(t, env, ct.args("served")...)

	var (
		mu       sync.Mutex
		accepted = map[string]bool{}
		wg       sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(context.Background())
	for c := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c * 5; i < len(docs) && ctx.Err() == nil; i += 20 {
				batch := docs[i:min(i+5, len(docs))]
				code, err := postDocs(p.url, token, batch)
				if err != nil {
					return // the server was killed
				}
				if code == 201 {
					mu.Lock()
					for _, d := range batch {
						accepted[d.ID] = true
					}
					mu.Unlock()
				}
			}
		}()
	}
	// Kill it once some posts were answered, with more in flight.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(accepted)
		mu.Unlock()
		if n >= 60 {
			break
		}
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
	cancel()
	wg.Wait()
	mid := ct.counts(t, "served")
	t.Logf("killed with %d documents answered 201; store %+v", len(accepted), mid)
	if len(accepted) == 0 {
		t.Fatal("no post was answered before the kill")
	}
	if mid.Queued == 0 {
		t.Log("the kill left no document uncoded this time; the restart checks the rest")
	}

	q := startServe(t, []string{"FAULTLINE_TOKEN=" + token}, ct.args("served")...)
	var h map[string]any
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if h = q.health(t); h["uncoded"] == 0.0 {
			break
		}
	}
	if h["uncoded"] != 0.0 {
		t.Fatalf("restarted server left documents uncoded: %v\n%s", h, q.stderr)
	}
	q.cmd.Process.Signal(syscall.SIGTERM)
	q.cmd.Wait()
	st := ct.open(t, "served")
	defer st.Close()
	for id := range accepted {
		sd, err := st.Document(context.Background(), id)
		if err != nil {
			t.Errorf("%s got a 201 but is not stored: %v", id, err)
			continue
		}
		if !sd.Coded {
			t.Errorf("%s got a 201 but is not coded after the restart", id)
		}
	}
	if mid.Queued > 0 && !strings.Contains(q.stderr.String(), "stored but not coded") {
		t.Errorf("the restarted server did not report its backlog: %s", q.stderr)
	}
}

// readAllDocs reads a JSON Lines corpus.
func readAllDocs(r io.Reader) ([]faultline.Document, error) {
	var docs []faultline.Document
	dec := json.NewDecoder(r)
	for {
		var d faultline.Document
		if err := dec.Decode(&d); err == io.EOF {
			return docs, nil
		} else if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		docs = append(docs, d)
	}
}

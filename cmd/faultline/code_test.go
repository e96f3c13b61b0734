package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/coder"
	"github.com/faultline/faultline/docio"
)

// mixedInput is a JSONL file with good documents and one of each kind of
// bad line.
func mixedInput(t *testing.T) (path string, goodIDs []string) {
	t.Helper()
	lines := []string{
		`{"id":"d1","date":"2023-05-29","text":"Serb protesters attacked KFOR peacekeepers in Zvecan. NATO condemned the attack."}`,
		`{not json`,
		`{"id":"d2","text":"Kosovo police arrested two men."}`,
		`{"id":"d3"}`,
		"{\"id\":\"d4\",\"text\":\"caf\xe9\"}",
		`{"id":"d5","text":"` + strings.Repeat("word ", 300) + `"}`, // over the --max-line below
		`{"id":"d6","title":"t","text":"Russia accused NATO of provoking the clashes."}`,
	}
	path = filepath.Join(t.TempDir(), "mixed.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, []string{"d1", "d2", "d6"}
}

var summaryRE = regexp.MustCompile(`faultline code: (\d+) documents read, (\d+) coded, (\d+) skipped(?: \(([^)]*)\))?.*, (\d+) events, [0-9.]+s`)

// TestCodeCommand runs the command in-process, with the real dictionaries
// and coder, on good and bad lines.
func TestCodeCommand(t *testing.T) {
	in, good := mixedInput(t)
	var out, errb bytes.Buffer
	status := run(context.Background(), []string{"code", "--max-line", "1000", "--date", "2024-01-01", in},
		strings.NewReader(""), &out, &errb)
	stderr := errb.String()
	if status != 1 {
		t.Errorf("exit status %d, want 1 (lines were skipped)\n%s", status, stderr)
	}
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", stderr)
	}
	if m[1] != "7" || m[2] != strconv.Itoa(len(good)) || m[3] != "4" {
		t.Errorf("summary %q: want 7 read, %d coded, 4 skipped", m[0], len(good))
	}
	for _, reason := range []string{"invalid-utf8 1", "no-text 1", "not-json 1", "too-long 1"} {
		if !strings.Contains(m[4], reason) {
			t.Errorf("summary reasons %q lack %q", m[4], reason)
		}
	}
	for _, pos := range []string{"mixed.jsonl:2:", "mixed.jsonl:4:", "mixed.jsonl:5:", "mixed.jsonl:6:"} {
		if !strings.Contains(stderr, pos) {
			t.Errorf("stderr does not name %s:\n%s", pos, stderr)
		}
	}
	// Every event comes from a good document, in input order, with ids and
	// derived fields filled.
	n := 0
	lastDoc := -1
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e faultline.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("bad output line %q: %v", sc.Text(), err)
		}
		di := indexOf(good, e.DocID)
		if di < 0 || di < lastDoc {
			t.Errorf("event %s from document %q out of place", e.ID, e.DocID)
		}
		lastDoc = di
		if e.ID == "" || e.Root == "" || e.Date == "" || !strings.HasPrefix(e.CAMEO, e.Root) {
			t.Errorf("event not finished: %+v", e)
		}
		n++
	}
	if got, _ := strconv.Atoi(m[5]); got != n {
		t.Errorf("summary says %d events, output has %d", got, n)
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestCodeUsage(t *testing.T) {
	tests := []struct {
		args   []string
		status int
		msg    string
	}{
		{[]string{"code"}, 2, "no input"},
		{[]string{"code", "--format", "xml", "-"}, 2, "unknown format"},
		{[]string{"code", "--date", "29/05/2023", "-"}, 2, "want YYYY-MM-DD"},
		{[]string{"code", "--workers", "0", "-"}, 2, "at least 1"},
		{[]string{"code", "--bogus", "-"}, 2, "not defined"},
		{[]string{"code", "--dict", "/nonexistent/x.verbs", "-"}, 2, "/nonexistent/x.verbs"},
		{[]string{"code", "-h"}, 0, "Usage: faultline code"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		status := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
		if status != tt.status || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("%q: status %d, stderr %q; want %d and %q", tt.args, status, errb.String(), tt.status, tt.msg)
		}
	}
}

func TestCodeCleanRunExitsZero(t *testing.T) {
	var out, errb bytes.Buffer
	in := `{"id":"a","text":"NATO troops arrived in Pristina."}` + "\n"
	if status := run(context.Background(), []string{"code", "--format", "tsv", "-"}, strings.NewReader(in), &out, &errb); status != 0 {
		t.Fatalf("status %d\n%s", status, errb.String())
	}
	if !strings.HasPrefix(out.String(), "id\tdoc_id\t") {
		t.Errorf("tsv output lacks its header: %q", out.String())
	}
}

// fakeCoder stands in for the pipeline: one finished event per
// sentence-ending period, with the id, date and CAMEO fields the real
// pipeline fills, so that the test sees what the command passes through.
type fakeCoder struct{}

func (fakeCoder) Code(doc faultline.Document) coder.Result {
	var res coder.Result
	start := 0
	for i := 0; i < len(doc.Text); i++ {
		if doc.Text[i] != '.' {
			continue
		}
		n := len(res.Events)
		res.Events = append(res.Events, faultline.Event{
			ID: fmt.Sprintf("%s:%d:0", doc.ID, n), DocID: doc.ID, Date: doc.Date,
			Sentence: n, CAMEO: "0741", Modality: faultline.Asserted,
			Source:   faultline.ActorRef{Code: "SRBCVL", Text: doc.Text[start:min(start+8, i)], Start: start, End: min(start+8, i)},
			Evidence: faultline.Span{Start: start, End: i + 1},
		})
		cameo.Enrich(&res.Events[n])
		start = i + 1
	}
	return res
}

// TestPipelineOrder checks that the output does not depend on the number of
// workers and that the documents' dates and the events reach the output.
func TestPipelineOrder(t *testing.T) {
	var in strings.Builder
	wantEvents := 0
	for i := range 500 {
		fmt.Fprintf(&in, `{"id":"doc%d","text":"%sEnd."}`+"\n", i, strings.Repeat("A sentence. ", i%7))
		wantEvents += i%7 + 1
	}
	var first string
	for _, workers := range []int{1, 2, 7} {
		r := &docio.Reader{Files: []string{"-"}, Stdin: strings.NewReader(in.String()), Date: "2020-02-02"}
		p := &codeRun{coder: fakeCoder{}, format: docio.JSONL{}, workers: workers, warn: io.Discard}
		var out bytes.Buffer
		sum, err := p.run(context.Background(), r, &out)
		if err != nil {
			t.Fatal(err)
		}
		if sum.coded != 500 || sum.events != wantEvents {
			t.Errorf("workers %d: coded %d, events %d; want 500, %d", workers, sum.coded, sum.events, wantEvents)
		}
		if first == "" {
			first = out.String()
			if !strings.Contains(first, `"id":"doc6:5:0","doc_id":"doc6","sentence":5,"date":"2020-02-02"`) ||
				!strings.Contains(first, `"cameo":"0741","root":"07","quad_class":2`) {
				t.Fatalf("events not passed through:\n%.600s", first)
			}
		} else if out.String() != first {
			t.Errorf("workers %d: output differs from 1 worker", workers)
		}
	}
}

// panicCoder fails on one document.
type panicCoder struct{}

func (panicCoder) Code(doc faultline.Document) coder.Result {
	if doc.ID == "bad" {
		panic("boom")
	}
	return fakeCoder{}.Code(doc)
}

func TestPipelineCoderPanic(t *testing.T) {
	in := `{"id":"a","text":"One."}` + "\n" + `{"id":"bad","text":"Two."}` + "\n" + `{"id":"c","text":"Three."}` + "\n"
	r := &docio.Reader{Files: []string{"-"}, Stdin: strings.NewReader(in)}
	var warn, out bytes.Buffer
	p := &codeRun{coder: panicCoder{}, format: docio.JSONL{}, workers: 2, warn: &warn}
	sum, err := p.run(context.Background(), r, &out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.coded != 2 || sum.failed != 1 || sum.events != 2 || !strings.Contains(warn.String(), "stdin:2: coder failed") {
		t.Errorf("summary %+v, warnings %q", sum, warn.String())
	}
}

// BenchmarkPipeline measures the command's own overhead (reading, the
// worker pool, finishing and encoding events, ordered writing) with the
// stand-in coder, on the AG News sample ten times over.
func BenchmarkPipeline(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "bench", "agnews-7600.jsonl"))
	if err != nil {
		b.Skipf("skipping: %v", err)
	}
	data = bytes.Repeat(data, 10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := &docio.Reader{Files: []string{"-"}, Stdin: bytes.NewReader(data)}
		p := &codeRun{coder: fakeCoder{}, format: docio.JSONL{}, workers: 2, warn: io.Discard}
		if _, err := p.run(context.Background(), r, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// blockedSource gives one document, then blocks like a terminal nobody
// types into.
type blockedSource struct {
	sent    bool
	release chan struct{}
}

func (b *blockedSource) Next() (faultline.Document, error) {
	if !b.sent {
		b.sent = true
		return faultline.Document{ID: "one", Text: "First."}, nil
	}
	<-b.release
	return faultline.Document{}, io.EOF
}

func (b *blockedSource) Pos() string { return "stdin:1" }

// TestPipelineInterrupt checks that cancelling the context ends a run whose
// input is blocked, with the events coded so far written out.
func TestPipelineInterrupt(t *testing.T) {
	src := &blockedSource{release: make(chan struct{})}
	defer close(src.release)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	p := &codeRun{coder: fakeCoder{}, format: docio.JSONL{}, workers: 2, warn: io.Discard}
	type ret struct {
		sum summary
		err error
	}
	done := make(chan ret, 1)
	go func() {
		sum, err := p.run(ctx, src, pw)
		pw.Close()
		done <- ret{sum, err}
	}()
	// The first event arrives (by the periodic flush) while input is blocked.
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.Contains(line, `"id":"one:0:0"`) {
		t.Fatalf("first line %q, %v", line, err)
	}
	cancel()
	r := <-done
	if r.err == nil || !strings.Contains(r.err.Error(), "interrupted") || r.sum.coded != 1 {
		t.Errorf("run returned %+v, %v; want an interruption after 1 coded", r.sum, r.err)
	}
}

// TestCodeDictionaryErrors checks that bad dictionary lines are reported as
// a count and the first few, all of them with -v, do not stop the run, and
// make its exit status 1 like any other skipped input.
func TestCodeDictionaryErrors(t *testing.T) {
	var bad strings.Builder
	for i := range 8 {
		fmt.Fprintf(&bad, "BROKEN%d [XXX\n", i)
	}
	path := filepath.Join(t.TempDir(), "bad.actors.txt")
	if err := os.WriteFile(path, []byte(bad.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in := `{"id":"a","text":"NATO troops arrived."}` + "\n"
	for _, verbose := range []bool{false, true} {
		args := []string{"code", "--dict", path, "-"}
		want := dictErrorsShown
		if verbose {
			args = append([]string{"code", "-v"}, args[1:]...)
			want = 8
		}
		var out, errb bytes.Buffer
		status := run(context.Background(), args, strings.NewReader(in), &out, &errb)
		if status != 1 {
			t.Errorf("-v=%v: status %d, want 1\n%s", verbose, status, errb.String())
		}
		if !strings.Contains(out.String(), `"doc_id":"a"`) && !strings.Contains(errb.String(), "1 coded") {
			t.Errorf("-v=%v: the document was not coded despite the bad dictionary lines\n%s", verbose, errb.String())
		}
		if !strings.Contains(errb.String(), "8 dictionary lines skipped") {
			t.Errorf("-v=%v: summary does not count the skipped dictionary lines\n%s", verbose, errb.String())
		}
		if !strings.Contains(errb.String(), "8 dictionary errors") {
			t.Errorf("-v=%v: no count in\n%s", verbose, errb.String())
		}
		if n := strings.Count(errb.String(), "bad.actors.txt:"); n != want {
			t.Errorf("-v=%v: %d errors listed, want %d\n%s", verbose, n, want, errb.String())
		}
	}
}

package docio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
)

// readAll reads every document of files and returns them with the warnings.
func readAll(t testing.TB, r *Reader) ([]faultline.Document, string) {
	t.Helper()
	var warn bytes.Buffer
	r.Warn = &warn
	var docs []faultline.Document
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs, warn.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReaderJSONL(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		ids     []string
		skipped map[string]int
		warn    []string // substrings the warnings must hold
	}{
		{"good", "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\",\"date\":\"2020-01-02\"}\n",
			[]string{"a", "b"}, nil, nil},
		{"crlf and blank lines", "{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n   \n{\"id\":\"b\",\"text\":\"y\"}",
			[]string{"a", "b"}, nil, nil},
		{"not json", "{\"id\":\"a\",\"text\":\"x\"}\n{oops\n{\"id\":\"c\",\"text\":\"z\"}\n",
			[]string{"a", "c"}, map[string]int{ReasonNotJSON: 1}, []string{"in.jsonl:2: not a JSON object"}},
		{"no text", "{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"  \"}\n",
			nil, map[string]int{ReasonNoText: 2}, []string{"in.jsonl:1: no \"text\"", "in.jsonl:2: empty"}},
		{"invalid utf8", "{\"id\":\"a\",\"text\":\"caf\xe9\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n",
			[]string{"b"}, map[string]int{ReasonBadUTF8: 1}, []string{"in.jsonl:1: invalid UTF-8"}},
		{"missing id", "{\"text\":\"x\"}\n{\"id\":null,\"text\":\"y\"}\n",
			[]string{"in.jsonl:1", "in.jsonl:2"}, nil, []string{"in.jsonl:1: no \"id\"; using \"in.jsonl:1\""}},
		{"numeric id", "{\"id\":42,\"text\":\"x\"}\n{\"id\":[1],\"text\":\"y\"}\n",
			[]string{"42"}, map[string]int{ReasonBadID: 1}, nil},
		// Issue 14 item 6: one NUL byte in the first 8 KiB dropped the
		// whole file as "binary"; only its line is bad.
		{"NUL in one line", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\x00\"}\n{\"id\":\"c\",\"text\":\"z\"}\n",
			[]string{"a", "c"}, map[string]int{ReasonBinary: 1}, []string{"in.jsonl:2: NUL byte at byte 20 of the line"}},
		{"array line", "{\"id\":\"a\",\"text\":\"x\"}\n[1,2]\n",
			[]string{"a"}, map[string]int{ReasonNotJSON: 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "in.jsonl", tt.input)
			r := &Reader{Files: []string{p}}
			docs, warn := readAll(t, r)
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids %q, want %q\nwarnings:\n%s", ids, tt.ids, warn)
			}
			st := r.Stats()
			for reason, n := range tt.skipped {
				if st.Skipped[reason] != n {
					t.Errorf("skipped[%s] = %d, want %d (%v)", reason, st.Skipped[reason], n, st.Skipped)
				}
			}
			want := 0
			for _, n := range tt.skipped {
				want += n
			}
			if st.SkippedTotal() != want || st.Read != len(tt.ids) {
				t.Errorf("stats %+v, want %d read, %d skipped", st, len(tt.ids), want)
			}
			for _, w := range tt.warn {
				if !strings.Contains(warn, w) {
					t.Errorf("warnings lack %q:\n%s", w, warn)
				}
			}
		})
	}
}

func TestReaderTextAndStdin(t *testing.T) {
	txt := writeFile(t, "kosovo-2023.txt", "  Serb protesters clashed with KFOR.\nThirty were hurt.\n")
	bin := writeFile(t, "blob.bin", "abc\x00def")
	empty := writeFile(t, "empty.txt", "")
	stdin := strings.NewReader("\n {\"id\":\"s1\",\"text\":\"From stdin.\"}\n")
	r := &Reader{Files: []string{txt, bin, "-", filepath.Join(t.TempDir(), "missing.jsonl"), empty},
		Stdin: stdin, Date: "2023-05-29"}
	docs, warn := readAll(t, r)
	if len(docs) != 2 || docs[0].ID != "kosovo-2023.txt" || docs[1].ID != "s1" {
		t.Fatalf("docs %+v\nwarnings:\n%s", docs, warn)
	}
	if docs[0].Date != "2023-05-29" || docs[1].Date != "2023-05-29" || !strings.HasPrefix(docs[0].Text, "  Serb") {
		t.Errorf("date or text not as given: %+v", docs)
	}
	st := r.Stats()
	if st.Skipped[ReasonBinary] != 1 || st.Skipped[ReasonUnreadable] != 1 || st.Skipped[ReasonNoText] != 1 {
		t.Errorf("skipped %v\n%s", st.Skipped, warn)
	}
	if !strings.Contains(warn, "blob.bin:1: binary file") || !strings.Contains(warn, "missing.jsonl: cannot open") {
		t.Errorf("warnings:\n%s", warn)
	}
}

// TestReaderLongLine checks that a line over the cap is skipped while the
// lines around it are read, and that memory stays bounded by the cap.
func TestReaderLongLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\"id\":\"a\",\"text\":\"before\"}\n{\"id\":\"big\",\"text\":\"")
	b.WriteString(strings.Repeat("x", 1<<20))
	b.WriteString("\"}\n{\"id\":\"c\",\"text\":\"after\"}\n")
	r := &Reader{Files: []string{"-"}, Stdin: strings.NewReader(b.String()), MaxLine: 64 << 10}
	docs, warn := readAll(t, r)
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "c" {
		t.Fatalf("docs %v; warnings:\n%s", len(docs), warn)
	}
	if r.Stats().Skipped[ReasonTooLong] != 1 || !strings.Contains(warn, "stdin:2: line longer than") {
		t.Errorf("stats %+v; warnings:\n%s", r.Stats(), warn)
	}
	if cap(r.buf) > 2*r.MaxLine {
		t.Errorf("line buffer grew to %d bytes for a cap of %d", cap(r.buf), r.MaxLine)
	}
	// Exactly at the cap is fine.
	line := `{"id":"e","text":"` + strings.Repeat("y", 100) + `"}`
	r = &Reader{Files: []string{"-"}, Stdin: strings.NewReader(line), MaxLine: len(line)}
	if docs, warn := readAll(t, r); len(docs) != 1 {
		t.Errorf("a line exactly at the cap was skipped: %s", warn)
	}
}

// TestReader50MB streams a 50 MB line through the default cap without
// materialising it.
func TestReader50MB(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the 50 MB line in -short mode")
	}
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		w.WriteString("{\"id\":\"huge\",\"text\":\"")
		chunk := bytes.Repeat([]byte("z"), 1<<20)
		for range 50 {
			w.Write(chunk)
		}
		w.WriteString("\"}\n{\"id\":\"next\",\"text\":\"fine\"}\n")
		w.Flush()
		pw.Close()
	}()
	r := &Reader{Files: []string{"-"}, Stdin: pr}
	docs, warn := readAll(t, r)
	if len(docs) != 1 || docs[0].ID != "next" || r.Stats().Skipped[ReasonTooLong] != 1 {
		t.Fatalf("docs %d, stats %+v, warnings %s", len(docs), r.Stats(), warn)
	}
	if cap(r.buf) > 2*DefaultMaxLine {
		t.Errorf("line buffer grew to %d bytes", cap(r.buf))
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"One.\"}\n"))
	f.Add([]byte("{\"id\":1,\"text\":\"x\",\"date\":\"2020-01-01\"}\r\n{bad\n\n"))
	f.Add([]byte("{\"text\":\"caf\xe9\"}\n\x00"))
	f.Add([]byte("\ufeff{\"id\":\"b\",\"text\":\"\\u2028\"}"))
	f.Add([]byte("plain text, not JSON"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &Reader{Files: []string{"-"}, Stdin: bytes.NewReader(data), MaxLine: 256}
		docs, _ := readAll(t, r)
		st := r.Stats()
		if st.Read != len(docs) {
			t.Fatalf("Read %d, returned %d", st.Read, len(docs))
		}
		for _, d := range docs {
			if d.ID == "" || strings.TrimSpace(d.Text) == "" {
				t.Fatalf("document without id or text: %+v", d)
			}
		}
		if len(docs)+st.SkippedTotal() > bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d documents and %d skipped from %d lines", len(docs), st.SkippedTotal(), bytes.Count(data, []byte("\n"))+1)
		}
	})
}

func BenchmarkReader(b *testing.B) {
	p := filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl")
	data, err := os.ReadFile(p)
	if err != nil {
		b.Skipf("skipping: %v", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := &Reader{Files: []string{"-"}, Stdin: bytes.NewReader(data)}
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	}
}

func TestReaderNoIDNotedOnce(t *testing.T) {
	in := strings.Repeat("{\"text\":\"x\",\"date\":\"2024-01-01\"}\n", 5)
	r := &Reader{Files: []string{"-"}, Stdin: strings.NewReader(in)}
	docs, warn := readAll(t, r)
	if len(docs) != 5 || docs[4].ID != "stdin:5" || r.Stats().NoID != 5 {
		t.Fatalf("docs %v, stats %+v", docs, r.Stats())
	}
	if n := strings.Count(warn, "\n"); n != 1 {
		t.Errorf("%d warning lines, want 1:\n%s", n, warn)
	}
}

// TestReaderPipeDoesNotWait checks that a document arriving alone on a pipe
// is returned before more input comes.
func TestReaderPipeDoesNotWait(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte("{\"id\":\"first\",\"text\":\"Alone.\"}\n"))
	r := &Reader{Files: []string{"-"}, Stdin: pr}
	doc, err := r.Next() // blocks forever if the reader waits for 8 KiB
	if err != nil || doc.ID != "first" {
		t.Fatalf("Next() = %+v, %v", doc, err)
	}
}

// TestReaderDates: ISO dates and RFC 3339 times are kept as days; other
// dates are bad input, counted and reported with their line, and the
// document takes --date instead; a file without dates is noted once, and
// takes its modification day only when asked.
func TestReaderDates(t *testing.T) {
	in := `{"id":"a","text":"x","date":"2025-06-03"}
{"id":"b","text":"x","date":"2025-06-03T23:30:00-05:00"}
{"id":"c","text":"x","date":"3 June 2025"}
{"id":"d","text":"x","date":"2025-06-31"}
{"id":"e","text":"x"}
`
	for _, c := range []struct {
		date string
		want []string
	}{
		{"", []string{"2025-06-03", "2025-06-03", "", "", ""}},
		{"2025-07-01", []string{"2025-06-03", "2025-06-03", "2025-07-01", "2025-07-01", "2025-07-01"}},
	} {
		r := &Reader{Files: []string{"-"}, Stdin: strings.NewReader(in), Date: c.date}
		docs, warn := readAll(t, r)
		if len(docs) != 5 {
			t.Fatalf("%d documents, want 5 (bad dates are not skipped)", len(docs))
		}
		for i, d := range docs {
			if d.Date != c.want[i] {
				t.Errorf("--date %q: %s dated %q, want %q", c.date, d.ID, d.Date, c.want[i])
			}
		}
		st := r.Stats()
		if st.BadDate != 2 || !strings.Contains(warn, "stdin:3: date \"3 June 2025\"") || !strings.Contains(warn, "stdin:4: date \"2025-06-31\"") {
			t.Errorf("--date %q: bad dates %d, warnings:\n%s", c.date, st.BadDate, warn)
		}
		if undated := strings.Count(warn, "no date"); c.date == "" && (undated != 1 || st.Undated != 3) || c.date != "" && undated != 0 {
			t.Errorf("--date %q: %d undated notes, %d undated; warnings:\n%s", c.date, undated, st.Undated, warn)
		}
	}
	// A text file: undated unless its day is asked for.
	dir := t.TempDir()
	path := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(path, []byte("Gunmen attacked a police post."), 0o644); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, day, day); err != nil {
		t.Fatal(err)
	}
	for _, fileDate := range []bool{false, true} {
		r := &Reader{Files: []string{path}, FileDate: fileDate}
		docs, warn := readAll(t, r)
		want := ""
		if fileDate {
			want = "2024-02-29"
		}
		if len(docs) != 1 || docs[0].Date != want {
			t.Errorf("FileDate %v: %+v, want date %q", fileDate, docs, want)
		}
		if noted := strings.Contains(warn, "no date"); noted == fileDate {
			t.Errorf("FileDate %v: warnings %q", fileDate, warn)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-06-03", "2025-06-03"},
		{"2024-02-29", "2024-02-29"},
		{"2025-06-03T10:00:00Z", "2025-06-03"},
		{"2025-06-03T23:30:00.5-05:00", "2025-06-03"},
		{"2025-06-31", ""},
		{"2023-02-29", ""},
		{"3 June 2025", ""},
		{"2025/06/03", ""},
		{"20250603", ""},
		{"yesterday", ""},
		{"2025-06-03 10:00", ""},
	} {
		got, ok := NormalizeDate(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCLI runs one faultline command line in dir and returns its status,
// standard output and standard error.
func runCLI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	st := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return st, out.String(), errb.String()
}

// TestReadOnlyCommandsRefuseMissingStore is issue 14 item 9: a mistyped
// --db path silently created an empty database and answered nothing with
// exit 0; watch in an empty folder created faultline.db.
func TestReadOnlyCommandsRefuseMissingStore(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join("..", "..", "examples", "kosovo", "rules.yml")
	pb := filepath.Join("..", "..", "examples", "kosovo", "playbook.yml")
	rules, _ = filepath.Abs(rules)
	pb, _ = filepath.Abs(pb)
	t.Setenv("FAULTLINE_DB", "")
	t.Setenv("FAULTLINE_POSTGRES", "")
	for _, args := range [][]string{
		{"events", "--db", "nosuch.db"},
		{"events"},
		{"watch", "--rules", rules, "--from", "2023-05-01", "--to", "2023-05-02"},
		{"watch", "--db", "nosuch.db", "--rules", rules, "--from", "2023-05-01", "--to", "2023-05-02"},
		{"ack", "--db", "nosuch.db", "--playbook", pb},
		{"work", "--db", "nosuch.db"},
	} {
		st, _, stderr := runCLI(t, dir, args...)
		if st != 1 || !strings.Contains(stderr, "no store at") {
			t.Errorf("%v: status %d, stderr %q; want 1 and \"no store at\"", args, st, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("a read-only command created %s", e.Name())
	}
}

// TestUsageErrorsSayWhatIsWrong is issue 14 item 11.
func TestUsageErrorsSayWhatIsWrong(t *testing.T) {
	db := seedStore(t)
	dir := t.TempDir()
	rulesFile, _ := filepath.Abs(filepath.Join("..", "..", "examples", "kosovo", "rules.yml"))
	pbFile, _ := filepath.Abs(filepath.Join("..", "..", "examples", "kosovo", "playbook.yml"))
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tabRules := write("tab.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n\tlevel: 1\n")
	tabPlaybook := write("tabpb.yml", "theatre: x\nforce: y\nlevels:\n  - level: 1\n\tresponse: r\n")
	for _, tc := range []struct {
		args   []string
		status int
		want   string // in stderr (or stdout for a clean check)
	}{
		{[]string{"events", "--db", db, "--format", "xml"}, 2, `--format "xml": want jsonl, csv, geojson, gdelt`},
		{[]string{"events", "--db", db, "--from", "2023-06-01", "--to", "2023-05-01"}, 2, "--from 2023-06-01 is after --to 2023-05-01"},
		{[]string{"events", "--db", db, "--country", "ZZZ"}, 2, `--country "ZZZ": no country has this ISO 3166-1 alpha-3 code`},
		{[]string{"events", "--db", db, "--country", "RS"}, 2, "give the ISO 3166-1 alpha-3 code, SRB for Serbia"},
		{[]string{"events", "--db", db, "--country", "srb"}, 0, ""},
		{[]string{"rules", "test", rulesFile}, 1, "is a rules file, not a rule test file"},
		{[]string{"rules", "check", pbFile}, 0, `playbook "kosovo", 3 levels, 3 units: OK`},
		{[]string{"playbook", "check", pbFile}, 0, `playbook "kosovo", 3 levels, 3 units: OK`},
		{[]string{"playbook", "check", tabPlaybook}, 1, "tabpb.yml:5:1: a tab in the indentation"},
		{[]string{"rules", "check", tabRules}, 1, "tab.yml:5:1: a tab in the indentation"},
		{[]string{"ack", "--db", db, "--playbook", pbFile, "abcdef123456", "--by", "duty officer"}, 2, "needs --by NAME and --why TEXT"},
		{[]string{"dict", "-h"}, 0, "-no-default-dict"},
		{[]string{"--version"}, 0, "faultline "},
	} {
		st, stdout, stderr := runCLI(t, "", tc.args...)
		if st != tc.status || !strings.Contains(stderr+stdout, tc.want) {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want %d with %q", tc.args, st, stdout, stderr, tc.status, tc.want)
		}
	}
}

// TestWatchOutput is issue 14 item 13 as a user sees it: each transition
// says what its value is, a replayed day is stamped with its last second
// (as serve does), and the run ends with a summary line.
func TestWatchOutput(t *testing.T) {
	db := seedStore(t)
	rulesFile := filepath.Join(t.TempDir(), "rules.yml")
	os.WriteFile(rulesFile, []byte(`groups:
- name: g
  rules:
  - alert: Busy
    by: [country]
    threshold: {measure: events, window: 1d, value: 1}
`), 0o644)
	st, stdout, stderr := runCLI(t, "", "watch", "--db", db, "--rules", rulesFile, "--from", "2023-01-01", "--to", "2023-01-10")
	if st != 0 {
		t.Fatalf("watch: status %d\n%s", st, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("%d transitions:\n%s", len(lines), stdout)
	}
	for _, l := range lines {
		if !strings.Contains(l, `"value_kind":"count"`) || !strings.Contains(l, `T23:59:59Z"`) || strings.Contains(l, "T00:00:00Z") {
			t.Errorf("transition %s: want value_kind count and end-of-day times", l)
		}
	}
	want := fmt.Sprintf("faultline watch: 10 evaluations (2023-01-01T23:59:59Z to 2023-01-10T23:59:59Z), %d transitions (", len(lines))
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "alerts firing at the end") {
		t.Errorf("stderr %q; want a summary line starting %q", stderr, want)
	}
}

// TestProgressLinesWithoutTerminal is issue 14 item 14: an ingest of
// 22,400 documents ran 20 s silently when standard error was not a
// terminal. Long runs of ingest, code and work now write a progress line
// every few seconds (here every 10 ms, to keep the test short).
func TestProgressLinesWithoutTerminal(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 10 * time.Millisecond
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	writeCorpus(t, corpus, 300)
	db := filepath.Join(dir, "p.db")
	for _, tc := range []struct {
		args   []string
		prefix string
	}{
		{[]string{"ingest", "--db", db, "--queue-only", corpus}, "faultline ingest: "},
		{[]string{"work", "--db", db, "--workers", "1"}, "faultline work: "},
		{[]string{"code", "--workers", "1", corpus}, "faultline code: "},
	} {
		st, _, stderr := runCLI(t, "", tc.args...)
		if st != 0 {
			t.Fatalf("%v: status %d\n%s", tc.args, st, stderr)
		}
		found := false
		for _, l := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(l, tc.prefix) && strings.Contains(l, " read, ") && strings.Contains(l, " coded, ") && strings.Contains(l, " docs/s") {
				found = true
			}
			if strings.ContainsAny(l, "\r\033") {
				t.Errorf("%v: terminal control characters in a log: %q", tc.args, l)
			}
		}
		if !found {
			t.Errorf("%v: no progress line in\n%s", tc.args, stderr)
		}
	}
	st, _, stderr := runCLI(t, "", "code", "--progress=false", corpus)
	if st != 0 || strings.Contains(stderr, "docs/s") {
		t.Errorf("--progress=false: status %d, stderr %q", st, stderr)
	}
}

// TestCodeFormats: issue 14 item 10 through 'faultline code': two files
// differing only in extension are two documents; CSV by --text-column; a
// PDF is refused with what to do, and counted.
func TestCodeFormats(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"report.txt": "NATO sent troops to Kosovo.",
		"report.md":  "NATO sent troops to Kosovo.",
		"wire.csv":   "id,body\nw1,Serbian police arrested ten protesters in Zvecan.\n",
		"scan.pdf":   "%PDF-1.4\nBT (Troops attacked) Tj ET\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	st, stdout, stderr := runCLI(t, "", "code", "--progress=false", "--text-column", "body",
		filepath.Join(dir, "report.txt"), filepath.Join(dir, "report.md"), filepath.Join(dir, "wire.csv"), filepath.Join(dir, "scan.pdf"))
	if st != 1 || !strings.Contains(stderr, "4 documents read, 3 coded, 1 skipped (unsupported 1)") ||
		!strings.Contains(stderr, "scan.pdf: PDF is not supported: convert it to text first") {
		t.Errorf("status %d, stderr:\n%s", st, stderr)
	}
	for _, id := range []string{`"doc_id":"report.txt"`, `"doc_id":"report.md"`, `"doc_id":"w1"`} {
		if !strings.Contains(stdout, id) {
			t.Errorf("no event with %s in\n%s", id, stdout)
		}
	}
}

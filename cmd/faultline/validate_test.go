package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faultline/faultline/validate"
)

// Pass-rate floors of the field's suites through the real coder: the
// figures issue 2 requires, so CI fails when the coder drops below them.
const (
	floorTABARI   = 0.80
	floorPETRARCH = 0.60
)

func TestValidateFieldSuites(t *testing.T) {
	peers := filepath.Join("..", "..", "..", "shared", "peers")
	if _, err := os.Stat(peers); err != nil {
		t.Skipf("field suites not found at %s (../shared absent): %v", peers, err)
	}
	for _, tc := range []struct {
		name  string
		path  string
		floor float64
	}{
		{"TABARI", filepath.Join(peers, "tabari", "Validate.project"), floorTABARI},
		{"PETRARCH", filepath.Join(peers, "petrarch", "text", "PETR.UnitTest.records.xml"), floorPETRARCH},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := validate.Load(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := newSuiteCoder(s.DictFiles)
			if err != nil {
				t.Fatal(err)
			}
			res := validate.Run(context.Background(), s, c, nil)
			if n := res.Passed + res.Failed + res.Skipped; n != len(s.Records) {
				t.Fatalf("judged %d records of %d", n, len(s.Records))
			}
			t.Logf("%s: %d passed, %d failed, %d skipped: pass rate %.3f (floor %.2f)",
				tc.name, res.Passed, res.Failed, res.Skipped, res.Rate(), tc.floor)
			if res.Rate() < tc.floor {
				t.Errorf("%s pass rate %.3f below the floor %.2f", tc.name, res.Rate(), tc.floor)
			}
		})
	}
}

const tinyText = `950101  NONE
Nothing happens here at all today.
/* \n{---} */

950101  EVENT
Arnor restored ties with Gondor.
/* \n{ ARN / GON / 064 } */

950101  OFF
Arnor restored ties with Gondor.
/* \n-{ ARN / GON / 064 } */
`

func writeTiny(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tiny.text"), []byte(tinyText), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "tiny.project")
	if err := os.WriteFile(p, []byte("Tiny suite\n<textfile> tiny.text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidateCommand(t *testing.T) {
	project := writeTiny(t)
	failList := filepath.Join(t.TempDir(), "fails.txt")
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   []string // lines that must appear
		last     string   // the closing line
		notInOut string
	}{
		{"run", []string{project, "--fail-list", failList}, 0,
			[]string{"FAIL EVENT: want ARN/GON/064 got no events (missing ARN/GON/064)"}, "1 passed, 1 failed", "PASS"},
		{"verbose", []string{"-v", project}, 0,
			[]string{"PASS NONE: no events", "SKIP OFF: got no events (check deactivated in the suite (-{))"}, "1 passed, 1 failed", ""},
		{"only", []string{"--only", "NONE", project}, 0, nil, "1 passed, 0 failed", "FAIL"},
		{"only unknown", []string{"--only", "NOPE", project}, 1, nil, "", ""},
		{"missing suite", []string{filepath.Join(t.TempDir(), "none.project")}, 1, nil, "", ""},
		{"no suite", nil, 2, nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runValidate(context.Background(), tc.args, nil, &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, errb.String())
			}
			lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			for _, want := range tc.stdout {
				if !strings.Contains(out.String(), want+"\n") {
					t.Errorf("stdout lacks %q:\n%s", want, out.String())
				}
			}
			if tc.last != "" && lines[len(lines)-1] != tc.last {
				t.Errorf("last line %q, want %q", lines[len(lines)-1], tc.last)
			}
			if tc.notInOut != "" && strings.Contains(out.String(), tc.notInOut) {
				t.Errorf("stdout has %q:\n%s", tc.notInOut, out.String())
			}
			if tc.code != 0 && errb.Len() == 0 {
				t.Errorf("exit %d without a message", code)
			}
		})
	}
	data, err := os.ReadFile(failList)
	if err != nil || string(data) != "EVENT\n" {
		t.Errorf("fail list %q, %v", data, err)
	}
}

func TestStoryOf(t *testing.T) {
	for _, tt := range []struct {
		id, story string
		ok        bool
	}{
		{"FRWD-001-002", "FRWD-001", true},
		{"PATTERN-25", "", false},
		{"CODEBY-12", "", false},
		{"A-12a", "", false},
		{"-001", "", false},
	} {
		if story, ok := storyOf(tt.id); story != tt.story || ok != tt.ok {
			t.Errorf("storyOf(%q) = %q, %v; want %q, %v", tt.id, story, ok, tt.story, tt.ok)
		}
	}
}

package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faultline/faultline/validate"
)

// peers is where the field's suites are read in place.
func peers(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "peers")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("field suites not found at %s under $CI: %v", p, err)
		}
		t.Skipf("field suites not found at %s (../shared absent): %v", p, err)
	}
	return p
}

type counts struct {
	records, want, skip, noEvents, discard, complex, errs, options, overrides int
}

func count(s *validate.Suite) counts {
	var c counts
	c.records = len(s.Records)
	for _, r := range s.Records {
		c.want += len(r.Want)
		c.options += len(r.Options)
		c.overrides += len(r.Overrides)
		if r.SkipCheck {
			c.skip++
		}
		if r.NoEvents {
			c.noEvents++
		}
		if r.Discard {
			c.discard++
		}
		if r.Complex {
			c.complex++
		}
		if r.Error != "" {
			c.errs++
		}
	}
	return c
}

func find(s *validate.Suite, id string) *validate.Record {
	for i := range s.Records {
		if s.Records[i].ID == id {
			return &s.Records[i]
		}
	}
	return nil
}

func TestLoadTABARI(t *testing.T) {
	s, err := validate.Load(filepath.Join(peers(t), "tabari", "Validate.project"))
	if err != nil {
		t.Fatal(err)
	}
	want := counts{records: 472, want: 524, skip: 29, noEvents: 16, discard: 7, complex: 21, options: 31}
	if got := count(s); got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if s.Format != "tabari" || len(s.DictFiles) != 4 {
		t.Errorf("format %q, dicts %v", s.Format, s.DictFiles)
	}
	for _, f := range s.DictFiles {
		if !filepath.IsAbs(f) {
			t.Errorf("dictionary %s is not absolute", f)
		}
	}
	if first, last := s.Records[0].ID, s.Records[len(s.Records)-1].ID; first != "START-00" || last != "MINWRD-05" {
		t.Errorf("records run %s..%s, want START-00..MINWRD-05 (the end record excluded)", first, last)
	}
	d := find(s, "DEMO-04")
	if d == nil || d.Date != "1995-01-03" || len(d.Want) != 2 || d.Want[1] != (validate.Expected{Source: "GON", Target: "DAG", Code: "033", Date: "1995-01-03"}) {
		t.Errorf("DEMO-04 = %+v", d)
	}
	// DEMO-04's text is wrapped over three lines, the first ending in a
	// space after "for" and the second opening with a place name: the lines
	// are joined by single spaces.
	if d != nil && (!wellJoined(d.Text) || !strings.HasPrefix(d.Text, "Dagolath's ") || !strings.Contains(d.Text, " for Minas ") ||
		len(strings.Fields(d.Text)) != 26) {
		t.Errorf("DEMO-04 text = %q, want its three lines joined (26 words)", d.Text)
	}
	if r := find(s, "DEMO-05"); r == nil || !r.SkipCheck || len(r.Want) != 1 {
		t.Errorf("DEMO-05 (-{) = %+v", r)
	}
	if r := find(s, "DEFAULT-CMD01"); r == nil || len(r.Options) != 2 || r.Options[0] != "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER" {
		t.Errorf("DEFAULT-CMD01 options = %+v", r)
	}
	// The unclosed { OPTION: ... */ still gives its option.
	if r := find(s, "MINWRD-ACTIVATE"); r == nil || len(r.Options) != 1 || r.Options[0] != "SET: MINIMUM WORDS = 4" {
		t.Errorf("MINWRD-ACTIVATE options = %+v", r)
	}
	// COMPOUND-06 ends its comment with /*: COMPOUND-07 must still be read.
	if r := find(s, "COMPOUND-07"); r == nil || !r.SkipCheck || len(r.Want) != 8 {
		t.Errorf("COMPOUND-07 = %+v", r)
	}
	if r := find(s, "COMPOUND-06"); r == nil || len(r.Want) != 4 {
		t.Errorf("COMPOUND-06 = %+v", r)
	}
	// The comment in the middle of DEBUG-08b's text.
	if r := find(s, "DEBUG-08b"); r == nil || !r.Complex || strings.Count(r.Text, "A choice of celebratory") != 3 {
		t.Errorf("DEBUG-08b = %+v", r)
	}
	if r := find(s, "YYYY-03"); r == nil || r.Date != "" || r.RawDate != "186010029" {
		t.Errorf("YYYY-03 = %+v", r)
	}
	if r := find(s, "YYYY-01"); r == nil || r.Date != "2015-06-07" {
		t.Errorf("YYYY-01 = %+v", r)
	}
	// A seven-digit date is read at TABARI's fixed YYMMDD width.
	if r := find(s, "ACTORSYN-01"); r == nil || r.Date != "1995-01-20" {
		t.Errorf("ACTORSYN-01 = %+v", r)
	}
	// Only the two comments closed with /* are warned about: the
	// unclosed { OPTION: lines are read to their end as TABARI does.
	if len(s.Warnings) != 2 {
		t.Errorf("warnings = %q", s.Warnings)
	}
}

func TestLoadPETRARCH(t *testing.T) {
	s, err := validate.Load(filepath.Join(peers(t), "petrarch", "text", "PETR.UnitTest.records.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := counts{records: 284, want: 359, skip: 7, noEvents: 19, discard: 4, errs: 3, options: 28}
	if got := count(s); got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if len(s.DictFiles) != 4 || filepath.Base(s.DictFiles[0]) != "PETR.Validate.verbs.txt" {
		t.Errorf("dicts = %v", s.DictFiles)
	}
	if len(s.Options) != 1 || s.Options[0] != "stop_on_error=True" {
		t.Errorf("global options = %v", s.Options)
	}
	r := find(s, "DATE-16")
	if r == nil || strings.Join(r.Options, ",") != "require_dyad=False,comma_emax=0" {
		t.Errorf("DATE-16 options = %+v", r)
	}
	// DEMO-00's <Text> holds two lines between line breaks.
	if r := find(s, "DEMO-00"); r == nil || r.Date != "1995-01-01" || !wellJoined(r.Text) || !strings.HasPrefix(r.Text, "Arnor ") ||
		!strings.HasSuffix(r.Text, "embassy.") || len(strings.Fields(r.Text)) != 18 {
		t.Errorf("DEMO-00 = %+v, want its two lines joined (18 words)", r)
	}
	if r := find(s, "COMPOUND-36"); r == nil || !r.SkipCheck {
		t.Errorf("COMPOUND-36 (category COMPOUNDx) = %+v", r)
	}
	if r := find(s, "ERROR-01"); r == nil || r.Error != "dateline" {
		t.Errorf("ERROR-01 = %+v", r)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings = %q", s.Warnings)
	}
}

// wellJoined reports whether a record's text has its lines joined by single
// spaces, with no space at either end.
func wellJoined(text string) bool {
	return text != "" && text == strings.Join(strings.Fields(text), " ")
}

// TestLoadSuitesAgree compares the two suites' copies of TABARI's first
// demonstration record: PETRARCH's stops at the comma where TABARI's goes on,
// and both are wrapped in the files, so both readers must join their lines
// the same way.
func TestLoadSuitesAgree(t *testing.T) {
	dir := peers(t)
	tab, err := validate.Load(filepath.Join(dir, "tabari", "Validate.project"))
	if err != nil {
		t.Fatal(err)
	}
	petr, err := validate.Load(filepath.Join(dir, "petrarch", "text", "PETR.UnitTest.records.xml"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := find(tab, "DEMO-01"), find(petr, "DEMO-00")
	if a == nil || b == nil {
		t.Fatalf("TABARI DEMO-01 %v, PETRARCH DEMO-00 %v", a, b)
	}
	head := strings.TrimSuffix(b.Text, ".")
	if head == b.Text || !strings.HasPrefix(a.Text, head+", ") || a.Date != b.Date {
		t.Errorf("TABARI DEMO-01 (%s) %q does not continue PETRARCH DEMO-00 (%s) %q", a.Date, a.Text, b.Date, b.Text)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, tc := range map[string]struct{ file, body, msg string }{
		"missing file":       {"none", "", "no such file"},
		"project no text":    {"a.project", "<actorsfile> x.actors\n", "no <textfile>"},
		"project no dict":    {"b.project", "<actorsfile> x.actors\n<textfile> t.text\n", "t.text"},
		"xml broken":         {"c.xml", "<Validation><Environment>", "c.xml:1"},
		"xml not validation": {"d.xml", "<?xml version=\"1.0\"?><Other/>", "not a PETRARCH"},
		"xml missing dict":   {"e.xml", "<Validation><Environment><Verbfile>nope.txt</Verbfile></Environment><Sentences/></Validation>", "nope.txt"},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			if tc.body != "" {
				p = write(tc.file, tc.body)
			}
			_, err := validate.Load(p)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Load error = %v, want one containing %q", err, tc.msg)
			}
		})
	}
}

package rules_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faultline/faultline/rules"
)

// TestFixtures parses every testdata/*.good.yml (which must pass) and
// *.bad.yml (which must fail with each error named in its "# error:" lines).
func TestFixtures(t *testing.T) {
	good, _ := filepath.Glob("testdata/*.good.yml")
	bad, _ := filepath.Glob("testdata/*.bad.yml")
	if len(good) == 0 || len(bad) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	for _, path := range good {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := rules.ParseFile(path)
			if err != nil {
				t.Fatalf("unexpected errors:\n%v", err)
			}
			if len(f.Rules()) == 0 {
				t.Error("no rules parsed")
			}
		})
	}
	for _, path := range bad {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, line := range strings.Split(string(data), "\n") {
				if w, ok := strings.CutPrefix(line, "# error: "); ok {
					want = append(want, path+":"+w)
				}
			}
			if len(want) == 0 {
				t.Fatal("a bad fixture must name its errors in '# error: ' lines")
			}
			_, err = rules.Parse(path, data)
			var errs rules.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want rules.Errors", err)
			}
			got := err.Error()
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("missing error %q", w)
				}
			}
			if len(errs) != len(want) {
				t.Errorf("got %d errors, want %d:\n%s", len(errs), len(want), got)
			}
		})
	}
}

func TestParsedValues(t *testing.T) {
	f, err := rules.ParseFile("testdata/threshold.good.yml")
	if err != nil {
		t.Fatal(err)
	}
	r := f.Rules()[0]
	if r.Name != "ForceAttacked" || r.Group != "kosovo" || r.Level != 2 {
		t.Errorf("rule %+v", r)
	}
	th := r.Threshold
	if th == nil || th.Window != 3 || th.Op != ">=" || th.Value != 10 || th.Measure.String() != "injured" {
		t.Errorf("threshold %+v", th)
	}
	if r.Labels["theatre"] != "kosovo" || r.Labels["severity"] != "critical" {
		t.Errorf("labels %v: want the group's and the rule's", r.Labels)
	}
	if r.KeepFiringFor.Hours() != 48 || len(r.By) != 1 || r.By[0].String() != "admin1" {
		t.Errorf("keep_firing_for %v by %v", r.KeepFiringFor, r.By)
	}
	b := f.Rules()[1].Scope.BBox
	if b == nil || b.MinLon != 20 || b.MaxLat != 43.5 {
		t.Errorf("bbox %+v", b)
	}
}

func TestParseDuration(t *testing.T) {
	for _, c := range []struct {
		in    string
		hours float64
		ok    bool
	}{
		{"0", 0, true}, {"1d", 24, true}, {"2w", 336, true}, {"1w2d", 216, true},
		{"36h", 36, true}, {"90m", 1.5, true}, {"1d12h", 0, false}, {"d", 0, false},
		{"-1h", 0, false}, {"soon", 0, false}, {"", 0, false},
	} {
		got, err := rules.ParseDuration(c.in)
		if (err == nil) != c.ok || c.ok && got.Hours() != c.hours {
			t.Errorf("ParseDuration(%q) = %v, %v", c.in, got, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.yml")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := rules.Parse("fuzz.yml", data)
		if err == nil && file == nil {
			t.Fatal("no file and no error")
		}
		if err != nil {
			var errs rules.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error is not rules.Errors: %v", err)
			}
		}
	})
}

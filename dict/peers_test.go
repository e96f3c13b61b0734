package dict

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// peers is where the field's dictionaries are kept, read in place.
const peers = "../../shared/peers"

func peerFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(peers, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("peer dictionaries not available (%v): skipping", err)
	}
	return p
}

// errorKinds summarises errors by their message up to the first quote, for
// the test log.
func errorKinds(errs []error) string {
	kinds := map[string]int{}
	for _, e := range errs {
		m := e.(*LineError).Msg
		switch {
		case strings.Contains(m, " repeats the one at "):
			m = "repeated actor name"
		case strings.HasSuffix(m, " has no code"):
			m = "actor without a code"
		}
		if i := strings.IndexAny(m, "\"[!"); i > 0 {
			m = m[:i]
		}
		kinds[strings.TrimSpace(m)]++
	}
	var out []string
	for k, n := range kinds {
		out = append(out, k+" ×"+itoa(n))
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

func itoa(n int) string {
	b := []byte{}
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}

// TestPeerFiles loads every dictionary of the field and checks the counts
// against peers/README.md and what the files hold. maxErrs bounds the bad
// lines each is known to have (typos in the originals, listed in the log).
func TestPeerFiles(t *testing.T) {
	type count func(*Set) int
	actors := func(s *Set) int { return len(s.Actors) }
	patterns := func(s *Set) int { return s.Verbs.NumPatterns() }
	agents := func(s *Set) int { return len(s.Agents) }
	tests := []struct {
		file     string
		n        count
		min, max int
		maxErrs  int
	}{
		{"tabari/CAMEO.080612.verbs", patterns, 14600, 14626, 11},
		{"tabari/TABARI.Demo.verbs", patterns, 400, 420, 0},
		{"tabari/CountryInfo.120116.actors", actors, 22700, 22831, 20},
		{"tabari/TABARI.Demo.actors", actors, 100, 130, 5},
		{"tabari/Validate.agents", agents, 80, 90, 0},
		{"tabari/Validate.options", func(s *Set) int { return len(s.Options.Labels) }, 80, 100, 0},
		{"tabari/CAMEO.09b5.TINYHACK.options", func(s *Set) int { return len(s.Options.Labels) }, 250, 300, 0},
		{"petrarch/dictionaries/CAMEO.verbpatterns.150430.txt", patterns, 11000, 11011, 3},
		{"petrarch/dictionaries/CAMEO.2.0.txt", patterns, 4600, 4668, 1},
		{"petrarch/dictionaries/PETR.Validate.verbs.txt", patterns, 450, 510, 1},
		{"petrarch/dictionaries/PETR.Validate.actors.txt", actors, 110, 140, 5},
		{"petrarch/dictionaries/PETR.Validate.agents.txt", agents, 80, 95, 0},
		{"petrarch/dictionaries/PETR.Validate.discards.txt", func(s *Set) int { return len(s.Discards) }, 9, 9, 0},
		{"petrarch/dictionaries/Phoenix.Countries.actors.txt", actors, 18000, 18700, 15},
		{"petrarch/dictionaries/Phoenix.International.actors.txt", actors, 6500, 7900, 1200},
		{"petrarch/dictionaries/Phoenix.MilNonState.actors.txt", actors, 1000, 1030, 3},
		{"petrarch/dictionaries/Phoenix.agents.txt", agents, 2200, 2300, 2},
		{"petrarch/dictionaries/Phoenix.discards.txt", func(s *Set) int { return len(s.Discards) }, 500, 512, 0},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			s := &Set{}
			if err := s.LoadFile(peerFile(t, tt.file)); err != nil {
				t.Fatal(err)
			}
			n := tt.n(s)
			t.Logf("%d entries, %d bad lines: %s", n, len(s.Errors), errorKinds(s.Errors))
			if n < tt.min || n > tt.max {
				t.Errorf("read %d entries, want %d..%d", n, tt.min, tt.max)
			}
			if len(s.Errors) > tt.maxErrs {
				t.Errorf("%d bad lines, want at most %d; first: %v", len(s.Errors), tt.maxErrs, s.Errors[0])
			}
			for _, e := range s.Errors {
				le, ok := e.(*LineError)
				if !ok || le.File == "" || le.Line < 1 {
					t.Fatalf("error %v is not a positioned *LineError", e)
				}
			}
		})
	}
}

// TestPhoenixTotal checks the README's figure for the three Phoenix actor
// files together (about 27,000 actors).
func TestPhoenixTotal(t *testing.T) {
	s := loadPhoenix(t)
	if n := len(s.Actors); n < 25000 || n > 28000 {
		t.Errorf("%d Phoenix actors, want about 27,000", n)
	}
	if len(s.Agents) < 2000 || len(s.Discards) < 500 || s.Verbs.NumPatterns() < 11000 {
		t.Errorf("agents %d discards %d patterns %d", len(s.Agents), len(s.Discards), s.Verbs.NumPatterns())
	}
}

var phoenixFiles = []string{
	"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
	"Phoenix.agents.txt", "Phoenix.discards.txt", "CAMEO.verbpatterns.150430.txt",
}

func loadPhoenix(tb testing.TB) *Set {
	tb.Helper()
	s := &Set{}
	for _, f := range phoenixFiles {
		if err := s.LoadFile(peerFile(tb, "petrarch/dictionaries/"+f)); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func BenchmarkLoadPhoenix(b *testing.B) {
	peerFile(b, "petrarch/dictionaries")
	b.ReportAllocs()
	for b.Loop() {
		loadPhoenix(b)
	}
}

func TestProject(t *testing.T) {
	path := peerFile(t, "tabari/Validate.project")
	p, errs, err := ParseProject(path)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	dir := filepath.Dir(path)
	want := Project{Path: path, Actors: []string{filepath.Join(dir, "TABARI.Demo.actors")},
		Verbs: []string{filepath.Join(dir, "TABARI.Demo.verbs")}, Agents: []string{filepath.Join(dir, "Validate.agents")},
		Options: filepath.Join(dir, "Validate.options"), Text: []string{filepath.Join(dir, "Validate.text")}}
	if !equalProject(p, want) {
		t.Errorf("got %+v\nwant %+v", p, want)
	}
	s := &Set{}
	if err := s.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if len(s.Actors) < 100 || len(s.Agents) < 80 || s.Verbs.NumPatterns() < 400 || len(s.Options.Labels) < 80 {
		t.Errorf("project loaded actors %d agents %d patterns %d labels %d", len(s.Actors), len(s.Agents), s.Verbs.NumPatterns(), len(s.Options.Labels))
	}
}

func equalProject(a, b Project) bool {
	return a.Path == b.Path && a.Options == b.Options && strings.Join(a.Actors, ",") == strings.Join(b.Actors, ",") &&
		strings.Join(a.Verbs, ",") == strings.Join(b.Verbs, ",") && strings.Join(a.Agents, ",") == strings.Join(b.Agents, ",") &&
		strings.Join(a.Text, ",") == strings.Join(b.Text, ",")
}

// BenchmarkLoadTabari loads TABARI's CAMEO dictionaries, the set of the
// AG News speed benchmark.
func BenchmarkLoadTabari(b *testing.B) {
	actors := peerFile(b, "tabari/CountryInfo.120116.actors")
	verbs := peerFile(b, "tabari/CAMEO.080612.verbs")
	b.ReportAllocs()
	for b.Loop() {
		s := &Set{}
		if err := s.LoadFile(actors); err != nil {
			b.Fatal(err)
		}
		if err := s.LoadFile(verbs); err != nil {
			b.Fatal(err)
		}
	}
}

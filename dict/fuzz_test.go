package dict

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzLoad loads data as kind and checks the parser's promises: no panic,
// no returned error from a reader that cannot fail, and every bad line a
// *LineError whose line is within the input.
func fuzzLoad(t *testing.T, kind Kind, data []byte) {
	s := &Set{}
	if err := s.Load("f", bytes.NewReader(data), kind); err != nil {
		t.Fatalf("Load returned %v", err)
	}
	lines := strings.Count(string(data), "\n") + 1
	for _, e := range s.Errors {
		le, ok := e.(*LineError)
		if !ok {
			t.Fatalf("error %v is %T, not *LineError", e, e)
		}
		if le.File != "f" || le.Line < 1 || le.Line > lines {
			t.Fatalf("error %v: line out of 1..%d", le, lines)
		}
	}
	for _, a := range s.Actors {
		if len(a.Phrases) == 0 || len(a.Codes) == 0 {
			t.Fatalf("actor without phrase or code: %+v", a)
		}
	}
	for _, v := range s.Verbs.Verbs {
		if len(v.Phrases) == 0 {
			t.Fatalf("verb without phrase: %+v", v)
		}
	}
}

func FuzzVerbs(f *testing.F) {
	for _, s := range []string{
		"<SYNSETS>\n&X\n+A_B\n</SYNSETS>\n<TIME>\nT [+1]\n- * AND T [+3]\n</TIME>\nV [010] ;c\n- $ * + IN_ X [190]\n{ A_ B }\n",
		"&S_\n+A\n--- G [010] ---\nV {VS VED}\n+M_W {+MS_W}\n- * { A | &S } [1:2]\n- * (TO {X Y}) [:173]\n",
		"--- G ###\nV\n- ^ % * [---]\n-- + * [\n~~FINISH\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, KindVerbs, data) })
}

func FuzzActors(f *testing.F) {
	for _, s := range []string{
		"A [B] ;c\nC_ [D 991201-010114] [---]\nE [F >20120507]\n+G\n",
		"<!-- x -->\nA_\n+B\n\t[C 630101-900804]\n\t[D]\nE\n\t[F < 950601]\n<NOUN>\nX\n</NOUN>\n",
		"A [\n[B]\n+C\nA [D]\nA [E]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, KindActors, data) })
}

func FuzzAgents(f *testing.F) {
	for _, s := range []string{
		"!P! = MAN, MEN\nX!P! {Y!P!} [~GOV] # c\nZ {} [NGO~]\n",
		"A [~B}\n!Q = R\nS!T! [~U]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, KindAgents, data) })
}

func FuzzDiscards(f *testing.F) {
	f.Add([]byte("# c\nMONTHS LATER\n+ World Golf # x\n+\n1914\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, KindDiscards, data) })
}

func FuzzOptions(f *testing.F) {
	f.Add([]byte("// c\nLABEL: 010=YIELD\nSET: X = Y\nbad\nLABEL: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, KindOptions, data) })
}

func FuzzProject(f *testing.F) {
	for _, s := range []string{
		"Example project\n<actorsfile> a.actors\n<verbsfile>\tv.verbs\n<optionsfile> o.options\n",
		"<textfile>\n<agentsfile> x.agents\n",
		"<session 1> <coder x>\n<actorsfile> /abs/path.actors\n",
		"<",
		"<actorsfile" + strings.Repeat("x", 2<<20) + "> y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, errs := parseProject("dir/p.project", data)
		lines := strings.Count(string(data), "\n") + 1
		for _, e := range errs {
			le, ok := e.(*LineError)
			if !ok || le.Line < 1 || le.Line > lines {
				t.Fatalf("error %v: not a *LineError within 1..%d", e, lines)
			}
		}
		for _, f := range append(append(append(append([]string{}, p.Actors...), p.Verbs...), p.Agents...), p.Text...) {
			if f == "" {
				t.Fatal("empty file name kept")
			}
		}
	})
}

// TestProjectBadLines checks that a tag without a file name is skipped and
// reported with its line, and the entries after it still load.
func TestProjectBadLines(t *testing.T) {
	p, errs := parseProject("dir/p.project", []byte("title\n<actorsfile>\n<verbsfile> v.verbs\n"))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "dir/p.project:2: <actorsfile> has no file name") {
		t.Errorf("errors %v", errs)
	}
	if len(p.Actors) != 0 || len(p.Verbs) != 1 || p.Verbs[0] != "dir/v.verbs" {
		t.Errorf("project %+v", p)
	}
}

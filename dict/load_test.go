package dict

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		name, head string
		want       Kind
	}{
		{"x/CAMEO.080612.verbs", "", KindVerbs},
		{"CAMEO.verbpatterns.150430.txt", "", KindVerbs},
		{"CAMEO.2.0.txt", "", KindVerbs2},
		{"own.verbs.txt", "", KindVerbs},
		{"CountryInfo.120116.actors", "", KindActors},
		{"Phoenix.Countries.actors.txt", "", KindActors},
		{"Validate.agents", "", KindAgents},
		{"Phoenix.discards.txt", "", KindDiscards},
		{"Validate.options", "", KindOptions},
		{"Validate.project", "", KindProject},
		{"Phoenix.IssueCoding.txt", "", KindIssues},
		{"a.txt", "<SYNSETS>\n", KindVerbs},
		{"a.txt", "# x\nPOLICE [~COP]\n", KindAgents},
		{"a.txt", "# x\nARGENTINA [ARG]\n", KindActors},
		{"a.txt", "LABEL: 010=YIELD\n", KindOptions},
		{"a.txt", "<actorsfile> a\n", KindProject},
		{"a.txt", "hello\n", KindUnknown},
	}
	for _, tt := range tests {
		if got := KindOf(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("KindOf(%q, %q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestLoadUnknown(t *testing.T) {
	s := &Set{}
	if err := s.Load("a.txt", strings.NewReader("hello\n"), KindUnknown); err == nil {
		t.Error("loading an unrecognisable file gave no error")
	}
	if err := s.LoadFile("does/not/exist.verbs"); err == nil {
		t.Error("loading a missing file gave no error")
	}
}

func TestDefault(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Errors {
		t.Errorf("embedded dictionary: %v", e)
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"d/README.md":      {Data: []byte("not loaded")},
		"d/a.actors.txt":   {Data: []byte("ARGENTINA_ [ARG]\n")},
		"d/b.agents.txt":   {Data: []byte("POLICE [~COP]\n")},
		"d/c.verbs.txt":    {Data: []byte("--- G [010] ---\nSAY\n- * [011]\n")},
		"d/d.discards.txt": {Data: []byte("+WORLD CUP\nbad [x]\n")},
	}
	s, err := LoadFS(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Actors) != 1 || len(s.Agents) != 1 || s.Verbs.NumPatterns() != 1 || len(s.Discards) != 1 {
		t.Errorf("loaded %+v", s)
	}
	if len(s.Errors) != 1 || !strings.HasPrefix(s.Errors[0].Error(), "d/d.discards.txt:2: ") {
		t.Errorf("errors %v", s.Errors)
	}
}

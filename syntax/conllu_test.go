package syntax

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadCoNLLU(t *testing.T) {
	good := "# sent_id = a1\n# text = They don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n" +
		"3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
	for _, tc := range []struct {
		name, in string
		sents    int
		err      string // substring of the error, "" for none
	}{
		{"good", good, 1, ""},
		{"two and no final blank", good + "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_", 2, ""},
		{"empty", "", 0, ""},
		{"comments only", "# x\n\n", 0, "t:1: sentence has no words"},
		{"nine columns", "1\ta\ta\tX\tX\t_\t0\troot\t_\n", 0, "t:1: 9 tab-separated columns"},
		{"bad id", "x\ta\ta\tX\tX\t_\t0\troot\t_\t_\n", 0, "t:1: bad word id"},
		{"out of order", "2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n", 0, "t:1: word id 2 out of order"},
		{"bad head", "1\ta\ta\tX\tX\t_\t-1\troot\t_\t_\n", 0, "t:1: bad head"},
		{"self head", "1\ta\ta\tX\tX\t_\t1\troot\t_\t_\n", 0, "own head"},
		{"head too far", "1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n", 0, "t:1: word 1 has head 5"},
		{"bad range", "1-x\ta\t_\t_\t_\t_\t_\t_\t_\t_\n", 0, "t:1: bad multiword"},
		{"error keeps earlier", good + "1\ta\n", 1, "t:10:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCoNLLU(strings.NewReader(tc.in), "t")
			if tc.err == "" && err != nil {
				t.Fatalf("error %v", err)
			}
			if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("error %v, want one with %q", err, tc.err)
			}
			if len(got) != tc.sents {
				t.Fatalf("%d sentences, want %d", len(got), tc.sents)
			}
		})
	}
	s, err := ReadCoNLLU(strings.NewReader(good), "t")
	if err != nil {
		t.Fatal(err)
	}
	if s[0].ID != "a1" || s[0].Text != "They don't." || len(s[0].Words) != 4 || len(s[0].Tokens) != 1 {
		t.Fatalf("read %+v", s[0])
	}
	if w := s[0].Words[2]; w.Form != "go" || w.Head != 0 || w.Deprel != "root" || w.SpaceAfter {
		t.Errorf("word 3 read as %+v", w)
	}
	if r := s[0].Tokens[0]; r.First != 0 || r.Last != 1 || r.Form != "don't" {
		t.Errorf("range read as %+v", r)
	}
}

func TestWriteCoNLLURoundTrip(t *testing.T) {
	tr := &Tree{Nodes: []Node{
		{Form: "Troops", Lemma: "troop", UPOS: "NOUN", XPOS: "NNS", Feats: "Number=Plur", Head: 1, Deprel: "nsubj"},
		{Form: "left", Lemma: "leave", UPOS: "VERB", XPOS: "VBD", Head: -1, Deprel: "root"},
	}}
	var buf bytes.Buffer
	if err := WriteCoNLLU(&buf, []string{"text = Troops left"}, tr); err != nil {
		t.Fatal(err)
	}
	s, err := ReadCoNLLU(&buf, "written")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || s[0].Text != "Troops left" || len(s[0].Words) != 2 {
		t.Fatalf("read back %+v", s)
	}
	for i, w := range s[0].Words {
		n := tr.Nodes[i]
		if w.Form != n.Form || w.Lemma != n.Lemma || w.Head != n.Head+1 || w.Deprel != n.Deprel || w.Feats != orUnderscore(n.Feats) {
			t.Errorf("word %d: wrote %+v, read %+v", i, n, w)
		}
	}
}

// FuzzReadCoNLLU holds the reader to never panic, to return only trees
// whose heads are in range, and to name the line of any error.
func FuzzReadCoNLLU(f *testing.F) {
	f.Add(tinyTreebank)
	f.Add("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n")
	f.Add("# text = x\n1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLU(strings.NewReader(in), "fuzz")
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz:") {
			t.Fatalf("error without the file's name: %v", err)
		}
		for _, s := range sents {
			if len(s.Words) == 0 {
				t.Fatal("sentence without words")
			}
			for i, w := range s.Words {
				if w.Head < 0 || w.Head > len(s.Words) || w.Head == i+1 {
					t.Fatalf("word %d head %d of %d words", i+1, w.Head, len(s.Words))
				}
			}
		}
	})
}

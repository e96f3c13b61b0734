package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ourTreebank is two sentences in our own words.
const ourTreebank = `# text = Rebels shelled the town.
1	Rebels	rebel	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	shelled	shell	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	town	town	NOUN	NN	Number=Sing	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	.	_	2	punct	_	_

# text = Police said nothing.
1	Police	police	NOUN	NN	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	nothing	nothing	PRON	NN	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
5	x	x	X	FW	_	2	parataxis	_	_

`

func runArgs(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return st, out.String(), errb.String()
}

func TestParseEval(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.conllu")
	if err := os.WriteFile(good, []byte(ourTreebank), 0o644); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^UPOS=[01]\.\d{3} UAS=[01]\.\d{3} LAS=[01]\.\d{3}\n$`)
	for _, args := range [][]string{
		{"parse", "--eval", good},
		{"parse", "--eval", good, "--lower"},
		{"parse", "--raw", "--eval", good},
	} {
		st, out, errs := runArgs(t, "", args...)
		if st != 0 || !line.MatchString(out) {
			t.Errorf("%v: status %d, output %q, stderr %q", args, st, out, errs)
		}
	}
	// The first sentence is plain enough that the shipped model gets its
	// subject, object and root right whatever else it misses.
	st, out, _ := runArgs(t, "", "parse", "--eval", good)
	if st == 0 && out < "UPOS=0.5" {
		t.Errorf("scores %q on easy sentences", out)
	}

	bad := filepath.Join(dir, "bad.conllu")
	os.WriteFile(bad, []byte(ourTreebank+"1\tonly\tfour\tcolumns\n"), 0o644)
	st, _, errs := runArgs(t, "", "parse", "--eval", bad)
	if st != 1 || !strings.Contains(errs, "bad.conllu:15:") {
		t.Errorf("bad file: status %d, stderr %q; want status 1 naming bad.conllu:15", st, errs)
	}
	if st, _, _ := runArgs(t, "", "parse", "--raw"); st != 2 {
		t.Errorf("--raw without --eval: status %d, want 2", st)
	}
}

func TestParseText(t *testing.T) {
	st, out, errs := runArgs(t, "Kosovo's police arrested two men. They didn't resist.\n", "parse", "-")
	if st != 0 {
		t.Fatalf("status %d: %s", st, errs)
	}
	// One CoNLL-U line a project token: Kosovo's stays one token, didn't is two.
	var forms []string
	for l := range strings.SplitSeq(out, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			t.Fatalf("line %q has %d columns", l, len(f))
		}
		forms = append(forms, f[1])
	}
	want := "Kosovo's police arrested two men . They did n't resist ."
	if got := strings.Join(forms, " "); got != want {
		t.Errorf("forms %q, want %q", got, want)
	}
	if strings.Count(out, "# text = ") != 2 {
		t.Errorf("want two sentences:\n%s", out)
	}
}

func TestTrainParse(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "t.conllu")
	os.WriteFile(data, []byte(ourTreebank), 0o644)
	var models [][]byte
	for i := range 2 {
		out := filepath.Join(dir, "m"+string(rune('0'+i)))
		st, _, errs := runArgs(t, "", "train", "parse", "--train", data, "--dev", data, "--out", out, "--iters", "2", "--tag-iters", "2")
		if st != 0 {
			t.Fatalf("status %d: %s", st, errs)
		}
		if !strings.Contains(errs, "parser iteration 2") || !strings.Contains(errs, "UAS=") {
			t.Errorf("no progress on stderr: %s", errs)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, b)
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("the same data and seed give different model files")
	}
	if st, _, errs := runArgs(t, "", "train", "parse", "--train", filepath.Join(dir, "missing")); st != 1 || !strings.Contains(errs, "missing") {
		t.Errorf("missing file: status %d, %q", st, errs)
	}
	if st, _, _ := runArgs(t, "", "train", "nothing"); st != 2 {
		t.Errorf("unknown model: status %d, want 2", st)
	}
}

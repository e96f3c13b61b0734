package syntax

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

var ewt = filepath.Join("..", "..", "shared", "train", "ud-english-ewt")

func mustLoad(t testing.TB) *Model {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkTree fails unless t is a tree: one root, every head in range, no cycle.
func checkTree(t *testing.T, tr *Tree) {
	t.Helper()
	roots := 0
	for i, n := range tr.Nodes {
		if n.Head < -1 || n.Head >= len(tr.Nodes) || n.Head == i {
			t.Fatalf("node %d: head %d out of range", i, n.Head)
		}
		if n.Head == -1 {
			roots++
			if n.Deprel != "root" {
				t.Errorf("root node %d has relation %q", i, n.Deprel)
			}
		}
		x := i
		for steps := 0; x >= 0; steps++ {
			if steps > len(tr.Nodes) {
				t.Fatalf("node %d: cycle", i)
			}
			x = tr.Nodes[x].Head
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots", roots)
	}
}

func TestParseSentences(t *testing.T) {
	m := mustLoad(t)
	for _, tc := range []struct {
		words []string
		// want: word index -> "head deprel" (head as a word, "ROOT" for the root)
		want map[int]string
	}{
		{strings.Fields("The rebels attacked the convoy ."), map[int]string{1: "attacked nsubj", 2: "ROOT root", 4: "attacked obj", 5: "attacked punct"}},
		{strings.Fields("The convoy was attacked by rebels ."), map[int]string{1: "attacked nsubj:pass", 2: "attacked aux:pass", 5: "attacked obl:agent"}},
		{strings.Fields("Police arrested two men on Tuesday"), map[int]string{0: "arrested nsubj", 3: "arrested obj"}},
		{strings.Fields("police arrested two men on tuesday"), map[int]string{0: "arrested nsubj", 3: "arrested obj"}},
	} {
		tr := m.Parse(tc.words)
		checkTree(t, tr)
		if len(tr.Nodes) != len(tc.words) {
			t.Fatalf("%d nodes for %d words", len(tr.Nodes), len(tc.words))
		}
		for i, want := range tc.want {
			n := tr.Nodes[i]
			head := "ROOT"
			if n.Head >= 0 {
				head = tc.words[n.Head]
			}
			if got := head + " " + n.Deprel; got != want {
				t.Errorf("%v: word %q: got %q, want %q", tc.words, tc.words[i], got, want)
			}
		}
	}
}

func TestParseTokensPossessive(t *testing.T) {
	m := mustLoad(t)
	doc := "NATO's troops didn't leave the protesters' camp."
	toks := text.Tokens(doc, faultline.Span{Start: 0, End: len(doc)})
	tr := m.ParseTokens(toks)
	checkTree(t, tr)
	if len(tr.Nodes) != len(toks) {
		t.Fatalf("%d nodes for %d tokens", len(tr.Nodes), len(toks))
	}
	for i, tk := range toks {
		if tr.Nodes[i].Form != tk.Raw {
			t.Errorf("node %d form %q, token %q", i, tr.Nodes[i].Form, tk.Raw)
		}
	}
	// NATO's -> troops, protesters' -> camp, each as nmod:poss.
	for _, c := range []struct{ dep, head string }{{"NATO's", "troops"}, {"protesters'", "camp"}} {
		for i, n := range tr.Nodes {
			if n.Form == c.dep {
				if n.Head < 0 || tr.Nodes[n.Head].Form != c.head || n.Deprel != "nmod:poss" {
					t.Errorf("%s: head %d %q, want %s nmod:poss", c.dep, n.Head, n.Deprel, c.head)
				}
				if n.UPOS != "PROPN" && n.UPOS != "NOUN" {
					t.Errorf("%s tagged %s (node %d)", c.dep, n.UPOS, i)
				}
			}
		}
	}
}

func TestAppendPieces(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want string // the pieces of every token, | between tokens
	}{
		{"NATO's troops", "NATO 's|troops"},
		{"the protesters' camp", "the|protesters '|camp"},
		{"stone-throwing youths", "stone - throwing|youths"},
		{"a well-known pro-Kremlin group's leader", "a|well - known|pro - Kremlin|group 's|leader"},
		{"it's over -- now", "it|'s|over|--|now"},
	} {
		toks := text.Tokens(tc.doc, faultline.Span{Start: 0, End: len(tc.doc)})
		var parts []string
		for _, tk := range toks {
			var ws []string
			for _, p := range appendPieces(nil, tk) {
				ws = append(ws, tc.doc[p.Start:p.End])
			}
			parts = append(parts, strings.Join(ws, " "))
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("%q: pieces %q, want %q", tc.doc, got, tc.want)
		}
	}
}

func TestParseTokensHyphen(t *testing.T) {
	m := mustLoad(t)
	doc := "Police said stone-throwing youths attacked the school."
	toks := text.Tokens(doc, faultline.Span{Start: 0, End: len(doc)})
	tr := m.ParseTokens(toks)
	checkTree(t, tr)
	if len(tr.Nodes) != len(toks) {
		t.Fatalf("%d nodes for %d tokens", len(tr.Nodes), len(toks))
	}
	if n := tr.Nodes[2]; n.Form != "stone-throwing" || n.Head != 3 || !strings.HasPrefix(n.Lemma, "stone-") {
		t.Errorf("stone-throwing: %+v, want head youths (3) and a lemma stone-...", n)
	}
	if n := tr.Nodes[3]; n.Head != 4 || n.Deprel != "nsubj" {
		t.Errorf("youths: %+v, want nsubj of attacked", n)
	}
}

func TestEmptyAndOdd(t *testing.T) {
	m := mustLoad(t)
	if tr := m.Parse(nil); len(tr.Nodes) != 0 {
		t.Errorf("empty sentence gives %d nodes", len(tr.Nodes))
	}
	for _, words := range [][]string{{"."}, {"Hello"}, {"ÜBER", "—", "ça", "🙂", "x\ty"}, strings.Fields(strings.Repeat("and ", 300))} {
		checkTree(t, m.Parse(words))
	}
}

func TestChildrenAndBase(t *testing.T) {
	tr := &Tree{Nodes: []Node{{Head: 1, Deprel: "nsubj:pass"}, {Head: -1, Deprel: "root"}, {Head: 1, Deprel: "punct"}}}
	if got := tr.Children(1); len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Errorf("Children(1) = %v", got)
	}
	if tr.Root() != 1 {
		t.Errorf("Root() = %d", tr.Root())
	}
	for in, want := range map[string]string{"nsubj:pass": "nsubj", "obl": "obl", "acl:relcl": "acl", "": ""} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	m := mustLoad(t)
	if !bytes.Equal(m.Encode(), embedded) {
		t.Fatal("decoding and encoding the embedded model changes it")
	}
	if _, err := Decode(embedded[:len(embedded)/2]); err == nil {
		t.Error("a truncated model decodes")
	}
	if _, err := Decode([]byte("not a model")); err == nil {
		t.Error("garbage decodes")
	}
}

// tinyTreebank is a handful of sentences in our own words.
const tinyTreebank = `# text = Rebels attacked the town.
1	Rebels	rebel	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	attacked	attack	VERB	VBD	Tense=Past	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	town	town	NOUN	NN	Number=Sing	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	.	_	2	punct	_	_

# text = The town was shelled by troops.
1	The	the	DET	DT	_	2	det	_	_
2	town	town	NOUN	NN	Number=Sing	4	nsubj:pass	_	_
3	was	be	AUX	VBD	_	4	aux:pass	_	_
4	shelled	shell	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	by	by	ADP	IN	_	6	case	_	_
6	troops	troop	NOUN	NNS	Number=Plur	4	obl:agent	_	SpaceAfter=No
7	.	.	PUNCT	.	_	4	punct	_	_

# text = Police said protesters fled and hid.
1	Police	police	NOUN	NN	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	protesters	protester	NOUN	NNS	_	4	nsubj	_	_
4	fled	flee	VERB	VBD	_	2	ccomp	_	_
5	and	and	CCONJ	CC	_	6	cc	_	_
6	hid	hide	VERB	VBD	_	4	conj	_	_
7	.	.	PUNCT	.	_	2	punct	_	_
8	x	x	X	FW	_	1	parataxis	_	_

`

func TestTrainDeterministic(t *testing.T) {
	sents, err := ReadCoNLLU(strings.NewReader(tinyTreebank), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultTrainOptions()
	o.Train, o.Dev, o.ParseIters, o.TagIters = sents, sents, 3, 3
	var models [][]byte
	for range 2 {
		m, err := Train(o)
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, m.Encode())
		if sc := m.Evaluate(sents, false); sc.Words != 20 || sc.UPOS < 15 {
			t.Errorf("training data scores %s over %d words", sc, sc.Words)
		}
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings on the same data give different model files")
	}
}

func TestLoadCost(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes the model")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := Decode(embedded)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("model %.1f MB on disk; decoded in %s; %.1f MB live heap", float64(len(embedded))/1e6, took, float64(heap)/1e6)
	if heap > 100<<20 {
		t.Errorf("the decoded model holds %.1f MB, over 100 MB", float64(heap)/1e6)
	}
	runtime.KeepAlive(m)
}

func readEWT(t testing.TB, name string) []Sentence {
	f, err := os.Open(filepath.Join(ewt, name))
	if err != nil {
		t.Skipf("UD English EWT not found (../shared absent): %v", err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// BenchmarkParse tags and parses the EWT dev sentences from their words.
func BenchmarkParse(b *testing.B) {
	sents := readEWT(b, "en_ewt-ud-dev.conllu")
	m := mustLoad(b)
	var sentWords [][]string
	words := 0
	for _, s := range sents {
		var ws []string
		for _, w := range s.Words {
			ws = append(ws, w.Form)
		}
		sentWords = append(sentWords, ws)
		words += len(ws)
	}
	var tr Tree
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		for _, ws := range sentWords {
			m.ParseInto(&tr, ws)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(sec*1e9/float64(b.N*words), "ns/word")
	b.ReportMetric(float64(b.N*words)/sec, "words/s")
	// On a shared machine wall time overstates the cost; CPU time does not.
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(b.N*words)/cpu, "words/cpu-s")
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseTokensAGNews parses the sentences of 7,600 AG News items
// from the project's tokens, as the coder would.
func BenchmarkParseTokensAGNews(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl"))
	if err != nil {
		b.Skipf("AG News bench file not found (../shared absent): %v", err)
	}
	m := mustLoad(b)
	var sents [][]text.Token
	words := 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var d struct{ Text string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			b.Fatal(err)
		}
		for _, s := range text.Sentences(d.Text) {
			toks := text.Tokens(d.Text, s)
			sents = append(sents, toks)
			words += len(toks)
		}
	}
	var tr Tree
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		for _, toks := range sents {
			m.ParseTokensInto(&tr, toks)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*words)/sec, "tokens/s")
	b.ReportMetric(float64(b.N*words)/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// BenchmarkLoad decodes the embedded model.
func BenchmarkLoad(b *testing.B) {
	for range b.N {
		if _, err := Decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

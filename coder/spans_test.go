package coder

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

var nerSpans = flag.Bool("nerspans", false, "measure actor spans against ../shared/train/conflibert/cameo_ner_train.txt")

// nerSentence is a sentence of the CoNLL-style span file: its text (the
// tokens joined by spaces) and the gold source and target spans in bytes.
type nerSentence struct {
	text     string
	src, tgt [][2]int
}

func readNER(t testing.TB, path string) []nerSentence {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("span file not found (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	var out []nerSentence
	var b strings.Builder
	cur := nerSentence{}
	open, kind := -1, byte(0)
	closeSpan := func() {
		if open < 0 {
			return
		}
		sp := [2]int{open, b.Len()}
		switch kind {
		case 'S':
			cur.src = append(cur.src, sp)
		case 'T':
			cur.tgt = append(cur.tgt, sp)
		}
		open = -1
	}
	flush := func() {
		closeSpan()
		if b.Len() > 0 {
			cur.text = b.String()
			out = append(out, cur)
		}
		cur = nerSentence{}
		b.Reset()
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			flush()
			continue
		}
		i := strings.LastIndexByte(l, ' ')
		if i <= 0 {
			t.Fatalf("%s:%d: want WORD TAG", path, n)
		}
		w, tag := l[:i], l[i+1:]
		if tag == "O" || strings.HasPrefix(tag, "B-") || tag[2] != kind {
			closeSpan()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if tag != "O" && open < 0 {
			open, kind = b.Len(), tag[2]
		}
		b.WriteString(w)
	}
	flush()
	return out
}

// spanAgreement counts gold spans that some coded actor span of the same
// role overlaps, and those it matches exactly.
func spanAgreement(c *Coder, sents []nerSentence) (gold, overlap, exact int) {
	for _, ns := range sents {
		res := c.Code(faultline.Document{ID: "n", Text: ns.text})
		var ps, pt [][2]int
		for _, e := range res.Events {
			if e.Source.End > e.Source.Start {
				ps = append(ps, [2]int{e.Source.Start, e.Source.End})
			}
			if e.Target.End > e.Target.Start {
				pt = append(pt, [2]int{e.Target.Start, e.Target.End})
			}
		}
		for _, role := range []struct{ gold, pred [][2]int }{{ns.src, ps}, {ns.tgt, pt}} {
			for _, g := range role.gold {
				gold++
				ov, ex := false, false
				for _, p := range role.pred {
					ov = ov || p[0] < g[1] && g[0] < p[1]
					ex = ex || p == g
				}
				if ov {
					overlap++
				}
				if ex {
					exact++
				}
			}
		}
	}
	return gold, overlap, exact
}

// TestNERSpans measures how the coder's source and target spans agree
// with the spans of the ConfliBERT training file (-nerspans; training
// data, measured on, never tuned to sentence by sentence).
func TestNERSpans(t *testing.T) {
	if !*nerSpans {
		t.Skip("-nerspans not set")
	}
	sents := readNER(t, filepath.Join("..", "..", "shared", "train", "conflibert", "cameo_ner_train.txt"))
	c := defaultCoder(t)
	c.SetParser(ModelParser())
	g, o, e := spanAgreement(c, sents)
	c.SetParser(nil)
	g0, o0, e0 := spanAgreement(c, sents)
	t.Logf("%d sentences, %d gold spans: overlap %.3f exact %.3f (word order alone: overlap %.3f exact %.3f)",
		len(sents), g, float64(o)/float64(g), float64(e)/float64(g), float64(o0)/float64(g0), float64(e0)/float64(g0))
}

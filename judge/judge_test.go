package judge

import (
	"bytes"
	"math"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

func TestPentaOf(t *testing.T) {
	for _, c := range []struct {
		root string
		want int
	}{{"01", 0}, {"02", 0}, {"03", 1}, {"05", 1}, {"06", 2}, {"08", 2}, {"09", 3}, {"13", 3}, {"16", 3},
		{"14", 4}, {"15", 4}, {"17", 4}, {"20", 4}, {"00", -1}, {"21", -1}, {"", -1}, {"1", -1}, {"x1", -1}} {
		if got := PentaOf(c.root); got != c.want {
			t.Errorf("PentaOf(%q) = %d, want %d", c.root, got, c.want)
		}
	}
}

func TestIsotonicMonotone(t *testing.T) {
	score := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}
	right := []bool{false, true, false, false, true, true, false, true}
	xs, ys := Isotonic(score, right)
	for i := 1; i < len(ys); i++ {
		if ys[i] < ys[i-1] || xs[i] <= xs[i-1] {
			t.Fatalf("not increasing at %d: %v %v", i, xs, ys)
		}
	}
	// Pooled adjacent violators keep the mean outcome.
	sum := 0.0
	m := Model{CalibX: xs, CalibY: ys}
	for _, s := range score {
		sum += m.Calibrate(s)
	}
	if math.Abs(sum/8-0.5) > 0.13 {
		t.Errorf("mean calibrated %.3f, outcomes average 0.5", sum/8)
	}
}

func TestECE(t *testing.T) {
	if e := ECE([]float64{0.9, 0.9, 0.1, 0.1}, []bool{true, true, false, false}, 10); math.Abs(e-0.1) > 1e-9 {
		t.Errorf("ECE = %v, want 0.1", e)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	w := &Weights{W: make([]float32, Classes<<Bits)}
	w.W[7] = 2
	w.W[Classes*5+3] = -1
	w.Bias[2] = 0.5
	m := w.Quantise()
	m.CalibX, m.CalibY = []float32{0, 1}, []float32{0.1, 0.9}
	m.DropNone, m.RecodeAt, m.Info = 0.9, 2, "test"
	var buf bytes.Buffer
	if err := m.Marshal(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Unmarshal(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Scale != m.Scale || got.Bias != m.Bias || got.DropNone != 0.9 || got.Info != "test" || !bytes.Equal(int8s(got.W), int8s(m.W)) {
		t.Errorf("round trip changed the model")
	}
	if _, err := Unmarshal([]byte("nope")); err == nil {
		t.Error("bad magic accepted")
	}
	if _, err := Unmarshal(buf.Bytes()[:40]); err == nil {
		t.Error("truncated model accepted")
	}
}

func int8s(w []int8) []byte {
	b := make([]byte, len(w))
	for i, v := range w {
		b[i] = byte(v)
	}
	return b
}

func TestTrainSeparates(t *testing.T) {
	// Two words, two classes: training must learn them.
	a, b := start("w").add("alpha").bucket(), start("w").add("beta").bucket()
	var exs []Example
	for i := 0; i < 50; i++ {
		exs = append(exs, Example{Feats: []uint32{a}, Label: 1, Weight: 1}, Example{Feats: []uint32{b}, Label: None, Weight: 1})
	}
	m := Train(exs, TrainOptions{Seed: 1}).Quantise()
	var p [Classes]float64
	m.Probs([]uint32{a}, &p)
	if p[1] < 0.8 {
		t.Errorf("P(class 1 | alpha) = %.3f", p[1])
	}
	m.Probs([]uint32{b}, &p)
	if p[None] < 0.8 {
		t.Errorf("P(None | beta) = %.3f", p[None])
	}
}

// The shipped model, on sentences written for this test: a match report's
// violent verb is no political event, an army's attack is one.
func TestDefaultJudges(t *testing.T) {
	m, err := Default()
	if err != nil || m == nil {
		t.Fatalf("embedded model: %v", err)
	}
	for _, c := range []struct {
		text, code, src, tgt string
		none                 bool
	}{
		{"The home side beat the visitors 3-1 to win the cup final in front of 60,000 fans.", "190", "", "", true},
		{"Government troops attacked rebel positions near the border on Tuesday, killing six fighters.", "190", "MILGOV", "REB", false},
	} {
		doc := faultline.Document{ID: "d", Text: c.text}
		toks := text.Tokens(c.text, faultline.Span{Start: 0, End: len(c.text)})
		e := faultline.Event{ID: "d:0:0", CAMEO: c.code, Modality: faultline.Asserted,
			Source: faultline.ActorRef{Code: c.src}, Target: faultline.ActorRef{Code: c.tgt}}
		f := Extract(nil, c.text, &e, &Context{Tokens: toks, Count: 1, Doc: ReadCues(doc.Text)})
		var p [Classes]float64
		m.Probs(f, &p)
		if got := p[None] > p[5]; got != c.none {
			t.Errorf("%q: P(None)=%.3f P(material conflict)=%.3f", c.text, p[None], p[5])
		}
	}
}

func TestReadCues(t *testing.T) {
	c := ReadCues("The striker scored twice as Rovers won the league; shares rose.")
	if c.Words != 11 || c.Sport != 4 || c.Market != 1 {
		t.Errorf("%+v", c)
	}
}

func BenchmarkJudge(b *testing.B) {
	m, err := Default()
	if err != nil || m == nil {
		b.Skip("no model")
	}
	s := "Government troops attacked rebel positions near the border on Tuesday, killing six fighters."
	doc := faultline.Document{ID: "d", Text: s}
	toks := text.Tokens(s, faultline.Span{Start: 0, End: len(s)})
	evs := []faultline.Event{{CAMEO: "190", Verb: faultline.Span{Start: 17, End: 25}}}
	buf := make([]faultline.Event, 1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		copy(buf, evs)
		m.Judge(&doc, buf, func(int) []text.Token { return toks })
	}
}

func TestRootHeadStaysInClass(t *testing.T) {
	a := start("w").add("condemned").bucket()
	var feats [][]uint32
	var labels []int
	for i := 0; i < 40; i++ {
		feats = append(feats, []uint32{a}, []uint32{a})
		labels = append(labels, RootIndex("11"), RootIndex("19"))
	}
	h := TrainRoots(feats, labels, TrainOptions{Seed: 1})
	for class, want := range map[int]string{3: "110", 4: "190"} {
		if got := h.Best([]uint32{a}, class); got != want {
			t.Errorf("class %d: %s, want %s", class, got, want)
		}
	}
	// A class the head never saw still gets a code of that class.
	if got := h.Best([]uint32{a}, 2); PentaOf(got[:2]) != 2 {
		t.Errorf("class 2: %s", got)
	}
	for root, want := range map[string]int{"01": 0, "20": 19, "00": -1, "21": -1, "": -1} {
		if got := RootIndex(root); got != want {
			t.Errorf("RootIndex(%q) = %d, want %d", root, got, want)
		}
	}
}

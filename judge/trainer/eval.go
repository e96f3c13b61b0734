package trainer

import (
	"fmt"
	"io"

	"github.com/faultline/faultline/judge"
)

// decided is what the pipeline would do with one sample's held-out
// predictions (judge.Decide): the kept events' probabilities of their
// class, likeliest first, whether each class is the sample's, and the
// class of the first (-1 when nothing is kept).
type decided struct {
	raw   []float64
	right []bool
	first int
}

func decide(s *Sample, hs []Held, opt Options) decided {
	sc := make([]judge.Scored, len(hs))
	for k, h := range hs {
		sc[k] = judge.Scored{Probs: h.Probs, Penta: s.Events[h.Rank].Penta}
	}
	dec := judge.Decide(sc, opt.DropNone, opt.RecodeAt)
	d := decided{raw: dec.Raw, first: -1}
	for n, k := range dec.Keep {
		c := sc[k].Penta
		if n == 0 && dec.Recode >= 0 {
			c = dec.Recode
		}
		if n == 0 {
			d.first = c
		}
		d.right = append(d.right, c >= 0 && s.Label == c+1)
	}
	return d
}

// Report holds the cross-validated figures.
type Report struct {
	Sentences, Covered, Correct int
	MacroF1, MacroF1All         float64
	Accuracy, Coverage          float64
	ECE, ECEFirst               float64 // all kept events of held-out samples; first events of multicoped
	Over80, Over80Right         int
	Curve                       []Bin
	// None: BBC events held out, and how many were dropped.
	NoneEvents, NoneDropped int
	// Baseline: the coder alone on the same sentences (first event).
	BaseCovered, BaseCorrect int
	BaseMacroF1              float64
}

// Bin is one row of the reliability table.
type Bin struct {
	Lo, Hi   float64
	N        int
	MeanConf float64
	Accuracy float64
}

// Evaluate turns held-out predictions into the report. Confidence is
// calibrated by cross-fitting: the calibration applied to fold f is fitted
// on the other folds' held-out predictions.
func Evaluate(samples []Sample, held []Held, fold []int, opt Options) Report {
	by := groupHeld(held)
	ds := make([]decided, len(samples))
	for i := range samples {
		ds[i] = decide(&samples[i], by[i], opt)
	}
	var r Report
	var tp, pred, gold, goldAll, btp, bpred, bgold [5]int
	for i, s := range samples {
		if s.Set != "multicoped" {
			if s.Label == judge.None {
				r.NoneEvents += len(s.Events)
				r.NoneDropped += len(s.Events) - len(ds[i].raw)
			}
			continue
		}
		g := s.Label - 1
		r.Sentences++
		goldAll[g]++
		if len(s.Events) > 0 && s.Events[0].Penta >= 0 {
			r.BaseCovered++
			bgold[g]++
			bpred[s.Events[0].Penta]++
			if s.Events[0].Penta == g {
				r.BaseCorrect++
				btp[g]++
			}
		}
		if len(ds[i].raw) == 0 {
			continue
		}
		r.Covered++
		gold[g]++
		c := ds[i].first
		if c < 0 {
			c = 0 // a kept event whose code has no class: counted as a statement
		}
		pred[c]++
		if c == g {
			r.Correct++
			tp[g]++
		}
	}
	r.Accuracy = ratio(r.Correct, r.Covered)
	r.Coverage = ratio(r.Covered, r.Sentences)
	r.MacroF1 = macroF1(tp, pred, gold)
	r.MacroF1All = macroF1(tp, pred, goldAll)
	r.BaseMacroF1 = macroF1(btp, bpred, bgold)

	// Cross-fitted calibration.
	var conf, confFirst []float64
	var right, rightFirst []bool
	for f := 0; f < opt.Folds; f++ {
		var xs []float64
		var ys []bool
		for i := range samples {
			if fold[i] != f && samples[i].Label != judge.Political {
				xs = append(xs, ds[i].raw...)
				ys = append(ys, ds[i].right...)
			}
		}
		cx, cy := judge.Isotonic(xs, ys)
		m := judge.Model{CalibX: cx, CalibY: cy}
		for i, s := range samples {
			if fold[i] != f || s.Label == judge.Political {
				continue
			}
			for k, raw := range ds[i].raw {
				c := m.Calibrate(raw)
				conf = append(conf, c)
				right = append(right, ds[i].right[k])
				if s.Set == "multicoped" && k == 0 {
					confFirst = append(confFirst, c)
					rightFirst = append(rightFirst, ds[i].right[k])
				}
			}
		}
	}
	r.ECE = judge.ECE(conf, right, 10)
	r.ECEFirst = judge.ECE(confFirst, rightFirst, 10)
	for i, c := range conf {
		if c > 0.8 {
			r.Over80++
			if right[i] {
				r.Over80Right++
			}
		}
	}
	r.Curve = curve(conf, right, 10)
	return r
}

func groupHeld(held []Held) map[int][]Held {
	by := make(map[int][]Held)
	for _, h := range held {
		by[h.Sample] = append(by[h.Sample], h)
	}
	return by
}

func curve(conf []float64, right []bool, bins int) []Bin {
	out := make([]Bin, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, c := range conf {
		b := int(c * float64(bins))
		if b >= bins {
			b = bins - 1
		}
		out[b].N++
		out[b].MeanConf += c
		if right[i] {
			out[b].Accuracy++
		}
	}
	for b := range out {
		if out[b].N > 0 {
			out[b].MeanConf /= float64(out[b].N)
			out[b].Accuracy /= float64(out[b].N)
		}
	}
	return out
}

func macroF1(tp, pred, gold [5]int) float64 {
	sum := 0.0
	for c := 0; c < 5; c++ {
		p, r := ratio(tp[c], pred[c]), ratio(tp[c], gold[c])
		if p+r > 0 {
			sum += 2 * p * r / (p + r)
		}
	}
	return sum / 5
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Print writes the report as the README shows it.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "multicoped (%d-sentence set, held-out folds): penta_macro_f1=%.3f accuracy=%.3f coverage=%.3f correct_over_all=%.3f macro_f1_over_all=%.3f\n",
		r.Sentences, r.MacroF1, r.Accuracy, r.Coverage, ratio(r.Correct, r.Sentences), r.MacroF1All)
	fmt.Fprintf(w, "coder alone (first event):                penta_macro_f1=%.3f accuracy=%.3f coverage=%.3f\n",
		r.BaseMacroF1, ratio(r.BaseCorrect, r.BaseCovered), ratio(r.BaseCovered, r.Sentences))
	fmt.Fprintf(w, "calibration: ece=%.3f (all kept events) ece_first=%.3f (multicoped first events); confidence>0.8: %d events, %.3f right\n",
		r.ECE, r.ECEFirst, r.Over80, ratio(r.Over80Right, r.Over80))
	fmt.Fprintf(w, "not political (BBC, held out): %d of %d events dropped\n", r.NoneDropped, r.NoneEvents)
	fmt.Fprintf(w, "reliability:\n| confidence | events | mean confidence | right |\n|---|---|---|---|\n")
	for _, b := range r.Curve {
		if b.N == 0 {
			continue
		}
		fmt.Fprintf(w, "| %.1f-%.1f | %d | %.3f | %.3f |\n", b.Lo, b.Hi, b.N, b.MeanConf, b.Accuracy)
	}
}

// Fit trains the shipped model on every sample, with the calibration
// fitted on all held-out predictions.
func Fit(samples []Sample, held []Held, opt Options, info string) *judge.Model {
	exs := examples(samples, func(int) bool { return true }, opt.NoneWeight)
	m := judge.Train(exs, opt.Train).Quantise()
	by := groupHeld(held)
	var xs []float64
	var ys []bool
	for i := range samples {
		if samples[i].Label == judge.Political {
			continue // whether its class is right is not known
		}
		d := decide(&samples[i], by[i], opt)
		xs = append(xs, d.raw...)
		ys = append(ys, d.right...)
	}
	m.CalibX, m.CalibY = judge.Isotonic(xs, ys)
	// The root head learns from the dictionaries' roots on the text that
	// reports political events (multicoped, SATP), not on BBC stories
	// about sport or business whose codes are mostly wrong senses.
	var rf [][]uint32
	var rl []int
	for _, s := range samples {
		if s.Label == judge.None {
			continue
		}
		for _, e := range s.Events {
			if e.Root >= 0 {
				rf = append(rf, e.Feats)
				rl = append(rl, e.Root)
			}
		}
	}
	m.Roots = judge.TrainRoots(rf, rl, opt.Train)
	m.DropNone = float32(opt.DropNone)
	m.RecodeAt = float32(opt.RecodeAt)
	m.Info = info
	return m
}

package judge

import (
	"math"
	"math/rand"
	"sort"
)

// Example is one training event: its features, its class (None or
// PentaClass+1, or Political when only "some political event" is known)
// and a weight.
type Example struct {
	Feats  []uint32
	Label  int
	Weight float64
}

// Political labels an example known to report a political event of an
// unknown class: its loss is -log(1 - P(None)).
const Political = -1

// TrainOptions fix a training run; the same options and examples give the
// same weights, bit for bit.
type TrainOptions struct {
	Seed   int64
	Epochs int     // passes over the examples (default 12)
	Rate   float64 // AdaGrad step (default 0.3)
	L2     float64 // weight decay of the features an example touches (default 1e-4)
}

// Weights are the float weights of a trained model before quantisation.
type Weights struct {
	W    []float32 // Classes a bucket
	Bias [Classes]float32
}

// Train fits a multinomial logistic regression by AdaGrad stochastic
// gradient descent, shuffling the examples each epoch with the seed.
func Train(exs []Example, opt TrainOptions) *Weights {
	if opt.Epochs == 0 {
		opt.Epochs = 12
	}
	if opt.Rate == 0 {
		opt.Rate = 0.3
	}
	if opt.L2 == 0 {
		opt.L2 = 1e-4
	}
	w := &Weights{W: make([]float32, Classes<<Bits)}
	g2 := make([]float32, Classes<<Bits)
	var bg2 [Classes]float32
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var z [Classes]float32
	var p [Classes]float64
	const eps = 1e-6
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			ex := &exs[i]
			z = w.Bias
			for _, f := range ex.Feats {
				row := w.W[int(f)*Classes : int(f)*Classes+Classes]
				for k := range z {
					z[k] += row[k]
				}
			}
			softmax(z[:], &p)
			for k := 0; k < Classes; k++ {
				g := p[k]
				switch {
				case k == ex.Label:
					g--
				case ex.Label == Political && k != None:
					g -= p[k] / math.Max(1-p[None], 1e-9)
				}
				g *= ex.Weight
				if g == 0 {
					continue
				}
				bg2[k] += float32(g * g)
				w.Bias[k] -= float32(opt.Rate * g / math.Sqrt(float64(bg2[k])+eps))
				for _, f := range ex.Feats {
					j := int(f)*Classes + k
					gj := g + opt.L2*float64(w.W[j])
					g2[j] += float32(gj * gj)
					w.W[j] -= float32(opt.Rate * gj / math.Sqrt(float64(g2[j])+eps))
				}
			}
		}
	}
	return w
}

// Probs gives the class probabilities of unquantised weights.
func (w *Weights) Probs(feats []uint32, p *[Classes]float64) {
	z := w.Bias
	for _, f := range feats {
		row := w.W[int(f)*Classes : int(f)*Classes+Classes]
		for k := range z {
			z[k] += row[k]
		}
	}
	softmax(z[:], p)
}

// Quantise turns the weights into a model with 8-bit weights: one scale for
// all, chosen so the largest weight is 127.
func (w *Weights) Quantise() *Model {
	max := float32(0)
	for _, v := range w.W {
		if a := float32(math.Abs(float64(v))); a > max {
			max = a
		}
	}
	m := &Model{W: make([]int8, len(w.W)), Bias: w.Bias, Scale: 1}
	if max > 0 {
		m.Scale = max / 127
	}
	for i, v := range w.W {
		m.W[i] = int8(math.Round(float64(v / m.Scale)))
	}
	return m
}

// Isotonic fits a non-decreasing map from raw scores to outcomes (0 or 1)
// by pooling adjacent violators, and returns it as the points of a
// piecewise-linear curve (the mean score and mean outcome of each block).
func Isotonic(score []float64, right []bool) (xs, ys []float32) {
	idx := make([]int, len(score))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] < score[idx[b]] })
	type block struct{ sx, sy, n float64 }
	var bs []block
	for _, i := range idx {
		y := 0.0
		if right[i] {
			y = 1
		}
		bs = append(bs, block{score[i], y, 1})
		for len(bs) > 1 {
			a, b := bs[len(bs)-2], bs[len(bs)-1]
			if a.sy/a.n < b.sy/b.n {
				break
			}
			bs = bs[:len(bs)-2]
			bs = append(bs, block{a.sx + b.sx, a.sy + b.sy, a.n + b.n})
		}
	}
	for _, b := range bs {
		xs = append(xs, float32(b.sx/b.n))
		ys = append(ys, float32(b.sy/b.n))
	}
	return xs, ys
}

// ECE is the expected calibration error of confidences against outcomes
// over bins equal-width bins: the mean, weighted by bin size, of
// |accuracy - mean confidence|.
func ECE(conf []float64, right []bool, bins int) float64 {
	n := make([]float64, bins)
	c := make([]float64, bins)
	a := make([]float64, bins)
	for i, v := range conf {
		b := int(v * float64(bins))
		if b >= bins {
			b = bins - 1
		}
		if b < 0 {
			b = 0
		}
		n[b]++
		c[b] += v
		if right[i] {
			a[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] > 0 {
			e += math.Abs(a[b]-c[b]) / float64(len(conf))
		}
	}
	return e
}

package judge

import (
	"math"
	"math/rand"
)

// Roots is the number of CAMEO roots (01..20) the root head chooses among.
const Roots = 20

// RootHead chooses the root an event takes when the model moves it to
// another PentaClass: a second logistic regression over the same
// features, whose 20 outputs are the CAMEO roots. It is trained on the
// roots the dictionaries give on the training text (weak labels): the
// words that go with each root where the dictionaries know the verb.
type RootHead struct {
	W     []int8 // Roots a bucket
	Scale float32
	Bias  [Roots]float32
}

// RootIndex is the index (0..19) of a two-digit root, -1 for none.
func RootIndex(root string) int {
	if len(root) < 2 || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9' {
		return -1
	}
	r := int(root[0]-'0')*10 + int(root[1]-'0')
	if r < 1 || r > Roots {
		return -1
	}
	return r - 1
}

// Best returns the general code ("110", "040" ...) of the likeliest root
// of PentaClass class.
func (h *RootHead) Best(feats []uint32, class int) string {
	var acc [Roots]int32
	for _, f := range feats {
		row := h.W[int(f)*Roots : int(f)*Roots+Roots]
		for k := range acc {
			acc[k] += int32(row[k])
		}
	}
	best, bestZ := -1, float32(0)
	for k := 0; k < Roots; k++ {
		root := rootNames[k]
		if PentaOf(root) != class {
			continue
		}
		z := h.Bias[k] + float32(acc[k])*h.Scale
		if best < 0 || z > bestZ {
			best, bestZ = k, z
		}
	}
	if best < 0 {
		return ClassCode[class]
	}
	return rootNames[best] + "0"
}

var rootNames = func() (n [Roots]string) {
	for i := range n {
		r := i + 1
		n[i] = string(rune('0'+r/10)) + string(rune('0'+r%10))
	}
	return n
}()

// TrainRoots fits the root head: labels are root indexes (0..19).
func TrainRoots(feats [][]uint32, labels []int, opt TrainOptions) *RootHead {
	if opt.Epochs == 0 {
		opt.Epochs = 8
	}
	if opt.Rate == 0 {
		opt.Rate = 0.3
	}
	w := make([]float32, Roots<<Bits)
	g2 := make([]float32, Roots<<Bits)
	var bias, bg2 [Roots]float32
	rng := rand.New(rand.NewSource(opt.Seed))
	order := rng.Perm(len(feats))
	z := make([]float32, Roots)
	var p [Roots]float64
	const eps = 1e-6
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			copy(z, bias[:])
			for _, f := range feats[i] {
				row := w[int(f)*Roots : int(f)*Roots+Roots]
				for k := range z {
					z[k] += row[k]
				}
			}
			mx := z[0]
			for _, v := range z {
				mx = max(mx, v)
			}
			sum := 0.0
			for k, v := range z {
				p[k] = math.Exp(float64(v - mx))
				sum += p[k]
			}
			for k := range p {
				g := p[k] / sum
				if k == labels[i] {
					g--
				}
				if math.Abs(g) < 1e-4 {
					continue
				}
				bg2[k] += float32(g * g)
				bias[k] -= float32(opt.Rate * g / math.Sqrt(float64(bg2[k])+eps))
				for _, f := range feats[i] {
					j := int(f)*Roots + k
					g2[j] += float32(g * g)
					w[j] -= float32(opt.Rate * g / math.Sqrt(float64(g2[j])+eps))
				}
			}
		}
	}
	h := &RootHead{W: make([]int8, len(w)), Bias: bias, Scale: 1}
	mx := float32(0)
	for _, v := range w {
		mx = max(mx, float32(math.Abs(float64(v))))
	}
	if mx > 0 {
		h.Scale = mx / 127
	}
	for i, v := range w {
		h.W[i] = int8(math.Round(float64(v / h.Scale)))
	}
	return h
}

// Package judge is Faultline's trained event model: a multinomial logistic
// regression over hashed features of each coded event (the sentence's
// words and bigrams, the verb and its neighbours, the dictionary's code,
// the actors' types, modality, position, quotation, document cues). For
// each event it gives the probability of six classes (no political event,
// and the five PentaClasses), from which the pipeline drops events that
// are not political, puts the most likely event of a sentence first, and
// sets each event's calibrated Confidence.
package judge

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Classes is the number of outputs: None, then PentaClass 0..4.
const Classes = 6

// None is the class of a sentence that reports no political event; class
// k+1 is PentaClass k.
const None = 0

// Model is a trained judge. It is read-only once loaded and safe for
// concurrent use.
type Model struct {
	// W holds the quantised weights, Classes a bucket, bucket after bucket;
	// a weight is W[i] * Scale.
	W     []int8
	Scale float32
	Bias  [Classes]float32
	// Calib maps a raw probability to a calibrated one: piecewise linear
	// through (X[i], Y[i]), X increasing (isotonic fit on held-out folds).
	CalibX, CalibY []float32
	// DropNone: an event whose None probability is at least this is dropped.
	DropNone float32
	// RecodeAt: when the likeliest class of a sentence's first event is
	// not its code's class and has at least this probability, the event
	// takes that class (ClassCode).
	RecodeAt float32
	// Info is free text recorded at training: data, seed, provenance.
	Info string
	// Roots chooses the root of a recoded event; nil: ClassCode.
	Roots *RootHead
}

// Probs writes the class probabilities of the features into p.
func (m *Model) Probs(feats []uint32, p *[Classes]float64) {
	var z [Classes]float32
	z = m.Bias
	var acc [Classes]int32
	for _, f := range feats {
		w := m.W[int(f)*Classes : int(f)*Classes+Classes : int(f)*Classes+Classes]
		acc[0] += int32(w[0])
		acc[1] += int32(w[1])
		acc[2] += int32(w[2])
		acc[3] += int32(w[3])
		acc[4] += int32(w[4])
		acc[5] += int32(w[5])
	}
	for k := range z {
		z[k] += float32(acc[k]) * m.Scale
	}
	softmax(z[:], p)
}

func softmax(z []float32, p *[Classes]float64) {
	max := z[0]
	for _, v := range z[1:] {
		if v > max {
			max = v
		}
	}
	sum := 0.0
	for k, v := range z {
		e := math.Exp(float64(v - max))
		p[k] = e
		sum += e
	}
	for k := range z {
		p[k] /= sum
	}
}

// Calibrate maps a raw probability through the model's calibration curve.
func (m *Model) Calibrate(raw float64) float64 {
	return interp(m.CalibX, m.CalibY, raw)
}

func interp(xs, ys []float32, x float64) float64 {
	n := len(xs)
	if n == 0 {
		return x
	}
	if x <= float64(xs[0]) {
		return float64(ys[0])
	}
	if x >= float64(xs[n-1]) {
		return float64(ys[n-1])
	}
	lo, hi := 0, n-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if float64(xs[mid]) <= x {
			lo = mid
		} else {
			hi = mid
		}
	}
	x0, x1 := float64(xs[lo]), float64(xs[hi])
	y0, y1 := float64(ys[lo]), float64(ys[hi])
	if x1 == x0 {
		return y1
	}
	return y0 + (y1-y0)*(x-x0)/(x1-x0)
}

// The model file: "FLJUDGE1", then little-endian: bits (uint32), classes
// (uint32), scale (float32), bias (classes float32), drop and recode
// thresholds (float32 each),
// calibration points (uint32 n, n float32 x, n float32 y), info (uint32
// length, bytes), the weights, then the root head (uint32 1, scale,
// bias, weights; or uint32 0), all DEFLATE-compressed after the magic.
const magic = "FLJUDGE2"

// Marshal writes the model in its file format.
func (m *Model) Marshal(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return err
	}
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	hdr := []any{uint32(Bits), uint32(Classes), m.Scale, m.Bias, m.DropNone, m.RecodeAt, uint32(len(m.CalibX)), m.CalibX, m.CalibY, uint32(len(m.Info))}
	for _, v := range hdr {
		if err := binary.Write(zw, le, v); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(zw, m.Info); err != nil {
		return err
	}
	if err := binary.Write(zw, le, m.W); err != nil {
		return err
	}
	if m.Roots == nil {
		if err := binary.Write(zw, le, uint32(0)); err != nil {
			return err
		}
		return zw.Close()
	}
	for _, v := range []any{uint32(1), m.Roots.Scale, m.Roots.Bias, m.Roots.W} {
		if err := binary.Write(zw, le, v); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Unmarshal reads a model file.
func Unmarshal(data []byte) (*Model, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("judge model: not a model file (bad magic)")
	}
	r := flate.NewReader(bytes.NewReader(data[len(magic):]))
	le := binary.LittleEndian
	var bits, classes, n uint32
	m := &Model{}
	read := func(what string, v any) error {
		if err := binary.Read(r, le, v); err != nil {
			return fmt.Errorf("judge model: %s: %w", what, err)
		}
		return nil
	}
	if err := read("bits", &bits); err != nil {
		return nil, err
	}
	if err := read("classes", &classes); err != nil {
		return nil, err
	}
	if bits != Bits || classes != Classes {
		return nil, fmt.Errorf("judge model: %d bits and %d classes, this build reads %d and %d", bits, classes, Bits, Classes)
	}
	for _, f := range []struct {
		what string
		v    any
	}{{"scale", &m.Scale}, {"bias", &m.Bias}, {"drop", &m.DropNone}, {"recode", &m.RecodeAt}, {"calibration size", &n}} {
		if err := read(f.what, f.v); err != nil {
			return nil, err
		}
	}
	if n > 1<<16 {
		return nil, fmt.Errorf("judge model: %d calibration points", n)
	}
	m.CalibX, m.CalibY = make([]float32, n), make([]float32, n)
	if err := read("calibration", m.CalibX); err != nil {
		return nil, err
	}
	if err := read("calibration", m.CalibY); err != nil {
		return nil, err
	}
	if err := read("info size", &n); err != nil {
		return nil, err
	}
	if n > 1<<20 {
		return nil, fmt.Errorf("judge model: info of %d bytes", n)
	}
	info := make([]byte, n)
	if _, err := io.ReadFull(r, info); err != nil {
		return nil, fmt.Errorf("judge model: info: %w", err)
	}
	m.Info = string(info)
	m.W = make([]int8, Classes<<Bits)
	if err := read("weights", m.W); err != nil {
		return nil, err
	}
	var has uint32
	if err := read("root head", &has); err != nil {
		return nil, err
	}
	if has == 1 {
		h := &RootHead{W: make([]int8, Roots<<Bits)}
		for _, v := range []any{&h.Scale, &h.Bias, h.W} {
			if err := read("root head", v); err != nil {
				return nil, err
			}
		}
		m.Roots = h
	}
	return m, nil
}

//go:embed data/events.model
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, trained by `faultline train events`;
// nil, with no error, when the build embeds none (an empty model file, as
// when bootstrapping the first training).
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		if len(embedded) > 0 {
			defaultModel, defaultErr = Unmarshal(embedded)
		}
	})
	return defaultModel, defaultErr
}

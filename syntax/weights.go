package syntax

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode"
)

// Features are hashed to 64-bit keys: a template number mixed with the
// hashes of the words, tags or counts it looks at. A collision of two
// real features is rare enough (2^-64 per pair) to ignore.

const mulK = 0x9E3779B97F4A7C15

func mix(h, v uint64) uint64 {
	h = (h ^ v) * mulK
	return h ^ (h >> 29)
}

func feat1(t, a uint64) uint64    { return mix(mix(t*0x2545F4914F6CDD1D+1, a), 0x51) }
func feat2(t, a, b uint64) uint64 { return mix(mix(mix(t*0x2545F4914F6CDD1D+2, a), b), 0x52) }
func feat3(t, a, b, c uint64) uint64 {
	return mix(mix(mix(mix(t*0x2545F4914F6CDD1D+3, a), b), c), 0x53)
}

// hashString hashes s rune by rune; lower folds letters to lower case first.
func hashString(s string, lower bool) uint64 {
	h := uint64(0xCBF29CE484222325)
	for _, r := range s {
		if lower {
			if r < 0x80 {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
			} else {
				r = unicode.ToLower(r)
			}
		}
		h = (h ^ uint64(r)) * 0x100000001B3
	}
	return mix(h, uint64(len(s)))
}

// table holds the weights of a trained linear model in a form built for
// look-up speed: an open-addressing table of feature keys whose slot holds
// a 24-bit fingerprint of the key, the row's length and where the row is,
// so that a feature costs one cache miss for its slot and one for its row.
// A sparse row is packed (class, weight) entries in ent. A feature with
// weights for many classes has a dense row instead, in dense: every
// class's weight plus 32768 in a 32-bit lane, two to a word, so that one
// 64-bit addition adds two classes (the lanes cannot carry into each
// other: a sum of fewer than 65536 such values fits in 32 bits). Weights
// are quantised to 16 bits.
type table struct {
	nClass int
	scale  float32 // weight = int16 * scale
	mask   uint64
	slots  []uint64 // fingerprint<<40 | length<<32 | start; 0 is empty; length denseLen for a dense row
	ent    []uint32 // sparse rows: class | uint16(weight)<<16
	dense  []uint64 // dense rows, (nClass+1)/2 words each
	keys   []uint64 // the rows' keys in sorted order, to write the table back
}

// denseLen is the length field of a slot whose row is dense; start is
// then the dense row's number.
const denseLen = 0xFF

const laneBias = 32768

// isDense says whether a row of n entries is stored densely.
func isDense(n, nClass int) bool { return 4*n > nClass }

func (t *table) denseWords() int { return (t.nClass + 1) / 2 }

func fingerprint(key uint64) uint64 { return key>>40 | 1 }

// find returns the slot of key, 0 if it has none.
func (t *table) find(key uint64) uint64 {
	fp := fingerprint(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || s>>40 == fp {
			return s
		}
	}
}

// scratch is the per-call space of addAll.
type scratch struct {
	tmp []uint64
	acc []uint64
}

// addAll adds the weights of all keys to scores (of length nClass). It
// looks the keys up in passes, first every slot, then every row, so that
// the memory loads of different features overlap instead of waiting on
// each other.
func (t *table) addAll(keys []uint64, scores []int32, sc *scratch) {
	if cap(sc.tmp) < len(keys) {
		sc.tmp = make([]uint64, len(keys), 2*len(keys))
	}
	tmp := sc.tmp[:len(keys)]
	slots, mask := t.slots, t.mask
	for j, k := range keys {
		tmp[j] = slots[k&mask]
	}
	dw := t.denseWords()
	if cap(sc.acc) < dw {
		sc.acc = make([]uint64, dw)
	}
	acc := sc.acc[:dw]
	clear(acc)
	nd := int32(0)
	ent, dense := t.ent, t.dense
	for j, k := range keys {
		s := tmp[j]
		if fp := fingerprint(k); s != 0 && s>>40 != fp {
			for i := (k + 1) & mask; ; i = (i + 1) & mask {
				if s = slots[i]; s == 0 || s>>40 == fp {
					break
				}
			}
		}
		if s == 0 {
			continue
		}
		n, start := uint32(s>>32)&0xFF, uint32(s)
		if n == denseLen {
			off := int(start) * dw
			row := dense[off : off+dw]
			for k, v := range row {
				acc[k] += v
			}
			nd++
			continue
		}
		for _, e := range ent[start : start+n] {
			scores[e&0xff] += int32(int16(e >> 16))
		}
	}
	if nd > 0 {
		bias := nd * laneBias
		scores = scores[:2*dw]
		for k, v := range acc {
			scores[2*k] += int32(uint32(v)) - bias
			scores[2*k+1] += int32(uint32(v>>32)) - bias
		}
	}
}

// row returns the nonzero weights of the feature key.
func (t *table) row(key uint64) (cls []uint8, w []int16) {
	s := t.find(key)
	if s == 0 {
		return nil, nil
	}
	n, start := uint32(s>>32)&0xFF, uint32(s)
	if n == denseLen {
		off := int(start) * t.denseWords()
		for c := range t.nClass {
			v := t.dense[off+c/2] >> (32 * (c & 1))
			if q := int32(uint32(v)) - laneBias; q != 0 {
				cls = append(cls, uint8(c))
				w = append(w, int16(q))
			}
		}
		return cls, w
	}
	for _, e := range t.ent[start : start+n] {
		cls = append(cls, uint8(e&0xff))
		w = append(w, int16(e>>16))
	}
	return cls, w
}

// sparseRow is one feature's nonzero weights, by class, quantised.
type sparseRow struct {
	key uint64
	cls []uint8
	w   []int16
}

// buildTable makes a look-up table of rows (which must be sorted by key).
func buildTable(nClass int, scale float32, rows []sparseRow) *table {
	t := newTable(nClass, scale, len(rows))
	for _, r := range rows {
		t.insert(r.key, r.cls, r.w)
	}
	return t
}

// newTable makes an empty table with room for n rows.
func newTable(nClass int, scale float32, n int) *table {
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	return &table{nClass: nClass, scale: scale, mask: uint64(size - 1), slots: make([]uint64, size),
		ent: make([]uint32, 0, 3*n), keys: make([]uint64, 0, n)}
}

// insert adds the row of key; rows must come in key order.
func (t *table) insert(key uint64, cls []uint8, ws []int16) {
	fp := fingerprint(key)
	i := key & t.mask
	for ; t.slots[i] != 0; i = (i + 1) & t.mask {
		if t.slots[i]>>40 == fp {
			return // an earlier key with this fingerprint would shadow it (rare): dropped
		}
	}
	t.keys = append(t.keys, key)
	var slot uint64
	if dw := t.denseWords(); isDense(len(cls), t.nClass) {
		num := len(t.dense) / dw
		slot = denseLen<<32 | uint64(num)
		a := len(t.dense)
		for range dw {
			t.dense = append(t.dense, laneBias|laneBias<<32)
		}
		for j, c := range cls {
			sh := 32 * (c & 1)
			v := &t.dense[a+int(c)/2]
			*v = *v&^(0xFFFFFFFF<<sh) | uint64(uint32(laneBias+int32(ws[j])))<<sh
		}
	} else {
		slot = uint64(len(cls))<<32 | uint64(len(t.ent))
		for j, c := range cls {
			t.ent = append(t.ent, uint32(c)|uint32(uint16(ws[j]))<<16)
		}
	}
	t.slots[i] = fp<<40 | slot
}

// writeRows writes sorted rows compactly: key deltas and weights as varints.
func writeRows(w *bufio.Writer, nClass int, scale float32, rows []sparseRow) error {
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(nClass))
	put(uint64(math.Float32bits(scale)))
	put(uint64(len(rows)))
	prev := uint64(0)
	for _, r := range rows {
		put(r.key - prev)
		prev = r.key
		put(uint64(len(r.cls)))
		for j, c := range r.cls {
			w.WriteByte(c)
			v := int64(r.w[j])
			put(uint64((v << 1) ^ (v >> 63)))
		}
	}
	return nil
}

// readTable reads what writeRows wrote into a look-up table, row by row.
func readTable(d *decoder) *table {
	nClass := d.int(256)
	if nClass < 1 {
		panic(fmt.Errorf("bad class count %d", nClass))
	}
	scale := math.Float32frombits(uint32(d.uvarint()))
	nRows := d.int(1 << 26)
	t := newTable(nClass, scale, nRows)
	cls := make([]uint8, 0, nClass)
	ws := make([]int16, 0, nClass)
	key := uint64(0)
	for i := range nRows {
		key += d.uvarint()
		n := d.int(nClass)
		cls, ws = cls[:0], ws[:0]
		for range n {
			c := d.byte()
			if int(c) >= nClass {
				panic(fmt.Errorf("row %d: class %d out of range", i, c))
			}
			v := d.uvarint()
			cls = append(cls, c)
			ws = append(ws, int16(int64(v>>1)^-int64(v&1)))
		}
		t.insert(key, cls, ws)
	}
	return t
}

// decoder reads a model file's bytes; it panics with errTruncated at the
// end of the data (Decode recovers).
type decoder struct {
	b   []byte
	off int
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		panic(errTruncated)
	}
	d.off += n
	return v
}

// int reads a count and checks it against limit.
func (d *decoder) int(limit int) int {
	v := d.uvarint()
	if v > uint64(limit) {
		panic(fmt.Errorf("count %d over %d", v, limit))
	}
	return int(v)
}

func (d *decoder) byte() byte {
	if d.off >= len(d.b) {
		panic(errTruncated)
	}
	d.off++
	return d.b[d.off-1]
}

func (d *decoder) string() string {
	n := d.int(len(d.b) - d.off)
	d.off += n
	return string(d.b[d.off-n : d.off])
}

var errTruncated = errors.New("model file truncated")

// catchTruncated runs f, turning a panic with an error into a return value.
func catchTruncated(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	f()
	return nil
}

// trainer is an averaged perceptron under training: for each feature a
// short list of the classes it has weights for. Weights are integers
// (updates are +-1) so training is exact and repeatable.
type trainer struct {
	nClass int
	idx    map[uint64]int32
	keys   []uint64
	rows   [][]tEntry
	now    int64 // instances seen, for averaging
}

type tEntry struct {
	cls uint16
	w   int32
	ts  int64 // instance at which w last changed
	tot int64 // sum of w over instances before ts
}

func newTrainer(nClass int) *trainer {
	return &trainer{nClass: nClass, idx: make(map[uint64]int32, 1<<20)}
}

// score adds the current weights of feats to scores.
func (p *trainer) score(feats []uint64, scores []int64) {
	for _, f := range feats {
		if i, ok := p.idx[f]; ok {
			for _, e := range p.rows[i] {
				scores[e.cls] += int64(e.w)
			}
		}
	}
}

// tick counts one training instance.
func (p *trainer) tick() { p.now++ }

// update moves the weights of feats towards gold and away from pred.
func (p *trainer) update(feats []uint64, gold, pred int) {
	for _, f := range feats {
		i, ok := p.idx[f]
		if !ok {
			i = int32(len(p.rows))
			p.idx[f] = i
			p.keys = append(p.keys, f)
			p.rows = append(p.rows, nil)
		}
		p.rows[i] = p.bump(p.rows[i], gold, 1)
		p.rows[i] = p.bump(p.rows[i], pred, -1)
	}
}

func (p *trainer) bump(row []tEntry, cls, d int) []tEntry {
	for j := range row {
		if int(row[j].cls) == cls {
			e := &row[j]
			e.tot += int64(e.w) * (p.now - e.ts)
			e.ts = p.now
			e.w += int32(d)
			return row
		}
	}
	return append(row, tEntry{cls: uint16(cls), w: int32(d), ts: p.now})
}

// averaged returns the averaged weights, quantised to 16 bits with one
// scale for the whole model, dropping those that quantise to below
// minQ in magnitude; rows are sorted by key (a deterministic order).
func (p *trainer) averaged(minQ int) (float32, []sparseRow) {
	now := float64(max(p.now, 1))
	avg := func(e tEntry) float64 {
		return float64(e.tot+int64(e.w)*(p.now-e.ts)) / now
	}
	maxAbs := 0.0
	for _, row := range p.rows {
		for _, e := range row {
			maxAbs = max(maxAbs, math.Abs(avg(e)))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	order := make([]int32, len(p.keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		ka, kb := p.keys[a], p.keys[b]
		if ka < kb {
			return -1
		}
		if ka > kb {
			return 1
		}
		return 0
	})
	var out []sparseRow
	for _, i := range order {
		row := slices.Clone(p.rows[i])
		slices.SortFunc(row, func(a, b tEntry) int { return int(a.cls) - int(b.cls) })
		var r sparseRow
		for _, e := range row {
			q := math.Round(avg(e) / scale)
			if math.Abs(q) < float64(max(minQ, 1)) {
				continue
			}
			r.cls = append(r.cls, uint8(e.cls))
			r.w = append(r.w, int16(q))
		}
		if len(r.cls) > 0 {
			r.key = p.keys[i]
			out = append(out, r)
		}
	}
	return float32(scale), out
}

// pruned returns a copy of t without the weights whose magnitude is below
// minQ quantisation steps (rows left empty go too).
func (t *table) pruned(minQ int) *table {
	var rows []sparseRow
	for _, k := range t.keys {
		cls, w := t.row(k)
		r := sparseRow{key: k}
		for j := range cls {
			if abs(int(w[j])) >= minQ {
				r.cls = append(r.cls, cls[j])
				r.w = append(r.w, w[j])
			}
		}
		if len(r.cls) > 0 {
			rows = append(rows, r)
		}
	}
	return buildTable(t.nClass, t.scale, rows)
}

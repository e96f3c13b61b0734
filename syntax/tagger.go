package syntax

import (
	"unicode"
	"unicode/utf8"
)

// wordInfo holds the hashes of one word's forms and pieces that the
// tagger's and parser's features look at, computed once per sentence.
type wordInfo struct {
	raw, low uint64
	suf      [4]uint64 // last 1..4 letters, lower-cased
	pre      [3]uint64 // first 1..3 letters, lower-cased
	shape    uint64
	flags    uint64 // capitalisation, digits, hyphen
}

const (
	flagCap = 1 << iota
	flagAllCap
	flagDigit
	flagHyphen
	flagAlpha
	flagPunct
)

// noWord stands for a position outside the sentence.
var noWord = wordInfo{raw: 0x1111, low: 0x1111, suf: [4]uint64{0x1111, 0x1111, 0x1111, 0x1111}, pre: [3]uint64{0x1111, 0x1111, 0x1111}, shape: 0x1111}

// describe fills wi for form; runes is scratch space.
func describe(wi *wordInfo, form string, runes []rune) []rune {
	runes = runes[:0]
	var flags uint64
	upper, letters := 0, 0
	sh := uint64(0xCBF29CE484222325)
	var last rune = -1
	repeat := 0
	for i, r := range form {
		var c rune
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			c = 'X'
			if i == 0 {
				flags |= flagCap
			}
		case unicode.IsLetter(r):
			letters++
			c = 'x'
		case unicode.IsDigit(r):
			flags |= flagDigit
			c = 'd'
		default:
			if r == '-' {
				flags |= flagHyphen
			}
			c = r
		}
		if c == last {
			repeat++
		} else {
			repeat = 0
		}
		if repeat < 2 { // Xxxxx -> Xxx: runs longer than two letters collapse
			sh = (sh ^ uint64(c)) * 0x100000001B3
		}
		last = c
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		runes = append(runes, r)
	}
	if letters > 0 && upper == letters && letters > 1 {
		flags |= flagAllCap
	}
	if letters > 0 {
		flags |= flagAlpha
	}
	if letters == 0 && flags&flagDigit == 0 {
		flags |= flagPunct
	}
	wi.raw = hashString(form, false)
	wi.low = hashString(form, true)
	wi.shape = sh
	wi.flags = flags
	n := len(runes)
	for k := 1; k <= 4; k++ {
		wi.suf[k-1] = hashRunes(runes[max(n-k, 0):], uint64(k))
	}
	for k := 1; k <= 3; k++ {
		wi.pre[k-1] = hashRunes(runes[:min(k, n)], uint64(k)+8)
	}
	return runes
}

func hashRunes(rs []rune, salt uint64) uint64 {
	h := uint64(0xCBF29CE484222325) ^ salt
	for _, r := range rs {
		h = (h ^ uint64(r)) * 0x100000001B3
	}
	return mix(h, uint64(len(rs)))
}

// Tag feature templates.
const (
	tfBias = iota
	tfRaw
	tfLow
	tfSuf1
	tfSuf2
	tfSuf3
	tfSuf4
	tfPre1
	tfPre2
	tfPre3
	tfShape
	tfFlags
	tfT1
	tfT2T1
	tfT1Low
	tfW1
	tfW1Suf3
	tfN1
	tfN1Suf3
	tfW2
	tfN2
	tfLowN1
	tfW1Low
	tfT1N1
	tfFirstFlags
	tfShapeN1Shape
	tfT1Suf3
	nTagFeats
)

// tagFeatures writes the features of word i into f, given the tags
// already chosen for the words before it (tags[i-1], tags[i-2]).
func tagFeatures(f []uint64, ws []wordInfo, tags []int, i int) []uint64 {
	at := func(j int) *wordInfo {
		if j < 0 || j >= len(ws) {
			return &noWord
		}
		return &ws[j]
	}
	w := &ws[i]
	p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
	t1, t2 := uint64(0xFFF), uint64(0xFFE)
	if i > 0 {
		t1 = uint64(tags[i-1])
	}
	if i > 1 {
		t2 = uint64(tags[i-2])
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	f = append(f[:0],
		feat1(tfBias, 0),
		feat1(tfRaw, w.raw),
		feat1(tfLow, w.low),
		feat1(tfSuf1, w.suf[0]),
		feat1(tfSuf2, w.suf[1]),
		feat1(tfSuf3, w.suf[2]),
		feat1(tfSuf4, w.suf[3]),
		feat1(tfPre1, w.pre[0]),
		feat1(tfPre2, w.pre[1]),
		feat1(tfPre3, w.pre[2]),
		feat1(tfShape, w.shape),
		feat1(tfFlags, w.flags),
		feat1(tfT1, t1),
		feat2(tfT2T1, t2, t1),
		feat2(tfT1Low, t1, w.low),
		feat1(tfW1, p1.low),
		feat1(tfW1Suf3, p1.suf[2]),
		feat1(tfN1, n1.low),
		feat1(tfN1Suf3, n1.suf[2]),
		feat1(tfW2, p2.low),
		feat1(tfN2, n2.low),
		feat2(tfLowN1, w.low, n1.low),
		feat2(tfW1Low, p1.low, w.low),
		feat2(tfT1N1, t1, n1.low),
		feat2(tfFirstFlags, first, w.flags),
		feat2(tfShapeN1Shape, w.shape, n1.shape),
		feat2(tfT1Suf3, t1, w.suf[2]),
	)
	return f
}

package syntax

// The parser is arc-eager (Nivre 2003): a stack, a buffer and four kinds
// of transition; SHIFT pushes the buffer's first word, REDUCE pops a word
// that has its head, LEFT-ARC(l) makes the buffer's first word the head of
// the stack's top and pops it, RIGHT-ARC(l) makes the stack's top the head
// of the buffer's first word and pushes it. Words are numbered from 1; 0
// is the artificial root at the bottom of the stack. Classes: 0 SHIFT,
// 1 REDUCE, 2+l LEFT-ARC(l), 2+L+l RIGHT-ARC(l) for L labels.

const (
	trShift  = 0
	trReduce = 1
)

// state is a parser configuration plus what the features read of the
// partial tree: each word's head, label, two leftmost and two rightmost
// children, valencies and the sets of its children's labels.
type state struct {
	n       int // words, numbered 1..n
	stack   []int32
	b       int // first word of the buffer; the buffer is b..n
	head    []int32
	label   []int32
	lc1     []int32
	lc2     []int32
	rc1     []int32
	rc2     []int32
	nl, nr  []int32
	ls, rs  []uint64
	inStack []bool
}

func (s *state) reset(n int) {
	s.n = n
	grow := func(a []int32) []int32 {
		if cap(a) < n+1 {
			return make([]int32, n+1, 2*n+2)
		}
		return a[:n+1]
	}
	s.head, s.label = grow(s.head), grow(s.label)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1), grow(s.lc2), grow(s.rc1), grow(s.rc2)
	s.nl, s.nr = grow(s.nl), grow(s.nr)
	if cap(s.ls) < n+1 {
		s.ls, s.rs = make([]uint64, n+1, 2*n+2), make([]uint64, n+1, 2*n+2)
		s.inStack = make([]bool, n+1, 2*n+2)
	}
	s.ls, s.rs, s.inStack = s.ls[:n+1], s.rs[:n+1], s.inStack[:n+1]
	for i := 0; i <= n; i++ {
		s.head[i], s.label[i] = -1, -1
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = -1, -1, -1, -1
		s.nl[i], s.nr[i] = 0, 0
		s.ls[i], s.rs[i] = 0, 0
		s.inStack[i] = false
	}
	s.stack = append(s.stack[:0], 0)
	s.inStack[0] = true
	s.b = 1
}

func (s *state) done() bool { return s.b > s.n }

func (s *state) top() int { return int(s.stack[len(s.stack)-1]) }

// legal reports whether transition class c may apply (nLab labels; label
// rootLab only from the root, and only it).
func (s *state) legal(c, nLab, rootLab int) bool {
	if s.done() {
		return false
	}
	t := s.top()
	switch {
	case c == trShift:
		return true
	case c == trReduce:
		return t != 0 && s.head[t] >= 0
	case c < 2+nLab:
		return t != 0 && s.head[t] < 0 && c-2 != rootLab
	default:
		if t == 0 {
			return c-2-nLab == rootLab
		}
		return c-2-nLab != rootLab
	}
}

func (s *state) apply(c, nLab int) {
	t := s.top()
	switch {
	case c == trShift:
		s.push(s.b)
		s.b++
	case c == trReduce:
		s.pop()
	case c < 2+nLab:
		s.arc(s.b, t, c-2)
		s.pop()
	default:
		s.arc(t, s.b, c-2-nLab)
		s.push(s.b)
		s.b++
	}
}

func (s *state) push(i int) {
	s.stack = append(s.stack, int32(i))
	s.inStack[i] = true
}

func (s *state) pop() {
	t := s.top()
	s.inStack[t] = false
	s.stack = s.stack[:len(s.stack)-1]
}

func (s *state) arc(h, d, l int) {
	s.head[d], s.label[d] = int32(h), int32(l)
	if d < h {
		s.nl[h]++
		s.ls[h] |= 1 << (uint(l) & 63)
		if s.lc1[h] < 0 || int32(d) < s.lc1[h] {
			s.lc2[h], s.lc1[h] = s.lc1[h], int32(d)
		} else if s.lc2[h] < 0 || int32(d) < s.lc2[h] {
			s.lc2[h] = int32(d)
		}
	} else {
		s.nr[h]++
		s.rs[h] |= 1 << (uint(l) & 63)
		if s.rc1[h] < 0 || int32(d) > s.rc1[h] {
			s.rc2[h], s.rc1[h] = s.rc1[h], int32(d)
		} else if s.rc2[h] < 0 || int32(d) > s.rc2[h] {
			s.rc2[h] = int32(d)
		}
	}
}

// Parser feature templates (after Zhang and Nivre 2011).
const (
	pfS0wp = iota
	pfS0w
	pfS0p
	pfN0wp
	pfN0w
	pfN0p
	pfN1wp
	pfN1w
	pfN1p
	pfN2wp
	pfN2w
	pfN2p
	pfS0wpN0wp
	pfS0wpN0w
	pfS0wN0wp
	pfS0wpN0p
	pfS0pN0wp
	pfS0wN0w
	pfS0pN0p
	pfN0pN1p
	pfN0pN1pN2p
	pfS0pN0pN1p
	pfS0hpS0pN0p
	pfS0pS0lpN0p
	pfS0pS0rpN0p
	pfS0pN0pN0lp
	pfS0wd
	pfS0pd
	pfN0wd
	pfN0pd
	pfS0wN0wd
	pfS0pN0pd
	pfS0wvr
	pfS0pvr
	pfS0wvl
	pfS0pvl
	pfN0wvl
	pfN0pvl
	pfS0hw
	pfS0hp
	pfS0l
	pfS0lw
	pfS0lp
	pfS0ll
	pfS0rw
	pfS0rp
	pfS0rl
	pfN0lw
	pfN0lp
	pfN0ll
	pfS0h2w
	pfS0h2p
	pfS0hl
	pfS0l2w
	pfS0l2p
	pfS0l2l
	pfS0r2w
	pfS0r2p
	pfS0r2l
	pfN0l2w
	pfN0l2p
	pfN0l2l
	pfS0pS0lpS0l2p
	pfS0pS0rpS0r2p
	pfS0pS0hpS0h2p
	pfN0pN0lpN0l2p
	pfS0wsr
	pfS0psr
	pfS0wsl
	pfS0psl
	pfN0wsl
	pfN0psl
	pfS1p
	pfS1pS0pN0p
	pfS1wS0w
	pfS0wN0pN1p
	pfS0pN0wN1p
	pfS0HasHead
	pfN0hasDep
	nParseFeats
)

// sentFeats is what the parser's features read of the words: hashes of
// the lower-cased forms and the predicted tags, indexed 0..n (0 the root).
type sentFeats struct {
	w   []uint64
	tag []uint64
}

const (
	noneW   = 0x7777
	noneTag = 0x3FF
)

// parseFeatures writes the features of the configuration s into f.
func parseFeatures(f []uint64, s *state, sf *sentFeats) []uint64 {
	w := func(i int32) uint64 {
		if i < 0 {
			return noneW
		}
		return sf.w[i]
	}
	p := func(i int32) uint64 {
		if i < 0 {
			return noneTag
		}
		return sf.tag[i]
	}
	lab := func(i int32) uint64 {
		if i < 0 {
			return 0xFF
		}
		return uint64(s.label[i]) & 0xFF
	}
	s0 := int32(s.stack[len(s.stack)-1])
	var s1 int32 = -1
	if len(s.stack) > 1 {
		s1 = s.stack[len(s.stack)-2]
	}
	n0, n1, n2 := int32(-1), int32(-1), int32(-1)
	if s.b <= s.n {
		n0 = int32(s.b)
	}
	if s.b+1 <= s.n {
		n1 = int32(s.b + 1)
	}
	if s.b+2 <= s.n {
		n2 = int32(s.b + 2)
	}
	var s0h, s0h2, s0l, s0l2, s0r, s0r2 int32 = -1, -1, s.lc1[s0], s.lc2[s0], s.rc1[s0], s.rc2[s0]
	if s0 > 0 {
		s0h = s.head[s0]
		if s0h > 0 {
			s0h2 = s.head[s0h]
		}
	}
	var n0l, n0l2 int32 = -1, -1
	var n0vl, n0sl uint64
	if n0 > 0 {
		n0l, n0l2 = s.lc1[n0], s.lc2[n0]
		n0vl, n0sl = uint64(s.nl[n0]), s.ls[n0]
	}
	d := uint64(0)
	if n0 > 0 {
		d = uint64(min(n0-s0, 15))
		if s0 == 0 {
			d = 20
		}
	}
	s0w, s0p, n0w, n0p := w(s0), p(s0), w(n0), p(n0)
	n1w, n1p, n2w, n2p := w(n1), p(n1), w(n2), p(n2)
	s0vr, s0vl := uint64(s.nr[s0]), uint64(s.nl[s0])
	hasHead := uint64(0)
	if s0 > 0 && s.head[s0] >= 0 {
		hasHead = 1
	}
	f = append(f[:0],
		feat2(pfS0wp, s0w, s0p),
		feat1(pfS0w, s0w),
		feat1(pfS0p, s0p),
		feat2(pfN0wp, n0w, n0p),
		feat1(pfN0w, n0w),
		feat1(pfN0p, n0p),
		feat2(pfN1wp, n1w, n1p),
		feat1(pfN1w, n1w),
		feat1(pfN1p, n1p),
		feat2(pfN2wp, n2w, n2p),
		feat1(pfN2w, n2w),
		feat1(pfN2p, n2p),
		feat3(pfS0wpN0wp, mix(s0w, s0p), n0w, n0p),
		feat3(pfS0wpN0w, s0w, s0p, n0w),
		feat3(pfS0wN0wp, s0w, n0w, n0p),
		feat3(pfS0wpN0p, s0w, s0p, n0p),
		feat3(pfS0pN0wp, s0p, n0w, n0p),
		feat2(pfS0wN0w, s0w, n0w),
		feat2(pfS0pN0p, s0p, n0p),
		feat2(pfN0pN1p, n0p, n1p),
		feat3(pfN0pN1pN2p, n0p, n1p, n2p),
		feat3(pfS0pN0pN1p, s0p, n0p, n1p),
		feat3(pfS0hpS0pN0p, p(s0h), s0p, n0p),
		feat3(pfS0pS0lpN0p, s0p, p(s0l), n0p),
		feat3(pfS0pS0rpN0p, s0p, p(s0r), n0p),
		feat3(pfS0pN0pN0lp, s0p, n0p, p(n0l)),
		feat2(pfS0wd, s0w, d),
		feat2(pfS0pd, s0p, d),
		feat2(pfN0wd, n0w, d),
		feat2(pfN0pd, n0p, d),
		feat3(pfS0wN0wd, s0w, n0w, d),
		feat3(pfS0pN0pd, s0p, n0p, d),
		feat2(pfS0wvr, s0w, s0vr),
		feat2(pfS0pvr, s0p, s0vr),
		feat2(pfS0wvl, s0w, s0vl),
		feat2(pfS0pvl, s0p, s0vl),
		feat2(pfN0wvl, n0w, n0vl),
		feat2(pfN0pvl, n0p, n0vl),
		feat1(pfS0hw, w(s0h)),
		feat1(pfS0hp, p(s0h)),
		feat1(pfS0l, lab(s0)),
		feat1(pfS0lw, w(s0l)),
		feat1(pfS0lp, p(s0l)),
		feat1(pfS0ll, lab(s0l)),
		feat1(pfS0rw, w(s0r)),
		feat1(pfS0rp, p(s0r)),
		feat1(pfS0rl, lab(s0r)),
		feat1(pfN0lw, w(n0l)),
		feat1(pfN0lp, p(n0l)),
		feat1(pfN0ll, lab(n0l)),
		feat1(pfS0h2w, w(s0h2)),
		feat1(pfS0h2p, p(s0h2)),
		feat1(pfS0hl, lab(s0h)),
		feat1(pfS0l2w, w(s0l2)),
		feat1(pfS0l2p, p(s0l2)),
		feat1(pfS0l2l, lab(s0l2)),
		feat1(pfS0r2w, w(s0r2)),
		feat1(pfS0r2p, p(s0r2)),
		feat1(pfS0r2l, lab(s0r2)),
		feat1(pfN0l2w, w(n0l2)),
		feat1(pfN0l2p, p(n0l2)),
		feat1(pfN0l2l, lab(n0l2)),
		feat3(pfS0pS0lpS0l2p, s0p, p(s0l), p(s0l2)),
		feat3(pfS0pS0rpS0r2p, s0p, p(s0r), p(s0r2)),
		feat3(pfS0pS0hpS0h2p, s0p, p(s0h), p(s0h2)),
		feat3(pfN0pN0lpN0l2p, n0p, p(n0l), p(n0l2)),
		feat2(pfS0wsr, s0w, s.rs[s0]),
		feat2(pfS0psr, s0p, s.rs[s0]),
		feat2(pfS0wsl, s0w, s.ls[s0]),
		feat2(pfS0psl, s0p, s.ls[s0]),
		feat2(pfN0wsl, n0w, n0sl),
		feat2(pfN0psl, n0p, n0sl),
		feat1(pfS1p, p(s1)),
		feat3(pfS1pS0pN0p, p(s1), s0p, n0p),
		feat2(pfS1wS0w, w(s1), s0w),
		feat3(pfS0wN0pN1p, s0w, n0p, n1p),
		feat3(pfS0pN0wN1p, s0p, n0w, n1p),
		feat3(pfS0HasHead, hasHead, s0p, n0p),
		feat2(pfN0hasDep, n0vl, n0p),
	)
	return f
}

// finish attaches the words left without a head to the root and leaves
// exactly one root: the first word the parser attached to the root (or the
// first headless word) stays, the others attach to it.
func (s *state) finish(rootLab, fallbackLab int) {
	root := -1
	for i := 1; i <= s.n; i++ {
		if s.head[i] == 0 {
			root = i
			break
		}
	}
	for i := 1; i <= s.n; i++ {
		if s.head[i] < 0 {
			if root < 0 {
				root = i
				s.head[i], s.label[i] = 0, int32(rootLab)
			} else {
				s.head[i], s.label[i] = int32(root), int32(fallbackLab)
			}
		} else if s.head[i] == 0 && i != root {
			s.head[i], s.label[i] = int32(root), int32(fallbackLab)
		}
	}
	if root > 0 {
		s.label[root] = int32(rootLab)
	}
}

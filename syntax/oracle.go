package syntax

// The dynamic oracle of Goldberg and Nivre (2012) for the arc-eager
// system: the cost of a transition is the number of gold arcs (counting a
// wrong label as a lost arc) that it makes unreachable. Training follows
// the parser's own choices some of the time and learns from the
// zero-cost transitions at every step, so the parser learns to recover
// from its own mistakes. gh and gl are the gold heads and labels by word
// (1..n), of a projective tree.

// cost returns the cost of transition class c in s.
func (s *state) cost(c, nLab int, gh, gl []int32) int {
	t := int32(s.top())
	b := int32(s.b)
	n := int32(s.n)
	cost := 0
	switch {
	case c == trShift:
		// b's head in the stack, and b's unattached children in the
		// stack, can no longer be reached.
		if s.inStack[gh[b]] {
			cost++
		}
		for _, k := range s.stack {
			if k > 0 && s.head[k] < 0 && gh[k] == b {
				cost++
			}
		}
	case c == trReduce:
		for k := b; k <= n; k++ {
			if gh[k] == t {
				cost++
			}
		}
	case c < 2+nLab:
		// t's head beyond b and t's children in the buffer are lost.
		if gh[t] > b {
			cost++
		}
		for k := b; k <= n; k++ {
			if gh[k] == t {
				cost++
			}
		}
		if gh[t] == b && gl[t] != int32(c-2) {
			cost++
		}
	default:
		// b's head elsewhere in the stack or in the buffer, and b's
		// unattached children in the stack, are lost.
		if gh[b] != t && (s.inStack[gh[b]] || gh[b] > b) {
			cost++
		}
		for _, k := range s.stack {
			if k > 0 && s.head[k] < 0 && gh[k] == b {
				cost++
			}
		}
		if gh[b] == t && gl[b] != int32(c-2-nLab) {
			cost++
		}
	}
	return cost
}

// costs fills out with the cost of every class, -1 for an illegal one.
// The cost of an arc depends on its label only through the arc itself, so
// one arc of each direction is costed and the labels adjusted.
func (s *state) costs(out []int, nLab, rootLab int, gh, gl []int32) {
	base := [4]int{-1, -1, -1, -1}
	for k, c := range [4]int{trShift, trReduce, 2, 2 + nLab} {
		base[k] = s.cost(c, nLab, gh, gl)
	}
	t, b := int32(s.top()), int32(s.b)
	for c := range out {
		if !s.legal(c, nLab, rootLab) {
			out[c] = -1
			continue
		}
		switch {
		case c == trShift:
			out[c] = base[0]
		case c == trReduce:
			out[c] = base[1]
		case c < 2+nLab:
			out[c] = base[2]
			if gh[t] == b {
				out[c] -= btoi(gl[t] != 0)
				out[c] += btoi(gl[t] != int32(c-2))
			}
		default:
			out[c] = base[3]
			if gh[b] == t {
				out[c] -= btoi(gl[b] != 0)
				out[c] += btoi(gl[b] != int32(c-2-nLab))
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// projectivize lifts non-projective arcs (attaching the dependent to its
// head's head) until the tree is projective, shortest arc first. heads
// are 1-based with 0 the root, indexed 1..n; it changes heads in place.
func projectivize(heads []int32) {
	n := len(heads) - 1
	for iter := 0; iter < 4*n; iter++ {
		best, bestLen := -1, 1<<30
		for d := 1; d <= n; d++ {
			h := int(heads[d])
			if l := abs(h - d); l < bestLen && !projectiveArc(heads, h, d) {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			return
		}
		heads[best] = heads[heads[best]]
	}
}

// projectiveArc reports whether every word between h and d descends from h.
func projectiveArc(heads []int32, h, d int) bool {
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		x := k
		for steps := 0; x != h && x != 0 && steps <= len(heads); steps++ {
			x = int(heads[x])
		}
		if x != h {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

package syntax

import (
	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// work is the scratch space of one Parse call, pooled by the model.
type work struct {
	wi     []wordInfo
	runes  []rune
	tags   []int
	feats  []uint64
	sc     scratch
	scores []int32
	st     state
	sf     sentFeats
	buf    []byte
	words  []string
	pieces []faultline.Span
	owner  []int // ParseTokens: project token of each parser word
	inner  Tree
}

func (m *Model) getWork() *work {
	if w, ok := m.pool.Get().(*work); ok {
		return w
	}
	return &work{}
}

// Parse tags and parses one sentence given as words.
func (m *Model) Parse(words []string) *Tree {
	t := &Tree{}
	m.ParseInto(t, words)
	return t
}

// ParseInto is Parse writing into dst, reusing its Nodes; the hot path
// of a caller that parses many sentences.
func (m *Model) ParseInto(dst *Tree, words []string) {
	w := m.getWork()
	m.parseWords(w, dst, words)
	m.pool.Put(w)
}

func (m *Model) parseWords(w *work, dst *Tree, words []string) {
	n := len(words)
	if cap(dst.Nodes) < n {
		dst.Nodes = make([]Node, n)
	}
	dst.Nodes = dst.Nodes[:n]
	if n == 0 {
		return
	}
	m.tag(w, words)
	m.parse(w)
	for i, form := range words {
		t := w.tags[i]
		dst.Nodes[i] = Node{
			Form:   form,
			Lemma:  m.morph.lemma(form, t, w.buf),
			UPOS:   m.upos[t],
			XPOS:   m.xpos[t],
			Feats:  m.morph.featsOf(form, t, w.buf),
			Head:   int(w.st.head[i+1]) - 1,
			Deprel: m.labels[w.st.label[i+1]],
		}
	}
}

// tag chooses each word's tag, left to right.
func (m *Model) tag(w *work, words []string) {
	n := len(words)
	if cap(w.wi) < n {
		w.wi = make([]wordInfo, n, 2*n)
		w.tags = make([]int, n, 2*n)
	}
	w.wi, w.tags = w.wi[:n], w.tags[:n]
	for i, form := range words {
		w.runes = describe(&w.wi[i], form, w.runes)
	}
	nt := len(m.tags)
	if cap(w.scores) < nt {
		w.scores = make([]int32, 0, 256)
	}
	for i, form := range words {
		if t, ok := m.tagDict[form]; ok {
			w.tags[i] = int(t)
			continue
		}
		w.feats = tagFeatures(w.feats, w.wi, w.tags, i)
		scores := w.scores[:nt]
		clear(scores)
		m.tagger.addAll(w.feats, scores, &w.sc)
		best := 0
		for c := 1; c < nt; c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		w.tags[i] = best
	}
}

// parse builds the tree over the tagged words in w.
func (m *Model) parse(w *work) {
	n := len(w.wi)
	sf := &w.sf
	if cap(sf.w) < n+1 {
		sf.w, sf.tag = make([]uint64, n+1, 2*n+2), make([]uint64, n+1, 2*n+2)
	}
	sf.w, sf.tag = sf.w[:n+1], sf.tag[:n+1]
	sf.w[0], sf.tag[0] = rootWord, rootTag
	for i := range n {
		sf.w[i+1], sf.tag[i+1] = w.wi[i].low, uint64(w.tags[i])
	}
	st := &w.st
	st.reset(n)
	nLab := len(m.labels)
	nc := 2 + 2*nLab
	for !st.done() {
		w.feats = parseFeatures(w.feats, st, sf)
		scores := w.scores[:nc]
		clear(scores)
		m.parser.addAll(w.feats, scores, &w.sc)
		st.apply(bestLegal(st, scores, nLab, m.rootLab), nLab)
	}
	st.finish(m.rootLab, m.fallLab)
}

const (
	rootWord = 0x5EED
	rootTag  = 0x3FE
)

// bestLegal returns the highest-scoring legal transition.
func bestLegal[S int32 | int64](st *state, scores []S, nLab, rootLab int) int {
	best := -1
	for c := range scores {
		if (best < 0 || scores[c] > scores[best]) && st.legal(c, nLab, rootLab) {
			best = c
		}
	}
	return best
}

// ParseTokens parses the project's tokens of one sentence: one node per
// token, in order. Node.Form is the token as written. A token that UD
// writes as several words is parsed as UD has it and mapped back: a
// possessive (NATO's -> NATO + 's, protesters' -> protesters + ') and a
// hyphenated compound (stone-throwing -> stone + - + throwing). The
// token's node is its head word's (the one whose head lies outside the
// token), and whatever depended on any of its words depends on the token.
func (m *Model) ParseTokens(toks []text.Token) *Tree {
	t := &Tree{}
	m.ParseTokensInto(t, toks)
	return t
}

// ParseTokensInto is ParseTokens writing into dst, reusing its Nodes.
func (m *Model) ParseTokensInto(dst *Tree, toks []text.Token) {
	w := m.getWork()
	w.words, w.owner = w.words[:0], w.owner[:0]
	for i, tk := range toks {
		w.pieces = appendPieces(w.pieces[:0], tk)
		for _, p := range w.pieces {
			w.words = append(w.words, tk.Raw[p.Start-tk.Start:p.End-tk.Start])
			w.owner = append(w.owner, i)
		}
	}
	if len(w.words) == len(toks) {
		m.parseWords(w, dst, w.words)
		m.pool.Put(w)
		return
	}
	m.parseWords(w, &w.inner, w.words)
	if cap(dst.Nodes) < len(toks) {
		dst.Nodes = make([]Node, len(toks))
	}
	dst.Nodes = dst.Nodes[:len(toks)]
	for a := 0; a < len(w.owner); {
		o := w.owner[a]
		b := a + 1
		for b < len(w.owner) && w.owner[b] == o {
			b++
		}
		hp := a // the head word: the first whose head is outside the token
		for j := a; j < b; j++ {
			if h := w.inner.Nodes[j].Head; h < a || h >= b {
				hp = j
				break
			}
		}
		n := w.inner.Nodes[hp]
		if n.Head >= 0 {
			n.Head = w.owner[n.Head]
		}
		if b-a > 1 {
			n.Form = toks[o].Raw
			if last := b - 1; hp == last && w.words[last] != "-" {
				// stone-throwing -> stone-throw: the compound's last word
				// carries the lemma.
				n.Lemma = toks[o].Raw[:len(toks[o].Raw)-len(w.words[last])] + n.Lemma
			}
		}
		dst.Nodes[o] = n
		a = b
	}
	m.pool.Put(w)
}

// appendPieces appends the spans of the words UD splits token tk into:
// a possessive 's or ' goes apart, and hyphens between letters or digits
// are words of their own. A token UD keeps whole gives one span.
func appendPieces(dst []faultline.Span, tk text.Token) []faultline.Span {
	raw := tk.Raw
	end := len(raw)
	var clitic faultline.Span
	if tk.Possessive {
		for _, suf := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
			if len(raw) > len(suf) && raw[len(raw)-len(suf):] == suf {
				end = len(raw) - len(suf)
				clitic = faultline.Span{Start: tk.Start + end, End: tk.End}
				break
			}
		}
	}
	start := 0
	if !tk.Punct {
		for i := 1; i+1 < end; i++ {
			if raw[i] == '-' && isAlnum(raw[i-1]) && isAlnum(raw[i+1]) {
				dst = append(dst, faultline.Span{Start: tk.Start + start, End: tk.Start + i},
					faultline.Span{Start: tk.Start + i, End: tk.Start + i + 1})
				start = i + 1
			}
		}
	}
	dst = append(dst, faultline.Span{Start: tk.Start + start, End: tk.Start + end})
	if clitic.End > clitic.Start {
		dst = append(dst, clitic)
	}
	return dst
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

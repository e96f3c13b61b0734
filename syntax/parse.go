package syntax

import (
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
// token, in order. A possessive token (NATO's, protesters') is parsed as
// the word and its 's or ' as UD has it; the token's node takes the word's
// tag, head and relation, and whatever depended on the 's depends on the
// token. Node.Form is the token as written.
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
		word, clitic := splitPossessive(tk)
		w.words = append(w.words, word)
		w.owner = append(w.owner, i)
		if clitic != "" {
			w.words = append(w.words, clitic)
			w.owner = append(w.owner, -1-i)
		}
	}
	if len(w.words) == len(toks) {
		m.parseWords(w, dst, w.words)
		for i := range dst.Nodes {
			dst.Nodes[i].Form = toks[i].Raw
		}
		m.pool.Put(w)
		return
	}
	m.parseWords(w, &w.inner, w.words)
	if cap(dst.Nodes) < len(toks) {
		dst.Nodes = make([]Node, len(toks))
	}
	dst.Nodes = dst.Nodes[:len(toks)]
	tokOf := func(word int) int {
		if word < 0 {
			return -1
		}
		if o := w.owner[word]; o < 0 {
			return -1 - o
		}
		return w.owner[word]
	}
	for j, o := range w.owner {
		if o < 0 {
			continue // the clitic: its token is the word before it
		}
		n := w.inner.Nodes[j]
		n.Form = toks[o].Raw
		h := tokOf(n.Head)
		if h == o { // the word hung on its own 's: take the clitic's head
			h = tokOf(w.inner.Nodes[j+1].Head)
			if h == o {
				h = -1
			}
		}
		n.Head = h
		dst.Nodes[o] = n
	}
	m.pool.Put(w)
}

// splitPossessive returns the word and possessive clitic of a token that
// carries one ("NATO's" -> "NATO", "'s"); clitic is "" otherwise.
func splitPossessive(tk text.Token) (word, clitic string) {
	raw := tk.Raw
	if !tk.Possessive {
		return raw, ""
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
		if len(raw) > len(suf) && raw[len(raw)-len(suf):] == suf {
			return raw[:len(raw)-len(suf)], raw[len(raw)-len(suf):]
		}
	}
	return raw, ""
}

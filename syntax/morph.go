package syntax

import (
	"cmp"
	"slices"
	"strings"
)

// morph gives a word's lemma and UD features from its form and tag, as
// learned from the treebank: suffix rules by tag ("-ies" -> "-y" for NNS)
// with a table of the words the rules get wrong, and the features most
// often seen with the form and tag, else with the tag.
type morph struct {
	rules     map[string]rule   // tag byte + lower-cased suffix (up to 3 letters) -> rule
	lemmaExc  map[string]string // tag byte + form -> lemma
	feats     map[string]string // tag byte + lower-cased form -> features
	tagFeats  []string          // by tag: the commonest features
	keepCase  []bool            // by tag: the lemma keeps the form's case (proper nouns)
	keyBuffer []byte
}

// rule turns a lower-cased form into a lemma: drop Strip letters, add Add.
type rule struct {
	Strip int
	Add   string
}

const maxSuffix = 3

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func ruleFor(low, lemma string) (rule, bool) {
	p := 0
	for p < len(low) && p < len(lemma) && low[p] == lemma[p] {
		p++
	}
	if p == 0 && len(low) > 0 || len(low)-p > 60 {
		return rule{}, false
	}
	return rule{Strip: len(low) - p, Add: lemma[p:]}, true
}

func (r rule) apply(low string) (string, bool) {
	if r.Strip > len(low) {
		return "", false
	}
	if r.Strip == 0 && r.Add == "" {
		return low, true
	}
	return low[:len(low)-r.Strip] + r.Add, true
}

// lemma returns the lemma of form with tag.
func (m *morph) lemma(form string, tag int, buf []byte) string {
	buf = append(append(buf[:0], byte(tag)), form...)
	if l, ok := m.lemmaExc[string(buf)]; ok {
		return l
	}
	if m.keepCase[tag] {
		return form
	}
	return m.ruleLemma(lowerASCII(form), tag, buf)
}

func (m *morph) ruleLemma(low string, tag int, buf []byte) string {
	for k := min(maxSuffix, len(low)); k >= 0; k-- {
		buf = append(append(buf[:0], byte(tag)), low[len(low)-k:]...)
		if r, ok := m.rules[string(buf)]; ok {
			if l, ok := r.apply(low); ok {
				return l
			}
		}
	}
	return low
}

// featsOf returns the UD features of form with tag.
func (m *morph) featsOf(form string, tag int, buf []byte) string {
	buf = append(append(buf[:0], byte(tag)), form...)
	for i := 1; i < len(buf); i++ {
		if c := buf[i]; 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	if f, ok := m.feats[string(buf)]; ok {
		return f
	}
	return m.tagFeats[tag]
}

// learnMorph learns the tables from words whose tag ids are tags.
func learnMorph(sents []Sentence, tagOf func(w *Word) int, nTags int) *morph {
	type count map[string]int
	ruleCounts := map[string]count{}
	lemmaCounts := map[string]count{}
	featCounts := map[string]count{}
	tagFeatCounts := make([]count, nTags)
	caseKept := make([]int, nTags)
	tagSeen := make([]int, nTags)
	add := func(m map[string]count, k, v string) {
		c := m[k]
		if c == nil {
			c = count{}
			m[k] = c
		}
		c[v]++
	}
	for _, s := range sents {
		for i := range s.Words {
			w := &s.Words[i]
			t := tagOf(w)
			tb := string([]byte{byte(t)})
			tagSeen[t]++
			if w.Lemma == w.Form && w.Form != lowerASCII(w.Form) {
				caseKept[t]++
			}
			add(lemmaCounts, tb+w.Form, w.Lemma)
			low := lowerASCII(w.Form)
			add(featCounts, tb+low, w.Feats)
			if tagFeatCounts[t] == nil {
				tagFeatCounts[t] = count{}
			}
			tagFeatCounts[t][w.Feats]++
			if r, ok := ruleFor(low, w.Lemma); ok {
				rs := encodeRule(r)
				for k := 0; k <= min(maxSuffix, len(low)); k++ {
					add(ruleCounts, tb+low[len(low)-k:], rs)
				}
			}
		}
	}
	m := &morph{rules: map[string]rule{}, lemmaExc: map[string]string{}, feats: map[string]string{},
		tagFeats: make([]string, nTags), keepCase: make([]bool, nTags)}
	for t := range nTags {
		m.keepCase[t] = tagSeen[t] > 0 && caseKept[t]*2 > tagSeen[t]
		if tagFeatCounts[t] != nil {
			m.tagFeats[t] = best(tagFeatCounts[t])
		}
	}
	for k, c := range ruleCounts {
		r := decodeRule(best(c))
		m.rules[k] = r
	}
	// Prune rules that say what a shorter suffix already says.
	for _, k := range sortedKeys(ruleCounts) {
		if len(k) <= 1 {
			continue
		}
		if p, ok := m.rules[k[:1]+k[2:]]; ok && p == m.rules[k] && len(k) > 1 {
			delete(m.rules, k)
		}
	}
	for k, c := range lemmaCounts {
		l := best(c)
		form := k[1:]
		t := int(k[0])
		var got string
		if m.keepCase[t] {
			got = form
		} else {
			got = m.ruleLemma(lowerASCII(form), t, nil)
		}
		if got != l {
			m.lemmaExc[k] = l
		}
	}
	for k, c := range featCounts {
		if f := best(c); f != m.tagFeats[int(k[0])] {
			m.feats[k] = f
		}
	}
	return m
}

func encodeRule(r rule) string { return string(rune('0'+r.Strip)) + r.Add }
func decodeRule(s string) rule { return rule{Strip: int(s[0] - '0'), Add: s[1:]} }

// best returns the commonest value, the smallest string on a tie.
func best[M ~map[string]int](c M) string {
	bv, bn := "", -1
	for v, n := range c {
		if n > bn || n == bn && v < bv {
			bv, bn = v, n
		}
	}
	return bv
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c // longest first, so pruning sees a chain from the end
		}
		return strings.Compare(a, b)
	})
	return keys
}

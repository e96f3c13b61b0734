package coder

import (
	"fmt"
	"sync"

	"github.com/faultline/faultline/syntax"
	"github.com/faultline/faultline/text"
)

// ModelParser returns a ParseFunc of the embedded syntax model (package
// syntax) for SetParser. The model is decoded once per ParseFunc, at the
// first sentence that needs a parse.
func ModelParser() ParseFunc {
	var (
		once sync.Once
		m    *syntax.Model
		err  error
	)
	trees := sync.Pool{New: func() any { return new(syntax.Tree) }}
	return func(toks []text.Token, dst []DepNode) []DepNode {
		once.Do(func() {
			m, err = syntax.Load()
			if err != nil {
				err = fmt.Errorf("coder: %w", err)
			}
		})
		if err != nil {
			// The embedded model is part of the binary: a build that
			// cannot read it is broken, not a bad input.
			panic(err)
		}
		t := trees.Get().(*syntax.Tree)
		m.ParseTokensInto(t, toks)
		for i := range t.Nodes {
			n := &t.Nodes[i]
			dst = append(dst, DepNode{Head: n.Head, Rel: n.Deprel, UPOS: n.UPOS, XPOS: n.XPOS, Lemma: n.Lemma})
		}
		trees.Put(t)
		return dst
	}
}

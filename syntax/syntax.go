// Package syntax tags and parses English sentences in the Universal
// Dependencies scheme: a part-of-speech tagger (UPOS and Penn XPOS
// together, with lemmas and morphological features) and a labelled
// dependency parser, both averaged perceptrons trained on UD English EWT
// and embedded in the binary.
//
// The parser is transition-based (arc-eager, greedy), trained with a
// dynamic oracle on jack-knifed predicted tags; a greedy linear parser is
// the design that parses tens of thousands of sentences a second, which
// the coder needs, at an accuracy close to that of beam or neural parsers
// on news-like text.
package syntax

import (
	"strings"
)

// Tree is one parsed sentence.
type Tree struct {
	Nodes []Node // Nodes[i] is word i (0-based)
}

// Node is one word of a parsed sentence.
type Node struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int    // index of the head in Nodes, -1 for the root
	Deprel                         string // UD relation, subtypes kept: "nsubj:pass", "obl:agent", "acl:relcl"
}

// Children returns the indices of the words whose head is word i, in order.
func (t *Tree) Children(i int) []int {
	var out []int
	for j := range t.Nodes {
		if t.Nodes[j].Head == i {
			out = append(out, j)
		}
	}
	return out
}

// Root returns the index of the root word, or -1 for an empty tree.
func (t *Tree) Root() int {
	for i := range t.Nodes {
		if t.Nodes[i].Head < 0 {
			return i
		}
	}
	return -1
}

// Base returns a UD relation without its subtype: "nsubj:pass" -> "nsubj".
func Base(deprel string) string {
	if i := strings.IndexByte(deprel, ':'); i >= 0 {
		return deprel[:i]
	}
	return deprel
}

// Base returns the node's relation without its subtype.
func (n *Node) Base() string { return Base(n.Deprel) }

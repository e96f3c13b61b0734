package coder

import (
	"strconv"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// handParser parses the sentences of its table, written by hand as
// CoNLL-U in short: "form|UPOS|XPOS|head|deprel" per token (heads count
// from 1, 0 is the root), the forms those text.AppendTokens makes. A
// sentence not in the table fails the test.
type handParser struct {
	t     testing.TB
	trees map[string][]DepNode // key: the forms joined by spaces
}

func newHandParser(t testing.TB, trees ...string) *handParser {
	p := &handParser{t: t, trees: map[string][]DepNode{}}
	for _, tr := range trees {
		var forms []string
		var nodes []DepNode
		for _, w := range strings.Fields(tr) {
			f := strings.Split(w, "|")
			if len(f) != 5 {
				t.Fatalf("tree %q: token %q: want form|UPOS|XPOS|head|deprel", tr, w)
			}
			h, err := strconv.Atoi(f[3])
			if err != nil {
				t.Fatalf("tree %q: token %q: head: %v", tr, w, err)
			}
			forms = append(forms, f[0])
			nodes = append(nodes, DepNode{Head: h - 1, Rel: f[4], UPOS: f[1], XPOS: f[2], Lemma: strings.ToLower(f[0])})
		}
		p.trees[strings.Join(forms, " ")] = nodes
	}
	return p
}

func (p *handParser) parse(toks []text.Token, dst []DepNode) []DepNode {
	forms := make([]string, len(toks))
	for i, tk := range toks {
		forms[i] = tk.Raw
	}
	key := strings.Join(forms, " ")
	tr, ok := p.trees[key]
	if !ok {
		p.t.Errorf("no hand tree for %q", key)
		return dst
	}
	return append(dst, tr...)
}

func TestTreeRoles(t *testing.T) {
	tests := []struct{ name, text, tree, want string }{
		{"active", "Rebels attacked the convoy of Chad.",
			"Rebels|NOUN|NNS|2|nsubj attacked|VERB|VBD|0|root the|DET|DT|4|det convoy|NOUN|NN|2|obj of|ADP|IN|6|case Chad|PROPN|NNP|4|nmod .|PUNCT|.|2|punct",
			"---REB/TCD/190"},
		{"passive with by", "Chad was attacked by rebels.",
			"Chad|PROPN|NNP|3|nsubj:pass was|AUX|VBD|3|aux:pass attacked|VERB|VBN|0|root by|ADP|IN|5|case rebels|NOUN|NNS|3|obl:agent .|PUNCT|.|3|punct",
			"---REB/TCD/190"},
		{"headline passive: the victim is no source", "Four Chadian soldiers killed in bomb attack",
			"Four|NUM|CD|3|nummod Chadian|ADJ|JJ|3|amod soldiers|NOUN|NNS|4|nsubj killed|VERB|VBD|0|root in|ADP|IN|7|case bomb|NOUN|NN|7|compound attack|NOUN|NN|4|obl",
			"/TCDMIL/190"},
		{"coordinated targets", "Chad attacked Mali and Niger.",
			"Chad|PROPN|NNP|2|nsubj attacked|VERB|VBD|0|root Mali|PROPN|NNP|2|obj and|CCONJ|CC|5|cc Niger|PROPN|NNP|3|conj .|PUNCT|.|2|punct",
			"TCD/MLI/190; TCD/NER/190"},
		{"place is no target", "A car bomb killed six people in Baghdad.",
			"A|DET|DT|3|det car|NOUN|NN|3|compound bomb|NOUN|NN|4|nsubj killed|VERB|VBD|0|root six|NUM|CD|6|nummod people|NOUN|NNS|4|obj in|ADP|IN|8|case Baghdad|PROPN|NNP|4|obl .|PUNCT|.|4|punct",
			"/IRQCVL/180"},
		{"reported speech: the strike, attributed", "Russian forces fired missiles at Kyiv, Ukraine's air force said.",
			"Russian|ADJ|JJ|2|amod forces|NOUN|NNS|3|nsubj fired|VERB|VBD|0|root missiles|NOUN|NNS|3|obj at|ADP|IN|6|case Kyiv|PROPN|NNP|3|obl ,|PUNCT|,|11|punct Ukraine's|PROPN|NNP|10|nmod:poss air|NOUN|NN|10|compound force|NOUN|NN|11|nsubj said|VERB|VBD|3|parataxis .|PUNCT|.|3|punct",
			"RUSMIL/UKRGOV/195 by UKRMIL"},
		{"said that: no statement over the reported event", "NATO said that two peacekeepers were injured.",
			"NATO|PROPN|NNP|2|nsubj said|VERB|VBD|0|root that|SCONJ|IN|7|mark two|NUM|CD|5|nummod peacekeepers|NOUN|NNS|7|nsubj:pass were|AUX|VBD|7|aux:pass injured|VERB|VBN|2|ccomp .|PUNCT|.|2|punct",
			"/IGOWSTNAT/182 by IGOWSTNAT"},
		{"nominal: attack on X by Y", "Chad condemned the attack on Mali by rebels.",
			"Chad|PROPN|NNP|2|nsubj condemned|VERB|VBD|0|root the|DET|DT|4|det attack|NOUN|NN|2|obj on|ADP|IN|6|case Mali|PROPN|NNP|4|nmod by|ADP|IN|8|case rebels|NOUN|NNS|4|nmod .|PUNCT|.|2|punct",
			"TCD/---REB/111"},
		{"nominal: clashes between", "Clashes between police and protesters erupted in Lagos.",
			"Clashes|NOUN|NNS|6|nsubj between|ADP|IN|3|case police|NOUN|NNS|1|nmod and|CCONJ|CC|5|cc protesters|NOUN|NNS|3|conj erupted|VERB|VBD|0|root in|ADP|IN|8|case Lagos|PROPN|NNP|6|obl .|PUNCT|.|6|punct",
			"---COP/---OPP/145; ---OPP/---COP/145"},
		{"relative clause: its noun is the agent", "Chad arrested the rebels who attacked Mali.",
			"Chad|PROPN|NNP|2|nsubj arrested|VERB|VBD|0|root the|DET|DT|4|det rebels|NOUN|NNS|2|obj who|PRON|WP|6|nsubj attacked|VERB|VBD|4|acl:relcl Mali|PROPN|NNP|6|obj .|PUNCT|.|2|punct",
			"TCD/---REB/173; ---REB/MLI/190"},
		{"open complement: the object acts", "Chad urged Mali to free the hostages.",
			"Chad|PROPN|NNP|2|nsubj urged|VERB|VBD|0|root Mali|PROPN|NNP|2|obj to|PART|TO|5|mark free|VERB|VB|2|xcomp the|DET|DT|7|det hostages|NOUN|NNS|5|obj .|PUNCT|.|2|punct",
			"TCD/MLI/0253"},
		{"hospital is no actor", "Two Malian soldiers died in a Paris hospital.",
			"Two|NUM|CD|3|nummod Malian|ADJ|JJ|3|amod soldiers|NOUN|NNS|4|nsubj died|VERB|VBD|0|root in|ADP|IN|8|case a|DET|DT|8|det Paris|PROPN|NNP|8|compound hospital|NOUN|NN|4|obl .|PUNCT|.|4|punct",
			""},
		{"apposition gives the nationality", "Gunmen killed Theo Vanderbeek, a Dutch film director.",
			"Gunmen|NOUN|NNS|2|nsubj killed|VERB|VBD|0|root Theo|PROPN|NNP|2|obj Vanderbeek|PROPN|NNP|3|flat ,|PUNCT|,|9|punct a|DET|DT|9|det Dutch|ADJ|JJ|9|amod film|NOUN|NN|9|compound director|NOUN|NN|3|appos .|PUNCT|.|2|punct",
			"---UAF/NLD/180"},
		{"unknown name keeps the event", "Police in Chad arrested Abakar Moussa.",
			"Police|NOUN|NNS|4|nsubj in|ADP|IN|3|case Chad|PROPN|NNP|1|nmod arrested|VERB|VBD|0|root Abakar|PROPN|NNP|4|obj Moussa|PROPN|NNP|5|flat .|PUNCT|.|4|punct",
			"TCDCOP/TCD/173"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := defaultCoder(t)
			c.SetParser(newHandParser(t, tc.tree).parse)
			res := c.Code(faultline.Document{ID: "d", Date: "2020-01-01", Text: tc.text})
			if got := brief(res.Events); got != tc.want {
				t.Errorf("%s\n got %s\nwant %s", tc.text, got, tc.want)
			}
		})
	}
}

package coder

import (
	"reflect"
	"testing"

	"github.com/faultline/faultline/text"
)

// TestCodeTokens holds CodeTokens to Code (same result) and its tokens to
// text.Tokens over text.Sentences, with and without the comma rule, which
// shortens the coder's own token slice in place.
func TestCodeTokens(t *testing.T) {
	docs := readJSONL(t, "testdata/docs.jsonl")
	comma := testCoder(t)
	comma.opt.comma = tabariComma
	comma.base = comma.opt
	for name, c := range map[string]*Coder{"field": testCoder(t), "native": nativeCoder(t), "comma": comma} {
		t.Run(name, func(t *testing.T) {
			withEvents := 0
			var buf []text.Token // reused, as callers do; the checks below read each document's tokens before the next
			for _, d := range docs {
				res, sents, nb := c.CodeTokens(d, buf)
				buf = nb
				if want := c.Code(d); !reflect.DeepEqual(res, want) {
					t.Errorf("%s: CodeTokens result differs from Code", d.ID)
				}
				spans := text.Sentences(d.Text)
				have := map[int]bool{}
				for i, s := range sents {
					if i > 0 && s.Index <= sents[i-1].Index {
						t.Errorf("%s: sentences out of order: %d after %d", d.ID, s.Index, sents[i-1].Index)
					}
					have[s.Index] = true
					if s.Index < 0 || s.Index >= len(spans) || s.Span != spans[s.Index] {
						t.Fatalf("%s: sentence %d span %v, text.Sentences has %v", d.ID, s.Index, s.Span, spans)
					}
					if want := text.Tokens(d.Text, s.Span); !reflect.DeepEqual(s.Tokens, want) {
						t.Errorf("%s: sentence %d tokens differ from text.Tokens:\n got %v\nwant %v", d.ID, s.Index, s.Tokens, want)
					}
				}
				for _, e := range res.Events {
					if !have[e.Sentence] {
						t.Errorf("%s: no tokens for sentence %d of event %s", d.ID, e.Sentence, e.ID)
					}
					withEvents++
				}
			}
			if withEvents == 0 {
				t.Fatal("no events coded: the test checks nothing")
			}
		})
	}
}

package coder

import (
	"fmt"
	"os"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/text"
)

// TestTrace prints how the coder reads one sentence: set CODER_TRACE to
// the text and CODER_DICTS to a comma-separated list of dictionary files.
// It is a tool for dictionary and coder work, skipped otherwise.
func TestTrace(t *testing.T) {
	txt, files := os.Getenv("CODER_TRACE"), os.Getenv("CODER_DICTS")
	if txt == "" || files == "" {
		t.Skip("set CODER_TRACE and CODER_DICTS to trace a sentence")
	}
	set := &dict.Set{}
	for _, f := range strings.Split(files, ",") {
		if err := set.LoadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	c, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range strings.Split(os.Getenv("CODER_OPTS"), ";") {
		if o != "" {
			c.SetOption(o)
		}
	}
	date := os.Getenv("CODER_DATE")
	if date == "" {
		date = "1995-01-01"
	}
	doc := faultline.Document{ID: "t", Text: txt, Date: date}
	for _, sp := range text.Sentences(txt) {
		s := &sent{}
		s.reset(c, 0)
		s.date = 19950101
		s.load(text.Tokens(txt, sp))
		s.findMentions()
		s.combine()
		s.groupActors()
		s.findVerbs()
		cls := s.splitClauses(nil)
		var b strings.Builder
		for i, tk := range s.toks {
			fmt.Fprintf(&b, "%d:%s ", i, tk.norm)
		}
		t.Log(b.String())
		for _, m := range s.ments {
			t.Logf("mention [%d,%d) code=%q agent=%d null=%v", m.s, m.e, m.code, m.agent, m.null)
		}
		for _, g := range s.grps {
			var codes []string
			for _, m := range g.members {
				codes = append(codes, s.acts[m].code)
			}
			t.Logf("group [%d,%d) %v", g.s, g.e, codes)
		}
		for _, v := range s.verbs {
			vv := c.verbs[v.verb]
			t.Logf("verb [%d,%d) code=%s pats=%d", v.s, v.e, vv.code, len(vv.pats))
		}
		for _, cl := range cls {
			t.Logf("clause [%d,%d) win=%d speaker=%d cont=%v", cl.s, cl.e, cl.win, cl.speaker, cl.cont)
		}
	}
	r := c.Code(doc)
	for _, e := range r.Events {
		t.Logf("event %s/%s/%s %s", e.Source.Code, e.Target.Code, e.CAMEO, e.Modality)
	}
	t.Logf("discarded=%v complex=%v", r.Discarded, r.Complex)
}

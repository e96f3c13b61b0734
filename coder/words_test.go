package coder

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/text"
)

// naiveCands lists, by reading every entry and pattern word, what the word
// table must give for a form: the entries whose first word matches it as
// the index means (a stem is a prefix; an exact word is the whole form or
// the form less a regular ending) and the pattern words it matches so.
func naiveCands(ix *index, norm string) (ents, pws []int32) {
	fits := func(text string, exact bool) bool {
		if text == "" || !strings.HasPrefix(norm, text) {
			return false
		}
		return !exact || len(norm) == len(text) || isEnding(norm[len(text):])
	}
	for id, e := range ix.entries {
		if fits(e.words[0].text, e.words[0].exact) {
			ents = append(ents, int32(id))
		}
	}
	for text, n := range ix.nodes {
		if n.pwStem >= 0 && fits(text, false) {
			pws = append(pws, n.pwStem)
		}
		if n.pwExact >= 0 && fits(text, true) {
			pws = append(pws, n.pwExact)
		}
	}
	slices.Sort(ents)
	slices.Sort(pws)
	return ents, pws
}

func TestWordTable(t *testing.T) {
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	forms := []string{"the", "police", "policeman", "arrested", "arrest", "kosovo", "serbs", "attacks",
		"said", "x", "", "pristina", "talks", "protesters", "nato", "killed", "strings-with-hyphen"}
	// Enough made-up forms to make the table grow (4096 slots hold 2048).
	for i := range 2500 {
		forms = append(forms, fmt.Sprintf("w%dx", i))
	}
	var wt wordTable
	check := func(round string) {
		t.Helper()
		for _, f := range forms {
			w := wt.lookup(c.ix, f, wt.hash(f))
			var ents, pws []int32
			for _, cd := range wt.cands[w.ioff : w.ioff+w.ncand] {
				ents = append(ents, cd.id)
				if sigKind(cd.sig) != c.ix.entries[cd.id].kind {
					t.Errorf("%s %q: entry %d kind %d in its signature, %d in the index", round, f, cd.id, sigKind(cd.sig), c.ix.entries[cd.id].kind)
				}
				if w.mask&(1<<sigKind(cd.sig)) == 0 {
					t.Errorf("%s %q: kind mask %b lacks kind %d", round, f, w.mask, sigKind(cd.sig))
				}
			}
			end := w.ioff + w.ncand
			for _, cd := range wt.cands[end : end+w.npw] {
				pws = append(pws, cd.id)
			}
			slices.Sort(ents)
			slices.Sort(pws)
			wantE, wantP := naiveCands(c.ix, f)
			if !slices.Equal(ents, wantE) || !slices.Equal(pws, wantP) {
				t.Errorf("%s %q: entries %v pattern words %v, want %v %v", round, f, ents, pws, wantE, wantP)
			}
		}
	}
	check("first")
	n := len(wt.forms)
	check("again") // every form is found, not added twice
	if len(wt.forms) != n {
		t.Errorf("forms grew from %d to %d on a second round", n, len(wt.forms))
	}
	if len(wt.slots) <= 4096 {
		t.Errorf("the table did not grow: %d slots for %d forms", len(wt.slots), len(wt.forms))
	}
	wt.reset(len(wt.slots))
	check("after reset")
}

// TestFirstSets checks that the first- and last-word filters never turn
// down a place where a phrase of a synset matches.
func TestFirstSets(t *testing.T) {
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{
		"Serbian police fired tear gas at protesters in Zvecan on Monday, and NATO peacekeepers were injured in the clashes.",
		"The earthquake and a tsunami killed hundreds; rescue workers searched the rubble of the collapsed buildings.",
		"Hewitt beat the French teenager 6-2, 6-2 in the final of the tournament while shares of the company fell.",
		"A car bomb and a roadside bomb exploded near the market; the militants fired rockets and mortar shells.",
		"The government will impose sanctions, cut off aid and boycott the summit, the foreign minister said.",
	}
	sc := new(scratch)
	checked := 0
	for _, d := range docs {
		for _, sp := range text.Sentences(d) {
			s := &sc.sent
			s.reset(c, 0)
			s.load(text.AppendTokens(nil, d, faultline.Span{Start: sp.Start, End: sp.End}))
			for syn := range c.synsets {
				for j := range s.toks {
					e := pelem{kind: dict.ElemSynset, syn: int32(syn)}
					for _, ph := range c.synsets[syn] {
						if end, ok := s.wordsAt(ph, j, len(s.toks), 0); ok {
							checked++
							if !s.mayStart(&e, j) {
								t.Errorf("synset %d phrase %v matches at %q but the first-word filter turns it down", syn, ph, s.toks[j].norm)
							}
							if !s.mayEnd(&e, end-1) {
								t.Errorf("synset %d phrase %v ends at %q but the last-word filter turns it down", syn, ph, s.toks[end-1].norm)
							}
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no synset phrase matched the test sentences: the test checks nothing")
	}
}

// TestWordTableResetMidSentence codes a sentence whose lookups fill the
// word table past maxWords, so that it starts again while the sentence is
// loaded: the runs of entries read before that are gone, and load must
// copy them instead (copyCands). The events are those of the sentence
// coded on a fresh table.
func TestWordTableResetMidSentence(t *testing.T) {
	const sentence = "Serb demonstrators attacked Kosovo police in Pristina."
	fresh := testCoder(t)
	want := brief(fresh.Code(faultline.Document{ID: "a", Text: sentence}).Events)
	if want == "" {
		t.Fatal("the sentence codes nothing on a fresh table: the test checks nothing")
	}
	c := testCoder(t)
	var filler strings.Builder
	// Distinct made-up words, one short of filling the table, so that the
	// sentence's own words push it over the limit.
	for i := 0; i < maxWords-3; i++ {
		fmt.Fprintf(&filler, "zq%d ", i)
	}
	doc := faultline.Document{ID: "b", Text: filler.String() + "xx.\n\n" + sentence}
	resets := func() uint32 {
		sc := c.getScratch()
		defer c.putScratch(sc)
		return sc.sent.forms.resets
	}
	before := resets()
	got := brief(c.Code(doc).Events)
	if resets() == before {
		t.Fatal("the word table never started again: the test misses its case")
	}
	if got != want {
		t.Errorf("after a reset mid-sentence got %q, want %q", got, want)
	}
}

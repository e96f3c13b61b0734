package coder

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	faultline "github.com/faultline/faultline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testCoder builds a coder from the small dictionaries in testdata, in
// the field's conventions (Faultline's own coding off: see native_test.go).
func testCoder(t testing.TB) *Coder {
	c := nativeCoder(t)
	c.opt.native = false
	c.base = c.opt
	return c
}

// nativeCoder builds a coder from the small dictionaries in testdata, in
// Faultline's own coding.
func nativeCoder(t testing.TB) *Coder {
	t.Helper()
	set := loadSet(t, "testdata/test.actors", "testdata/test.agents", "testdata/test.verbs", "testdata/test.discards")
	if len(set.Errors) > 0 {
		t.Fatalf("test dictionaries: %v", set.Errors)
	}
	c, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// brief renders events as "SRC/TGT/CODE modality", one per event, in order.
func brief(evs []faultline.Event) string {
	var parts []string
	for _, e := range evs {
		s := fmt.Sprintf("%s/%s/%s", e.Source.Code, e.Target.Code, e.CAMEO)
		if e.Modality != faultline.Asserted {
			s += " " + string(e.Modality)
		}
		if e.Attribution.Code != "" {
			s += " by " + e.Attribution.Code
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func TestCode(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name, text, date, want string
	}{
		{"default code", "Serbia attacked Kosovo.", "", "SRB/KSV/190"},
		{"agents combine", "Serb demonstrators attacked Kosovo police.", "", "SRBPTY/KSVCOP/190"},
		{"agent with of", "The police of Russia condemned NATO.", "", "RUSCOP/IGOWSTNAT/122"},
		{"agent over a compound", "The police of Russia and Serbia condemned NATO.", "", "RUSCOP/IGOWSTNAT/122; SRBCOP/IGOWSTNAT/122"},
		{"prefix agent", "A human rights group in Kosovo condemned Serbia.", "", "NGOKSV/SRB/122"},
		{"lonely agent", "Police attacked Kosovo.", "", "---COP/KSV/190"},
		{"possessive", "Russia's government condemned NATO's attack.", "", "RUSGOV/IGOWSTNAT/122"},
		{"multi-word actor", "The North Atlantic Treaty Organization condemned Serbia.", "", "IGOWSTNAT/SRB/122"},
		{"compound target", "Russia condemned Serbia and Kosovo.", "", "RUS/SRB/122; RUS/KSV/122"},
		{"compound source", "Serbia, Russia and NATO condemned Kosovo.", "", "SRB/KSV/122; RUS/KSV/122; IGOWSTNAT/KSV/122"},
		{"pattern code", "Serbia attacked Kosovo with artillery.", "", "SRB/KSV/195"},
		{"null pattern", "Serbia attacked nothing in Kosovo.", "", ""},
		{"paired code", "Russia met Serbia on Monday.", "", "RUS/SRB/036; SRB/RUS/036"},
		{"passive", "Kosovo was attacked by Serbia.", "", "SRB/KSV/190"},
		{"negation", "Serbia did not attack Kosovo.", "", "SRB/KSV/190 negated"},
		{"contraction", "Serbia didn't attack Kosovo.", "", "SRB/KSV/190 negated"},
		{"said clause", "Russia said Serbia attacked Kosovo.", "", "SRB/KSV/190 by RUS"},
		{"said pattern", "Russia said Serbia would attack.", "", "RUS/SRB/138"},
		{"tail said", "Serbia attacked Kosovo, Russia said.", "", "SRB/KSV/190 by RUS"},
		{"clauses", "Serbia condemned Kosovo and attacked NATO.", "", "SRB/KSV/122; SRB/IGOWSTNAT/190"},
		{"dated code now", "Vladimir Putin condemned NATO.", "2014-03-01", "RUSGOV/IGOWSTNAT/122"},
		{"dated code then", "Vladimir Putin condemned NATO.", "1999-03-01", "RUSELI/IGOWSTNAT/122"},
		{"null actor", "Football Club attacked Kosovo.", "", ""},
		{"no target", "Serbia attacked.", "", ""},
		{"sentence discard", "Serbia attacked Kosovo in a soccer match.", "", ""},
		{"noun not verb", "The attack angered Serbia.", "", ""},
		{"two sentences", "Serbia attacked Kosovo. Russia condemned NATO.", "", "SRB/KSV/190; RUS/IGOWSTNAT/122"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Code(faultline.Document{ID: "d", Text: tt.text, Date: tt.date})
			if got := brief(res.Events); got != tt.want {
				t.Errorf("Code(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStoryDiscard(t *testing.T) {
	c := testCoder(t)
	res := c.Code(faultline.Document{ID: "d", Text: "Serbia attacked Kosovo. The Champions League final is on Sunday."})
	if !res.Discarded || len(res.Events) != 0 {
		t.Errorf("story discard: got discarded=%v events=%q", res.Discarded, brief(res.Events))
	}
	res = c.Code(faultline.Document{ID: "d", Text: "Serbia attacked Kosovo in a soccer match."})
	if !res.Discarded || res.DiscardedSentences != 1 {
		t.Errorf("only sentence discarded: got discarded=%v n=%d", res.Discarded, res.DiscardedSentences)
	}
}

func TestEventFields(t *testing.T) {
	c := testCoder(t)
	doc := faultline.Document{ID: "k", Text: "Calm. Serb demonstrators attacked Kosovo police on Monday.", Date: "2023-05-29"}
	res := c.Code(doc)
	if len(res.Events) != 1 {
		t.Fatalf("want 1 event, got %q", brief(res.Events))
	}
	e := res.Events[0]
	if e.ID != "k:1:0" || e.DocID != "k" || e.Sentence != 1 || e.Date != "2023-05-29" {
		t.Errorf("identity fields: %+v", e)
	}
	for _, r := range []struct {
		what string
		sp   faultline.Span
		text string
	}{
		{"source", faultline.Span{Start: e.Source.Start, End: e.Source.End}, "Serb demonstrators"},
		{"target", faultline.Span{Start: e.Target.Start, End: e.Target.End}, "Kosovo police"},
		{"verb", e.Verb, "attacked"},
		{"evidence", e.Evidence, "Serb demonstrators attacked Kosovo police"},
	} {
		if got := doc.Text[r.sp.Start:r.sp.End]; got != r.text {
			t.Errorf("%s span gives %q, want %q", r.what, got, r.text)
		}
	}
	if e.Source.Text != "Serb demonstrators" || e.Quantities == nil || e.Location != nil {
		t.Errorf("source text %q, quantities %v, location %v", e.Source.Text, e.Quantities, e.Location)
	}
}

func TestOptions(t *testing.T) {
	c := testCoder(t)
	for _, line := range []string{"SET: CONVERT AGENT = TRUE", "require_dyad=false", "DEFAULT: SOURCE [DEF] PRIOR TARGET [TGT] AFTER", "COMPLEX: VERBS[3] CONJ[2]", "SET: CODE BY CLAUSE"} {
		if err := c.SetOption(line); err != nil {
			t.Errorf("SetOption(%q): %v", line, err)
		}
	}
	if err := c.SetOption("what is this"); err == nil {
		t.Error("SetOption accepted a line of no known form")
	}
	if err := c.SetOption("require_dyad=perhaps"); err == nil {
		t.Error("SetOption accepted require_dyad=perhaps")
	}
	got := brief(c.Code(faultline.Document{ID: "d", Text: "Police attacked."}).Events)
	if got != "~COP/TGT/190" {
		t.Errorf("with CONVERT AGENT and DEFAULT: got %q", got)
	}
	if !c.Code(faultline.Document{ID: "d", Text: "Serbia attacked Kosovo and condemned NATO and met Russia."}).Complex {
		t.Error("COMPLEX: VERBS[3] did not flag a sentence of three verbs")
	}
	c.Reset()
	if got := brief(c.Code(faultline.Document{ID: "d", Text: "Police attacked."}).Events); got != "" {
		t.Errorf("after Reset: got %q", got)
	}
}

// TestGolden codes the documents of testdata/docs.jsonl and compares the
// events with testdata/docs.golden.jsonl (go test -update rewrites it).
func TestGolden(t *testing.T) {
	c := testCoder(t)
	docs := readJSONL(t, "testdata/docs.jsonl")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range docs {
		for _, e := range c.Code(d).Events {
			if err := enc.Encode(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	golden := filepath.Join("testdata", "docs.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("events differ from %s (go test -update rewrites it):\n%s", golden, buf.String())
	}
}

// TestConcurrent codes the same documents from several goroutines and
// checks every result equals the sequential one (run with -race).
func TestConcurrent(t *testing.T) {
	c := testCoder(t)
	docs := readJSONL(t, "testdata/docs.jsonl")
	want := make([]Result, len(docs))
	for i, d := range docs {
		want[i] = c.Code(d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, d := range docs {
				if got := c.Code(d); !reflect.DeepEqual(got, want[i]) {
					errs <- d.ID
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("concurrent coding of %s differs from sequential", id)
	}
}

// TestCodeBy checks TABARI's SET: CODE BY CLAUSE / SENTENCE and CODE ALL.
func TestCodeBy(t *testing.T) {
	c := testCoder(t)
	tests := []struct{ mode, text, want string }{
		{"CODE BY CLAUSE", "Serbia attacked Kosovo but Russia condemned NATO.", "SRB/KSV/190; RUS/IGOWSTNAT/122"},
		{"CODE BY SENTENCE", "Serbia attacked Kosovo but Russia condemned NATO.", "SRB/KSV/190"},
		{"CODE BY CLAUSE", "Serbia condemned Kosovo to attack it.", "SRB/KSV/122"},
		// Every verb codes; the second finds its target before the verb, as
		// the pronoun after it stands for the source.
		{"CODE ALL", "Serbia condemned Kosovo to attack it.", "SRB/KSV/122; SRB/KSV/190"},
	}
	for _, tt := range tests {
		c.Reset()
		if err := c.SetOption("SET: " + tt.mode); err != nil {
			t.Fatal(err)
		}
		if got := brief(c.Code(faultline.Document{ID: "d", Text: tt.text}).Events); got != tt.want {
			t.Errorf("%s: %q: got %q, want %q", tt.mode, tt.text, got, tt.want)
		}
	}
}

// TestForward checks that a pronoun without an antecedent stands for the
// previous sentence's first actor, agents left out, in a document and
// across the parts of a story (CodeNext).
func TestForward(t *testing.T) {
	c := testCoder(t)
	doc := faultline.Document{ID: "d", Text: "Russian police condemned NATO. Later he attacked Kosovo."}
	if got := brief(c.Code(doc).Events); got != "RUSCOP/IGOWSTNAT/122; RUS/KSV/190" {
		t.Errorf("in one document: got %q", got)
	}
	first := c.Code(faultline.Document{ID: "s-001", Text: "Serbia condemned NATO."})
	if first.Lead != "SRB" {
		t.Fatalf("Lead = %q, want SRB", first.Lead)
	}
	next := faultline.Document{ID: "s-002", Text: "Then it attacked Kosovo."}
	if got := brief(c.CodeNext(next, first.Lead).Events); got != "SRB/KSV/190" {
		t.Errorf("CodeNext: got %q", got)
	}
	if got := brief(c.Code(next).Events); got != "" {
		t.Errorf("Code without a lead: got %q", got)
	}
}

// TestTargetInAttribution: TABARI, reading no attribution clause, finds
// the target among the speakers of a closing ", X said".
func TestTargetInAttribution(t *testing.T) {
	c := testCoder(t)
	doc := faultline.Document{ID: "d", Text: "Serbia attacked the town, Kosovo police said."}
	if got := brief(c.Code(doc).Events); got != "" {
		t.Errorf("default conventions: got %q", got)
	}
	c.opt.tabari = true
	if got := brief(c.Code(doc).Events); got != "SRB/KSVCOP/190 by KSVCOP" {
		t.Errorf("TABARI conventions: got %q", got)
	}
}

// TestLoneReporting: with require_dyad=false a reporting verb with an
// object codes with a lone source; a bare time word is no object.
func TestLoneReporting(t *testing.T) {
	c := testCoder(t)
	text := func(tail string) string { return "Serbia attacked Kosovo, Russian police reported " + tail }
	if got := brief(c.Code(faultline.Document{ID: "d", Text: text("on Monday.")}).Events); got != "SRB/KSV/190 by RUSCOP" {
		t.Errorf("require_dyad: got %q", got)
	}
	if err := c.SetOption("require_dyad=false"); err != nil {
		t.Fatal(err)
	}
	if got := brief(c.Code(faultline.Document{ID: "d", Text: text("on Monday.")}).Events); !strings.Contains(got, "RUSCOP/---/") {
		t.Errorf("require_dyad=false, reported on Monday: got %q", got)
	}
	if got := brief(c.Code(faultline.Document{ID: "d", Text: text("today.")}).Events); strings.Contains(got, "RUSCOP/---/") {
		t.Errorf("require_dyad=false, reported today: got %q", got)
	}
}

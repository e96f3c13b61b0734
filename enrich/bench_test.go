package enrich

import (
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// BenchmarkDocument enriches the events of the seed report: one event per
// sentence or two, as the coder gives them.
func BenchmarkDocument(b *testing.B) {
	doc := seedDoc(b)
	var evs []faultline.Event
	for _, x := range []struct{ phrase, verb string }{
		{"will send 700 additional peacekeepers", "send"},
		{"30 soldiers were injured", "injured"},
		{"battalion will be placed", "placed"},
		{"declared the deployment", "declared"},
		{"Stoltenberg urged officials", "urged"},
		{"attempted to disperse", "disperse"},
		{"dozens of people were injured", "injured"},
		{"boycotted elections", "boycotted"},
		{"months-long bombardment campaign", "bombardment"},
		{"2008 saw the unilateral declaration", "declaration"},
		{"accused the alliance", "accused"},
		{"She urged the alliance", "urged"},
	} {
		evs = append(evs, handEvent(b, doc, x.phrase, x.verb, "010"))
	}
	work := make([]faultline.Event, len(evs))
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, evs)
		Document(doc, work)
	}
}

// BenchmarkShortItem enriches one event of a two-sentence news item, the
// common case of a feed.
func BenchmarkShortItem(b *testing.B) {
	txt := "PRISTINA, May 30 (Reuters) - NATO will send 700 more troops to Kosovo after 30 peacekeepers were injured in clashes with Serb protesters on Monday, the alliance said. " +
		"The unrest erupted after ethnic Albanian mayors took office in Serb-majority towns."
	doc := faultline.Document{ID: "x", Text: txt, Date: "2023-05-30"}
	v := strings.Index(txt, "send")
	evs := []faultline.Event{{Verb: faultline.Span{Start: v, End: v + 4}, CAMEO: "074"}}
	work := make([]faultline.Event, 1)
	b.ReportAllocs()
	for b.Loop() {
		copy(work, evs)
		Document(doc, work)
	}
}

// BenchmarkSentence is BenchmarkShortItem with the coder's tokens passed
// in, the way the coder calls it.
func BenchmarkSentence(b *testing.B) {
	txt := "PRISTINA, May 30 (Reuters) - NATO will send 700 more troops to Kosovo after 30 peacekeepers were injured in clashes with Serb protesters on Monday, the alliance said. " +
		"The unrest erupted after ethnic Albanian mayors took office in Serb-majority towns."
	doc := faultline.Document{ID: "x", Text: txt, Date: "2023-05-30"}
	toks := text.Tokens(txt, text.Sentences(txt)[0])
	v := strings.Index(txt, "send")
	evs := []faultline.Event{{Verb: faultline.Span{Start: v, End: v + 4}, CAMEO: "074"}}
	work := make([]faultline.Event, 1)
	b.ReportAllocs()
	for b.Loop() {
		copy(work, evs)
		Sentence(doc, toks, work)
	}
}

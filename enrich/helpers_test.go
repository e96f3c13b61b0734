package enrich

import (
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// marked turns "NATO will [send] troops" into a document and an asserted
// event whose verb is the bracketed word, dated on the document date.
func marked(tb testing.TB, s, date, cameo string) (faultline.Document, []faultline.Event) {
	tb.Helper()
	a, b := strings.Index(s, "["), strings.Index(s, "]")
	if a < 0 || b < a {
		tb.Fatalf("no [verb] in %q", s)
	}
	txt := s[:a] + s[a+1:b] + s[b+1:]
	doc := faultline.Document{ID: "t", Text: txt, Date: date}
	e := faultline.Event{DocID: "t", Date: date, CAMEO: cameo, Modality: faultline.Asserted,
		Verb: faultline.Span{Start: a, End: b - 1}, Evidence: faultline.Span{End: len(txt)}}
	if len(cameo) >= 2 {
		e.Root = cameo[:2]
	}
	return doc, []faultline.Event{e}
}

// enrichOne enriches the one event of a marked sentence.
func enrichOne(tb testing.TB, s, date, cameo string) faultline.Event {
	tb.Helper()
	doc, evs := marked(tb, s, date, cameo)
	Document(doc, evs)
	return evs[0]
}

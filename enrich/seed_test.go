package enrich

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// seedDoc reads the Kosovo report from ../shared in place.
func seedDoc(tb testing.TB) faultline.Document {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "seed", "kosovo-2023.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("seed report not available (%v): the test reads ../shared/seed in place", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() {
		tb.Fatalf("%s: empty", path)
	}
	var doc faultline.Document
	if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
		tb.Fatalf("%s:1: %v", path, err)
	}
	return doc
}

// handEvent builds the event a coder would give for verb inside phrase,
// as an asserted event dated on the document date.
func handEvent(tb testing.TB, doc faultline.Document, phrase, verb, cameo string) faultline.Event {
	tb.Helper()
	p := strings.Index(doc.Text, phrase)
	v := strings.Index(phrase, verb)
	if p < 0 || v < 0 {
		tb.Fatalf("phrase %q / verb %q not in the seed report", phrase, verb)
	}
	start := p + v
	e := faultline.Event{DocID: doc.ID, Date: doc.Date, CAMEO: cameo, Modality: faultline.Asserted,
		Verb: faultline.Span{Start: start, End: start + len(verb)}}
	for i, s := range text.Sentences(doc.Text) {
		if s.Start <= start && start < s.End {
			e.Sentence, e.Evidence = i, s
		}
	}
	if len(cameo) >= 2 {
		e.Root = cameo[:2]
	}
	return e
}

package pipeline

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// largeText is about size bytes of news prose: the demo month's wire
// reports (the project's own invented text) one after another, as one
// document, the way a bulk upload of a whole archive arrives.
func largeText(t testing.TB, size int) string {
	t.Helper()
	f, err := os.Open("../examples/demo/documents.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var paras []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var d faultline.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		paras = append(paras, d.Text)
	}
	if len(paras) == 0 {
		t.Fatal("no demo documents")
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(paras[i%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkLargeDocument codes one document of 1, 4 and 16 MiB: the time
// per MiB must stay flat (issue 14: 1 MiB took 0.7 s, 4 MiB 7.6 s).
func BenchmarkLargeDocument(b *testing.B) {
	p := newPipeline(b, Options{})
	for _, mib := range []int{1, 4, 16} {
		doc := faultline.Document{ID: "large", Date: "2025-09-15", Text: largeText(b, mib<<20)}
		b.Run(fmt.Sprintf("%dMiB", mib), func(b *testing.B) {
			events := 0
			for b.Loop() {
				events = len(p.Code(doc).Events)
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/float64(mib), "s/MiB")
			b.ReportMetric(float64(events), "events")
		})
	}
}

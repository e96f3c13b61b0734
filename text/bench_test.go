package text

import (
	"os"
	"testing"

	faultline "github.com/faultline/faultline"
)

// benchDocs loads the AG News sample, skipping when it is absent.
func benchDocs(b *testing.B) ([]string, int64) {
	p := sharedPath(b, "bench/agnews-7600.jsonl")
	if _, err := os.Stat(p); err != nil {
		b.Skip(err)
	}
	docs := readJSONLTexts(b, p, 0)
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	return docs, n
}

func BenchmarkSentences(b *testing.B) {
	docs, n := benchDocs(b)
	b.SetBytes(n)
	var spans []faultline.Span
	for b.Loop() {
		for _, d := range docs {
			spans = AppendSentences(spans[:0], d)
		}
	}
}

func BenchmarkTokens(b *testing.B) {
	docs, n := benchDocs(b)
	b.SetBytes(n)
	var spans []faultline.Span
	var toks []Token
	for b.Loop() {
		for _, d := range docs {
			spans = AppendSentences(spans[:0], d)
			for _, s := range spans {
				toks = AppendTokens(toks[:0], d, s)
			}
		}
	}
}

func BenchmarkDateline(b *testing.B) {
	docs, n := benchDocs(b)
	b.SetBytes(n)
	for b.Loop() {
		for _, d := range docs {
			Dateline(d)
		}
	}
}

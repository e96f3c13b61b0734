// Package demo is the sample that `faultline serve --demo` loads: a month
// of short wire reports about a fictional crisis in northern Kosovo
// (September 2025; documents.jsonl, written by gen/main.go), and the
// Kosovo example rules and playbook (copies of examples/kosovo, kept
// identical by a test), all embedded so that the demo needs nothing on
// disk.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
)

var (
	//go:embed documents.jsonl
	documents []byte
	//go:embed rules.yml
	rules []byte
	//go:embed playbook.yml
	playbook []byte
)

// Rules is the Kosovo example rules file.
func Rules() []byte { return bytes.Clone(rules) }

// Playbook is the Kosovo example playbook.
func Playbook() []byte { return bytes.Clone(playbook) }

// Documents are the demo's documents, in date order.
func Documents() ([]faultline.Document, error) {
	var docs []faultline.Document
	for i, line := range bytes.Split(bytes.TrimSpace(documents), []byte{'\n'}) {
		var d faultline.Document
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("documents.jsonl:%d: %w", i+1, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Span is the first and the last day of the demo month.
func Span() (from, to time.Time) {
	docs, _ := Documents()
	if len(docs) == 0 {
		return time.Time{}, time.Time{}
	}
	from, _ = time.Parse(time.DateOnly, docs[0].Date)
	to, _ = time.Parse(time.DateOnly, docs[len(docs)-1].Date)
	return from, to
}

// Load stores the documents in st and codes them with c.
func Load(ctx context.Context, st faultline.Store, c ingest.Coder) (faultline.IngestStats, error) {
	var stats faultline.IngestStats
	docs, err := Documents()
	if err != nil {
		return stats, err
	}
	nds := make([]faultline.NewDocument, len(docs))
	for i, d := range docs {
		nds[i] = faultline.NewDocument{Document: d, Hash: ingest.ContentHash(d.Text), Signature: ingest.Signature(d.Text)}
	}
	res, err := st.AddDocuments(ctx, nds)
	if err != nil {
		return stats, fmt.Errorf("store demo documents: %w", err)
	}
	stats.Read = len(docs)
	for _, r := range res {
		switch r {
		case faultline.Added:
			stats.New++
		case faultline.NearCopy:
			stats.New++
			stats.NearCopies++
		default:
			stats.Duplicates++
		}
	}
	ws, err := ingest.Work(ctx, st, c, ingest.Options{})
	stats.Coded, stats.Events, stats.Mentions = ws.Coded, ws.Events, ws.Mentions
	return stats, err
}

package ingest

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	faultline "github.com/faultline/faultline"
)

// Coder codes one document into events. It must be safe for concurrent use.
type Coder interface {
	Code(doc faultline.Document) []faultline.Event
}

// CoderFunc adapts a function to Coder.
type CoderFunc func(faultline.Document) []faultline.Event

// Code calls f.
func (f CoderFunc) Code(d faultline.Document) []faultline.Event { return f(d) }

// Options configure Run and Work. Zero fields take the defaults.
type Options struct {
	Files     FileOptions
	Fetch     FetchOptions
	Stdin     io.Reader // read for the source "-"
	BatchSize int       // documents per store transaction, default 500
	Workers   int       // coding goroutines, default GOMAXPROCS
	QueueOnly bool      // store and queue documents, leave coding to 'faultline work'
	Log       io.Writer // one line per skipped record; nil for none
	Progress  *Progress // nil for none
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// Run reads every source (a file, a directory, an http(s) URL or "-"),
// stores new documents in batches and, unless QueueOnly, codes the store's
// queue after each batch. Each batch is one transaction, so a run killed
// at any point and run again stores every document and event exactly once.
func Run(ctx context.Context, st faultline.Store, c Coder, sources []string, opt Options) (faultline.IngestStats, error) {
	opt = opt.withDefaults()
	stats := faultline.IngestStats{Skipped: map[string]int{}}
	batch := make([]faultline.Document, 0, opt.BatchSize)
	seen := newSeenSet()
	// Coding runs beside storing: a goroutine codes the queue whenever a
	// batch was stored, while the next batch is read and stored.
	var coded faultline.IngestStats
	kick := make(chan struct{}, 1)
	codeErr := make(chan error, 1)
	if !opt.QueueOnly {
		go func() {
			var err error
			for range kick {
				if err == nil {
					err = drain(ctx, st, c, opt, &coded)
				}
			}
			if err == nil {
				// Documents left queued by an earlier, interrupted run
				// are coded too.
				err = drain(ctx, st, c, opt, &coded)
			}
			codeErr <- err
		}()
	}
	finish := func(err error) (faultline.IngestStats, error) {
		if !opt.QueueOnly {
			close(kick)
			if cerr := <-codeErr; err == nil {
				err = cerr
			}
			stats.Coded, stats.Events, stats.Mentions = coded.Coded, coded.Events, coded.Mentions
		}
		return stats, err
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		stored, err := addBatch(ctx, st, batch, seen, &stats, opt.Workers)
		if err != nil {
			return err
		}
		batch = batch[:0]
		// A batch of duplicates only gives the coder an empty claim: a
		// write transaction for nothing.
		if stored > 0 && !opt.QueueOnly {
			select {
			case kick <- struct{}{}:
			default: // the coder has work waiting already
			}
		}
		return nil
	}
	// Reading and parsing run in their own goroutine, so that they overlap
	// with storing and coding.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan Item, 4*opt.BatchSize)
	readErr := make(chan error, 1)
	go func() {
		defer close(items)
		send := func(it Item) error {
			select {
			case items <- it:
				return nil
			case <-rctx.Done():
				return rctx.Err()
			}
		}
		readErr <- readSources(rctx, sources, opt, send)
	}()
	for it := range items {
		stats.Read++
		if opt.Progress != nil {
			opt.Progress.read.Add(1)
		}
		if it.Skip == "" && it.Doc.HasNUL() {
			// Neither store keeps U+0000 (faultline.ErrNUL): the one
			// document is skipped, not the batch and the run.
			it.Skip, it.Message = "nul", fmt.Sprintf("document %q: contains U+0000 (a NUL character)", it.Doc.ID)
		}
		if it.Skip != "" {
			stats.Skipped[it.Skip]++
			fmt.Fprintf(opt.Log, "skipped: %s\n", it.Message)
			continue
		}
		if it.Message != "" {
			fmt.Fprintf(opt.Log, "note: %s\n", it.Message)
		}
		if it.BadDate {
			stats.BadDates++
		}
		if it.Doc.Date == "" {
			stats.Undated++
		}
		batch = append(batch, it.Doc)
		if len(batch) >= opt.BatchSize {
			if err := flush(); err != nil {
				cancel()
				for range items {
				}
				return finish(err)
			}
		}
	}
	if err := <-readErr; err != nil {
		return finish(err)
	}
	return finish(flush())
}

// seenSet remembers the ids and content hashes met in this run, so that a
// document read twice in one run is known for a duplicate without asking
// the store (ingesting a set ten times over is a common mistake).
type seenSet struct {
	ids    map[string]struct{}
	hashes map[string]struct{}
}

func newSeenSet() *seenSet {
	return &seenSet{ids: map[string]struct{}{}, hashes: map[string]struct{}{}}
}

// readSources reads each source in turn, calling yield for each item.
func readSources(ctx context.Context, sources []string, opt Options, yield func(Item) error) error {
	for _, src := range sources {
		var err error
		switch {
		case src == "-":
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			err = ReadStream(ctx, in, "stdin", "stdin", opt.Files, yield)
		case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
			err = ReadURL(ctx, src, opt.Fetch, opt.Files, yield)
		default:
			err = ReadPath(ctx, src, opt.Files, yield)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// addBatch identifies and stores one batch of documents and returns how
// many it gave the store. A document whose id or content was met earlier
// in this run is a duplicate without asking the store; one whose id was
// met is not even hashed.
func addBatch(ctx context.Context, st faultline.DocumentStore, docs []faultline.Document, seen *seenSet, stats *faultline.IngestStats, workers int) (int, error) {
	hashes := make([]string, len(docs))
	parallel(len(docs), workers, func(i int) {
		if _, dup := seen.ids[docs[i].ID]; !dup { // read only while hashing
			hashes[i] = ContentHash(docs[i].Text)
		}
	})
	var nd []faultline.NewDocument
	for i, d := range docs {
		_, dupID := seen.ids[d.ID]
		_, dupHash := seen.hashes[hashes[i]]
		if dupID || dupHash {
			stats.Duplicates++
			continue
		}
		seen.ids[d.ID] = struct{}{}
		seen.hashes[hashes[i]] = struct{}{}
		nd = append(nd, faultline.NewDocument{Document: d, Hash: hashes[i]})
	}
	if len(nd) == 0 {
		return 0, nil
	}
	parallel(len(nd), workers, func(i int) { nd[i].Signature = Signature(nd[i].Text) })
	res, err := st.AddDocuments(ctx, nd)
	if err != nil {
		return 0, fmt.Errorf("store documents: %w", err)
	}
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
	return len(nd), nil
}

// Work codes the queue until it is empty and returns what it did.
func Work(ctx context.Context, q faultline.Queue, c Coder, opt Options) (faultline.IngestStats, error) {
	opt = opt.withDefaults()
	stats := faultline.IngestStats{Skipped: map[string]int{}}
	err := drain(ctx, q, c, opt, &stats)
	return stats, err
}

// drain claims, codes and completes until the queue is empty. Completing a
// batch (the store's single writer, in SQLite) runs beside the coding of
// the next one, so that neither waits for the other.
func drain(ctx context.Context, q faultline.Queue, c Coder, opt Options, stats *faultline.IngestStats) error {
	type done struct {
		cs  faultline.CompleteStats
		err error
	}
	var pending chan done
	wait := func() error {
		if pending == nil {
			return nil
		}
		d := <-pending
		pending = nil
		if d.err != nil {
			return fmt.Errorf("store events: %w", d.err)
		}
		stats.Coded += d.cs.Documents
		stats.Events += d.cs.Events
		stats.Mentions += d.cs.Mentions
		if opt.Progress != nil {
			opt.Progress.coded.Add(int64(d.cs.Documents))
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			wait()
			return err
		}
		docs, err := q.Claim(ctx, opt.BatchSize)
		if err != nil {
			wait()
			return fmt.Errorf("claim documents: %w", err)
		}
		if len(docs) == 0 {
			return wait()
		}
		coded := make([]faultline.CodedDocument, len(docs))
		parallel(len(docs), opt.Workers, func(i int) {
			coded[i] = faultline.CodedDocument{DocID: docs[i].ID, Events: c.Code(docs[i])}
		})
		if err := wait(); err != nil {
			return err
		}
		pending = make(chan done, 1)
		go func(ch chan done) {
			cs, err := q.Complete(ctx, coded)
			ch <- done{cs, err}
		}(pending)
	}
}

// parallel calls f(0..n-1) on up to workers goroutines.
func parallel(n, workers int, f func(i int)) {
	if workers <= 1 || n < 16 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// Summary is the closing line of an ingest: documents read, new,
// duplicates, skipped (why), events.
func Summary(s faultline.IngestStats) string {
	skipped := 0
	var why []string
	for _, k := range sortedKeys(s.Skipped) {
		skipped += s.Skipped[k]
		why = append(why, fmt.Sprintf("%d %s", s.Skipped[k], k))
	}
	line := fmt.Sprintf("%d read, %d new (%d near-copies), %d duplicates, %d skipped", s.Read, s.New, s.NearCopies, s.Duplicates, skipped)
	if len(why) > 0 {
		line += " (" + strings.Join(why, ", ") + ")"
	}
	if s.BadDates > 0 {
		line += fmt.Sprintf(", %d bad dates (ignored)", s.BadDates)
	}
	if s.Undated > 0 {
		line += fmt.Sprintf(", %d undated", s.Undated)
	}
	return line + fmt.Sprintf(", %d coded, %d events, %d merged mentions", s.Coded, s.Events, s.Mentions)
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

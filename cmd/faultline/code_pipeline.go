package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/coder"
	"github.com/faultline/faultline/docio"
	"github.com/faultline/faultline/ingest"
)

// docCoder is what codeRun needs of the coder; tests use a stand-in.
type docCoder interface {
	Code(doc faultline.Document) coder.Result
}

// docSource is what codeRun needs of the reader.
type docSource interface {
	Next() (faultline.Document, error)
	Pos() string
}

// codeRun codes documents with a pool of workers: one goroutine reads,
// workers code and encode in parallel, and the calling goroutine writes the
// encoded events in input order, so output does not depend on scheduling.
type codeRun struct {
	coder   docCoder
	format  docio.Format
	workers int
	warn    io.Writer
	// progress counts documents read and coded; nil for none.
	progress *ingest.Progress
}

type codeJob struct {
	seq int
	pos string
	doc faultline.Document
}

type codeDone struct {
	seq       int
	buf       *[]byte
	events    int
	discarded bool
	failed    bool
}

// window bounds how far the reader may run ahead of the writer, per worker,
// so a slow document cannot make the reorder buffer grow without limit.
const window = 64

// flushEvery is how often buffered output is flushed while coding.
const flushEvery = 200 * time.Millisecond

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// run codes every document of src and writes the events to out. The error
// is a write error or the context's; reading problems are the source's.
func (p *codeRun) run(ctx context.Context, src docSource, out io.Writer) (summary, error) {
	var sum summary
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan codeJob, p.workers*2)
	results := make(chan codeDone, p.workers*2)
	slots := make(chan struct{}, p.workers*window)

	go func() { // reader
		defer close(jobs)
		for seq := 0; ; seq++ {
			doc, err := src.Next()
			if err != nil {
				return // io.EOF; the source reports its own problems
			}
			p.progress.AddRead(1)
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			jobs <- codeJob{seq: seq, pos: src.Pos(), doc: doc}
		}
	}()

	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- p.code(j)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	w := docio.NewWriter(out, p.format)
	pending := make(map[int]codeDone)
	next := 0
	var werr error
	// When input trickles in (a pipe from a feed), buffered events are
	// flushed every flushEvery rather than only when the buffer fills.
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	for {
		var d codeDone
		var ok bool
		select {
		case d, ok = <-results:
		case <-parent.Done():
			// The reader may be blocked on a terminal or a pipe that will
			// never deliver: stop here with what is written, rather than
			// wait for it.
			if werr == nil {
				werr = w.Flush()
			}
			return sum, fmt.Errorf("interrupted after %d documents: %w", next, parent.Err())
		case <-tick.C:
			if werr == nil {
				werr = w.Flush()
			}
			continue
		}
		if !ok {
			break
		}
		pending[d.seq] = d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			p.progress.AddCoded(1)
			switch {
			case d.failed:
				sum.failed++
			default:
				sum.coded++
				sum.events += d.events
				if d.discarded {
					sum.discarded++
				}
			}
			if werr == nil && len(*d.buf) > 0 {
				werr = w.WriteEncoded(*d.buf)
			}
			if werr != nil {
				cancel() // stop reading; drain what is in flight
			}
			*d.buf = (*d.buf)[:0]
			bufPool.Put(d.buf)
		}
	}
	if werr == nil {
		werr = w.Flush()
	}
	if werr != nil {
		return sum, fmt.Errorf("write events: %w", werr)
	}
	if err := parent.Err(); err != nil {
		return sum, fmt.Errorf("interrupted after %d documents: %w", next, err)
	}
	return sum, nil
}

// code codes one document and encodes its events. A panic in the coder is
// reported with the document's position and counts as a skip: one strange
// document must not end a run of thousands.
func (p *codeRun) code(j codeJob) (d codeDone) {
	d.seq = j.seq
	d.buf = bufPool.Get().(*[]byte)
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(p.warn, "%s: coder failed on document %q: %v; skipped\n", j.pos, j.doc.ID, r)
			*d.buf = (*d.buf)[:0]
			d.failed, d.events = true, 0
		}
	}()
	res := p.coder.Code(j.doc)
	for i := range res.Events {
		*d.buf = p.format.Append(*d.buf, &j.doc, &res.Events[i])
	}
	d.events = len(res.Events)
	d.discarded = res.Discarded
	return d
}

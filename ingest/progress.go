package ingest

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// Progress reports a long run's progress (documents read and coded, the
// rate, and an ETA when the total is known) on standard error: redrawn in
// place on a terminal, or, when standard error is a file or a pipe (a log,
// a CI job), as one plain line every few seconds, so that a long silent run
// can be told from a stuck one. A nil *Progress does nothing.
type Progress struct {
	w      io.Writer
	total  int64 // documents expected, 0 when unknown
	prefix string
	lines  bool // plain lines rather than a redrawn one
	start  time.Time
	read   atomic.Int64
	coded  atomic.Int64
	stop   chan struct{}
	done   chan struct{}
}

// StartProgress redraws one line on the terminal w every interval until
// Stop. total may be 0.
func StartProgress(w io.Writer, total int64, interval time.Duration) *Progress {
	return startProgress(&Progress{w: w, total: total}, interval)
}

// StartProgressLines writes a line "prefix: N read, N coded, ..." to w
// every interval until Stop: for a w that is not a terminal. A run shorter
// than interval writes nothing.
func StartProgressLines(w io.Writer, prefix string, total int64, interval time.Duration) *Progress {
	return startProgress(&Progress{w: w, total: total, prefix: prefix, lines: true}, interval)
}

func startProgress(p *Progress, interval time.Duration) *Progress {
	p.start, p.stop, p.done = time.Now(), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				if !p.lines {
					fmt.Fprint(p.w, "\r\033[K")
				}
				return
			case <-t.C:
				if p.lines {
					fmt.Fprintf(p.w, "%s: %s, %s\n", p.prefix, p.line(time.Since(p.start)), time.Since(p.start).Round(time.Second))
				} else {
					fmt.Fprint(p.w, "\r\033[K"+p.line(time.Since(p.start)))
				}
			}
		}
	}()
	return p
}

// AddRead counts n more documents read.
func (p *Progress) AddRead(n int) {
	if p != nil {
		p.read.Add(int64(n))
	}
}

// AddCoded counts n more documents coded.
func (p *Progress) AddCoded(n int) {
	if p != nil {
		p.coded.Add(int64(n))
	}
}

func (p *Progress) line(el time.Duration) string {
	read, coded := p.read.Load(), p.coded.Load()
	// A worker ('faultline work') codes without reading files: its rate is
	// the coding rate.
	done := read
	if read == 0 {
		done = coded
	}
	rate := float64(done) / el.Seconds()
	s := fmt.Sprintf("%d read, %d coded, %.0f docs/s", read, coded, rate)
	if p.total > 0 && rate > 0 && done < p.total {
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
		s += fmt.Sprintf(", %d%%, ETA %s", done*100/p.total, eta)
	}
	return s
}

// Stop clears the line (on a terminal) and stops reporting.
func (p *Progress) Stop() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
}

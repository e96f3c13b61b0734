package ingest

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// Progress draws a one-line progress report (documents read and coded per
// second, and an ETA when the total is known) on a terminal.
type Progress struct {
	w     io.Writer
	total int64 // documents expected, 0 when unknown
	start time.Time
	read  atomic.Int64
	coded atomic.Int64
	stop  chan struct{}
	done  chan struct{}
}

// StartProgress redraws on w every interval until Stop. total may be 0.
func StartProgress(w io.Writer, total int64, interval time.Duration) *Progress {
	p := &Progress{w: w, total: total, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				fmt.Fprint(p.w, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprint(p.w, "\r\033[K"+p.line(time.Since(p.start)))
			}
		}
	}()
	return p
}

func (p *Progress) line(el time.Duration) string {
	read, coded := p.read.Load(), p.coded.Load()
	rate := float64(read) / el.Seconds()
	s := fmt.Sprintf("%d read, %d coded, %.0f docs/s", read, coded, rate)
	if p.total > 0 && rate > 0 && read < p.total {
		eta := time.Duration(float64(p.total-read) / rate * float64(time.Second)).Round(time.Second)
		s += fmt.Sprintf(", %d%%, ETA %s", read*100/p.total, eta)
	}
	return s
}

// Stop clears the line and stops redrawing.
func (p *Progress) Stop() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.done
}

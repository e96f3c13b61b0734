package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/sqlite"
)

func openPostgres(ctx context.Context, url string) (faultline.Store, error) {
	return postgres.Open(ctx, url)
}

// setRule sets the incident rule of a store that has one.
func setRule(s faultline.Store, r faultline.IncidentRule) {
	switch s := s.(type) {
	case *postgres.Store:
		s.Rule = r
	case *sqlite.Store:
		s.Rule = r
	}
}

// runWork codes documents queued in the store ('faultline ingest
// --queue-only' on any machine) until the queue is empty, or, with
// --follow, waits for more. Any number of workers may share one
// PostgreSQL store: each document is coded into it exactly once.
func runWork(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("work", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var sf storeFlags
	sf.register(fset, true)
	var opt ingest.Options
	fset.IntVar(&opt.BatchSize, "batch", 200, "documents claimed at a time")
	fset.IntVar(&opt.Workers, "workers", 0, "coding goroutines (default: one per core)")
	follow := fset.Bool("follow", false, "keep polling for new documents until interrupted")
	poll := fset.Duration("poll", 2*time.Second, "wait between polls with --follow")
	progress := fset.Bool("progress", true, "report progress on standard error: redrawn on a terminal, else a line every few seconds")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline work [--db PATH | --postgres URL] [flags]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	st, _, err := sf.openExisting(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline work: %v\n", err)
		return 1
	}
	defer st.Close()
	c, err := newCoder(stderr, 0)
	if err != nil {
		fmt.Fprintf(stderr, "faultline work: %v\n", err)
		return 1
	}
	var total faultline.IngestStats
	if *progress {
		opt.Progress = startProgress(stderr, "faultline work", 0)
	}
	start := time.Now()
	for {
		s, err := ingest.Work(ctx, st, c, opt)
		total.Coded += s.Coded
		total.Events += s.Events
		total.Mentions += s.Mentions
		if err != nil && !(*follow && errors.Is(err, context.Canceled)) {
			fmt.Fprintf(stderr, "faultline work: %v\n", err)
			return 1
		}
		if !*follow || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(*poll):
		}
	}
	opt.Progress.Stop()
	el := time.Since(start)
	fmt.Fprintf(stderr, "%d coded, %d events, %d merged mentions in %s (%.0f docs/s)\n",
		total.Coded, total.Events, total.Mentions, el.Round(time.Millisecond), float64(total.Coded)/el.Seconds())
	return 0
}

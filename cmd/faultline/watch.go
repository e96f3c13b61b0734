package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/faultline/faultline/notify"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/pgstate"
	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/series"
)

// runWatch is `faultline watch`: it replays the store day by day, or
// evaluates every --every, printing each alert transition as a JSON line.
func runWatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, false)
	rulesPath := fs.String("rules", "", "rules `FILE` (required)")
	pbPath := fs.String("playbook", "", "playbook `FILE`: responses and units")
	from := fs.String("from", "", "replay from `YYYY-MM-DD`")
	to := fs.String("to", "", "replay to `YYYY-MM-DD` (default today)")
	every := fs.Duration("every", 0, "evaluate live every `DURATION` (e.g. 10m) instead of replaying")
	webhook := fs.String("webhook", "", "also POST each transition to `URL`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline watch [--db PATH | --postgres URL] --rules FILE [--playbook FILE] [--from DATE --to DATE | --every DURATION] [--webhook URL]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *rulesPath == "" || fs.NArg() > 0 || (*every > 0) == (*from != "") {
		fmt.Fprintln(stderr, "faultline watch: give --rules and either --from (replay) or --every (live)")
		fs.Usage()
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "faultline watch: %v\n", err)
		return 1
	}
	f, err := rules.ParseFile(*rulesPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	var pb *playbook.Playbook
	if *pbPath != "" {
		if pb, err = playbook.ParseFile(*pbPath); err != nil {
			return fail(err)
		}
	}
	st, _, err := sf.openExisting(ctx)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	state, err := sf.openState(ctx)
	if err != nil {
		return fail(err)
	}
	defer state.Close()
	if pb != nil {
		if err := state.Seed(ctx, pb.Units); err != nil {
			return fail(err)
		}
	}
	w, err := rules.NewWatcher(ctx, f, series.FromStore(st), state)
	if err != nil {
		return fail(err)
	}
	senders := notify.Multi{&notify.Log{W: stdout}}
	if *webhook != "" {
		senders = append(senders, &notify.Webhook{URL: *webhook})
	}
	var sum watchSummary
	defer func() { fmt.Fprintln(stderr, sum.line(w)) }()
	step := func(ts time.Time) error {
		trs, err := w.Step(ctx, ts)
		if err != nil {
			return err
		}
		sum.add(ts, trs)
		for _, tr := range trs {
			resp := ""
			if tr.Alert.State == rules.Firing || tr.Alert.State == rules.Resolved {
				resp = pb.ResponseFor(tr.Alert.Labels, tr.Alert.Level)
			}
			if err := senders.Send(ctx, notify.FromTransition(tr, resp)); err != nil {
				// A receiver being down must not stop the watch.
				fmt.Fprintf(stderr, "faultline watch: %v\n", err)
			}
		}
		return nil
	}
	if *every > 0 {
		return watchLive(ctx, *every, step, stderr)
	}
	return watchReplay(ctx, w, *from, *to, step, stderr)
}

// watchState is what the watcher and 'faultline ack' keep between runs,
// in the same database as the store.
type watchState interface {
	rules.StateStore
	playbook.Registry
	Close() error
}

// openState opens the watch state beside the store the flags name.
func (sf *storeFlags) openState(ctx context.Context) (watchState, error) {
	pg, db := sf.target()
	if pg != "" {
		return pgstate.Open(ctx, pg)
	}
	return sqlstate.Open(ctx, db)
}

// watchReplay evaluates each day from..to, resuming after the last day a
// previous run evaluated.
func watchReplay(ctx context.Context, w *rules.Watcher, from, to string, step func(time.Time) error, stderr io.Writer) int {
	start, err := series.ParseDay(from)
	if err != nil {
		fmt.Fprintf(stderr, "faultline watch: --from: %v\n", err)
		return 2
	}
	end := series.DayOf(time.Now())
	if to != "" {
		if end, err = series.ParseDay(to); err != nil {
			fmt.Fprintf(stderr, "faultline watch: --to: %v\n", err)
			return 2
		}
	}
	if last := w.LastEvaluated(); !last.IsZero() && series.DayOf(last) >= start {
		start = series.DayOf(last) + 1
		fmt.Fprintf(stderr, "faultline watch: resuming after %s, the last day evaluated\n", series.DayOf(last))
	}
	for d := start; d <= end; d++ {
		// A replayed day is evaluated at its last second, as serve does:
		// the day's events are all in, and the time printed is that day's.
		if err := step(d.Time().Add(24*time.Hour - time.Second)); err != nil {
			fmt.Fprintf(stderr, "faultline watch: %s: %v\n", d, err)
			return 1
		}
	}
	return 0
}

// watchLive evaluates now, then every interval until ctx ends.
func watchLive(ctx context.Context, every time.Duration, step func(time.Time) error, stderr io.Writer) int {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := step(time.Now().UTC()); err != nil {
			fmt.Fprintf(stderr, "faultline watch: %v\n", err)
		}
		select {
		case <-ctx.Done():
			return 0
		case <-t.C:
		}
	}
}

// watchSummary counts what a watch run did, for its closing line.
type watchSummary struct {
	evals       int
	first, last time.Time
	to          map[rules.State]int
}

func (s *watchSummary) add(ts time.Time, trs []rules.Transition) {
	if s.evals == 0 {
		s.first = ts
	}
	s.evals++
	s.last = ts
	if s.to == nil {
		s.to = map[rules.State]int{}
	}
	for _, tr := range trs {
		s.to[tr.Alert.State]++
	}
}

// line is the closing line: evaluations, transitions by new state, and
// the alerts firing at the end.
func (s *watchSummary) line(w *rules.Watcher) string {
	if s.evals == 0 {
		return "faultline watch: nothing evaluated"
	}
	firing := 0
	for _, a := range w.Manager.Alerts() {
		if a.State == rules.Firing {
			firing++
		}
	}
	n := s.to[rules.Pending] + s.to[rules.Firing] + s.to[rules.Resolved] + s.to[rules.Inactive]
	return fmt.Sprintf("faultline watch: %d evaluations (%s to %s), %d transitions (%d pending, %d firing, %d resolved, %d inactive), %d alerts firing at the end",
		s.evals, s.first.UTC().Format(time.RFC3339), s.last.UTC().Format(time.RFC3339), n,
		s.to[rules.Pending], s.to[rules.Firing], s.to[rules.Resolved], s.to[rules.Inactive], firing)
}

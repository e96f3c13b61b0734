package rules

import (
	"context"
	"fmt"
	"time"

	"github.com/faultline/faultline/series"
)

// Watcher runs a Manager over events as they arrive: each Step reads the
// days it has not read yet into its series, evaluates every rule at the
// time given and saves the alert state. It holds no clock and no ticker:
// the caller says when (a replay loop, a ticker, a test).
type Watcher struct {
	Manager *Manager
	Source  series.EventSource
	State   StateStore
	// Late is how many days before the last day read are read again at
	// each step, for events coded after their day has passed (default 2).
	Late int

	series   *series.Series
	loadedTo series.Day
	loaded   bool
	last     time.Time
	lookback int
}

// NewWatcher returns a watcher for the rules of f, restoring the alert
// state st saved, if any.
func NewWatcher(ctx context.Context, f *File, src series.EventSource, st StateStore) (*Watcher, error) {
	w := &Watcher{Manager: NewManager(f), Source: src, State: st, Late: 2, series: series.New()}
	for _, r := range f.Rules() {
		n := 1
		if t := r.Threshold; t != nil {
			n = t.Window
		} else if c := r.Change; c != nil {
			n = c.Window * (c.Baseline + 1)
		}
		w.lookback = max(w.lookback, n)
	}
	snap, err := st.Load(ctx)
	if err != nil {
		return nil, fmt.Errorf("restore alert state: %w", err)
	}
	w.Manager.Restore(snap.Alerts)
	w.last = snap.At
	return w, nil
}

// LastEvaluated is the time of the last saved evaluation (zero if none):
// a replay resumes after it.
func (w *Watcher) LastEvaluated() time.Time { return w.last }

// Series is the series the watcher has read so far.
func (w *Watcher) Series() *series.Series { return w.series }

// Step reads new events up to the day of ts, evaluates at ts, saves the
// state and returns the transitions.
func (w *Watcher) Step(ctx context.Context, ts time.Time) ([]Transition, error) {
	day := series.DayOf(ts)
	from := day - series.Day(w.lookback) + 1
	if w.loaded {
		from = max(from, w.loadedTo-series.Day(w.Late))
	}
	if !w.loaded || day > w.loadedTo-series.Day(w.Late) {
		if err := w.series.Load(ctx, w.Source, from, day); err != nil {
			return nil, err
		}
		if !w.loaded || day > w.loadedTo {
			w.loadedTo = day
		}
		w.loaded = true
		// Forget what no rule can look at any more.
		w.series.Prune(day - series.Day(w.lookback) - series.Day(w.Late))
	}
	trs, err := w.Manager.Eval(ctx, ts, w.series)
	if err != nil {
		return nil, err
	}
	if err := w.State.Save(ctx, Snapshot{At: ts, Alerts: w.Manager.Alerts()}); err != nil {
		return trs, err
	}
	w.last = ts
	return trs, nil
}

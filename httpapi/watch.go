package httpapi

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

// Watch is an Alerts board driven by escalation rules (package rules) over
// the store's events, answered by a playbook (package playbook): Eval
// builds the daily series and moves each alert through its states; each
// alert carries its level's response; Ack acknowledges a firing alert,
// which applies the level's unit orders to the registry.
type Watch struct {
	mu   sync.Mutex
	file *rules.File
	mgr  *rules.Manager
	src  series.EventSource
	pb   *playbook.Playbook // nil: alerts carry no response
	reg  playbook.Registry
	acks map[string]Ack
	// state keeps alerts (and acks, when it is an AckStore) across
	// restarts; nil: they live in memory only.
	state rules.StateStore
	ackDB AckStore
	// readOnly: a replay (serve --as-of) that saves nothing and takes no
	// acknowledgement.
	readOnly bool
	// Lookback is how many days before the evaluated day the series
	// holds, enough for the rules' windows and baselines (default 90).
	Lookback int
	// Now is the clock; tests and the demo may set it.
	Now func() time.Time
}

// NewWatch returns a board for the rules of f over the events of src. pb
// may be nil (no responses); reg keeps the units' status and must be
// seeded with pb's units (nil: a fresh playbook.Memory seeded here).
func NewWatch(ctx context.Context, f *rules.File, pb *playbook.Playbook, reg playbook.Registry, src series.EventSource) (*Watch, error) {
	if reg == nil {
		reg = &playbook.Memory{}
		if pb != nil {
			if err := reg.Seed(ctx, pb.Units); err != nil {
				return nil, fmt.Errorf("watch: seed units: %w", err)
			}
		}
	}
	return &Watch{file: f, mgr: rules.NewManager(f), src: src, pb: pb, reg: reg, acks: map[string]Ack{}, Lookback: 90, Now: time.Now}, nil
}

// AckStore keeps acknowledgements across restarts (rules/sqlstate.DB and
// rules/pgstate.DB are). SaveAck replaces an alert's earlier
// acknowledgement.
type AckStore interface {
	SaveAck(ctx context.Context, fingerprint, by, why string, at time.Time) error
	LoadAcks(ctx context.Context, fn func(fingerprint, by, why string, at time.Time)) error
}

// Persist makes the board remember its alerts in st across restarts (and
// its acknowledgements, when st is also an AckStore): the saved state is
// loaded now and saved after each evaluation and acknowledgement. Unit
// status and the audit log live in the registry given to NewWatch.
func (w *Watch) Persist(ctx context.Context, st rules.StateStore) error {
	snap, err := st.Load(ctx)
	if err != nil {
		return fmt.Errorf("watch: load state: %w", err)
	}
	acks := map[string]Ack{}
	ackDB, _ := st.(AckStore)
	if ackDB != nil {
		err := ackDB.LoadAcks(ctx, func(fp, by, why string, at time.Time) { acks[fp] = Ack{By: by, Why: why, At: at} })
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.mgr.Restore(snap.Alerts)
	w.acks, w.state, w.ackDB = acks, st, ackDB
	return nil
}

// save writes the alerts held; the caller holds w.mu.
func (w *Watch) save(ctx context.Context, ts time.Time) error {
	if w.state == nil || w.readOnly {
		return nil
	}
	if err := w.state.Save(ctx, rules.Snapshot{At: ts, Alerts: w.mgr.Alerts()}); err != nil {
		return fmt.Errorf("watch: save state: %w", err)
	}
	return nil
}

// Eval evaluates the rules on the day of ts (and saves the alerts, see
// Persist).
func (w *Watch) Eval(ctx context.Context, ts time.Time) error { return w.eval(ctx, ts, true) }

// eval evaluates the rules on the day of ts; a replay saves only its end.
func (w *Watch) eval(ctx context.Context, ts time.Time, save bool) error {
	day := series.DayOf(ts)
	s := series.New()
	if err := s.Load(ctx, w.src, day-series.Day(w.Lookback), day); err != nil {
		return fmt.Errorf("watch: load series: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := w.mgr.Eval(ctx, ts, s); err != nil {
		return fmt.Errorf("watch: evaluate: %w", err)
	}
	if !save {
		return nil
	}
	return w.save(ctx, ts)
}

// Replay evaluates every day from..to in order, as a watcher running
// through those days would have, so that pending, firing and resolved
// states come out as they would have then.
func (w *Watch) Replay(ctx context.Context, from, to time.Time) error {
	var last time.Time
	for d := series.DayOf(from); d <= series.DayOf(to); d++ {
		// Evaluate at the end of the day: the whole day's events count.
		last = d.Time().Add(24*time.Hour - time.Second)
		if err := w.eval(ctx, last, false); err != nil {
			return err
		}
	}
	if last.IsZero() {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.save(ctx, last)
}

// ReplayToPeak replays from..to to find the day with the most firing
// alerts (the latest such day), then replays again up to that day and
// returns it: the board as it stood at the height of a past crisis, which
// is what a demo over old events wants to show.
func (w *Watch) ReplayToPeak(ctx context.Context, from, to time.Time) (time.Time, error) {
	peak, most := series.DayOf(to), -1
	for d := series.DayOf(from); d <= series.DayOf(to); d++ {
		if err := w.eval(ctx, d.Time().Add(24*time.Hour-time.Second), false); err != nil {
			return time.Time{}, err
		}
		n := 0
		w.mu.Lock()
		for _, a := range w.mgr.Alerts() {
			if a.State == rules.Firing {
				n++
			}
		}
		w.mu.Unlock()
		if n >= most {
			peak, most = d, n
		}
	}
	w.mu.Lock()
	w.mgr = rules.NewManager(w.file)
	w.acks = map[string]Ack{}
	w.mu.Unlock()
	end := peak.Time().Add(24*time.Hour - time.Second)
	return end, w.Replay(ctx, from, end)
}

// List implements Alerts.
func (w *Watch) List(ctx context.Context) ([]Alert, error) {
	if err := w.reloadAcks(ctx); err != nil {
		return nil, err
	}
	units, err := w.units(ctx)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	held := w.mgr.Alerts()
	out := make([]Alert, 0, len(held))
	for i := range held {
		out = append(out, w.view(&held[i], units))
	}
	return out, nil
}

// Ack implements Alerts: only a firing alert can be acknowledged, and the
// playbook wants who and why.
func (w *Watch) Ack(ctx context.Context, id, who, why string) (Alert, error) {
	w.mu.Lock()
	if w.readOnly {
		w.mu.Unlock()
		return Alert{}, errorf(KindInvalid, "this board is a replay (serve --as-of): it takes no acknowledgement")
	}
	var a *rules.Alert
	for _, x := range w.mgr.Alerts() {
		if x.Fingerprint == id && x.State != rules.Inactive {
			a = &x
			break
		}
	}
	w.mu.Unlock()
	switch {
	case a == nil:
		return Alert{}, faultline.ErrNotFound
	case a.State != rules.Firing:
		return Alert{}, errorf(KindInvalid, "only a firing alert can be acknowledged; this one is "+a.State.String())
	case strings.TrimSpace(why) == "":
		return Alert{}, errorf(KindInvalid, "say why")
	}
	now := w.Now().UTC()
	if w.pb != nil && w.pb.Applies(a.Labels) {
		if _, ok := w.pb.Response(a.Level); ok {
			_, err := playbook.Acknowledge(ctx, w.reg, w.pb, playbook.Ack{
				Fingerprint: a.Fingerprint, Rule: a.Rule, Level: a.Level, Firing: true, By: who, Why: why, At: now,
			})
			if err != nil {
				return Alert{}, fmt.Errorf("watch: acknowledge: %w", err)
			}
		}
	}
	if w.ackDB != nil {
		if err := w.ackDB.SaveAck(ctx, id, who, why, now); err != nil {
			return Alert{}, fmt.Errorf("watch: acknowledge: %w", err)
		}
	}
	w.mu.Lock()
	w.acks[id] = Ack{By: who, Why: why, At: now}
	w.mu.Unlock()
	units, err := w.units(ctx)
	if err != nil {
		return Alert{}, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.view(a, units), nil
}

func (w *Watch) units(ctx context.Context) (map[string]playbook.Unit, error) {
	us, err := w.reg.Units(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch: units: %w", err)
	}
	m := make(map[string]playbook.Unit, len(us))
	for _, u := range us {
		m[u.ID] = u
	}
	return m, nil
}

// view turns a rules alert into the API's, with its response and
// acknowledgement. The caller holds w.mu.
func (w *Watch) view(a *rules.Alert, units map[string]playbook.Unit) Alert {
	v := Alert{
		ID: a.Fingerprint, Rule: a.Rule, Group: a.Group, State: a.State.String(), Level: a.Level,
		Labels: a.Labels, Value: a.Value, Current: a.Current, Baseline: a.Baseline, Count: a.Count,
		Events: a.Events, Annotations: a.Annotations,
		ActiveAt: a.ActiveAt, FiredAt: a.FiredAt, ResolvedAt: a.ResolvedAt,
	}
	if v.Events == nil {
		v.Events = []string{}
	}
	ack, acked := w.acks[a.Fingerprint]
	if acked {
		v.Ack = &ack
	}
	if w.pb != nil && w.pb.Applies(a.Labels) {
		if lvl, ok := w.pb.Response(a.Level); ok {
			r := &Response{Level: lvl.Level, Name: lvl.Name, Action: lvl.Response, Status: "proposed"}
			if acked {
				r.Status = "ordered"
			}
			for _, act := range lvl.Actions {
				u := units[act.Unit]
				r.Units = append(r.Units, UnitOrder{Unit: act.Unit, Name: u.Name, Strength: u.Strength,
					Want: string(act.Status), Now: string(u.Status), Where: act.Where})
			}
			v.Response = r
		}
	}
	return v
}

// String describes the board in one line, for logs.
func (w *Watch) String() string {
	as, _ := w.List(context.Background())
	n := map[string]int{}
	for _, a := range as {
		n[a.State]++
	}
	return strconv.Itoa(n["firing"]) + " firing, " + strconv.Itoa(n["pending"]) + " pending, " + strconv.Itoa(n["resolved"]) + " resolved"
}

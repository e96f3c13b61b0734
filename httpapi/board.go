package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

// Board is the alert board as the page shows it: the alerts as of a day,
// each with its history, the unit registry and the audit log as they
// stood then.
type Board struct {
	AsOf   string            `json:"as_of"`  // the day the board shows, YYYY-MM-DD
	Replay bool              `json:"replay"` // a replay (read-only): acknowledging is refused
	Alerts []Alert           `json:"alerts"` // firing first, then pending, then resolved
	Units  []playbook.Unit   `json:"units"`  // status as of AsOf
	Audit  []playbook.Change `json:"audit"`  // changes up to AsOf, newest first
}

// HistoryStep is one state an alert entered, and when.
type HistoryStep struct {
	State string    `json:"state"` // pending, firing, resolved, acknowledged
	At    time.Time `json:"at"`
	By    string    `json:"by,omitempty"`
}

// BoardSource is what an Alerts implementation offers beyond the list
// for the page's board (Watch does); without it the board holds the
// alerts only.
type BoardSource interface {
	Board(ctx context.Context, asOf time.Time) (Board, error)
}

// getBoard answers GET /api/v1/board?as_of=YYYY-MM-DD (default: the
// board's own day).
func (s *Server) getBoard(w http.ResponseWriter, r *http.Request) error {
	var asOf time.Time
	if v := r.URL.Query().Get("as_of"); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return errorf(KindInvalid, "as_of is YYYY-MM-DD")
		}
		asOf = t
	}
	b := Board{Alerts: []Alert{}, Units: []playbook.Unit{}, Audit: []playbook.Change{}}
	switch src := s.cfg.Alerts.(type) {
	case nil:
	case BoardSource:
		var err error
		if b, err = src.Board(r.Context(), asOf); err != nil {
			return err
		}
	default:
		as, err := src.List(r.Context())
		if err != nil {
			return err
		}
		b.Alerts = as
	}
	sortAlerts(b.Alerts)
	reply(w, http.StatusOK, b, "")
	return nil
}

// sortAlerts orders a board: firing first, then pending, then resolved;
// higher levels first; newest first.
func sortAlerts(out []Alert) {
	sort.SliceStable(out, func(i, j int) bool {
		if stateRank[out[i].State] != stateRank[out[j].State] {
			return stateRank[out[i].State] < stateRank[out[j].State]
		}
		if out[i].Level != out[j].Level {
			return out[i].Level > out[j].Level
		}
		return out[i].ActiveAt.After(out[j].ActiveAt)
	})
}

// SetReadOnly makes the board a replay: it never saves its state and
// refuses acknowledgements (serve --as-of).
func (w *Watch) SetReadOnly() {
	w.mu.Lock()
	w.readOnly = true
	w.mu.Unlock()
}

// ReplayReadOnly evaluates every day from..to in memory, from a board with
// no alerts, saving nothing, and makes the board read-only at to: what
// `serve --as-of` shows.
func (w *Watch) ReplayReadOnly(ctx context.Context, from, to time.Time) error {
	mgr, err := w.replay(ctx, series.DayOf(from), series.DayOf(to))
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.mgr, w.readOnly = mgr, true
	end := series.DayOf(to).Time().Add(24*time.Hour - time.Second)
	w.Now = func() time.Time { return end }
	return nil
}

// replay evaluates the days from..to on a fresh manager, the series read
// once (a rule looks at days up to the evaluated one only).
func (w *Watch) replay(ctx context.Context, from, to series.Day) (*rules.Manager, error) {
	s := series.New()
	if err := s.Load(ctx, w.src, from-series.Day(w.Lookback), to); err != nil {
		return nil, fmt.Errorf("watch: load series: %w", err)
	}
	mgr := rules.NewManager(w.file)
	for d := from; d <= to; d++ {
		if _, err := mgr.Eval(ctx, d.Time().Add(24*time.Hour-time.Second), s); err != nil {
			return nil, fmt.Errorf("watch: evaluate: %w", err)
		}
	}
	return mgr, nil
}

// reloadAcks reads the acknowledgements again, so that those made with
// `faultline ack` in another process show.
func (w *Watch) reloadAcks(ctx context.Context) error {
	if w.ackDB == nil {
		return nil
	}
	acks := map[string]Ack{}
	if err := w.ackDB.LoadAcks(ctx, func(fp, by, why string, at time.Time) { acks[fp] = Ack{By: by, Why: why, At: at} }); err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	w.mu.Lock()
	w.acks = acks
	w.mu.Unlock()
	return nil
}

// Board implements BoardSource. A zero asOf is the board's own day (its
// clock); another day replays the rules up to it in memory (the board
// itself is not touched) and winds the unit registry back through its
// audit log.
func (w *Watch) Board(ctx context.Context, asOf time.Time) (Board, error) {
	if err := w.reloadAcks(ctx); err != nil {
		return Board{}, err
	}
	units, err := w.reg.Units(ctx)
	if err != nil {
		return Board{}, fmt.Errorf("watch: units: %w", err)
	}
	audit, err := w.reg.Audit(ctx)
	if err != nil {
		return Board{}, fmt.Errorf("watch: audit: %w", err)
	}
	now := w.Now().UTC()
	w.mu.Lock()
	readOnly := w.readOnly
	w.mu.Unlock()
	b := Board{Replay: readOnly, AsOf: now.Format(time.DateOnly)}
	var held []rules.Alert
	end := now
	if !asOf.IsZero() && series.DayOf(asOf) != series.DayOf(now) {
		end = series.DayOf(asOf).Time().Add(24*time.Hour - time.Second)
		from := series.DayOf(asOf) - series.Day(w.Lookback)
		mgr, err := w.replay(ctx, from, series.DayOf(asOf))
		if err != nil {
			return Board{}, err
		}
		held = mgr.Alerts()
		b.AsOf, b.Replay = asOf.Format(time.DateOnly), true
	} else {
		w.mu.Lock()
		held = w.mgr.Alerts()
		w.mu.Unlock()
	}
	// Units as they stood at end: undo, newest first, the changes made
	// after it.
	byID := map[string]int{}
	for i, u := range units {
		byID[u.ID] = i
	}
	sort.SliceStable(audit, func(i, j int) bool { return audit[i].At.After(audit[j].At) })
	kept := audit[:0:0]
	for _, c := range audit {
		if c.At.After(end) {
			if i, ok := byID[c.Unit]; ok {
				units[i].Status = c.From
			}
			continue
		}
		kept = append(kept, c)
	}
	um := make(map[string]playbook.Unit, len(units))
	for _, u := range units {
		um[u.ID] = u
	}
	w.mu.Lock()
	b.Alerts = make([]Alert, 0, len(held))
	for i := range held {
		v := w.view(&held[i], um)
		if v.Ack != nil && v.Ack.At.After(end) {
			v.Ack = nil
			if v.Response != nil {
				v.Response.Status = "proposed"
			}
		}
		v.History = history(&held[i], v.Ack)
		b.Alerts = append(b.Alerts, v)
	}
	w.mu.Unlock()
	b.Units, b.Audit = units, kept
	if b.Units == nil {
		b.Units = []playbook.Unit{}
	}
	return b, nil
}

// history lists the states an alert went through, oldest first.
func history(a *rules.Alert, ack *Ack) []HistoryStep {
	h := []HistoryStep{{State: "pending", At: a.ActiveAt}}
	if !a.FiredAt.IsZero() {
		h = append(h, HistoryStep{State: "firing", At: a.FiredAt})
	}
	if ack != nil {
		h = append(h, HistoryStep{State: "acknowledged", At: ack.At, By: ack.By})
	}
	if !a.ResolvedAt.IsZero() {
		h = append(h, HistoryStep{State: "resolved", At: a.ResolvedAt})
	}
	sort.SliceStable(h, func(i, j int) bool { return h[i].At.Before(h[j].At) })
	return h
}

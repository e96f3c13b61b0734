package rules

import (
	"context"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"

	"github.com/faultline/faultline/series"
)

// State is where an alert stands.
type State int

// The alert states. An alert is pending while its condition holds for less
// than the rule's `for`, firing after, and resolved once the condition (and
// keep_firing_for) has passed; resolved alerts are kept a while so that the
// resolution is sent too.
const (
	Inactive State = iota
	Pending
	Firing
	Resolved
)

var stateNames = [...]string{"inactive", "pending", "firing", "resolved"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return fmt.Sprintf("state(%d)", int(s))
	}
	return stateNames[s]
}

// MarshalText writes the state's name.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a state's name.
func (s *State) UnmarshalText(b []byte) error {
	for i, n := range stateNames {
		if n == string(b) {
			*s = State(i)
			return nil
		}
	}
	return fmt.Errorf("unknown alert state %q", b)
}

// Labels name an alert within its rule.
type Labels map[string]string

// String is the labels as k=v pairs, sorted by name.
func (l Labels) String() string {
	ks := make([]string, 0, len(l))
	for k := range l {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var b strings.Builder
	for i, k := range ks {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(l[k])
	}
	return b.String()
}

// Fingerprint identifies the alert of rule (in group) with labels l.
func Fingerprint(group, rule string, l Labels) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s", group, rule, l.String())
	return fmt.Sprintf("%016x", h.Sum64())
}

// Alert is one rule's alert for one label set.
type Alert struct {
	Fingerprint string `json:"fingerprint"`
	Group       string `json:"group"`
	Rule        string `json:"rule"`
	Labels      Labels `json:"labels"`
	Level       int    `json:"level"`
	State       State  `json:"state"`
	// Value is what the rule compared, of the kind ValueKind names: a
	// count or sum over the window (threshold), or a ratio or z-score
	// against the baseline (change). A resolved alert carries the value
	// of the evaluation that resolved it.
	Value       float64           `json:"value"`
	ValueKind   string            `json:"value_kind,omitempty"`
	Current     float64           `json:"current"`
	Baseline    float64           `json:"baseline"`
	Count       int               `json:"count"`
	Events      []string          `json:"events"`
	Annotations map[string]string `json:"annotations,omitempty"`
	// ActiveAt is when the condition began to hold, FiredAt when the alert
	// fired, ResolvedAt when it resolved; LastActiveAt the last evaluation
	// at which the condition held.
	ActiveAt     time.Time `json:"active_at"`
	FiredAt      time.Time `json:"fired_at,omitzero"`
	ResolvedAt   time.Time `json:"resolved_at,omitzero"`
	LastActiveAt time.Time `json:"last_active_at"`
}

// Transition is an alert changing state at an evaluation.
type Transition struct {
	At    time.Time
	From  State
	Alert Alert // as it is after the change
}

// DefaultRetention is how long a resolved alert is kept (and so not
// reopened as new by a flicker of its condition).
const DefaultRetention = 7 * 24 * time.Hour

// Manager holds the alerts of a set of rules and moves them from state to
// state at each evaluation. It is not safe for concurrent use.
type Manager struct {
	rules  []*Rule
	alerts map[string]*Alert
	// Retention is how long resolved alerts are kept.
	Retention time.Duration
}

// NewManager returns a manager for the rules of f, with no alerts.
func NewManager(f *File) *Manager {
	return &Manager{rules: f.Rules(), alerts: map[string]*Alert{}, Retention: DefaultRetention}
}

// Rules are the rules managed.
func (m *Manager) Rules() []*Rule { return m.rules }

// Restore replaces the manager's alerts with saved ones, dropping those
// whose rule is no longer in the file.
func (m *Manager) Restore(alerts []Alert) {
	known := map[string]bool{}
	for _, r := range m.rules {
		known[r.Group+"\x00"+r.Name] = true
	}
	m.alerts = map[string]*Alert{}
	for _, a := range alerts {
		if known[a.Group+"\x00"+a.Rule] && a.State != Inactive {
			a := a
			m.alerts[a.Fingerprint] = &a
		}
	}
}

// Alerts are the alerts held (pending, firing and recently resolved),
// ordered by rule and labels.
func (m *Manager) Alerts() []Alert {
	out := make([]Alert, 0, len(m.alerts))
	for _, a := range m.alerts {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].Labels.String() < out[j].Labels.String()
	})
	return out
}

// Eval evaluates every rule on the day of ts over s and returns the
// transitions, ordered by rule and labels. It reads nothing but s and ts.
func (m *Manager) Eval(ctx context.Context, ts time.Time, s *series.Series) ([]Transition, error) {
	day := series.DayOf(ts)
	var out []Transition
	for _, r := range m.rules {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		held, others := r.eval(s, day)
		out = append(out, m.evalRule(r, ts, held, others)...)
	}
	return out, nil
}

// evalRule moves the alerts of r given the samples that hold; others are
// the samples that do not, whose values resolved alerts take.
func (m *Manager) evalRule(r *Rule, ts time.Time, samples, others []Sample) []Transition {
	var out []Transition
	active := map[string]bool{}
	for _, smp := range samples {
		fp := Fingerprint(r.Group, r.Name, smp.Labels)
		active[fp] = true
		a := m.alerts[fp]
		from := Inactive
		if a != nil {
			from = a.State
		}
		if a == nil || a.State == Resolved {
			a = &Alert{Fingerprint: fp, Group: r.Group, Rule: r.Name, Labels: smp.Labels,
				Level: r.Level, State: Pending, ActiveAt: ts}
			m.alerts[fp] = a
		}
		a.Value, a.Current, a.Baseline, a.Count = smp.Value, smp.Current, smp.Baseline, smp.Count
		a.ValueKind = r.ValueKind()
		a.Events = make([]string, 0, len(smp.Events))
		for _, e := range smp.Events {
			a.Events = append(a.Events, e.ID)
		}
		a.Annotations = r.annotate(smp)
		a.LastActiveAt = ts
		if a.State == Pending && ts.Sub(a.ActiveAt) >= r.For {
			a.State, a.FiredAt = Firing, ts
		}
		if a.State != from {
			out = append(out, Transition{At: ts, From: from, Alert: copyAlert(a)})
		}
	}
	var gone []string
	for fp, a := range m.alerts {
		if a.Group != r.Group || a.Rule != r.Name || active[fp] {
			continue
		}
		switch a.State {
		case Pending:
			gone = append(gone, fp)
			from := a.State
			a.State = Inactive
			a.setEndValue(r, others)
			out = append(out, Transition{At: ts, From: from, Alert: copyAlert(a)})
		case Firing:
			if r.KeepFiringFor > 0 && ts.Sub(a.LastActiveAt) < r.KeepFiringFor {
				continue
			}
			a.State, a.ResolvedAt = Resolved, ts
			a.setEndValue(r, others)
			out = append(out, Transition{At: ts, From: Firing, Alert: copyAlert(a)})
		case Resolved:
			if ts.Sub(a.ResolvedAt) >= m.Retention {
				gone = append(gone, fp)
			}
		}
	}
	for _, fp := range gone {
		delete(m.alerts, fp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Alert.Labels.String() < out[j].Alert.Labels.String() })
	return out
}

// setEndValue gives an alert that stops holding the numbers of the
// evaluation that ended it, not those it last held with: zero when nothing
// of its label set is left in reach. Its events stay: they are what the
// alert was about.
func (a *Alert) setEndValue(r *Rule, others []Sample) {
	a.Value, a.Current, a.Baseline, a.Count = 0, 0, 0, 0
	for _, smp := range others {
		if Fingerprint(r.Group, r.Name, smp.Labels) == a.Fingerprint {
			a.Value, a.Current, a.Baseline, a.Count = smp.Value, smp.Current, smp.Baseline, smp.Count
			break
		}
	}
	a.ValueKind = r.ValueKind()
}

func copyAlert(a *Alert) Alert {
	c := *a
	c.Events = append([]string(nil), a.Events...)
	return c
}

package playbook

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// Change is one unit status change, as the audit log keeps it.
type Change struct {
	At       time.Time `json:"at"`
	Unit     string    `json:"unit"`
	From     Status    `json:"from"`
	To       Status    `json:"to"`
	Where    string    `json:"where,omitempty"`
	By       string    `json:"by"`
	Why      string    `json:"why"`
	Alert    string    `json:"alert,omitempty"` // the acknowledged alert's fingerprint
	Rule     string    `json:"rule,omitempty"`
	Level    int       `json:"level,omitempty"`
	Response string    `json:"response,omitempty"`
}

// Registry keeps the units' current status and the audit log of changes.
// Seed adds units not yet registered (a unit already known keeps its
// status); Apply records changes and the resulting statuses together, all
// or none. Unit returns ErrUnknownUnit for an id never seeded.
type Registry interface {
	Seed(ctx context.Context, units []Unit) error
	Units(ctx context.Context) ([]Unit, error)
	Apply(ctx context.Context, changes []Change) error
	Audit(ctx context.Context) ([]Change, error)
}

// ErrUnknownUnit is returned for a unit the registry does not hold.
var ErrUnknownUnit = errors.New("unknown unit")

// Memory is a Registry in memory, for tests.
type Memory struct {
	mu    sync.Mutex
	units map[string]Unit
	log   []Change
}

// Seed implements Registry.
func (m *Memory) Seed(ctx context.Context, units []Unit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.units == nil {
		m.units = map[string]Unit{}
	}
	for _, u := range units {
		if _, ok := m.units[u.ID]; !ok {
			m.units[u.ID] = u
		}
	}
	return nil
}

// Units implements Registry, in id order.
func (m *Memory) Units(ctx context.Context) ([]Unit, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Unit, 0, len(m.units))
	for _, u := range m.units {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Apply implements Registry.
func (m *Memory) Apply(ctx context.Context, changes []Change) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range changes {
		if _, ok := m.units[c.Unit]; !ok {
			return fmt.Errorf("apply change: %w %q", ErrUnknownUnit, c.Unit)
		}
	}
	for _, c := range changes {
		u := m.units[c.Unit]
		u.Status = c.To
		if c.Where != "" {
			u.Where = c.Where
		}
		m.units[c.Unit] = u
		m.log = append(m.log, c)
	}
	return nil
}

// Audit implements Registry, oldest first.
func (m *Memory) Audit(ctx context.Context) ([]Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Change(nil), m.log...), nil
}

// Ack is an operator's acknowledgement of a firing alert.
type Ack struct {
	Fingerprint string
	Rule        string
	Level       int
	Firing      bool // whether the alert is firing now
	By, Why     string
	At          time.Time
}

// Acknowledge applies the actions of the alert's level to the registry and
// returns the changes made (none when every unit already stands where the
// level wants it). It refuses an acknowledgement without who and why, or of
// an alert that is not firing.
func Acknowledge(ctx context.Context, reg Registry, p *Playbook, a Ack) ([]Change, error) {
	if strings.TrimSpace(a.By) == "" || strings.TrimSpace(a.Why) == "" {
		return nil, errors.New("acknowledge: say who acknowledges and why")
	}
	if !a.Firing {
		return nil, fmt.Errorf("acknowledge %s: the alert is not firing", a.Fingerprint)
	}
	lvl, ok := p.Response(a.Level)
	if !ok {
		return nil, fmt.Errorf("acknowledge %s: the playbook of %s has no level %d", a.Fingerprint, p.Theatre, a.Level)
	}
	units, err := reg.Units(ctx)
	if err != nil {
		return nil, fmt.Errorf("acknowledge: %w", err)
	}
	byID := map[string]Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	var changes []Change
	for _, act := range lvl.Actions {
		u, ok := byID[act.Unit]
		if !ok {
			return nil, fmt.Errorf("acknowledge: %w %q", ErrUnknownUnit, act.Unit)
		}
		if u.Status == act.Status && (act.Where == "" || act.Where == u.Where) {
			continue
		}
		changes = append(changes, Change{At: a.At, Unit: u.ID, From: u.Status, To: act.Status, Where: act.Where,
			By: a.By, Why: a.Why, Alert: a.Fingerprint, Rule: a.Rule, Level: a.Level, Response: lvl.Response})
	}
	if len(changes) == 0 {
		return nil, nil
	}
	if err := reg.Apply(ctx, changes); err != nil {
		return nil, fmt.Errorf("acknowledge: %w", err)
	}
	return changes, nil
}

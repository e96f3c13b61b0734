package rules

import (
	"context"
	"sync"
	"time"
)

// Snapshot is what a watcher saves after each evaluation: when it last
// evaluated, and the alerts it holds.
type Snapshot struct {
	At     time.Time
	Alerts []Alert
}

// StateStore keeps the alert state between runs, so that a restarted watcher
// neither forgets a firing alert nor fires it again. Load returns a zero
// Snapshot when nothing was saved; errors come from the backend.
type StateStore interface {
	Load(ctx context.Context) (Snapshot, error)
	Save(ctx context.Context, s Snapshot) error
}

// MemoryState is a StateStore in memory, for tests.
type MemoryState struct {
	mu   sync.Mutex
	snap Snapshot
}

// Load implements StateStore.
func (m *MemoryState) Load(ctx context.Context) (Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Snapshot{At: m.snap.At, Alerts: append([]Alert(nil), m.snap.Alerts...)}, nil
}

// Save implements StateStore.
func (m *MemoryState) Save(ctx context.Context, s Snapshot) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.snap = Snapshot{At: s.At, Alerts: append([]Alert(nil), s.Alerts...)}
	return nil
}

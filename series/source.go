package series

import (
	"context"
	"fmt"
	"sort"
	"sync"

	faultline "github.com/faultline/faultline"
)

// EventSource yields coded events by date. Events calls fn for every event dated
// from..to inclusive (YYYY-MM-DD; "" leaves that end open), in date order,
// and stops at fn's first error, which it returns. Other errors come from the
// backend (a closed database, a cancelled context).
//
// An EventSource may yield events of any modality: Series keeps the asserted ones.
type EventSource interface {
	Events(ctx context.Context, from, to string, fn func(faultline.Event) error) error
}

// Memory is an EventSource held in memory, for tests and `faultline rules test`.
// It is safe for concurrent use.
type Memory struct {
	mu     sync.Mutex
	events []faultline.Event
	sorted bool
}

// Add appends events.
func (m *Memory) Add(evs ...faultline.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.events = append(m.events, evs...)
	m.sorted = false
}

// Len is the number of events held.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.events)
}

// Events implements EventSource.
func (m *Memory) Events(ctx context.Context, from, to string, fn func(faultline.Event) error) error {
	m.mu.Lock()
	if !m.sorted {
		sort.SliceStable(m.events, func(i, j int) bool { return m.events[i].Date < m.events[j].Date })
		m.sorted = true
	}
	evs := m.events
	m.mu.Unlock()
	i := sort.Search(len(evs), func(i int) bool { return evs[i].Date >= from })
	for ; i < len(evs); i++ {
		if to != "" && evs[i].Date > to {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(evs[i]); err != nil {
			return err
		}
	}
	return nil
}

// FromStore adapts a faultline.EventStore (the SQLite or PostgreSQL store)
// to EventSource. It asks the store for asserted events only, so that the
// database does the filtering.
func FromStore(st faultline.EventStore) EventSource { return storeSource{st} }

type storeSource struct{ st faultline.EventStore }

func (s storeSource) Events(ctx context.Context, from, to string, fn func(faultline.Event) error) error {
	f := faultline.EventFilter{From: from, To: to, Modality: faultline.Asserted}
	err := s.st.Events(ctx, f, func(se faultline.StoredEvent) error { return fn(se.Event) })
	if err != nil {
		return fmt.Errorf("read events %s..%s: %w", from, to, err)
	}
	return nil
}

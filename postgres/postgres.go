// Package postgres is the faultline store for many writers and machines:
// PostgreSQL through pgx, with tsvector search over documents, a GiST index
// over event locations, and a queue that workers share with
// FOR UPDATE SKIP LOCKED.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/pgmigrate"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a faultline.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	// Rule decides which coded events are one incident.
	Rule faultline.IncidentRule
	// Lease is how long a claim holds when its worker's connection is
	// still open; a claim whose connection is gone is taken over at once.
	Lease time.Duration
	// Now is the clock; tests may set it.
	Now func() time.Time

	mu     sync.Mutex
	worker *pgxpool.Conn // the connection whose backend pid marks this store's claims
}

var _ faultline.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or DSN) and
// brings its schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	s := &Store{pool: pool, Rule: faultline.DefaultIncidentRule(), Lease: 10 * time.Minute, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open PostgreSQL %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	return s, nil
}

// Close releases the worker connection and closes the pool.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.worker != nil {
		s.worker.Release()
		s.worker = nil
	}
	s.mu.Unlock()
	s.pool.Close()
	return nil
}

// migrationLock serialises migrations of processes starting together.
const migrationLock = 0x6661756c746c696e // "faultlin"

// migrate applies, in name order, each embedded migration not yet recorded
// in schema_migrations, under an advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	return pgmigrate.Run(ctx, s.pool, migrations, "schema_migrations", migrationLock, s.Now)
}

// Counts reports how many records the store holds.
func (s *Store) Counts(ctx context.Context) (faultline.Counts, error) {
	var c faultline.Counts
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE near_of IS NOT NULL),
		(SELECT count(*) FROM documents WHERE state < 2),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions)`).Scan(&c.Documents, &c.NearCopies, &c.Queued, &c.Events, &c.Mentions)
	if err != nil {
		return c, fmt.Errorf("count: %w", err)
	}
	return c, nil
}

// workerConn returns the connection that claims and completes for this store.
func (s *Store) workerConn(ctx context.Context) (*pgxpool.Conn, error) {
	if s.worker == nil {
		c, err := s.pool.Acquire(ctx)
		if err != nil {
			return nil, err
		}
		s.worker = c
	}
	return s.worker, nil
}

func errorf(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

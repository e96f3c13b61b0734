// Package sqlite is the embedded faultline store: one SQLite file in WAL
// mode through the pure-Go modernc.org/sqlite driver, with FTS5 over
// documents and an R*Tree over event locations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/migrate"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a faultline.Store in one SQLite file.
type Store struct {
	db   *sql.DB
	path string
	// Rule decides which coded events are one incident.
	Rule faultline.IncidentRule
	// Now is the clock; tests may set it.
	Now func() time.Time

	// Lease is how long a claim holds while its process lives; a claim of
	// a process gone from this host is taken over at once.
	Lease time.Duration

	worker string // the name this store's claims carry
	// writeMu queues this process's write transactions in Go: waiting on
	// SQLite's busy handler instead costs sleeps of up to 100 ms each time
	// ingest's storing and coding goroutines meet.
	writeMu sync.Mutex
}

var _ faultline.Store = (*Store)(nil)

// Open opens (creating it if need be) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-65536)") // 64 MiB: fewer page spills during big batches
	q.Add("_pragma", "temp_store(MEMORY)")
	// Readers take pages from a memory map instead of a pread and a copy
	// into the page cache each (a full scan of 200,000 events: 69,000 to
	// 108,000 events/s); it only reserves address space.
	q.Add("_pragma", "mmap_size(2147483648)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path, Rule: faultline.DefaultIncidentRule(), Now: time.Now,
		Lease: 10 * time.Minute, worker: workerName()}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, explain(err))
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// explain turns SQLite's terse lock and permission errors into advice.
func explain(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only"):
		return fmt.Errorf("the database is read-only (check the file's and its directory's permissions): %w", err)
	case strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY"):
		return fmt.Errorf("the database is locked by another process (waited 10s): %w", err)
	case strings.Contains(msg, "not a database") || strings.Contains(msg, "malformed"):
		return fmt.Errorf("the file is not a faultline database or is damaged: %w", err)
	}
	return err
}

// migrate applies, in name order, each embedded migration not yet recorded
// in schema_migrations, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	return migrate.SQL(ctx, s.db, migrations, "schema_migrations", s.Now)
}

// Counts reports how many records the store holds.
func (s *Store) Counts(ctx context.Context) (faultline.Counts, error) {
	var c faultline.Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE near_of IS NOT NULL),
		(SELECT count(*) FROM documents WHERE coded = 0),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions)`).Scan(&c.Documents, &c.NearCopies, &c.Queued, &c.Events, &c.Mentions)
	if err != nil {
		return c, fmt.Errorf("count: %w", explain(err))
	}
	return c, nil
}

// errorf wraps a database error with what was being done.
func errorf(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", what, explain(err))
}

// beginWrite starts a write transaction (IMMEDIATE: it takes SQLite's write
// lock at once) after this process's other writers; done ends the wait of
// the next one and must be called once the transaction has ended.
func (s *Store) beginWrite(ctx context.Context) (tx *sql.Tx, done func(), err error) {
	s.writeMu.Lock()
	tx, err = s.db.BeginTx(ctx, nil)
	if err != nil {
		s.writeMu.Unlock()
		return nil, nil, err
	}
	var once sync.Once
	return tx, func() { once.Do(s.writeMu.Unlock) }, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

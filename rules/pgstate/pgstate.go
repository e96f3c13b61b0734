// Package pgstate keeps what `faultline watch` must remember between runs
// (alert state, the force registry and its audit log) in the faultline
// PostgreSQL database, beside the store's tables: the PostgreSQL twin of
// rules/sqlstate. Its schema is migrated apart from the store's, recorded
// in its own table watch_migrations.
package pgstate

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/faultline/faultline/internal/pgmigrate"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/internal/watchrows"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a rules.StateStore and a playbook.Registry in a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
}

var (
	_ rules.StateStore  = (*DB)(nil)
	_ playbook.Registry = (*DB)(nil)
)

// migrationLock serialises the watch migrations of processes starting
// together; it differs from the store's lock so that neither waits for the
// other.
const migrationLock = 0x6661756c74776174 // "faultwat"

// Open connects to the database at url (a postgres:// URL or DSN; a
// search_path parameter selects a schema) and brings the watch tables up
// to date.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open watch state: %w", err)
	}
	cfg.MaxConns = 2
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open watch state: %w", err)
	}
	d := &DB{pool: pool}
	if err := d.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open watch state %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	return d, nil
}

// Close closes the pool.
func (d *DB) Close() error {
	d.pool.Close()
	return nil
}

// migrate applies, in name order, each embedded migration not yet recorded
// in watch_migrations, each in its own transaction, under an advisory lock.
func (d *DB) migrate(ctx context.Context) error {
	return pgmigrate.Run(ctx, d.pool, migrations, "watch_migrations", migrationLock, time.Now)
}

// Load implements rules.StateStore.
func (d *DB) Load(ctx context.Context) (rules.Snapshot, error) {
	var snap rules.Snapshot
	var at string
	err := d.pool.QueryRow(ctx, `SELECT value FROM watch_meta WHERE name = 'evaluated_at'`).Scan(&at)
	if errors.Is(err, pgx.ErrNoRows) {
		return snap, nil
	}
	if err != nil {
		return snap, fmt.Errorf("load alert state: %w", err)
	}
	if snap.At, err = watchrows.EvaluatedAt(at); err != nil {
		return snap, err
	}
	rows, err := d.pool.Query(ctx, `SELECT body FROM watch_alerts ORDER BY fingerprint`)
	if err != nil {
		return snap, fmt.Errorf("load alert state: %w", err)
	}
	defer rows.Close()
	snap.Alerts, err = watchrows.Alerts(rows)
	return snap, err
}

// Save implements rules.StateStore: it replaces the saved alerts with s's,
// in one transaction.
func (d *DB) Save(ctx context.Context, s rules.Snapshot) error {
	var b pgx.Batch
	b.Queue(`DELETE FROM watch_alerts`)
	for _, a := range s.Alerts {
		args, err := watchrows.AlertArgs(a)
		if err != nil {
			return fmt.Errorf("save alert state: %w", err)
		}
		b.Queue(`INSERT INTO watch_alerts (fingerprint, rule, state, body) VALUES ($1, $2, $3, $4)`, args...)
	}
	b.Queue(`INSERT INTO watch_meta (name, value) VALUES ('evaluated_at', $1)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, watchrows.FormatAt(s.At))
	if err := d.batch(ctx, &b); err != nil {
		return fmt.Errorf("save alert state: %w", err)
	}
	return nil
}

// batch sends b in one transaction, one round trip.
func (d *DB) batch(ctx context.Context, b *pgx.Batch) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, b).Close()
	})
}

// Seed implements playbook.Registry.
func (d *DB) Seed(ctx context.Context, units []playbook.Unit) error {
	var b pgx.Batch
	for _, u := range units {
		b.Queue(`INSERT INTO watch_units (id, name, strength, status, location)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`, u.ID, u.Name, u.Strength, string(u.Status), u.Where)
	}
	if err := d.batch(ctx, &b); err != nil {
		return fmt.Errorf("seed units: %w", err)
	}
	return nil
}

// Units implements playbook.Registry, in id order.
func (d *DB) Units(ctx context.Context) ([]playbook.Unit, error) {
	rows, err := d.pool.Query(ctx, `SELECT id, name, strength, status, location FROM watch_units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	return watchrows.Units(rows)
}

// Apply implements playbook.Registry: every change and its audit line in
// one transaction, none if any unit is unknown.
func (d *DB) Apply(ctx context.Context, changes []playbook.Change) error {
	err := pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		for _, c := range changes {
			tag, err := tx.Exec(ctx, `UPDATE watch_units SET status = $1,
				location = CASE WHEN $2 = '' THEN location ELSE $2 END WHERE id = $3`, string(c.To), c.Where, c.Unit)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				return fmt.Errorf("%w %q", playbook.ErrUnknownUnit, c.Unit)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO watch_audit (at, unit, from_status, to_status, location,
				by_whom, why, alert, rule, level, response) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				watchrows.AuditArgs(c, c.At)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("apply unit changes: %w", err)
	}
	return nil
}

// Audit implements playbook.Registry, oldest first. Times come back in UTC,
// to the microsecond (PostgreSQL's precision).
func (d *DB) Audit(ctx context.Context) ([]playbook.Change, error) {
	rows, err := d.pool.Query(ctx, `SELECT at, unit, from_status, to_status, location, by_whom, why,
		alert, rule, level, response FROM watch_audit ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	return watchrows.Audit(rows, watchrows.NativeTime)
}

// SaveAck records that by acknowledged the alert with fingerprint fp at at,
// and why, replacing an earlier acknowledgement of it. The time is kept to
// the microsecond (PostgreSQL's precision).
func (d *DB) SaveAck(ctx context.Context, fp, by, why string, at time.Time) error {
	_, err := d.pool.Exec(ctx, `INSERT INTO watch_acks (fingerprint, by_whom, why, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (fingerprint) DO UPDATE SET by_whom = excluded.by_whom, why = excluded.why, at = excluded.at`,
		fp, by, why, at)
	if err != nil {
		return fmt.Errorf("save acknowledgement of %s: %w", fp, err)
	}
	return nil
}

// LoadAcks calls fn with each recorded acknowledgement, in fingerprint
// order; times come back in UTC.
func (d *DB) LoadAcks(ctx context.Context, fn func(fp, by, why string, at time.Time)) error {
	rows, err := d.pool.Query(ctx, `SELECT fingerprint, by_whom, why, at FROM watch_acks ORDER BY fingerprint`)
	if err != nil {
		return fmt.Errorf("load acknowledgements: %w", err)
	}
	defer rows.Close()
	return watchrows.Acks(rows, watchrows.NativeTime, fn)
}

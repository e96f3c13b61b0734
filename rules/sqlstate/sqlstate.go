// Package sqlstate keeps what `faultline watch` must remember between runs
// (alert state, the force registry and its audit log) in the faultline
// SQLite database file, beside the store's tables. Its schema is migrated
// apart from the store's, recorded in its own table watch_migrations, so
// that the two can evolve independently until the store absorbs it.
package sqlstate

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"time"

	"github.com/faultline/faultline/internal/migrate"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/internal/watchrows"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a rules.StateStore and a playbook.Registry in one SQLite file.
type DB struct {
	db *sql.DB
}

var (
	_ rules.StateStore  = (*DB)(nil)
	_ playbook.Registry = (*DB)(nil)
)

// Open opens (creating it if need be) the database at path and brings the
// watch tables up to date. The store may hold the same file open.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open watch state %s: %w", path, err)
	}
	db.SetMaxOpenConns(2)
	d := &DB{db: db}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open watch state %s: %w", path, err)
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// migrate applies, in name order, each embedded migration not yet recorded
// in watch_migrations, each in its own transaction.
func (d *DB) migrate(ctx context.Context) error {
	return migrate.SQL(ctx, d.db, migrations, "watch_migrations", time.Now)
}

// tx runs fn in a transaction, committing if it returns nil.
func (d *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Load implements rules.StateStore.
func (d *DB) Load(ctx context.Context) (rules.Snapshot, error) {
	var snap rules.Snapshot
	var at string
	err := d.db.QueryRowContext(ctx, `SELECT value FROM watch_meta WHERE name = 'evaluated_at'`).Scan(&at)
	if err == sql.ErrNoRows {
		return snap, nil
	}
	if err != nil {
		return snap, fmt.Errorf("load alert state: %w", err)
	}
	if snap.At, err = watchrows.EvaluatedAt(at); err != nil {
		return snap, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT body FROM watch_alerts ORDER BY fingerprint`)
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
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM watch_alerts`); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO watch_alerts (fingerprint, rule, state, body) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, a := range s.Alerts {
			args, err := watchrows.AlertArgs(a)
			if err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, args...); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO watch_meta (name, value) VALUES ('evaluated_at', ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, watchrows.FormatAt(s.At))
		return err
	})
	if err != nil {
		return fmt.Errorf("save alert state: %w", err)
	}
	return nil
}

// Seed implements playbook.Registry.
func (d *DB) Seed(ctx context.Context, units []playbook.Unit) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, u := range units {
			if _, err := tx.ExecContext(ctx, `INSERT INTO watch_units (id, name, strength, status, location)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, u.ID, u.Name, u.Strength, string(u.Status), u.Where); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("seed units: %w", err)
	}
	return nil
}

// Units implements playbook.Registry, in id order.
func (d *DB) Units(ctx context.Context) ([]playbook.Unit, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, strength, status, location FROM watch_units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	return watchrows.Units(rows)
}

// Apply implements playbook.Registry.
func (d *DB) Apply(ctx context.Context, changes []playbook.Change) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range changes {
			res, err := tx.ExecContext(ctx, `UPDATE watch_units SET status = ?,
				location = CASE WHEN ? = '' THEN location ELSE ? END WHERE id = ?`, string(c.To), c.Where, c.Where, c.Unit)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("%w %q", playbook.ErrUnknownUnit, c.Unit)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO watch_audit (at, unit, from_status, to_status, location,
				by_whom, why, alert, rule, level, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				watchrows.AuditArgs(c, watchrows.FormatAt(c.At))...); err != nil {
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

// Audit implements playbook.Registry, oldest first.
func (d *DB) Audit(ctx context.Context) ([]playbook.Change, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT at, unit, from_status, to_status, location, by_whom, why,
		alert, rule, level, response FROM watch_audit ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	return watchrows.Audit(rows, watchrows.TextTime)
}

// SaveAck records that by acknowledged the alert with fingerprint fp at at,
// and why, replacing an earlier acknowledgement of it.
func (d *DB) SaveAck(ctx context.Context, fp, by, why string, at time.Time) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO watch_acks (fingerprint, by_whom, why, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (fingerprint) DO UPDATE SET by_whom = excluded.by_whom, why = excluded.why, at = excluded.at`,
		fp, by, why, watchrows.FormatAt(at))
	if err != nil {
		return fmt.Errorf("save acknowledgement of %s: %w", fp, err)
	}
	return nil
}

// LoadAcks calls fn with each recorded acknowledgement, in fingerprint order.
func (d *DB) LoadAcks(ctx context.Context, fn func(fp, by, why string, at time.Time)) error {
	rows, err := d.db.QueryContext(ctx, `SELECT fingerprint, by_whom, why, at FROM watch_acks ORDER BY fingerprint`)
	if err != nil {
		return fmt.Errorf("load acknowledgements: %w", err)
	}
	defer rows.Close()
	return watchrows.Acks(rows, watchrows.TextTime, fn)
}

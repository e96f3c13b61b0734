package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"time"
)

// SQL brings a database/sql database (SQLite: ? placeholders, times as
// RFC 3339 text) up to date with files' migrations, recorded in table,
// stamped with now().
func SQL(ctx context.Context, db *sql.DB, files fs.FS, table string, now func() time.Time) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+table+` (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create %s: %w", table, err)
	}
	return Run(ctx, files, func(fn func(Tx) error) error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := fn(sqlTx{tx: tx, table: table, now: now}); err != nil {
			return err
		}
		return tx.Commit()
	})
}

type sqlTx struct {
	tx    *sql.Tx
	table string
	now   func() time.Time
}

func (t sqlTx) Applied(ctx context.Context, name string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.table+` WHERE name = ?`, name).Scan(&n)
	return n > 0, err
}

func (t sqlTx) Apply(ctx context.Context, name, body string) error {
	if _, err := t.tx.ExecContext(ctx, body); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, `INSERT INTO `+t.table+` (name, applied_at) VALUES (?, ?)`, name, t.now().UTC().Format(time.RFC3339))
	return err
}

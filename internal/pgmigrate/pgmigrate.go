// Package pgmigrate brings a PostgreSQL database up to date with a
// backend's embedded migrations through pgx, under an advisory lock so that
// processes starting together apply each migration once. The loop itself
// is internal/migrate's.
package pgmigrate

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/faultline/faultline/internal/migrate"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Run applies files' migrations not yet recorded in table, holding the
// advisory lock lock on one connection of pool meanwhile; each is stamped
// with now().
func Run(ctx context.Context, pool *pgxpool.Pool, files fs.FS, table string, lock int64, now func() time.Time) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lock); err != nil {
		return fmt.Errorf("lock for migrations: %w", err)
	}
	// The unlock must run even when ctx is done, or the lock outlives us
	// on a pooled connection.
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, lock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+table+` (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
		return fmt.Errorf("create %s: %w", table, err)
	}
	return migrate.Run(ctx, files, func(fn func(migrate.Tx) error) error {
		return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			return fn(pgTx{tx: tx, table: table, now: now})
		})
	})
}

type pgTx struct {
	tx    pgx.Tx
	table string
	now   func() time.Time
}

func (t pgTx) Applied(ctx context.Context, name string) (bool, error) {
	var n int
	err := t.tx.QueryRow(ctx, `SELECT count(*) FROM `+t.table+` WHERE name = $1`, name).Scan(&n)
	return n > 0, err
}

func (t pgTx) Apply(ctx context.Context, name, body string) error {
	if _, err := t.tx.Exec(ctx, body); err != nil {
		return err
	}
	_, err := t.tx.Exec(ctx, `INSERT INTO `+t.table+` (name, applied_at) VALUES ($1, $2)`, name, t.now())
	return err
}

// Package migrate applies a backend's embedded SQL migrations: each
// migrations/*.sql file, in name order, once, each in its own transaction,
// recorded by name in a table of the backend's choosing. The loop is shared
// here; each backend family supplies only its transactions and its SQL
// (see SQL for database/sql, package pgmigrate for pgx).
package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
)

// Tx is one migration's transaction, as the loop needs it.
type Tx interface {
	// Applied reports whether the migration name is already recorded.
	Applied(ctx context.Context, name string) (bool, error)
	// Apply runs a migration's SQL and records its name.
	Apply(ctx context.Context, name, body string) error
}

// Run applies each migrations/*.sql file of files not yet applied, in name
// order; inTx runs its function in a new transaction, committed if the
// function returns nil.
func Run(ctx context.Context, files fs.FS, inTx func(fn func(Tx) error) error) error {
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		err := inTx(func(tx Tx) error {
			done, err := tx.Applied(ctx, name)
			if err != nil || done {
				return err
			}
			body, err := fs.ReadFile(files, name)
			if err != nil {
				return err
			}
			return tx.Apply(ctx, name, string(body))
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

package migrate_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/faultline/faultline/internal/migrate"
)

// fakeTx records what Run applies; a migration whose body is "fail" fails.
type fakeTx struct{ applied *[]string }

func (t fakeTx) Applied(_ context.Context, name string) (bool, error) {
	return slices.Contains(*t.applied, name), nil
}

func (t fakeTx) Apply(_ context.Context, name, body string) error {
	if body == "fail" {
		return errors.New("syntax error")
	}
	*t.applied = append(*t.applied, name)
	return nil
}

func TestRun(t *testing.T) {
	files := fstest.MapFS{
		"migrations/0002_b.sql": {Data: []byte("B")},
		"migrations/0001_a.sql": {Data: []byte("A")},
		"migrations/notes.txt":  {Data: []byte("not a migration")},
	}
	tests := []struct {
		name    string
		already []string
		want    []string
	}{
		{"fresh", nil, []string{"migrations/0001_a.sql", "migrations/0002_b.sql"}},
		{"one applied", []string{"migrations/0001_a.sql"}, []string{"migrations/0001_a.sql", "migrations/0002_b.sql"}},
		{"up to date", []string{"migrations/0002_b.sql", "migrations/0001_a.sql"}, []string{"migrations/0002_b.sql", "migrations/0001_a.sql"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			applied := slices.Clone(tt.already)
			txs := 0
			err := migrate.Run(context.Background(), files, func(fn func(migrate.Tx) error) error {
				txs++
				return fn(fakeTx{&applied})
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(applied, tt.want) {
				t.Errorf("applied %v, want %v", applied, tt.want)
			}
			if txs != 2 {
				t.Errorf("%d transactions, want one a migration", txs)
			}
		})
	}
}

func TestRunNamesFailingMigration(t *testing.T) {
	files := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("A")},
		"migrations/0002_b.sql": {Data: []byte("fail")},
		"migrations/0003_c.sql": {Data: []byte("C")},
	}
	var applied []string
	err := migrate.Run(context.Background(), files, func(fn func(migrate.Tx) error) error {
		return fn(fakeTx{&applied})
	})
	if err == nil || !strings.Contains(err.Error(), "migration migrations/0002_b.sql: syntax error") {
		t.Errorf("error %v, want one naming 0002_b.sql", err)
	}
	if !slices.Equal(applied, []string{"migrations/0001_a.sql"}) {
		t.Errorf("applied %v, want only the migration before the failing one", applied)
	}
}

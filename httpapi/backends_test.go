package httpapi_test

import (
	"context"
	"path/filepath"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/rules/pgstate"
	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/rules/statetest"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

// backend is where a test keeps the store and the board's state, as serve
// does: one place (a SQLite file, a PostgreSQL schema) holding both, that
// a restarted server opens again.
type backend struct {
	name  string
	place func(t *testing.T) string
	store func(ctx context.Context, place string) (faultline.Store, error)
	state func(ctx context.Context, place string) (statetest.DB, error)
}

var backends = []backend{
	{
		name:  "sqlite",
		place: func(t *testing.T) string { return filepath.Join(t.TempDir(), "faultline.db") },
		store: func(ctx context.Context, path string) (faultline.Store, error) {
			st, err := sqlite.Open(ctx, path)
			if err != nil {
				return nil, err
			}
			// The tests' events are alike; they count them one by one.
			st.Rule = faultline.IncidentRule{Disabled: true}
			return st, nil
		},
		state: func(ctx context.Context, path string) (statetest.DB, error) { return sqlstate.Open(ctx, path) },
	},
	{
		// Skipped without $FAULTLINE_TEST_POSTGRES (storetest.PostgresSchema).
		name:  "postgres",
		place: func(t *testing.T) string { return storetest.PostgresSchema(t) },
		store: func(ctx context.Context, url string) (faultline.Store, error) {
			st, err := postgres.Open(ctx, url)
			if err != nil {
				return nil, err
			}
			st.Rule = faultline.IncidentRule{Disabled: true}
			return st, nil
		},
		state: func(ctx context.Context, url string) (statetest.DB, error) { return pgstate.Open(ctx, url) },
	},
}

// eachBackend runs fn as one subtest per backend.
func eachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b) })
	}
}

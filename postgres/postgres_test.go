package postgres_test

import (
	"context"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/storetest"
)

// newSchema creates an empty schema and returns a URL whose connections use
// it (storetest.PostgresSchema, which the other PostgreSQL suites share).
func newSchema(t testing.TB) string {
	t.Helper()
	return storetest.PostgresSchema(t)
}

// MustOpen opens a store on a new, empty schema.
func MustOpen(t testing.TB) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), newSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) faultline.Store { return MustOpen(t) })
}

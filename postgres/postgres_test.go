package postgres_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/storetest"
	"github.com/jackc/pgx/v5"
)

// testURL is the server the tests use; without it they skip.
func testURL(t testing.TB) string {
	u := os.Getenv("FAULTLINE_TEST_POSTGRES")
	if u == "" {
		t.Skip("FAULTLINE_TEST_POSTGRES is not set: PostgreSQL store tests skipped (.ci/postgres.sh starts a server and prints its URL)")
	}
	return u
}

var schemaSeq atomic.Int64

// newSchema creates an empty schema and returns a URL whose connections use it.
func newSchema(t testing.TB) string {
	t.Helper()
	u := testURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connect to %s: %v", u, err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("t%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), u)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
			c.Close(context.Background())
		}
	})
	sep := "?"
	for _, c := range u {
		if c == '?' {
			sep = "&"
		}
	}
	return u + sep + "search_path=" + name
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

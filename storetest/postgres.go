package storetest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var schemaSeq atomic.Int64

// PostgresSchema creates an empty schema in the server named by
// $FAULTLINE_TEST_POSTGRES, drops it when the test ends, and returns a URL
// whose connections use it. Without the variable the test is skipped.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	u := os.Getenv("FAULTLINE_TEST_POSTGRES")
	if u == "" {
		t.Skip("FAULTLINE_TEST_POSTGRES is not set: PostgreSQL tests skipped (.ci/postgres.sh starts a server and prints its URL)")
	}
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
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "search_path=" + name
}

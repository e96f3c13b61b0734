package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

// MustOpen opens a store in a new temporary file.
func MustOpen(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) faultline.Store { return MustOpen(t) })
}

func TestMigrationsRecordedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	for range 2 {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	var mode string
	if err := db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if n != len(files) || mode != "wal" {
		t.Errorf("%d migrations recorded, journal mode %q; want %d, wal", n, mode, len(files))
	}
}

func TestReadOnlyDatabase(t *testing.T) {
	if os.Geteuid() == 0 {
		// TestReadOnlyMode and cmd/faultline's TestIngestReadOnlyDatabase
		// run as root too.
		t.Skip("root ignores file permissions")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ro.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	s, err = sqlite.Open(context.Background(), path)
	if err == nil {
		_, err = s.AddDocuments(context.Background(), []faultline.NewDocument{storetest.NewDoc("x", "some text here")})
		s.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("writing a read-only database: %v, want a read-only error", err)
	}
}

// MustOpenPath opens a store at path.
func MustOpenPath(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

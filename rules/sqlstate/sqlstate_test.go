package sqlstate_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/rules/statetest"
	"github.com/faultline/faultline/sqlite"
)

func TestContract(t *testing.T) {
	statetest.Run(t, func(t *testing.T) statetest.Opener {
		path := filepath.Join(t.TempDir(), "f.db")
		// The store and the watch state share the file.
		st, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return func(t *testing.T) statetest.DB {
			db, err := sqlstate.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	}, "../../examples/kosovo/playbook.yml")
}

package sqlstate_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestAcksSurviveReopen: an acknowledgement saved is loaded by the next
// opening of the file; a second one of the same alert replaces it.
func TestAcksSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	db, err := sqlstate.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 5, 29, 18, 0, 0, 0, time.UTC)
	for _, a := range []struct{ fp, by, why string }{{"b", "first", "x"}, {"a", "officer", "30 injured"}, {"b", "second", "y"}} {
		if err := db.SaveAck(ctx, a.fp, a.by, a.why, at); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if db, err = sqlstate.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	err = db.LoadAcks(ctx, func(fp, by, why string, when time.Time) {
		got = append(got, fp+" "+by+" "+why+" "+when.Format(time.RFC3339))
	})
	want := []string{"a officer 30 injured 2023-05-29T18:00:00Z", "b second y 2023-05-29T18:00:00Z"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("LoadAcks = %q, %v; want %q", got, err, want)
	}
}

package pgstate_test

import (
	"context"
	"testing"

	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/rules/pgstate"
	"github.com/faultline/faultline/rules/statetest"
	"github.com/faultline/faultline/storetest"
)

func TestContract(t *testing.T) {
	statetest.Run(t, func(t *testing.T) statetest.Opener {
		url := storetest.PostgresSchema(t)
		// The store and the watch state share the schema.
		st, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return func(t *testing.T) statetest.DB {
			db, err := pgstate.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	}, "../../examples/kosovo/playbook.yml")
}

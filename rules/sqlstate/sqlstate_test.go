package sqlstate_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/sqlite"
)

func TestStateSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	// The store and the watch state share the file.
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db, err := sqlstate.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if snap, err := db.Load(ctx); err != nil || !snap.At.IsZero() || len(snap.Alerts) != 0 {
		t.Fatalf("fresh state %+v %v", snap, err)
	}
	at := time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC)
	want := rules.Snapshot{At: at, Alerts: []rules.Alert{{
		Fingerprint: "00ff", Group: "g", Rule: "R", Labels: rules.Labels{"admin1": "Mitrovica"}, Level: 2,
		State: rules.Firing, Value: 30, Current: 30, Count: 2, Events: []string{"e1", "e2"},
		Annotations: map[string]string{"summary": "30 injured"},
		ActiveAt:    at.AddDate(0, 0, -1), FiredAt: at.AddDate(0, 0, -1), LastActiveAt: at,
	}}}
	if err := db.Save(ctx, want); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlstate.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestRegistryAndAudit(t *testing.T) {
	ctx := context.Background()
	db, err := sqlstate.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := playbook.ParseFile("../../examples/kosovo/playbook.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Seed(ctx, p.Units); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 5, 30, 8, 0, 0, 0, time.UTC)
	ch, err := playbook.Acknowledge(ctx, db, p, playbook.Ack{Fingerprint: "f", Rule: "R", Level: 3, Firing: true,
		By: "J3 duty officer", Why: "third day of clashes", At: at})
	if err != nil || len(ch) != 1 {
		t.Fatalf("ack: %v %v", ch, err)
	}
	// Seeding again (a restart with the same playbook) keeps the new status.
	if err := db.Seed(ctx, p.Units); err != nil {
		t.Fatal(err)
	}
	units, _ := db.Units(ctx)
	for _, u := range units {
		if u.ID == "orf-2" && u.Status != playbook.HighAlert {
			t.Errorf("orf-2 is %s after ack and reseed, want high_alert", u.Status)
		}
	}
	log, err := db.Audit(ctx)
	if err != nil || len(log) != 1 || log[0].By != "J3 duty officer" || !log[0].At.Equal(at) || log[0].From != playbook.Garrison {
		t.Errorf("audit %+v %v", log, err)
	}
	if err := db.Apply(ctx, []playbook.Change{{Unit: "nobody", To: playbook.Ready}}); err == nil {
		t.Error("change of an unknown unit accepted")
	}
}

// Package statetest is the contract of what `faultline watch` keeps between
// runs (rules.StateStore and playbook.Registry): one suite, run by
// rules/sqlstate and rules/pgstate against their own backend.
package statetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
)

// DB is what a backend provides.
type DB interface {
	rules.StateStore
	playbook.Registry
	Close() error
}

// Opener opens the backend's database at one place, the same each call,
// created empty by the test's first call.
type Opener func(t *testing.T) DB

// NewPlace returns an Opener for a new, empty place (a file, a schema).
type NewPlace func(t *testing.T) Opener

// Run runs the whole contract. playbookPath is a playbook whose units are
// seeded (examples/kosovo/playbook.yml, with the unit orf-2).
func Run(t *testing.T, place NewPlace, playbookPath string) {
	t.Run("StateSurvivesReopen", func(t *testing.T) { testReopen(t, place(t)) })
	t.Run("RegistryAndAudit", func(t *testing.T) { testRegistry(t, place(t), playbookPath) })
}

func testReopen(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if snap, err := db.Load(ctx); err != nil || !snap.At.IsZero() || len(snap.Alerts) != 0 {
		t.Fatalf("fresh state %+v %v", snap, err)
	}
	at := time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC)
	alert := func(fp string, st rules.State) rules.Alert {
		return rules.Alert{
			Fingerprint: fp, Group: "g", Rule: "R", Labels: rules.Labels{"admin1": "Mitrovica"}, Level: 2,
			State: st, Value: 30, Current: 30, Count: 2, Events: []string{"e1", "e2"},
			Annotations: map[string]string{"summary": "30 injured"},
			ActiveAt:    at.AddDate(0, 0, -1), FiredAt: at.AddDate(0, 0, -1), LastActiveAt: at,
		}
	}
	first := rules.Snapshot{At: at, Alerts: []rules.Alert{alert("00aa", rules.Pending), alert("00ff", rules.Firing)}}
	if err := db.Save(ctx, first); err != nil {
		t.Fatal(err)
	}
	// A second save replaces the first whole; live times keep nanoseconds.
	want := rules.Snapshot{At: at.Add(time.Nanosecond * 1234567), Alerts: []rules.Alert{alert("00ff", rules.Firing)}}
	if err := db.Save(ctx, want); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open(t)
	defer db.Close()
	got, err := db.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func testRegistry(t *testing.T, open Opener, playbookPath string) {
	ctx := context.Background()
	db := open(t)
	defer db.Close()
	p, err := playbook.ParseFile(playbookPath)
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
	units, err := db.Units(ctx)
	if err != nil || len(units) != len(p.Units) {
		t.Fatalf("units %v %v, want %d", units, err, len(p.Units))
	}
	for i, u := range units {
		if i > 0 && units[i-1].ID >= u.ID {
			t.Errorf("units not in id order: %s before %s", units[i-1].ID, u.ID)
		}
		if u.ID == ch[0].Unit && u.Status != ch[0].To {
			t.Errorf("%s is %s after ack and reseed, want %s", u.ID, u.Status, ch[0].To)
		}
	}
	log, err := db.Audit(ctx)
	if err != nil || len(log) != 1 || log[0].By != "J3 duty officer" || !log[0].At.Equal(at) || log[0].From != playbook.Garrison || log[0].Level != 3 {
		t.Errorf("audit %+v %v", log, err)
	}
	// A batch with an unknown unit changes nothing, not even its known units.
	bad := []playbook.Change{{Unit: units[0].ID, From: units[0].Status, To: playbook.Deployed, At: at}, {Unit: "nobody", To: playbook.Ready, At: at}}
	if err := db.Apply(ctx, bad); err == nil {
		t.Error("change of an unknown unit accepted")
	}
	after, _ := db.Units(ctx)
	if !reflect.DeepEqual(after, units) {
		t.Errorf("a refused batch changed units:\n%v\nwas\n%v", after, units)
	}
	if log2, _ := db.Audit(ctx); len(log2) != 1 {
		t.Errorf("a refused batch wrote the audit log: %+v", log2)
	}
}

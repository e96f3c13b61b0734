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

// DB is what a backend provides: alert state, the force registry, and
// the acknowledgements of serve's board (httpapi.AckStore, whose methods
// are repeated here so that the contract does not import the HTTP API).
type DB interface {
	rules.StateStore
	playbook.Registry
	SaveAck(ctx context.Context, fingerprint, by, why string, at time.Time) error
	LoadAcks(ctx context.Context, fn func(fingerprint, by, why string, at time.Time)) error
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
	t.Run("AcksSurviveReopen", func(t *testing.T) { testAcks(t, place(t)) })
}

// testAcks: acknowledgements saved are loaded by the next opening, in
// fingerprint order, times in UTC; a second one of the same alert replaces
// the first.
func testAcks(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	var none int
	if err := db.LoadAcks(ctx, func(string, string, string, time.Time) { none++ }); err != nil || none != 0 {
		t.Fatalf("fresh acks: %d, %v", none, err)
	}
	// Microseconds: the finest time both backends keep (PostgreSQL's).
	at := time.Date(2023, 5, 29, 18, 0, 0, 123456000, time.UTC)
	// Saved in another zone, loaded in UTC.
	east := time.FixedZone("CEST", 2*3600)
	saves := []struct {
		fp, by, why string
		at          time.Time
	}{
		{"b", "first", "x", at},
		{"a", "officer", "30 injured", at.Add(time.Hour).In(east)},
		{"b", "second", "y", at.Add(2 * time.Hour)},
	}
	for _, a := range saves {
		if err := db.SaveAck(ctx, a.fp, a.by, a.why, a.at); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db = open(t)
	defer db.Close()
	type ack struct {
		fp, by, why string
		at          time.Time
	}
	var got []ack
	err := db.LoadAcks(ctx, func(fp, by, why string, when time.Time) { got = append(got, ack{fp, by, why, when}) })
	if err != nil {
		t.Fatal(err)
	}
	want := []ack{{"a", "officer", "30 injured", at.Add(time.Hour)}, {"b", "second", "y", at.Add(2 * time.Hour)}}
	if len(got) != len(want) {
		t.Fatalf("LoadAcks gave %d acknowledgements, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.fp != w.fp || g.by != w.by || g.why != w.why || !g.at.Equal(w.at) || g.at.Location() != time.UTC {
			t.Errorf("ack %d = %s %q %q %s, want %s %q %q %s", i, g.fp, g.by, g.why, g.at.Format(time.RFC3339Nano),
				w.fp, w.by, w.why, w.at.Format(time.RFC3339Nano))
		}
	}
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

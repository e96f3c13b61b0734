// Package kosovo_test plays the seed report's crisis through the watcher: a
// generated month of news about northern Kosovo, quiet at first, then
// clashes with injured peacekeepers, stored in a SQLite store (and in a
// PostgreSQL one when $FAULTLINE_TEST_POSTGRES names a server) and watched
// day by day with the rules and playbook of this directory.
//
// TestNewsScenario (text_test.go) writes the month as wire text and ingests
// it through the real reader, pipeline and store. The tests of this file
// store hand-made coded events instead: they pin exact values and dates the
// coder does not decide (pending and resolved days, hypothetical and
// negated deaths) and stop the watcher in the middle of an alert.
package kosovo_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/notify"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/postgres"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/pgstate"
	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/rules/statetest"
	"github.com/faultline/faultline/series"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/storetest"
)

// backend is where the scenario keeps its store and the watch state: a new
// place (a SQLite file, a PostgreSQL schema) for each store the test makes.
type backend struct {
	name  string
	place func(t *testing.T) string
	store func(ctx context.Context, place string) (faultline.Store, error)
	state func(ctx context.Context, place string) (statetest.DB, error)
}

var backends = []backend{
	{
		name:  "sqlite",
		place: func(t *testing.T) string { return filepath.Join(t.TempDir(), "kosovo.db") },
		store: func(ctx context.Context, path string) (faultline.Store, error) {
			return sqlite.Open(ctx, path)
		},
		state: func(ctx context.Context, path string) (statetest.DB, error) { return sqlstate.Open(ctx, path) },
	},
	{
		name:  "postgres",
		place: func(t *testing.T) string { return storetest.PostgresSchema(t) },
		store: func(ctx context.Context, url string) (faultline.Store, error) {
			return postgres.Open(ctx, url)
		},
		state: func(ctx context.Context, url string) (statetest.DB, error) { return pgstate.Open(ctx, url) },
	},
}

// setRule sets the incident rule of a store that has one.
func setRule(st faultline.Store, r faultline.IncidentRule) {
	switch st := st.(type) {
	case *sqlite.Store:
		st.Rule = r
	case *postgres.Store:
		st.Rule = r
	}
}

// eachBackend runs fn once per backend.
func eachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b) })
	}
}

var (
	zvecan   = faultline.Location{Name: "Zvecan", Country: "XKX", Admin1: "Mitrovica", Lat: 42.91, Lon: 20.84, Precision: "city"}
	pristina = faultline.Location{Name: "Pristina", Country: "XKX", Admin1: "Pristina", Lat: 42.67, Lon: 21.17, Precision: "city"}
)

type gen struct {
	day  string
	n    int
	docs map[string][]faultline.Event
}

func (g *gen) add(code, src, tgt string, loc faultline.Location, m faultline.Modality, q map[string]int) {
	e := faultline.Event{ID: fmt.Sprintf("%s:%d", g.day, g.n), DocID: "news-" + g.day, Date: g.day, CAMEO: code,
		Source: faultline.ActorRef{Code: src}, Target: faultline.ActorRef{Code: tgt}, Modality: m, Quantities: q, Location: &loc}
	cameo.Enrich(&e)
	g.n++
	g.docs[e.DocID] = append(g.docs[e.DocID], e)
}

// month generates the news of 2023-05-01 .. 2023-06-10. With history, one
// article also recalls the 1999 bombing (historical events with many
// killed) and speculates about the army (hypothetical).
func month(history bool) map[string][]faultline.Event {
	g := &gen{docs: map[string][]faultline.Event{}}
	r := rand.New(rand.NewPCG(2023, 5))
	start, _ := series.ParseDay("2023-05-01")
	for d := start; d.String() <= "2023-06-10"; d++ {
		g.day, g.n = d.String(), 0
		// Every day: talk. Statements, meetings, appeals.
		for i := 0; i < 1+r.IntN(3); i++ {
			codes := []string{"010", "036", "040", "043", "051"}
			actors := [][2]string{{"KSVGOV", "SRBGOV"}, {"IGOEU", "KSVGOV"}, {"SRBGOV", "IGOEU"}, {"USAGOV", "KSVGOV"}}
			a := actors[r.IntN(len(actors))]
			g.add(codes[r.IntN(len(codes))], a[0], a[1], pristina, faultline.Asserted, nil)
		}
		switch day := g.day; {
		case day < "2023-05-26":
			if r.IntN(4) == 0 { // now and then a small protest
				g.add("141", "KSVSRBCVL", "KSVGOV", zvecan, faultline.Asserted, nil)
			}
		case day < "2023-05-29": // mayors inaugurated: protests build
			for i := 0; i < 3; i++ {
				g.add("141", "KSVSRBCVL", "KSVGOV", zvecan, faultline.Asserted, map[string]int{"protesters": 300})
			}
			g.add("145", "KSVSRBCVL", "KSVCOP", zvecan, faultline.Asserted, map[string]int{"injured": 2})
		case day == "2023-05-29": // the clashes: some 30 peacekeepers injured
			g.add("145", "KSVSRBCVL", "IGOWSTNAT", zvecan, faultline.Asserted, map[string]int{"injured": 19})
			g.add("145", "KSVSRBCVL", "IGOWSTNAT", zvecan, faultline.Asserted, map[string]int{"injured": 11})
			g.add("145", "KSVSRBCVL", "IGOWSTNAT", zvecan, faultline.Asserted, nil)
			g.add("180", "KSVSRBCVL", "IGOWSTNAT", zvecan, faultline.Asserted, nil)
			g.add("180", "KSVSRBCVL", "KSVCOP", zvecan, faultline.Asserted, map[string]int{"injured": 3})
		case day <= "2023-06-02": // violence goes on, below the injuries of the 29th
			g.add("180", "KSVSRBCVL", "IGOWSTNAT", zvecan, faultline.Asserted, map[string]int{"injured": 2})
			for i := 0; i < 3; i++ {
				g.add("180", "KSVSRBCVL", "KSVCOP", zvecan, faultline.Asserted, map[string]int{"injured": 1})
			}
			if day == "2023-05-30" {
				// NATO's promise to send 700 more troops: future.
				g.add("074", "IGOWSTNAT", "KSV", pristina, faultline.Future, map[string]int{"troops": 700})
				// a battalion readied in case things get worse: hypothetical.
				g.add("150", "IGOWSTNAT", "KSV", pristina, faultline.Hypothetical, map[string]int{"troops": 700})
			}
		}
		if history && g.day == "2023-05-31" {
			// "KFOR was created in 1999 after NATO's months-long bombing ..."
			for i := 0; i < 5; i++ {
				g.add("195", "IGOWSTNAT", "SRBMIL", zvecan, faultline.Historical, map[string]int{"killed": 500, "injured": 1000})
			}
			g.add("190", "SRBMIL", "KSV", zvecan, faultline.Hypothetical, map[string]int{"killed": 50})
			g.add("190", "SRBMIL", "IGOWSTNAT", zvecan, faultline.Negated, map[string]int{"injured": 40})
		}
	}
	return g.docs
}

// storeMonth writes the generated news into a new store at place.
// Merging is off: each generated event is its own incident.
func storeMonth(t *testing.T, b backend, place string, docs map[string][]faultline.Event) {
	ctx := context.Background()
	st, err := b.store(ctx, place)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	setRule(st, faultline.IncidentRule{Disabled: true})
	var nd []faultline.NewDocument
	for id, evs := range docs {
		nd = append(nd, faultline.NewDocument{Document: faultline.Document{ID: id, Date: evs[0].Date, Text: "news of " + id}, Hash: id})
	}
	if _, err := st.AddDocuments(ctx, nd); err != nil {
		t.Fatal(err)
	}
	claimed, err := st.Claim(ctx, len(nd))
	if err != nil || len(claimed) != len(nd) {
		t.Fatalf("claimed %d of %d: %v", len(claimed), len(nd), err)
	}
	var coded []faultline.CodedDocument
	for _, d := range claimed {
		coded = append(coded, faultline.CodedDocument{DocID: d.ID, Events: docs[d.ID]})
	}
	if _, err := st.Complete(ctx, coded); err != nil {
		t.Fatal(err)
	}
}

// watch replays days from..to against the store at place, as `faultline
// watch` does, and returns the notifications. The watcher is built anew
// from the database each call, as after a restart.
func watch(t *testing.T, b backend, place, from, to string) []notify.Notification {
	ctx := context.Background()
	f, err := rules.ParseFile("rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	pb, err := playbook.ParseFile("playbook.yml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := b.store(ctx, place)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	state, err := b.state(ctx, place)
	if err != nil {
		t.Fatal(err)
	}
	defer state.Close()
	w, err := rules.NewWatcher(ctx, f, series.FromStore(st), state)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := series.ParseDay(from)
	last, _ := series.ParseDay(to)
	var out []notify.Notification
	for d := first; d <= last; d++ {
		trs, err := w.Step(ctx, d.Time())
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range trs {
			resp := ""
			if tr.Alert.State == rules.Firing || tr.Alert.State == rules.Resolved {
				resp = pb.ResponseFor(tr.Alert.Labels, tr.Alert.Level)
			}
			out = append(out, notify.FromTransition(tr, resp))
		}
	}
	return out
}

func line(n notify.Notification) string {
	s := fmt.Sprintf("%s L%d %-17s %-8s value %g", n.At.Format("2006-01-02"), n.Level, n.Rule, n.State, n.Value)
	if n.Response != "" {
		s += " -> " + n.Response
	}
	return s
}

func lines(ns []notify.Notification) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(line(n) + "\n")
	}
	return b.String()
}

var keepDB = flag.String("db", "", "also write the scenario's store to this `PATH` (to try faultline watch on it)")

func TestScenario(t *testing.T) {
	if *keepDB != "" {
		storeMonth(t, backends[0], *keepDB, month(true))
	}
	eachBackend(t, testScenario)
}

func testScenario(t *testing.T, b backend) {
	path := b.place(t)
	storeMonth(t, b, path, month(true))
	got := watch(t, b, path, "2023-05-01", "2023-06-10")
	t.Logf("transitions:\n%s", lines(got))

	first := map[string]notify.Notification{} // rule/state -> first such transition
	for _, n := range got {
		if _, ok := first[n.Rule+"/"+n.State]; !ok {
			first[n.Rule+"/"+n.State] = n
		}
		if n.Level >= 2 && n.At.Format("2006-01-02") < "2023-05-29" {
			t.Errorf("level %d before the clashes: %s", n.Level, line(n))
		}
	}
	expect := func(key, day, response string) {
		t.Helper()
		n, ok := first[key]
		if !ok {
			t.Errorf("no %s transition", key)
			return
		}
		if d := n.At.Format("2006-01-02"); d != day {
			t.Errorf("%s on %s, want %s", key, d, day)
		}
		if !strings.Contains(n.Response, response) {
			t.Errorf("%s carries %q, want the response with %q", key, n.Response, response)
		}
	}
	expect("AttacksOnForce/firing", "2023-05-29", "operational reserve battalion (700")
	expect("AttacksOnForce/resolved", "2023-06-01", "700")
	expect("ContinuedViolence/pending", "2023-05-31", "")
	expect("ContinuedViolence/firing", "2023-06-02", "second reserve battalion on high alert")
	expect("ContinuedViolence/resolved", "2023-06-03", "high alert")
	if n := first["AttacksOnForce/firing"]; n.Value != 30 || len(n.Events) != 4 || n.Labels["country"] != "XKX" {
		t.Errorf("level-2 alert: value %g, events %v, labels %v", n.Value, n.Events, n.Labels)
	}
	if _, ok := first["PeopleKilled/firing"]; ok {
		t.Error("PeopleKilled fired: historical, hypothetical or negated events were counted")
	}

	// The article recalling 1999 changes nothing at all.
	quiet := b.place(t)
	storeMonth(t, b, quiet, month(false))
	if without := watch(t, b, quiet, "2023-05-01", "2023-06-10"); lines(without) != lines(got) {
		t.Errorf("history changed the alerts:\nwith\n%s\nwithout\n%s", lines(got), lines(without))
	}
}

// TestRestart stops the watcher in the middle of the firing level-2 alert
// and starts a new one on the same database: the transitions are those of
// an uninterrupted run, with no second firing and the original times.
func TestRestart(t *testing.T) { eachBackend(t, testRestart) }

func testRestart(t *testing.T, b backend) {
	whole, split := b.place(t), b.place(t)
	storeMonth(t, b, whole, month(true))
	storeMonth(t, b, split, month(true))
	want := watch(t, b, whole, "2023-05-01", "2023-06-10")
	before := watch(t, b, split, "2023-05-01", "2023-05-30")
	ctx := context.Background()
	state, err := b.state(ctx, split)
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := state.Load(ctx)
	state.Close()
	firing := false
	for _, a := range snap.Alerts {
		firing = firing || a.Rule == "AttacksOnForce" && a.State == rules.Firing
	}
	if !firing {
		t.Fatalf("the saved state has no firing AttacksOnForce: %+v", snap.Alerts)
	}
	after := watch(t, b, split, "2023-05-31", "2023-06-10")
	got := append(before, after...)
	if lines(got) != lines(want) {
		t.Errorf("with a restart\n%s\nwithout\n%s", lines(got), lines(want))
	}
	for i := range got {
		if i < len(want) && got[i].Key != want[i].Key {
			t.Errorf("notification key %s after restart, %s without", got[i].Key, want[i].Key)
		}
	}
}

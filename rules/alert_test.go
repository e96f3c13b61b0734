package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

func clash(id, date, admin1 string, injured int) faultline.Event {
	return faultline.Event{ID: id, Date: date, Modality: faultline.Asserted, CAMEO: "145", Root: "14", QuadClass: 4,
		Goldstein: -7, Source: faultline.ActorRef{Code: "KSVSRBCVL"}, Target: faultline.ActorRef{Code: "IGOWSTNAT"},
		Quantities: map[string]int{"injured": injured},
		Location:   &faultline.Location{Name: admin1 + " town", Country: "XKX", Admin1: admin1, Lat: 42.9, Lon: 20.8}}
}

func mustParse(t *testing.T, src string) *rules.File {
	t.Helper()
	f, err := rules.Parse("test.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// run evaluates f day by day over events, returning transitions as
// "date rule{labels} from->to value" lines.
func run(t *testing.T, f *rules.File, events []faultline.Event, from, to string) []string {
	t.Helper()
	s := series.New()
	for _, e := range events {
		s.Add(e)
	}
	m := rules.NewManager(f)
	var out []string
	for ts := day(from); !ts.After(day(to)); ts = ts.AddDate(0, 0, 1) {
		trs, err := m.Eval(context.Background(), ts, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range trs {
			out = append(out, fmt.Sprintf("%s %s{%s} %s->%s %g", tr.At.Format(time.DateOnly), tr.Alert.Rule,
				tr.Alert.Labels, tr.From, tr.Alert.State, tr.Alert.Value))
		}
	}
	return out
}

func TestAlertLifecycle(t *testing.T) {
	const head = "groups:\n- name: g\n  rules:\n  - alert: A\n    by: [admin1]\n"
	events := []faultline.Event{
		clash("1", "2023-05-02", "north", 4),
		clash("2", "2023-05-03", "north", 6),
		clash("3", "2023-05-03", "south", 1),
		clash("4", "2023-05-04", "north", 5),
		clash("5", "2023-05-08", "north", 9),
	}
	for _, c := range []struct {
		name, rule string
		want       []string
	}{
		{"fires at once without for", "    threshold: {measure: injured, value: 5}\n", []string{
			"2023-05-03 A{admin1=north} inactive->firing 6",
			"2023-05-04 A{admin1=north} firing->firing 5",   // filtered below: no change, no transition
			"2023-05-05 A{admin1=north} firing->resolved 0", // its own value: nothing injured that day
			"2023-05-08 A{admin1=north} resolved->firing 9",
			"2023-05-09 A{admin1=north} firing->resolved 0",
		}},
		{"pending until for has passed", "    threshold: {measure: injured, value: 5}\n    for: 1d\n", []string{
			"2023-05-03 A{admin1=north} inactive->pending 6",
			"2023-05-04 A{admin1=north} pending->firing 5",
			"2023-05-05 A{admin1=north} firing->resolved 0",
			"2023-05-08 A{admin1=north} resolved->pending 9",
			"2023-05-09 A{admin1=north} pending->inactive 0",
		}},
		{"keep firing bridges a gap", "    threshold: {measure: injured, value: 5}\n    keep_firing_for: 4d\n", []string{
			"2023-05-03 A{admin1=north} inactive->firing 6",
			"2023-05-12 A{admin1=north} firing->resolved 0",
		}},
		{"window sums days", "    threshold: {measure: events, window: 2d, value: 2}\n", []string{
			"2023-05-03 A{admin1=north} inactive->firing 2",
			"2023-05-05 A{admin1=north} firing->resolved 1", // the day's own value, not the last that held
		}},
		{"below a threshold", "    threshold: {measure: goldstein, window: 2d, op: \"<\", value: -10}\n", []string{
			"2023-05-03 A{admin1=north} inactive->firing -14",
			"2023-05-05 A{admin1=north} firing->resolved -7",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, mustParse(t, head+c.rule), events, "2023-05-01", "2023-05-20")
			var want []string
			for _, w := range c.want {
				if !strings.Contains(w, "firing->firing") {
					want = append(want, w)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestChangeNeedsMinimumCount(t *testing.T) {
	src := `groups:
- name: g
  rules:
  - alert: Surge
    change: {measure: events, window: 1d, baseline: 5, ratio: 3, min_count: 4}
`
	var events []faultline.Event
	add := func(date string, n int) {
		for i := 0; i < n; i++ {
			events = append(events, clash(fmt.Sprintf("%s-%d", date, i), date, "north", 0))
		}
	}
	// One event a day is the history a baseline needs (days without any
	// event are no data, not quiet ones).
	for d := day("2023-04-26"); d.Before(day("2023-05-10")); d = d.AddDate(0, 0, 1) {
		if s := d.Format(time.DateOnly); s != "2023-05-03" {
			add(s, 1)
		}
	}
	add("2023-05-03", 3) // 1 -> 3: a ratio of 3, but under the minimum count
	add("2023-05-10", 6) // a surge
	got := run(t, mustParse(t, src), events, "2023-05-01", "2023-05-12")
	want := []string{
		"2023-05-10 Surge{} inactive->firing 6",
		"2023-05-11 Surge{} firing->resolved 0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestZScoreAndScope(t *testing.T) {
	src := `groups:
- name: g
  rules:
  - alert: Z
    scope: {admin1: [north], target: [IGO], root: ["14"], bbox: [20, 42, 21, 43]}
    change: {measure: injured, window: 1d, baseline: 4, z: 2, min_count: 1}
    annotations:
      summary: "{{.Value}} from {{.Baseline}} top {{(index .Events 0).ID}}"
`
	events := []faultline.Event{
		clash("a", "2023-05-01", "north", 2), clash("b", "2023-05-02", "north", 4),
		clash("c", "2023-05-03", "north", 2), clash("d", "2023-05-04", "north", 4),
		clash("e", "2023-05-05", "north", 9), clash("f", "2023-05-05", "north", 1),
		clash("g", "2023-05-05", "south", 90), // outside the scope
	}
	f := mustParse(t, src)
	s := series.New()
	for _, e := range events {
		s.Add(e)
	}
	d, _ := series.ParseDay("2023-05-05")
	smp := f.Rules()[0].Eval(s, d)
	if len(smp) != 1 {
		t.Fatalf("got %d samples", len(smp))
	}
	// baseline 2,4,2,4: mean 3, sd 1; current 10 -> z = 7
	if smp[0].Value != 7 || smp[0].Baseline != 3 || smp[0].Current != 10 || smp[0].Count != 2 {
		t.Errorf("sample %+v", smp[0])
	}
	if smp[0].Events[0].ID != "e" {
		t.Errorf("top event %s, want e (most injured)", smp[0].Events[0].ID)
	}
	m := rules.NewManager(f)
	trs, _ := m.Eval(context.Background(), day("2023-05-05"), s)
	if len(trs) != 1 || trs[0].Alert.Annotations["summary"] != "7 from 3 top e" {
		t.Errorf("transitions %+v", trs)
	}
}

func TestRestoreKeepsFiringAlert(t *testing.T) {
	f := mustParse(t, "groups:\n- name: g\n  rules:\n  - alert: A\n    threshold: {value: 1}\n")
	s := series.New()
	s.Add(clash("1", "2023-05-02", "north", 1))
	s.Add(clash("2", "2023-05-03", "north", 1))
	m := rules.NewManager(f)
	ctx := context.Background()
	m.Eval(ctx, day("2023-05-02"), s)
	var st rules.MemoryState
	if err := st.Save(ctx, rules.Snapshot{At: day("2023-05-02"), Alerts: m.Alerts()}); err != nil {
		t.Fatal(err)
	}
	snap, _ := st.Load(ctx)
	m2 := rules.NewManager(f)
	m2.Restore(snap.Alerts)
	trs, _ := m2.Eval(ctx, day("2023-05-03"), s)
	if len(trs) != 0 {
		t.Errorf("restored firing alert changed state: %+v", trs)
	}
	trs, _ = m2.Eval(ctx, day("2023-05-04"), s)
	if len(trs) != 1 || trs[0].Alert.State != rules.Resolved || !trs[0].Alert.FiredAt.Equal(day("2023-05-02")) {
		t.Errorf("want a resolution of the alert fired on 05-02, got %+v", trs)
	}
}

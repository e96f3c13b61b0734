package rules_test

import (
	"fmt"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/rules"
)

const tensionRule = `groups:
- name: g
  rules:
  - alert: Tension
    change: {measure: events, window: 3d, baseline: 4, ratio: 3, min_count: 6}
`

// perDay returns n clashes on each day from start, one count per day.
func perDay(start string, counts ...int) []faultline.Event {
	var evs []faultline.Event
	d := day(start)
	for i, n := range counts {
		date := d.AddDate(0, 0, i).Format("2006-01-02")
		for j := 0; j < n; j++ {
			evs = append(evs, clash(fmt.Sprintf("%s-%d", date, j), date, "north", 0))
		}
	}
	return evs
}

// TestChangeNeedsHistory is issue 14 item 13: watch raised a ratio alert
// on a store's second day from no history ("6 conflict events in 3 days
// against 0.0 usually").
func TestChangeNeedsHistory(t *testing.T) {
	f := mustParse(t, tensionRule)
	if got := run(t, f, perDay("2023-05-01", 1, 6), "2023-05-01", "2023-05-12"); len(got) != 0 {
		t.Errorf("a surge on the store's second day fired:\n%s", strings.Join(got, "\n"))
	}
	// Eight quiet days hold two whole baseline windows before the current
	// one, the two (half of 4) a change needs; the mean is over them (3 a
	// window), not diluted by the days before the store began.
	got := run(t, f, perDay("2023-05-02", 1, 1, 1, 1, 1, 1, 1, 1, 8), "2023-05-01", "2023-05-10")
	if want := "2023-05-10 Tension{} inactive->firing 3.3333333333333335"; strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	// With one baseline window of history only, the same surge is no alert.
	if got := run(t, f, perDay("2023-05-05", 1, 1, 1, 1, 1, 8), "2023-05-05", "2023-05-10"); len(got) != 0 {
		t.Errorf("a surge after one baseline window fired:\n%s", strings.Join(got, "\n"))
	}
	if n := mustParse(t, tensionRule).Rules()[0].Change.MinBaselineWindows(); n != 2 {
		t.Errorf("MinBaselineWindows of baseline 4 = %d, want 2", n)
	}
}

// TestChangeSkipsWindowsWithoutData: a baseline window in which the store
// holds nothing at all (its feeds were down) is left out of the mean, while
// a quiet window of the rule's own scope (events elsewhere) counts as zero.
func TestChangeSkipsWindowsWithoutData(t *testing.T) {
	f := mustParse(t, `groups:
- name: g
  rules:
  - alert: Tension
    scope: {admin1: [north]}
    change: {measure: events, window: 3d, baseline: 4, ratio: 3, min_count: 6}
`)
	// 05-01..05-06: 2 a day in the north; 05-07..05-09: nothing stored;
	// 05-10..05-12: 12 in the north.
	evs := perDay("2023-05-01", 2, 2, 2, 2, 2, 2, 0, 0, 0, 4, 4, 4)
	got := run(t, f, evs, "2023-05-12", "2023-05-12")
	// Known windows 05-01..03 and 05-04..06 sum 6 each: 12/6 = 2, no alert.
	// Counting the gap as quiet would give 12/4 = 3 and fire.
	if len(got) != 0 {
		t.Errorf("a gap in the data counted as quiet:\n%s", strings.Join(got, "\n"))
	}
	// The same gap filled with events elsewhere is a quiet north: it counts.
	for _, d := range []string{"2023-05-07", "2023-05-08", "2023-05-09"} {
		evs = append(evs, clash("south-"+d, d, "south", 0))
	}
	if got := run(t, f, evs, "2023-05-12", "2023-05-12"); len(got) != 1 || !strings.HasPrefix(got[0], "2023-05-12 Tension{} inactive->firing 3") {
		t.Errorf("got %q; want a firing alert with ratio 3", got)
	}
}

// TestValueKind: what an alert's value means is said per rule kind.
func TestValueKind(t *testing.T) {
	f := mustParse(t, `groups:
- name: g
  rules:
  - alert: Count
    threshold: {measure: events, value: 1}
  - alert: Sum
    threshold: {measure: injured, value: 1}
  - alert: Ratio
    change: {measure: events, ratio: 2}
  - alert: Z
    change: {measure: intensity, z: 2}
`)
	want := map[string]string{"Count": rules.ValueCount, "Sum": rules.ValueSum, "Ratio": rules.ValueRatio, "Z": rules.ValueZ}
	for _, r := range f.Rules() {
		if got := r.ValueKind(); got != want[r.Name] {
			t.Errorf("%s: value kind %q, want %q", r.Name, got, want[r.Name])
		}
	}
}

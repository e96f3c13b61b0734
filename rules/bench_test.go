package rules_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

var benchCodes = []string{"010", "020", "036", "040", "042", "051", "057", "061", "071", "111", "112", "120",
	"130", "138", "141", "145", "150", "172", "173", "180", "181", "183", "186", "190", "193", "195", "200"}

// benchEvents are n events over a year in 40 countries, 8 regions each, 4
// places a region and 60 actors; a fifth state injured, a tenth killed.
func benchEvents(n int) []faultline.Event {
	r := rand.New(rand.NewPCG(1, 2))
	start, _ := series.ParseDay("2023-01-01")
	evs := make([]faultline.Event, n)
	for i := range evs {
		c := r.IntN(40)
		a1 := r.IntN(8)
		code := benchCodes[r.IntN(len(benchCodes))]
		q := map[string]int{}
		if r.IntN(5) == 0 {
			q["injured"] = 1 + r.IntN(20)
		}
		if r.IntN(10) == 0 {
			q["killed"] = 1 + r.IntN(5)
		}
		evs[i] = faultline.Event{
			ID: fmt.Sprintf("e%d", i), Date: (start + series.Day(r.IntN(365))).String(), Modality: faultline.Asserted,
			CAMEO: code, Root: code[:2], QuadClass: 1 + int(code[0]-'0')/1, Goldstein: float64(r.IntN(20)) - 10,
			Source: faultline.ActorRef{Code: fmt.Sprintf("C%02dGOV", r.IntN(60))}, Target: faultline.ActorRef{Code: fmt.Sprintf("C%02dCVL", r.IntN(60))},
			Quantities: q,
			Location: &faultline.Location{Name: fmt.Sprintf("p%d-%d-%d", c, a1, r.IntN(4)), Country: fmt.Sprintf("C%02d", c),
				Admin1: fmt.Sprintf("a%d-%d", c, a1), Lat: float64(c), Lon: float64(a1)},
		}
		if evs[i].QuadClass > 4 {
			evs[i].QuadClass = 4
		}
	}
	return evs
}

// benchRules are n rules: a quarter unscoped and split by country, the rest
// scoped to one country and split by region or place; thresholds and
// changes over 1, 3 and 7 days.
func benchRules(n int) string {
	var b strings.Builder
	b.WriteString("groups:\n- name: bench\n  rules:\n")
	measures := []string{"events", "injured", "killed", "intensity"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - alert: R%d\n    level: %d\n", i, 1+i%3)
		if i%4 == 0 {
			b.WriteString("    by: [country]\n")
			fmt.Fprintf(&b, "    scope: {quad_class: [%d]}\n", 1+i%4)
		} else {
			by := []string{"admin1", "place", "country"}[i%3]
			fmt.Fprintf(&b, "    by: [%s]\n    scope: {country: [C%02d], root: [\"%02d\", \"18\"]}\n", by, i%40, 1+i%20)
		}
		win := []string{"1d", "3d", "7d"}[i%3]
		m := measures[i%len(measures)]
		if i%2 == 0 {
			fmt.Fprintf(&b, "    threshold: {measure: %s, window: %s, value: %d}\n", m, win, 5+i%7)
		} else {
			fmt.Fprintf(&b, "    change: {measure: %s, window: %s, baseline: 4, z: 2}\n", m, win)
		}
		b.WriteString("    annotations: {summary: \"{{.Value}} {{.Measure}}\"}\n")
	}
	return b.String()
}

var benchSeries = sync.OnceValue(func() *series.Series {
	s := series.New()
	for _, e := range benchEvents(1_000_000) {
		s.Add(e)
	}
	return s
})

// BenchmarkEval500Rules1MEvents is one evaluation of 500 rules over the
// daily series of 1,000,000 events (the series is built once, outside the
// timer, as a watcher keeps it between evaluations).
func BenchmarkEval500Rules1MEvents(b *testing.B) {
	s := benchSeries()
	f, err := rules.Parse("bench.yml", []byte(benchRules(500)))
	if err != nil {
		b.Fatal(err)
	}
	ts, _ := series.ParseDay("2023-09-30")
	m := rules.NewManager(f)
	b.ResetTimer()
	alerts := 0
	for b.Loop() {
		trs, err := m.Eval(context.Background(), ts.Time(), s)
		if err != nil {
			b.Fatal(err)
		}
		alerts += len(trs)
	}
	b.ReportMetric(float64(len(m.Alerts())), "alerts")
}

// BenchmarkSeriesBuild1M is building the daily series from 1,000,000
// events held in memory (a watcher does this once, then adds new days).
func BenchmarkSeriesBuild1M(b *testing.B) {
	evs := benchEvents(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		s := series.New()
		for _, e := range evs {
			s.Add(e)
		}
	}
}

package demo

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/pipeline"
	frules "github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

// The demo's wire reports state their tolls in a few set phrases; what
// they state is what the series must show, each figure once.
var (
	killedRe  = regexp.MustCompile(`killing one officer`)
	injuredRe = regexp.MustCompile(`injuring (\d+) (?:soldiers|officers)|(\d+) peacekeepers were injured|(\d+) officers were injured|wounded (\d+) police officers`)
)

// TestSeriesFigures codes the demo with the real pipeline and checks, day
// by day, that the series holds each officer killed and each injury total
// once: not zero for single deaths, not twice for an attack coded as two
// events.
func TestSeriesFigures(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(set, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := series.New()
	wantKilled, wantInjured := map[string]int{}, map[string]int{}
	for _, d := range docs {
		wantKilled[d.Date] += len(killedRe.FindAllString(d.Text, -1))
		for _, m := range injuredRe.FindAllStringSubmatch(d.Text, -1) {
			for _, g := range m[1:] {
				if n, err := strconv.Atoi(g); err == nil {
					wantInjured[d.Date] += n
				}
			}
		}
		for _, e := range p.Code(d).Events {
			s.Add(e)
		}
	}
	gotKilled, gotInjured := map[string]int{}, map[string]int{}
	ki, ii := series.QuantityIndex("killed"), series.QuantityIndex("injured")
	s.Scan(s.First, s.Last, func(d series.Day, c *series.Cell) {
		gotKilled[d.String()] += int(c.Qty[ki])
		gotInjured[d.String()] += int(c.Qty[ii])
	})
	days := map[string]bool{}
	for _, m := range []map[string]int{wantKilled, wantInjured, gotKilled, gotInjured} {
		for d := range m {
			days[d] = true
		}
	}
	var order []string
	for d := range days {
		order = append(order, d)
	}
	sort.Strings(order)
	totalKilled := 0
	for _, d := range order {
		totalKilled += wantKilled[d]
		if gotKilled[d] != wantKilled[d] || gotInjured[d] != wantInjured[d] {
			t.Errorf("%s: series killed %d injured %d, the reports state killed %d injured %d",
				d, gotKilled[d], gotInjured[d], wantKilled[d], wantInjured[d])
		}
	}
	if totalKilled == 0 {
		t.Error("the demo states no deaths: the test checks nothing about single deaths")
	}

	// The rules over that series: on the first day dozens of peacekeepers
	// are injured, the reserve is deployed (level 2) and a second battalion
	// put on high alert (level 3) the same day; an officer killed raises
	// level 3 too.
	f, err := frules.Parse("rules.yml", Rules())
	if err != nil {
		t.Fatal(err)
	}
	m := frules.NewManager(f)
	firstFiring := map[string]string{}
	for d := s.First; d <= s.Last; d++ {
		if _, err := m.Eval(context.Background(), d.Time(), s); err != nil {
			t.Fatal(err)
		}
		for _, a := range m.Alerts() {
			if a.State == frules.Firing && firstFiring[a.Rule] == "" {
				firstFiring[a.Rule] = d.String()
			}
		}
	}
	dozens := ""
	for _, d := range order {
		for _, doc := range docs {
			if doc.Date == d && dozens == "" {
				for _, mm := range injuredRe.FindAllStringSubmatch(doc.Text, -1) {
					if n, _ := strconv.Atoi(mm[2]); n >= 24 {
						dozens = d // "NATO said 26 peacekeepers were injured"
					}
				}
			}
		}
	}
	if dozens == "" {
		t.Fatal("no report of dozens of peacekeepers injured in the demo")
	}
	if firstFiring["AttacksOnForce"] != dozens || firstFiring["MassInjuriesOnForce"] != dozens {
		t.Errorf("dozens of peacekeepers injured on %s: reserve (AttacksOnForce) first fired %q, second battalion (MassInjuriesOnForce) %q; want both that day",
			dozens, firstFiring["AttacksOnForce"], firstFiring["MassInjuriesOnForce"])
	}
	if firstFiring["PeopleKilled"] == "" {
		t.Error("PeopleKilled never fired although officers were killed")
	}
}

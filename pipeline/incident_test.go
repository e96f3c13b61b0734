package pipeline

import (
	"testing"

	faultline "github.com/faultline/faultline"
)

// incidentTotals is what a consumer counts of a document: for each key the
// largest asserted figure of each incident, summed over incidents.
func incidentTotals(evs []faultline.Event) map[string]int {
	best := map[string]map[string]int{}
	for _, e := range evs {
		if e.Modality != faultline.Asserted {
			continue
		}
		if best[e.Incident] == nil {
			best[e.Incident] = map[string]int{}
		}
		for k, n := range e.Quantities {
			if n > best[e.Incident][k] {
				best[e.Incident][k] = n
			}
		}
	}
	out := map[string]int{}
	for _, m := range best {
		for k, n := range m {
			out[k] += n
		}
	}
	return out
}

func incidentsOf(evs []faultline.Event) map[string]bool {
	m := map[string]bool{}
	for _, e := range evs {
		if e.Incident == "" {
			continue
		}
		m[e.Incident] = true
	}
	return m
}

func TestIncidents(t *testing.T) {
	p := newPipeline(t, Options{})
	for _, c := range []struct {
		name, text string
		want       map[string]int
		incidents  int // 0: not checked
	}{
		{"single death", "Gunmen killed a Kosovo police officer near Leposavic on Sunday.",
			map[string]int{"killed": 1}, 1},
		{"single death after", "Serb gunmen attacked a police patrol near Zubin Potok, killing one officer.",
			map[string]int{"killed": 1}, 1},
		{"death in another clause", "One police officer was killed when gunmen attacked a patrol near Zvecan.",
			map[string]int{"killed": 1}, 1},
		{"toll in a later sentence", "Rebels ambushed an army convoy on the road north of Beni. Four soldiers died in the attack.",
			map[string]int{"killed": 4}, 1},
		{"toll line", "On 3 May 2024, gunmen attacked a police post near Kaya. 3 fatalities.",
			map[string]int{"killed": 3}, 1},
		{"labelled toll line", "On 3 May 2024, militants raided a market in Djibo and burned shops. Fatalities: 4",
			map[string]int{"killed": 4}, 1},
		{"no casualties", "On 3 May 2024, rebels shelled an army camp near Goma. No casualties were reported.",
			map[string]int{}, 1},
		{"fatalities unknown", "On 3 May 2024, soldiers clashed with militiamen near Bunia. Fatalities unknown.",
			map[string]int{}, 1},
		{"one incident, several events", "Serb protesters attacked KFOR troops in Zvecan with stones and firebombs, injuring 18 soldiers.",
			map[string]int{"injured": 18}, 1},
		{"two incidents", "Gunmen shot dead two traders in Beni on Monday. In a separate incident, rebels killed three farmers near Oicha.",
			map[string]int{"killed": 5}, 2},
		{"hypothetical", "Aid agencies warned that renewed fighting around the city could kill thousands.",
			map[string]int{}, 0},
		{"historical", "In 1999 NATO bombed Serbian positions, killing 40 soldiers.",
			map[string]int{}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := p.Code(faultline.Document{ID: "d", Text: c.text, Date: "2024-05-03"})
			if len(res.Events) == 0 {
				t.Fatalf("no events from %q", c.text)
			}
			got := incidentTotals(res.Events)
			for k, n := range c.want {
				if got[k] != n {
					t.Errorf("%s = %d, want %d (%+v)", k, got[k], n, got)
				}
			}
			for _, k := range []string{"killed", "injured"} {
				if _, want := c.want[k]; !want && got[k] != 0 {
					t.Errorf("%s = %d, want none", k, got[k])
				}
			}
			if n := len(incidentsOf(res.Events)); c.incidents > 0 && n != c.incidents {
				t.Errorf("%d incidents, want %d", n, c.incidents)
			}
			for _, e := range res.Events {
				if e.Incident == "" {
					t.Errorf("event %s has no incident", e.ID)
				}
			}
		})
	}
}

// TestReportedCounts: a count someone reports keeps who said it, and the
// speaker is never the one who did the harm.
func TestReportedCounts(t *testing.T) {
	p := newPipeline(t, Options{})
	res := p.Code(faultline.Document{ID: "d", Date: "2023-05-30",
		Text: "NATO said 26 peacekeepers were injured in clashes with protesters."})
	found := false
	for _, e := range res.Events {
		if e.Quantities["injured"] == 0 {
			continue
		}
		found = true
		if e.Attribution.Code != "IGOWSTNAT" {
			t.Errorf("event %s (%s) with injured %d: attribution %+v, want NATO", e.ID, e.CAMEO, e.Quantities["injured"], e.Attribution)
		}
	}
	if !found {
		t.Errorf("no event holds the 26 injured: %+v", res.Events)
	}
	if got := incidentTotals(res.Events)["injured"]; got != 26 {
		t.Errorf("injured counted %d, want 26", got)
	}
}

// TestFigureRecord: each count carries the record of where it was stated
// (document, sentence, words), also when a later line stated it.
func TestFigureRecord(t *testing.T) {
	p := newPipeline(t, Options{})
	text := "On 3 May 2024, gunmen attacked a police post near Kaya, wounding two officers. 3 fatalities."
	res := p.Code(faultline.Document{ID: "d", Text: text, Date: "2024-05-03"})
	found := map[string]string{}
	for _, e := range res.Events {
		for _, f := range e.Figures {
			if f.DocID != "d" || f.Span.Start < 0 || f.Span.End > len(text) || f.Span.End <= f.Span.Start {
				t.Fatalf("figure %+v: bad place", f)
			}
			found[f.Key] = text[f.Span.Start:f.Span.End] + "@" + string(rune('0'+f.Sentence))
			if e.Quantities[f.Key] < f.Value {
				t.Errorf("event %s: %s %d below its figure %+v", e.ID, f.Key, e.Quantities[f.Key], f)
			}
		}
	}
	if found["killed"] != "3 fatalities@1" || found["injured"] != "two officers@0" {
		t.Errorf("figures %v, want killed from '3 fatalities' in sentence 1 and injured from 'two officers' in sentence 0", found)
	}
}

package enrich

import (
	"maps"
	"testing"
)

func TestQuantities(t *testing.T) {
	type q = map[string]int
	type n = map[string]string
	for _, c := range []struct {
		s     string
		want  q
		notes n
	}{
		{"NATO will [send] 700 additional peacekeepers to Kosovo.", q{Troops: 700}, nil},
		{"NATO will [send] another 700 troops.", q{Troops: 700}, nil},
		{"NATO [deployed] some 700 soldiers.", q{Troops: 700}, n{Troops: NoteApprox}},
		{"About 700 peacekeepers will be [deployed] to Kosovo.", q{Troops: 700}, n{Troops: NoteApprox}},
		{"The force [comprised] approximately 50,000 soldiers.", nil, nil},
		{"Rebels [attacked] 300 soldiers.", nil, nil},
		{"NATO sent troops to Kosovo, where 30 soldiers were [injured].", q{Injured: 30}, nil},
		{"NATO [sent] troops to Kosovo, where 30 soldiers were injured.", nil, nil},
		{"Thirty soldiers were [injured] in clashes.", q{Injured: 30}, nil},
		{"A bomb [exploded] in a market, killing at least 12 people.", q{Killed: 12}, n{Killed: NoteAtLeast}},
		{"Police [arrested] 25 protesters.", q{Arrested: 25}, nil},
		{"Police [arrested] 25 protesters in the capital.", q{Arrested: 25}, nil},
		{"Thousands of protesters [marched] in the capital.", q{Protesters: 2000}, n{Protesters: NoteApprox}},
		{"Dozens of people were [injured] during the standoff.", q{Injured: 24}, n{Injured: NoteApprox}},
		{"More than 100 people were [killed].", q{Killed: 100}, n{Killed: NoteAtLeast}},
		{"Between 10 and 15 people were [killed].", q{Killed: 10}, n{Killed: "range 10-15"}},
		{"10 to 15 people were [killed].", q{Killed: 10}, n{Killed: "range 10-15"}},
		{"Nearly 40 civilians were [wounded].", q{Injured: 40}, n{Injured: NoteApprox}},
		{"The [clashes] left 12 dead and 30 wounded.", q{Killed: 12, Injured: 30}, nil},
		{"Gunmen [killed] 12 and wounded 30.", q{Killed: 12, Injured: 30}, nil},
		{"The death toll from the [attack] rose to 40.", q{Killed: 40}, nil},
		{"The fighting [forced] 5,000 people to flee.", q{Displaced: 5000}, nil},
		{"1.5 million people [fled] the fighting.", q{Displaced: 1500000}, nil},
		{"Two dozen rioters were [detained].", q{Arrested: 24}, nil},
		{"A rally of 5,000 [blocked] the road.", q{Protesters: 5000}, nil},
		{"2,000 people [protested] in Pristina.", q{Protesters: 2000}, nil},
		{"One of the protesters was [killed].", q{Killed: 1}, nil},
		{"Police [arrested] 25 maoists.", q{Arrested: 25}, nil},
		{"The bombing [killed] 12 Serbs.", q{Killed: 12}, nil},
		{"Despite a turnout of less than 4%, authorities [deemed] the votes valid.", nil, nil},
		{"In 1999 NATO [bombed] Serbia.", nil, nil},
		{"2008 [saw] the declaration of independence.", nil, nil},
		{"A 30-year-old man was [killed].", q{Killed: 1}, nil}, // one man, not 30
		{"The [attack] killed 12 hours after the truce.", nil, nil},
		{"Serbia [paid] $5 million to 30 families.", nil, nil},
		{"Police [detained] a man aged 45.", q{Arrested: 1}, nil},
		// Single deaths and injuries (issue 12).
		{"Gunmen [killed] a Kosovo police officer near Leposavic.", q{Killed: 1}, nil},
		{"Serb gunmen [attacked] a patrol, killing one officer.", q{Killed: 1}, nil},
		{"One police officer was [killed] when gunmen attacked a patrol.", q{Killed: 1}, nil},
		{"A student was [killed] at the campus gate.", q{Killed: 1}, nil},
		{"Another soldier was [wounded] by sniper fire.", q{Injured: 1}, nil},
		{"Militants [shot] dead a shopkeeper in the market.", q{Killed: 1}, nil},
		{"The driver was [killed] when the mine exploded.", q{Killed: 1}, nil},
		{"The soldiers were [killed] in the ambush.", nil, nil},
		{"A group of youths [blocked] the road.", nil, nil},
		{"Police [detained] a suspect and two accomplices.", q{Arrested: 1}, nil},
		{"A convoy [came] under fire.", nil, nil},
		{"Two police officers were [injured] by stones.", q{Injured: 2}, nil},
		{"Gunmen [attacked] the base; 5 soldiers and 12 attackers were killed.", nil, nil},
		{"The [clashes] left 5 soldiers and 12 militants dead.", q{Killed: 17}, nil},
		// Counts of what may happen never feed an asserted event.
		{"The UN warned that renewed [fighting] could kill thousands.", nil, nil},
		{"Officials [said] thousands could be displaced by the floods.", nil, nil},
		{"The militia [attacked] the town and threatened to kill 20 hostages.", nil, nil},
		{"Five days later, police [arrested] 3 suspects.", q{Arrested: 3}, nil},
		{"The alliance [sent] 30 trucks of aid.", nil, nil},
		// Lower-cased text, as in the police reports.
		{"police [arrested] five persons on tuesday.", q{Arrested: 5}, nil},
		{"three accused were [arrested] by the police.", q{Arrested: 3}, nil},
		{"two persons were [killed] and 12 injured in the clash.", q{Killed: 2, Injured: 12}, nil},
		{"over 200 people [protested] outside the police station.", q{Protesters: 200}, n{Protesters: NoteAtLeast}},
	} {
		got := enrichOne(t, c.s, "2023-05-30", "")
		if !maps.Equal(got.Quantities, c.want) || !maps.Equal(got.QuantityNotes, c.notes) {
			t.Errorf("%q: got %v %v, want %v %v", c.s, got.Quantities, got.QuantityNotes, c.want, c.notes)
		}
	}
}

// Counts of harm belong to the violent event a statement reports, never to
// the statement; troops may be what an appeal or offer is about.
func TestQuantitiesByRoot(t *testing.T) {
	type q = map[string]int
	for _, c := range []struct {
		s, cameo string
		want     q
	}{
		{"NATO [said] 26 peacekeepers were injured.", "010", nil},
		{"Police [said] five protesters were killed in the clashes.", "010", nil},
		{"Serbia [accused] Kosovo police of arresting 12 Serbs.", "112", nil},
		{"2,000 people [protested] in Pristina.", "141", q{Protesters: 2000}},
		{"26 peacekeepers were [injured] on Monday.", "182", q{Injured: 26}},
		{"Police [arrested] 25 protesters.", "173", q{Arrested: 25}},
		{"Kosovo [asked] NATO to deploy 500 more troops.", "0234", q{Troops: 500}},
	} {
		got := enrichOne(t, c.s, "2023-05-30", c.cameo)
		if !maps.Equal(got.Quantities, c.want) {
			t.Errorf("%q (%s): got %v, want %v", c.s, c.cameo, got.Quantities, c.want)
		}
	}
}
